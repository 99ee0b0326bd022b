/**
 * A pool of worker threads that share one scene: started once (each thread builds its own BVH),
 * then asked for any number of (image spec, tiles) batches, e.g. the six faces of every viewpoint
 * of a job. Each pixel's value depends only on the scene, the image spec and the pixel, never on
 * the thread that renders it or on the thread count, so results equal a single-threaded render bit
 * for bit.
 */
import { Worker } from "node:worker_threads";
import { RenderInvalidInputError, RenderWorkerError } from "../errors.ts";
import { checkTile, type ImageSpec, type Tile, type TileResult, type TriangleScene } from "../tracer/index.ts";
import type { TileRequest, TileResponse, TileWorkerData } from "./tile-worker.ts";

export type TilePoolParameters = {
  scene: TriangleScene;
  /** Worker threads to start, 1 to 256. */
  threads: number;
};

export type RenderBatchReturnType = {
  /** One result per tile, in the order asked for. */
  results: TileResult[];
  /** Rays cast by all threads. */
  rays: number;
  /**
   * CPU time the threads spent on these tiles: unlike `seconds`, it does not grow when other
   * programs share the cores (NaN where Node.js cannot measure a thread's CPU time).
   */
  cpuSeconds: number;
  /** Wall-clock time from the first request to the last answer. */
  seconds: number;
};

type TileDone = Extract<TileResponse, { ok: true }>;

type Pending = {
  tile: Tile;
  resolve: (response: TileDone) => void;
  reject: (error: Error) => void;
};

const workerUrl = new URL("./tile-worker.ts", import.meta.url);

/** Worker threads rendering tiles of one scene. Call `close` when done. */
export class TilePool {
  private readonly workers: Worker[];
  private readonly pending = new Map<number, Pending>();
  private nextIndex = 0;
  private failure: RenderWorkerError | undefined;
  private closed = false;

  private constructor(workers: Worker[]) {
    this.workers = workers;
  }

  /** Starts `threads` threads and waits until each has prepared the scene. */
  static async start({ scene, threads }: TilePoolParameters): Promise<TilePool> {
    if (!Number.isInteger(threads) || threads < 1 || threads > 256) {
      throw new RenderInvalidInputError({ shortMessage: `Thread count ${threads} is not an integer from 1 to 256` });
    }
    const workerData: TileWorkerData = { scene };
    const pool = new TilePool(Array.from({ length: threads }, () => new Worker(workerUrl, { workerData })));
    try {
      await Promise.all(pool.workers.map((worker) => pool.watch(worker)));
    } catch (error) {
      await pool.close();
      throw error;
    }
    return pool;
  }

  /** Resolves when `worker` is ready; afterwards routes its answers and turns its death into a failure. */
  private watch(worker: Worker): Promise<void> {
    return new Promise((ready, failed) => {
      const fail = (error: RenderWorkerError) => {
        if (this.closed) return;
        this.failure ??= error;
        failed(error);
        for (const { reject } of this.pending.values()) reject(error);
        this.pending.clear();
      };
      worker.on("message", (response: TileResponse) => {
        if ("ready" in response) return ready();
        const pending = this.pending.get(response.index);
        this.pending.delete(response.index);
        if (!pending) return;
        if (response.ok) pending.resolve(response);
        else {
          const { x, y, width, height } = pending.tile;
          pending.reject(
            new RenderWorkerError({
              shortMessage: `Tile (${x}, ${y}, ${width} × ${height}) failed: ${response.message}`,
            }),
          );
        }
      });
      worker.once("error", (error) =>
        fail(new RenderWorkerError({ shortMessage: `A render thread failed: ${error.message}`, cause: error })),
      );
      worker.once("exit", (code) =>
        fail(new RenderWorkerError({ shortMessage: `A render thread exited early (code ${code})` })),
      );
    });
  }

  /** Sends one tile to `worker` and resolves with its answer. */
  private request(worker: Worker, spec: ImageSpec, tile: Tile): Promise<TileDone> {
    if (this.failure) return Promise.reject(this.failure);
    const index = this.nextIndex++;
    return new Promise((resolve, reject) => {
      this.pending.set(index, { tile, resolve, reject });
      worker.postMessage({ index, spec, tile } satisfies TileRequest);
    });
  }

  /** Renders `tiles` of the image `spec`, each thread taking the next tile as it finishes one. */
  async render(spec: ImageSpec, tiles: readonly Tile[]): Promise<RenderBatchReturnType> {
    if (this.closed) throw new RenderInvalidInputError({ shortMessage: "This tile pool is closed" });
    for (const tile of tiles) checkTile(spec, tile);
    const results: TileResult[] = new Array(tiles.length);
    let rays = 0;
    let cpuSeconds = 0;
    let next = 0;
    const started = performance.now();
    await Promise.all(
      this.workers.map(async (worker) => {
        while (next < tiles.length) {
          const position = next++;
          const tile = tiles[position] as Tile;
          const response = await this.request(worker, spec, tile);
          results[position] = { tile, rgb: response.rgb, hash: response.hash, rays: response.rays };
          rays += response.rays;
          cpuSeconds += response.cpuSeconds;
        }
      }),
    );
    return { results, rays, cpuSeconds, seconds: (performance.now() - started) / 1000 };
  }

  /** Stops every thread. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}
