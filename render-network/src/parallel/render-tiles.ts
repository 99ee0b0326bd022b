/**
 * Renders a set of tiles of one image across worker threads. Each pixel's value depends only on the
 * scene, the image spec and the pixel, never on the thread that renders it or on the thread count,
 * so the results equal a single-threaded render bit for bit.
 */
import { Worker } from "node:worker_threads";
import { RenderInvalidInputError, RenderWorkerError } from "../errors.ts";
import { checkTile, type ImageSpec, type Tile, type TileResult, type TriangleScene } from "../tracer/index.ts";
import type { TileRequest, TileResponse, TileWorkerData } from "./tile-worker.ts";

export type RenderTilesParameters = {
  scene: TriangleScene;
  spec: ImageSpec;
  tiles: readonly Tile[];
  /** Worker threads to start (at most one per tile is used). */
  threads: number;
};

export type RenderTilesReturnType = {
  /** One result per tile, in the order of `tiles`. */
  results: TileResult[];
  /** Rays cast by all threads. */
  rays: number;
  /**
   * CPU time the render threads spent on the tiles: unlike `seconds`, it does not grow when other
   * programs share the cores (NaN where Node.js cannot measure a thread's CPU time).
   */
  cpuSeconds: number;
  /** Wall-clock time from the first request to the last answer (thread start-up and BVH builds excluded). */
  seconds: number;
};

const workerUrl = new URL("./tile-worker.ts", import.meta.url);

/** Renders `tiles` on `threads` worker threads and returns them in order. */
export async function renderTiles({
  scene,
  spec,
  tiles,
  threads,
}: RenderTilesParameters): Promise<RenderTilesReturnType> {
  if (!Number.isInteger(threads) || threads < 1 || threads > 256) {
    throw new RenderInvalidInputError({ shortMessage: `Thread count ${threads} is not an integer from 1 to 256` });
  }
  for (const tile of tiles) checkTile(spec, tile);
  const count = Math.min(threads, tiles.length);
  const workerData: TileWorkerData = { scene, spec };
  const workers = Array.from({ length: count }, () => new Worker(workerUrl, { workerData }));
  // Any thread that fails or exits before the end fails the whole call (no hang waiting for it).
  let done = false;
  const failure = new Promise<never>((_, reject) => {
    for (const worker of workers) {
      worker.once("error", (error) =>
        reject(new RenderWorkerError({ shortMessage: `A render thread failed: ${error.message}`, cause: error })),
      );
      worker.once("exit", (code) => {
        if (!done) reject(new RenderWorkerError({ shortMessage: `A render thread exited early (code ${code})` }));
      });
    }
  });
  failure.catch(() => {}); // observed through Promise.race below
  try {
    // Wait until every thread has built its BVH and is listening, so the timing covers rendering only.
    await Promise.race([
      failure,
      Promise.all(workers.map((worker) => new Promise((resolve) => worker.once("message", resolve)))),
    ]);
    const results: TileResult[] = new Array(tiles.length);
    let rays = 0;
    let cpuSeconds = 0;
    let next = 0;
    const started = performance.now();
    const rendering = workers.map(
      (worker) =>
        new Promise<void>((resolve, reject) => {
          const send = () => {
            if (next >= tiles.length) return resolve();
            const index = next++;
            worker.postMessage({ index, tile: tiles[index] as Tile } satisfies TileRequest);
          };
          worker.on("message", (response: TileResponse) => {
            if ("ready" in response) return;
            if (!response.ok) {
              return reject(
                new RenderWorkerError({ shortMessage: `Tile ${response.index} failed: ${response.message}` }),
              );
            }
            results[response.index] = {
              tile: tiles[response.index] as Tile,
              rgb: response.rgb,
              hash: response.hash,
              rays: response.rays,
            };
            rays += response.rays;
            cpuSeconds += response.cpuSeconds;
            send();
          });
          send();
        }),
    );
    await Promise.race([failure, Promise.all(rendering)]);
    return { results, rays, cpuSeconds, seconds: (performance.now() - started) / 1000 };
  } finally {
    done = true;
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
