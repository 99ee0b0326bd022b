/**
 * The path tracer's speed on the reference room: million rays per second per core and camera
 * samples per second, on 1 and 2 worker threads (median of 3 runs each; thread start-up and BVH
 * builds are not timed). Also checks that both thread counts return the same tile hashes.
 * Wall-clock figures suffer when other programs share the cores; the rays per CPU-second of the
 * render threads do not, so both are reported.
 *
 *   npm run bench -- --only tracer
 *   npx tsx -e 'import("./render-network/bench/tracer.bench.ts").then(async (m) => console.table(await m.runTracerBench()))'
 */
import { availableParallelism } from "node:os";
import { renderTiles } from "../src/parallel/render-tiles.ts";
import { splitIntoTiles } from "../src/tiles.ts";
import { referenceCamera, referenceScene, type ImageSpec } from "../src/tracer/index.ts";

export type BenchRow = { metric: string; value: number; unit: string; baseline?: number };

export type TracerBenchOptions = {
  /** Image size; the image is cut into 16 × 16 tiles (many small tiles keep both threads busy to the end). */
  width?: number;
  height?: number;
  samplesPerPixel?: number;
  /** Thread counts to measure. */
  threads?: number[];
  runs?: number;
  log?: (line: string) => void;
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** Runs the tracer bench and returns its rows. */
export async function runTracerBench(options: TracerBenchOptions = {}): Promise<BenchRow[]> {
  const { width = 160, height = 120, samplesPerPixel = 16, threads = [1, 2], runs = 3, log = () => {} } = options;
  const spec: ImageSpec = { camera: referenceCamera, width, height, samplesPerPixel, maxDepth: 6, seed: 1, view: 0 };
  const tiles = splitIntoTiles(width, height, 16);
  const scene = referenceScene();
  const samples = width * height * samplesPerPixel;
  const label = `reference room ${width}×${height}, ${samplesPerPixel} spp, median of ${runs}`;
  log(
    `tracer: ${scene.materialIndex.length} triangles, ${tiles.length} tiles, ${availableParallelism()} cores available`,
  );
  const rows: BenchRow[] = [];
  let firstHashes: string | undefined;
  const raysPerSecond = new Map<number, number>();
  for (const count of threads) {
    const seconds: number[] = [];
    const cpuSeconds: number[] = [];
    let rays = 0;
    for (let run = 0; run < runs; run++) {
      const result = await renderTiles({ scene, spec, tiles, threads: count });
      const hashes = result.results.map((tile) => tile.hash).join();
      firstHashes ??= hashes;
      if (hashes !== firstHashes) throw new Error(`tracer bench: ${count} threads rendered different tiles`);
      seconds.push(result.seconds);
      cpuSeconds.push(result.cpuSeconds);
      rays = result.rays;
      log(
        `tracer: ${count} thread(s), run ${run + 1}: ${result.seconds.toFixed(2)} s (${result.cpuSeconds.toFixed(2)} CPU-s), ${rays} rays`,
      );
    }
    const time = median(seconds);
    raysPerSecond.set(count, rays / time);
    rows.push(
      {
        metric: `tracer rays per second per core (${count} thread${count > 1 ? "s" : ""}, ${label})`,
        value: Math.round((rays / time / count / 1e6) * 1000) / 1000,
        unit: "Mrays/s",
      },
      {
        metric: `tracer rays per CPU-second (${count} thread${count > 1 ? "s" : ""}, ${label})`,
        value: Math.round((rays / median(cpuSeconds) / 1e6) * 1000) / 1000,
        unit: "Mrays/s",
      },
      {
        metric: `tracer samples per second (${count} thread${count > 1 ? "s" : ""}, ${label})`,
        value: Math.round(samples / time),
        unit: "samples/s",
      },
    );
  }
  const one = raysPerSecond.get(1);
  const two = raysPerSecond.get(2);
  if (one && two)
    rows.push({ metric: "tracer speed-up from 1 to 2 threads", value: Math.round((two / one) * 100) / 100, unit: "×" });
  return rows;
}
