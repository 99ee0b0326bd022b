/**
 * Gas of the MRK economy's everyday transactions, measured on an in-process Hardhat/EDR chain
 * as total transaction gas (`receipt.gasUsed`, the 21,000 base and calldata included), each
 * beside OpenZeppelin's plain contract where one exists (`contracts/test/bench/PlainOpenZeppelin.sol`),
 * measured in the same run: MRK transfers against a plain ERC-20, wrapping and delegating
 * against a plain votes wrapper, and a proposal's whole life against the Wizard's governor.
 * The economy is deployed by the real deploy script, so the settings are the deployed ones.
 * Each figure is the median over five accounts (four stage boundaries for cross-stage buys).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import hre from "hardhat";
import {
  custom,
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
} from "viem";
import {
  devPriceFeedAbi,
  markGovernorAbi,
  markParametersAbi,
  markSaleAbi,
  markTokenAbi,
  wrappedMarkAbi,
} from "../contracts/generated/abis.ts";
import { parameterKey } from "../contracts/governance/parameters.ts";
import { GOVERNANCE_SETTINGS } from "../contracts/registry.ts";
import { deploy } from "./deploy.ts";
import type { GasBenchRow } from "./bench-gas.ts";
import { freshAddress, median } from "./lib/gas.ts";

const RUNS = 5;
const MRK = 10n ** 18n;
/** Seconds per block when a block-clock baseline turns the governor's days into blocks. */
const SECONDS_PER_BLOCK = 12n;

export async function runEconomyGasBench(): Promise<GasBenchRow[]> {
  await hre.tasks.getTask("build").run({ quiet: true });
  const conn = await hre.network.connect();
  const { viem, networkHelpers } = conn;
  const publicClient = await viem.getPublicClient();
  const wallets = await viem.getWalletClients();
  if (wallets.length < RUNS + 5) throw new Error(`bench-gas-economy: the chain needs ${RUNS + 5} funded accounts`);
  const deployer = wallets[0]!.account.address;
  const users = wallets.slice(1, RUNS + 1).map((wallet) => wallet.account.address);

  const ours: Record<string, bigint[]> = {};
  const plain: Record<string, bigint[]> = {};
  const record = (into: Record<string, bigint[]>, metric: string, gas: bigint) => (into[metric] ??= []).push(gas);

  async function gasOf(hash: Promise<Hash> | Hash): Promise<bigint> {
    const receipt = await publicClient.waitForTransactionReceipt({ hash: await hash });
    if (receipt.status !== "success")
      throw new Error(`bench-gas-economy: transaction ${receipt.transactionHash} reverted`);
    return receipt.gasUsed;
  }
  const write = (from: Address, address: Address, abi: Abi, functionName: string, args: unknown[], value?: bigint) =>
    gasOf(
      wallets
        .find((w) => w.account.address === from)!
        .writeContract({ address, abi, functionName, args, value, chain: null, account: from }),
    );

  // --- The economy, deployed as `npm start` deploys it --------------------------------------
  const outDir = await mkdtemp(join(tmpdir(), "markspace-bench-economy-"));
  const { deployment } = await deploy({ transport: custom(conn.provider), outDir }).finally(() =>
    rm(outDir, { recursive: true, force: true }),
  );
  const at = (name: keyof typeof deployment.contracts) => getAddress(deployment.contracts[name]!.address);
  const sale = at("MarkSale");
  const token = at("MarkToken");
  const wrapped = at("WrappedMark");
  const governor = at("MarkGovernor");
  const parameters = at("MarkParameters");
  const feed = at("DevPriceFeed");
  const releaseAt = (await publicClient.readContract({
    address: sale,
    abi: markSaleAbi,
    functionName: "tokensReleaseAt",
  })) as bigint;
  await networkHelpers.time.increaseTo(releaseAt);

  // Purchases within the first stage, each a buyer's first (tokens delivered at once).
  for (const user of users)
    record(
      ours,
      "MarkSale.buy (within a stage, first purchase, tokens delivered)",
      await write(user, sale, markSaleAbi, "buy", [0n], parseEther("1")),
    );

  // --- Plain OpenZeppelin stack ---------------------------------------------------------------
  const plainToken = await viem.deployContract("PlainToken", [deployer, 3_000_000_000n * MRK]);
  const plainWrapper = await viem.deployContract("PlainVotesWrapper", [plainToken.address]);
  const nonce = await publicClient.getTransactionCount({ address: deployer });
  // The timelock names the governor deployed right after it.
  const plainGovernorAddress = getContractAddress({ from: deployer, nonce: BigInt(nonce + 1) });
  const plainTimelock = await viem.deployContract("PlainTimelock", [
    GOVERNANCE_SETTINGS.timelockDelay,
    [plainGovernorAddress],
    ["0x0000000000000000000000000000000000000000"],
  ]);
  const plainGovernor = await viem.deployContract("PlainGovernor", [
    plainWrapper.address,
    plainTimelock.address,
    Number(GOVERNANCE_SETTINGS.votingDelay / SECONDS_PER_BLOCK),
    Number(GOVERNANCE_SETTINGS.votingPeriod / SECONDS_PER_BLOCK),
    GOVERNANCE_SETTINGS.proposalThreshold,
  ]);
  const plainParameters = await viem.deployContract("MarkParameters", [
    plainTimelock.address,
    [{ name: "sale.maxPriceAge", min: 60n, max: 86_400n, value: 3_600n }],
    zeroAddress,
  ]);
  if (plainGovernor.address.toLowerCase() !== plainGovernorAddress.toLowerCase())
    throw new Error("bench-gas-economy: plain governor address");
  const plainAbi = (name: "PlainToken" | "PlainVotesWrapper" | "PlainGovernor") =>
    ({ PlainToken: plainToken.abi, PlainVotesWrapper: plainWrapper.abi, PlainGovernor: plainGovernor.abi })[
      name
    ] as Abi;

  // Every user holds 50,000 of each token (MRK from the sale, PLN from the deployer).
  for (const user of users)
    await write(deployer, plainToken.address, plainAbi("PlainToken"), "transfer", [user, 50_000n * MRK]);

  // --- Transfers, wrapping, delegating --------------------------------------------------------
  const stacks = [
    {
      into: ours,
      token,
      tokenAbi: markTokenAbi as Abi,
      name: "MarkToken",
      wrapper: wrapped,
      wrapperAbi: wrappedMarkAbi as Abi,
      wrapperName: "WrappedMark",
    },
    {
      into: plain,
      token: plainToken.address,
      tokenAbi: plainAbi("PlainToken"),
      name: "MarkToken",
      wrapper: plainWrapper.address,
      wrapperAbi: plainAbi("PlainVotesWrapper"),
      wrapperName: "WrappedMark",
    },
  ];
  for (const stack of stacks) {
    for (const [i, user] of users.entries()) {
      const next = users[(i + 1) % users.length]!;
      record(
        stack.into,
        `${stack.name}.transfer (to an account that holds MRK)`,
        await write(user, stack.token, stack.tokenAbi, "transfer", [next, 100n * MRK]),
      );
      record(
        stack.into,
        `${stack.name}.transfer (to a fresh account)`,
        await write(user, stack.token, stack.tokenAbi, "transfer", [freshAddress("economy", "mrk", i), 100n * MRK]),
      );
      const amount = 40_000n * MRK;
      await write(user, stack.token, stack.tokenAbi, "approve", [stack.wrapper, amount]);
      record(
        stack.into,
        `${stack.wrapperName}.depositFor (wrap, first)`,
        await write(user, stack.wrapper, stack.wrapperAbi, "depositFor", [user, amount]),
      );
      record(
        stack.into,
        `${stack.wrapperName}.delegate (to self, first)`,
        await write(user, stack.wrapper, stack.wrapperAbi, "delegate", [user]),
      );
    }
  }
  await networkHelpers.mine();

  // --- A proposal's life, on both governors -----------------------------------------------------
  const key = parameterKey("sale.maxPriceAge");
  const governors = [
    {
      into: ours,
      address: governor,
      abi: markGovernorAbi as Abi,
      wait: (seconds: bigint) => networkHelpers.time.increase(seconds),
    },
    {
      into: plain,
      address: plainGovernor.address,
      abi: plainAbi("PlainGovernor"),
      wait: (seconds: bigint) =>
        networkHelpers.mine(Number(seconds / SECONDS_PER_BLOCK) + 1, { interval: Number(SECONDS_PER_BLOCK) }),
    },
  ];
  for (const [g, gov] of governors.entries()) {
    // The same call on both sides: set a parameter in a store owned by that side's timelock.
    const target = g === 0 ? parameters : plainParameters.address;
    const calldata = encodeFunctionData({ abi: markParametersAbi, functionName: "set", args: [key, 7_200n] });
    const description = `Bench proposal ${g}`;
    const args = [[target], [0n], [calldata]] as const;
    const descriptionHash = keccak256(toHex(description));
    record(
      gov.into,
      "MarkGovernor.propose (one MarkParameters.set)",
      await write(users[0]!, gov.address, gov.abi, "propose", [...args, description]),
    );
    const id = (await publicClient.readContract({
      address: gov.address,
      abi: gov.abi,
      functionName: "hashProposal",
      args: [...args, descriptionHash],
    })) as bigint;
    await gov.wait(GOVERNANCE_SETTINGS.votingDelay + 1n);
    record(
      gov.into,
      "MarkGovernor.castVote (first For vote)",
      await write(users[0]!, gov.address, gov.abi, "castVote", [id, 1]),
    );
    record(
      gov.into,
      "MarkGovernor.castVote (first Against vote)",
      await write(users[1]!, gov.address, gov.abi, "castVote", [id, 0]),
    );
    for (const user of users.slice(2))
      record(
        gov.into,
        "MarkGovernor.castVote (For, side already has votes; target ≤ 70,000)",
        await write(user, gov.address, gov.abi, "castVote", [id, 1]),
      );
    await gov.wait(GOVERNANCE_SETTINGS.votingPeriod + 1n);
    record(
      gov.into,
      "MarkGovernor.queue",
      await write(deployer, gov.address, gov.abi, "queue", [...args, descriptionHash]),
    );
    await gov.wait(GOVERNANCE_SETTINGS.timelockDelay + 1n);
    record(
      gov.into,
      "MarkGovernor.execute (one MarkParameters.set)",
      await write(deployer, gov.address, gov.abi, "execute", [...args, descriptionHash]),
    );
  }
  const maxAge = await publicClient.readContract({
    address: parameters,
    abi: markParametersAbi,
    functionName: "get",
    args: [key],
  });
  if (maxAge !== 7_200n)
    throw new Error(`bench-gas-economy: the proposal did not execute (sale.maxPriceAge ${maxAge})`);

  // --- Purchases across two stages: fill each stage to 1,000,000 MRK from its end ----------------
  // A high ETH price keeps the ETH needed small; a second round at the same price passes the
  // sale's deviation check against the previous round.
  await write(deployer, feed, devPriceFeedAbi, "setPrice", [1_000_000n * 10n ** 8n]);
  await write(deployer, feed, devPriceFeedAbi, "setPrice", [1_000_000n * 10n ** 8n]);
  const boundaries = [250_000_000n, 500_000_000n, 700_000_000n, 870_000_000n].map((m) => m * MRK);
  const filler = wallets[RUNS + 1]!.account.address;
  for (const [i, boundary] of boundaries.entries()) {
    for (;;) {
      const sold = (await publicClient.readContract({
        address: sale,
        abi: markSaleAbi,
        functionName: "sold",
      })) as bigint;
      const gap = boundary - 1_000_000n * MRK - sold;
      if (gap <= 1_000n * MRK) break;
      const chunk = gap > 29_000_000n * MRK ? 29_000_000n * MRK : gap;
      const cost = (await publicClient.readContract({
        address: sale,
        abi: markSaleAbi,
        functionName: "quoteTokens",
        args: [chunk],
      })) as bigint;
      await write(filler, sale, markSaleAbi, "buy", [0n], cost);
    }
    const buyer = wallets[RUNS + 2 + (i % 3)]!.account.address;
    const cost = (await publicClient.readContract({
      address: sale,
      abi: markSaleAbi,
      functionName: "quoteTokens",
      args: [2_000_000n * MRK],
    })) as bigint;
    record(ours, "MarkSale.buy (across two stages)", await write(buyer, sale, markSaleAbi, "buy", [0n], cost));
  }
  await conn.close();

  return Object.entries(ours).map(([metric, values]) => {
    const row: GasBenchRow = { metric, value: median(values), unit: "gas" };
    if (plain[metric]) row.baseline = median(plain[metric]);
    return row;
  });
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  for (const row of await runEconomyGasBench())
    console.log(
      `${row.metric.padEnd(64)} ${String(row.value).padStart(8)} gas${row.baseline ? `  (OpenZeppelin ${row.baseline})` : ""}`,
    );
  process.exit(0);
}
