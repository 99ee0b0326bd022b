/**
 * Seeds the MRK economy of the local chain so every page has something to show: three test
 * accounts buy MRK in the running sale, wrap it and delegate to themselves, and governance
 * holds one proposal in each state a proposal can be in (Pending, Active, Canceled, Defeated,
 * Succeeded, Queued, Executed). The local chain's clock is moved forward to get there (by
 * about 25 days: past the sale tokens' release, through voting periods and the timelock); the
 * sale stays open (it runs 60 days from genesis).
 *
 *   npx tsx scripts/seed-economy.ts --rpc-url … [--deployments-dir …]
 */
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  encodeFunctionData,
  http,
  keccak256,
  parseEther,
  toBytes,
  type Abi,
  type Address,
  type Transport,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import {
  markGovernorAbi,
  markParametersAbi,
  markSaleAbi,
  markTokenAbi,
  wrappedMarkAbi,
} from "@markspace/contracts/abis";
import type { Deployment } from "@markspace/contracts/deployments";
import { parameterKey } from "@markspace/contracts/parameters";
import { GOVERNANCE_SETTINGS } from "@markspace/contracts/registry";
import { runSeedCli } from "./lib/seed-cli.ts";
import { LOCAL_CHAIN_ID, TEST_ACCOUNT_KEYS } from "./lib/test-accounts.ts";

/** Test accounts 17, 18 and 19 hold the seeded votes; 0–9 stay fresh for people trying the app. */
export const ECONOMY_VOTER_ACCOUNTS = [17, 18, 19] as const;

/** ETH each voter spends in the sale: 4 ETH at 3,000 USD buys 200,000 MRK in the first stage. */
const ETH_PER_VOTER = parseEther("4");

export type SeedEconomyParameters = {
  /** The chain's JSON-RPC URL, or (tests) any viem transport. */
  rpcUrl?: string;
  transport?: Transport;
  deployment: Deployment;
  log?: (line: string) => void;
};
export type SeededProposal = { state: string; description: string; proposalId: bigint };
export type SeedEconomyReturnType = { proposals: SeededProposal[]; lastBlock: number };

/** A proposal that sets one platform parameter. */
type ParameterProposal = { description: string; parameter: string; value: bigint };

const PROPOSALS = {
  executed: { description: "Accept ETH prices up to two hours old", parameter: "sale.maxPriceAge", value: 7_200n },
  defeated: {
    description: "Stop the sale when ETH moves 1 % between rounds",
    parameter: "sale.maxPriceDeviationBps",
    value: 100n,
  },
  canceled: { description: "Let ETH move 50 % between rounds", parameter: "sale.maxPriceDeviationBps", value: 5_000n },
  queued: { description: "Refuse ETH prices older than 30 minutes", parameter: "sale.maxPriceAge", value: 1_800n },
  succeeded: {
    description: "Stop the sale when ETH moves 15 % between rounds",
    parameter: "sale.maxPriceDeviationBps",
    value: 1_500n,
  },
  active: { description: "Refuse ETH prices older than 45 minutes", parameter: "sale.maxPriceAge", value: 2_700n },
  pending: {
    description: "Stop the sale when ETH moves 25 % between rounds",
    parameter: "sale.maxPriceDeviationBps",
    value: 2_500n,
  },
} satisfies Record<string, ParameterProposal>;

export async function seedEconomy(params: SeedEconomyParameters): Promise<SeedEconomyReturnType> {
  const log = params.log ?? (() => {});
  const { deployment } = params;
  if (deployment.chainId !== LOCAL_CHAIN_ID)
    throw new Error(
      `The economy is seeded with the local chain's test accounts; chain ${deployment.chainId} is not ${LOCAL_CHAIN_ID}`,
    );
  const transport = params.transport ?? http(params.rpcUrl);
  const publicClient = createPublicClient({ transport, chain: hardhat });
  const address = (name: keyof Deployment["contracts"]) => deployment.contracts[name]!.address as Address;
  const sale = address("MarkSale");
  const token = address("MarkToken");
  const wrapped = address("WrappedMark");
  const governor = address("MarkGovernor");
  const parameters = address("MarkParameters");
  const voters = ECONOMY_VOTER_ACCOUNTS.map((index) =>
    createWalletClient({ account: privateKeyToAccount(TEST_ACCOUNT_KEYS[index]!), transport, chain: hardhat }),
  );
  let lastBlock = 0;

  // The local chain's clock, through viem's test actions (Hardhat/EDR's evm_* methods).
  const testClient = createTestClient({ mode: "hardhat", transport, chain: hardhat });
  async function send(
    wallet: (typeof voters)[number],
    to: Address,
    abi: Abi,
    functionName: string,
    args: unknown[],
    value?: bigint,
  ) {
    const hash = await wallet.writeContract({ address: to, abi, functionName, args, value });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`seed-economy: ${functionName} on ${to} reverted (tx ${hash})`);
    lastBlock = Number(receipt.blockNumber);
  }
  async function travel(seconds: bigint) {
    await testClient.increaseTime({ seconds: Number(seconds) });
    await testClient.mine({ blocks: 1 });
  }

  // 1. Past the release of sale tokens, so purchases are delivered at once.
  const releaseAt = (await publicClient.readContract({
    address: sale,
    abi: markSaleAbi,
    functionName: "tokensReleaseAt",
  })) as bigint;
  const now = (await publicClient.getBlock()).timestamp;
  if (now < releaseAt) await travel(releaseAt - now + 1n);

  // 2. Buy, wrap, delegate.
  for (const voter of voters) {
    const before = (await publicClient.readContract({
      address: token,
      abi: markTokenAbi,
      functionName: "balanceOf",
      args: [voter.account.address],
    })) as bigint;
    await send(voter, sale, markSaleAbi as Abi, "buy", [0n], ETH_PER_VOTER);
    const bought =
      ((await publicClient.readContract({
        address: token,
        abi: markTokenAbi,
        functionName: "balanceOf",
        args: [voter.account.address],
      })) as bigint) - before;
    await send(voter, token, markTokenAbi as Abi, "approve", [wrapped, bought]);
    await send(voter, wrapped, wrappedMarkAbi as Abi, "depositFor", [voter.account.address, bought]);
    await send(voter, wrapped, wrappedMarkAbi as Abi, "delegate", [voter.account.address]);
  }
  log(`economy: ${voters.length} accounts bought, wrapped and delegated MRK`);
  await testClient.mine({ blocks: 1 }); // votes are read at a past timepoint

  const [a, b, c] = voters as [(typeof voters)[number], (typeof voters)[number], (typeof voters)[number]];
  const actions = (p: ParameterProposal) =>
    [
      [parameters],
      [0n],
      [encodeFunctionData({ abi: markParametersAbi, functionName: "set", args: [parameterKey(p.parameter), p.value] })],
    ] as const;
  const descriptionHash = (p: ParameterProposal) => keccak256(toBytes(p.description));
  const idOf = async (p: ParameterProposal) =>
    (await publicClient.readContract({
      address: governor,
      abi: markGovernorAbi,
      functionName: "hashProposal",
      args: [...actions(p), descriptionHash(p)],
    })) as bigint;
  const propose = (wallet: typeof a, p: ParameterProposal) =>
    send(wallet, governor, markGovernorAbi as Abi, "propose", [...actions(p), p.description]);
  const vote = async (wallet: typeof a, p: ParameterProposal, support: 0 | 1 | 2, reason: string) =>
    send(wallet, governor, markGovernorAbi as Abi, "castVoteWithReason", [await idOf(p), support, reason]);

  // 3. Five proposals at once; one is canceled while still pending.
  for (const p of [PROPOSALS.executed, PROPOSALS.defeated, PROPOSALS.canceled, PROPOSALS.queued, PROPOSALS.succeeded])
    await propose(a, p);
  await send(a, governor, markGovernorAbi as Abi, "cancel", [
    ...actions(PROPOSALS.canceled),
    descriptionHash(PROPOSALS.canceled),
  ]);

  // 4. Voting.
  await travel(GOVERNANCE_SETTINGS.votingDelay + 1n);
  await vote(a, PROPOSALS.executed, 1, "Chainlink's ETH/USD feed updates at least hourly; two hours leaves room");
  await vote(b, PROPOSALS.executed, 1, "");
  for (const voter of [a, b, c]) await vote(voter, PROPOSALS.defeated, 0, "One percent would stop the sale every day");
  await vote(a, PROPOSALS.queued, 1, "");
  await vote(b, PROPOSALS.succeeded, 1, "A middle ground");
  await vote(c, PROPOSALS.succeeded, 2, "");

  // 5. After the vote: queue two, execute one after the timelock's delay.
  await travel(GOVERNANCE_SETTINGS.votingPeriod + 1n);
  for (const p of [PROPOSALS.executed, PROPOSALS.queued])
    await send(a, governor, markGovernorAbi as Abi, "queue", [...actions(p), descriptionHash(p)]);
  await travel(GOVERNANCE_SETTINGS.timelockDelay + 1n);
  await send(a, governor, markGovernorAbi as Abi, "execute", [
    ...actions(PROPOSALS.executed),
    descriptionHash(PROPOSALS.executed),
  ]);

  // 6. One in its voting period, one waiting for it.
  await propose(b, PROPOSALS.active);
  await travel(GOVERNANCE_SETTINGS.votingDelay + 1n);
  await vote(a, PROPOSALS.active, 1, "");
  await propose(c, PROPOSALS.pending);

  const states = ["Pending", "Active", "Canceled", "Defeated", "Succeeded", "Queued", "Expired", "Executed"];
  const proposals: SeededProposal[] = [];
  for (const p of Object.values(PROPOSALS)) {
    const proposalId = await idOf(p);
    const state = (await publicClient.readContract({
      address: governor,
      abi: markGovernorAbi,
      functionName: "state",
      args: [proposalId],
    })) as number;
    proposals.push({ state: states[state] ?? String(state), description: p.description, proposalId });
  }
  log(`economy: proposals ${proposals.map((p) => p.state).join(", ")}`);
  return { proposals, lastBlock };
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  await runSeedCli("seed-economy", async ({ rpcUrl, deployment }) => {
    const { proposals } = await seedEconomy({ rpcUrl, deployment, log: console.log });
    for (const p of proposals) console.log(`${p.state.padEnd(9)} ${p.description}`);
  });
}
