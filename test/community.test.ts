/**
 * Community DAOs end to end: the contracts deployed by the real deploy script on an in-process
 * chain; a community created through the factory, whose membership, governor and treasury the
 * subgraph follows through templates started by `CommunityCreated`; members joining (founders,
 * a bought membership), delegating, donating; proposals voted with reasons, queued and executed
 * (an MRK transfer from the treasury; an event and a distribution created by the treasury), one
 * cancelled by the guardian; tickets bought and passed on; a distribution claimed → events → the
 * real mappings → entities → GraphQL answers, checked against the contracts. Last, a community
 * created in a block that a reorg removes disappears with everything its templates indexed.
 */
import hre from "hardhat";
import {
  decodeEventLog,
  encodeFunctionData,
  getAddress,
  keccak256,
  maxUint256,
  parseEther,
  toHex,
  zeroAddress,
  type Abi,
  type Address,
  type Hex,
} from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  communityDistributionsAbi,
  communityFactoryAbi,
  communityGovernorAbi,
  communityMembershipAbi,
  communityTicketsAbi,
  communityTreasuryAbi,
  markTokenAbi,
} from "@markspace/contracts/abis";
import type { SubgraphHost } from "../subgraph/host/src/index.ts";
import { lendSaleMrk } from "../scripts/lib/dev-mrk.ts";
import { startDeployedStack, type DeployedStack } from "./lib/deployed-stack.ts";

const connection = await hre.network.connect();
const publicClient = await connection.viem.getPublicClient();
const wallets = await connection.viem.getWalletClients();
type Wallet = (typeof wallets)[0];
const [, aliceWallet, bobWallet, carolWallet, daveWallet] = wallets as [unknown, Wallet, Wallet, Wallet, Wallet];
const alice = aliceWallet.account.address;
const bob = bobWallet.account.address;
const carol = carolWallet.account.address;
const dave = daveWallet.account.address;

const DAY = 86_400n;
const MRK = 10n ** 18n;
const PRICE = 100n * MRK;
const SETTINGS = {
  guardian: dave,
  votingDelay: Number(DAY),
  votingPeriod: Number(3n * DAY),
  proposalThreshold: 1,
  quorumPercent: 50,
  timelockDelay: Number(2n * DAY),
  joinPolicy: 1, // Purchase
  membershipPrice: PRICE,
} as const;

let stack: DeployedStack;
let host: SubgraphHost;
let token: Address;
let factory: Address;
let tickets: Address;
let distributions: Address;
/** The community the tests build up: its three clones. */
let community: { membership: Address; governor: Address; treasury: Address };

const lower = (address: string) => address.toLowerCase();
const rpc = (method: string, params: unknown[] = []) => connection.provider.request({ method, params });
const query = <T>(text: string, variables?: Record<string, unknown>) => stack.query<T>(text, variables);

/** Sends a call from `wallet`, requires success, waits for the host to index its block; gives the receipt. */
async function call(wallet: Wallet, address: Address, abi: Abi, functionName: string, args: unknown[], value?: bigint) {
  const hash = await wallet.writeContract({ address, abi, functionName, args, value, chain: null });
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  expect(receipt.status, functionName).toBe("success");
  await host.waitForBlock(Number(receipt.blockNumber), 30_000);
  return receipt;
}

async function advance(seconds: bigint): Promise<void> {
  await rpc("evm_increaseTime", [Number(seconds)]);
  await rpc("evm_mine");
}

const read = <T>(address: Address, abi: Abi, functionName: string, args: unknown[] = []) =>
  publicClient.readContract({ address, abi, functionName, args }) as Promise<T>;

async function createCommunity(wallet: Wallet, name: string, symbol: string, founders: Address[], salt: string) {
  const receipt = await call(wallet, factory, communityFactoryAbi, "createCommunity", [
    { name, symbol, founders, settings: SETTINGS, salt: keccak256(toHex(salt)) },
  ]);
  const created = receipt.logs
    .filter((log) => getAddress(log.address) === factory)
    .map((log) => decodeEventLog({ abi: communityFactoryAbi, data: log.data, topics: log.topics }))
    .find((event) => event.eventName === "CommunityCreated");
  if (!created || created.eventName !== "CommunityCreated") throw new Error("no CommunityCreated event");
  return {
    receipt,
    membership: getAddress(created.args.membership),
    governor: getAddress(created.args.governor),
    treasury: getAddress(created.args.treasury),
  };
}

type Action = { target: Address; value: bigint; data: Hex };
type Proposal = { actions: Action[]; description: string; id: bigint };

async function propose(wallet: Wallet, actions: Action[], description: string): Promise<Proposal> {
  const args = [actions.map((a) => a.target), actions.map((a) => a.value), actions.map((a) => a.data), description];
  await call(wallet, community.governor, communityGovernorAbi, "propose", args);
  const id = await read<bigint>(community.governor, communityGovernorAbi, "getProposalId", [
    ...args.slice(0, 3),
    keccak256(toHex(description)),
  ]);
  return { actions, description, id };
}

const lifecycleArgs = (proposal: Proposal) => [
  proposal.actions.map((a) => a.target),
  proposal.actions.map((a) => a.value),
  proposal.actions.map((a) => a.data),
  keccak256(toHex(proposal.description)),
];

beforeAll(async () => {
  stack = await startDeployedStack(connection, "community", async (deployment) => {
    await lendSaleMrk(connection.provider, deployment, [alice, bob, carol], 10_000n * MRK);
  });
  ({ host } = stack);
  token = stack.address("MarkToken");
  factory = stack.address("CommunityFactory");
  tickets = stack.address("CommunityTickets");
  distributions = stack.address("CommunityDistributions");
});

afterAll(() => stack?.stop());

type CommunityRow = {
  id: string;
  name: string;
  symbol: string;
  creator: string;
  membership: string;
  governor: string;
  treasury: string;
  mrkToken: string;
  guardian: string | null;
  votingDelay: string;
  votingPeriod: string;
  timelockDelay: string;
  proposalThreshold: string;
  quorumPercent: string;
  joinPolicy: string;
  membershipPrice: string;
  memberCount: number;
  mrkBalance: string;
  ethBalance: string;
  mrkDonated: string;
  ethDonated: string;
  proposalCount: number;
  createdAtBlock: string;
};
const COMMUNITY_FIELDS = `id name symbol creator membership governor treasury mrkToken guardian votingDelay votingPeriod
  timelockDelay proposalThreshold quorumPercent joinPolicy membershipPrice memberCount mrkBalance ethBalance mrkDonated
  ethDonated proposalCount createdAtBlock`;

type MemberRow = {
  account: string;
  isMember: boolean;
  joinRoute: string | null;
  paid: string;
  votes: string;
  delegate: string | null;
  expelled: boolean;
};

const communityRow = async (treasury: Address) =>
  (
    await query<{ community: CommunityRow | null }>(`query ($id: ID!) { community(id: $id) { ${COMMUNITY_FIELDS} } }`, {
      id: lower(treasury),
    })
  ).community;

const membersOf = async (treasury: Address) =>
  (
    await query<{ communityMembers: MemberRow[] }>(
      `query ($c: String!) { communityMembers(where: { community: $c }, orderBy: account) {
        account isMember joinRoute paid votes delegate expelled } }`,
      { c: lower(treasury) },
    )
  ).communityMembers;

/** The treasury's balances as the chain has them, as GraphQL prints them. */
async function chainBalances(treasury: Address) {
  return {
    mrkBalance: (await read<bigint>(token, markTokenAbi, "balanceOf", [treasury])).toString(),
    ethBalance: (await publicClient.getBalance({ address: treasury })).toString(),
  };
}

describe("a community created through the factory", () => {
  it("is indexed with its settings, and its templates index the founders' memberships", async () => {
    const created = await createCommunity(aliceWallet, "Lighthouse Keepers", "LHK", [alice, bob], "lighthouse");
    community = created;
    const row = await communityRow(created.treasury);
    expect(row).toEqual({
      id: lower(created.treasury),
      name: "Lighthouse Keepers",
      symbol: "LHK",
      creator: lower(alice),
      membership: lower(created.membership),
      governor: lower(created.governor),
      treasury: lower(created.treasury),
      mrkToken: lower(token),
      guardian: lower(dave),
      votingDelay: String(SETTINGS.votingDelay),
      votingPeriod: String(SETTINGS.votingPeriod),
      timelockDelay: String(SETTINGS.timelockDelay),
      proposalThreshold: "1",
      quorumPercent: "50",
      joinPolicy: "Purchase",
      membershipPrice: PRICE.toString(),
      memberCount: 2,
      mrkBalance: "0",
      ethBalance: "0",
      mrkDonated: "0",
      ethDonated: "0",
      proposalCount: 0,
      createdAtBlock: String(created.receipt.blockNumber),
    });
    // The chain agrees on what the factory's event did not carry.
    expect(await read<bigint>(created.membership, communityMembershipAbi, "memberCount")).toBe(2n);
    const members = await membersOf(created.treasury);
    expect(members.map((m) => m.account)).toEqual([alice, bob].map(lower).sort());
    for (const member of members) {
      expect(member).toMatchObject({ isMember: true, joinRoute: "Founder", paid: "0", expelled: false });
      const votes = await read<bigint>(created.membership, communityMembershipAbi, "getVotes", [member.account]);
      expect(member.votes).toBe(votes.toString());
      expect(votes).toBe(1n);
    }
  });

  it("records a bought membership as MRK into the treasury, and a delegation", async () => {
    await call(carolWallet, token, markTokenAbi, "approve", [community.membership, PRICE]);
    const joined = await call(carolWallet, community.membership, communityMembershipAbi, "join", [PRICE]);
    await call(carolWallet, community.membership, communityMembershipAbi, "delegate", [alice]);

    const row = (await communityRow(community.treasury))!;
    expect(row.memberCount).toBe(3);
    expect({ mrkBalance: row.mrkBalance, ethBalance: row.ethBalance }).toEqual(await chainBalances(community.treasury));
    expect(row.mrkBalance).toBe(PRICE.toString());

    const members = await membersOf(community.treasury);
    const byAccount = new Map(members.map((m) => [m.account, m]));
    expect(byAccount.get(lower(carol))).toMatchObject({
      isMember: true,
      joinRoute: "Purchased",
      paid: PRICE.toString(),
      delegate: lower(alice),
      votes: "0",
    });
    for (const account of [alice, bob, carol])
      expect(byAccount.get(lower(account))!.votes, account).toBe(
        (await read<bigint>(community.membership, communityMembershipAbi, "getVotes", [account])).toString(),
      );
    expect(byAccount.get(lower(alice))!.votes).toBe("2");

    const { communityDelegations, treasuryMovements } = await query<{
      communityDelegations: Array<{ delegator: string; fromDelegate: string; toDelegate: string }>;
      treasuryMovements: Array<Record<string, string>>;
    }>(
      `query ($c: String!, $d: Bytes!) {
        communityDelegations(where: { community: $c, delegator: $d }, orderBy: blockNumber) { delegator fromDelegate toDelegate }
        treasuryMovements(where: { community: $c }) { kind direction token amount counterparty transactionHash }
      }`,
      { c: lower(community.treasury), d: lower(carol) },
    );
    expect(communityDelegations).toEqual([
      {
        delegator: lower(carol),
        // Until it delegates, a membership's vote is its own: the first change is from Carol herself.
        fromDelegate: lower(carol),
        toDelegate: lower(alice),
      },
    ]);
    expect(treasuryMovements).toEqual([
      {
        kind: "Membership",
        direction: "In",
        token: lower(token),
        amount: PRICE.toString(),
        counterparty: lower(carol),
        transactionHash: joined.transactionHash,
      },
    ]);
  });

  it("records MRK and ETH donations, their sums and the balances the chain has", async () => {
    await call(aliceWallet, token, markTokenAbi, "approve", [community.treasury, maxUint256]);
    await call(aliceWallet, community.treasury, communityTreasuryAbi, "donate", [1_000n * MRK], parseEther("1"));
    const plain = await bobWallet.sendTransaction({ to: community.treasury, value: parseEther("0.5"), chain: null });
    const receipt = await publicClient.waitForTransactionReceipt({ hash: plain });
    await host.waitForBlock(Number(receipt.blockNumber), 30_000);

    const row = (await communityRow(community.treasury))!;
    expect(row.mrkDonated).toBe((1_000n * MRK).toString());
    expect(row.ethDonated).toBe(parseEther("1.5").toString());
    expect({ mrkBalance: row.mrkBalance, ethBalance: row.ethBalance }).toEqual(await chainBalances(community.treasury));
    const { communityDonations } = await query<{
      communityDonations: Array<{ donor: string; token: string; amount: string }>;
    }>(
      `query ($c: String!) { communityDonations(where: { community: $c }, orderBy: blockNumber) { donor token amount } }`,
      { c: lower(community.treasury) },
    );
    expect(communityDonations).toEqual(
      expect.arrayContaining([
        { donor: lower(alice), token: lower(token), amount: (1_000n * MRK).toString() },
        { donor: lower(alice), token: zeroAddress, amount: parseEther("1").toString() },
        { donor: lower(bob), token: zeroAddress, amount: parseEther("0.5").toString() },
      ]),
    );
    expect(communityDonations).toHaveLength(3);
  });
});

describe("proposals", () => {
  let payment: Proposal;
  let program: Proposal;
  let vetoed: Proposal;
  let eventStart: bigint;
  const SHARED = 300n * MRK;

  it("runs propose → vote (with reasons) → queue → execute, and the guardian's veto", async () => {
    const now = (await publicClient.getBlock()).timestamp;
    eventStart = now + 30n * DAY;
    payment = await propose(
      aliceWallet,
      [
        {
          target: token,
          value: 0n,
          data: encodeFunctionData({ abi: markTokenAbi, functionName: "transfer", args: [dave, 50n * MRK] }),
        },
      ],
      "Pay Dave for the lamp",
    );
    // The distribution shares the votes at a timepoint already past when it executes: now.
    const timepoint = Number((await publicClient.getBlock()).timestamp);
    program = await propose(
      bobWallet,
      [
        {
          target: tickets,
          value: 0n,
          data: encodeFunctionData({
            abi: communityTicketsAbi,
            functionName: "createEvent",
            args: [Number(eventStart), 42n, 20n * MRK, 10, "ipfs://lighthouse-night"],
          }),
        },
        {
          target: token,
          value: 0n,
          data: encodeFunctionData({ abi: markTokenAbi, functionName: "approve", args: [distributions, SHARED] }),
        },
        {
          target: distributions,
          value: 0n,
          data: encodeFunctionData({
            abi: communityDistributionsAbi,
            functionName: "create",
            args: [community.membership, token, SHARED, timepoint, Number(eventStart)],
          }),
        },
      ],
      "Lighthouse night, and share the donations",
    );
    vetoed = await propose(
      aliceWallet,
      [{ target: community.treasury, value: parseEther("1"), data: "0x" }],
      "Send ETH round in circles",
    );
    await call(daveWallet, community.governor, communityGovernorAbi, "cancel", lifecycleArgs(vetoed));

    await advance(DAY + 1n);
    await call(aliceWallet, community.governor, communityGovernorAbi, "castVoteWithReason", [
      payment.id,
      1,
      "Dave fixed the lamp",
    ]);
    await call(bobWallet, community.governor, communityGovernorAbi, "castVoteWithReason", [
      payment.id,
      2,
      "no opinion",
    ]);
    await call(aliceWallet, community.governor, communityGovernorAbi, "castVote", [program.id, 1]);
    await call(bobWallet, community.governor, communityGovernorAbi, "castVote", [program.id, 1]);
    await advance(3n * DAY + 1n);
    for (const proposal of [payment, program])
      await call(aliceWallet, community.governor, communityGovernorAbi, "queue", lifecycleArgs(proposal));
    await advance(2n * DAY + 1n);
    const paid = await call(bobWallet, community.governor, communityGovernorAbi, "execute", lifecycleArgs(payment));
    await call(bobWallet, community.governor, communityGovernorAbi, "execute", lifecycleArgs(program));

    type ProposalRow = {
      proposalId: string;
      proposer: string;
      description: string;
      targets: string[];
      values: string[];
      calldatas: string[];
      forVotes: string;
      againstVotes: string;
      abstainVotes: string;
      voteCount: number;
      lastEventState: string;
      eta: string | null;
      stateChanges: Array<{ state: string }>;
      votes: Array<{ voter: string; support: number; weight: string; reason: string }>;
    };
    const { communityProposals } = await query<{ communityProposals: ProposalRow[] }>(
      `query ($c: String!) { communityProposals(where: { community: $c }, orderBy: proposalId) {
        proposalId proposer description targets values calldatas forVotes againstVotes abstainVotes voteCount
        lastEventState eta stateChanges(orderBy: blockNumber) { state } votes(orderBy: voter) { voter support weight reason }
      } }`,
      { c: lower(community.treasury) },
    );
    expect(communityProposals.map((p) => p.proposalId)).toEqual([payment.id, program.id, vetoed.id].map(String));
    const [paymentRow, programRow, vetoedRow] = communityProposals as [ProposalRow, ProposalRow, ProposalRow];
    expect(paymentRow).toMatchObject({
      proposer: lower(alice),
      description: "Pay Dave for the lamp",
      targets: [lower(token)],
      values: ["0"],
      calldatas: [payment.actions[0]!.data],
      forVotes: "2",
      againstVotes: "0",
      abstainVotes: "1",
      voteCount: 2,
      lastEventState: "EXECUTED",
      eta: (await read<bigint>(community.governor, communityGovernorAbi, "proposalEta", [payment.id])).toString(),
    });
    expect(paymentRow.stateChanges.map((c) => c.state)).toEqual(["PENDING", "QUEUED", "EXECUTED"]);
    expect(paymentRow.votes).toEqual(
      [
        { voter: lower(alice), support: 1, weight: "2", reason: "Dave fixed the lamp" },
        { voter: lower(bob), support: 2, weight: "1", reason: "no opinion" },
      ].sort((a, b) => a.voter.localeCompare(b.voter)),
    );
    const votes = await read<[bigint, bigint, bigint]>(community.governor, communityGovernorAbi, "proposalVotes", [
      payment.id,
    ]);
    expect([paymentRow.againstVotes, paymentRow.forVotes, paymentRow.abstainVotes]).toEqual(votes.map(String));
    expect(programRow.lastEventState).toBe("EXECUTED");
    expect(programRow.targets).toEqual([tickets, token, distributions].map(lower));
    expect(vetoedRow.stateChanges.map((c) => c.state)).toEqual(["PENDING", "CANCELED"]);
    expect(vetoedRow.values).toEqual([parseEther("1").toString()]);
    expect(await read<number>(community.governor, communityGovernorAbi, "state", [vetoed.id])).toBe(2); // Canceled

    const row = (await communityRow(community.treasury))!;
    expect(row.proposalCount).toBe(3);
    expect({ mrkBalance: row.mrkBalance, ethBalance: row.ethBalance }).toEqual(await chainBalances(community.treasury));
    expect(BigInt(row.mrkBalance)).toBe(PRICE + 1_000n * MRK - 50n * MRK - SHARED);

    const { treasuryMovements } = await query<{ treasuryMovements: Array<Record<string, string>> }>(
      `query ($c: String!) { treasuryMovements(where: { community: $c, direction: Out }, orderBy: blockNumber) {
        kind token amount counterparty transactionHash } }`,
      { c: lower(community.treasury) },
    );
    expect(treasuryMovements).toEqual([
      {
        kind: "ExecutedCall",
        token: lower(token),
        amount: (50n * MRK).toString(),
        counterparty: lower(dave),
        transactionHash: paid.transactionHash,
      },
      {
        kind: "Distribution",
        token: lower(token),
        amount: SHARED.toString(),
        counterparty: lower(distributions),
        transactionHash: expect.any(String),
      },
    ]);
  });

  it("serves the treasury's event, its ticket sales and who holds the tickets", async () => {
    const eventId = await read<bigint>(tickets, communityTicketsAbi, "eventCount");
    await call(bobWallet, token, markTokenAbi, "approve", [tickets, 40n * MRK]);
    const bought = await call(bobWallet, tickets, communityTicketsAbi, "buy", [eventId, 2]);
    await call(bobWallet, tickets, communityTicketsAbi, "safeTransferFrom", [bob, carol, eventId, 1n, "0x"]);
    await call(carolWallet, tickets, communityTicketsAbi, "safeBatchTransferFrom", [
      carol,
      dave,
      [eventId],
      [1n],
      "0x",
    ]);

    const { communityEvent, ticketHoldings, treasuryMovements } = await query<{
      communityEvent: Record<string, unknown>;
      ticketHoldings: Array<{ holder: string; balance: string }>;
      treasuryMovements: Array<Record<string, string>>;
    }>(
      `query ($id: ID!, $event: String!, $c: String!) {
        communityEvent(id: $id) { organizer community { id } unitId startsAt price capacity sold revenue uri }
        ticketHoldings(where: { event: $event }, orderBy: holder) { holder balance }
        treasuryMovements(where: { community: $c, kind: TicketSales }) { direction amount counterparty transactionHash }
      }`,
      { id: eventId.toString(), event: eventId.toString(), c: lower(community.treasury) },
    );
    const onChain = await read<{ sold: number; capacity: number; price: bigint; startsAt: number; unitId: bigint }>(
      tickets,
      communityTicketsAbi,
      "eventOf",
      [eventId],
    );
    expect(communityEvent).toEqual({
      organizer: lower(community.treasury),
      community: { id: lower(community.treasury) },
      unitId: onChain.unitId.toString(),
      startsAt: String(onChain.startsAt),
      price: onChain.price.toString(),
      capacity: onChain.capacity,
      sold: onChain.sold,
      revenue: (40n * MRK).toString(),
      uri: "ipfs://lighthouse-night",
    });
    expect(onChain.sold).toBe(2);
    for (const holding of ticketHoldings)
      expect(holding.balance).toBe(
        (
          await read<bigint>(tickets, communityTicketsAbi, "balanceOf", [getAddress(holding.holder), eventId])
        ).toString(),
      );
    // Bob's two, one passed to Carol (`TransferSingle`), who passed it on to Dave (`TransferBatch`).
    expect(ticketHoldings).toEqual(
      [
        { holder: lower(bob), balance: "1" },
        { holder: lower(carol), balance: "0" },
        { holder: lower(dave), balance: "1" },
      ].sort((a, b) => a.holder.localeCompare(b.holder)),
    );
    expect(treasuryMovements).toEqual([
      {
        direction: "In",
        amount: (40n * MRK).toString(),
        counterparty: lower(bob),
        transactionHash: bought.transactionHash,
      },
    ]);
    const row = (await communityRow(community.treasury))!;
    expect({ mrkBalance: row.mrkBalance, ethBalance: row.ethBalance }).toEqual(await chainBalances(community.treasury));
  });

  it("serves the distribution and its claims, as the chain counts them", async () => {
    const distributionId = await read<bigint>(distributions, communityDistributionsAbi, "distributionCount");
    const claimable = {
      alice: await read<bigint>(distributions, communityDistributionsAbi, "claimableOf", [distributionId, alice]),
      bob: await read<bigint>(distributions, communityDistributionsAbi, "claimableOf", [distributionId, bob]),
    };
    // Alice holds her own vote and Carol's, Bob his own: 2/3 and 1/3, rounded down.
    expect(claimable).toEqual({ alice: (SHARED * 2n) / 3n, bob: SHARED / 3n });
    // Alice claims; Bob lets his share go back to the treasury (next test).
    await call(aliceWallet, distributions, communityDistributionsAbi, "claim", [distributionId]);

    const { distribution } = await query<{
      distribution: {
        creator: string;
        community: { id: string };
        votes: string;
        token: string;
        amount: string;
        claimed: string;
        totalVotes: string;
        claimCount: number;
        claims: Array<{ account: string; amount: string }>;
      };
    }>(
      `query ($id: ID!) { distribution(id: $id) {
        creator community { id } votes token amount claimed totalVotes claimCount claims(orderBy: account) { account amount }
      } }`,
      { id: distributionId.toString() },
    );
    const onChain = await read<{ amount: bigint; claimed: bigint; totalVotes: bigint }>(
      distributions,
      communityDistributionsAbi,
      "distributionOf",
      [distributionId],
    );
    expect(distribution).toEqual({
      creator: lower(community.treasury),
      community: { id: lower(community.treasury) },
      votes: lower(community.membership),
      token: lower(token),
      amount: onChain.amount.toString(),
      claimed: onChain.claimed.toString(),
      totalVotes: onChain.totalVotes.toString(),
      claimCount: 1,
      claims: [{ account: lower(alice), amount: claimable.alice.toString() }],
    });
    expect(onChain.claimed).toBe(claimable.alice);
  });

  it("records what the treasury reclaims after the deadline, by proposal, as a movement in", async () => {
    const distributionId = await read<bigint>(distributions, communityDistributionsAbi, "distributionCount");
    const now = (await publicClient.getBlock()).timestamp;
    await advance(eventStart - now + 1n);
    const reclaim = await propose(
      aliceWallet,
      [
        {
          target: distributions,
          value: 0n,
          data: encodeFunctionData({ abi: communityDistributionsAbi, functionName: "reclaim", args: [distributionId] }),
        },
      ],
      "Take back the unclaimed shares",
    );
    await advance(DAY + 1n);
    await call(aliceWallet, community.governor, communityGovernorAbi, "castVote", [reclaim.id, 1]);
    await advance(3n * DAY + 1n);
    await call(aliceWallet, community.governor, communityGovernorAbi, "queue", lifecycleArgs(reclaim));
    await advance(2n * DAY + 1n);
    const executed = await call(bobWallet, community.governor, communityGovernorAbi, "execute", lifecycleArgs(reclaim));

    const { distribution, treasuryMovements } = await query<{
      distribution: { claimed: string; reclaimed: string };
      treasuryMovements: Array<Record<string, string>>;
    }>(
      `query ($id: ID!, $c: String!) {
        distribution(id: $id) { claimed reclaimed }
        treasuryMovements(where: { community: $c, kind: DistributionReclaim }) { direction token amount counterparty transactionHash }
      }`,
      { id: distributionId.toString(), c: lower(community.treasury) },
    );
    const bobsShare = SHARED / 3n;
    expect(distribution).toEqual({ claimed: ((SHARED * 2n) / 3n).toString(), reclaimed: bobsShare.toString() });
    expect(treasuryMovements).toEqual([
      {
        direction: "In",
        token: lower(token),
        amount: bobsShare.toString(),
        counterparty: lower(distributions),
        transactionHash: executed.transactionHash,
      },
    ]);
    const row = (await communityRow(community.treasury))!;
    expect({ mrkBalance: row.mrkBalance, ethBalance: row.ethBalance }).toEqual(await chainBalances(community.treasury));
  });
});

describe("leaving", () => {
  it("counts a member out, and its delegated vote leaves its delegate", async () => {
    const left = await call(carolWallet, community.membership, communityMembershipAbi, "leave", []);
    const row = (await communityRow(community.treasury))!;
    expect(row.memberCount).toBe(2);
    expect(BigInt(row.memberCount)).toBe(
      await read<bigint>(community.membership, communityMembershipAbi, "memberCount"),
    );
    const { communityMember } = await query<{
      communityMember: { isMember: boolean; expelled: boolean; leftAtBlock: string; joinRoute: string };
    }>(`query ($id: ID!) { communityMember(id: $id) { isMember expelled leftAtBlock joinRoute } }`, {
      id: `${lower(community.treasury)}-${lower(carol)}`,
    });
    expect(communityMember).toEqual({
      isMember: false,
      expelled: false,
      leftAtBlock: String(left.blockNumber),
      joinRoute: "Purchased",
    });
    const members = await membersOf(community.treasury);
    for (const member of members)
      expect(member.votes, member.account).toBe(
        (
          await read<bigint>(community.membership, communityMembershipAbi, "getVotes", [getAddress(member.account)])
        ).toString(),
      );
    expect(members.find((member) => member.account === lower(alice))!.votes).toBe("1");
  });
});

describe("a reorg", () => {
  it("removes a community created in a reorganised block with what its templates indexed; earlier ones stay", async () => {
    const before = await communityRow(community.treasury);
    const beforeMembers = await membersOf(community.treasury);
    const fork = (await rpc("evm_snapshot")) as Hex;
    const doomed = await createCommunity(bobWallet, "Doomed Harbour", "DOOM", [bob, carol], "harbour");
    await call(carolWallet, doomed.membership, communityMembershipAbi, "delegate", [bob]);
    await call(carolWallet, doomed.treasury, communityTreasuryAbi, "donate", [0n], parseEther("2"));
    expect(await communityRow(doomed.treasury)).toMatchObject({ name: "Doomed Harbour", memberCount: 2 });
    expect((await communityRow(doomed.treasury))!.ethDonated).toBe(parseEther("2").toString());
    expect(await membersOf(doomed.treasury)).toHaveLength(2);

    await rpc("evm_revert", [fork]);
    // Another time, so the new branch's blocks differ from the old ones.
    await rpc("evm_increaseTime", [3600]);
    for (let i = 0; i < 3; i++) await rpc("evm_mine");
    // The same creator, salt, name and settings: the same addresses again (founders are not part
    // of them), with one founder this time.
    const reborn = await createCommunity(bobWallet, "Doomed Harbour", "DOOM", [bob], "harbour");
    expect(reborn.treasury).toBe(doomed.treasury);
    await call(aliceWallet, community.treasury, communityTreasuryAbi, "donate", [0n], parseEther("0.25"));

    const row = (await communityRow(reborn.treasury))!;
    // One data source per clone: the founder counted once; Carol's membership, delegation and
    // donation gone with their blocks.
    expect(row).toMatchObject({
      memberCount: 1,
      ethDonated: "0",
      ethBalance: "0",
      createdAtBlock: String(reborn.receipt.blockNumber),
    });
    expect(await membersOf(reborn.treasury)).toEqual([
      {
        account: lower(bob),
        isMember: true,
        joinRoute: "Founder",
        paid: "0",
        votes: "1",
        delegate: lower(bob),
        expelled: false,
      },
    ]);
    const { communityDelegations, communityDonations } = await query<{
      communityDelegations: Array<{ delegator: string }>;
      communityDonations: Array<{ donor: string }>;
    }>(
      `query ($c: String!) {
        communityDelegations(where: { community: $c }) { delegator }
        communityDonations(where: { community: $c }) { donor }
      }`,
      { c: lower(reborn.treasury) },
    );
    expect(communityDelegations).toEqual([]);
    expect(communityDonations).toEqual([]);
    const { communities } = await query<{ communities: Array<{ name: string; memberCount: number }> }>(
      `{ communities(orderBy: name) { name memberCount } }`,
    );
    expect(communities).toEqual([
      { name: "Doomed Harbour", memberCount: 1 },
      { name: "Lighthouse Keepers", memberCount: 2 },
    ]);

    // The earlier community is untouched but for the donation made on the new branch.
    const after = (await communityRow(community.treasury))!;
    expect(after).toEqual({
      ...before,
      ethDonated: (BigInt(before!.ethDonated) + parseEther("0.25")).toString(),
      ...(await chainBalances(community.treasury)),
    });
    expect(await membersOf(community.treasury)).toEqual(beforeMembers);
    expect(host.status().reverts).toBeGreaterThanOrEqual(1);
    const { _meta } = await query<{ _meta: { hasIndexingErrors: boolean } }>(`{ _meta { hasIndexingErrors } }`);
    expect(_meta.hasIndexingErrors).toBe(false);
  });
});
