/**
 * Bench rows for `npm start`: seconds from launch to "ready" for the whole local stack, on
 * free ports and a throw-away data directory (under `dataDir`, the system temp folder by
 * default). The first start may include the app's production build; the warm figure is the
 * median of the starts after it.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BenchRow } from "./lib/bench.ts";
import { findFreePort } from "./lib/ports.ts";
import { startLocalStack } from "./stack/orchestrator.ts";

export type StackBenchOptions = {
  warmRuns?: number;
  /** Parent folder of each run's data directory. */
  dataDir?: string;
  log?: (line: string) => void;
  signal?: AbortSignal;
};

async function timeOneStart(parent: string, signal: AbortSignal | undefined): Promise<number> {
  const dataDir = await mkdtemp(join(parent, "markspace-bench-stack-"));
  try {
    const started = performance.now();
    const stack = await startLocalStack({
      dataDir,
      ports: {
        chain: await findFreePort(),
        ipfsApi: await findFreePort(),
        ipfsGateway: await findFreePort(),
        graphql: await findFreePort(),
        app: await findFreePort(),
      },
      log: () => {},
      signal,
    });
    const seconds = (performance.now() - started) / 1000;
    await stack.stop();
    return seconds;
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

export async function runStackBench({
  warmRuns = 3,
  dataDir = tmpdir(),
  log = console.log,
  signal,
}: StackBenchOptions = {}): Promise<BenchRow[]> {
  const first = await timeOneStart(dataDir, signal);
  log(`  first start: ${first.toFixed(1)} s`);
  const warm: number[] = [];
  for (let run = 1; run <= warmRuns; run++) {
    warm.push(await timeOneStart(dataDir, signal));
    log(`  warm start ${run}/${warmRuns}: ${warm.at(-1)!.toFixed(1)} s`);
  }
  warm.sort((a, b) => a - b);
  const median = warm[Math.floor(warm.length / 2)]!;
  return [
    { metric: "npm start to ready, first start (may include next build)", value: Number(first.toFixed(1)), unit: "s" },
    { metric: `npm start to ready, warm (median of ${warmRuns})`, value: Number(median.toFixed(1)), unit: "s" },
  ];
}
