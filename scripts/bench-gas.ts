/**
 * Gas figures of the contracts' everyday transactions, measured on an in-process Hardhat/EDR
 * chain: total transaction gas (`receipt.gasUsed`, so including the 21,000 base and calldata).
 * Each figure is the median of several runs, every run by a fresh account on a fresh unit, so a
 * warm slot or a lucky calldata byte pattern cannot skew it. `npm run bench` calls
 * `runGasBench()`; run this file directly to print the rows, or with `--write-baseline` to
 * record them in `contracts/test/gas-baseline.json`, which later runs report as `baseline`.
 * The MRK economy's rows come from `bench-gas-economy.ts`, whose baseline is OpenZeppelin's
 * plain contract measured in the same run (the snapshot does not apply to them).
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import hre from "hardhat";
import { getAddress, keccak256, parseSignature, toHex, type Address, type Hash } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { buildGenesisAllocations } from "../contracts/token/genesis-allocation.ts";
import { encodeUnitId } from "../contracts/unit-address.ts";
import { repoRoot } from "./lib/paths.ts";

export type GasBenchRow = { metric: string; value: number; unit: "gas"; baseline?: number };

/** Runs per figure; the median is reported. */
const RUNS = 5;
/** A CIDv1 (base32, sha2-256): the 59-character form scene manifests are stored under. */
const CID_V1 = "bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi";
const baselinePath = join(repoRoot, "contracts", "test", "gas-baseline.json");

function median(values: readonly bigint[]): number {
  const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return Number(sorted[Math.floor(sorted.length / 2)]);
}

/** A deterministic, never-used address for run `i` of `purpose`. */
function freshAddress(purpose: string, i: number): Address {
  return getAddress(`0x${keccak256(toHex(`markspace-bench-${purpose}-${i}`)).slice(-40)}`);
}

async function readBaseline(): Promise<Record<string, number>> {
  try {
    return JSON.parse(await readFile(baselinePath, "utf8")) as Record<string, number>;
  } catch {
    return {};
  }
}

/** Every gas row of `npm run bench`: the land and token rows, then the MRK economy's. */
export async function runGasBench(): Promise<GasBenchRow[]> {
  const core = await runCoreGasBench();
  // The economy's rows carry OpenZeppelin's plain contracts, measured in the same run, as baseline.
  const { runEconomyGasBench } = await import("./bench-gas-economy.ts");
  return [...core, ...(await runEconomyGasBench())];
}

/** The rows whose baseline is the committed snapshot in `contracts/test/gas-baseline.json`. */
export async function runCoreGasBench(): Promise<GasBenchRow[]> {
  // Measure the current sources, never stale artifacts (a no-op when nothing changed).
  await hre.tasks.getTask("build").run({ quiet: true });
  const conn = await hre.network.connect();
  const publicClient = await conn.viem.getPublicClient();
  const [deployer, ...others] = await conn.viem.getWalletClients();
  if (!deployer || others.length < RUNS) throw new Error(`bench-gas: the chain needs ${RUNS + 1} funded accounts`);
  const claimers = others.slice(0, RUNS);
  const relayer = deployer.account.address;

  const token = await conn.viem.deployContract("MarkToken", [buildGenesisAllocations(() => relayer)]);
  const registry = await conn.viem.deployContract("UnitRegistry");
  const chainId = await publicClient.getChainId();

  async function gasOf(hash: Hash): Promise<bigint> {
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`bench-gas: transaction ${hash} reverted`);
    return receipt.gasUsed;
  }

  const samples: Record<string, bigint[]> = {};
  const record = (metric: string, gas: bigint) => (samples[metric] ??= []).push(gas);

  for (const [i, claimer] of claimers.entries()) {
    const owner = claimer.account.address;
    // Units spread over buildings so no run shares a neighbour's storage.
    const unitId = encodeUnitId({ district: 1, neighbourhood: 100 + i, building: i, floor: 3, unit: 7 });

    record(
      "UnitRegistry.claim (first claim, fresh unit)",
      await gasOf(await registry.write.claim([unitId], { account: owner })),
    );
    record(
      "UnitRegistry.setContent (59-char CIDv1, first set)",
      await gasOf(await registry.write.setContent([unitId, CID_V1], { account: owner })),
    );
    record(
      "UnitRegistry.transferFrom (unit to a fresh account)",
      await gasOf(
        await registry.write.transferFrom([owner, freshAddress("unit-recipient", i), unitId], { account: owner }),
      ),
    );

    const signer = privateKeyToAccount(keccak256(toHex(`markspace-bench-permit-owner-${i}`)));
    const spender = freshAddress("permit-spender", i);
    const value = 500n * 10n ** 18n;
    const deadline = 2n ** 40n;
    const signature = await signer.signTypedData({
      domain: { name: "Mark", version: "1", chainId, verifyingContract: token.address },
      types: {
        Permit: [
          { name: "owner", type: "address" },
          { name: "spender", type: "address" },
          { name: "value", type: "uint256" },
          { name: "nonce", type: "uint256" },
          { name: "deadline", type: "uint256" },
        ],
      },
      primaryType: "Permit",
      message: { owner: signer.address, spender, value, nonce: 0n, deadline },
    });
    const { v, r, s } = parseSignature(signature);
    if (v === undefined) throw new Error("bench-gas: permit signature has no v");
    record(
      "MarkToken.permit (first permit, sent by a relayer)",
      await gasOf(
        await token.write.permit([signer.address, spender, value, deadline, Number(v), r, s], { account: relayer }),
      ),
    );
  }

  const baseline = await readBaseline();
  const rows = Object.entries(samples).map(([metric, values]) => {
    const row: GasBenchRow = { metric, value: median(values), unit: "gas" };
    if (baseline[metric] !== undefined) row.baseline = baseline[metric];
    return row;
  });
  await conn.close();
  return rows;
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  const rows = await runGasBench();
  for (const row of rows) console.log(`${row.metric.padEnd(56)} ${String(row.value).padStart(8)} gas`);
  if (process.argv.includes("--write-baseline")) {
    const snapshot = Object.fromEntries((await runCoreGasBench()).map((row) => [row.metric, row.value]));
    await writeFile(baselinePath, JSON.stringify(snapshot, null, 2) + "\n");
    console.log(`bench-gas: wrote ${baselinePath}`);
  }
  process.exit(0);
}
