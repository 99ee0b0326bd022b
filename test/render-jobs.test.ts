/**
 * The render jobs end to end: the contracts deployed by the real deploy script on an in-process
 * chain, `RenderJobs` given its role as the local stack gives it (`scripts/lib/dev-render-roles.ts`),
 * a Scheduler and three admitted Workers; a job posted with a permit, accepted, one tile drawn,
 * committed and revealed with one wrong result → events → the real mapping → `RenderJob`,
 * `RenderTile` and `TileResult` answers, checked against the contract's own views.
 */
import hre from "hardhat";
import { keccak256, parseEther, toHex, type Address, type Hex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderJobsAbi, renderStakingAbi } from "@markspace/contracts/abis";
import { BatchTree, batchLeaf } from "../render-network/src/batch-tree.ts";
import type { SubgraphHost } from "../subgraph/host/src/index.ts";
import { lendSaleMrk } from "../scripts/lib/dev-mrk.ts";
import { grantRenderJobsRole } from "../scripts/lib/dev-render-roles.ts";
import { startDeployedStack, type DeployedStack } from "./lib/deployed-stack.ts";

const connection = await hre.network.connect();
const publicClient = await connection.viem.getPublicClient();
const wallets = await connection.viem.getWalletClients();
type Wallet = (typeof wallets)[0];
const [, clientWallet, schedulerWallet, ...rest] = wallets as [unknown, Wallet, Wallet, ...Wallet[]];
const workerWallets = rest.slice(0, 3);

const WORKER = 1;
const SCHEDULER = 2;
const VERSION = keccak256(toHex("markspace-tracer 0.1.0"));
const SCENE = keccak256(toHex("scene manifest"));
const task = (i: number): Hex => keccak256(toHex(`render-jobs-test-task-${i}`));
const answer = (i: number): Hex => keccak256(toHex(`render-jobs-test-result-${i}`));
const truth = keccak256(toHex("tile 0, right pixels"));
/** No sealed known answers (probe tiles). */
const ZERO_ROOT: Hex = `0x${"00".repeat(32)}`;
const lie = keccak256(toHex("tile 0, wrong pixels"));
const saltOf = (worker: Address): Hex => keccak256(toHex(`salt ${worker}`));

let stack: DeployedStack;
let host: SubgraphHost;
let staking: Address;
let jobs: Address;
let treasury: Address;

const rpc = (method: string, params: unknown[] = []) => connection.provider.request({ method, params });
const lower = (address: string) => address.toLowerCase();

/** Sends a call to `address` from `wallet` and waits for the host to index its block. */
async function call(
  wallet: Wallet,
  address: Address,
  abi: typeof renderJobsAbi | typeof renderStakingAbi,
  functionName: string,
  args: readonly unknown[] = [],
) {
  const mined = await stack.mined(
    wallet.writeContract({ address, abi, functionName: functionName as never, args: args as never, chain: null }),
  );
  await host.waitForBlock(mined.block, 30_000);
  return mined;
}

beforeAll(async () => {
  stack = await startDeployedStack(connection, "render-jobs", async (deployment) => {
    await lendSaleMrk(
      connection.provider,
      deployment,
      [clientWallet, schedulerWallet, ...workerWallets].map((wallet) => wallet.account.address),
      parseEther("100000"),
    );
    await grantRenderJobsRole(connection.provider, deployment);
  });
  host = stack.host;
  staking = stack.address("RenderStaking");
  jobs = stack.address("RenderJobs");
  treasury = stack.address("MarkTreasury");
});

afterAll(() => stack?.stop());

type JobRow = {
  status: string;
  client: string;
  scheduler: string;
  tileCount: string;
  acceptedTiles: string;
  budget: string;
  fee: string;
  pricePerResult: string;
  paidToWorkers: string;
  seedBlock: string | null;
  tiles: Array<{
    index: string;
    phase: string;
    round: string;
    workers: string[];
    acceptedResult: string | null;
    results: Array<{
      worker: string;
      commitment: string | null;
      resultHash: string | null;
      outcome: string;
      paid: string;
      slashed: string;
    }>;
  }>;
};

async function jobRow(): Promise<JobRow> {
  const data = await stack.query<{ renderJobs: JobRow[] }>(
    `{
      renderJobs(first: 5) {
        status client scheduler tileCount acceptedTiles budget fee pricePerResult paidToWorkers seedBlock
        tiles(first: 6, orderBy: index) {
          index phase round workers acceptedResult
          results(first: 10) { worker commitment resultHash outcome paid slashed }
        }
      }
    }`,
  );
  expect(data.renderJobs).toHaveLength(1);
  return data.renderJobs[0]!;
}

describe("render jobs", () => {
  it("indexes a job through its posting, acceptance and a tile settled against one wrong result", async () => {
    // Staking: a Scheduler and three admitted Workers in the pool.
    const schedulerStake = parseEther("20000");
    await call(schedulerWallet, staking, renderStakingAbi, "register", [
      SCHEDULER,
      schedulerStake,
      await stack.signPermit(schedulerWallet, staking, schedulerStake),
    ]);
    const answers = await Promise.all(
      workerWallets.map((_, i) =>
        publicClient.readContract({
          address: staking,
          abi: renderStakingAbi,
          functionName: "benchmarkAnswerHash",
          args: [task(i), answer(i)],
        }),
      ),
    );
    await rpc("hardhat_impersonateAccount", [treasury]);
    await rpc("hardhat_setBalance", [treasury, "0x56BC75E2D63100000"]);
    await call(await connection.viem.getWalletClient(treasury), staking, renderStakingAbi, "addBenchmarks", [
      workerWallets.map((_, i) => task(i)),
      answers,
    ]);
    await rpc("hardhat_stopImpersonatingAccount", [treasury]);
    const workerStake = parseEther("1000");
    for (const [i, wallet] of workerWallets.entries()) {
      await call(wallet, staking, renderStakingAbi, "register", [
        WORKER,
        workerStake,
        await stack.signPermit(wallet, staking, workerStake),
      ]);
      await call(wallet, staking, renderStakingAbi, "requestAdmission");
      await call(wallet, staking, renderStakingAbi, "submitAdmission", [answer(i)]);
      await call(wallet, staking, renderStakingAbi, "joinPool", [VERSION]);
    }

    // The client posts a six-tile job with a permit; the Scheduler accepts it.
    const budget = parseEther("1800");
    const deadline = (await publicClient.getBlock()).timestamp + 86_400n;
    await call(clientWallet, jobs, renderJobsAbi, "postJob", [
      SCENE,
      0x55n,
      VERSION,
      { viewpoints: 1, faceSize: 64, samplesPerPixel: 16, tileSize: 64 },
      schedulerWallet.account.address,
      deadline,
      budget,
      ZERO_ROOT,
      await stack.signPermit(clientWallet, jobs, budget),
    ]);
    await call(schedulerWallet, jobs, renderJobsAbi, "acceptJob", [1n]);
    let row = await jobRow();
    const onChain = await publicClient.readContract({
      address: jobs,
      abi: renderJobsAbi,
      functionName: "jobOf",
      args: [1n],
    });
    expect(row).toMatchObject({
      status: "Accepted",
      client: lower(clientWallet.account.address),
      scheduler: lower(schedulerWallet.account.address),
      tileCount: "6",
      budget: budget.toString(),
      fee: onChain.fee.toString(),
      pricePerResult: onChain.pricePerResult.toString(),
      seedBlock: onChain.seedBlock.toString(),
      tiles: [],
    });

    // Tile 0: drawn once the seed block is mined; the third Worker returns wrong pixels.
    await rpc("evm_mine");
    await call(clientWallet, jobs, renderJobsAbi, "assignTile", [1n, 0n]);
    const tile = await publicClient.readContract({
      address: jobs,
      abi: renderJobsAbi,
      functionName: "tileOf",
      args: [1n, 0n],
    });
    const byAddress = new Map(workerWallets.map((wallet) => [lower(wallet.account.address), wallet]));
    const drawn = tile.workers.map((worker) => byAddress.get(lower(worker))!);
    const liar = drawn[2]!.account.address;
    const hashOf = (worker: Address) => (worker === liar ? lie : truth);
    for (const wallet of drawn) {
      const worker = wallet.account.address;
      const commitment = await publicClient.readContract({
        address: jobs,
        abi: renderJobsAbi,
        functionName: "commitmentOf",
        args: [hashOf(worker), saltOf(worker), worker],
      });
      await call(wallet, jobs, renderJobsAbi, "commitResult", [1n, 0n, commitment]);
    }
    expect((await jobRow()).tiles[0]).toMatchObject({ phase: "Revealing", round: "0" });
    for (const wallet of drawn) {
      const worker = wallet.account.address;
      await call(wallet, jobs, renderJobsAbi, "revealResult", [1n, 0n, hashOf(worker), saltOf(worker)]);
    }
    await call(clientWallet, jobs, renderJobsAbi, "settleTile", [1n, 0n]);

    row = await jobRow();
    const price = onChain.pricePerResult.toString();
    expect(row).toMatchObject({ acceptedTiles: "1", paidToWorkers: (onChain.pricePerResult * 2n).toString() });
    expect(row.tiles[0]).toMatchObject({
      index: "0",
      phase: "Accepted",
      acceptedResult: truth,
      workers: tile.workers.map(lower),
    });
    const results = new Map(row.tiles[0]!.results.map((result) => [result.worker, result]));
    for (const wallet of drawn) {
      const worker = wallet.account.address;
      expect(results.get(lower(worker))).toMatchObject(
        worker === liar
          ? { resultHash: lie, outcome: "SlashedDissent", paid: "0", slashed: parseEther("100").toString() }
          : { resultHash: truth, outcome: "Paid", paid: price, slashed: "0" },
      );
    }
    const credited = await publicClient.readContract({
      address: jobs,
      abi: renderJobsAbi,
      functionName: "owedTo",
      args: [drawn[0]!.account.address],
    });
    expect(credited.toString()).toBe(price);
  });

  it("indexes a probe tile: its known answer holds two colluders' round, and judging slashes them", async () => {
    // The first job's liar lost 100 MRK of its minimum stake: every Worker tops up, so that all
    // three stay eligible through the colluders' slashes.
    const topUp = parseEther("1000");
    for (const wallet of workerWallets) {
      await call(wallet, staking, renderStakingAbi, "addStake", [
        topUp,
        await stack.signPermit(wallet, staking, topUp),
      ]);
    }
    // Job 2 seals a known answer for tile 0 among its six tiles (one leaf per tile, zero elsewhere).
    const probeTree = new BatchTree(
      Array.from({ length: 6 }, (_, tile) => (tile === 0 ? batchLeaf(0, truth) : ZERO_ROOT)),
    );
    const budget = parseEther("1800");
    const deadline = (await publicClient.getBlock()).timestamp + 86_400n;
    await call(clientWallet, jobs, renderJobsAbi, "postJob", [
      SCENE,
      0x55n,
      VERSION,
      { viewpoints: 1, faceSize: 64, samplesPerPixel: 16, tileSize: 64 },
      schedulerWallet.account.address,
      deadline,
      budget,
      probeTree.root,
      await stack.signPermit(clientWallet, jobs, budget),
    ]);
    await call(schedulerWallet, jobs, renderJobsAbi, "acceptJob", [2n]);
    await rpc("evm_mine");
    const byAddress = new Map(workerWallets.map((wallet) => [lower(wallet.account.address), wallet]));
    /** Draws tile 0, has its Workers commit and reveal (the first `liars` slots the wrong pixels). */
    const runRound = async (liars: number, openProbe: boolean) => {
      await call(clientWallet, jobs, renderJobsAbi, "assignTile", [2n, 0n]);
      const view = await publicClient.readContract({
        address: jobs,
        abi: renderJobsAbi,
        functionName: "tileOf",
        args: [2n, 0n],
      });
      const drawn = view.workers.map((worker) => byAddress.get(lower(worker))!);
      const hashAt = (slot: number) => (slot < liars ? lie : truth);
      for (const [slot, wallet] of drawn.entries()) {
        const worker = wallet.account.address;
        const commitment = await publicClient.readContract({
          address: jobs,
          abi: renderJobsAbi,
          functionName: "commitmentOf",
          args: [hashAt(slot), saltOf(worker), worker],
        });
        await call(wallet, jobs, renderJobsAbi, "commitResult", [2n, 0n, commitment]);
      }
      if (openProbe) await call(clientWallet, jobs, renderJobsAbi, "openProbe", [2n, 0n, truth, probeTree.proof(0)]);
      for (const [slot, wallet] of drawn.entries()) {
        await call(wallet, jobs, renderJobsAbi, "revealResult", [2n, 0n, hashAt(slot), saltOf(wallet.account.address)]);
      }
      await call(clientWallet, jobs, renderJobsAbi, "settleTile", [2n, 0n]);
      return view.workers.map(lower);
    };
    const probeRow = async () =>
      (
        await stack.query<{
          renderJobs: Array<{
            probeRoot: string | null;
            tiles: Array<{
              phase: string;
              round: string;
              knownAnswer: string | null;
              probeAgreed: boolean | null;
              results: Array<{ round: string; worker: string; outcome: string; slashed: string }>;
            }>;
          }>;
        }>(
          `{ renderJobs(where: { jobId: "2" }) { probeRoot tiles(where: { index: "0" }) {
              phase round knownAnswer probeAgreed results(first: 10) { round worker outcome slashed } } } }`,
        )
      ).renderJobs[0]!;

    // Round 0: two Workers agree on wrong pixels; the known answer sides with the third.
    const colluded = await runRound(2, true);
    let row = await probeRow();
    expect(row.probeRoot).toBe(probeTree.root);
    expect(row.tiles[0]).toMatchObject({ phase: "Unassigned", round: "1", knownAnswer: truth, probeAgreed: null });
    expect(row.tiles[0]!.results.filter((result) => result.round === "0").map((result) => result.outcome)).toEqual([
      "Held",
      "Held",
      "Held",
    ]);

    // Round 1: an honest round decides; the known answer agreed.
    await rpc("evm_mine");
    await runRound(0, false);
    await call(clientWallet, jobs, renderJobsAbi, "judgeHeldRound", [2n, 0n, 0n]);
    row = await probeRow();
    expect(row.tiles[0]).toMatchObject({ phase: "Accepted", probeAgreed: true });
    const held = new Map(
      row.tiles[0]!.results.filter((result) => result.round === "0").map((result) => [result.worker, result]),
    );
    expect(held.get(colluded[0]!)).toMatchObject({ outcome: "SlashedDissent", slashed: parseEther("100").toString() });
    expect(held.get(colluded[1]!)).toMatchObject({ outcome: "SlashedDissent", slashed: parseEther("100").toString() });
    expect(held.get(colluded[2]!)).toMatchObject({ outcome: "Released", slashed: "0" });
  });
});
