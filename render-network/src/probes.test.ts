import { describe, expect, it } from "vitest";
import { keccak256, toHex, type Hex } from "viem";
import { batchDepth, batchLeaf, batchRootOf } from "./batch-tree.ts";
import { pickProbeTiles, sealProbes } from "./probes.ts";

const answer = (i: number): Hex => keccak256(toHex(`known answer ${i}`));

describe("sealProbes", () => {
  it("opens each probe at its own tile's position, with a proof as deep as the job's tiles", () => {
    for (const tileCount of [1, 2, 6, 24, 1000]) {
      const tiles = [0, tileCount - 1, Math.floor(tileCount / 2)];
      const sealed = sealProbes(tileCount, new Map(tiles.map((tile) => [tile, answer(tile)])));
      expect(sealed.probes.map((probe) => probe.tile)).toEqual([...new Set(tiles)].sort((a, b) => a - b));
      for (const probe of sealed.probes) {
        expect(probe.proof).toHaveLength(batchDepth(tileCount));
        expect(batchRootOf(batchLeaf(probe.tile, probe.answer), probe.tile, probe.proof)).toBe(sealed.root);
        // Another answer, or the same one as another tile, does not open.
        expect(batchRootOf(batchLeaf(probe.tile, answer(-1)), probe.tile, probe.proof)).not.toBe(sealed.root);
        if (tileCount > 1) {
          const other = (probe.tile + 1) % tileCount;
          expect(batchRootOf(batchLeaf(other, probe.answer), other, probe.proof)).not.toBe(sealed.root);
        }
      }
    }
  });

  it("hides the count: the root depends on the answers, the proofs' length only on the job", () => {
    const one = sealProbes(24, new Map([[3, answer(3)]]));
    const three = sealProbes(
      24,
      new Map([
        [3, answer(3)],
        [9, answer(9)],
        [17, answer(17)],
      ]),
    );
    expect(one.root).not.toBe(three.root);
    expect(one.probes[0]!.proof).toHaveLength(three.probes[0]!.proof.length);
  });

  it("refuses tiles outside the job, zero or malformed answers, and an empty set", () => {
    expect(() => sealProbes(6, new Map([[6, answer(6)]]))).toThrow(/not a tile of a job of 6/);
    expect(() => sealProbes(6, new Map([[-1, answer(0)]]))).toThrow(/not a tile/);
    expect(() => sealProbes(6, new Map([[1, `0x${"00".repeat(32)}` as Hex]]))).toThrow(/no tile hash/);
    expect(() => sealProbes(6, new Map([[1, "0x1234" as Hex]]))).toThrow(/no tile hash/);
    expect(() => sealProbes(6, new Map())).toThrow(/No probe tiles/);
    expect(() => sealProbes(0, new Map([[0, answer(0)]]))).toThrow(/at least one tile/);
  });
});

describe("pickProbeTiles", () => {
  it("picks distinct tiles of the job, sorted", () => {
    for (let run = 0; run < 50; run++) {
      const tiles = pickProbeTiles(24, 5);
      expect(tiles).toHaveLength(5);
      expect(new Set(tiles).size).toBe(5);
      expect(tiles.every((tile) => Number.isInteger(tile) && tile >= 0 && tile < 24)).toBe(true);
      expect([...tiles].sort((a, b) => a - b)).toEqual(tiles);
    }
    expect(pickProbeTiles(3, 3)).toEqual([0, 1, 2]);
  });

  it("reaches every tile (no position is never picked)", () => {
    const seen = new Set<number>();
    for (let run = 0; run < 400; run++) for (const tile of pickProbeTiles(12, 2)) seen.add(tile);
    expect(seen.size).toBe(12);
  });

  it("refuses no probes or more than the job's tiles", () => {
    expect(() => pickProbeTiles(6, 0)).toThrow(/Cannot pick 0/);
    expect(() => pickProbeTiles(6, 7)).toThrow(/Cannot pick 7/);
  });
});
