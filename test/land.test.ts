/**
 * The land end to end: the contracts deployed by the real deploy script on an in-process chain,
 * transactions (free claim, paid buys with permit, a whole floor, transfers out of the range,
 * scenes, decorators, privacy, rooms, storage, governance opening a district, names) → events →
 * the real mappings → entities → GraphQL answers, checked against the chain's own views.
 */
import hre from "hardhat";
import { getAddress, parseEther, type Address, type Hex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { floorSaleAbi, markTokenAbi, unitNamesAbi, unitRegistryAbi, unitSaleAbi } from "@markspace/contracts/abis";
import { NO_PERMIT } from "@markspace/contracts/permit";
import { LAND_SETTINGS } from "@markspace/contracts/registry";
import { encodeUnitId, floorIdOf, formatUnitAddress, type UnitAddressParts } from "@markspace/contracts/unit-address";
import { normaliseUnitName, unitNameNode } from "@markspace/contracts/unit-names";
import { sceneContentOf } from "@markspace/ipfs/scene-content";
import type { SubgraphHost } from "../subgraph/host/src/index.ts";
import { lendSaleMrk } from "../scripts/lib/dev-mrk.ts";
import { startDeployedStack, type DeployedStack } from "./lib/deployed-stack.ts";

const connection = await hre.network.connect();
const publicClient = await connection.viem.getPublicClient();
const wallets = await connection.viem.getWalletClients();
const [, aliceWallet, bobWallet, carolWallet] = wallets as [
  unknown,
  (typeof wallets)[0],
  (typeof wallets)[0],
  (typeof wallets)[0],
];
const alice = aliceWallet.account.address;
const bob = bobWallet.account.address;
const carol = carolWallet.account.address;

const DAY = 86_400n;
const YEAR = 365n * DAY;
const SCENE_CID = "bafkreibme22gw2h7y2h7tg2fhqotaqjucnbc24deqo72b6mkl2egezxhvy";

let stack: DeployedStack;
let host: SubgraphHost;
let contracts: Record<
  "registry" | "unitSale" | "floorSale" | "names" | "token" | "treasury" | "renderingFund",
  Address
>;

const lower = (address: string) => address.toLowerCase();
const rpc = (method: string, params: unknown[] = []) => connection.provider.request({ method, params });
const send = (hash: Promise<Hex>) => stack.mined(hash);
const query = <T>(text: string, variables?: Record<string, unknown>) => stack.query<T>(text, variables);
const signPermit = (wallet: (typeof wallets)[0], spender: Address, value: bigint) =>
  stack.signPermit(wallet, spender, value);

/** Runs `body` as the contract or account at `address` (impersonated, with ETH for gas). */
async function as<T>(
  address: Address,
  body: (wallet: Awaited<ReturnType<typeof connection.viem.getWalletClient>>) => Promise<T>,
) {
  await rpc("hardhat_impersonateAccount", [address]);
  await rpc("hardhat_setBalance", [address, "0x56BC75E2D63100000"]);
  try {
    return await body(await connection.viem.getWalletClient(address));
  } finally {
    await rpc("hardhat_stopImpersonatingAccount", [address]);
  }
}

async function mrkBalance(account: Address): Promise<bigint> {
  return publicClient.readContract({
    address: contracts.token,
    abi: markTokenAbi,
    functionName: "balanceOf",
    args: [account],
  });
}

beforeAll(async () => {
  stack = await startDeployedStack(connection, "land", (deployment) =>
    lendSaleMrk(connection.provider, deployment, [alice, bob, carol], parseEther("100000")),
  );
  host = stack.host;
  contracts = {
    registry: stack.address("UnitRegistry"),
    unitSale: stack.address("UnitSale"),
    floorSale: stack.address("FloorSale"),
    names: stack.address("UnitNames"),
    token: stack.address("MarkToken"),
    treasury: stack.address("MarkTreasury"),
    renderingFund: stack.address("RenderingFundLock"),
  };
});

afterAll(() => stack?.stop());

const home: UnitAddressParts = { district: 1, neighbourhood: 42, building: 7, floor: 12, unit: 3 };
const shop: UnitAddressParts = { district: 2, neighbourhood: 1, building: 2, floor: 3, unit: 624 };
const floorUnit: UnitAddressParts = { district: 3, neighbourhood: 9, building: 0, floor: 5, unit: 0 };
const HOME = encodeUnitId(home);
const SHOP = encodeUnitId(shop);
const FLOOR = floorIdOf(encodeUnitId(floorUnit));
const MOVED = FLOOR + 17n;
const KEPT = FLOOR + 300n;

type UnitRow = {
  address: string;
  unitType: string;
  owner: string;
  inRange: boolean;
  rooms: number;
  storagePaidUntil: string;
  contentCid: string | null;
  decorator: string | null;
  privacy: string;
  transferCount: number;
};
const UNIT_FIELDS = "address unitType owner inRange rooms storagePaidUntil contentCid decorator privacy transferCount";

describe("buying land", () => {
  it("indexes a free claim with a year of storage and the district's counts", async () => {
    const claimed = await send(
      aliceWallet.writeContract({
        address: contracts.registry,
        abi: unitRegistryAbi,
        functionName: "claim",
        args: [HOME],
      }),
    );
    await host.waitForBlock(claimed.block, 30_000);
    const data = await query<{
      unit: UnitRow;
      account: { hasClaimedFree: boolean; unitCount: number };
      district: { ownedUnits: string };
      floor: { hasSingles: boolean; ownedUnits: number };
      freeClaims: { left: string; claimed: string };
      unitClaims: Array<{ unit: { id: string }; owner: string }>;
    }>(
      `query ($id: ID!, $account: ID!, $registry: ID!) {
        unit(id: $id) { ${UNIT_FIELDS} }
        account(id: $account) { hasClaimedFree unitCount }
        freeClaims(id: $registry) { left claimed }
        unitClaims { unit { id } owner }
        district(id: "1") { ownedUnits }
        floor(id: "1-42-7-12") { hasSingles ownedUnits }
      }`,
      { id: HOME.toString(), account: lower(alice), registry: lower(contracts.registry) },
    );
    expect(data.freeClaims).toEqual({ left: (LAND_SETTINGS.freeClaimCap - 1n).toString(), claimed: "1" });
    expect(data.unitClaims).toEqual([{ unit: { id: HOME.toString() }, owner: lower(alice) }]);
    expect(data.unit).toMatchObject({
      address: "R-0042-07-12-003",
      unitType: "Residential",
      owner: lower(alice),
      inRange: false,
      storagePaidUntil: (claimed.timestamp + YEAR).toString(),
      contentCid: null,
    });
    expect(data.account).toEqual({ hasClaimedFree: true, unitCount: 1 });
    expect(data.district.ownedUnits).toBe("1");
    expect(data.floor).toEqual({ hasSingles: true, ownedUnits: 1 });
  });

  it("sells a Commercial unit with rooms and storage for a permit, split between treasury and rendering fund", async () => {
    const [price, storage] = await publicClient.readContract({
      address: contracts.unitSale,
      abi: unitSaleAbi,
      functionName: "quote",
      args: [SHOP, 2, 30],
    });
    // 1,000 MRK + 2 rooms × 500; storage 1.2 % a year of that for 30 days, rounded up.
    expect(price).toBe(parseEther("2000"));
    expect(storage).toBe((parseEther("2000") * 120n * 30n + 10_000n * 365n - 1n) / (10_000n * 365n));
    const total = price + storage;
    const [treasuryBefore, fundBefore] = [
      await mrkBalance(contracts.treasury),
      await mrkBalance(contracts.renderingFund),
    ];
    const permit = await signPermit(aliceWallet, contracts.unitSale, total);
    const bought = await send(
      aliceWallet.writeContract({
        address: contracts.unitSale,
        abi: unitSaleAbi,
        functionName: "buy",
        args: [SHOP, 2, 30, total, permit],
      }),
    );
    expect(
      (await mrkBalance(contracts.treasury)) -
        treasuryBefore +
        (await mrkBalance(contracts.renderingFund)) -
        fundBefore,
    ).toBe(total);
    expect((await mrkBalance(contracts.renderingFund)) - fundBefore).toBe(total / 2n);

    await host.waitForBlock(bought.block, 30_000);
    const data = await query<{
      unit: UnitRow;
      landPayments: Array<{
        kind: string;
        unitId: string;
        amount: string;
        toTreasury: string;
        toRenderingFund: string;
        payer: { id: string };
      }>;
    }>(
      `query ($id: ID!) {
        unit(id: $id) { ${UNIT_FIELDS} }
        landPayments(orderBy: blockNumber) { kind unitId amount toTreasury toRenderingFund payer { id } }
      }`,
      { id: SHOP.toString() },
    );
    expect(data.unit).toMatchObject({
      address: "B-0001-02-03-624",
      unitType: "Commercial",
      owner: lower(alice),
      rooms: 2,
      storagePaidUntil: (bought.timestamp + 30n * DAY).toString(),
    });
    expect(data.landPayments).toEqual([
      {
        kind: "Unit",
        unitId: SHOP.toString(),
        amount: total.toString(),
        toTreasury: (total - total / 2n).toString(),
        toRenderingFund: (total / 2n).toString(),
        payer: { id: lower(alice) },
      },
    ]);
  });

  it("sells a whole Community floor as one range: 625 units owned by the buyer", async () => {
    const [price, storage] = await publicClient.readContract({
      address: contracts.floorSale,
      abi: floorSaleAbi,
      functionName: "quoteFloor",
      args: [FLOOR, 365],
    });
    expect(price).toBe(parseEther("6250"));
    await send(
      bobWallet.writeContract({
        address: contracts.token,
        abi: markTokenAbi,
        functionName: "approve",
        args: [contracts.floorSale, price + storage],
      }),
    );
    const bought = await send(
      bobWallet.writeContract({
        address: contracts.floorSale,
        abi: floorSaleAbi,
        functionName: "buyFloor",
        args: [FLOOR, 365, price + storage, NO_PERMIT],
      }),
    );
    expect(
      await publicClient.readContract({
        address: contracts.registry,
        abi: unitRegistryAbi,
        functionName: "balanceOf",
        args: [bob],
      }),
    ).toBe(625n);
    await host.waitForBlock(bought.block, 60_000);
    const data = await query<{
      floor: {
        ownedUnits: number;
        rangeOwner: string;
        hasSingles: boolean;
        rangeStoragePaidUntil: string;
        units: Array<{ id: string }>;
      };
      account: { unitCount: number };
      district: { ownedUnits: string };
      kept: UnitRow;
    }>(
      `query ($account: ID!, $kept: ID!) {
        floor(id: "3-9-0-5") { ownedUnits rangeOwner hasSingles rangeStoragePaidUntil units(first: 1000) { id } }
        account(id: $account) { unitCount }
        district(id: "3") { ownedUnits }
        kept: unit(id: $kept) { ${UNIT_FIELDS} }
      }`,
      { account: lower(bob), kept: KEPT.toString() },
    );
    expect(data.floor).toMatchObject({ ownedUnits: 625, rangeOwner: lower(bob), hasSingles: false });
    expect(data.floor.rangeStoragePaidUntil).toBe((bought.timestamp + YEAR).toString());
    expect(data.floor.units).toHaveLength(625);
    expect(data.account.unitCount).toBe(625);
    expect(data.district.ownedUnits).toBe("625");
    expect(data.kept).toMatchObject({
      address: formatUnitAddress({ ...floorUnit, unit: 300 }),
      unitType: "Community",
      owner: lower(bob),
      inRange: true,
      storagePaidUntil: (bought.timestamp + YEAR).toString(),
    });
  });

  it("moves one unit out of the range: owners, balances and counts agree with the chain", async () => {
    const moved = await send(
      bobWallet.writeContract({
        address: contracts.registry,
        abi: unitRegistryAbi,
        functionName: "transferFrom",
        args: [bob, alice, MOVED],
      }),
    );
    await host.waitForBlock(moved.block, 30_000);
    const data = await query<{
      moved: UnitRow;
      kept: UnitRow;
      bob: { unitCount: number };
      alice: { unitCount: number };
      floor: { ownedUnits: number };
    }>(
      `query ($moved: ID!, $kept: ID!, $bob: ID!, $alice: ID!) {
        moved: unit(id: $moved) { ${UNIT_FIELDS} }
        kept: unit(id: $kept) { ${UNIT_FIELDS} }
        bob: account(id: $bob) { unitCount }
        alice: account(id: $alice) { unitCount }
        floor(id: "3-9-0-5") { ownedUnits }
      }`,
      { moved: MOVED.toString(), kept: KEPT.toString(), bob: lower(bob), alice: lower(alice) },
    );
    expect(data.moved).toMatchObject({ owner: lower(alice), inRange: false, transferCount: 1 });
    expect(data.kept).toMatchObject({ owner: lower(bob), inRange: true });
    const balance = (account: Address) =>
      publicClient.readContract({
        address: contracts.registry,
        abi: unitRegistryAbi,
        functionName: "balanceOf",
        args: [account],
      });
    expect(data.bob.unitCount).toBe(Number(await balance(bob)));
    expect(data.alice.unitCount).toBe(Number(await balance(alice)));
    expect(data.bob.unitCount).toBe(624);
    expect(data.floor.ownedUnits).toBe(625);
    for (const [id, row] of [
      [MOVED, data.moved],
      [KEPT, data.kept],
    ] as const) {
      const owner = await publicClient.readContract({
        address: contracts.registry,
        abi: unitRegistryAbi,
        functionName: "ownerOf",
        args: [id],
      });
      expect(row.owner).toBe(lower(owner));
    }
  });
});

describe("owning land", () => {
  it("indexes a scene, a decorator, privacy and rooms", async () => {
    const { digest, codec } = sceneContentOf(SCENE_CID);
    await send(
      aliceWallet.writeContract({
        address: contracts.registry,
        abi: unitRegistryAbi,
        functionName: "setDecorator",
        args: [SHOP, carol],
      }),
    );
    // The decorator, not the owner, sets the scene.
    await send(
      carolWallet.writeContract({
        address: contracts.registry,
        abi: unitRegistryAbi,
        functionName: "setContent",
        args: [SHOP, digest, codec],
      }),
    );
    await send(
      aliceWallet.writeContract({
        address: contracts.registry,
        abi: unitRegistryAbi,
        functionName: "setPrivacy",
        args: [SHOP, 2],
      }),
    );
    const rooms = await send(
      aliceWallet.writeContract({
        address: contracts.unitSale,
        abi: unitSaleAbi,
        functionName: "addRooms",
        args: [SHOP, 1, parseEther("500"), await signPermit(aliceWallet, contracts.unitSale, parseEther("500"))],
      }),
    );
    await host.waitForBlock(rooms.block, 30_000);
    const data = await query<{ unit: UnitRow & { contentChanges: Array<{ cid: string; editor: string }> } }>(
      `query ($id: ID!) { unit(id: $id) { ${UNIT_FIELDS} contentChanges { cid editor } } }`,
      { id: SHOP.toString() },
    );
    expect(data.unit).toMatchObject({ contentCid: SCENE_CID, decorator: lower(carol), privacy: "Private", rooms: 3 });
    expect(data.unit.contentChanges).toEqual([{ cid: SCENE_CID, editor: lower(carol) }]);
  });

  it("lets anyone pay a unit's storage and a floor's, counting from the end of what is paid", async () => {
    const before = await publicClient.readContract({
      address: contracts.registry,
      abi: unitRegistryAbi,
      functionName: "storagePaidUntil",
      args: [SHOP],
    });
    const fee = await publicClient.readContract({
      address: contracts.unitSale,
      abi: unitSaleAbi,
      functionName: "storageQuote",
      args: [SHOP, 100],
    });
    await send(
      carolWallet.writeContract({
        address: contracts.token,
        abi: markTokenAbi,
        functionName: "approve",
        args: [contracts.unitSale, fee],
      }),
    );
    await send(
      carolWallet.writeContract({
        address: contracts.unitSale,
        abi: unitSaleAbi,
        functionName: "payStorage",
        args: [SHOP, 100, fee, NO_PERMIT],
      }),
    );

    const [, floorFee] = await publicClient.readContract({
      address: contracts.floorSale,
      abi: floorSaleAbi,
      functionName: "quoteFloor",
      args: [FLOOR, 10],
    });
    await send(
      carolWallet.writeContract({
        address: contracts.token,
        abi: markTokenAbi,
        functionName: "approve",
        args: [contracts.floorSale, floorFee],
      }),
    );
    const [, floorBefore] = await publicClient.readContract({
      address: contracts.registry,
      abi: unitRegistryAbi,
      functionName: "floorRange",
      args: [FLOOR],
    });
    const paid = await send(
      carolWallet.writeContract({
        address: contracts.floorSale,
        abi: floorSaleAbi,
        functionName: "payFloorStorage",
        args: [FLOOR, 10, floorFee, NO_PERMIT],
      }),
    );
    await host.waitForBlock(paid.block, 30_000);
    const data = await query<{
      shop: UnitRow;
      kept: UnitRow;
      moved: UnitRow;
      landPayments: Array<{ kind: string; payer: { id: string } }>;
    }>(
      `query ($shop: ID!, $kept: ID!, $moved: ID!) {
        shop: unit(id: $shop) { ${UNIT_FIELDS} }
        kept: unit(id: $kept) { ${UNIT_FIELDS} }
        moved: unit(id: $moved) { ${UNIT_FIELDS} }
        landPayments(where: { kind: Storage }, orderBy: blockNumber) { kind payer { id } }
      }`,
      { shop: SHOP.toString(), kept: KEPT.toString(), moved: MOVED.toString() },
    );
    expect(data.shop.storagePaidUntil).toBe((BigInt(before) + 100n * DAY).toString());
    expect(data.kept.storagePaidUntil).toBe((BigInt(floorBefore) + 10n * DAY).toString());
    // The unit that left the range keeps the storage it left with.
    expect(data.moved.storagePaidUntil).toBe(floorBefore.toString());
    expect(data.landPayments).toEqual([
      { kind: "Storage", payer: { id: lower(carol) } },
      { kind: "Storage", payer: { id: lower(carol) } },
    ]);
  });
});

describe("governance of the land", () => {
  it("indexes the land offices from genesis, a district opened, an office closed and free claims closed by the timelock", async () => {
    const manager = stack.address("MarkAccessManager");
    expect(
      await publicClient.readContract({ address: contracts.registry, abi: unitRegistryAbi, functionName: "authority" }),
    ).toBe(manager);
    const last = await as(contracts.treasury, async (timelock) => {
      await send(
        timelock.writeContract({
          address: contracts.registry,
          abi: unitRegistryAbi,
          functionName: "openDistrict",
          args: [5, 1, 12],
        }),
      );
      await send(
        timelock.writeContract({
          address: contracts.registry,
          abi: unitRegistryAbi,
          functionName: "setLandOffice",
          args: [contracts.floorSale, false, 0n],
        }),
      );
      return send(
        timelock.writeContract({
          address: contracts.registry,
          abi: unitRegistryAbi,
          functionName: "setFreeClaimsLeft",
          args: [0n],
        }),
      );
    });
    await host.waitForBlock(last.block, 30_000);
    const data = await query<{
      district: { unitType: string; neighbourhoods: number };
      landOffices: Array<{ id: string; active: boolean; allowance: string }>;
      freeClaims: { left: string; claimed: string };
    }>(
      `query ($registry: ID!) {
        district(id: "5") { unitType neighbourhoods }
        landOffices(orderBy: id) { id active allowance }
        freeClaims(id: $registry) { left claimed }
      }`,
      { registry: lower(contracts.registry) },
    );
    expect(data.district).toEqual({ unitType: "Residential", neighbourhoods: 12 });
    expect(data.freeClaims).toEqual({ left: "0", claimed: "1" });
    const offices = new Map(data.landOffices.map((office) => [office.id, office]));
    expect(offices.get(lower(contracts.floorSale))).toMatchObject({ active: false, allowance: "0" });
    expect(offices.get(lower(contracts.unitSale))).toMatchObject({
      active: true,
      allowance: LAND_SETTINGS.unlimited.toString(),
    });
    // With free claims closed, a claim in the newly opened Residential district is refused.
    await expect(
      carolWallet.writeContract({
        address: contracts.registry,
        abi: unitRegistryAbi,
        functionName: "claim",
        args: [encodeUnitId({ district: 5, neighbourhood: 0, building: 0, floor: 0, unit: 0 })],
      }),
    ).rejects.toThrow(/FreeClaimsClosed/);
    // A stranger cannot: the registry asks the access manager.
    await expect(
      carolWallet.writeContract({
        address: contracts.registry,
        abi: unitRegistryAbi,
        functionName: "openDistrict",
        args: [6, 1, 1],
      }),
    ).rejects.toThrow(/AccessManagedUnauthorized/);
  });
});

describe("naming land", () => {
  const label = normaliseUnitName("  Alice-Home.markspace ");
  const node = unitNameNode(label);
  type NamedRow = {
    name: string | null;
    owner: string;
    nameChanges: Array<{ name: string; named: boolean; sender: string }>;
  };
  const NAMED_FIELDS = "name owner nameChanges(orderBy: blockNumber) { name named sender }";

  it("indexes a name the owner gives a unit, which resolves at its node to the owner", async () => {
    expect(label).toBe("alice-home");
    const named = await send(
      aliceWallet.writeContract({
        address: contracts.names,
        abi: unitNamesAbi,
        functionName: "setName",
        args: [HOME, label],
      }),
    );
    await send(
      aliceWallet.writeContract({
        address: contracts.names,
        abi: unitNamesAbi,
        functionName: "setText",
        args: [HOME, "url", "https://alice.example"],
      }),
    );
    const names = { address: contracts.names, abi: unitNamesAbi } as const;
    expect(await publicClient.readContract({ ...names, functionName: "unitOfName", args: [label] })).toBe(HOME);
    expect(await publicClient.readContract({ ...names, functionName: "addr", args: [node] })).toBe(getAddress(alice));
    expect(await publicClient.readContract({ ...names, functionName: "text", args: [node, "url"] })).toBe(
      "https://alice.example",
    );
    const metadata = JSON.parse(
      Buffer.from(
        (
          await publicClient.readContract({
            address: contracts.registry,
            abi: unitRegistryAbi,
            functionName: "tokenURI",
            args: [HOME],
          })
        ).slice("data:application/json;base64,".length),
        "base64",
      ).toString("utf8"),
    ) as { name: string };
    expect(metadata.name).toBe("alice-home.markspace");

    await host.waitForBlock(named.block, 30_000);
    const data = await query<{ unit: NamedRow }>(`query ($id: ID!) { unit(id: $id) { ${NAMED_FIELDS} } }`, {
      id: HOME.toString(),
    });
    expect(data.unit).toEqual({
      name: "alice-home",
      owner: lower(alice),
      nameChanges: [{ name: "alice-home", named: true, sender: lower(alice) }],
    });
  });

  it("keeps the name with the unit when it changes hands, without the former owner's records", async () => {
    const moved = await send(
      aliceWallet.writeContract({
        address: contracts.registry,
        abi: unitRegistryAbi,
        functionName: "transferFrom",
        args: [alice, bob, HOME],
      }),
    );
    expect(
      await publicClient.readContract({
        address: contracts.names,
        abi: unitNamesAbi,
        functionName: "text",
        args: [node, "url"],
      }),
    ).toBe("");
    expect(
      await publicClient.readContract({
        address: contracts.names,
        abi: unitNamesAbi,
        functionName: "addr",
        args: [node],
      }),
    ).toBe(getAddress(bob));
    await host.waitForBlock(moved.block, 30_000);
    const data = await query<{ unit: NamedRow }>(`query ($id: ID!) { unit(id: $id) { ${NAMED_FIELDS} } }`, {
      id: HOME.toString(),
    });
    expect(data.unit).toMatchObject({ name: "alice-home", owner: lower(bob) });
  });

  it("indexes the new owner clearing the name, which frees it", async () => {
    const cleared = await send(
      bobWallet.writeContract({ address: contracts.names, abi: unitNamesAbi, functionName: "clearName", args: [HOME] }),
    );
    expect(
      await publicClient.readContract({
        address: contracts.names,
        abi: unitNamesAbi,
        functionName: "unitOfName",
        args: [label],
      }),
    ).toBe(0n);
    await host.waitForBlock(cleared.block, 30_000);
    const data = await query<{ unit: NamedRow; units: Array<{ id: string }> }>(
      `query ($id: ID!, $name: String!) { unit(id: $id) { ${NAMED_FIELDS} } units(where: { name: $name }) { id } }`,
      { id: HOME.toString(), name: label },
    );
    expect(data.unit.name).toBeNull();
    expect(data.unit.nameChanges).toEqual([
      { name: "alice-home", named: true, sender: lower(alice) },
      { name: "alice-home", named: false, sender: lower(bob) },
    ]);
    expect(data.units).toEqual([]);
  });
});
