/**
 * Seeds one community DAO on the local chain so the community pages have something to show,
 * kept small: test accounts 14, 15 and 16 (the land and market accounts) found "Building 1
 * Traders" (open to anyone, voting opens an hour after a proposal and lasts three days, quorum
 * 20 %, one membership to propose, a one-day timelock, account 14 as guardian); account 16
 * donates 250 MRK and 0.5 ETH to its treasury; account 15 proposes sending 100 MRK of it to
 * account 14 for an opening party (pending, then open for votes on /communities/<treasury>).
 *
 * Runs after `seed-land.ts` (account 16 holds the MRK it bought in the sale).
 *
 *   npx tsx scripts/seed-community.ts --rpc-url … [--deployments-dir …]
 */
import {
  createPublicClient,
  createWalletClient,
  encodeFunctionData,
  http,
  parseEther,
  type Abi,
  type Address,
  type Transport,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import {
  communityFactoryAbi,
  communityGovernorAbi,
  communityTreasuryAbi,
  markTokenAbi,
} from "@markspace/contracts/abis";
import type { Deployment } from "@markspace/contracts/deployments";
import { runSeedCli } from "./lib/seed-cli.ts";
import { LOCAL_CHAIN_ID, TEST_ACCOUNT_KEYS } from "./lib/test-accounts.ts";

/** The founders (the first is the guardian), the donor and the proposer: test account indices. */
export const COMMUNITY_ACCOUNTS = { founders: [14, 15, 16], donor: 16, proposer: 15 } as const;

export const SEEDED_COMMUNITY = {
  name: "Building 1 Traders",
  symbol: "B1T",
  donationMrk: parseEther("250"),
  donationEth: parseEther("0.5"),
  proposedMrk: parseEther("100"),
  description: "Opening party\n\nSend 100 MRK to the guardian for the opening party of our shops.",
} as const;

export type SeedCommunityParameters = {
  rpcUrl?: string;
  transport?: Transport;
  deployment: Deployment;
  log?: (line: string) => void;
};

export type SeedCommunityReturnType = {
  lastBlock: number;
  treasury: Address;
  governor: Address;
  membership: Address;
};

export async function seedCommunity(params: SeedCommunityParameters): Promise<SeedCommunityReturnType> {
  const log = params.log ?? (() => {});
  const { deployment } = params;
  if (deployment.chainId !== LOCAL_CHAIN_ID) {
    throw new Error(
      `The community is seeded with the local chain's test accounts; chain ${deployment.chainId} is not ${LOCAL_CHAIN_ID}`,
    );
  }
  const transport = params.transport ?? http(params.rpcUrl);
  const publicClient = createPublicClient({ transport, chain: hardhat });
  const address = (name: keyof Deployment["contracts"]) => {
    const record = deployment.contracts[name];
    if (!record) throw new Error(`seed-community: the deployment has no ${String(name)}`);
    return record.address as Address;
  };
  const [token, factory] = [address("MarkToken"), address("CommunityFactory")];
  const wallet = (index: number) =>
    createWalletClient({ account: privateKeyToAccount(TEST_ACCOUNT_KEYS[index]!), transport, chain: hardhat });
  const founders = COMMUNITY_ACCOUNTS.founders.map(wallet);
  const donor = wallet(COMMUNITY_ACCOUNTS.donor);
  const proposer = wallet(COMMUNITY_ACCOUNTS.proposer);
  let lastBlock = 0;

  async function send(
    from: ReturnType<typeof wallet>,
    to: Address,
    abi: Abi,
    functionName: string,
    args: unknown[],
    value?: bigint,
  ) {
    const hash = await from.writeContract({ address: to, abi, functionName, args, value });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`seed-community: ${functionName} on ${to} reverted (tx ${hash})`);
    lastBlock = Number(receipt.blockNumber);
  }

  const creator = founders[0]!;
  const config = {
    name: SEEDED_COMMUNITY.name,
    symbol: SEEDED_COMMUNITY.symbol,
    founders: founders.map((f) => f.account.address),
    settings: {
      guardian: creator.account.address,
      votingDelay: 3_600,
      votingPeriod: 3 * 86_400,
      proposalThreshold: 1,
      quorumPercent: 20,
      timelockDelay: 86_400,
      joinPolicy: 2, // Open
      membershipPrice: 0n,
    },
    salt: `0x${"00".repeat(31)}01`,
  } as const;
  const community = await publicClient.readContract({
    address: factory,
    abi: communityFactoryAbi,
    functionName: "predictCommunity",
    args: [creator.account.address, config],
  });
  await send(creator, factory, communityFactoryAbi as Abi, "createCommunity", [config]);
  log(`community: "${SEEDED_COMMUNITY.name}" founded by accounts 14–16, treasury ${community.treasury}`);

  await send(donor, token, markTokenAbi as Abi, "approve", [community.treasury, SEEDED_COMMUNITY.donationMrk]);
  await send(
    donor,
    community.treasury,
    communityTreasuryAbi as Abi,
    "donate",
    [SEEDED_COMMUNITY.donationMrk],
    SEEDED_COMMUNITY.donationEth,
  );
  log(`community: account 16 donated 250 MRK and 0.5 ETH`);

  const transfer = encodeFunctionData({
    abi: markTokenAbi,
    functionName: "transfer",
    args: [creator.account.address, SEEDED_COMMUNITY.proposedMrk],
  });
  await send(proposer, community.governor, communityGovernorAbi as Abi, "propose", [
    [token],
    [0n],
    [transfer],
    SEEDED_COMMUNITY.description,
  ]);
  log(`community: account 15 proposed sending 100 MRK for an opening party (voting opens in an hour)`);

  return { lastBlock, ...community };
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  await runSeedCli("seed-community", async ({ rpcUrl, deployment }) => {
    const { lastBlock, treasury } = await seedCommunity({ rpcUrl, deployment, log: console.log });
    console.log(`seed-community: done at block ${lastBlock}; open /communities/${treasury}`);
  });
}
