/**
 * Gas of the land's transactions, measured on an in-process Hardhat/EDR chain as total
 * transaction gas (`receipt.gasUsed`: the 21,000 base and calldata included), beside
 * OpenZeppelin's plain ERC-721 (`PlainUnits` in contracts/test/bench/PlainOpenZeppelin.sol)
 * measured in the same run where one compares. The land contracts are deployed by the real
 * deploy script, so prices and offices are the deployed ones. Each figure is the median over
 * five runs, each by its own account on its own units and floors.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import hre from "hardhat";
import { custom, getAddress, parseEther, type Abi, type Address, type Hash } from "viem";
import { floorSaleAbi, unitNamesAbi, unitRegistryAbi, unitSaleAbi } from "../contracts/generated/abis.ts";
import { signMrkPermit } from "../contracts/token/permit.ts";
import { encodeUnitId, floorIdOf, type UnitAddressParts } from "../contracts/unit-address.ts";
import { deploy } from "./deploy.ts";
import type { GasBenchRow } from "./bench-gas.ts";
import { lendSaleMrk } from "./lib/dev-mrk.ts";
import { freshAddress, median } from "./lib/gas.ts";

const RUNS = 5;
const UNITS_PER_FLOOR = 625n;
const UNITS_PER_BUILDING = 625n * 36n;
/** sha2-256 of a scene manifest (raw codec): what `setContent` stores. */
const SCENE_DIGEST = "0x2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae";

export async function runLandGasBench(): Promise<GasBenchRow[]> {
  await hre.tasks.getTask("build").run({ quiet: true });
  const conn = await hre.network.connect();
  const { viem } = conn;
  const publicClient = await viem.getPublicClient();
  const wallets = await viem.getWalletClients();
  if (wallets.length < 2 * RUNS + 2) throw new Error(`bench-gas-land: the chain needs ${2 * RUNS + 2} funded accounts`);
  const outDir = await mkdtemp(join(tmpdir(), "markspace-bench-land-"));
  try {
    const { deployment } = await deploy({ transport: custom(conn.provider), outDir, log: () => {} });
    const at = (name: keyof typeof deployment.contracts) => getAddress(deployment.contracts[name]!.address);
    const registry = at("UnitRegistry");
    const unitSale = at("UnitSale");
    const floorSale = at("FloorSale");
    const token = at("MarkToken");
    const names = at("UnitNames");
    const plain = await viem.deployContract("PlainUnits");
    const users = wallets.slice(1, RUNS + 1);
    /** Already holds units: buys next to each user's home and receives the transfers. */
    const neighbour = wallets[RUNS + 1]!;
    /** Buy one unit (no free claim) and send it on: their balance falls to zero, as in OpenZeppelin's figure. */
    const sellers = wallets.slice(RUNS + 2, 2 * RUNS + 2);
    await lendSaleMrk(
      conn.provider,
      deployment,
      [...users, neighbour, ...sellers].map((user) => user.account.address),
      parseEther("50000000"),
    );

    const samples: Record<string, bigint[]> = {};
    const baselines: Record<string, bigint[]> = {};
    const record = (metric: string, gas: bigint, baseline?: bigint) => {
      (samples[metric] ??= []).push(gas);
      if (baseline !== undefined) (baselines[metric] ??= []).push(baseline);
    };

    async function gasOf(hash: Hash): Promise<bigint> {
      const receipt = await publicClient.waitForTransactionReceipt({ hash });
      if (receipt.status !== "success") throw new Error(`bench-gas-land: transaction ${hash} reverted`);
      return receipt.gasUsed;
    }
    async function send(
      user: (typeof wallets)[0],
      address: Address,
      abi: Abi,
      functionName: string,
      args: readonly unknown[],
    ) {
      return gasOf(await user.writeContract({ address, abi, functionName, args, chain: null }));
    }
    const permitFor = (user: (typeof wallets)[0], spender: Address, value: bigint) =>
      signMrkPermit({ publicClient, wallet: user, token, spender, value });

    for (const [i, user] of users.entries()) {
      const me = user.account.address;
      const unit = (parts: Omit<UnitAddressParts, "neighbourhood">) =>
        encodeUnitId({ ...parts, neighbourhood: 100 + i });

      // The free claim, next to a unit the neighbour bought (Residential floors keep no record, so
      // the first unit of a floor costs the same).
      const home = unit({ district: 1, building: 1, floor: 3, unit: 7 });
      const nextDoor = unit({ district: 1, building: 1, floor: 3, unit: 8 });
      const [nextDoorPrice, nextDoorStorage] = await publicClient.readContract({
        address: unitSale,
        abi: unitSaleAbi,
        functionName: "quote",
        args: [nextDoor, 0, 0],
      });
      await send(neighbour, unitSale, unitSaleAbi, "buy", [
        nextDoor,
        0,
        0,
        nextDoorPrice + nextDoorStorage,
        await permitFor(neighbour, unitSale, nextDoorPrice + nextDoorStorage),
      ]);
      record(
        "land: free claim (UnitRegistry.claim)",
        await send(user, registry, unitRegistryAbi as Abi, "claim", [home]),
        await send(user, plain.address, plain.abi as Abi, "mint", [
          freshAddress("land", "plain-mint", i),
          BigInt(i) + 1n,
        ]),
      );

      // Paid purchase of a Commercial unit with a permit in the same transaction.
      const shop = unit({ district: 2, building: 2, floor: 4, unit: 10 });
      const [price, storage] = await publicClient.readContract({
        address: unitSale,
        abi: unitSaleAbi,
        functionName: "quote",
        args: [shop, 0, 365],
      });
      record(
        "land: buy a Commercial unit with permit (UnitSale.buy, 365 days storage)",
        await send(user, unitSale, unitSaleAbi, "buy", [
          shop,
          0,
          365,
          price + storage,
          await permitFor(user, unitSale, price + storage),
        ]),
      );

      // A whole floor and a whole building, paid with a permit.
      const floor = floorIdOf(unit({ district: 3, building: 3, floor: 5, unit: 0 }));
      const [floorPrice, floorStorage] = await publicClient.readContract({
        address: floorSale,
        abi: floorSaleAbi,
        functionName: "quoteFloor",
        args: [floor, 365],
      });
      const floorGas = await send(user, floorSale, floorSaleAbi, "buyFloor", [
        floor,
        365,
        floorPrice + floorStorage,
        await permitFor(user, floorSale, floorPrice + floorStorage),
      ]);
      record("land: buy a floor, 625 units (FloorSale.buyFloor with permit)", floorGas);
      record("land: buy a floor, per unit", floorGas / UNITS_PER_FLOOR);
      const building = unit({ district: 3, building: 4, floor: 0, unit: 0 });
      const [buildingPrice, buildingStorage] = await publicClient.readContract({
        address: floorSale,
        abi: floorSaleAbi,
        functionName: "quoteBuilding",
        args: [building, 365],
      });
      const buildingGas = await send(user, floorSale, floorSaleAbi, "buyBuilding", [
        building,
        365,
        buildingPrice + buildingStorage,
        await permitFor(user, floorSale, buildingPrice + buildingStorage),
      ]);
      record("land: buy a building, 22,500 units (FloorSale.buyBuilding with permit)", buildingGas);
      record("land: buy a building, per unit", buildingGas / UNITS_PER_BUILDING);

      // Transfers: a unit's first move out of the floor's range, and a plain unit transfer, both
      // to an account that already holds a unit (the neighbour), against OpenZeppelin's.
      const holder = neighbour.account.address;
      record(
        "land: transfer a unit out of a floor bought whole (to a holder)",
        await send(user, registry, unitRegistryAbi, "transferFrom", [me, holder, floor + 42n]),
      );
      await send(user, plain.address, plain.abi as Abi, "mint", [me, 1_000n + BigInt(i)]);
      // The sender keeps a unit, as in the registry run: no refund for a balance falling to zero.
      await send(user, plain.address, plain.abi as Abi, "mint", [me, 3_000n + BigInt(i)]);
      await send(user, plain.address, plain.abi as Abi, "mint", [holder, 2_000n + BigInt(i)]);
      record(
        "land: unit transfer to a holder, sender keeps others (transferFrom)",
        await send(user, registry, unitRegistryAbi, "transferFrom", [me, holder, shop]),
        await send(user, plain.address, plain.abi as Abi, "transferFrom", [me, holder, 1_000n + BigInt(i)]),
      );
      // A seller sends the only unit it has, bought without a free claim: its account slot is
      // cleared, a storage refund as in OpenZeppelin's run. (An account that used its free claim
      // keeps that mark in the slot, so its last transfer costs what "sender keeps others" does.)
      const seller = sellers[i]!;
      const sold = unit({ district: 4, building: 5, floor: 6, unit: 9 });
      const [soldPrice] = await publicClient.readContract({
        address: unitSale,
        abi: unitSaleAbi,
        functionName: "quote",
        args: [sold, 0, 0],
      });
      await send(seller, unitSale, unitSaleAbi, "buy", [
        sold,
        0,
        0,
        soldPrice,
        await permitFor(seller, unitSale, soldPrice),
      ]);
      await send(seller, plain.address, plain.abi as Abi, "mint", [seller.account.address, 4_000n + BigInt(i)]);
      record(
        "land: unit transfer to a holder, sender's only unit (transferFrom)",
        await send(seller, registry, unitRegistryAbi, "transferFrom", [seller.account.address, holder, sold]),
        await send(seller, plain.address, plain.abi as Abi, "transferFrom", [
          seller.account.address,
          holder,
          4_000n + BigInt(i),
        ]),
      );

      // The scene of the user's home (first set), and storage paid for it by the user.
      record(
        "land: set content (UnitRegistry.setContent, first set)",
        await send(user, registry, unitRegistryAbi, "setContent", [home, SCENE_DIGEST, 0x55n]),
      );
      const fee = await publicClient.readContract({
        address: unitSale,
        abi: unitSaleAbi,
        functionName: "storageQuote",
        args: [home, 365],
      });
      record(
        "land: pay a year of storage with permit (UnitSale.payStorage)",
        await send(user, unitSale, unitSaleAbi, "payStorage", [home, 365, fee, await permitFor(user, unitSale, fee)]),
      );

      // A name for the home (ten bytes: one storage slot), then cleared again.
      record(
        "land: set a unit's name (UnitNames.setName, 10-byte name)",
        await send(user, names, unitNamesAbi, "setName", [home, `resident-${i}`]),
      );
      record(
        "land: clear a unit's name (UnitNames.clearName)",
        await send(user, names, unitNamesAbi, "clearName", [home]),
      );
    }

    return Object.entries(samples).map(([metric, values]) => {
      const row: GasBenchRow = { metric, value: median(values), unit: "gas" };
      if (baselines[metric]) row.baseline = median(baselines[metric]);
      return row;
    });
  } finally {
    await conn.close();
    await rm(outDir, { recursive: true, force: true });
  }
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  for (const row of await runLandGasBench()) {
    console.log(
      `${row.metric.padEnd(76)} ${String(row.value).padStart(9)} gas${row.baseline ? `  (OpenZeppelin ${row.baseline})` : ""}`,
    );
  }
  process.exit(0);
}
