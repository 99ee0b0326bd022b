/**
 * Renders a set of tiles of one image across worker threads: a `TilePool` started for the call
 * and closed after it. Results equal a single-threaded render bit for bit.
 */
import { checkTile, type ImageSpec, type Tile, type TriangleScene } from "../tracer/index.ts";
import { TilePool, type RenderBatchReturnType } from "./tile-pool.ts";

export type RenderTilesParameters = {
  scene: TriangleScene;
  spec: ImageSpec;
  tiles: readonly Tile[];
  /** Worker threads to start (at most one per tile is used). */
  threads: number;
};

export type RenderTilesReturnType = RenderBatchReturnType;

/** Renders `tiles` on `threads` worker threads and returns them in order. */
export async function renderTiles({
  scene,
  spec,
  tiles,
  threads,
}: RenderTilesParameters): Promise<RenderTilesReturnType> {
  for (const tile of tiles) checkTile(spec, tile); // before any thread starts
  const useful = Number.isInteger(threads) && threads > tiles.length ? Math.max(1, tiles.length) : threads;
  const pool = await TilePool.start({ scene, threads: useful });
  try {
    return await pool.render(spec, tiles);
  } finally {
    await pool.close();
  }
}
