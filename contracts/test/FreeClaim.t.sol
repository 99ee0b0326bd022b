// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {LandFixture} from "./utils/LandFixture.sol";
import {ReentrantUnitReceiver} from "./mocks/UnitReceivers.sol";
import {IUnitRegistry} from "../interfaces/IUnitRegistry.sol";
import {UnitAddress} from "../libraries/UnitAddress.sol";

/// @notice `UnitRegistry.claim`: each account's one free Residential unit, under a global cap.
contract FreeClaimTest is LandFixture {
    function test_constructor_OpensTheGenesisFreeClaims() public view {
        assertEq(registry.freeClaimsLeft(), FREE_CLAIM_CAP, "free claims at genesis");
    }

    // =========================================================================================
    // claim
    // =========================================================================================

    function test_claim_MintsAResidentialUnitWithAYearOfStorage() public {
        MrkBalances memory before = _mrkBalances(alice);
        vm.expectEmit(address(registry));
        emit IERC721.Transfer(address(0), alice, HOME);
        vm.expectEmit(address(registry));
        emit IUnitRegistry.UnitClaimed(HOME);
        _claim(alice, HOME);

        assertEq(registry.ownerOf(HOME), alice, "owner");
        assertEq(registry.balanceOf(alice), 1, "balance");
        assertEq(registry.storagePaidUntil(HOME), T0 + 365 days, "a year of storage");
        assertEq(registry.FREE_STORAGE(), 365 days, "FREE_STORAGE");
        assertTrue(registry.hasClaimedFree(alice), "free claim used");
        assertEq(registry.freeClaimsLeft(), FREE_CLAIM_CAP - 1, "cap counts down");
        _assertPaid(before, alice, 0);
    }

    function test_claim_RevertWhen_ClaimTwice() public {
        _claim(alice, HOME);
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.UnitFreeClaimUsed.selector, alice));
        _claim(alice, NEXT_DOOR);
        assertEq(registry.freeClaimsLeft(), FREE_CLAIM_CAP - 1, "one claim counted");
    }

    function test_claim_RevertWhen_ClaimAgainAfterGivingTheFirstUnitAway() public {
        _claim(alice, HOME);
        vm.prank(alice);
        registry.transferFrom(alice, bob, HOME);

        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.UnitFreeClaimUsed.selector, alice));
        _claim(alice, NEXT_DOOR);
        assertFalse(registry.hasClaimedFree(bob), "receiving a unit is not claiming one");
        _claim(bob, NEXT_DOOR);
    }

    function test_claim_RevertWhen_NotResidential() public {
        uint256[5] memory units = [OFFICE, HALL, SHOP, BILLBOARD, _unitId(1, 1, 42, 7, 12, 3)];
        for (uint256 i; i < units.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.UnitNotResidential.selector, units[i]));
            _claim(alice, units[i]);
        }
        assertFalse(registry.hasClaimedFree(alice), "a refused claim does not use the free claim");
    }

    function test_claim_RevertWhen_UnitIsOwned() public {
        _claim(alice, HOME);
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.UnitAlreadyOwned.selector, HOME));
        _claim(bob, HOME);
        assertFalse(registry.hasClaimedFree(bob), "bob keeps his free claim");
    }

    /// @notice Residential floors are not sold whole, so no range ever covers a claimable unit.
    function test_claim_ResidentialFloorsAreNeverRanges() public {
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.FloorResidential.selector, HOME_FLOOR));
        vm.prank(address(floorSale));
        registry.mintFloor(carol, HOME_FLOOR, uint40(T0));
        _claim(bob, HOME);
        (address rangeOwner, , bool hasSingles) = registry.floorRange(HOME_FLOOR);
        assertEq(rangeOwner, address(0), "no range");
        assertFalse(hasSingles, "a Residential floor keeps no record");
    }

    function test_claim_RevertWhen_IdIsInvalid() public {
        uint256[3] memory ids = [uint256(0), HOME + 625, HOME | (1 << 64)];
        for (uint256 i; i < ids.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(UnitAddress.UnitIdInvalid.selector, ids[i]));
            _claim(alice, ids[i]);
        }
    }

    function test_claim_RevertWhen_DistrictIsNotOpen() public {
        uint256 unitId = _unitId(0, 5, 0, 0, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.UnitNotOpen.selector, unitId));
        _claim(alice, unitId);
    }

    function test_claim_InAResidentialDistrictOpenedLater() public {
        vm.prank(governance);
        registry.openDistrict(9, IUnitRegistry.UnitType.Residential, 1);
        _claim(alice, _unitId(0, 9, 0, 0, 0, 624));
        assertTrue(registry.hasClaimedFree(alice), "used");
        assertEq(registry.ownerOf(_unitId(0, 9, 0, 0, 0, 624)), alice, "owner");
    }

    /// @notice Buying a unit leaves the free claim unused.
    function test_claim_AfterBuyingAUnit() public {
        _buy(alice, HOME, 0, 0);
        assertFalse(registry.hasClaimedFree(alice), "buying is not claiming");
        _claim(alice, NEXT_DOOR);
        assertEq(registry.balanceOf(alice), 2, "both");
        assertEq(registry.freeClaimsLeft(), FREE_CLAIM_CAP - 1, "only the claim counts");
    }

    function testFuzz_claim_AnyResidentialUnit(address claimer, uint256 seed) public {
        vm.assume(claimer != address(0));
        uint256 unitId = _unitId(
            0,
            UnitAddress.RESIDENTIAL,
            bound(seed >> 128, 0, 1295),
            bound((seed >> 64) & 0xff, 0, 35),
            bound((seed >> 32) & 0xff, 0, 35),
            bound(seed & 0xffff, 0, 624)
        );
        _claim(claimer, unitId);
        assertEq(registry.ownerOf(unitId), claimer, "owner");
        assertTrue(registry.hasClaimedFree(claimer), "used");
    }

    // =========================================================================================
    // The global cap and the switch
    // =========================================================================================

    /// @notice Many addresses cannot farm past the cap.
    function test_claim_RevertWhen_CapIsReached() public {
        _setFreeClaimsLeft(3);
        for (uint256 i; i < 3; ++i) {
            _claim(makeAddr(string.concat("farmer", Strings.toString(i))), HOME_FLOOR + i);
        }
        address late = makeAddr("late");
        vm.expectRevert(IUnitRegistry.FreeClaimsClosed.selector);
        _claim(late, HOME_FLOOR + 3);

        _setFreeClaimsLeft(1); // governance opens one more
        _claim(late, HOME_FLOOR + 3);
        assertEq(registry.freeClaimsLeft(), 0, "none left");
    }

    function testFuzz_claim_NeverMoreThanTheCap(uint8 cap, uint8 claimers) public {
        cap = uint8(bound(cap, 0, 20));
        claimers = uint8(bound(claimers, 0, 30));
        _setFreeClaimsLeft(cap);
        uint256 minted;
        for (uint256 i; i < claimers; ++i) {
            vm.prank(makeAddr(string.concat("farmer", Strings.toString(i))));
            try registry.claim(HOME_FLOOR + i) {
                ++minted;
            } catch (bytes memory reason) {
                assertEq(reason, abi.encodeWithSelector(IUnitRegistry.FreeClaimsClosed.selector), "refusal");
            }
        }
        assertEq(minted, claimers < cap ? claimers : cap, "claims granted");
        assertEq(registry.freeClaimsLeft(), cap - minted, "cap left");
    }

    function test_claim_RevertWhen_Closed() public {
        _setFreeClaimsLeft(0);
        vm.expectRevert(IUnitRegistry.FreeClaimsClosed.selector);
        _claim(alice, HOME);
        _setFreeClaimsLeft(FREE_CLAIM_CAP);
        _claim(alice, HOME);
    }

    function test_setFreeClaimsLeft_EmitsAndSets() public {
        vm.expectEmit(address(registry));
        emit IUnitRegistry.FreeClaimsSet(7);
        _setFreeClaimsLeft(7);
        assertEq(registry.freeClaimsLeft(), 7, "left");
    }

    function test_setFreeClaimsLeft_RevertWhen_NotGovernance() public {
        vm.expectRevert(abi.encodeWithSignature("AccessManagedUnauthorized(address)", alice));
        vm.prank(alice);
        registry.setFreeClaimsLeft(type(uint64).max);
        assertEq(registry.freeClaimsLeft(), FREE_CLAIM_CAP, "unchanged");
    }

    // =========================================================================================
    // Re-entrancy through the ERC-721 receiver hook
    // =========================================================================================

    /// @notice Claims mint without `onERC721Received`: a contract claiming gets no hook to re-enter from.
    function test_claim_DoesNotCallTheReceiverHook() public {
        ReentrantUnitReceiver receiver = new ReentrantUnitReceiver(registry);
        receiver.addCallback(address(registry), abi.encodeCall(IUnitRegistry.claim, (NEXT_DOOR)));
        receiver.act(address(registry), abi.encodeCall(IUnitRegistry.claim, (HOME)));

        assertEq(registry.ownerOf(HOME), address(receiver), "owner");
        assertEq(receiver.callbacks(), 0, "no hook");
        _expectNotOwned(NEXT_DOOR);
    }

    /// @notice A receiver re-entering the free claim from `onERC721Received` (during a
    /// `safeTransferFrom`) is held to the same rules as anyone: the unit in flight is owned, its
    /// one free claim works once, and a second is refused.
    function test_claim_ReentrantReceiverGetsOneFreeUnitOnly() public {
        _claim(alice, HOME);
        ReentrantUnitReceiver receiver = new ReentrantUnitReceiver(registry);
        receiver.addCallback(address(registry), abi.encodeCall(IUnitRegistry.claim, (HOME)));
        receiver.addCallback(address(registry), abi.encodeCall(IUnitRegistry.claim, (NEXT_DOOR)));
        receiver.addCallback(address(registry), abi.encodeCall(IUnitRegistry.claim, (HOME + 2)));

        vm.prank(alice);
        registry.safeTransferFrom(alice, address(receiver), HOME);

        assertEq(receiver.callbacks(), 1, "one callback");
        assertEq(receiver.ownerSeenInCallback(), address(receiver), "ownership moved before the hook");
        assertEq(
            receiver.results(0),
            abi.encodeWithSelector(IUnitRegistry.UnitAlreadyOwned.selector, HOME),
            "the unit in flight"
        );
        assertTrue(receiver.succeeded(1), "its own first claim");
        assertEq(
            receiver.results(2),
            abi.encodeWithSelector(IUnitRegistry.UnitFreeClaimUsed.selector, address(receiver)),
            "a second claim"
        );
        assertEq(registry.balanceOf(address(receiver)), 2, "receiver");
        assertEq(registry.balanceOf(alice), 0, "alice");
        assertEq(registry.freeClaimsLeft(), FREE_CLAIM_CAP - 2, "two claims in all");
        _expectNotOwned(HOME + 2);
    }

    function _expectNotOwned(uint256 unitId) internal {
        vm.expectRevert(abi.encodeWithSignature("ERC721NonexistentToken(uint256)", unitId));
        registry.ownerOf(unitId);
    }
}
