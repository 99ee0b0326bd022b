/**
 * Random buys and transfers, chain against subgraph: free claims, single buys, whole floors
 * and single transfers (many of them out of a floor's range) in a seeded random order, with a
 * model of who owns what kept alongside. At the end the registry's `ownerOf` and `balanceOf`,
 * the model and the subgraph's units, accounts and floors must all tell the same story — the
 * lazily owned ranges are where they could drift apart.
 */
import hre from "hardhat";
import { maxUint256, parseEther, type Address, type Hex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { floorSaleAbi, markTokenAbi, unitRegistryAbi, unitSaleAbi } from "@markspace/contracts/abis";
import { NO_PERMIT } from "@markspace/contracts/permit";
import { encodeUnitId, floorIdOf } from "@markspace/contracts/unit-address";
import { lendSaleMrk } from "../scripts/lib/dev-mrk.ts";
import { startDeployedStack, type DeployedStack } from "./lib/deployed-stack.ts";

const STEPS = 250;
const SEED = 0x5eed_1a7d;
const UNITS_PER_FLOOR = 625;

const connection = await hre.network.connect();
const actors = (await connection.viem.getWalletClients()).slice(1, 5);
const actorAddresses = actors.map((wallet) => wallet.account.address);

let stack: DeployedStack;

/** mulberry32: a small seeded generator, so a failure replays exactly. */
function seededRandom(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

beforeAll(async () => {
  stack = await startDeployedStack(connection, "land-model", async (deployment) => {
    await lendSaleMrk(connection.provider, deployment, actorAddresses, parseEther("200000"));
  });
  const token = stack.address("MarkToken");
  for (const wallet of actors) {
    for (const spender of [stack.address("UnitSale"), stack.address("FloorSale")]) {
      await stack.mined(
        wallet.writeContract({
          address: token,
          abi: markTokenAbi,
          functionName: "approve",
          args: [spender, maxUint256],
        }),
      );
    }
  }
}, 240_000);

afterAll(() => stack?.stop());

/** Who owns what, by the model: unit id → actor index. */
const owners = new Map<bigint, number>();
/** Floors bought whole, and floors where a unit was minted on its own. */
const rangeFloors = new Set<bigint>();
const singleFloors = new Set<bigint>();
const claimedFree = new Set<number>();
const counts = { claims: 0, buys: 0, floors: 0, transfers: 0, rangeTransfers: 0 };

describe("random buys and transfers", () => {
  it(`keeps ownerOf, balanceOf and the subgraph consistent over ${STEPS} random steps`, async () => {
    const { publicClient, query } = stack;
    const minedBlock = async (hash: Promise<Hex>) => (await stack.mined(hash)).block;
    const [registry, unitSale, floorSale] = (["UnitRegistry", "UnitSale", "FloorSale"] as const).map((name) =>
      stack.address(name),
    ) as [Address, Address, Address];
    const random = seededRandom(SEED);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    // A small corner of the city, so buys collide with floors and floors with buys.
    const unitIn = (district: number, floor: number) =>
      encodeUnitId({ district, neighbourhood: 0, building: 0, floor, unit: Math.floor(random() * UNITS_PER_FLOOR) });
    let lastBlock = 0;

    for (let step = 0; step < STEPS; step++) {
      const actor = Math.floor(random() * actors.length);
      const wallet = actors[actor]!;
      const roll = random();
      if (roll < 0.15) {
        // The free claim: once per account, Residential only (Residential floors are never sold whole).
        const unitId = unitIn(1, Math.floor(random() * 2));
        if (claimedFree.has(actor) || owners.has(unitId)) continue;
        lastBlock = await minedBlock(
          wallet.writeContract({ address: registry, abi: unitRegistryAbi, functionName: "claim", args: [unitId] }),
        );
        claimedFree.add(actor);
        singleFloors.add(floorIdOf(unitId));
        owners.set(unitId, actor);
        counts.claims++;
      } else if (roll < 0.35) {
        // A single paid unit, Commercial or Community (the latter on floors that may be sold whole).
        const unitId = unitIn(random() < 0.5 ? 2 : 3, Math.floor(random() * 3));
        if (owners.has(unitId) || rangeFloors.has(floorIdOf(unitId))) continue;
        lastBlock = await minedBlock(
          wallet.writeContract({
            address: unitSale,
            abi: unitSaleAbi,
            functionName: "buy",
            args: [unitId, 0, 30, maxUint256, NO_PERMIT],
          }),
        );
        singleFloors.add(floorIdOf(unitId));
        owners.set(unitId, actor);
        counts.buys++;
      } else if (roll < 0.45) {
        // A whole Community floor (floors 0–5; single buys reach 0–2), only while nobody owns a unit on it.
        const floorId = floorIdOf(unitIn(3, Math.floor(random() * 6)));
        if (rangeFloors.has(floorId) || singleFloors.has(floorId)) continue;
        lastBlock = await minedBlock(
          wallet.writeContract({
            address: floorSale,
            abi: floorSaleAbi,
            functionName: "buyFloor",
            args: [floorId, 30, maxUint256, NO_PERMIT],
          }),
        );
        rangeFloors.add(floorId);
        for (let unit = 0n; unit < BigInt(UNITS_PER_FLOOR); unit++) owners.set(floorId + unit, actor);
        counts.floors++;
      } else {
        // A transfer of one unit the actor owns, to another actor (often out of a range).
        const mine = [...owners].filter(([, owner]) => owner === actor).map(([unitId]) => unitId);
        if (mine.length === 0) continue;
        const unitId = pick(mine);
        const to = (actor + 1 + Math.floor(random() * (actors.length - 1))) % actors.length;
        lastBlock = await minedBlock(
          wallet.writeContract({
            address: registry,
            abi: unitRegistryAbi,
            functionName: "transferFrom",
            args: [wallet.account.address, actorAddresses[to]!, unitId],
          }),
        );
        if (rangeFloors.has(floorIdOf(unitId))) counts.rangeTransfers++;
        owners.set(unitId, to);
        counts.transfers++;
      }
    }
    // The seed must exercise every kind of step, transfers out of ranges included.
    expect(counts.claims).toBeGreaterThan(0);
    expect(counts.buys).toBeGreaterThan(0);
    expect(counts.floors).toBeGreaterThan(0);
    expect(counts.rangeTransfers).toBeGreaterThan(0);
    await stack.host.waitForBlock(lastBlock, 60_000);

    // Balances: the registry, the model and the subgraph.
    const accountData = await query<{ accounts: { id: string; unitCount: number }[] }>(
      `
        query ($ids: [Bytes!]) {
          accounts(where: { id_in: $ids }) {
            id
            unitCount
          }
        }
      `,
      { ids: actorAddresses.map((address) => address.toLowerCase()) },
    );
    const indexedCounts = new Map(accountData.accounts.map((row) => [row.id, row.unitCount]));
    for (const [index, address] of actorAddresses.entries()) {
      const modelled = [...owners.values()].filter((owner) => owner === index).length;
      const onChain = await publicClient.readContract({
        address: registry,
        abi: unitRegistryAbi,
        functionName: "balanceOf",
        args: [address],
      });
      expect(Number(onChain), `balanceOf(${address})`).toBe(modelled);
      expect(indexedCounts.get(address.toLowerCase()) ?? 0, `unitCount of ${address}`).toBe(modelled);
    }

    // Owners of every unit the model knows, a page of 1,000 ids at a time.
    const ids = [...owners.keys()];
    const indexedOwners = new Map<string, string>();
    for (let start = 0; start < ids.length; start += 1_000) {
      const page = ids.slice(start, start + 1_000).map(String);
      const data = await query<{ units: { id: string; owner: string }[] }>(
        `
          query ($ids: [ID!]) {
            units(first: 1000, where: { id_in: $ids }) {
              id
              owner
            }
          }
        `,
        { ids: page },
      );
      for (const row of data.units) indexedOwners.set(row.id, row.owner);
    }
    for (const [unitId, owner] of owners) {
      expect(indexedOwners.get(unitId.toString()), `subgraph owner of ${unitId}`).toBe(
        actorAddresses[owner]!.toLowerCase(),
      );
    }
    // ownerOf for every unit that ever moved or was minted alone, and a sample of the ranges.
    const sample = ids.filter((unitId) => !rangeFloors.has(floorIdOf(unitId)) || random() < 0.05);
    for (const unitId of sample) {
      const onChain = await publicClient.readContract({
        address: registry,
        abi: unitRegistryAbi,
        functionName: "ownerOf",
        args: [unitId],
      });
      expect(onChain.toLowerCase(), `ownerOf(${unitId})`).toBe(actorAddresses[owners.get(unitId)!]!.toLowerCase());
    }

    // Each floor's count of owned units.
    const floors = new Map<string, number>();
    for (const unitId of ids) {
      const floorId = floorIdOf(unitId).toString();
      floors.set(floorId, (floors.get(floorId) ?? 0) + 1);
    }
    const floorData = await query<{ floors: { floorId: string; ownedUnits: number }[] }>(
      `
        query ($ids: [BigInt!]) {
          floors(first: 100, where: { floorId_in: $ids }) {
            floorId
            ownedUnits
          }
        }
      `,
      { ids: [...floors.keys()] },
    );
    expect(new Map(floorData.floors.map((row) => [row.floorId, row.ownedUnits]))).toEqual(floors);
  }, 300_000);
});
