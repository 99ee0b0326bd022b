/**
 * The city pages' subgraph reads against the real thing: contracts deployed by the deploy script
 * on an in-process chain, a Commercial unit bought with a permit and a Community floor bought
 * whole, the real mappings indexing them in the embedded host, and the app's own fetch functions
 * (`app/src/subgraph/cityClient.ts`) checked for what each page draws.
 */
import hre from "hardhat";
import { getAddress, parseEther, type Address, type Hex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { floorSaleAbi, markTokenAbi, unitRegistryAbi, unitSaleAbi } from "@markspace/contracts/abis";
import { NO_PERMIT } from "@markspace/contracts/permit";
import { encodeUnitId, floorIdOf } from "@markspace/contracts/unit-address";
import type { SubgraphHost } from "../subgraph/host/src/index.ts";
import { lendSaleMrk } from "../scripts/lib/dev-mrk.ts";
import { startDeployedStack, type DeployedStack } from "./lib/deployed-stack.ts";
import { parseCitySegments, type CityPlace } from "../app/src/city/citySegments.ts";
import { floorCells } from "../app/src/city/occupancy.ts";
import { parseUnitReference } from "../app/src/city/unitReference.ts";
import {
  fetchBuildingFloors,
  fetchCity,
  fetchDistrictMap,
  fetchFloorPlan,
  fetchNeighbourhoodMap,
  fetchUnitDetail,
  fetchUnitIdByName,
  fetchUnitVisitors,
} from "../app/src/subgraph/cityClient.ts";

const connection = await hre.network.connect();
const publicClient = await connection.viem.getPublicClient();
const wallets = await connection.viem.getWalletClients();
const aliceWallet = wallets[1]!;
const bobWallet = wallets[2]!;
const alice = aliceWallet.account.address;
const bob = bobWallet.account.address;

let stack: DeployedStack;
let host: SubgraphHost;
let token: Address;
let unitSale: Address;
let floorSale: Address;

// The e2e walk: a free Commercial unit in the Business district, and a whole Community floor.
const SHOP_ADDRESS = "B-0042-07-12-003";
const SHOP_PLACE = parseCitySegments(["business", "n0042", "b07", "f12"]) as Required<CityPlace>;
const SHOP = encodeUnitId({ district: 2, neighbourhood: 42, building: 7, floor: 12, unit: 3 });
const FLOOR_PLACE = parseCitySegments(["community", "n0009", "b00", "f05"]) as Required<CityPlace>;
const FLOOR = floorIdOf(encodeUnitId({ district: 3, neighbourhood: 9, building: 0, floor: 5, unit: 0 }));

const send = async (hash: Promise<Hex>) => (await stack.mined(hash)).block;
const permitFor = (wallet: typeof aliceWallet, spender: Address, value: bigint) =>
  stack.signPermit(wallet, spender, value);

beforeAll(async () => {
  stack = await startDeployedStack(connection, "city", (deployment) =>
    lendSaleMrk(connection.provider, deployment, [alice, bob], parseEther("100000")),
  );
  host = stack.host;
  token = stack.address("MarkToken");
  unitSale = stack.address("UnitSale");
  floorSale = stack.address("FloorSale");
});

afterAll(() => stack?.stop());

describe("the city pages' reads", () => {
  it("shows the seed's four districts and empty maps before anything is bought", async () => {
    await host.waitForBlock(Number(await publicClient.getBlockNumber()), 30_000);
    const city = await fetchCity({ url: host.url });
    expect(city.districts.map((d) => [d.number, d.unitType, d.neighbourhoods, d.ownedUnits])).toEqual([
      [1, "Residential", 1296, "0"],
      [2, "Commercial", 1296, "0"],
      [3, "Community", 1296, "0"],
      [4, "Commercial", 1296, "0"],
    ]);
    const floor = await fetchFloorPlan({ url: host.url, place: SHOP_PLACE });
    expect(floor.district?.unitType).toBe("Commercial");
    expect(floor.floor).toBeNull();
    expect(floor.units).toEqual([]);
    const unit = await fetchUnitDetail({ url: host.url, tokenId: SHOP, district: 2 });
    expect(unit.unit).toBeNull();
    expect(unit.district?.neighbourhoods).toBe(1296);
  });

  it("after a unit buy with a permit, every level from the district to the unit counts it", async () => {
    const [price, storage] = await publicClient.readContract({
      address: unitSale,
      abi: unitSaleAbi,
      functionName: "quote",
      args: [SHOP, 1, 365],
    });
    const total = price + storage;
    const permit = await permitFor(aliceWallet, unitSale, total);
    const block = await send(
      aliceWallet.writeContract({
        address: unitSale,
        abi: unitSaleAbi,
        functionName: "buy",
        args: [SHOP, 1, 365, total, permit],
      }),
    );
    await host.waitForBlock(block, 30_000);

    const district = await fetchDistrictMap({ url: host.url, place: { district: 2 } });
    expect(district.district?.ownedUnits).toBe("1");
    expect(district.neighbourhoods).toHaveLength(1296);
    expect(district.neighbourhoods[42]).toBe(1);
    expect(district.neighbourhoods.reduce((a, b) => a + b, 0)).toBe(1);

    const neighbourhood = await fetchNeighbourhoodMap({ url: host.url, place: { district: 2, neighbourhood: 42 } });
    expect(neighbourhood.ownedUnits).toBe(1);
    expect(neighbourhood.buildings[7]).toBe(1);

    const building = await fetchBuildingFloors({
      url: host.url,
      place: { district: 2, neighbourhood: 42, building: 7 },
    });
    expect(building.ownedUnits).toBe(1);
    expect(building.floors).toHaveLength(36);
    expect(building.floors[12]).toMatchObject({ ownedUnits: 1, hasSingles: true, rangeOwner: null });
    expect(building.floors[11]).toBeUndefined();

    const plan = await fetchFloorPlan({ url: host.url, place: SHOP_PLACE });
    expect(plan.units).toEqual([
      expect.objectContaining({ unit: 3, owner: alice.toLowerCase(), privacy: "Public", name: null }),
    ]);
    const now = (await publicClient.getBlock()).timestamp;
    const cells = floorCells(
      plan.units.map((u) => ({ ...u, storagePaidUntil: BigInt(u.storagePaidUntil) })),
      { account: alice, now },
    );
    expect(cells[3]).toMatchObject({ state: "yours", lapsed: false });
    expect(cells.filter((c) => c.state === "free")).toHaveLength(624);

    const reference = parseUnitReference(SHOP_ADDRESS);
    expect(reference).toMatchObject({ kind: "address", tokenId: SHOP });
    const detail = await fetchUnitDetail({ url: host.url, tokenId: SHOP, district: 2 });
    expect(detail.unit).toMatchObject({
      address: SHOP_ADDRESS,
      unitType: "Commercial",
      owner: getAddress(alice),
      rooms: 1,
      privacy: "Public",
      inRange: false,
      name: null,
    });
    expect(detail.unit!.storagePaidUntil).toBeGreaterThan(now);
    // Names are indexed by the names contract's mapping; until a unit has one the lookup finds nothing.
    expect(await fetchUnitIdByName({ url: host.url, name: "alice-shop" })).toBeNull();
  });

  it("lists the visitors the current owner invited, and forgets removed ones", async () => {
    const registry = stack.address("UnitRegistry");
    const invite = (visitor: Address, allowed: boolean) =>
      send(
        aliceWallet.writeContract({
          address: registry,
          abi: unitRegistryAbi,
          functionName: "setVisitor",
          args: [SHOP, visitor, allowed],
        }),
      );
    await invite(bob, true);
    await invite(getAddress("0x00000000000000000000000000000000000000c4"), true);
    const block = await invite(getAddress("0x00000000000000000000000000000000000000c4"), false);
    await host.waitForBlock(block, 30_000);
    expect(await fetchUnitVisitors({ url: host.url, tokenId: SHOP, owner: alice })).toEqual([bob.toLowerCase()]);
    // Invitations of another owner do not count.
    expect(await fetchUnitVisitors({ url: host.url, tokenId: SHOP, owner: bob })).toEqual([]);
  });

  it("after a floor buy, the plan shows all 625 units as the buyer's", async () => {
    const [price, storage] = await publicClient.readContract({
      address: floorSale,
      abi: floorSaleAbi,
      functionName: "quoteFloor",
      args: [FLOOR, 30],
    });
    const total = price + storage;
    await send(
      bobWallet.writeContract({ address: token, abi: markTokenAbi, functionName: "approve", args: [floorSale, total] }),
    );
    const block = await send(
      bobWallet.writeContract({
        address: floorSale,
        abi: floorSaleAbi,
        functionName: "buyFloor",
        args: [FLOOR, 30, total, NO_PERMIT],
      }),
    );
    await host.waitForBlock(block, 60_000);

    const plan = await fetchFloorPlan({ url: host.url, place: FLOOR_PLACE });
    expect(plan.floor).toMatchObject({
      floorId: FLOOR.toString(),
      ownedUnits: 625,
      rangeOwner: bob.toLowerCase(),
      hasSingles: false,
    });
    expect(plan.units).toHaveLength(625);
    const now = (await publicClient.getBlock()).timestamp;
    const cells = floorCells(
      plan.units.map((u) => ({ ...u, storagePaidUntil: BigInt(u.storagePaidUntil) })),
      { account: bob, now },
    );
    expect(cells.every((c) => c.state === "yours" && !c.lapsed)).toBe(true);

    const building = await fetchBuildingFloors({
      url: host.url,
      place: { district: 3, neighbourhood: 9, building: 0 },
    });
    expect(building.floors[5]).toMatchObject({ ownedUnits: 625, rangeOwner: bob.toLowerCase() });
    const district = await fetchDistrictMap({ url: host.url, place: { district: 3 } });
    expect(district.neighbourhoods[9]).toBe(625);
    const city = await fetchCity({ url: host.url });
    expect(city.districts.find((d) => d.number === 3)?.ownedUnits).toBe("625");

    const unit = await fetchUnitDetail({ url: host.url, tokenId: FLOOR + 17n, district: 3 });
    expect(unit.unit).toMatchObject({
      address: "C-0009-00-05-017",
      owner: getAddress(bob),
      inRange: true,
      unitType: "Community",
    });
  });
});
