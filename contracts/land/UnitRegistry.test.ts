import hre from "hardhat";
import {
  getAddress,
  getContractAddress,
  parseEventLogs,
  toFunctionSelector,
  zeroAddress,
  type AbiFunction,
  type Address,
  type Hash,
  type Hex,
} from "viem";
import { beforeEach, describe, expect, it } from "vitest";
import { floorSaleAbi, unitRegistryAbi, unitSaleAbi } from "../generated/abis.ts";
import { parameterDefinitions } from "../governance/parameters.ts";
import { LAND_SETTINGS } from "../registry.ts";
import { buildGenesisAllocations } from "../token/genesis-allocation.ts";
import { NO_PERMIT, landPermit, mrkPermitTypedData } from "../token/permit.ts";
import { expectRevert } from "../test/utils/expect-revert.ts";
import { encodeUnitId, floorIdOf, type UnitAddressParts } from "../unit-address.ts";

const conn = await hre.network.connect();
const publicClient = await conn.viem.getPublicClient();
const wallets = await conn.viem.getWalletClients();
const [aliceWallet, bobWallet, carolWallet] = wallets;
if (!aliceWallet || !bobWallet || !carolWallet) throw new Error("the test chain needs three accounts");
// Checksummed, as viem returns addresses from reads and decoded logs.
const alice = getAddress(aliceWallet.account.address);
const bob = getAddress(bobWallet.account.address);
const carol = getAddress(carolWallet.account.address);

const HOME_PARTS: UnitAddressParts = { district: 1, neighbourhood: 42, building: 7, floor: 12, unit: 3 };
const HOME = encodeUnitId(HOME_PARTS);
const NEXT_DOOR = encodeUnitId({ ...HOME_PARTS, unit: 4 });
const OFFICE = encodeUnitId({ ...HOME_PARTS, district: 2 });
/** A Community floor: Residential floors are never sold whole. */
const FLOOR = encodeUnitId({ ...HOME_PARTS, district: 3, floor: 13, unit: 0 });
const MRK = 10n ** 18n;
/** sha2-256 of a scene manifest, and the multicodecs the registry stores. */
const SCENE: Hex = "0x2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae";
const RAW = 0x55n;
const DAG_PB = 0x70n;

/** Errors a land office passes up from the registry: decoded with the office's ABI plus these. */
const registryErrors = unitRegistryAbi.filter((item) => item.type === "error");

/**
 * The land as the deploy script wires it: MRK (all to alice), the parameters, the access
 * manager (alice stands in for the treasury timelock), the registry with free claims open and
 * naming its two sales as offices (addresses predicted), then the sales.
 */
async function deployLand() {
  const token = await conn.viem.deployContract("MarkToken", [buildGenesisAllocations(() => alice)]);
  const parameters = await conn.viem.deployContract("MarkParameters", [alice, parameterDefinitions(), zeroAddress]);
  const manager = await conn.viem.deployContract("MarkAccessManager", [alice]);
  const nonce = await publicClient.getTransactionCount({ address: alice });
  const offices = [1, 2].map((i) => getContractAddress({ from: alice, nonce: BigInt(nonce + i) }));
  const registry = await conn.viem.deployContract("UnitRegistry", [
    manager.address,
    parameters.address,
    zeroAddress,
    LAND_SETTINGS.freeClaimCap,
    offices,
    [LAND_SETTINGS.unlimited, LAND_SETTINGS.unlimited],
    zeroAddress,
  ]);
  const treasury = getAddress("0x000000000000000000000000000000000000dEaD");
  const renderingFund = getAddress("0x000000000000000000000000000000000000bEEF");
  const saleArgs = [registry.address, token.address, parameters.address, treasury, renderingFund] as const;
  const unitSale = await conn.viem.deployContract("UnitSale", [...saleArgs]);
  const floorSale = await conn.viem.deployContract("FloorSale", [...saleArgs]);
  expect([unitSale.address, floorSale.address].map((a) => getAddress(a))).toEqual(offices.map((a) => getAddress(a)));
  await token.write.transfer([bob, 10_000_000n * MRK], { account: alice });
  return { token, registry, unitSale, floorSale, treasury, renderingFund };
}

type Land = Awaited<ReturnType<typeof deployLand>>;

function walletOf(account: Address) {
  const wallet = wallets.find((w) => getAddress(w.account.address) === account);
  if (!wallet) throw new Error(`no wallet for ${account}`);
  return wallet;
}

/** Waits for `hash` and returns the land's events in log order. */
async function eventsOf(hash: Hash) {
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  return parseEventLogs({ abi: [...unitRegistryAbi, ...unitSaleAbi, ...floorSaleAbi], logs: receipt.logs });
}

describe("UnitRegistry", () => {
  let land: Land;

  beforeEach(async () => {
    land = await conn.networkHelpers.loadFixture(deployLand);
  });

  const claim = (unitId: bigint, account: Address = alice) =>
    walletOf(account).writeContract({
      address: land.registry.address,
      abi: unitRegistryAbi,
      functionName: "claim",
      args: [unitId],
      account: walletOf(account).account,
      chain: null,
    });
  const setContent = (unitId: bigint, digest: Hex, codec: bigint, account: Address = alice) =>
    land.registry.write.setContent([unitId, digest, codec], { account });
  async function permitFor(account: Address, spender: Address, value: bigint) {
    const nonce = await land.token.read.nonces([account]);
    const deadline = (await publicClient.getBlock()).timestamp + 3_600n;
    const signature = await walletOf(account).signTypedData(
      mrkPermitTypedData({
        token: land.token.address,
        chainId: await publicClient.getChainId(),
        owner: account,
        spender,
        value,
        nonce,
        deadline,
      }),
    );
    return landPermit(signature, value, deadline);
  }

  it("is the Markspace Unit collection with free claims open and its land offices", async () => {
    expect(await land.registry.read.name()).toBe("Markspace Unit");
    expect(await land.registry.read.symbol()).toBe("UNIT");
    expect(await land.registry.read.freeClaimsLeft()).toBe(LAND_SETTINGS.freeClaimCap);
    expect(await land.registry.read.landOffice([land.floorSale.address])).toEqual({
      active: true,
      allowance: LAND_SETTINGS.unlimited,
    });
  });

  describe("a free claim", () => {
    describe("when the caller claims a free residential unit", () => {
      let hash: Hash;

      beforeEach(async () => {
        hash = await claim(HOME);
      });

      it("mints the unit to the caller with a year of storage", async () => {
        expect(await land.registry.read.ownerOf([HOME])).toBe(alice);
        expect(await land.registry.read.balanceOf([alice])).toBe(1n);
        const { timestamp } = await publicClient.getBlock();
        expect(await land.registry.read.storagePaidUntil([HOME])).toBe(Number(timestamp) + 365 * 86_400);
      });

      it("uses the caller's free claim", async () => {
        expect(await land.registry.read.hasClaimedFree([alice])).toBe(true);
        expect(await land.registry.read.hasClaimedFree([bob])).toBe(false);
      });

      it("emits Transfer from the zero address, then UnitClaimed, and counts the claim down", async () => {
        const events = await eventsOf(hash);
        expect(events.map((event) => event.eventName)).toEqual(["Transfer", "UnitClaimed"]);
        expect(events[0]?.args).toEqual({ from: zeroAddress, to: alice, tokenId: HOME });
        expect(events[1]?.args).toEqual({ unitId: HOME });
        expect(await land.registry.read.freeClaimsLeft()).toBe(LAND_SETTINGS.freeClaimCap - 1n);
      });

      it("starts with no scene", async () => {
        expect(await land.registry.read.contentOf([HOME])).toEqual([`0x${"00".repeat(32)}`, RAW]);
      });
    });

    describe("when the caller has already claimed", () => {
      it("reverts with UnitFreeClaimUsed, even after giving the first unit away", async () => {
        await claim(HOME);
        await expectRevert(claim(NEXT_DOOR), "UnitFreeClaimUsed", [alice]);
        await land.registry.write.transferFrom([alice, bob, HOME], { account: alice });
        await expectRevert(claim(NEXT_DOOR), "UnitFreeClaimUsed", [alice]);
      });
    });

    describe("when the unit is not Residential", () => {
      for (const [label, unitId] of [
        ["Business", OFFICE],
        ["Community", encodeUnitId({ ...HOME_PARTS, district: 3 })],
        ["Shopping", encodeUnitId({ ...HOME_PARTS, district: 4 })],
        ["an external surface", encodeUnitId({ ...HOME_PARTS, space: 1, unit: 17 })],
      ] as const) {
        it(`reverts with UnitNotResidential for ${label}`, async () => {
          await expectRevert(claim(unitId), "UnitNotResidential", [unitId]);
        });
      }
    });

    describe("when the unit already has an owner", () => {
      it("reverts with UnitAlreadyOwned and leaves the caller's claim unused", async () => {
        await claim(HOME, alice);
        await expectRevert(claim(HOME, bob), "UnitAlreadyOwned", [HOME]);
        expect(await land.registry.read.hasClaimedFree([bob])).toBe(false);
        await claim(NEXT_DOOR, bob);
        expect(await land.registry.read.ownerOf([NEXT_DOOR])).toBe(bob);
      });
    });

    describe("when the id is not an open unit's id", () => {
      const malformed: Array<[string, bigint]> = [
        ["zero", 0n],
        ["unit 625", floorIdOf(HOME) + 625n],
        ["space 2", HOME | (2n << 56n)],
        ["bit 64 set", HOME | (1n << 64n)],
        ["top bit set", HOME | (1n << 255n)],
      ];
      for (const [label, unitId] of malformed) {
        it(`reverts with UnitIdInvalid (${label})`, async () => {
          await expectRevert(claim(unitId), "UnitIdInvalid", [unitId]);
        });
      }

      it("reverts with UnitNotOpen in a district governance has not opened", async () => {
        const unitId = encodeUnitId({ ...HOME_PARTS, district: 5 });
        await expectRevert(claim(unitId), "UnitNotOpen", [unitId]);
      });
    });
  });

  describe("setContent", () => {
    beforeEach(async () => {
      await claim(HOME, alice);
    });

    function shouldLetDecorate(decorator: () => Address) {
      it("stores the digest and codec and emits UnitContentSet, then MetadataUpdate", async () => {
        const events = await eventsOf(await setContent(HOME, SCENE, DAG_PB, decorator()));
        expect(await land.registry.read.contentOf([HOME])).toEqual([SCENE, DAG_PB]);
        expect(events.map((event) => event.eventName)).toEqual(["UnitContentSet", "MetadataUpdate"]);
        expect(events[0]?.args).toEqual({ unitId: HOME, digest: SCENE, codec: DAG_PB });
      });
    }

    describe("when the caller owns the unit", () => {
      shouldLetDecorate(() => alice);
    });

    describe("when the caller is the unit's decorator", () => {
      beforeEach(async () => {
        await land.registry.write.setDecorator([HOME, bob], { account: alice });
      });
      shouldLetDecorate(() => bob);
    });

    describe("when the caller decorates all the owner's units", () => {
      beforeEach(async () => {
        await land.registry.write.setDecoratorForAll([carol, true], { account: alice });
      });
      shouldLetDecorate(() => carol);
    });

    describe("when the caller only holds transfer approval", () => {
      it("reverts with UnitContentUnauthorized for the approved account and the operator", async () => {
        await land.registry.write.approve([bob, HOME], { account: alice });
        await land.registry.write.setApprovalForAll([carol, true], { account: alice });
        await expectRevert(setContent(HOME, SCENE, RAW, bob), "UnitContentUnauthorized", [HOME, bob]);
        await expectRevert(setContent(HOME, SCENE, RAW, carol), "UnitContentUnauthorized", [HOME, carol]);
      });
    });

    describe("when the unit has changed hands", () => {
      beforeEach(async () => {
        await land.registry.write.setDecorator([HOME, carol], { account: alice });
        await land.registry.write.transferFrom([alice, bob, HOME], { account: alice });
      });

      it("lets the new owner decorate", async () => {
        await setContent(HOME, SCENE, RAW, bob);
        expect(await land.registry.read.contentOf([HOME])).toEqual([SCENE, RAW]);
      });

      it("refuses the previous owner and her decorator", async () => {
        await expectRevert(setContent(HOME, SCENE, RAW, alice), "UnitContentUnauthorized", [HOME, alice]);
        await expectRevert(setContent(HOME, SCENE, RAW, carol), "UnitContentUnauthorized", [HOME, carol]);
      });
    });

    it("reverts with UnitContentCodecUnsupported for a codec it does not store", async () => {
      await expectRevert(setContent(HOME, SCENE, 0x12n), "UnitContentCodecUnsupported", [0x12n]);
    });

    it("reverts with ERC721NonexistentToken for a unit nobody owns", async () => {
      await expectRevert(setContent(NEXT_DOOR, SCENE, RAW), "ERC721NonexistentToken", [NEXT_DOOR]);
    });
  });

  describe("a floor bought whole", () => {
    let hash: Hash;

    beforeEach(async () => {
      const [price] = await land.floorSale.read.quoteFloor([FLOOR, 0]);
      hash = await land.floorSale.write.buyFloor(
        [FLOOR, 0, price, await permitFor(bob, land.floorSale.address, price)],
        {
          account: bob,
        },
      );
    });

    it("emits one ConsecutiveTransfer for its 625 units and the payment's split", async () => {
      const events = await eventsOf(hash);
      expect(events.map((event) => event.eventName)).toEqual([
        "ConsecutiveTransfer",
        "FloorStorageExtended",
        "LandPaid",
      ]);
      expect(events[0]?.args).toEqual({
        fromTokenId: FLOOR,
        toTokenId: FLOOR + 624n,
        fromAddress: zeroAddress,
        toAddress: bob,
      });
      const price = 625n * 10n * MRK; // Community: 10 MRK a unit
      expect(events[2]?.args).toEqual({
        payer: bob,
        unitId: FLOOR,
        kind: 1,
        amount: price,
        toTreasury: price / 2n,
        toRenderingFund: price / 2n,
      });
      expect(await land.token.read.balanceOf([land.renderingFund])).toBe(price / 2n);
    });

    it("owns every unit of the floor", async () => {
      expect(await land.registry.read.balanceOf([bob])).toBe(625n);
      for (const unit of [0n, 1n, 312n, 624n]) expect(await land.registry.read.ownerOf([FLOOR + unit])).toBe(bob);
      await expectRevert(land.registry.read.ownerOf([FLOOR + 625n]), "ERC721NonexistentToken", [FLOOR + 625n]);
      expect(await land.registry.read.floorRange([FLOOR])).toMatchObject([bob, expect.any(Number), false]);
    });

    it("lets a unit move out of the range on its own", async () => {
      await land.registry.write.transferFrom([bob, carol, FLOOR + 7n], { account: bob });
      expect(await land.registry.read.ownerOf([FLOOR + 7n])).toBe(carol);
      expect(await land.registry.read.balanceOf([bob])).toBe(624n);
      expect(await land.registry.read.transferCount([FLOOR + 7n])).toBe(1);
    });

    it("cannot be sold again, nor any unit of it", async () => {
      // The registry's refusal reaches the buyer through the office: decode it with both ABIs.
      const buyAgain = walletOf(alice).writeContract({
        address: land.floorSale.address,
        abi: [...floorSaleAbi, ...registryErrors],
        functionName: "buyFloor",
        args: [FLOOR, 0, 2n ** 255n, NO_PERMIT],
        account: walletOf(alice).account,
        chain: null,
      });
      await expectRevert(buyAgain, "FloorNotFree", [FLOOR]);
      const buyOne = walletOf(alice).writeContract({
        address: land.unitSale.address,
        abi: [...unitSaleAbi, ...registryErrors],
        functionName: "buy",
        args: [FLOOR + 3n, 0, 0, 2n ** 255n, NO_PERMIT],
        account: walletOf(alice).account,
        chain: null,
      });
      await expectRevert(buyOne, "UnitAlreadyOwned", [FLOOR + 3n]);
    });
  });

  describe("supportsInterface", () => {
    it("advertises IUnitRegistry, ERC-721, ERC-4906, ERC-4907 and ERC-165", async () => {
      const { abi } = await hre.artifacts.readArtifact("IUnitRegistry");
      const erc721 = new Set([
        "balanceOf",
        "ownerOf",
        "safeTransferFrom",
        "transferFrom",
        "approve",
        "setApprovalForAll",
        "getApproved",
        "isApprovedForAll",
        "supportsInterface",
        // ERC-4907, which IUnitRegistry extends: its own id, not part of IUnitRegistry's.
        "setUser",
        "userOf",
        "userExpires",
      ]);
      const id = (abi as readonly AbiFunction[])
        .filter((item) => item.type === "function" && !erc721.has(item.name))
        .map((item) => Number.parseInt(toFunctionSelector(item).slice(2), 16))
        .reduce((acc, selector) => (acc ^ selector) >>> 0, 0);
      const asHex = (value: number) => `0x${value.toString(16).padStart(8, "0")}` as const;
      expect(await land.registry.read.supportsInterface([asHex(id)])).toBe(true);
      expect(await land.registry.read.supportsInterface(["0x80ac58cd"])).toBe(true);
      expect(await land.registry.read.supportsInterface(["0x49064906"])).toBe(true);
      expect(await land.registry.read.supportsInterface(["0xad092b5c"])).toBe(true);
      expect(await land.registry.read.supportsInterface(["0x01ffc9a7"])).toBe(true);
      expect(await land.registry.read.supportsInterface(["0xffffffff"])).toBe(false);
    });
  });
});
