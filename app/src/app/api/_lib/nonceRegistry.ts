/**
 * The nonces of signed requests already accepted, each remembered until its signature would have
 * expired anyway (after that the freshness check refuses it). Kept in the server's memory: one app
 * process serves the routes; several processes behind a balancer would need a shared store
 * (Redis `SET NX PX`) behind the same interface.
 */

export type NonceRegistry = {
  /** Records `nonce` until `expiresAtMs`; false when it is already recorded (a replay). */
  use(nonce: string, expiresAtMs: number): boolean;
  readonly size: number;
};

/** Nonces held at most; beyond it the soonest to expire are dropped (they are nearly stale). */
export const MAX_REMEMBERED_NONCES = 100_000;

export function createNonceRegistry(params: { now?: () => number; maxEntries?: number } = {}): NonceRegistry {
  const now = params.now ?? Date.now;
  const maxEntries = params.maxEntries ?? MAX_REMEMBERED_NONCES;
  const seen = new Map<string, number>();
  const sweep = () => {
    const time = now();
    for (const [nonce, expires] of seen) if (expires <= time) seen.delete(nonce);
    if (seen.size < maxEntries) return;
    const bySoonest = [...seen].sort((a, b) => a[1] - b[1]);
    for (const [nonce] of bySoonest.slice(0, seen.size - maxEntries + 1)) seen.delete(nonce);
  };
  return {
    use(nonce, expiresAtMs) {
      const expires = seen.get(nonce);
      if (expires !== undefined && expires > now()) return false;
      if (seen.size >= maxEntries) sweep();
      seen.set(nonce, expiresAtMs);
      return true;
    },
    get size() {
      return seen.size;
    },
  };
}
