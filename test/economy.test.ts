/**
 * The MRK economy end to end: the registry deployed by the real deploy script on an in-process
 * chain, transactions → events → the real mappings → entities → GraphQL answers.
 */
import hre from "hardhat";
import { encodeFunctionData, getAddress, keccak256, parseEther, toBytes, type Address, type Hex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  fundLockAbi,
  markGovernorAbi,
  markParametersAbi,
  markSaleAbi,
  markTokenAbi,
  wrappedMarkAbi,
} from "@markspace/contracts/abis";
import type { Deployment } from "@markspace/contracts/deployments";
import { GENESIS_FUNDS, fundReleaseAt } from "@markspace/contracts/genesis-allocation";
import { parameterKey } from "@markspace/contracts/parameters";
import { FUND_LOCKS, GOVERNANCE_SETTINGS } from "@markspace/contracts/registry";
import type { SubgraphHost } from "../subgraph/host/src/index.ts";
import { startDeployedStack, type DeployedStack } from "./lib/deployed-stack.ts";

const connection = await hre.network.connect();
const publicClient = await connection.viem.getPublicClient();
const wallets = await connection.viem.getWalletClients();
const [, alice, bob] = wallets.map((wallet) => wallet.account.address) as [Address, Address, Address];

let stack: DeployedStack;
let deployment: Deployment;
let host: SubgraphHost;
let genesis: bigint;

const rpc = (method: string, params: unknown[] = []) => connection.provider.request({ method, params });
const lower = (address: string) => address.toLowerCase();

const send = async (hash: Promise<Hex>) => (await stack.mined(hash)).block;
const query = <T>(text: string, variables?: Record<string, unknown>) => stack.query<T>(text, variables);

beforeAll(async () => {
  stack = await startDeployedStack(connection, "economy", async (deployed) => {
    // Every lock counts from one genesis time: take it from the first and check the others against it.
    const firstLockStart = await publicClient.readContract({
      address: getAddress(deployed.contracts.ClosedPreSaleLock.address),
      abi: fundLockAbi,
      functionName: "start",
    });
    genesis = firstLockStart - fundReleaseAt(GENESIS_FUNDS[0]!, 0n);
  });
  ({ deployment, host } = stack);
});

afterAll(() => stack?.stop());

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
    const data = await query<{ funds: FundRow[]; token: { totalSupply: string; fundCount: number } }>(
      `query ($token: ID!) {
        token(id: $token) { totalSupply fundCount }
        funds(orderBy: index) { id index name amount releaseAt beneficiary released balance }
      }`,
      { token: lower(deployment.contracts.MarkToken.address) },
    );
    expect(data.token).toEqual({ totalSupply: parseEther("3000000000").toString(), fundCount: 9 });
    expect(data.funds.map((fund) => fund.name)).toEqual(GENESIS_FUNDS.map((fund) => fund.name));
    expect(data.funds.map((fund) => BigInt(fund.amount))).toEqual(GENESIS_FUNDS.map((fund) => fund.amount));
    expect(data.funds.reduce((sum, fund) => sum + BigInt(fund.balance), 0n)).toBe(parseEther("3000000000"));
    for (const [i, fund] of GENESIS_FUNDS.entries()) {
      const row = data.funds[i]!;
      expect(BigInt(row.releaseAt), fund.id).toBe(fundReleaseAt(fund, genesis));
      expect(row.released).toBe("0");
      if (fund.id === "tokenSale") {
        expect(row.id).toBe(lower(deployment.contracts.MarkSale.address));
        expect(row.beneficiary).toBeNull();
        continue;
      }
      expect(row.id).toBe(lower(deployment.contracts[FUND_LOCKS[fund.id as keyof typeof FUND_LOCKS]].address));
      expect(row.beneficiary).toBe(lower(deployment.contracts.MarkTreasury.address));
    }
  });
});

describe("the sale", () => {
  it("serves the stages before any purchase, then a purchase, the stage it came from and the buyer's claim", async () => {
    const before = await query<{ sale: Record<string, unknown> & { stages: Array<Record<string, string>> } }>(
      `query ($sale: ID!) {
        sale(id: $sale) { cap sold currentStage purchaseCount stages(orderBy: index) { index discountBps priceUsd size left } }
      }`,
      { sale: lower(sale()) },
    );
    expect(before.sale).toMatchObject({ cap: parseEther("970000000").toString(), sold: "0", currentStage: 0 });
    expect(before.sale.stages.map((stage) => [stage.discountBps, stage.priceUsd, stage.size])).toEqual([
      [4000, parseEther("0.06").toString(), parseEther("250000000").toString()],
      [2000, parseEther("0.08").toString(), parseEther("250000000").toString()],
      [1500, parseEther("0.085").toString(), parseEther("200000000").toString()],
      [1000, parseEther("0.09").toString(), parseEther("170000000").toString()],
      [0, parseEther("0.1").toString(), parseEther("100000000").toString()],
    ]);

    // 10 ETH at 3,000 USD = 30,000 USD = 500,000 MRK at 0.06 USD.
    const buyBlock = await send(
      wallets[1]!.writeContract({
        address: sale(),
        abi: markSaleAbi,
        functionName: "buy",
        args: [0n],
        value: parseEther("10"),
        chain: null,
      }),
    );
    await host.waitForBlock(buyBlock, 30_000);
    const after = await query<{
      sale: Record<string, unknown>;
      saleStages: Array<{ sold: string; left: string }>;
      account: { saleClaimable: string; purchases: Array<Record<string, unknown>> };
    }>(
      `query ($sale: ID!, $alice: ID!) {
        sale(id: $sale) { sold tokensLeft weiRaised usdRaised purchaseCount unclaimed currentStage }
        saleStages(where: { index: 0 }) { sold left }
        account(id: $alice) { saleClaimable purchases { tokens weiPaid usdValue firstStage lastStage claimable } }
      }`,
      { sale: lower(sale()), alice: lower(alice) },
    );
    const bought = parseEther("500000");
    expect(after.sale).toEqual({
      sold: bought.toString(),
      tokensLeft: (parseEther("970000000") - bought).toString(),
      weiRaised: parseEther("10").toString(),
      usdRaised: parseEther("30000").toString(),
      purchaseCount: 1,
      unclaimed: bought.toString(),
      currentStage: 0,
    });
    expect(after.saleStages).toEqual([
      { sold: bought.toString(), left: (parseEther("250000000") - bought).toString() },
    ]);
    expect(after.account.saleClaimable).toBe(bought.toString());
    expect(after.account.purchases).toEqual([
      {
        tokens: bought.toString(),
        weiPaid: parseEther("10").toString(),
        usdValue: parseEther("30000").toString(),
        firstStage: 0,
        lastStage: 0,
        claimable: true,
      },
    ]);

    const releaseAt = await publicClient.readContract({
      address: sale(),
      abi: markSaleAbi,
      functionName: "tokensReleaseAt",
    });
    await rpc("evm_setNextBlockTimestamp", [Number(releaseAt)]);
    const claimBlock = await send(
      wallets[1]!.writeContract({ address: sale(), abi: markSaleAbi, functionName: "claim", chain: null }),
    );
    await host.waitForBlock(claimBlock, 30_000);
    const claimed = await query<{ account: { saleClaimable: string; mrkBalance: string } }>(
      `query ($alice: ID!) { account(id: $alice) { saleClaimable mrkBalance } }`,
      { alice: lower(alice) },
    );
    expect(claimed.account).toEqual({ saleClaimable: "0", mrkBalance: bought.toString() });
  });
});

describe("governance", () => {
  it("follows wrapping, delegation and a parameter change from proposal to execution", async () => {
    const wrapped = getAddress(deployment.contracts.WrappedMark.address);
    const governor = getAddress(deployment.contracts.MarkGovernor.address);
    const parameters = getAddress(deployment.contracts.MarkParameters.address);
    const token = getAddress(deployment.contracts.MarkToken.address);
    const amount = parseEther("400000");
    const asAlice = wallets[1]!;
    await send(
      asAlice.writeContract({
        address: token,
        abi: markTokenAbi,
        functionName: "approve",
        args: [wrapped, amount],
        chain: null,
      }),
    );
    await send(
      asAlice.writeContract({
        address: wrapped,
        abi: wrappedMarkAbi,
        functionName: "depositFor",
        args: [alice, amount],
        chain: null,
      }),
    );
    const delegateBlock = await send(
      asAlice.writeContract({
        address: wrapped,
        abi: wrappedMarkAbi,
        functionName: "delegate",
        args: [alice],
        chain: null,
      }),
    );
    await host.waitForBlock(delegateBlock, 30_000);
    const delegated = await query<{
      account: { wrappedBalance: string; votes: string; delegate: { id: string } };
      governance: Record<string, unknown>;
      delegations: Array<{ toDelegate: string }>;
    }>(
      `query ($alice: ID!) {
        account(id: $alice) { wrappedBalance votes delegate { id } }
        governance(id: "platform") { governor timelock wrappedSupply votingDelay votingPeriod timelockDelay proposalThreshold quorumNumerator }
        delegations { toDelegate }
      }`,
      { alice: lower(alice) },
    );
    expect(delegated.account).toEqual({
      wrappedBalance: amount.toString(),
      votes: amount.toString(),
      delegate: { id: lower(alice) },
    });
    expect(delegated.governance).toEqual({
      governor: lower(governor),
      timelock: lower(deployment.contracts.MarkTreasury.address),
      wrappedSupply: amount.toString(),
      votingDelay: GOVERNANCE_SETTINGS.votingDelay.toString(),
      votingPeriod: GOVERNANCE_SETTINGS.votingPeriod.toString(),
      timelockDelay: GOVERNANCE_SETTINGS.timelockDelay.toString(),
      proposalThreshold: GOVERNANCE_SETTINGS.proposalThreshold.toString(),
      quorumNumerator: GOVERNANCE_SETTINGS.quorumPercent.toString(),
    });
    expect(delegated.delegations).toEqual([{ toDelegate: lower(alice) }]);

    const key = parameterKey("sale.maxPriceAge");
    const calldata = encodeFunctionData({ abi: markParametersAbi, functionName: "set", args: [key, 7_200n] });
    const description = "Accept ETH prices up to two hours old";
    const proposeArgs = [[parameters], [0n], [calldata], description] as const;
    await mine(1); // the delegation's checkpoint must lie in the past when the threshold is read
    const proposeBlock = await send(
      asAlice.writeContract({
        address: governor,
        abi: markGovernorAbi,
        functionName: "propose",
        args: proposeArgs,
        chain: null,
      }),
    );
    const proposalId = await publicClient.readContract({
      address: governor,
      abi: markGovernorAbi,
      functionName: "hashProposal",
      args: [[parameters], [0n], [calldata], keccak256(toBytes(description))],
    });
    await increaseTime(GOVERNANCE_SETTINGS.votingDelay + 1n);
    await send(
      asAlice.writeContract({
        address: governor,
        abi: markGovernorAbi,
        functionName: "castVoteWithReason",
        args: [proposalId, 1, "Two hours is safe for a slow feed"],
        chain: null,
      }),
    );
    await increaseTime(GOVERNANCE_SETTINGS.votingPeriod);
    const descriptionHash = keccak256(toBytes(description));
    await send(
      asAlice.writeContract({
        address: governor,
        abi: markGovernorAbi,
        functionName: "queue",
        args: [[parameters], [0n], [calldata], descriptionHash],
        chain: null,
      }),
    );
    await increaseTime(GOVERNANCE_SETTINGS.timelockDelay);
    const executeBlock = await send(
      asAlice.writeContract({
        address: governor,
        abi: markGovernorAbi,
        functionName: "execute",
        args: [[parameters], [0n], [calldata], descriptionHash],
        chain: null,
      }),
    );
    await host.waitForBlock(executeBlock, 30_000);

    const done = await query<{
      proposal: Record<string, unknown> & { votes: unknown[]; stateChanges: Array<{ state: string }> };
      parameter: { name: string; value: string; changes: unknown[] };
      before: { value: string };
    }>(
      `query ($id: ID!, $key: ID!, $block: Int!) {
        proposal(id: $id) {
          proposer { id } description forVotes againstVotes abstainVotes voteCount lastEventState eta
          votes { support weight reason voter { id } }
          stateChanges(orderBy: blockNumber) { state }
        }
        parameter(id: $key) { name value changes { oldValue newValue } }
        before: parameter(id: $key, block: { number: $block }) { value }
      }`,
      { id: proposalId.toString(), key, block: executeBlock - 1 },
    );
    expect(done.proposal).toMatchObject({
      proposer: { id: lower(alice) },
      description,
      forVotes: amount.toString(),
      againstVotes: "0",
      abstainVotes: "0",
      voteCount: 1,
      lastEventState: "EXECUTED",
    });
    expect(done.proposal.votes).toEqual([
      {
        support: 1,
        weight: amount.toString(),
        reason: "Two hours is safe for a slow feed",
        voter: { id: lower(alice) },
      },
    ]);
    expect(done.proposal.stateChanges.map((change) => change.state)).toEqual(["PENDING", "QUEUED", "EXECUTED"]);
    expect(done.parameter).toEqual({
      name: "sale.maxPriceAge",
      value: "7200",
      changes: [{ oldValue: "3600", newValue: "7200" }],
    });
    expect(done.before).toEqual({ value: "3600" });
    expect(proposeBlock).toBeLessThan(executeBlock);
  });
});

describe("a fund's release", () => {
  it("follows a release at the unlock time, and the MRK transfers that follow", async () => {
    const lock = getAddress(deployment.contracts.BountyLock.address);
    const token = getAddress(deployment.contracts.MarkToken.address);
    const treasury = lower(deployment.contracts.MarkTreasury.address);
    const releaseAt = await publicClient.readContract({ address: lock, abi: fundLockAbi, functionName: "start" });
    const now = (await publicClient.getBlock()).timestamp;
    if (releaseAt > now) await rpc("evm_setNextBlockTimestamp", [Number(releaseAt)]);
    const releaseBlock = await send(
      wallets[2]!.writeContract({
        address: lock,
        abi: fundLockAbi,
        functionName: "release",
        args: [token],
        chain: null,
      }),
    );
    const transferBlock = await send(
      wallets[1]!.writeContract({
        address: token,
        abi: markTokenAbi,
        functionName: "transfer",
        args: [bob, parseEther("1234")],
        chain: null,
      }),
    );
    await host.waitForBlock(transferBlock, 30_000);
    const data = await query<{
      fund: FundRow & { releases: Array<{ amount: string; beneficiary: string; blockNumber: string }> };
      account: { mrkBalance: string; mrkReceived: Array<{ from: string; value: string }> };
      treasury: { mrkBalance: string };
    }>(
      `query ($lock: ID!, $bob: ID!, $treasury: ID!) {
        fund(id: $lock) { released balance releases { amount beneficiary blockNumber } }
        account(id: $bob) { mrkBalance mrkReceived { from value } }
        treasury: account(id: $treasury) { mrkBalance }
      }`,
      { lock: lower(lock), bob: lower(bob), treasury },
    );
    expect(data.fund).toMatchObject({ released: parseEther("15000000").toString(), balance: "0" });
    expect(data.fund.releases).toEqual([
      { amount: parseEther("15000000").toString(), beneficiary: treasury, blockNumber: String(releaseBlock) },
    ]);
    expect(data.treasury.mrkBalance).toBe(parseEther("15000000").toString());
    expect(data.account).toEqual({
      mrkBalance: parseEther("1234").toString(),
      mrkReceived: [{ from: lower(alice), value: parseEther("1234").toString() }],
    });

    // Time travel: before the release block the fund still held everything.
    const before = await query<{ fund: FundRow }>(
      `query ($lock: ID!, $block: Int!) { fund(id: $lock, block: { number: $block }) { released balance } }`,
      { lock: lower(lock), block: releaseBlock - 1 },
    );
    expect(before.fund).toEqual({ released: "0", balance: parseEther("15000000").toString() });
  });
});

const sale = () => getAddress(deployment.contracts.MarkSale.address);

async function increaseTime(seconds: bigint): Promise<void> {
  await rpc("evm_increaseTime", [Number(seconds)]);
  await mine(1);
}

async function mine(blocks: number): Promise<void> {
  for (let i = 0; i < blocks; i++) await rpc("evm_mine");
}
