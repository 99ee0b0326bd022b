/**
 * A Bloom filter of entity ids: "certainly absent" or "maybe present". The entity store asks it
 * before going to the database, so a handler that loads an id that was never stored (the
 * `getOrCreate` pattern of nearly every subgraph) costs no query. It is a fixed size whatever
 * the number of entities: past its design size it only answers "maybe" more often.
 */
export class IdFilter {
  private readonly bits: Uint32Array;
  private readonly mask: number;
  private static readonly HASHES = 5;

  /** `log2Bits` sets the size: 23 → 2^23 bits (1 MiB), ≈ 2% false positives at a million ids. */
  constructor(log2Bits = 23) {
    if (!Number.isInteger(log2Bits) || log2Bits < 5 || log2Bits > 31)
      throw new RangeError(`IdFilter size must be 2^5 to 2^31 bits, got 2^${log2Bits}`);
    this.bits = new Uint32Array(2 ** (log2Bits - 5));
    this.mask = 2 ** log2Bits - 1;
  }

  add(key: string): void {
    const [h1, h2] = hashes(key);
    for (let i = 0; i < IdFilter.HASHES; i++) {
      const bit = (h1 + i * h2) & this.mask;
      this.bits[bit >>> 5]! |= 1 << (bit & 31);
    }
  }

  /** False: the id was never added. True: it may have been. */
  mightContain(key: string): boolean {
    const [h1, h2] = hashes(key);
    for (let i = 0; i < IdFilter.HASHES; i++) {
      const bit = (h1 + i * h2) & this.mask;
      if ((this.bits[bit >>> 5]! & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }
}

/** Two independent 32-bit FNV-1a hashes (different offsets); the second is made odd. */
function hashes(key: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return [a >>> 0, (b | 1) >>> 0];
}
