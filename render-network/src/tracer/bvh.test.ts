import { describe, expect, it } from "vitest";
import { anyHit, buildBvh, closestHit, type Hit } from "./bvh.ts";
import { referenceScene } from "./reference-scene.ts";
import { Rng } from "./rng.ts";
import { intersectTriangle } from "./triangle.ts";

function bruteForce(positions: Float64Array, o: number[], d: number[]): Hit {
  const hit: Hit = { t: Infinity, tri: -1 };
  for (let tri = 0; tri < positions.length / 9; tri++) {
    const t = intersectTriangle(positions, tri, o[0]!, o[1]!, o[2]!, d[0]!, d[1]!, d[2]!);
    if (t < hit.t) {
      hit.t = t;
      hit.tri = tri;
    }
  }
  return hit;
}

describe("buildBvh", () => {
  const scene = referenceScene();
  const bvh = buildBvh(scene.positions);

  it("holds every triangle exactly once", () => {
    expect([...bvh.triIndex].sort((a, b) => a - b)).toEqual(Array.from({ length: bvh.triIndex.length }, (_, i) => i));
  });

  it("builds the same tree twice", () => {
    const again = buildBvh(scene.positions);
    expect(again.nodeCount).toBe(bvh.nodeCount);
    expect(again.triIndex).toEqual(bvh.triIndex);
    expect(again.bounds).toEqual(bvh.bounds);
  });

  it("agrees with brute force on 5,000 random rays, for closest and any hit", () => {
    const rng = new Rng().seed(3, 0, 0, 0, 0);
    for (let i = 0; i < 5000; i++) {
      const o = [rng.nextFloat() * 10 - 1, rng.nextFloat() * 4 - 0.5, rng.nextFloat() * 10 - 1];
      let d = [rng.nextFloat() - 0.5, rng.nextFloat() - 0.5, rng.nextFloat() - 0.5];
      const l = Math.sqrt(d[0]! ** 2 + d[1]! ** 2 + d[2]! ** 2);
      d = d.map((c) => c / l);
      const expected = bruteForce(scene.positions, o, d);
      const hit = closestHit(bvh, o[0]!, o[1]!, o[2]!, d[0]!, d[1]!, d[2]!, Infinity, { t: 0, tri: -1 });
      expect(hit.t).toBe(expected.t);
      if (expected.tri >= 0) {
        // Equal distances (a ray through a shared edge) may pick either triangle; the distance decides.
        expect(hit.tri).toBeGreaterThanOrEqual(0);
      } else {
        expect(hit.tri).toBe(-1);
      }
      const limit = rng.nextFloat() * 6;
      expect(anyHit(bvh, o[0]!, o[1]!, o[2]!, d[0]!, d[1]!, d[2]!, limit)).toBe(expected.t < limit);
    }
  });

  it("handles an empty scene", () => {
    const empty = buildBvh(new Float64Array(0));
    expect(closestHit(empty, 0, 0, 0, 1, 0, 0, Infinity, { t: 0, tri: 0 }).tri).toBe(-1);
    expect(anyHit(empty, 0, 0, 0, 1, 0, 0, Infinity)).toBe(false);
  });
});

describe("deep trees", () => {
  it("builds and traverses a degenerate tree over 128 levels deep (triangles doubling in size along x)", () => {
    // Centroids at 2^k along x fall into one bin but the last, so each level peels one triangle off.
    const positions: number[] = [];
    for (let k = 0; k < 1000; k++) {
      const x = 2 ** k;
      positions.push(x, 0, 0, x * 1.01, 0, 0, x, 0.01, 0);
    }
    const bvh = buildBvh(Float64Array.from(positions));
    expect(bvh.depth).toBeGreaterThan(128);
    const last = 999;
    const x = 2 ** last;
    const hit = closestHit(bvh, x * 1.001, 0.001, -1, 0, 0, 1, Infinity, { t: 0, tri: -1 });
    expect(hit.tri).toBe(last);
    expect(anyHit(bvh, x * 1.001, 0.001, -1, 0, 0, 1, 2)).toBe(true);
  });
});
