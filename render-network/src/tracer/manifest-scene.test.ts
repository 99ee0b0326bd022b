import { EMPTY_ROOM, parseSceneManifest } from "@markspace/ipfs/manifest";
import { describe, expect, it } from "vitest";
import { buildBvh, closestHit } from "./bvh.ts";
import { hexToLinear, manifestCamera, manifestScene } from "./manifest-scene.ts";
import { prepareScene, renderTile } from "./render-tile.ts";

const CID = "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy";

const manifest = parseSceneManifest({
  ...EMPTY_ROOM,
  images: [
    { image: CID, wall: "north", offset: [1, 1.5], width: 1.2, height: 0.8 },
    { image: CID, wall: "east", offset: [-2, 1.4], width: 1, height: 1 },
  ],
});

describe("manifestScene", () => {
  const scene = manifestScene(manifest);
  const bvh = buildBvh(scene.positions);
  const canvas = scene.materials.findIndex((material) => material.specular === 0.04 && material.albedo[0] === 0.3);

  it("builds floor, ceiling, four walls, one quad per picture and the ceiling light", () => {
    expect(scene.materialIndex.length).toBe(2 * (6 + 2 + 1));
    expect(scene.lights).toHaveLength(1);
  });

  it("hangs pictures where the app hangs them (north: right is +x; east: right is +z)", () => {
    const hitFromCentre = (x: number, y: number, z: number) => {
      const length = Math.sqrt(x * x + (y - 1.5) ** 2 + z * z);
      const hit = closestHit(bvh, 0, 1.5, 0, x / length, (y - 1.5) / length, z / length, Infinity, { t: 0, tri: -1 });
      return scene.materialIndex[hit.tri];
    };
    expect(hitFromCentre(1, 1.5, -4)).toBe(canvas); // north picture centre at x = +1
    expect(hitFromCentre(-1, 1.5, -4)).not.toBe(canvas);
    expect(hitFromCentre(4, 1.4, -2)).toBe(canvas); // east picture centre at z = −2
  });

  it("renders the arrival view with finite, lit pixels", () => {
    const spec = {
      camera: manifestCamera(manifest),
      width: 16,
      height: 12,
      samplesPerPixel: 2,
      maxDepth: 4,
      seed: 1,
      view: 0,
    };
    const { pixels } = renderTile(prepareScene(scene), spec, { x: 0, y: 0, width: 16, height: 12 });
    for (const value of pixels) expect(Number.isFinite(value) && value >= 0).toBe(true);
    expect(pixels.reduce((sum, value) => sum + value, 0) / pixels.length).toBeGreaterThan(0.01);
  });

  it("decodes sRGB colours to linear", () => {
    expect(hexToLinear("#000000")).toEqual([0, 0, 0]);
    expect(hexToLinear("#ffffff")[0]).toBeCloseTo(1, 12);
    expect(hexToLinear("#808080")[1]).toBeCloseTo(0.2158605, 6);
  });
});
