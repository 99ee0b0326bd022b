/**
 * The MRK economy end to end: the registry deployed by the real deploy script on an in-process
 * chain, transactions → events → the real mappings → entities → GraphQL answers.
 */
import hre from "hardhat";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { custom, getAddress, parseEther, type Address, type Hex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fundLockAbi, markTokenAbi } from "@markspace/contracts/abis";
import type { Deployment } from "@markspace/contracts/deployments";
import { GENESIS_FUNDS, fundReleaseAt } from "@markspace/contracts/genesis-allocation";
import { FUND_LOCKS } from "@markspace/contracts/registry";
import { startSubgraphHost, type SubgraphHost } from "../subgraph/host/src/index.ts";
import { graphql } from "../subgraph/host/src/testing/localChain.ts";
import { buildMarkspaceSubgraph } from "../subgraph/host/src/testing/subgraphBuilds.ts";
import { sourcesOf } from "../subgraph/scripts/render-manifest.ts";
import { deploy } from "../scripts/deploy.ts";

const connection = await hre.network.connect();
const transport = custom(connection.provider);
const publicClient = await connection.viem.getPublicClient();
const wallets = await connection.viem.getWalletClients();
const [deployer, alice] = wallets.map((wallet) => wallet.account.address) as [Address, Address];

let deployment: Deployment;
let host: SubgraphHost;
let dataDir: string;
let outDir: string;
let genesis: bigint;

const rpc = (method: string, params: unknown[] = []) => connection.provider.request({ method, params });
const lower = (address: string) => address.toLowerCase();

async function send(hash: Promise<Hex>): Promise<number> {
  const receipt = await publicClient.waitForTransactionReceipt({ hash: await hash });
  expect(receipt.status).toBe("success");
  return Number(receipt.blockNumber);
}

async function query<T>(text: string, variables?: Record<string, unknown>): Promise<T> {
  const { data, errors } = await graphql<T>(host.url, text, variables);
  expect(errors).toBeUndefined();
  return data!;
}

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), "markspace-economy-"));
  ({ deployment } = await deploy({ transport, outDir }));
  // Every lock counts from one genesis time: take it from the first and check the others against it.
  const firstLockStart = await publicClient.readContract({
    address: getAddress(deployment.contracts.ClosedPreSaleLock.address),
    abi: fundLockAbi,
    functionName: "start",
  });
  genesis = firstLockStart - fundReleaseAt(GENESIS_FUNDS[0]!, 0n);
  const { buildDir } = await buildMarkspaceSubgraph(sourcesOf(deployment));
  dataDir = await mkdtemp(join(tmpdir(), "markspace-economy-host-"));
  host = await startSubgraphHost({
    transport,
    buildDir,
    name: "markspace",
    dataDir,
    port: 0,
    pollIntervalMs: 20,
    log: () => {},
  });
});

afterAll(async () => {
  await host?.stop();
  await connection.close();
  for (const dir of [dataDir, outDir]) if (dir) await rm(dir, { recursive: true, force: true });
});

type FundRow = {
  id: string;
  index: number;
  name: string;
  amount: string;
  releaseAt: string;
  beneficiary: string | null;
  released: string;
  balance: string;
};

describe("genesis funds", () => {
  it("serves the nine funds with their holders, amounts and release times", async () => {
    await host.waitForBlock(Number(await publicClient.getBlockNumber()), 30_000);
    const data = await query<{ funds: FundRow[] }>(
      `{ funds(orderBy: index) { id index name amount releaseAt beneficiary released balance } }`,
    );
    expect(data.funds.map((fund) => fund.name)).toEqual(GENESIS_FUNDS.map((fund) => fundName(fund.id)));
    expect(data.funds.map((fund) => BigInt(fund.amount))).toEqual(GENESIS_FUNDS.map((fund) => fund.amount));
    expect(data.funds.reduce((sum, fund) => sum + BigInt(fund.balance), 0n)).toBe(parseEther("3000000000"));
    for (const [i, fund] of GENESIS_FUNDS.entries()) {
      const row = data.funds[i]!;
      if (fund.id === "tokenSale") continue;
      const lock = deployment.contracts[FUND_LOCKS[fund.id as keyof typeof FUND_LOCKS]];
      expect(row.id).toBe(lower(lock.address));
      expect(BigInt(row.releaseAt)).toBe(fundReleaseAt(fund, genesis));
      expect(row.beneficiary).toBe(lower(deployer));
      expect(row.released).toBe("0");
    }
  });

  it("follows a release at the unlock time, and the MRK transfers that follow", async () => {
    const lock = getAddress(deployment.contracts.BountyLock.address);
    const token = getAddress(deployment.contracts.MarkToken.address);
    const releaseAt = await publicClient.readContract({ address: lock, abi: fundLockAbi, functionName: "start" });
    await rpc("evm_setNextBlockTimestamp", [Number(releaseAt)]);
    const releaseBlock = await send(
      wallets[1]!.writeContract({
        address: lock,
        abi: fundLockAbi,
        functionName: "release",
        args: [token],
        chain: null,
      }),
    );
    const transferBlock = await send(
      wallets[0]!.writeContract({
        address: token,
        abi: markTokenAbi,
        functionName: "transfer",
        args: [alice, parseEther("1234")],
        chain: null,
      }),
    );
    await host.waitForBlock(transferBlock, 30_000);
    const data = await query<{
      fund: FundRow & { releases: Array<{ amount: string; beneficiary: string; blockNumber: string }> };
      account: { mrkBalance: string; mrkReceived: Array<{ from: string; value: string }> };
    }>(
      `query ($lock: ID!, $alice: ID!) {
        fund(id: $lock) { released balance releases { amount beneficiary blockNumber } }
        account(id: $alice) { mrkBalance mrkReceived { from value } }
      }`,
      { lock: lower(lock), alice: lower(alice) },
    );
    expect(data.fund).toMatchObject({ released: parseEther("15000000").toString(), balance: "0" });
    expect(data.fund.releases).toEqual([
      { amount: parseEther("15000000").toString(), beneficiary: lower(deployer), blockNumber: String(releaseBlock) },
    ]);
    expect(data.account).toEqual({
      mrkBalance: parseEther("1234").toString(),
      mrkReceived: [{ from: lower(deployer), value: parseEther("1234").toString() }],
    });

    // Time travel: before the release block the fund still held everything.
    const before = await query<{ fund: FundRow }>(
      `query ($lock: ID!, $block: Int!) { fund(id: $lock, block: { number: $block }) { released balance } }`,
      { lock: lower(lock), block: releaseBlock - 1 },
    );
    expect(before.fund).toEqual({ released: "0", balance: parseEther("15000000").toString() });
  });
});

function fundName(id: string): string {
  return GENESIS_FUNDS.find((fund) => fund.id === id)!.name;
}
