/**
 * A thread of a `TilePool`: prepares the scene once (its own BVH, built the same way as everywhere
 * else), then renders each (image spec, tile) it is sent and posts back the quantized pixels and
 * hash.
 */
import { parentPort, workerData } from "node:worker_threads";
import { prepareScene, renderTileResult, type ImageSpec, type Tile, type TriangleScene } from "../tracer/index.ts";

/** What the pool sends at start-up. */
export type TileWorkerData = { scene: TriangleScene };
/** One request: render `tile` of the image `spec`, answer with the same `index`. */
export type TileRequest = { index: number; spec: ImageSpec; tile: Tile };
/** One answer; the first message, `ready`, says the scene is prepared. */
export type TileResponse =
  | { ready: true }
  | { index: number; ok: true; rgb: Uint8Array; hash: `0x${string}`; rays: number; cpuSeconds: number }
  | { index: number; ok: false; message: string };

/** CPU time of this thread (user + system), or NaN where Node.js cannot tell (before 22.19 / 23.9). */
function threadCpuSeconds(): number {
  if (typeof process.threadCpuUsage !== "function") return NaN;
  const { user, system } = process.threadCpuUsage();
  return (user + system) / 1e6;
}

const { scene } = workerData as TileWorkerData;
const prepared = prepareScene(scene);
const port = parentPort;
if (!port) throw new Error("tile-worker.ts runs only as a worker thread");

port.postMessage({ ready: true } satisfies TileResponse);
port.on("message", ({ index, spec, tile }: TileRequest) => {
  let response: TileResponse;
  try {
    const cpuBefore = threadCpuSeconds();
    const { rgb, hash, rays } = renderTileResult(prepared, spec, tile);
    response = { index, ok: true, rgb, hash, rays, cpuSeconds: threadCpuSeconds() - cpuBefore };
  } catch (error) {
    response = { index, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(response, response.ok ? [response.rgb.buffer as ArrayBuffer] : []);
});
