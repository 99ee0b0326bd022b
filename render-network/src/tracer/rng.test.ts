import { describe, expect, it } from "vitest";
import { createRng, Rng } from "./rng.ts";

describe("Rng", () => {
  it("gives a fixed sequence for a fixed seed", () => {
    const rng = createRng({ jobSeed: 1, view: 2, x: 3, y: 4, sample: 5 });
    expect(Array.from({ length: 5 }, () => rng.nextUint32())).toMatchInlineSnapshot(`
      [
        2132404943,
        987591949,
        2031246695,
        1085921434,
        1403695908,
      ]
    `);
  });

  it("gives different streams for neighbouring pixels and samples", () => {
    const first = (x: number, y: number, sample: number) => new Rng().seed(9, 0, x, y, sample).nextUint32();
    const seen = new Set<number>();
    for (let x = 0; x < 32; x++) for (let y = 0; y < 32; y++) for (let s = 0; s < 4; s++) seen.add(first(x, y, s));
    expect(seen.size).toBe(32 * 32 * 4);
  });

  it("draws floats in [0, 1) with a mean near 1/2", () => {
    const rng = new Rng().seed(42, 0, 0, 0, 0);
    let sum = 0;
    let outside = 0;
    for (let i = 0; i < 100_000; i++) {
      const u = rng.nextFloat();
      if (!(u >= 0 && u < 1)) outside++;
      sum += u;
    }
    expect(outside).toBe(0);
    expect(Math.abs(sum / 100_000 - 0.5)).toBeLessThan(0.005);
  });
});
