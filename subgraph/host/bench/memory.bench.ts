/**
 * The store on disk: index 1,000,000 entity versions through the real Markspace mappings and
 * watch the subgraph host's resident memory and indexing rate from the start to the end.
 *
 * The chain (`hardhat node`) and the host (its CLI, PGlite on disk in a temporary folder) run
 * as child processes, so the resident memory sampled from /proc is the host's alone. The
 * bench-only `UnitEventsEmitter` emits claim-shaped events in bulk: each claimed unit is four
 * entity versions (Unit, UnitTransfer, UnitClaim, UnitContentChange), plus one Account version
 * per block.
 *
 *   npx tsx -e 'import("./subgraph/host/bench/memory.bench.ts").then(async (m) => console.table(await m.runMemoryBench()))'
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFile, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createPublicClient, createWalletClient, http, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import { encodeUnitId } from "../../../contracts/unit-address.ts";
import { BENCH_SCENE } from "../src/testing/benchScene.ts";
import { buildMarkspaceSubgraph } from "../src/testing/subgraphBuilds.ts";

export type BenchRow = { metric: string; value: number; unit: string; baseline?: number };

export type MemoryBenchOptions = {
  /** Entity versions to index (4 per unit). */
  versions?: number;
  /** Units claimed per transaction (one block each). */
  unitsPerTx?: number;
  log?: (line: string) => void;
};

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
/** Hardhat's first default account (public test key). */
const DEPLOYER_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80" as Hex;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

function startChild(
  command: string,
  args: string[],
  readyLine: RegExp,
): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(command, args, { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
      if (readyLine.test(output)) resolve({ child, output: () => output });
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`${args.join(" ")} exited with ${code}: ${output.slice(-2000)}`)));
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Resident memory of a process, in MiB (Linux /proc). */
async function rssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kib = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
  return kib / 1024;
}

async function indexedBlock(url: string): Promise<number> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: "{ _meta { block { number } hasIndexingErrors } }" }),
  });
  const body = (await response.json()) as {
    data?: { _meta: { block: { number: number }; hasIndexingErrors: boolean } | null };
  };
  // `_meta` is null (with an error) until the first block range is committed.
  const meta = body.data?._meta;
  if (meta?.hasIndexingErrors) throw new Error("the subgraph stopped on an indexing error");
  return meta?.block.number ?? -1;
}

export async function runMemoryBench(options: MemoryBenchOptions = {}): Promise<BenchRow[]> {
  const { versions = 1_000_000, unitsPerTx = 1_000, log = (line: string) => console.log(`  ${line}`) } = options;
  const units = Math.ceil(versions / 4);
  const work = await mkdtemp(join(tmpdir(), "markspace-memory-bench-"));
  const chainPort = await freePort();
  const rpcUrl = `http://127.0.0.1:${chainPort}`;
  const chain = await startChild(
    process.execPath,
    [
      join(repoRoot, "node_modules/hardhat/dist/src/cli.js"),
      "node",
      "--hostname",
      "127.0.0.1",
      "--port",
      String(chainPort),
    ],
    /Started HTTP and WebSocket JSON-RPC server/,
  );
  let host: ChildProcess | undefined;
  try {
    const account = privateKeyToAccount(DEPLOYER_KEY);
    const transport = http(rpcUrl, { timeout: 120_000 });
    const wallet = createWalletClient({ account, chain: hardhat, transport });
    const client = createPublicClient({ chain: hardhat, transport });
    const artifact = JSON.parse(
      await readFile(join(repoRoot, "artifacts/contracts/test/UnitEventsEmitter.sol/UnitEventsEmitter.json"), "utf8"),
    ) as { abi: readonly unknown[]; bytecode: Hex };
    const deployHash = await wallet.deployContract({ abi: artifact.abi, bytecode: artifact.bytecode });
    const deployed = await client.waitForTransactionReceipt({ hash: deployHash });
    const emitter = deployed.contractAddress!;
    const startBlock = Number(deployed.blockNumber);
    const firstUnit = encodeUnitId({ district: 1, neighbourhood: 0, building: 0, floor: 0, unit: 0 });
    log(
      `emitting ${units * 3} events (${units} units, ${versions} entity versions) in ${Math.ceil(units / unitsPerTx)} blocks…`,
    );
    let lastBlock = startBlock;
    for (let done = 0; done < units; done += unitsPerTx) {
      const count = Math.min(unitsPerTx, units - done);
      const hash = await wallet.writeContract({
        address: emitter,
        abi: artifact.abi,
        functionName: "emitClaims",
        args: [firstUnit + BigInt(done), BigInt(count), account.address, BENCH_SCENE.digest],
      });
      const receipt = await client.waitForTransactionReceipt({ hash });
      if (receipt.status !== "success") throw new Error(`emitClaims reverted in ${hash}`);
      lastBlock = Number(receipt.blockNumber);
    }
    const blocks = lastBlock - startBlock;
    const { buildDir } = await buildMarkspaceSubgraph({
      network: "hardhat",
      UnitRegistry: { address: emitter, startBlock },
    } as never);

    const graphqlPort = await freePort();
    const started = await startChild(
      process.execPath,
      [
        "--import",
        "tsx",
        "subgraph/host/src/cli.ts",
        "--rpc-url",
        rpcUrl,
        "--build-dir",
        buildDir,
        "--name",
        "memory",
        "--data-dir",
        join(work, "db"),
        "--port",
        String(graphqlPort),
        "--poll-interval",
        "50",
      ],
      /subgraph host ready: (\S+)/,
    );
    host = started.child;
    const url = /subgraph host ready: (\S+)/.exec(started.output())![1]!;
    // Versions per block: 4 per unit plus the owner's Account.
    const versionsAt = (block: number) => Math.max(0, Math.min(block, lastBlock) - startBlock) * (unitsPerTx * 4 + 1);
    const samples: Array<{ at: number; versions: number; rss: number }> = [];
    const began = performance.now();
    while (true) {
      const block = await indexedBlock(url);
      samples.push({ at: performance.now(), versions: versionsAt(block), rss: await rssMiB(host.pid!) });
      const last = samples[samples.length - 1]!;
      if (samples.length % 10 === 0)
        log(
          `${last.versions} versions indexed, resident ${last.rss.toFixed(0)} MiB, ${((last.at - began) / 1000).toFixed(0)} s`,
        );
      if (block >= lastBlock) break;
      if (performance.now() - began > 1_800_000) throw new Error("indexing took more than 30 minutes");
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    const total = versionsAt(lastBlock);
    // The first and the last tenth of the versions: rate over each window, memory at its end.
    const window = (from: number, to: number) => {
      const first = samples.find((s) => s.versions >= from) ?? samples[0]!;
      const last = samples.find((s) => s.versions >= to) ?? samples[samples.length - 1]!;
      const seconds = (last.at - first.at) / 1000;
      return { rate: seconds > 0 ? (last.versions - first.versions) / seconds : 0, rss: last.rss };
    };
    const start = window(0, total * 0.1);
    const end = window(total * 0.9, total);
    const peak = Math.max(...samples.map((s) => s.rss));
    log(
      `${total} versions in ${blocks} blocks; rate ${start.rate.toFixed(0)} → ${end.rate.toFixed(0)} versions/s; resident ${start.rss.toFixed(0)} → ${end.rss.toFixed(0)} MiB (peak ${peak.toFixed(0)})`,
    );
    return [
      {
        metric: `subgraph host resident memory after the first 10% of ${total} entity versions`,
        value: Math.round(start.rss),
        unit: "MiB",
      },
      { metric: `subgraph host resident memory at ${total} entity versions`, value: Math.round(end.rss), unit: "MiB" },
      { metric: "subgraph host peak resident memory while indexing", value: Math.round(peak), unit: "MiB" },
      {
        metric: "subgraph host indexing rate, first 10% of the versions",
        value: Math.round(start.rate),
        unit: "versions/s",
      },
      {
        metric: "subgraph host indexing rate, last 10% of the versions",
        value: Math.round(end.rate),
        unit: "versions/s",
      },
    ];
  } finally {
    if (host) await stopChild(host);
    await stopChild(chain.child);
    await rm(work, { recursive: true, force: true });
  }
}
