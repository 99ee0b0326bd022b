/**
 * GraphQL throughput and latency of the embedded subgraph host under many readers.
 *
 * 1,000 units (UnitRegistry-shaped events from the bench-only `UnitEventsEmitter`, spread over
 * 100 owners) are indexed through the real mappings on an in-process chain. Then 50 HTTP
 * clients on loopback — in a worker thread, so they do not share the server's event loop — run
 * the mix of three ordinary queries for a fixed time:
 *
 *   1. a page of 100 units ordered by `updatedAtBlock`, each with its owner `account`;
 *   2. a filtered page of 50 units;
 *   3. 20 accounts, each with 10 of its `units`.
 *
 * Measured twice: with the result cache (the same three pages again and again: the cached
 * path), and on a host started with the result cache off while every request asks for another
 * page (`skip` varies), so each one is planned and read from the database. Reported: p50, p95,
 * p99 and throughput of each (median of several runs), and the latency of one query alone.
 *
 *   npx tsx -e 'import("./subgraph/host/bench/graphql.bench.ts").then(async (m) => console.table(await m.runGraphqlBench()))'
 *   (or `npm run bench`, which calls runGraphqlBench)
 */
import { Worker } from "node:worker_threads";
import { encodeUnitId } from "../../../contracts/unit-address.ts";
import { startSubgraphHost, type SubgraphHost } from "../src/index.ts";
import { connectLocalChain, graphql, type LocalChain } from "../src/testing/localChain.ts";
import { BENCH_SCENE } from "../src/testing/benchScene.ts";
import { buildMarkspaceSubgraph } from "../src/testing/subgraphBuilds.ts";

export type BenchRow = { metric: string; value: number; unit: string; baseline?: number };

export type GraphqlBenchOptions = {
  units?: number;
  owners?: number;
  clients?: number;
  /** Measured time per run, after a warm-up. */
  durationMs?: number;
  warmupMs?: number;
  runs?: number;
  log?: (line: string) => void;
};

/** The target for the mix on 2 cores. */
const TARGET_P95_MS = 20;
const TARGET_RPS = 1_000;
/** Measured before this work (500 units, 2 cores): the mix at 50 clients and one page alone. */
const BEFORE = { rps: 12, p95Ms: 4_000, singleMs: 25 };

type MixQuery = { query: string; variables: Record<string, unknown>; maxSkip: number };

const MIX: MixQuery[] = [
  {
    query: `query UnitsWithAccount($skip: Int!) {
      units(first: 100, skip: $skip, orderBy: updatedAtBlock, orderDirection: desc) {
        id owner contentCid district neighbourhood building floor unit updatedAtBlock
        account { id unitCount mrkBalance }
      }
    }`,
    variables: { skip: 0 },
    maxSkip: 900,
  },
  {
    query: `query FilteredUnits($skip: Int!) {
      units(first: 50, skip: $skip, where: { contentCid: "${BENCH_SCENE.cid}", unit_lt: 200 }, orderBy: tokenId, orderDirection: desc) {
        id tokenId contentCid claimedAtBlock
      }
    }`,
    variables: { skip: 0 },
    maxSkip: 700,
  },
  {
    query: `query AccountsWithUnits($skip: Int!) {
      accounts(first: 20, skip: $skip, orderBy: id) {
        id unitCount hasClaimedFree
        units(first: 10, orderBy: tokenId) { id contentCid }
      }
    }`,
    variables: { skip: 0 },
    maxSkip: 80,
  },
];

/** The load, run in a worker thread: `clients` loops posting the mix with keep-alive. */
const LOAD_WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const http = require("node:http");
const { url, clients, warmupMs, durationMs, mix, vary } = workerData;
const target = new URL(url);
const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
function post(body) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: target.hostname, port: target.port, path: target.pathname, method: "POST", agent,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } },
      (res) => {
        // Only the start of the body is looked at: an error response starts with {"errors".
        let head = null;
        res.on("data", (chunk) => { if (head === null) head = chunk; });
        res.on("end", () => resolve({ status: res.statusCode, failed: head === null || head.subarray(0, 9).toString() === '{"errors"' }));
      });
    req.on("error", reject);
    req.end(body);
  });
}
(async () => {
  const start = performance.now();
  const measureFrom = start + warmupMs;
  const stopAt = measureFrom + durationMs;
  const latencies = [];
  let failures = 0;
  let sent = 0;
  await Promise.all(Array.from({ length: clients }, async (_, client) => {
    for (let n = client; performance.now() < stopAt; n += clients) {
      const q = mix[n % mix.length];
      const variables = { ...q.variables };
      if (vary) variables.skip = (sent++ * 7919) % (q.maxSkip + 1);
      const began = performance.now();
      const { status, failed } = await post(JSON.stringify({ query: q.query, variables }));
      const ended = performance.now();
      if (status !== 200 || failed) failures++;
      if (began >= measureFrom && ended <= stopAt) latencies.push(ended - began);
    }
  }));
  agent.destroy();
  parentPort.postMessage({ latencies, failures });
})().catch((error) => parentPort.postMessage({ error: String(error && error.stack || error) }));
`;

type LoadResult = { p50: number; p95: number; p99: number; rps: number; failures: number };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function runLoad(url: string, options: Required<GraphqlBenchOptions>, vary: boolean): Promise<LoadResult> {
  const workerData = {
    url,
    clients: options.clients,
    warmupMs: options.warmupMs,
    durationMs: options.durationMs,
    mix: MIX,
    vary,
  };
  const message = await new Promise<{ latencies: number[]; failures: number; error?: string }>((resolve, reject) => {
    const worker = new Worker(LOAD_WORKER, { eval: true, workerData });
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  if (message.error) throw new Error(`load worker failed: ${message.error}`);
  const sorted = message.latencies.sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    rps: sorted.length / (options.durationMs / 1000),
    failures: message.failures,
  };
}

/** Latency of one query at a time (no concurrency), median of `count`. */
async function singleLatency(url: string, count: number, vary: boolean): Promise<number> {
  const times: number[] = [];
  const q = MIX[0]!;
  for (let n = 0; n < count; n++) {
    const variables = { skip: vary ? (n * 7919) % (q.maxSkip + 1) : 0 };
    const began = performance.now();
    const { errors } = await graphql(url, q.query, variables);
    times.push(performance.now() - began);
    if (errors) throw new Error(`single query failed: ${errors[0]?.message}`);
  }
  return median(times);
}

async function indexUnits(chain: LocalChain, units: number, owners: number, log: (line: string) => void) {
  const emitter = await chain.viem.deployContract("UnitEventsEmitter");
  const emitClaims = emitter.write.emitClaims;
  if (!emitClaims) throw new Error("UnitEventsEmitter has no emitClaims: run `hardhat compile`");
  const startBlock = await chain.blockNumber();
  const firstUnit = encodeUnitId({ district: 1, neighbourhood: 0, building: 0, floor: 0, unit: 0 });
  const perOwner = Math.ceil(units / owners);
  log(`emitting ${units} claims for ${owners} owners…`);
  for (let done = 0, o = 0; done < units; done += perOwner, o++) {
    const owner = `0x${(0xbe00 + o).toString(16).padStart(40, "0")}` as const;
    const count = Math.min(perOwner, units - done);
    // Consecutive ids overflow the unit byte into floor/building: still valid packed ids for the mappings.
    const hash = await emitClaims([firstUnit + BigInt(done), BigInt(count), owner, BENCH_SCENE.digest]);
    const receipt = await chain.waitForReceipt(hash);
    if (receipt.status !== "success") throw new Error(`emitClaims reverted in tx ${hash}`);
  }
  const lastBlock = await chain.blockNumber();
  return { sources: { network: "hardhat", UnitRegistry: { address: emitter.address, startBlock } }, lastBlock };
}

function formatLoad(name: string, result: LoadResult): string {
  const p95 = result.p95 <= TARGET_P95_MS ? "met" : "NOT met";
  const rps = result.rps >= TARGET_RPS ? "met" : "NOT met";
  return (
    `${name}: p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms (target ≤ ${TARGET_P95_MS}: ${p95}), ` +
    `p99 ${result.p99.toFixed(1)} ms, ${result.rps.toFixed(0)} requests/s (target ≥ ${TARGET_RPS}: ${rps})` +
    (result.failures ? `, ${result.failures} FAILED requests` : "")
  );
}

export async function runGraphqlBench(input: GraphqlBenchOptions = {}): Promise<BenchRow[]> {
  const options: Required<GraphqlBenchOptions> = {
    units: 1_000,
    owners: 100,
    clients: 50,
    durationMs: 5_000,
    warmupMs: 1_000,
    runs: 3,
    log: (line: string) => console.log(`  ${line}`),
    ...input,
  };
  const { log } = options;
  const chain = await connectLocalChain();
  let host: SubgraphHost | undefined;
  try {
    const { sources, lastBlock } = await indexUnits(chain, options.units, options.owners, log);
    const { buildDir } = await buildMarkspaceSubgraph(sources);
    const start = async (resultCacheBytes?: number) => {
      const started = await startSubgraphHost({
        transport: chain.transport,
        buildDir,
        name: "bench",
        port: 0,
        pollIntervalMs: 1_000,
        log: () => {},
        ...(resultCacheBytes !== undefined ? { graphql: { resultCacheBytes } } : {}),
      });
      await started.waitForBlock(lastBlock, 300_000);
      const check = await graphql<{ units: unknown[]; accounts: unknown[] }>(
        started.url,
        `
          {
            units(first: 1000) {
              id
            }
            accounts(first: 1000) {
              id
            }
          }
        `,
      );
      if (check.data?.units.length !== options.units || check.data.accounts.length !== options.owners)
        throw new Error(`indexed ${check.data?.units.length} units and ${check.data?.accounts.length} accounts`);
      for (const q of MIX) {
        const { errors } = await graphql(started.url, q.query, q.variables);
        if (errors) throw new Error(`bench query failed: ${errors[0]?.message}`);
      }
      return started;
    };

    const measure = async (name: string, url: string, vary: boolean) => {
      const results: LoadResult[] = [];
      for (let run = 1; run <= options.runs; run++) {
        const result = await runLoad(url, options, vary);
        if (result.failures) throw new Error(`${name}: ${result.failures} requests failed`);
        log(formatLoad(`${name}, run ${run}/${options.runs}`, result));
        results.push(result);
      }
      const med = {
        p50: median(results.map((r) => r.p50)),
        p95: median(results.map((r) => r.p95)),
        p99: median(results.map((r) => r.p99)),
        rps: median(results.map((r) => r.rps)),
        failures: 0,
      };
      log(formatLoad(`${name}, median of ${options.runs}`, med));
      return med;
    };

    log("host with the result cache on (default)…");
    host = await start();
    const cached = await measure("mix, result cache on", host.url, false);
    const singleCached = await singleLatency(host.url, 200, false);
    await host.stop();

    log("host with the result cache off, every request another page…");
    host = await start(0);
    const uncached = await measure("mix, result cache off", host.url, true);
    const singleUncached = await singleLatency(host.url, 100, true);
    await host.stop();
    host = undefined;
    log(
      `one query alone (100 units with their account): ${singleUncached.toFixed(1)} ms uncached (before: ${BEFORE.singleMs} ms with 500 units), ${singleCached.toFixed(2)} ms cached`,
    );

    const c = `${options.clients} clients, ${options.units} units`;
    const rows = (label: string, r: LoadResult, baseline: boolean): BenchRow[] => [
      { metric: `graphql mix p50 (${label}, ${c})`, value: round(r.p50), unit: "ms" },
      {
        metric: `graphql mix p95 (${label}, ${c}; target ≤ ${TARGET_P95_MS} ms)`,
        value: round(r.p95),
        unit: "ms",
        ...(baseline ? { baseline: BEFORE.p95Ms } : {}),
      },
      { metric: `graphql mix p99 (${label}, ${c})`, value: round(r.p99), unit: "ms" },
      {
        metric: `graphql mix throughput (${label}, ${c}; target ≥ ${TARGET_RPS})`,
        value: Math.round(r.rps),
        unit: "requests/s",
        ...(baseline ? { baseline: BEFORE.rps } : {}),
      },
    ];
    return [
      ...rows("result cache on", cached, false),
      ...rows("cache off, varying pages", uncached, true),
      {
        metric: "graphql one query alone, 100 units + account (cache off)",
        value: round(singleUncached),
        unit: "ms",
        baseline: BEFORE.singleMs,
      },
      { metric: "graphql one query alone, 100 units + account (cached)", value: round(singleCached), unit: "ms" },
    ];
  } finally {
    await host?.stop();
    await chain.close();
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
