/**
 * The render network on the local stack: benchmark tasks for admission (published on IPFS and
 * registered as governance would), ETH and MRK for its accounts, one Scheduler and N Worker
 * processes (`render-network/src/cli/`), and a demo job on a unit of the demo world that
 * completes while the user watches `/render`.
 *
 * Its accounts come from the local chain's test mnemonic at indices far from the ones the dev
 * wallet and the demo world use, so nobody's free claim or balance is touched.
 */
import { join } from "node:path";
import { createPublicClient, createWalletClient, http, parseEther, type Address } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import type { Deployment } from "@markspace/contracts/deployments";
import {
  makeBenchmarkTasks,
  postRenderJob,
  publishBenchmarkTasks,
  type JobOutputSpec,
  type RenderNodeChain,
} from "@markspace/render-network";
import { bins, tsxArgs } from "../lib/bins.ts";
import { lendSaleMrk } from "../lib/dev-mrk.ts";
import { addDevBenchmarks } from "../lib/dev-render-benchmarks.ts";
import { repoRoot } from "../lib/paths.ts";
import type { StackConfig } from "../lib/stack-config.ts";
import { TEST_MNEMONIC } from "../lib/test-accounts.ts";
import type { ServiceSpec } from "./supervisor.ts";

/** Test-mnemonic indices of the render network's accounts. */
export const RENDER_ACCOUNTS = { client: 99, scheduler: 100, firstWorker: 101 } as const;
/** The demo job: one cube map at the unit's arrival point, 96 tiles of 32 × 32 pixels. */
export const DEMO_JOB_SPEC: JobOutputSpec = { viewpoints: 1, faceSize: 128, samplesPerPixel: 16, tileSize: 32 };
const DEMO_JOB_BUDGET = parseEther("5000");

export type RenderStackParameters = {
  config: StackConfig;
  rpcUrl: string;
  deploymentsDir: string;
  deployment: Deployment;
  ipfs: { api: string; gateway: string };
  log: (line: string) => void;
};

const accountAt = (index: number) => mnemonicToAccount(TEST_MNEMONIC, { addressIndex: index });

/**
 * Benchmark tasks for every Worker (and two spare), ETH and MRK for the network's accounts, and
 * a block every second: on a real chain blocks keep coming, and a tile's draw waits for one.
 */
export async function prepareRenderNetwork(params: RenderStackParameters): Promise<void> {
  const { config, rpcUrl, deployment, ipfs, log } = params;
  const provider = http(rpcUrl)({});
  await provider.request({ method: "evm_setIntervalMining", params: [1_000] });
  const published = await publishBenchmarkTasks({
    ipfsApiUrl: ipfs.api,
    tasks: makeBenchmarkTasks(config.renderWorkers + 2),
    threads: 1,
  });
  await addDevBenchmarks(provider, deployment, published);
  log(
    `published ${published.length} admission benchmarks on IPFS and registered them (as the treasury: local chain only)`,
  );
  const accounts: Address[] = [
    accountAt(RENDER_ACCOUNTS.client).address,
    accountAt(RENDER_ACCOUNTS.scheduler).address,
    ...Array.from({ length: config.renderWorkers }, (_, i) => accountAt(RENDER_ACCOUNTS.firstWorker + i).address),
  ];
  for (const address of accounts) {
    await provider.request({ method: "hardhat_setBalance", params: [address, "0x56BC75E2D63100000"] });
  }
  await lendSaleMrk(provider, deployment, accounts, parseEther("50000"));
}

function nodeArgs(params: RenderStackParameters, cli: string, account: number, dir: string, extra: string[] = []) {
  return tsxArgs(
    `render-network/src/cli/${cli}.ts`,
    "--rpc-url",
    params.rpcUrl,
    "--deployments-dir",
    params.deploymentsDir,
    "--ipfs-api",
    params.ipfs.api,
    "--ipfs-gateway",
    params.ipfs.gateway,
    "--test-account",
    String(account),
    "--data-dir",
    join(params.config.dataDirAbsolute, "render", dir),
    "--poll-ms",
    "500",
    ...extra,
  );
}

/** The Scheduler process, then each Worker process (one render thread each). */
export function renderServices(params: RenderStackParameters): ServiceSpec[] {
  const service = (name: string, args: string[]): ServiceSpec => ({
    name,
    command: bins.node,
    args,
    cwd: repoRoot,
    ready: { readyLine: /"event":"ready"/ },
    timeoutMs: 180_000,
    // Its state (salts, the jobs it follows) is on disk: a restarted process carries on.
    restart: { policy: "on-failure" },
  });
  return [
    service("render-scheduler", nodeArgs(params, "scheduler", RENDER_ACCOUNTS.scheduler, "scheduler")),
    ...Array.from({ length: params.config.renderWorkers }, (_, i) =>
      service(
        `render-worker-${i + 1}`,
        nodeArgs(params, "worker", RENDER_ACCOUNTS.firstWorker + i, `worker-${i + 1}`, ["--threads", "1"]),
      ),
    ),
  ];
}

/** Posts the demo job for the Scheduler on `sceneCid` (a demo unit's manifest); returns its id. */
export async function postDemoJob(params: RenderStackParameters & { sceneCid: string }): Promise<bigint> {
  const { rpcUrl, deployment, sceneCid } = params;
  const transport = http(rpcUrl);
  const publicClient = createPublicClient({ transport });
  const chain = {
    publicClient,
    walletClient: createWalletClient({ account: accountAt(RENDER_ACCOUNTS.client), transport }),
    contracts: {
      staking: deployment.contracts.RenderStaking.address as Address,
      jobs: deployment.contracts.RenderJobs.address as Address,
      token: deployment.contracts.MarkToken.address as Address,
    },
  } as RenderNodeChain;
  return postRenderJob({
    chain,
    sceneCid,
    spec: DEMO_JOB_SPEC,
    scheduler: accountAt(RENDER_ACCOUNTS.scheduler).address,
    budget: DEMO_JOB_BUDGET,
    deadline: (await publicClient.getBlock()).timestamp + 86_400n,
  });
}
