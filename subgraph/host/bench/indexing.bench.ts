/**
 * Indexing rate of the embedded subgraph host through the REAL Markspace mappings.
 *
 * An in-process chain gets a bench-only `UnitEventsEmitter` (contracts/test/) that emits
 * UnitRegistry-shaped events in bulk; the subgraph manifest's UnitRegistry data source points
 * at it. Each run starts a fresh host (in-memory PGlite) and measures from the first block
 * range fetched to the last entity committed. Reported: the median rate of several runs, and
 * the time of one fresh `graph codegen` + `graph build`.
 *
 *   npx tsx -e 'import("./subgraph/host/bench/indexing.bench.ts").then(async (m) => console.table(await m.runIndexingBench()))'
 *   (or `npm run bench`, which calls runIndexingBench)
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildSubgraph } from "../../scripts/build.ts";
import { encodeUnitId } from "../../../contracts/unit-address.ts";
import { startSubgraphHost } from "../src/index.ts";
import { connectLocalChain, graphql } from "../src/testing/localChain.ts";
import { BENCH_SCENE } from "../src/testing/benchScene.ts";
import { buildMarkspaceSubgraph } from "../src/testing/subgraphBuilds.ts";

export type BenchRow = { metric: string; value: number; unit: string; baseline?: number };

export type IndexingBenchOptions = {
  /** Units claimed (3 events each: Transfer, UnitClaimed, UnitContentSet). */
  units?: number;
  /** Units per transaction (one block each). */
  unitsPerTx?: number;
  runs?: number;
  log?: (line: string) => void;
};

const TARGET_EVENTS_PER_SECOND = 3_000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export async function runIndexingBench(options: IndexingBenchOptions = {}): Promise<BenchRow[]> {
  const { units = 3_400, unitsPerTx = 200, runs = 3, log = (line: string) => console.log(`  ${line}`) } = options;
  const chain = await connectLocalChain();
  try {
    const emitter = await chain.viem.deployContract("UnitEventsEmitter");
    const emitClaims = emitter.write.emitClaims;
    if (!emitClaims) throw new Error("UnitEventsEmitter has no emitClaims: run `hardhat compile`");
    const startBlock = await chain.blockNumber();
    const owner = chain.accounts[0]!;
    const firstUnit = encodeUnitId({ district: 1, neighbourhood: 0, building: 0, floor: 0, unit: 0 });
    log(`emitting ${units * 3} events in ${Math.ceil(units / unitsPerTx)} transactions…`);
    for (let done = 0; done < units; done += unitsPerTx) {
      const count = Math.min(unitsPerTx, units - done);
      // Consecutive ids overflow the unit byte into floor/building: still valid packed ids for the mappings.
      const hash = await emitClaims([firstUnit + BigInt(done), BigInt(count), owner, BENCH_SCENE.digest]);
      const receipt = await chain.waitForReceipt(hash);
      if (receipt.status !== "success") throw new Error(`emitClaims reverted in tx ${hash}`);
    }
    const lastBlock = await chain.blockNumber();
    const events = units * 3;
    const sources = { network: "hardhat", UnitRegistry: { address: emitter.address, startBlock } };

    log("building the subgraph (graph codegen + graph build)…");
    const fresh = await mkdtemp(join(tmpdir(), "markspace-bench-build-"));
    let buildSeconds: number;
    try {
      const { durationMs } = await buildSubgraph({ sources, outDir: join(fresh, "build") });
      buildSeconds = durationMs / 1000;
    } finally {
      await rm(fresh, { recursive: true, force: true });
    }
    const { buildDir } = await buildMarkspaceSubgraph(sources);

    const rates: number[] = [];
    for (let run = 1; run <= runs; run++) {
      const host = await startSubgraphHost({
        transport: chain.transport,
        buildDir,
        name: "bench",
        port: 0,
        pollIntervalMs: 10,
        log: () => {},
      });
      try {
        await host.waitForBlock(lastBlock, 300_000);
        const { timing, eventsProcessed } = host.status();
        if (eventsProcessed !== events) throw new Error(`run ${run}: indexed ${eventsProcessed} of ${events} events`);
        const { data } = await graphql<{ accounts: Array<{ unitCount: number }> }>(
          host.url,
          `
            {
              accounts {
                unitCount
              }
            }
          `,
        );
        if (data?.accounts[0]?.unitCount !== units)
          throw new Error(`run ${run}: account owns ${data?.accounts[0]?.unitCount} units, expected ${units}`);
        const seconds = (timing.lastCommitAt! - timing.firstFetchAt!) / 1000;
        rates.push(events / seconds);
        log(
          `run ${run}/${runs}: ${events} events in ${seconds.toFixed(2)} s → ${(events / seconds).toFixed(0)} events/s`,
        );
      } finally {
        await host.stop();
      }
    }
    const rate = median(rates);
    log(
      `median ${rate.toFixed(0)} events/s (goal ≥ ${TARGET_EVENTS_PER_SECOND}: ${rate >= TARGET_EVENTS_PER_SECOND ? "met" : "NOT met"})`,
    );
    return [
      {
        metric: `subgraph host indexing rate (${events} events, median of ${runs})`,
        value: Math.round(rate),
        unit: "events/s",
      },
      {
        metric: "subgraph build (manifest + graph codegen if inputs changed + graph build)",
        value: Number(buildSeconds.toFixed(1)),
        unit: "s",
      },
      { metric: "subgraph bench blocks indexed", value: lastBlock - startBlock + 1, unit: "blocks" },
    ];
  } finally {
    await chain.close();
  }
}
