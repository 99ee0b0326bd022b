/**
 * The tracer's random numbers: a 32-bit-state PCG (LCG step + RXS-M-XS output permutation,
 * O'Neill's `pcg32_oneseq_rxs_m_xs_32`) using only `Math.imul`, `+`, `^` and shifts, so every
 * engine produces the same sequence. Each (job seed, view, pixel, sample) gets its own stream,
 * seeded by hashing those integers, so a pixel's value never depends on how the image is cut into
 * tiles or on which thread renders it. A stream draws a few hundred numbers at most, far below the
 * 2^32 period.
 */

/** Mixes one 32-bit word into a hash (the finaliser of MurmurHash3, with a multiply-in step). */
function mix(hash: number, word: number): number {
  let h = (hash ^ Math.imul(word >>> 0, 0xcc9e2d51)) >>> 0;
  h = Math.imul((h << 13) | (h >>> 19), 5) + 0xe6546b64;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Where a pixel sample's random stream comes from. All fields are non-negative integers < 2^32. */
export type RngSeed = {
  /** The job's seed (from the job spec). */
  jobSeed: number;
  /** Which image of the job: a viewpoint × cube face index, or 0 for a single camera. */
  view: number;
  /** Pixel column and row in the whole image (not in the tile). */
  x: number;
  y: number;
  /** Sample index within the pixel. */
  sample: number;
};

/** A seeded PCG stream. Mutable: `next*` advance it. */
export class Rng {
  private state = 0;

  /** Restarts the stream for one pixel sample (no allocation: the tracer reuses one Rng). */
  seed(jobSeed: number, view: number, x: number, y: number, sample: number): this {
    let h = mix(0x6d61726b, jobSeed); // "mark"
    h = mix(h, view);
    h = mix(h, x);
    h = mix(h, y);
    h = mix(h, sample);
    this.state = h;
    return this;
  }

  /** The next 32-bit unsigned integer. */
  nextUint32(): number {
    const old = this.state;
    this.state = (Math.imul(old, 747796405) + 2891336453) >>> 0;
    const word = Math.imul(((old >>> ((old >>> 28) + 4)) ^ old) >>> 0, 277803737) >>> 0;
    return ((word >>> 22) ^ word) >>> 0;
  }

  /** A number in [0, 1) with 32 random bits. */
  nextFloat(): number {
    return this.nextUint32() * 2.3283064365386963e-10; // 2^-32
  }
}

/** A fresh stream for one pixel sample. */
export function createRng(seed: RngSeed): Rng {
  return new Rng().seed(seed.jobSeed, seed.view, seed.x, seed.y, seed.sample);
}
