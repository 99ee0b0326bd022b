import hre from "hardhat";
import { getAddress, parseEventLogs, toFunctionSelector, zeroAddress, type Address, type Hash } from "viem";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { unitRegistryAbi } from "../generated/abis.ts";
import { expectRevert } from "../test/utils/expect-revert.ts";
import { encodeUnitId, type UnitAddressParts } from "../unit-address.ts";

const conn = await hre.network.connect();
const publicClient = await conn.viem.getPublicClient();
const [aliceWallet, bobWallet, carolWallet] = await conn.viem.getWalletClients();
if (!aliceWallet || !bobWallet || !carolWallet) throw new Error("the test chain needs three accounts");
// Checksummed, as viem returns addresses from reads and decoded logs.
const alice = getAddress(aliceWallet.account.address);
const bob = getAddress(bobWallet.account.address);
const carol = getAddress(carolWallet.account.address);

const HOME_PARTS: UnitAddressParts = { district: 1, neighbourhood: 42, building: 7, floor: 12, unit: 3 };
const HOME = encodeUnitId(HOME_PARTS);
const NEXT_DOOR = encodeUnitId({ ...HOME_PARTS, unit: 4 });
const OFFICE = encodeUnitId({ ...HOME_PARTS, district: 2 });
const CID = "bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi";

async function deployRegistry() {
  return conn.viem.deployContract("UnitRegistry");
}

type Registry = Awaited<ReturnType<typeof deployRegistry>>;

/** Waits for `hash` and returns the registry's events in log order. */
async function eventsOf(hash: Hash) {
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  return parseEventLogs({ abi: unitRegistryAbi, logs: receipt.logs });
}

describe("UnitRegistry", () => {
  let registry: Registry;

  beforeEach(async () => {
    registry = await conn.networkHelpers.loadFixture(deployRegistry);
  });

  const claim = (unitId: bigint, account: Address = alice) => registry.write.claim([unitId], { account });
  const setContent = (unitId: bigint, cid: string, account: Address = alice) =>
    registry.write.setContent([unitId, cid], { account });

  it("is the Markspace Unit collection", async () => {
    expect(await registry.read.name()).toBe("Markspace Unit");
    expect(await registry.read.symbol()).toBe("UNIT");
    expect(await registry.read.MAX_CID_LENGTH()).toBe(128n);
  });

  describe("claim", () => {
    describe("when the caller claims a free residential unit", () => {
      let hash: Hash;

      beforeEach(async () => {
        hash = await claim(HOME);
      });

      it("mints the unit to the caller", async () => {
        expect(await registry.read.ownerOf([HOME])).toBe(alice);
        expect(await registry.read.balanceOf([alice])).toBe(1n);
      });

      it("uses the caller's free claim", async () => {
        expect(await registry.read.hasClaimedFree([alice])).toBe(true);
        expect(await registry.read.hasClaimedFree([bob])).toBe(false);
      });

      it("emits Transfer from the zero address, then UnitClaimed", async () => {
        const events = await eventsOf(hash);
        expect(events.map((event) => event.eventName)).toEqual(["Transfer", "UnitClaimed"]);
        expect(events[0]?.args).toEqual({ from: zeroAddress, to: alice, tokenId: HOME });
        expect(events[1]?.args).toEqual({ unitId: HOME, owner: alice });
      });

      it("starts with no content", async () => {
        expect(await registry.read.contentOf([HOME])).toBe("");
      });
    });

    describe("when the caller has already claimed", () => {
      it("reverts with UnitFreeClaimUsed", async () => {
        await claim(HOME);
        await expectRevert(claim(NEXT_DOOR), "UnitFreeClaimUsed", [alice]);
      });

      it("still reverts after the first unit was given away", async () => {
        await claim(HOME);
        await registry.write.transferFrom([alice, bob, HOME], { account: alice });
        await expectRevert(claim(NEXT_DOOR), "UnitFreeClaimUsed", [alice]);
      });
    });

    describe("when the unit is outside the residential district", () => {
      for (const district of [2, 3, 4]) {
        it(`reverts with UnitNotResidential for district ${district}`, async () => {
          const unitId = encodeUnitId({ ...HOME_PARTS, district });
          await expectRevert(claim(unitId), "UnitNotResidential", [unitId]);
        });
      }
    });

    describe("when the unit already has an owner", () => {
      beforeEach(async () => {
        await claim(HOME, alice);
      });

      it("reverts with UnitAlreadyClaimed", async () => {
        await expectRevert(claim(HOME, bob), "UnitAlreadyClaimed", [HOME]);
      });

      it("leaves the caller's free claim unused", async () => {
        await expectRevert(claim(HOME, bob), "UnitAlreadyClaimed", [HOME]);
        expect(await registry.read.hasClaimedFree([bob])).toBe(false);
        await claim(NEXT_DOOR, bob);
        expect(await registry.read.ownerOf([NEXT_DOOR])).toBe(bob);
      });
    });

    describe("when the id is not a unit's id", () => {
      const malformed: Array<[string, bigint]> = [
        ["zero", 0n],
        ["district 5", 0x05_002a_07_0c_03n],
        ["unit 36", 0x01_002a_07_0c_24n],
        ["bit 48 set", HOME | (1n << 48n)],
        ["top bit set", HOME | (1n << 255n)],
      ];
      for (const [label, unitId] of malformed) {
        it(`reverts with UnitIdInvalid (${label})`, async () => {
          await expectRevert(claim(unitId), "UnitIdInvalid", [unitId]);
        });
      }
    });
  });

  describe("setContent", () => {
    beforeEach(async () => {
      await claim(HOME, alice);
    });

    function shouldLetEdit(editor: () => Address) {
      it("stores the CID", async () => {
        await setContent(HOME, CID, editor());
        expect(await registry.read.contentOf([HOME])).toBe(CID);
      });

      it("emits UnitContentSet naming the editor", async () => {
        const events = await eventsOf(await setContent(HOME, CID, editor()));
        expect(events.map((event) => event.eventName)).toEqual(["UnitContentSet"]);
        expect(events[0]?.args).toEqual({ unitId: HOME, editor: editor(), cid: CID });
      });
    }

    describe("when the caller owns the unit", () => {
      shouldLetEdit(() => alice);

      it("clears the content with an empty CID", async () => {
        await setContent(HOME, CID);
        await setContent(HOME, "");
        expect(await registry.read.contentOf([HOME])).toBe("");
      });
    });

    describe("when the caller is approved for the unit", () => {
      beforeEach(async () => {
        await registry.write.approve([bob, HOME], { account: alice });
      });
      shouldLetEdit(() => bob);
    });

    describe("when the caller is an operator of the owner", () => {
      beforeEach(async () => {
        await registry.write.setApprovalForAll([carol, true], { account: alice });
      });
      shouldLetEdit(() => carol);
    });

    describe("when the caller is a stranger", () => {
      it("reverts with UnitContentUnauthorized", async () => {
        await expectRevert(setContent(HOME, CID, carol), "UnitContentUnauthorized", [HOME, carol]);
      });
    });

    describe("when the unit has changed hands", () => {
      beforeEach(async () => {
        await registry.write.approve([carol, HOME], { account: alice });
        await registry.write.transferFrom([alice, bob, HOME], { account: alice });
      });

      it("lets the new owner edit", async () => {
        await setContent(HOME, CID, bob);
        expect(await registry.read.contentOf([HOME])).toBe(CID);
      });

      it("refuses the previous owner", async () => {
        await expectRevert(setContent(HOME, CID, alice), "UnitContentUnauthorized", [HOME, alice]);
      });

      it("refuses the account the previous owner had approved", async () => {
        await expectRevert(setContent(HOME, CID, carol), "UnitContentUnauthorized", [HOME, carol]);
      });
    });

    describe("when the CID is at the length limit", () => {
      it("accepts exactly MAX_CID_LENGTH bytes", async () => {
        const cid = "b".repeat(128);
        await setContent(HOME, cid);
        expect(await registry.read.contentOf([HOME])).toBe(cid);
      });

      it("reverts with UnitContentTooLong one byte over", async () => {
        await expectRevert(setContent(HOME, "b".repeat(129)), "UnitContentTooLong", [HOME, 129n, 128n]);
      });

      it("counts bytes, not characters", async () => {
        // 43 three-byte characters are 129 bytes of UTF-8.
        await expectRevert(setContent(HOME, "€".repeat(43)), "UnitContentTooLong", [HOME, 129n, 128n]);
      });
    });

    describe("when the unit does not exist", () => {
      it("reverts with ERC721NonexistentToken", async () => {
        await expectRevert(setContent(NEXT_DOOR, CID), "ERC721NonexistentToken", [NEXT_DOOR]);
      });
    });
  });

  describe("contentOf", () => {
    describe("when the unit does not exist", () => {
      it("reverts with ERC721NonexistentToken", async () => {
        await expectRevert(registry.read.contentOf([OFFICE]), "ERC721NonexistentToken", [OFFICE]);
      });
    });
  });

  describe("transfers", () => {
    beforeEach(async () => {
      await claim(HOME, alice);
      await setContent(HOME, CID, alice);
    });

    it("keep the unit's content on transferFrom", async () => {
      await registry.write.transferFrom([alice, bob, HOME], { account: alice });
      expect(await registry.read.contentOf([HOME])).toBe(CID);
    });

    it("keep the unit's content on safeTransferFrom to a receiver contract", async () => {
      const receiver = await conn.viem.deployContract("CountingUnitReceiver");
      await registry.write.safeTransferFrom([alice, receiver.address, HOME], { account: alice });
      expect(await registry.read.ownerOf([HOME])).toBe(getAddress(receiver.address));
      expect(await receiver.read.callbacks()).toBe(1n);
      expect(await registry.read.contentOf([HOME])).toBe(CID);
    });

    it("do not give the receiver's free claim away", async () => {
      await registry.write.transferFrom([alice, bob, HOME], { account: alice });
      expect(await registry.read.hasClaimedFree([bob])).toBe(false);
    });
  });

  describe("supportsInterface", () => {
    let registryInterfaceId: number;

    beforeAll(() => {
      registryInterfaceId = [
        "function claim(uint256)",
        "function setContent(uint256,string)",
        "function contentOf(uint256)",
        "function hasClaimedFree(address)",
      ]
        .map((signature) => Number.parseInt(toFunctionSelector(signature).slice(2), 16))
        .reduce((id, selector) => (id ^ selector) >>> 0, 0);
    });

    it("advertises IUnitRegistry, ERC-721 and ERC-165", async () => {
      const asHex = (id: number) => `0x${id.toString(16).padStart(8, "0")}` as const;
      expect(await registry.read.supportsInterface([asHex(registryInterfaceId)])).toBe(true);
      expect(await registry.read.supportsInterface(["0x80ac58cd"])).toBe(true);
      expect(await registry.read.supportsInterface(["0x01ffc9a7"])).toBe(true);
      expect(await registry.read.supportsInterface(["0xffffffff"])).toBe(false);
    });
  });
});
