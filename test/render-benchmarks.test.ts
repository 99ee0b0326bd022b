/**
 * Worker admission with real benchmark tasks: the contracts deployed by the real deploy script on
 * an in-process chain, two tasks published to a test IPFS node and added to `RenderStaking` as the
 * local stack adds them (`scripts/lib/dev-render-benchmarks.ts`); a Worker registers, is handed a
 * task id, fetches the document by that id from IPFS, renders it and is admitted. This ties the
 * off-chain meaning of a task id (`render-network/src/benchmark.ts`) to what the contract checks.
 * No subgraph: the contract's own views and events are the spec here.
 */
import hre from "hardhat";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { custom, getAddress, parseEther, parseEventLogs, type Address, type Hex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderStakingAbi } from "@markspace/contracts/abis";
import type { Deployment } from "@markspace/contracts/deployments";
import { signMrkPermit } from "@markspace/contracts/permit";
import type { IpfsNode } from "@markspace/ipfs/node";
import {
  benchmarkAnswerHash,
  fetchBenchmarkTask,
  makeBenchmarkTasks,
  publishBenchmarkTasks,
  solveBenchmarkTask,
  type PublishedBenchmark,
} from "@markspace/render-network";
import { makeTempDir, startTestNode } from "../ipfs/src/testing.ts";
import { deploy } from "../scripts/deploy.ts";
import { lendSaleMrk } from "../scripts/lib/dev-mrk.ts";
import { addDevBenchmarks } from "../scripts/lib/dev-render-benchmarks.ts";

const connection = await hre.network.connect();
const publicClient = await connection.viem.getPublicClient();
const wallets = await connection.viem.getWalletClients();
type Wallet = (typeof wallets)[0];
const [, workerWallet, otherWallet] = wallets as [unknown, Wallet, Wallet];

const WORKER = 1;

let outDir: string;
let ipfsDir: Awaited<ReturnType<typeof makeTempDir>>;
let node: IpfsNode;
let deployment: Deployment;
let staking: Address;
let published: PublishedBenchmark[];

/** Sends a RenderStaking call from `wallet`, requires success and returns the receipt. */
async function call(wallet: Wallet, functionName: string, args: readonly unknown[] = []) {
  const hash = await wallet.writeContract({
    address: staking,
    abi: renderStakingAbi,
    functionName: functionName as never,
    args: args as never,
    chain: null,
  });
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  expect(receipt.status).toBe("success");
  return receipt;
}

/** Registers `wallet` as a Worker with the minimum stake, paid with a permit. */
async function registerWorker(wallet: Wallet) {
  const stake = parseEther("1000");
  const permit = await signMrkPermit({
    publicClient,
    wallet,
    token: getAddress(deployment.contracts.MarkToken.address),
    spender: staking,
    value: stake,
  });
  await call(wallet, "register", [WORKER, stake, permit]);
}

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), "markspace-render-benchmarks-"));
  ipfsDir = await makeTempDir("markspace-render-benchmarks-ipfs-");
  node = await startTestNode(ipfsDir.path);
  ({ deployment } = await deploy({ transport: custom(connection.provider), outDir }));
  staking = getAddress(deployment.contracts.RenderStaking.address);
  await lendSaleMrk(
    connection.provider,
    deployment,
    [workerWallet.account.address, otherWallet.account.address],
    parseEther("10000"),
  );
  published = await publishBenchmarkTasks({ ipfsApiUrl: node.apiUrl, tasks: makeBenchmarkTasks(2) });
  await addDevBenchmarks(connection.provider, deployment, published);
});

afterAll(async () => {
  await node?.stop();
  await ipfsDir?.remove();
  await connection.close();
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

describe("benchmark tasks on RenderStaking", () => {
  it("stores the published tasks with the contract's own answer hash", async () => {
    const [total, assigned] = await publicClient.readContract({
      address: staking,
      abi: renderStakingAbi,
      functionName: "benchmarkCount",
    });
    expect([total, assigned]).toEqual([2n, 0n]);
    for (const entry of published) {
      const onChain = await publicClient.readContract({
        address: staking,
        abi: renderStakingAbi,
        functionName: "benchmarkAnswerHash",
        args: [entry.taskId, entry.resultHash],
      });
      expect(onChain).toBe(entry.answerHash);
      expect(benchmarkAnswerHash(entry.taskId, entry.resultHash)).toBe(onChain);
    }
  });

  it("admits a Worker that fetches its task by id from IPFS and renders it", async () => {
    await registerWorker(workerWallet);
    const requested = await call(workerWallet, "requestAdmission");
    const [assigned] = parseEventLogs({
      abi: renderStakingAbi,
      eventName: "AdmissionTaskAssigned",
      logs: requested.logs,
    });
    const taskId = assigned!.args.taskId as Hex;
    expect(taskId).toBe(published[0]!.taskId); // handed out in order

    const task = await fetchBenchmarkTask(node.gatewayUrl, taskId);
    const { resultHash } = await solveBenchmarkTask(task);
    const submitted = await call(workerWallet, "submitAdmission", [resultHash]);

    const [passed] = parseEventLogs({ abi: renderStakingAbi, eventName: "AdmissionPassed", logs: submitted.logs });
    expect(passed?.args).toMatchObject({ worker: getAddress(workerWallet.account.address), taskId });
    const admission = await publicClient.readContract({
      address: staking,
      abi: renderStakingAbi,
      functionName: "admissionOf",
      args: [workerWallet.account.address],
    });
    expect(admission.admitted).toBe(true);
    expect(
      await publicClient.readContract({
        address: staking,
        abi: renderStakingAbi,
        functionName: "isEligible",
        args: [workerWallet.account.address],
      }),
    ).toBe(true);
  });

  it("refuses a Worker that submits the answer of another task", async () => {
    await registerWorker(otherWallet);
    const requested = await call(otherWallet, "requestAdmission");
    const [assigned] = parseEventLogs({
      abi: renderStakingAbi,
      eventName: "AdmissionTaskAssigned",
      logs: requested.logs,
    });
    expect(assigned!.args.taskId).toBe(published[1]!.taskId);

    // The first task's (now public) answer does not pass for the second.
    const submitted = await call(otherWallet, "submitAdmission", [published[0]!.resultHash]);
    const [failed] = parseEventLogs({ abi: renderStakingAbi, eventName: "AdmissionFailed", logs: submitted.logs });
    expect(failed?.args.taskId).toBe(published[1]!.taskId);
    const admission = await publicClient.readContract({
      address: staking,
      abi: renderStakingAbi,
      functionName: "admissionOf",
      args: [otherWallet.account.address],
    });
    expect(admission.admitted).toBe(false);
  });

  it("refuses to add a task whose answer hash is zero, naming the contract's error", async () => {
    const [entry] = published;
    await expect(
      addDevBenchmarks(connection.provider, deployment, [
        { taskId: entry!.taskId, answerHash: `0x${"00".repeat(32)}` },
      ]),
    ).rejects.toThrow(/RenderBenchmarkInvalid/);
  });
});
