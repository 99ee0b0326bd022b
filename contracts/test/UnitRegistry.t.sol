// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {Test} from "./utils/Test.sol";
import {Vm} from "./utils/Vm.sol";
import {ReentrantUnitReceiver, CountingUnitReceiver} from "./mocks/UnitReceivers.sol";
import {IUnitRegistry} from "../interfaces/IUnitRegistry.sol";
import {UnitRegistry} from "../land/UnitRegistry.sol";
import {UnitAddress} from "../libraries/UnitAddress.sol";

contract UnitRegistryTest is Test {
    UnitRegistry internal registry;
    address internal alice;
    address internal bob;
    address internal carol;

    /// @dev Residential district, neighbourhood 42, building 7, floor 12, units 3 and 4.
    uint256 internal constant HOME = 0x01_002a_07_0c_03;
    uint256 internal constant NEXT_DOOR = 0x01_002a_07_0c_04;
    uint256 internal constant ACROSS_THE_HALL = 0x01_002a_07_0c_05;
    uint256 internal constant OFFICE = 0x02_002a_07_0c_03;

    /// @dev A CIDv1 (base32, sha2-256): 59 characters, the common case.
    string internal constant CID = "bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi";
    string internal constant OTHER_CID = "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku";

    function setUp() public {
        registry = new UnitRegistry();
        alice = makeAddr("alice");
        bob = makeAddr("bob");
        carol = makeAddr("carol");
    }

    // =========================================================================================
    // claim
    // =========================================================================================

    function test_claim_MintsTheUnitToTheCaller() public {
        _claim(alice, HOME);

        assertEq(registry.ownerOf(HOME), alice, "owner");
        assertEq(registry.balanceOf(alice), 1, "balance");
        assertTrue(registry.hasClaimedFree(alice), "free claim used");
        assertFalse(registry.hasClaimedFree(bob), "others' free claim untouched");
        assertEq(registry.contentOf(HOME), "", "no content yet");
    }

    /// @notice The subgraph relies on the mint's `Transfer` coming before `UnitClaimed`.
    function test_claim_EmitsTransferThenUnitClaimed() public {
        vm.recordLogs();
        _claim(alice, HOME);
        Vm.Log[] memory logs = vm.getRecordedLogs();

        assertEq(logs.length, 2, "log count");
        assertEq(logs[0].emitter, address(registry), "Transfer emitter");
        assertEq(logs[0].topics[0], IERC721.Transfer.selector, "first log is Transfer");
        assertEq(logs[0].topics[1], bytes32(0), "Transfer from");
        assertEq(logs[0].topics[2], bytes32(uint256(uint160(alice))), "Transfer to");
        assertEq(logs[0].topics[3], bytes32(HOME), "Transfer tokenId");
        assertEq(logs[1].emitter, address(registry), "UnitClaimed emitter");
        assertEq(logs[1].topics[0], IUnitRegistry.UnitClaimed.selector, "second log is UnitClaimed");
        assertEq(logs[1].topics[1], bytes32(HOME), "UnitClaimed unitId");
        assertEq(logs[1].topics[2], bytes32(uint256(uint160(alice))), "UnitClaimed owner");
        assertEq(logs[1].data.length, 0, "UnitClaimed has no data");
    }

    function test_claim_EmitsUnitClaimed() public {
        vm.expectEmit(address(registry));
        emit IUnitRegistry.UnitClaimed(HOME, alice);
        _claim(alice, HOME);
    }

    function test_claim_DoesNotCallTheReceiverHook() public {
        CountingUnitReceiver receiver = new CountingUnitReceiver();
        receiver.claim(registry, HOME);
        assertEq(registry.ownerOf(HOME), address(receiver), "owner");
        assertEq(receiver.callbacks(), 0, "claim mints without a callback");
    }

    function test_claim_RevertWhen_ClaimTwice() public {
        _claim(alice, HOME);
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.UnitFreeClaimUsed.selector, alice));
        _claim(alice, NEXT_DOOR);
    }

    function test_claim_RevertWhen_ClaimAgainAfterGivingTheFirstUnitAway() public {
        _claim(alice, HOME);
        vm.prank(alice);
        registry.transferFrom(alice, bob, HOME);

        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.UnitFreeClaimUsed.selector, alice));
        _claim(alice, NEXT_DOOR);
    }

    function test_claim_RevertWhen_NotResidential() public {
        for (uint8 district = UnitAddress.BUSINESS; district <= UnitAddress.SHOPPING; ++district) {
            uint256 unitId = (uint256(district) << 40) | (HOME & ((1 << 40) - 1));
            vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.UnitNotResidential.selector, unitId));
            _claim(alice, unitId);
        }
        assertFalse(registry.hasClaimedFree(alice), "a rejected claim does not use the free claim");
    }

    function test_claim_RevertWhen_UnitTaken() public {
        _claim(alice, HOME);
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.UnitAlreadyClaimed.selector, HOME));
        _claim(bob, HOME);

        assertEq(registry.ownerOf(HOME), alice, "owner unchanged");
        assertFalse(registry.hasClaimedFree(bob), "bob keeps his free claim");
        _claim(bob, NEXT_DOOR);
        assertEq(registry.ownerOf(NEXT_DOOR), bob, "bob claims another unit");
    }

    function test_claim_RevertWhen_IdIsZero() public {
        _expectClaimRevertsInvalid(0);
    }

    function test_claim_RevertWhen_IdHasHighBitsSet() public {
        _expectClaimRevertsInvalid(HOME | (1 << 48));
        _expectClaimRevertsInvalid(HOME | (1 << 255));
    }

    function test_claim_RevertWhen_FieldOutOfRange() public {
        _expectClaimRevertsInvalid(0x01_0510_00_00_00); // neighbourhood 1296
        _expectClaimRevertsInvalid(0x01_0000_24_00_00); // building 36
        _expectClaimRevertsInvalid(0x01_0000_00_24_00); // floor 36
        _expectClaimRevertsInvalid(0x01_0000_00_00_24); // unit 36
    }

    /// @notice District 5 does not exist: the id is malformed, not merely non-residential.
    function test_claim_RevertWhen_DistrictDoesNotExist() public {
        _expectClaimRevertsInvalid(0x05_002a_07_0c_03);
    }

    function testFuzz_claim_AnyResidentialUnit(address claimer, uint256 seed) public {
        vm.assume(claimer != address(0));
        uint256 unitId = _residentialUnit(seed);

        _claim(claimer, unitId);

        assertEq(registry.ownerOf(unitId), claimer, "owner");
        assertTrue(registry.hasClaimedFree(claimer), "free claim used");
    }

    function testFuzz_claim_RevertWhen_NotResidential(uint256 seed, uint8 district) public {
        uint256 unitId = _residentialUnit(seed);
        unitId = (unitId & ((1 << 40) - 1)) | (bound(district, UnitAddress.BUSINESS, UnitAddress.SHOPPING) << 40);
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.UnitNotResidential.selector, unitId));
        _claim(alice, unitId);
    }

    function testFuzz_claim_RevertWhen_IdIsMalformed(uint256 unitId) public {
        vm.assume(!_isValidId(unitId));
        _expectClaimRevertsInvalid(unitId);
    }

    // =========================================================================================
    // setContent / contentOf
    // =========================================================================================

    function test_setContent_ByOwner() public {
        _claim(alice, HOME);
        assertEq(bytes(CID).length, 59, "fixture is a 59-character CIDv1");

        vm.expectEmit(address(registry));
        emit IUnitRegistry.UnitContentSet(HOME, alice, CID);
        _setContent(alice, HOME, CID);

        assertEq(registry.contentOf(HOME), CID);
    }

    function test_setContent_ByApprovedAccount() public {
        _claim(alice, HOME);
        vm.prank(alice);
        registry.approve(bob, HOME);

        vm.expectEmit(address(registry));
        emit IUnitRegistry.UnitContentSet(HOME, bob, CID);
        _setContent(bob, HOME, CID);

        assertEq(registry.contentOf(HOME), CID);
    }

    function test_setContent_ByOperator() public {
        _claim(alice, HOME);
        vm.prank(alice);
        registry.setApprovalForAll(carol, true);

        vm.expectEmit(address(registry));
        emit IUnitRegistry.UnitContentSet(HOME, carol, CID);
        _setContent(carol, HOME, CID);

        assertEq(registry.contentOf(HOME), CID);
    }

    function test_setContent_RevertWhen_CallerIsAStranger() public {
        _claim(alice, HOME);
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.UnitContentUnauthorized.selector, HOME, carol));
        _setContent(carol, HOME, CID);
    }

    function test_setContent_RevertWhen_OperatorApprovalWasRevoked() public {
        _claim(alice, HOME);
        vm.startPrank(alice);
        registry.setApprovalForAll(carol, true);
        registry.setApprovalForAll(carol, false);
        vm.stopPrank();

        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.UnitContentUnauthorized.selector, HOME, carol));
        _setContent(carol, HOME, CID);
    }

    function test_setContent_RevertWhen_PreviousOwnerAfterTransfer() public {
        _claim(alice, HOME);
        vm.prank(alice);
        registry.transferFrom(alice, bob, HOME);

        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.UnitContentUnauthorized.selector, HOME, alice));
        _setContent(alice, HOME, CID);
    }

    function test_setContent_RevertWhen_ApprovalWasClearedByTransfer() public {
        _claim(alice, HOME);
        vm.startPrank(alice);
        registry.approve(carol, HOME);
        registry.transferFrom(alice, bob, HOME);
        vm.stopPrank();

        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.UnitContentUnauthorized.selector, HOME, carol));
        _setContent(carol, HOME, CID);
    }

    function test_setContent_ByNewOwnerAfterTransfer() public {
        _claim(alice, HOME);
        vm.prank(alice);
        registry.transferFrom(alice, bob, HOME);

        _setContent(bob, HOME, CID);
        assertEq(registry.contentOf(HOME), CID);
    }

    function test_setContent_AcceptsCidOfExactlyMaxLength() public {
        _claim(alice, HOME);
        string memory longest = _cidOfLength(registry.MAX_CID_LENGTH());
        _setContent(alice, HOME, longest);
        assertEq(registry.contentOf(HOME), longest);
    }

    function test_setContent_RevertWhen_CidIsOneByteTooLong() public {
        _claim(alice, HOME);
        uint256 max = registry.MAX_CID_LENGTH();
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.UnitContentTooLong.selector, HOME, max + 1, max));
        _setContent(alice, HOME, _cidOfLength(max + 1));
    }

    function test_setContent_EmptyCidClearsContent() public {
        _claim(alice, HOME);
        _setContent(alice, HOME, CID);

        vm.expectEmit(address(registry));
        emit IUnitRegistry.UnitContentSet(HOME, alice, "");
        _setContent(alice, HOME, "");

        assertEq(registry.contentOf(HOME), "");
    }

    function test_setContent_ReplacesEarlierContent() public {
        _claim(alice, HOME);
        _setContent(alice, HOME, _cidOfLength(100));
        _setContent(alice, HOME, CID);
        assertEq(registry.contentOf(HOME), CID, "shorter CID fully replaces a longer one");
    }

    function test_setContent_RevertWhen_UnitDoesNotExist() public {
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, HOME));
        _setContent(alice, HOME, CID);
    }

    function test_setContent_KeepsUnitsApart() public {
        _claim(alice, HOME);
        _claim(bob, NEXT_DOOR);
        _setContent(alice, HOME, CID);
        _setContent(bob, NEXT_DOOR, OTHER_CID);
        assertEq(registry.contentOf(HOME), CID, "alice's unit");
        assertEq(registry.contentOf(NEXT_DOOR), OTHER_CID, "bob's unit");
    }

    function testFuzz_setContent_OnlyOwnerApprovedOrOperator(address caller, uint8 role, uint256 length) public {
        vm.assume(caller != address(0) && caller != alice);
        _claim(alice, HOME);
        role = uint8(bound(role, 0, 2)); // 0: stranger, 1: approved for the unit, 2: operator
        vm.startPrank(alice);
        if (role == 1) registry.approve(caller, HOME);
        if (role == 2) registry.setApprovalForAll(caller, true);
        vm.stopPrank();
        string memory cid = _cidOfLength(bound(length, 0, registry.MAX_CID_LENGTH()));

        if (role == 0) {
            vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.UnitContentUnauthorized.selector, HOME, caller));
        }
        _setContent(caller, HOME, cid);

        assertEq(registry.contentOf(HOME), role == 0 ? "" : cid);
    }

    function testFuzz_setContent_RevertWhen_CidIsTooLong(uint256 length) public {
        _claim(alice, HOME);
        uint256 max = registry.MAX_CID_LENGTH();
        length = bound(length, max + 1, 4 * max);
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.UnitContentTooLong.selector, HOME, length, max));
        _setContent(alice, HOME, _cidOfLength(length));
    }

    function test_contentOf_RevertWhen_UnitDoesNotExist() public {
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, HOME));
        registry.contentOf(HOME);
    }

    // =========================================================================================
    // Transfers
    // =========================================================================================

    function test_transferFrom_KeepsContent() public {
        _claim(alice, HOME);
        _setContent(alice, HOME, CID);
        vm.prank(alice);
        registry.transferFrom(alice, bob, HOME);

        assertEq(registry.ownerOf(HOME), bob, "owner");
        assertEq(registry.contentOf(HOME), CID, "content travels with the unit");
    }

    function test_safeTransferFrom_KeepsContent() public {
        _claim(alice, HOME);
        _setContent(alice, HOME, CID);
        CountingUnitReceiver receiver = new CountingUnitReceiver();
        vm.prank(alice);
        registry.safeTransferFrom(alice, address(receiver), HOME);

        assertEq(registry.ownerOf(HOME), address(receiver), "owner");
        assertEq(receiver.callbacks(), 1, "receiver hook called once");
        assertEq(registry.contentOf(HOME), CID, "content travels with the unit");
    }

    function test_transferFrom_DoesNotRestoreTheFreeClaim() public {
        _claim(alice, HOME);
        vm.prank(alice);
        registry.transferFrom(alice, bob, HOME);
        assertTrue(registry.hasClaimedFree(alice), "sender's claim stays used");
        assertFalse(registry.hasClaimedFree(bob), "receiving a unit is not claiming one");
    }

    // =========================================================================================
    // Re-entrancy through the ERC-721 receiver hook
    // =========================================================================================

    /// @notice A receiver that calls back into the registry mid-transfer sees itself as the
    /// owner already (effects before the hook) and can do exactly what any owner could: use its
    /// own single free claim and decorate the unit it now holds; nothing more.
    function test_safeTransferFrom_ReentrantReceiverCannotBreakTheRules() public {
        _claim(alice, HOME);
        _setContent(alice, HOME, CID);
        _claim(carol, ACROSS_THE_HALL);
        ReentrantUnitReceiver receiver = new ReentrantUnitReceiver(
            registry,
            NEXT_DOOR,
            0x01_0000_00_00_00,
            ACROSS_THE_HALL,
            address(0)
        );

        vm.prank(alice);
        registry.safeTransferFrom(alice, address(receiver), HOME);

        assertEq(receiver.callbacks(), 1, "one callback");
        assertEq(receiver.ownerSeenInCallback(), address(receiver), "ownership moved before the hook");
        assertEq(receiver.claimError(), "", "its own first free claim succeeds");
        assertEq(
            receiver.secondClaimError(),
            abi.encodeWithSelector(IUnitRegistry.UnitFreeClaimUsed.selector, address(receiver)),
            "a second claim fails"
        );
        assertEq(
            receiver.claimReceivedError(),
            abi.encodeWithSelector(IUnitRegistry.UnitFreeClaimUsed.selector, address(receiver)),
            "claiming the received unit fails"
        );
        assertEq(receiver.setContentError(), "", "the new owner may decorate");
        assertEq(
            receiver.strangerContentError(),
            abi.encodeWithSelector(IUnitRegistry.UnitContentUnauthorized.selector, ACROSS_THE_HALL, address(receiver)),
            "another owner's unit stays closed"
        );

        assertEq(registry.ownerOf(HOME), address(receiver), "HOME owner");
        assertEq(registry.ownerOf(NEXT_DOOR), address(receiver), "NEXT_DOOR owner");
        assertEq(registry.balanceOf(address(receiver)), 2, "receiver balance");
        assertEq(registry.balanceOf(alice), 0, "alice balance");
        assertEq(registry.contentOf(HOME), "set-from-callback", "HOME content");
        assertEq(registry.contentOf(ACROSS_THE_HALL), "", "carol's content untouched");
        assertEq(registry.ownerOf(ACROSS_THE_HALL), carol, "carol's unit untouched");
    }

    /// @notice Claiming the unit being received is refused as "already claimed" when the
    /// receiver's own free claim is still unused.
    function test_safeTransferFrom_ReentrantReceiverCannotClaimTheUnitInFlight() public {
        _claim(alice, HOME);
        // firstClaim is the unit in flight itself, so the first attempt hits UnitAlreadyClaimed.
        ReentrantUnitReceiver receiver = new ReentrantUnitReceiver(registry, HOME, NEXT_DOOR, HOME, address(0));

        vm.prank(alice);
        registry.safeTransferFrom(alice, address(receiver), HOME);

        assertEq(
            receiver.claimError(),
            abi.encodeWithSelector(IUnitRegistry.UnitAlreadyClaimed.selector, HOME),
            "unit in flight"
        );
        assertEq(receiver.secondClaimError(), "", "the failed attempt did not use the free claim");
        assertEq(registry.ownerOf(NEXT_DOOR), address(receiver), "NEXT_DOOR owner");
    }

    /// @notice A receiver that passes the unit on inside its hook leaves consistent balances.
    function test_safeTransferFrom_ReentrantReceiverPassingTheUnitOn() public {
        _claim(alice, HOME);
        ReentrantUnitReceiver receiver = new ReentrantUnitReceiver(
            registry,
            NEXT_DOOR,
            ACROSS_THE_HALL,
            ACROSS_THE_HALL,
            bob
        );

        vm.prank(alice);
        registry.safeTransferFrom(alice, address(receiver), HOME);

        assertEq(registry.ownerOf(HOME), bob, "final owner");
        assertEq(registry.balanceOf(alice), 0, "alice balance");
        assertEq(registry.balanceOf(bob), 1, "bob balance");
        assertEq(registry.balanceOf(address(receiver)), 1, "receiver keeps only its claim");
        assertEq(registry.contentOf(HOME), "set-from-callback", "content written mid-flight survives");
    }

    function test_safeTransferFrom_RevertWhen_ReceiverRejectsLeavesStateUnchanged() public {
        _claim(alice, HOME);
        _setContent(alice, HOME, CID);
        address notAReceiver = address(registry); // a contract without onERC721Received

        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721InvalidReceiver.selector, notAReceiver));
        vm.prank(alice);
        registry.safeTransferFrom(alice, notAReceiver, HOME);

        assertEq(registry.ownerOf(HOME), alice, "owner unchanged");
        assertEq(registry.contentOf(HOME), CID, "content unchanged");
    }

    // =========================================================================================
    // ERC-165
    // =========================================================================================

    function test_supportsInterface_AdvertisesRegistryAndErc721() public view {
        assertTrue(registry.supportsInterface(type(IUnitRegistry).interfaceId), "IUnitRegistry");
        assertTrue(registry.supportsInterface(type(IERC721).interfaceId), "IERC721");
        assertTrue(registry.supportsInterface(type(IERC165).interfaceId), "IERC165");
        assertFalse(registry.supportsInterface(0xffffffff), "0xffffffff");
    }

    // =========================================================================================
    // Helpers
    // =========================================================================================

    function _claim(address who, uint256 unitId) internal {
        vm.prank(who);
        registry.claim(unitId);
    }

    function _setContent(address who, uint256 unitId, string memory cid) internal {
        vm.prank(who);
        registry.setContent(unitId, cid);
    }

    function _expectClaimRevertsInvalid(uint256 unitId) internal {
        vm.expectRevert(abi.encodeWithSelector(UnitAddress.UnitIdInvalid.selector, unitId));
        _claim(alice, unitId);
    }

    function _residentialUnit(uint256 seed) internal pure returns (uint256) {
        return
            (uint256(UnitAddress.RESIDENTIAL) << 40) |
            (bound(seed >> 128, 0, UnitAddress.NEIGHBOURHOODS_PER_DISTRICT - 1) << 24) |
            (bound(seed >> 64 & 0xff, 0, UnitAddress.BUILDINGS_PER_NEIGHBOURHOOD - 1) << 16) |
            (bound(seed >> 8 & 0xff, 0, UnitAddress.FLOORS_PER_BUILDING - 1) << 8) |
            bound(seed & 0xff, 0, UnitAddress.UNITS_PER_FLOOR - 1);
    }

    function _isValidId(uint256 unitId) internal pure returns (bool) {
        return
            unitId >> 48 == 0 &&
            UnitAddress.isValid(
                UnitAddress.Parts({
                    district: uint8(unitId >> 40),
                    neighbourhood: uint16(unitId >> 24),
                    building: uint8(unitId >> 16),
                    floor: uint8(unitId >> 8),
                    unit: uint8(unitId)
                })
            );
    }

    /// @dev A base32-alphabet string of exactly `length` bytes.
    function _cidOfLength(uint256 length) internal pure returns (string memory) {
        bytes memory alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        bytes memory out = new bytes(length);
        for (uint256 i; i < length; ++i) {
            out[i] = alphabet[i % alphabet.length];
        }
        return string(out);
    }
}
