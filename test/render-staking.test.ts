/**
 * The render network's staking end to end: the contracts deployed by the real deploy script on an
 * in-process chain, transactions (registering with a permit, an admission refused and one passed,
 * locks, a rating, a slash, unbonding and withdrawal) → events → the real mapping → entities →
 * GraphQL answers, checked against the contract's own views. The treasury, which holds the
 * restricted functions until governance grants roles, is impersonated.
 */
import hre from "hardhat";
import { keccak256, parseEther, toHex, type Address, type Hex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderStakingAbi } from "@markspace/contracts/abis";
import type { SubgraphHost } from "../subgraph/host/src/index.ts";
import { lendSaleMrk } from "../scripts/lib/dev-mrk.ts";
import { rendererState, renderNetworkTotals } from "../app/src/render/renderNetwork.ts";
import { fetchRenderNetwork } from "../app/src/subgraph/renderClient.ts";
import { startDeployedStack, type DeployedStack } from "./lib/deployed-stack.ts";

const connection = await hre.network.connect();
const publicClient = await connection.viem.getPublicClient();
const wallets = await connection.viem.getWalletClients();
const [, workerWallet, schedulerWallet] = wallets as [unknown, (typeof wallets)[0], (typeof wallets)[0]];
const worker = workerWallet.account.address;
const scheduler = schedulerWallet.account.address;

const WORKER = 1;
const SCHEDULER = 2;
const VERSION = keccak256(toHex("markspace-tracer 0.1.0"));
const REASON = keccak256(toHex("job 1, tile 7: dissent"));
const task = (i: number): Hex => keccak256(toHex(`render-test-task-${i}`));
const result = (i: number): Hex => keccak256(toHex(`render-test-result-${i}`));

let stack: DeployedStack;
let host: SubgraphHost;
let staking: Address;
let treasury: Address;

const rpc = (method: string, params: unknown[] = []) => connection.provider.request({ method, params });
const lower = (address: string) => address.toLowerCase();

/** Sends a RenderStaking call from `wallet` and waits for the host to index its block. */
async function call(wallet: (typeof wallets)[0], functionName: string, args: readonly unknown[] = []) {
  const mined = await stack.mined(
    wallet.writeContract({
      address: staking,
      abi: renderStakingAbi,
      functionName: functionName as never,
      args: args as never,
      chain: null,
    }),
  );
  await host.waitForBlock(mined.block, 30_000);
  return mined;
}

/** The same, as the treasury (impersonated, with ETH for gas). */
async function asTreasury(functionName: string, args: readonly unknown[]) {
  await rpc("hardhat_impersonateAccount", [treasury]);
  await rpc("hardhat_setBalance", [treasury, "0x56BC75E2D63100000"]);
  try {
    return await call(await connection.viem.getWalletClient(treasury), functionName, args);
  } finally {
    await rpc("hardhat_stopImpersonatingAccount", [treasury]);
  }
}

type RendererRow = {
  role: string;
  staked: string;
  locked: string;
  unbonding: string;
  withdrawableAt: string;
  admitted: boolean;
  admissionTask: string | null;
  admissionRetryAt: string | null;
  speedSeconds: string | null;
  slashed: string;
  ratings: Array<{ rendererVersion: string; rating: string }>;
  history: Array<{ kind: string; amount: string; detail: string | null }>;
};

async function rendererOf(account: Address): Promise<RendererRow> {
  const data = await stack.query<{ renderer: RendererRow }>(
    `query ($id: ID!) {
      renderer(id: $id) {
        role staked locked unbonding withdrawableAt admitted admissionTask admissionRetryAt speedSeconds slashed
        ratings { rendererVersion rating }
        history(orderBy: blockNumber) { kind amount detail }
      }
    }`,
    { id: lower(account) },
  );
  return data.renderer;
}

async function stakeOnChain(account: Address) {
  return publicClient.readContract({
    address: staking,
    abi: renderStakingAbi,
    functionName: "stakeOf",
    args: [account],
  });
}

beforeAll(async () => {
  stack = await startDeployedStack(connection, "render", (deployment) =>
    lendSaleMrk(connection.provider, deployment, [worker, scheduler], parseEther("100000")),
  );
  host = stack.host;
  staking = stack.address("RenderStaking");
  treasury = stack.address("MarkTreasury");
});

afterAll(() => stack?.stop());

describe("render staking", () => {
  it("indexes a Worker registered with a permit, refused once and then admitted with its speed", async () => {
    const stake = parseEther("1000");
    await call(workerWallet, "register", [WORKER, stake, await stack.signPermit(workerWallet, staking, stake)]);
    const answers = await Promise.all(
      [0, 1].map((i) =>
        publicClient.readContract({
          address: staking,
          abi: renderStakingAbi,
          functionName: "benchmarkAnswerHash",
          args: [task(i), result(i)],
        }),
      ),
    );
    await asTreasury("addBenchmarks", [[task(0), task(1)], answers]);

    await call(workerWallet, "requestAdmission");
    expect((await rendererOf(worker)).admissionTask).toBe(task(0));
    const refused = await call(workerWallet, "submitAdmission", [result(1)]);
    let row = await rendererOf(worker);
    expect(row).toMatchObject({ admitted: false, admissionTask: null });
    expect(row.admissionRetryAt).toBe((refused.timestamp + 3_600n).toString());

    await rpc("evm_increaseTime", [3_600]);
    await call(workerWallet, "requestAdmission");
    await call(workerWallet, "submitAdmission", [result(1)]);
    row = await rendererOf(worker);
    const onChain = await publicClient.readContract({
      address: staking,
      abi: renderStakingAbi,
      functionName: "admissionOf",
      args: [worker],
    });
    expect(onChain.admitted).toBe(true);
    expect(row).toMatchObject({
      role: "Worker",
      staked: stake.toString(),
      admitted: true,
      admissionTask: null,
      speedSeconds: onChain.speedSeconds.toString(),
    });
    expect(row.history.map((entry) => entry.kind)).toEqual([
      "Registered",
      "Staked",
      "AdmissionTaskAssigned",
      "AdmissionFailedWrongAnswer",
      "AdmissionTaskAssigned",
      "AdmissionPassed",
    ]);
  });

  it("follows locks, a rating, a slash into the rendering fund, unbonding and withdrawal", async () => {
    const stake = parseEther("10000");
    await call(schedulerWallet, "register", [
      SCHEDULER,
      stake,
      await stack.signPermit(schedulerWallet, staking, stake),
    ]);
    await asTreasury("lock", [scheduler, parseEther("3000")]);
    await asTreasury("unlock", [scheduler, parseEther("1000")]);
    await asTreasury("adjustRating", [scheduler, VERSION, 7n]);
    await asTreasury("slash", [scheduler, parseEther("2500"), REASON]);
    await call(schedulerWallet, "requestUnbond", [parseEther("5000")]);

    let row = await rendererOf(scheduler);
    let onChain = await stakeOnChain(scheduler);
    expect(row).toMatchObject({
      role: "Scheduler",
      staked: onChain.staked.toString(),
      locked: onChain.locked.toString(),
      unbonding: onChain.unbonding.toString(),
      withdrawableAt: onChain.withdrawableAt.toString(),
      slashed: parseEther("2500").toString(),
      ratings: [{ rendererVersion: VERSION, rating: "7" }],
    });
    expect(onChain.locked).toBe(0n); // 2,000 locked, all of it slashed first

    await rpc("evm_increaseTime", [7 * 86_400]);
    await call(schedulerWallet, "withdraw");
    row = await rendererOf(scheduler);
    onChain = await stakeOnChain(scheduler);
    expect(row).toMatchObject({ staked: onChain.staked.toString(), unbonding: "0", withdrawableAt: "0" });
    expect(row.history.map((entry) => entry.kind)).toEqual([
      "Registered",
      "Staked",
      "Locked",
      "Unlocked",
      "Slashed",
      "UnbondRequested",
      "Withdrawn",
    ]);
    expect(row.history.find((entry) => entry.kind === "Slashed")?.detail).toBe(REASON);
  });
  it("gives the render network page what it draws: both renderers, their states and the totals", async () => {
    const { renderers } = await fetchRenderNetwork({ url: host.url });
    const byAddress = new Map(renderers.map((row) => [row.id, row]));
    const now = (await publicClient.getBlock()).timestamp;
    expect(rendererState(byAddress.get(lower(worker))!, now)).toBe("admitted");
    expect(rendererState(byAddress.get(lower(scheduler))!, now)).toBe("scheduler");
    const totals = renderNetworkTotals(renderers);
    const onChain = await Promise.all([stakeOnChain(worker), stakeOnChain(scheduler)]);
    expect(totals).toMatchObject({ workers: 1, admittedWorkers: 1, schedulers: 1, slashed: parseEther("2500") });
    expect(totals.staked).toBe(onChain[0].staked + onChain[1].staked);
  });
});
