/**
 * Gas figures of the contracts' everyday transactions, measured on an in-process Hardhat/EDR
 * chain: total transaction gas (`receipt.gasUsed`, so including the 21,000 base and calldata).
 * Each figure is the median of several runs, every run by a fresh account on a fresh unit, so a
 * warm slot or a lucky calldata byte pattern cannot skew it. `npm run bench` calls
 * `runGasBench()`; run this file directly to print the rows, or with `--write-baseline` to
 * record them in `contracts/test/gas-baseline.json`, which later runs report as `baseline`.
 * The land's rows come from `bench-gas-land.ts` and the MRK economy's from `bench-gas-economy.ts`,
 * whose baseline is OpenZeppelin's plain contract measured in the same run (the snapshot does not
 * apply to them); the exchange's from `bench-gas-exchange.ts`, whose baseline is Seaport 1.6
 * measured in the same run; the render staking's from `bench-gas-render.ts` and the rentals' from
 * `bench-gas-rentals.ts`, which have none; the community DAOs' from `bench-gas-community.ts`,
 * whose creation row carries a full deployment as baseline.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import hre from "hardhat";
import { keccak256, parseSignature, toHex, type Hash } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { buildGenesisAllocations } from "../contracts/token/genesis-allocation.ts";
import { mrkPermitTypedData } from "../contracts/token/permit.ts";
import { freshAddress, median } from "./lib/gas.ts";
import { repoRoot } from "./lib/paths.ts";

export type GasBenchRow = { metric: string; value: number; unit: "gas"; baseline?: number };

/** Runs per figure; the median is reported. */
const RUNS = 5;
const baselinePath = join(repoRoot, "contracts", "test", "gas-baseline.json");

async function readBaseline(): Promise<Record<string, number>> {
  try {
    return JSON.parse(await readFile(baselinePath, "utf8")) as Record<string, number>;
  } catch {
    return {};
  }
}

/** Every gas row of `npm run bench`: the token's, the land's, the exchange's, the rentals', the render staking's, the MRK economy's, then the community DAOs'. */
export async function runGasBench(): Promise<GasBenchRow[]> {
  const core = await runCoreGasBench();
  // The land's and the economy's rows carry OpenZeppelin's plain contracts, measured in the same run, as baseline.
  const { runLandGasBench } = await import("./bench-gas-land.ts");
  const { runExchangeGasBench } = await import("./bench-gas-exchange.ts");
  const { runRentalsGasBench } = await import("./bench-gas-rentals.ts");
  const { runRenderGasBench } = await import("./bench-gas-render.ts");
  const { runEconomyGasBench } = await import("./bench-gas-economy.ts");
  const { runCommunityGasBench } = await import("./bench-gas-community.ts");
  return [
    ...core,
    ...(await runLandGasBench()),
    ...(await runExchangeGasBench()),
    ...(await runRentalsGasBench()),
    ...(await runRenderGasBench()),
    ...(await runEconomyGasBench()),
    ...(await runCommunityGasBench()),
  ];
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
  const chainId = await publicClient.getChainId();

  async function gasOf(hash: Hash): Promise<bigint> {
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`bench-gas: transaction ${hash} reverted`);
    return receipt.gasUsed;
  }

  const samples: Record<string, bigint[]> = {};
  const record = (metric: string, gas: bigint) => (samples[metric] ??= []).push(gas);

  for (const i of claimers.keys()) {
    const signer = privateKeyToAccount(keccak256(toHex(`markspace-bench-permit-owner-${i}`)));
    const spender = freshAddress("core", "permit-spender", i);
    const value = 500n * 10n ** 18n;
    const deadline = 2n ** 40n;
    const signature = await signer.signTypedData(
      mrkPermitTypedData({ token: token.address, chainId, owner: signer.address, spender, value, nonce: 0n, deadline }),
    );
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
