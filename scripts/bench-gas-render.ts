/**
 * Gas of the render network's staking transactions, measured on an in-process Hardhat/EDR chain
 * as total transaction gas (`receipt.gasUsed`: the 21,000 base and calldata included). The
 * contracts are deployed by the real deploy script, so stakes and periods are the genesis
 * parameters. The benchmark pool is filled by the treasury (impersonated: it holds every
 * restricted function until governance grants roles). Each figure is the median over five runs,
 * each by its own worker. The jobs' rows come from five six-tile jobs of one Scheduler and four
 * Workers, after `RenderJobs` got its role in `RenderStaking` as a proposal would give it
 * (`scripts/lib/dev-render-roles.ts`); every tile is settled with three matching results. Five
 * more six-tile jobs are run with batch commitments: every Worker seals all its tiles of a job
 * in one `commitBatch` and opens them in one `revealBatch` (about 4.5 tiles per batch). The
 * staking workers join the bench renderer's draw pool, are rated up (once within a draw-weight
 * step, once across one, so the pool's sum tree moves) and leave it again; the jobs' Workers are
 * the draw pool the tiles are drawn from.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import hre from "hardhat";
import {
  createWalletClient,
  custom,
  getAddress,
  keccak256,
  parseEther,
  toHex,
  type Abi,
  type Address,
  type EIP1193Provider,
  type Hash,
  type Hex,
} from "viem";
import { renderJobsAbi, renderStakingAbi } from "../contracts/generated/abis.ts";
import { BatchTree, batchLeaf } from "../render-network/src/batch-tree.ts";
import { signMrkPermit } from "../contracts/token/permit.ts";
import { deploy } from "./deploy.ts";
import type { GasBenchRow } from "./bench-gas.ts";
import { lendSaleMrk } from "./lib/dev-mrk.ts";
import { grantRenderJobsRole } from "./lib/dev-render-roles.ts";
import { median } from "./lib/gas.ts";

const RUNS = 5;
/** No sealed known answers (probe tiles). */
const ZERO_ROOT: Hex = `0x${"00".repeat(32)}`;
const WORKER = 1;
const SCHEDULER = 2;
const JOB_WORKERS = 4;
const TILES = 6;
/** The renderer version the bench jobs name, and whose draw pool their Workers join. */
const BENCH_VERSION: Hex = keccak256(toHex("markspace-tracer bench"));
const task = (i: number): Hex => keccak256(toHex(`markspace-bench-render-task-${i}`));
const result = (i: number): Hex => keccak256(toHex(`markspace-bench-render-result-${i}`));

export async function runRenderGasBench(): Promise<GasBenchRow[]> {
  await hre.tasks.getTask("build").run({ quiet: true });
  const conn = await hre.network.connect();
  const { viem } = conn;
  const publicClient = await viem.getPublicClient();
  const wallets = await viem.getWalletClients();
  const needed = RUNS + 3 + JOB_WORKERS;
  if (wallets.length < needed) throw new Error(`bench-gas-render: the chain needs ${needed} funded accounts`);
  const outDir = await mkdtemp(join(tmpdir(), "markspace-bench-render-"));
  try {
    const { deployment } = await deploy({ transport: custom(conn.provider), outDir, log: () => {} });
    const at = (name: keyof typeof deployment.contracts) => getAddress(deployment.contracts[name]!.address);
    const staking = at("RenderStaking");
    const token = at("MarkToken");
    const workers = wallets.slice(1, RUNS + 1);
    const scheduler = wallets[RUNS + 1]!;
    const client = wallets[RUNS + 2]!;
    const jobWorkers = wallets.slice(RUNS + 3, RUNS + 3 + JOB_WORKERS);
    await lendSaleMrk(
      conn.provider,
      deployment,
      [...workers, scheduler, client, ...jobWorkers].map((wallet) => wallet.account.address),
      parseEther("100000"),
    );

    async function gasOf(hash: Hash): Promise<bigint> {
      const receipt = await publicClient.waitForTransactionReceipt({ hash });
      if (receipt.status !== "success") throw new Error(`bench-gas-render: transaction ${hash} reverted`);
      return receipt.gasUsed;
    }
    async function send(user: (typeof wallets)[0], functionName: string, args: readonly unknown[]) {
      return gasOf(
        await user.writeContract({ address: staking, abi: renderStakingAbi as Abi, functionName, args, chain: null }),
      );
    }
    const permitFor = (user: (typeof wallets)[0], value: bigint, spender: Address = staking) =>
      signMrkPermit({ publicClient, wallet: user, token, spender, value });

    // The treasury fills the benchmark pool, one task per worker (the jobs' Workers' last).
    const admitted = [...workers, ...jobWorkers];
    const tasks = admitted.map((_, i) => task(i));
    const answers = await Promise.all(
      admitted.map((_, i) =>
        publicClient.readContract({
          address: staking,
          abi: renderStakingAbi,
          functionName: "benchmarkAnswerHash",
          args: [task(i), result(i)],
        }),
      ),
    );
    await asTreasury(conn.provider, at("MarkTreasury"), async (treasury) => {
      await gasOf(
        await treasury.writeContract({
          account: at("MarkTreasury"),
          chain: null,
          address: staking,
          abi: renderStakingAbi,
          functionName: "addBenchmarks",
          args: [tasks, answers],
        }),
      );
    });

    const minimum = await publicClient.readContract({
      address: staking,
      abi: renderStakingAbi,
      functionName: "minimumStake",
      args: [WORKER],
    });
    async function rateAsTreasury(account: Address, delta: bigint): Promise<bigint> {
      let gas = 0n;
      await asTreasury(conn.provider, at("MarkTreasury"), async (treasury) => {
        gas = await gasOf(
          await treasury.writeContract({
            account: at("MarkTreasury"),
            chain: null,
            address: staking,
            abi: renderStakingAbi,
            functionName: "adjustRating",
            args: [account, BENCH_VERSION, delta],
          }),
        );
      });
      return gas;
    }
    const samples: Record<string, bigint[]> = {};
    const record = (metric: string, gas: bigint) => (samples[metric] ??= []).push(gas);

    for (const [i, worker] of workers.entries()) {
      record(
        "render: register a Worker with permit (RenderStaking.register)",
        await send(worker, "register", [WORKER, minimum, await permitFor(worker, minimum)]),
      );
      record(
        "render: take an admission task (RenderStaking.requestAdmission)",
        await send(worker, "requestAdmission", []),
      );
      record(
        "render: answer the admission task, right (RenderStaking.submitAdmission)",
        await send(worker, "submitAdmission", [result(i)]),
      );
      record(
        "render: join a renderer's draw pool (RenderStaking.joinPool)",
        await send(worker, "joinPool", [BENCH_VERSION]),
      );
      // Until governance grants the job role, the treasury holds `adjustRating`: ratings moved
      // as a job's settlement moves them, with the Worker in a pool whose sum tree must follow.
      // The first rating writes a fresh slot, so the rows start from a rating of 1.
      await rateAsTreasury(worker.account.address, 1n);
      record(
        "render: rate a pooled Worker, its draw weight unchanged (RenderStaking.adjustRating)",
        await rateAsTreasury(worker.account.address, 1n),
      );
      record(
        "render: rate a pooled Worker across a weight step (RenderStaking.adjustRating)",
        await rateAsTreasury(worker.account.address, 23n),
      );
      record(
        "render: add stake with permit (RenderStaking.addStake)",
        await send(worker, "addStake", [minimum, await permitFor(worker, minimum)]),
      );
      record("render: request unbond (RenderStaking.requestUnbond)", await send(worker, "requestUnbond", [minimum]));
    }
    // Leaving from a pool of five, positions swapped from the last one in.
    for (const worker of workers) {
      record(
        "render: leave a renderer's draw pool (RenderStaking.leavePool)",
        await send(worker, "leavePool", [BENCH_VERSION]),
      );
    }
    // One unbonding period later, every worker takes its stake back.
    const period = await publicClient.readContract({
      address: deployment.contracts.MarkParameters.address as Address,
      abi: [
        {
          type: "function",
          name: "getByName",
          stateMutability: "view",
          inputs: [{ name: "name", type: "string" }],
          outputs: [{ type: "uint256" }],
        },
      ] as const,
      functionName: "getByName",
      args: ["render.unbondingPeriod"],
    });
    await conn.provider.request({ method: "evm_increaseTime", params: [Number(period)] });
    await conn.provider.request({ method: "evm_mine", params: [] });
    for (const worker of workers) {
      record(
        "render: withdraw after the unbonding period (RenderStaking.withdraw)",
        await send(worker, "withdraw", []),
      );
    }

    await benchJobs();
    return Object.entries(samples).map(([metric, values]) => ({ metric, value: median(values), unit: "gas" }));

    async function benchJobs(): Promise<void> {
      const jobs = at("RenderJobs");
      await grantRenderJobsRole(conn.provider, deployment);
      const onJobs = async (user: (typeof wallets)[0], functionName: string, args: readonly unknown[]) =>
        gasOf(await user.writeContract({ address: jobs, abi: renderJobsAbi as Abi, functionName, args, chain: null }));
      const schedulerStake = parseEther("20000");
      await send(scheduler, "register", [SCHEDULER, schedulerStake, await permitFor(scheduler, schedulerStake)]);
      for (const [i, worker] of jobWorkers.entries()) {
        await send(worker, "register", [WORKER, minimum, await permitFor(worker, minimum)]);
        await send(worker, "requestAdmission", []);
        await send(worker, "submitAdmission", [result(workers.length + i)]);
        await send(worker, "joinPool", [BENCH_VERSION]);
      }
      const byAddress = new Map(jobWorkers.map((worker) => [getAddress(worker.account.address), worker]));
      const spec = { viewpoints: 1, faceSize: 64, samplesPerPixel: 16, tileSize: 64 };
      const budget = parseEther("1800");
      for (let run = 0; run < RUNS; run++) {
        const jobId = BigInt(run + 1);
        const deadline = (await publicClient.getBlock()).timestamp + 86_400n;
        record(
          "render: post a six-tile job with permit (RenderJobs.postJob)",
          await onJobs(client, "postJob", [
            keccak256(toHex(`bench scene ${run}`)),
            0x55n,
            BENCH_VERSION,
            spec,
            scheduler.account.address,
            deadline,
            budget,
            ZERO_ROOT,
            await permitFor(client, budget, jobs),
          ]),
        );
        record("render: accept a job (RenderJobs.acceptJob)", await onJobs(scheduler, "acceptJob", [jobId]));
        await conn.provider.request({ method: "evm_mine", params: [] }); // the seed block
        for (let tile = 0n; tile < BigInt(TILES); tile++) {
          const assign = await onJobs(client, "assignTile", [jobId, tile]);
          record("render: draw a tile's three Workers (RenderJobs.assignTile)", assign);
          const { workers: drawn } = (await publicClient.readContract({
            address: jobs,
            abi: renderJobsAbi,
            functionName: "tileOf",
            args: [jobId, tile],
          })) as { workers: readonly Address[] };
          const resultHash = keccak256(toHex(`bench tile ${run}/${tile}`));
          let tileGas = assign;
          for (const address of drawn) {
            const salt = keccak256(toHex(`salt ${address} ${run}/${tile}`));
            const commitment = await publicClient.readContract({
              address: jobs,
              abi: renderJobsAbi,
              functionName: "commitmentOf",
              args: [resultHash, salt, address],
            });
            const gas = await onJobs(byAddress.get(getAddress(address))!, "commitResult", [jobId, tile, commitment]);
            record("render: commit a tile result (RenderJobs.commitResult)", gas);
            tileGas += gas;
          }
          for (const address of drawn) {
            const salt = keccak256(toHex(`salt ${address} ${run}/${tile}`));
            const gas = await onJobs(byAddress.get(getAddress(address))!, "revealResult", [
              jobId,
              tile,
              resultHash,
              salt,
            ]);
            record("render: reveal a tile result (RenderJobs.revealResult)", gas);
            tileGas += gas;
          }
          const settle = await onJobs(client, "settleTile", [jobId, tile]);
          record("render: settle a tile, three matching results paid (RenderJobs.settleTile)", settle);
          record("render: one tile in all (assign + 3 commits + 3 reveals + settle)", tileGas + settle);
        }
        record(
          "render: publish the assembled result (RenderJobs.completeJob)",
          await onJobs(scheduler, "completeJob", [jobId, keccak256(toHex(`bench result ${run}`)), 0x55n]),
        );
      }
      for (let run = 0; run < RUNS; run++) await batchedJob(BigInt(RUNS + run + 1), run);
      for (let run = 0; run < RUNS; run++) await probedTile(BigInt(2 * RUNS + run + 1), run);
      for (const worker of jobWorkers) {
        record("render: withdraw earnings (RenderJobs.withdraw)", await onJobs(worker, "withdraw", []));
      }

      /** A six-tile job whose tile 0 is a probe: its known answer opened, then the tile settled. */
      async function probedTile(jobId: bigint, run: number): Promise<void> {
        const resultHash = keccak256(toHex(`bench probed tile ${run}`));
        const probes = new BatchTree(
          Array.from({ length: TILES }, (_, tile) => (tile === 0 ? batchLeaf(0, resultHash) : ZERO_ROOT)),
        );
        const deadline = (await publicClient.getBlock()).timestamp + 86_400n;
        record(
          "render: post a six-tile job with probes (RenderJobs.postJob)",
          await onJobs(client, "postJob", [
            keccak256(toHex(`bench probed scene ${run}`)),
            0x55n,
            BENCH_VERSION,
            spec,
            scheduler.account.address,
            deadline,
            budget,
            probes.root,
            await permitFor(client, budget, jobs),
          ]),
        );
        await onJobs(scheduler, "acceptJob", [jobId]);
        await conn.provider.request({ method: "evm_mine", params: [] });
        await onJobs(client, "assignTile", [jobId, 0n]);
        const { workers: drawn } = (await publicClient.readContract({
          address: jobs,
          abi: renderJobsAbi,
          functionName: "tileOf",
          args: [jobId, 0n],
        })) as { workers: readonly Address[] };
        const saltOf = (address: Address) => keccak256(toHex(`probe salt ${address} ${run}`));
        for (const address of drawn) {
          const commitment = await publicClient.readContract({
            address: jobs,
            abi: renderJobsAbi,
            functionName: "commitmentOf",
            args: [resultHash, saltOf(address), address],
          });
          await onJobs(byAddress.get(getAddress(address))!, "commitResult", [jobId, 0n, commitment]);
        }
        record(
          "render: open a probe tile's known answer (RenderJobs.openProbe)",
          await onJobs(client, "openProbe", [jobId, 0n, resultHash, probes.proof(0)]),
        );
        for (const address of drawn) {
          await onJobs(byAddress.get(getAddress(address))!, "revealResult", [jobId, 0n, resultHash, saltOf(address)]);
        }
        record(
          "render: settle a probe tile, three matching results and the known answer (RenderJobs.settleTile)",
          await onJobs(client, "settleTile", [jobId, 0n]),
        );
      }

      /** A six-tile job in which each Worker seals and opens all its tiles at once. */
      async function batchedJob(jobId: bigint, run: number): Promise<void> {
        const deadline = (await publicClient.getBlock()).timestamp + 86_400n;
        await onJobs(client, "postJob", [
          keccak256(toHex(`bench batched scene ${run}`)),
          0x55n,
          BENCH_VERSION,
          spec,
          scheduler.account.address,
          deadline,
          budget,
          ZERO_ROOT,
          await permitFor(client, budget, jobs),
        ]);
        await onJobs(scheduler, "acceptJob", [jobId]);
        await conn.provider.request({ method: "evm_mine", params: [] });
        let total = 0n;
        let sealing = 0n;
        let opening = 0n;
        const held = new Map<Address, { tile: bigint; slot: number; resultHash: Hex }[]>();
        for (let tile = 0n; tile < BigInt(TILES); tile++) {
          total += await onJobs(client, "assignTile", [jobId, tile]);
          const { workers: drawn } = (await publicClient.readContract({
            address: jobs,
            abi: renderJobsAbi,
            functionName: "tileOf",
            args: [jobId, tile],
          })) as { workers: readonly Address[] };
          const resultHash = keccak256(toHex(`bench batched tile ${run}/${tile}`));
          drawn.forEach((address, slot) => {
            const key = getAddress(address);
            held.set(key, [...(held.get(key) ?? []), { tile, slot, resultHash }]);
          });
        }
        const sealed = new Map<Address, { tree: BatchTree; salt: Hex; batch: bigint }>();
        for (const [address, leaves] of held) {
          const tree = new BatchTree(leaves.map((leaf) => batchLeaf(leaf.tile, leaf.resultHash)));
          const salt = keccak256(toHex(`batch salt ${address} ${run}`));
          const commitment = await publicClient.readContract({
            address: jobs,
            abi: renderJobsAbi,
            functionName: "commitmentOf",
            args: [tree.root, salt, address],
          });
          const gas = await onJobs(byAddress.get(address)!, "commitBatch", [
            jobId,
            leaves.map((leaf) => leaf.tile),
            leaves.map((leaf) => leaf.slot),
            commitment,
          ]);
          sealing += gas;
          // Batches are numbered within the job in the order they are sealed.
          sealed.set(address, { tree, salt, batch: BigInt(sealed.size + 1) });
        }
        for (const [address, leaves] of held) {
          const { tree, salt, batch } = sealed.get(address)!;
          opening += await onJobs(byAddress.get(address)!, "revealBatch", [
            jobId,
            batch,
            {
              root: tree.root,
              salt,
              tiles: leaves.map((leaf) => leaf.tile),
              slots: leaves.map((leaf) => leaf.slot),
              resultHashes: leaves.map((leaf) => leaf.resultHash),
              proofs: leaves.map((_, position) => tree.proof(position)),
            },
          ]);
        }
        for (let tile = 0n; tile < BigInt(TILES); tile++) total += await onJobs(client, "settleTile", [jobId, tile]);
        await onJobs(scheduler, "completeJob", [jobId, keccak256(toHex(`bench batched result ${run}`)), 0x55n]);
        const results = BigInt(TILES * 3);
        record("render: seal a tile result in a batch (RenderJobs.commitBatch ÷ results)", sealing / results);
        record("render: open a tile result in a batch (RenderJobs.revealBatch ÷ results)", opening / results);
        record(
          "render: one tile in all, batched (assign + settle + its share of the batches)",
          (total + sealing + opening) / BigInt(TILES),
        );
      }
    }
  } finally {
    await conn.close();
    await rm(outDir, { recursive: true, force: true });
  }
}

type RequestProvider = { request: (args: { method: string; params?: unknown[] }) => Promise<unknown> };

/** Runs `act` with a wallet client of the treasury timelock (impersonated; local chain only). */
async function asTreasury(
  provider: RequestProvider,
  treasury: Address,
  act: (wallet: ReturnType<typeof createWalletClient>) => Promise<void>,
): Promise<void> {
  await provider.request({ method: "hardhat_impersonateAccount", params: [treasury] });
  await provider.request({ method: "hardhat_setBalance", params: [treasury, "0x56BC75E2D63100000"] });
  try {
    await act(createWalletClient({ account: treasury, transport: custom(provider as EIP1193Provider) }));
  } finally {
    await provider.request({ method: "hardhat_stopImpersonatingAccount", params: [treasury] });
  }
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  for (const row of await runRenderGasBench()) {
    console.log(`${row.metric.padEnd(76)} ${String(row.value).padStart(9)} gas`);
  }
  process.exit(0);
}
