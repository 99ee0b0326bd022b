/**
 * Gas figures of governance's everyday transactions, measured on an in-process Hardhat/EDR
 * chain: total transaction gas (`receipt.gasUsed`, so including the 21,000 base and calldata).
 * Deploys MRK, wMRK, the treasury timelock (with the governor's predicted address), the
 * governor (delay 1 day, period 1 week, threshold 100,000 wMRK, quorum 4 %) and the parameter
 * store, then runs one proposal from wrapping to execution with five fresh voters. Wrapping,
 * delegating and voting are the median over the voters; a vote that is the first on its side
 * (it creates the tally slot) is reported separately. Run: `npx tsx scripts/bench-gas-governance.ts`.
 */
import hre from "hardhat";
import { encodeFunctionData, getContractAddress, keccak256, parseAbi, toHex, type Hash } from "viem";
import { buildGenesisAllocations } from "../contracts/token/genesis-allocation.ts";

const VOTERS = 5;
const MRK = 10n ** 18n;
const DAY = 86_400n;

function median(values: readonly bigint[]): bigint {
  const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return sorted[Math.floor(sorted.length / 2)]!;
}

export async function runGovernanceGasBench(): Promise<Record<string, bigint>> {
  await hre.tasks.getTask("build").run({ quiet: true });
  const conn = await hre.network.connect();
  const publicClient = await conn.viem.getPublicClient();
  const [deployer, ...others] = await conn.viem.getWalletClients();
  if (!deployer || others.length < VOTERS) throw new Error(`bench-gas-governance: needs ${VOTERS + 1} accounts`);
  const voters = others.slice(0, VOTERS).map((w) => w.account.address);
  const me = deployer.account.address;

  async function gasOf(hash: Hash): Promise<bigint> {
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`bench-gas-governance: transaction ${hash} reverted`);
    return receipt.gasUsed;
  }

  const mark = await conn.viem.deployContract("MarkToken", [buildGenesisAllocations(() => me)]);
  const wmrk = await conn.viem.deployContract("WrappedMark", [mark.address]);
  const nonce = await publicClient.getTransactionCount({ address: me });
  const predicted = getContractAddress({ from: me, nonce: BigInt(nonce + 1) });
  const treasury = await conn.viem.deployContract("MarkTreasury", [2n * DAY, predicted]);
  const governor = await conn.viem.deployContract("MarkGovernor", [
    wmrk.address,
    treasury.address,
    Number(DAY),
    Number(7n * DAY),
    100_000n * MRK,
    4n,
  ]);
  if (governor.address.toLowerCase() !== predicted.toLowerCase()) throw new Error("governor address mismatch");
  const params = await conn.viem.deployContract("MarkParameters", [
    treasury.address,
    [{ name: "sale.maxPriceAge", min: 60n, max: DAY, value: 3_600n }],
  ]);

  const samples: Record<string, bigint[]> = {};
  const record = (metric: string, gas: bigint) => (samples[metric] ??= []).push(gas);

  for (const [i, voter] of voters.entries()) {
    const amount = BigInt(200_000 - i * 10_000) * MRK;
    await gasOf(await mark.write.transfer([voter, 2n * amount], { account: me }));
    // The app approves exactly the amount to wrap, so the deposit spends the allowance to zero.
    await gasOf(await mark.write.approve([wmrk.address, amount], { account: voter }));
    record(
      "WrappedMark.depositFor (first wrap)",
      await gasOf(await wmrk.write.depositFor([voter, amount], { account: voter })),
    );
    record(
      "WrappedMark.delegate (to self, first)",
      await gasOf(await wmrk.write.delegate([voter], { account: voter })),
    );
    await gasOf(await mark.write.approve([wmrk.address, amount], { account: voter }));
    record(
      "WrappedMark.depositFor (more, already delegated)",
      await gasOf(await wmrk.write.depositFor([voter, amount], { account: voter })),
    );
  }
  await conn.networkHelpers.mine();

  const targets = [params.address];
  const values = [0n];
  const calldatas = [
    encodeFunctionData({
      abi: parseAbi(["function set(bytes32 key, uint256 value)"]),
      functionName: "set",
      args: [keccak256(toHex("sale.maxPriceAge")), 7_200n],
    }),
  ];
  const description = "Set sale.maxPriceAge to 2 hours";
  const descriptionHash = keccak256(toHex(description));
  const proposer = voters[0]!;
  record(
    "MarkGovernor.propose (one MarkParameters.set call)",
    await gasOf(await governor.write.propose([targets, values, calldatas, description], { account: proposer })),
  );
  const id = await governor.read.hashProposal([targets, values, calldatas, descriptionHash]);
  await conn.networkHelpers.time.increase(DAY + 1n);

  // Voter 0 opens the For side, voter 1 the Against side; the rest vote For.
  record(
    "MarkGovernor.castVote (first For vote)",
    await gasOf(await governor.write.castVote([id, 1], { account: voters[0]! })),
  );
  record(
    "MarkGovernor.castVote (first Against vote)",
    await gasOf(await governor.write.castVote([id, 0], { account: voters[1]! })),
  );
  for (const voter of voters.slice(2)) {
    record(
      "MarkGovernor.castVote (For, side already has votes)",
      await gasOf(await governor.write.castVote([id, 1], { account: voter })),
    );
  }

  await conn.networkHelpers.time.increase(7n * DAY + 1n);
  record("MarkGovernor.queue", await gasOf(await governor.write.queue([targets, values, calldatas, descriptionHash])));
  await conn.networkHelpers.time.increase(2n * DAY);
  record(
    "MarkGovernor.execute (MarkParameters.set)",
    await gasOf(await governor.write.execute([targets, values, calldatas, descriptionHash])),
  );
  const value = await params.read.get([keccak256(toHex("sale.maxPriceAge"))]);
  if (value !== 7_200n) throw new Error(`bench-gas-governance: the proposal did not execute (value ${value})`);

  return Object.fromEntries(Object.entries(samples).map(([metric, gas]) => [metric, median(gas)]));
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  for (const [metric, gas] of Object.entries(await runGovernanceGasBench())) {
    console.log(`${metric.padEnd(56)} ${String(gas).padStart(8)} gas`);
  }
  process.exit(0);
}
