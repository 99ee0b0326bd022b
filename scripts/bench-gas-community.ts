/**
 * Gas of community DAOs (issue 9), measured on an in-process Hardhat/EDR chain as total
 * transaction gas (`receipt.gasUsed`: the 21,000 base and calldata included). The contracts are
 * deployed by the real deploy script. Creating a community with `CommunityFactory` (three
 * ERC-1167 clones, one founder) is reported beside a full deployment in the same run: `new` of
 * OpenZeppelin's constructor-based ERC721Votes membership, Governor with the same extensions and
 * TimelockController (`contracts/test/CommunityFullDeployment.sol`), the three transactions
 * summed. A community of five members then runs five proposals (an MRK transfer from the
 * treasury each) through propose, castVote (every member on every proposal), queue and execute;
 * donations and ticket purchases are each a member's first. Each figure is a median.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import hre from "hardhat";
import {
  custom,
  decodeEventLog,
  encodeFunctionData,
  getAddress,
  getContractAddress,
  keccak256,
  parseEther,
  toHex,
  zeroAddress,
  type Abi,
  type Address,
  type Hash,
  type Hex,
} from "viem";
import {
  communityFactoryAbi,
  communityGovernorAbi,
  communityTicketsAbi,
  communityTreasuryAbi,
  markTokenAbi,
} from "../contracts/generated/abis.ts";
import { deploy } from "./deploy.ts";
import type { GasBenchRow } from "./bench-gas.ts";
import { lendSaleMrk } from "./lib/dev-mrk.ts";
import { median } from "./lib/gas.ts";

const RUNS = 5;
const DAY = 86_400n;
const MRK = 10n ** 18n;
const SETTINGS = {
  guardian: zeroAddress,
  votingDelay: Number(DAY),
  votingPeriod: Number(5n * DAY),
  proposalThreshold: 1,
  quorumPercent: 50,
  timelockDelay: Number(2n * DAY),
  joinPolicy: 0,
  membershipPrice: 0n,
} as const;

export const COMMUNITY_CREATE_METRIC = "CommunityFactory.createCommunity (3 clones, one founder; target ≤ 450,000)";

export async function runCommunityGasBench(): Promise<GasBenchRow[]> {
  await hre.tasks.getTask("build").run({ quiet: true });
  const conn = await hre.network.connect();
  const { viem, networkHelpers } = conn;
  const publicClient = await viem.getPublicClient();
  const wallets = await viem.getWalletClients();
  if (wallets.length < RUNS + 1) throw new Error(`bench-gas-community: the chain needs ${RUNS + 1} funded accounts`);
  const deployerWallet = wallets[0]!;
  const deployer = deployerWallet.account.address;
  const users = wallets.slice(1, RUNS + 1).map((wallet) => wallet.account.address);

  const samples: Record<string, bigint[]> = {};
  const baselines: Record<string, bigint[]> = {};
  const record = (into: Record<string, bigint[]>, metric: string, gas: bigint) => (into[metric] ??= []).push(gas);

  async function receiptOf(hash: Promise<Hash> | Hash) {
    const receipt = await publicClient.waitForTransactionReceipt({ hash: await hash });
    if (receipt.status !== "success")
      throw new Error(`bench-gas-community: transaction ${receipt.transactionHash} reverted`);
    return receipt;
  }
  const gasOf = async (hash: Promise<Hash> | Hash) => (await receiptOf(hash)).gasUsed;
  const write = (from: Address, address: Address, abi: Abi, functionName: string, args: unknown[], value?: bigint) =>
    wallets
      .find((wallet) => wallet.account.address === from)!
      .writeContract({ address, abi, functionName, args, value, chain: null, account: from });

  // --- The platform as `npm start` deploys it ---------------------------------------------------
  const outDir = await mkdtemp(join(tmpdir(), "markspace-bench-community-"));
  const { deployment } = await deploy({ transport: custom(conn.provider), outDir }).finally(() =>
    rm(outDir, { recursive: true, force: true }),
  );
  const at = (name: keyof typeof deployment.contracts) => getAddress(deployment.contracts[name]!.address);
  const factory = at("CommunityFactory");
  const tickets = at("CommunityTickets");
  const token = at("MarkToken");
  await lendSaleMrk(conn.provider, deployment, users, 100_000n * MRK);

  const config = (name: string, founders: readonly Address[], salt: Hex) => ({
    name,
    symbol: "BENCH",
    founders,
    settings: SETTINGS,
    salt,
  });

  // --- Creating a community: clones -----------------------------------------------------------
  for (const [i, user] of users.entries())
    record(
      samples,
      COMMUNITY_CREATE_METRIC,
      await gasOf(
        write(user, factory, communityFactoryAbi, "createCommunity", [
          config(`Bench community ${i}`, [user], keccak256(toHex(`one-${i}`))),
        ]),
      ),
    );
  for (const [i, user] of users.entries())
    record(
      samples,
      "CommunityFactory.createCommunity (3 clones, five founders)",
      await gasOf(
        write(user, factory, communityFactoryAbi, "createCommunity", [
          config(`Bench community ${i}`, users, keccak256(toHex(`five-${i}`))),
        ]),
      ),
    );

  // --- Creating a community: full deployment with `new` ----------------------------------------
  for (const [i, user] of users.entries()) {
    const nonce = await publicClient.getTransactionCount({ address: deployer });
    // The governor names the timelock deployed right after it, which names the governor back.
    const timelock = getContractAddress({ from: deployer, nonce: BigInt(nonce + 2) });
    const membership = await viem.sendDeploymentTransaction("FullCommunityMembership", [
      `Bench community ${i}`,
      "BENCH",
      [user],
    ]);
    const governor = await viem.sendDeploymentTransaction("FullCommunityGovernor", [
      membership.contract.address,
      timelock,
      SETTINGS.guardian,
      SETTINGS.votingDelay,
      SETTINGS.votingPeriod,
      BigInt(SETTINGS.proposalThreshold),
      BigInt(SETTINGS.quorumPercent),
    ]);
    const timelockDeployment = await viem.sendDeploymentTransaction("FullCommunityTimelock", [
      BigInt(SETTINGS.timelockDelay),
      [governor.contract.address],
      [zeroAddress],
    ]);
    if (getAddress(timelockDeployment.contract.address) !== getAddress(timelock))
      throw new Error("bench-gas-community: predicted timelock address");
    let total = 0n;
    for (const sent of [membership, governor, timelockDeployment])
      total += await gasOf(sent.deploymentTransaction.hash);
    record(baselines, COMMUNITY_CREATE_METRIC, total);
  }

  // --- A community of five members runs five proposals ----------------------------------------
  const created = await receiptOf(
    write(users[0]!, factory, communityFactoryAbi, "createCommunity", [
      config("Bench governance", users, keccak256(toHex("governance"))),
    ]),
  );
  const creation = created.logs
    .filter((log) => getAddress(log.address) === factory)
    .map((log) => decodeEventLog({ abi: communityFactoryAbi, data: log.data, topics: log.topics }))
    .find((event) => event.eventName === "CommunityCreated");
  if (!creation || creation.eventName !== "CommunityCreated")
    throw new Error("bench-gas-community: no CommunityCreated event");
  const governor = getAddress(creation.args.governor);
  const treasury = getAddress(creation.args.treasury);

  // Donations: each member's first, in MRK and in ETH, then a plain ETH transfer.
  for (const user of users) {
    await gasOf(write(user, token, markTokenAbi, "approve", [treasury, 2n ** 256n - 1n]));
    record(
      samples,
      "CommunityTreasury.donate (MRK)",
      await gasOf(write(user, treasury, communityTreasuryAbi, "donate", [1_000n * MRK])),
    );
    record(
      samples,
      "CommunityTreasury.donate (ETH)",
      await gasOf(write(user, treasury, communityTreasuryAbi, "donate", [0n], parseEther("0.1"))),
    );
    const wallet = wallets.find((candidate) => candidate.account.address === user)!;
    record(
      samples,
      "CommunityTreasury receive (plain ETH transfer)",
      await gasOf(wallet.sendTransaction({ to: treasury, value: parseEther("0.1"), chain: null, account: user })),
    );
  }
  await networkHelpers.mine(1, { interval: 1 });

  type Proposal = { targets: Address[]; values: bigint[]; calldatas: Hex[]; description: string };
  const transfer = (i: number): Proposal => ({
    targets: [token],
    values: [0n],
    calldatas: [
      encodeCall(markTokenAbi, "transfer", [getContractAddress({ from: deployer, nonce: BigInt(1_000 + i) }), MRK]),
    ],
    description: `Bench payment ${i}`,
  });
  const createEvent: Proposal = {
    targets: [tickets],
    values: [0n],
    calldatas: [
      encodeCall(communityTicketsAbi, "createEvent", [
        Number((await publicClient.getBlock()).timestamp + 60n * DAY),
        0n,
        20n * MRK,
        1_000,
        "ipfs://bench-event",
      ]),
    ],
    description: "Bench event",
  };
  const proposals = [...users.map((_, i) => transfer(i)), createEvent];
  const ids: bigint[] = [];
  for (const [i, proposal] of proposals.entries()) {
    const proposer = users[i % users.length]!;
    const args = [proposal.targets, proposal.values, proposal.calldatas, proposal.description];
    const gas = await gasOf(write(proposer, governor, communityGovernorAbi, "propose", args));
    if (i < users.length) record(samples, "CommunityGovernor.propose (an MRK transfer)", gas);
    ids.push(
      (await publicClient.readContract({
        address: governor,
        abi: communityGovernorAbi,
        functionName: "getProposalId",
        args: [proposal.targets, proposal.values, proposal.calldatas, keccak256(toHex(proposal.description))],
      })) as bigint,
    );
  }
  await networkHelpers.time.increase(DAY + 1n);
  for (const [i, id] of ids.entries())
    for (const user of users) {
      const gas = await gasOf(write(user, governor, communityGovernorAbi, "castVote", [id, 1]));
      if (i < users.length)
        record(samples, "CommunityGovernor.castVote (For, side already has votes; target ≤ 70,000)", gas);
    }
  await networkHelpers.time.increase(5n * DAY);
  const lifecycle = (proposal: Proposal) => [
    proposal.targets,
    proposal.values,
    proposal.calldatas,
    keccak256(toHex(proposal.description)),
  ];
  for (const [i, proposal] of proposals.entries()) {
    const gas = await gasOf(write(users[0]!, governor, communityGovernorAbi, "queue", lifecycle(proposal)));
    if (i < users.length) record(samples, "CommunityGovernor.queue (into the treasury timelock)", gas);
  }
  await networkHelpers.time.increase(2n * DAY);
  for (const [i, proposal] of proposals.entries()) {
    const gas = await gasOf(write(users[1]!, governor, communityGovernorAbi, "execute", lifecycle(proposal)));
    if (i < users.length) record(samples, "CommunityGovernor.execute (an MRK transfer from the treasury)", gas);
  }

  // Tickets of the event the last proposal created: each member's first.
  for (const user of users) {
    await gasOf(write(user, token, markTokenAbi, "approve", [tickets, 2n ** 256n - 1n]));
    record(
      samples,
      "CommunityTickets.buy (one ticket, paid into the treasury)",
      await gasOf(write(user, tickets, communityTicketsAbi, "buy", [1n, 1])),
    );
  }

  await conn.close();
  return Object.entries(samples).map(([metric, values]) => {
    const row: GasBenchRow = { metric, value: median(values), unit: "gas" };
    if (baselines[metric]) row.baseline = median(baselines[metric]);
    return row;
  });
}

function encodeCall(abi: Abi, functionName: string, args: unknown[]): Hex {
  return encodeFunctionData({ abi, functionName, args });
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  const rows = await runCommunityGasBench();
  for (const row of rows)
    console.log(
      `${row.metric.padEnd(64)} ${String(row.value).padStart(8)} gas${row.baseline ? `  (full deployment ${row.baseline})` : ""}`,
    );
  process.exit(0);
}
