/**
 * A per-client rate limit for the upload routes: a token bucket per client key, `capacity`
 * requests at once, refilled at `refillPerMinute`. A refusal says when the next request will be
 * accepted (`Retry-After`). Buckets live in memory, at most `maxClients` of them (the longest
 * idle ones go first), so a flood of distinct keys cannot exhaust the server.
 */

const EPSILON = 1e-9;

export type RateLimitDecision = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

export type RateLimiter = { take(key: string): RateLimitDecision };

export type RateLimiterOptions = {
  capacity: number;
  refillPerMinute: number;
  maxClients?: number;
  /** Milliseconds; `Date.now` unless a test fixes it. */
  now?: () => number;
};

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { capacity, refillPerMinute } = options;
  if (!(capacity >= 1) || !(refillPerMinute > 0)) {
    throw new RangeError(`A rate limit needs a capacity ≥ 1 and a refill > 0 (got ${capacity}, ${refillPerMinute})`);
  }
  const now = options.now ?? Date.now;
  const maxClients = options.maxClients ?? 10_000;
  const perMs = refillPerMinute / 60_000;
  // Insertion order is recency order: a bucket is re-inserted on every use.
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key) {
      const time = now();
      const bucket = buckets.get(key) ?? { tokens: capacity, at: time };
      buckets.delete(key);
      const tokens = Math.min(capacity, bucket.tokens + (time - bucket.at) * perMs);
      // A refill that lands exactly on a whole token must not miss it by a rounding error.
      const allowed = tokens >= 1 - EPSILON;
      buckets.set(key, { tokens: allowed ? tokens - 1 : tokens, at: time });
      while (buckets.size > maxClients) buckets.delete(buckets.keys().next().value!);
      if (allowed) return { allowed: true, remaining: Math.max(0, Math.floor(tokens - 1 + EPSILON)) };
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000 - EPSILON)) };
    },
  };
}

/**
 * Who is asking, as far as the route can tell: the last address of `X-Forwarded-For` — the one
 * the nearest proxy appended (or Next's own server set from the socket when no proxy is in
 * front); earlier entries are whatever the client sent — else `X-Real-IP`, else one shared key.
 * A client talking to the app directly can still send its own header, which is why the upload
 * guard limits each signing account as well.
 */
export function clientKeyOf(request: Request): string {
  const forwarded = request.headers.get("x-forwarded-for")?.split(",").at(-1)?.trim();
  if (forwarded) return forwarded.slice(0, 64);
  const real = request.headers.get("x-real-ip")?.trim();
  if (real) return real.slice(0, 64);
  return "direct";
}
