import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  prepareScene,
  referenceCamera,
  referenceCubeCamera,
  referenceScene,
  renderTileResult,
  type ImageSpec,
  type Tile,
} from "../tracer/index.ts";
import { texturedTestScene } from "../testing/gltf-fixtures.ts";
import { manifestCamera } from "../tracer/manifest-scene.ts";
import { renderTiles } from "./render-tiles.ts";
import { TilePool } from "./tile-pool.ts";

const scene = referenceScene();
const spec: ImageSpec = {
  camera: referenceCamera,
  width: 64,
  height: 48,
  samplesPerPixel: 4,
  maxDepth: 6,
  seed: 1,
  view: 0,
};
const tiles: Tile[] = [
  { x: 24, y: 16, width: 16, height: 16 },
  { x: 0, y: 0, width: 16, height: 16 },
  { x: 48, y: 32, width: 16, height: 16 },
  { x: 8, y: 40, width: 24, height: 8 },
];
const prepared = prepareScene(scene);
const inProcess = tiles.map((tile) => renderTileResult(prepared, spec, tile).hash);

describe("renderTiles", () => {
  it.each([1, 2, 3])("gives the same hashes as this thread with %i worker thread(s)", async (threads) => {
    const { results, rays } = await renderTiles({ scene, spec, tiles, threads });
    expect(results.map((result) => result.hash)).toEqual(inProcess);
    expect(rays).toBeGreaterThan(tiles.reduce((sum, tile) => sum + tile.width * tile.height * 4, 0));
  });

  it("gives the same hashes in a separate Node.js process", async () => {
    const fixture = fileURLToPath(new URL("./render-in-child.fixture.ts", import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, [
      "--import",
      "tsx",
      fixture,
      JSON.stringify({ spec, tiles }),
    ]);
    expect(JSON.parse(stdout)).toEqual(inProcess);
  });

  it("gives the same hashes for a textured glTF unit in this thread, in worker threads and in another process", async () => {
    const { manifest, scene: textured } = await texturedTestScene();
    const texturedSpec: ImageSpec = { ...spec, camera: manifestCamera(manifest) };
    const here = tiles.map((tile) => renderTileResult(prepareScene(textured), texturedSpec, tile).hash);
    const { results } = await renderTiles({ scene: textured, spec: texturedSpec, tiles, threads: 2 });
    expect(results.map((result) => result.hash)).toEqual(here);
    const fixture = fileURLToPath(new URL("./render-in-child.fixture.ts", import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, [
      "--import",
      "tsx",
      fixture,
      JSON.stringify({ spec: texturedSpec, tiles, scene: "textured" }),
    ]);
    expect(JSON.parse(stdout)).toEqual(here);
    expect(here).not.toEqual(inProcess);
  });

  it("renders cube faces in workers as in this thread", async () => {
    const face: ImageSpec = { ...spec, camera: referenceCubeCamera, width: 32, height: 32, view: 5 };
    const faceTiles = [{ x: 16, y: 16, width: 16, height: 16 }];
    const { results } = await renderTiles({ scene, spec: face, tiles: faceTiles, threads: 2 });
    expect(results[0]?.hash).toBe(renderTileResult(prepared, face, faceTiles[0]!).hash);
  });

  it("refuses a bad thread count or tile before starting any thread", async () => {
    await expect(renderTiles({ scene, spec, tiles, threads: 0 })).rejects.toThrow(/Thread count 0/);
    await expect(
      renderTiles({ scene, spec, tiles: [{ x: 0, y: 0, width: 65, height: 1 }], threads: 1 }),
    ).rejects.toThrow(/out of range/);
  });
});

describe("renderTiles when a tile fails in a thread", () => {
  it("rejects with a RenderWorkerError naming the tile, and stops the threads", async () => {
    // No materials: the first surface hit in the thread throws.
    const broken = { ...scene, materials: [] };
    await expect(renderTiles({ scene: broken, spec, tiles, threads: 2 })).rejects.toThrow(
      /Tile \(\d+, \d+, \d+ × \d+\) failed/,
    );
  });
});

describe("TilePool", () => {
  it("renders several images of one scene with the same threads, as this thread does", async () => {
    const pool = await TilePool.start({ scene, threads: 2 });
    try {
      const face: ImageSpec = { ...spec, camera: referenceCubeCamera, width: 32, height: 32, view: 5 };
      const faceTiles = [
        { x: 0, y: 0, width: 16, height: 32 },
        { x: 16, y: 0, width: 16, height: 32 },
      ];
      expect((await pool.render(spec, tiles)).results.map((result) => result.hash)).toEqual(inProcess);
      expect((await pool.render(face, faceTiles)).results.map((result) => result.hash)).toEqual(
        faceTiles.map((tile) => renderTileResult(prepared, face, tile).hash),
      );
    } finally {
      await pool.close();
    }
    await expect(pool.render(spec, tiles)).rejects.toThrow(/closed/);
  });
});
