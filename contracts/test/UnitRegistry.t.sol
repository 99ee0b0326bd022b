// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC721Metadata} from "@openzeppelin/contracts/token/ERC721/extensions/IERC721Metadata.sol";
import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {IERC2309} from "@openzeppelin/contracts/interfaces/IERC2309.sol";
import {IERC4906} from "@openzeppelin/contracts/interfaces/IERC4906.sol";
import {IAccessManaged} from "@openzeppelin/contracts/access/manager/IAccessManaged.sol";
import {Vm} from "./utils/Vm.sol";
import {LandFixture} from "./utils/LandFixture.sol";
import {CountingUnitReceiver} from "./mocks/UnitReceivers.sol";
import {MockUnitMetadata} from "./mocks/MockUnitMetadata.sol";
import {IUnitRegistry} from "../interfaces/IUnitRegistry.sol";
import {IUnitMetadata} from "../interfaces/IUnitMetadata.sol";
import {IMarkParameters} from "../interfaces/IMarkParameters.sol";
import {UnitRegistry} from "../land/UnitRegistry.sol";
import {LandRights} from "../land/LandRights.sol";
import {UnitAddress} from "../libraries/UnitAddress.sol";

/// @notice The registry on its own terms: a test land office (`office`, appointed by governance
/// with no cap) mints directly, so every refusal can be reached; the free claim and the real
/// offices are tested in `FreeClaim.t.sol`, `UnitSale.t.sol` and `FloorSale.t.sol`.
contract UnitRegistryTest is LandFixture {
    address internal office;
    uint40 internal paidUntil;

    uint64 internal constant RAW = 0x55;
    uint64 internal constant DAG_PB = 0x70;
    uint64 internal constant DAG_CBOR = 0x71;
    uint64 internal constant DAG_JSON = 0x0129;
    /// @dev sha2-256 digests, as literals: `sha256(...)` would be a precompile call under `expectRevert`.
    bytes32 internal constant SCENE = 0xf8448fb4b29375370a509d40fdc8eda87aa5213662f36466e35f16f24c1430cb; // sha256("scene manifest")
    bytes32 internal constant OTHER_SCENE = 0x92e47364b5d5412ffa66406151c41d0bb5cbd79ab849d304cbe3b2a36f5b6ca2; // sha256("another scene manifest")

    function setUp() public override {
        super.setUp();
        office = makeAddr("office");
        _setLandOffice(office, true, UNLIMITED);
        paidUntil = uint40(T0 + 365 days);
    }

    // =========================================================================================
    // Constructor and wiring
    // =========================================================================================

    function test_constructor_AppointsTheGenesisOffices() public view {
        assertEq(registry.freeClaimsLeft(), FREE_CLAIM_CAP, "free claims");
        _assertOffice(address(unitSale), true, UNLIMITED);
        _assertOffice(address(floorSale), true, UNLIMITED);
        _assertOffice(mallory, false, 0);
        assertEq(address(registry.parameters()), address(params), "parameters");
        assertEq(address(registry.metadataRenderer()), address(0), "no renderer");
        assertEq(registry.authority(), address(manager), "authority");
        assertEq(registry.name(), "Markspace Unit", "name");
        assertEq(registry.symbol(), "UNIT", "symbol");
    }

    function test_constructor_EmitsFreeClaimsSetAndLandOfficeSet() public {
        address[] memory offices = new address[](1);
        offices[0] = alice;
        uint64[] memory allowances = new uint64[](1);
        allowances[0] = 7;
        vm.expectEmit();
        emit IUnitRegistry.FreeClaimsSet(3);
        vm.expectEmit();
        emit IUnitRegistry.LandOfficeSet(alice, true, 7);
        new UnitRegistry(address(manager), params, IUnitMetadata(address(0)), 3, offices, allowances, alice);
    }

    function test_constructor_RevertWhen_ParametersAreZero() public {
        vm.expectRevert(IUnitRegistry.ZeroAddress.selector);
        new UnitRegistry(
            address(manager),
            IMarkParameters(address(0)),
            IUnitMetadata(address(0)),
            0,
            new address[](0),
            new uint64[](0),
            address(0)
        );
    }

    function test_constructor_RevertWhen_AnOfficeIsZero() public {
        vm.expectRevert(IUnitRegistry.ZeroAddress.selector);
        new UnitRegistry(address(manager), params, IUnitMetadata(address(0)), 0, new address[](1), new uint64[](1), address(0));
    }

    function test_constructor_RevertWhen_OfficesAndAllowancesDiffer() public {
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.LandOfficesMismatch.selector, 1, 2));
        new UnitRegistry(address(manager), params, IUnitMetadata(address(0)), 0, new address[](1), new uint64[](2), address(0));
    }

    // =========================================================================================
    // mint
    // =========================================================================================

    function test_mint_RecordsTheUnit() public {
        _mint(alice, OFFICE);

        assertEq(registry.ownerOf(OFFICE), alice, "owner");
        assertEq(registry.balanceOf(alice), 1, "balance");
        assertEq(registry.storagePaidUntil(OFFICE), paidUntil, "storage");
        assertEq(registry.transferCount(OFFICE), 0, "transfers");
        assertEq(registry.roomsOf(OFFICE), 0, "rooms");
        assertEq(uint256(registry.privacyOf(OFFICE)), uint256(IUnitRegistry.Privacy.Public), "privacy");
        assertFalse(registry.hasClaimedFree(alice), "a paid mint is not the free claim");
        (address rangeOwner, , bool hasSingles) = registry.floorRange(OFFICE_FLOOR);
        assertEq(rangeOwner, address(0), "no range");
        assertTrue(hasSingles, "floor marked");
    }

    /// @notice The subgraph relies on the mint's `Transfer` coming before `UnitMinted`.
    function test_mint_EmitsTransferThenUnitMinted() public {
        vm.recordLogs();
        vm.prank(office);
        registry.mint(alice, OFFICE, paidUntil);
        Vm.Log[] memory logs = vm.getRecordedLogs();

        assertEq(logs.length, 2, "log count");
        assertEq(logs[0].topics[0], IERC721.Transfer.selector, "first log is Transfer");
        assertEq(logs[0].topics[1], bytes32(0), "from");
        assertEq(logs[0].topics[2], bytes32(uint256(uint160(alice))), "to");
        assertEq(logs[0].topics[3], bytes32(OFFICE), "tokenId");
        assertEq(logs[1].topics[0], IUnitRegistry.UnitMinted.selector, "second log is UnitMinted");
        assertEq(logs[1].data, abi.encode(paidUntil), "UnitMinted data");
    }

    function test_mint_DoesNotCallTheReceiverHook() public {
        CountingUnitReceiver receiver = new CountingUnitReceiver();
        _mint(address(receiver), OFFICE);
        assertEq(registry.ownerOf(OFFICE), address(receiver), "owner");
        assertEq(receiver.callbacks(), 0, "no callback on mint");
    }

    function test_mint_RevertWhen_CallerIsNotAnActiveOffice() public {
        address[4] memory callers = [alice, governance, address(manager), address(this)];
        for (uint256 i; i < callers.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.LandOfficeUnauthorized.selector, callers[i]));
            vm.prank(callers[i]);
            registry.mint(callers[i], OFFICE, paidUntil);
        }
    }

    function test_mint_RevertWhen_OfficeWasClosed() public {
        _setLandOffice(office, false, UNLIMITED);
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.LandOfficeUnauthorized.selector, office));
        _mint(alice, OFFICE);
    }

    function test_mint_SpendsTheAllowanceToZero() public {
        _setLandOffice(office, true, 2);
        _mint(alice, OFFICE);
        _mint(alice, OFFICE_NEXT_DOOR);
        _assertOffice(office, true, 0);
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.LandOfficeAllowanceExceeded.selector, office, 1, 0));
        _mint(alice, HALL);
    }

    function test_mint_UnlimitedAllowanceIsNeverSpent() public {
        _mint(alice, OFFICE);
        _mintFloor(alice, FREE_FLOOR);
        _assertOffice(office, true, UNLIMITED);
    }

    function test_mint_RevertWhen_ToIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721InvalidReceiver.selector, address(0)));
        _mint(address(0), OFFICE);
    }

    function test_mint_RevertWhen_IdIsOutsideTheAddressSpace() public {
        _expectMintInvalid(0);
        _expectMintInvalid(OFFICE | (1 << 64));
        _expectMintInvalid(OFFICE | (1 << 255));
        _expectMintInvalid(_unitId(2, 1, 0, 0, 0, 0)); // space 2
        _expectMintInvalid(_unitId(0, 0, 0, 0, 0, 0) | 1); // district 0
        _expectMintInvalid(_unitId(0, 1, 1296, 0, 0, 0)); // neighbourhood 1296
        _expectMintInvalid(_unitId(0, 1, 0, 36, 0, 0)); // building 36
        _expectMintInvalid(_unitId(0, 1, 0, 0, 36, 0)); // floor 36
        _expectMintInvalid(_unitId(0, 1, 0, 0, 0, 625)); // interior unit 625
        _expectMintInvalid(_unitId(1, 1, 0, 0, 0, 125)); // external unit 125
    }

    function test_mint_AcceptsEveryFieldAtItsMaximum() public {
        _mint(alice, _unitId(0, 4, 1295, 35, 35, 624));
        _mint(alice, _unitId(1, 4, 1295, 35, 35, 124));
        assertEq(registry.balanceOf(alice), 2);
    }

    function testFuzz_mint_RefusesEveryIdThatIsNotAnOpenUnit(uint256 unitId) public {
        if (!UnitAddress.isValidId(unitId)) {
            vm.expectRevert(abi.encodeWithSelector(UnitAddress.UnitIdInvalid.selector, unitId));
        } else if (UnitAddress.districtOf(unitId) > UnitAddress.SEED_DISTRICTS) {
            vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.UnitNotOpen.selector, unitId));
        }
        _mint(alice, unitId);
    }

    function test_mint_RevertWhen_DistrictIsNotOpen() public {
        uint256 unitId = _unitId(0, 5, 0, 0, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.UnitNotOpen.selector, unitId));
        _mint(alice, unitId);
        unitId = _unitId(1, 255, 0, 0, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.UnitNotOpen.selector, unitId));
        _mint(alice, unitId);
    }

    function test_mint_InAnOpenedDistrictOnlyUpToItsNeighbourhoods() public {
        _openDistrict(5, IUnitRegistry.UnitType.Commercial, 10);
        _mint(alice, _unitId(0, 5, 9, 0, 0, 0));
        uint256 closed = _unitId(0, 5, 10, 0, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.UnitNotOpen.selector, closed));
        _mint(alice, closed);
    }

    function test_mint_RevertWhen_UnitIsOwned() public {
        _mint(alice, OFFICE);
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.UnitAlreadyOwned.selector, OFFICE));
        _mint(bob, OFFICE);
    }

    function test_mint_RevertWhen_UnitIsInARange() public {
        _mintFloor(alice, OFFICE_FLOOR);
        for (uint256 unit; unit < UNITS_PER_FLOOR; unit += 312) {
            vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.UnitAlreadyOwned.selector, OFFICE_FLOOR + unit));
            _mint(bob, OFFICE_FLOOR + unit);
        }
    }

    /// @notice A range unit that got a record of its own (here: privacy) is still not for sale.
    function test_mint_RevertWhen_RangeUnitHasItsOwnRecord() public {
        _mintFloor(alice, OFFICE_FLOOR);
        vm.prank(alice);
        registry.setPrivacy(OFFICE, IUnitRegistry.Privacy.Private);
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.UnitAlreadyOwned.selector, OFFICE));
        _mint(bob, OFFICE);
    }

    /// @notice A floor's facades are not part of its range: they are sold on their own, and
    /// selling one does not stop the floor from being sold whole.
    function test_mint_ExternalSurfacesAreNotPartOfTheFloor() public {
        uint256 panel = _unitId(1, 2, 42, 7, 12, 17);
        _mint(bob, panel);
        _mintFloor(alice, OFFICE_FLOOR);
        assertEq(registry.ownerOf(panel), bob, "panel");
        _mint(bob, _unitId(1, 2, 42, 7, 12, 18));
        assertEq(registry.balanceOf(alice), UNITS_PER_FLOOR, "range");
    }

    // =========================================================================================
    // mintFloor
    // =========================================================================================

    function test_mintFloor_OwnsEveryUnitOfTheFloor() public {
        _mintFloor(alice, OFFICE_FLOOR);

        assertEq(registry.balanceOf(alice), UNITS_PER_FLOOR, "balance");
        (address rangeOwner, uint40 rangePaidUntil, bool hasSingles) = registry.floorRange(OFFICE_FLOOR);
        assertEq(rangeOwner, alice, "range owner");
        assertEq(rangePaidUntil, paidUntil, "range storage");
        assertFalse(hasSingles, "no singles");
        for (uint256 unit; unit < UNITS_PER_FLOOR; ++unit) {
            assertEq(registry.ownerOf(OFFICE_FLOOR + unit), alice, "owner of a range unit");
        }
        assertEq(registry.storagePaidUntil(OFFICE_FLOOR + 624), paidUntil, "unit storage");
        assertEq(registry.transferCount(OFFICE_FLOOR + 624), 0, "unit transfers");
    }

    function test_mintFloor_OwnsNothingOutsideTheFloor() public {
        _mintFloor(alice, OFFICE_FLOOR);
        _expectNonexistent(OFFICE_FLOOR + UNITS_PER_FLOOR); // unit 625
        _expectNonexistent(OFFICE_FLOOR + 0xffff);
        _expectNonexistent(OFFICE_FLOOR - 1); // unit 0xffff of the floor below
        _expectNonexistent(OFFICE_FLOOR + (1 << 16)); // the floor above
        _expectNonexistent(OFFICE_FLOOR | (1 << 56)); // the floor's first facade panel
        _expectNonexistent(OFFICE_FLOOR | (1 << 64)); // high bits
    }

    /// @notice ERC-2309: one `ConsecutiveTransfer` for the 625 ids, then the floor's storage; no
    /// per-unit `Transfer`.
    function test_mintFloor_EmitsConsecutiveTransferAndFloorStorage() public {
        vm.recordLogs();
        _mintFloor(alice, OFFICE_FLOOR);
        Vm.Log[] memory logs = vm.getRecordedLogs();

        assertEq(logs.length, 2, "log count");
        assertEq(logs[0].topics[0], IERC2309.ConsecutiveTransfer.selector, "ConsecutiveTransfer");
        assertEq(logs[0].topics[1], bytes32(OFFICE_FLOOR), "fromTokenId");
        assertEq(logs[0].data, abi.encode(OFFICE_FLOOR + 624), "toTokenId");
        assertEq(logs[0].topics[2], bytes32(0), "from");
        assertEq(logs[0].topics[3], bytes32(uint256(uint160(alice))), "to");
        assertEq(logs[1].topics[0], IUnitRegistry.FloorStorageExtended.selector, "FloorStorageExtended");
        assertEq(logs[1].topics[1], bytes32(OFFICE_FLOOR), "floorId");
        assertEq(logs[1].data, abi.encode(paidUntil), "paidUntil");
    }

    function test_mintFloor_RevertWhen_CallerIsNotAnOffice() public {
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.LandOfficeUnauthorized.selector, alice));
        vm.prank(alice);
        registry.mintFloor(alice, OFFICE_FLOOR, paidUntil);
    }

    function test_mintFloor_RevertWhen_AllowanceIsOneUnitShort() public {
        _setLandOffice(office, true, 624);
        vm.expectRevert(
            abi.encodeWithSelector(IUnitRegistry.LandOfficeAllowanceExceeded.selector, office, UNITS_PER_FLOOR, 624)
        );
        _mintFloor(alice, OFFICE_FLOOR);
        _setLandOffice(office, true, 625);
        _mintFloor(alice, OFFICE_FLOOR);
        _assertOffice(office, true, 0);
    }

    function test_mintFloor_RevertWhen_ToIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721InvalidReceiver.selector, address(0)));
        _mintFloor(address(0), OFFICE_FLOOR);
    }

    function test_mintFloor_RevertWhen_IdIsNotAFloor() public {
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.UnitNotInterior.selector, OFFICE));
        _mintFloor(alice, OFFICE);
        uint256 facades = OFFICE_FLOOR | (1 << 56);
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.UnitNotInterior.selector, facades));
        _mintFloor(alice, facades);
        uint256 floor36 = _unitId(0, 1, 0, 0, 36, 0);
        vm.expectRevert(abi.encodeWithSelector(UnitAddress.UnitIdInvalid.selector, floor36));
        _mintFloor(alice, floor36);
        vm.expectRevert(abi.encodeWithSelector(UnitAddress.UnitIdInvalid.selector, 0));
        _mintFloor(alice, 0);
    }

    function test_mintFloor_RevertWhen_DistrictIsNotOpen() public {
        uint256 floorId = _unitId(0, 6, 0, 0, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.UnitNotOpen.selector, floorId));
        _mintFloor(alice, floorId);
    }

    function test_mintFloor_RevertWhen_FloorIsAlreadyARange() public {
        _mintFloor(alice, OFFICE_FLOOR);
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.FloorNotFree.selector, OFFICE_FLOOR));
        _mintFloor(bob, OFFICE_FLOOR);
    }

    function test_mintFloor_RevertWhen_AUnitOfTheFloorWasSoldOnItsOwn() public {
        _mint(bob, OFFICE_FLOOR + 624);
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.FloorNotFree.selector, OFFICE_FLOOR));
        _mintFloor(alice, OFFICE_FLOOR);
    }

    // =========================================================================================
    // mintBuilding
    // =========================================================================================

    function test_mintBuilding_OwnsEveryFloor() public {
        vm.recordLogs();
        vm.prank(office);
        registry.mintBuilding(alice, FREE_BUILDING, paidUntil);
        Vm.Log[] memory logs = vm.getRecordedLogs();

        assertEq(registry.balanceOf(alice), UNITS_PER_BUILDING, "balance");
        assertEq(logs.length, 72, "one ConsecutiveTransfer and one FloorStorageExtended per floor");
        for (uint256 floor; floor < 36; ++floor) {
            uint256 floorId = FREE_BUILDING | (floor << 16);
            (address rangeOwner, uint40 rangePaidUntil, ) = registry.floorRange(floorId);
            assertEq(rangeOwner, alice, "range owner");
            assertEq(rangePaidUntil, paidUntil, "range storage");
            assertEq(logs[2 * floor].topics[0], IERC2309.ConsecutiveTransfer.selector, "event");
            assertEq(logs[2 * floor].topics[1], bytes32(floorId), "fromTokenId");
            assertEq(logs[2 * floor].data, abi.encode(floorId + 624), "toTokenId");
        }
        assertEq(registry.ownerOf(FREE_BUILDING | (35 << 16) | 624), alice, "last unit");
    }

    function test_mintBuilding_RevertWhen_IdHasAFloor() public {
        uint256 floorId = FREE_BUILDING | (3 << 16);
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.FloorNotFree.selector, floorId));
        vm.prank(office);
        registry.mintBuilding(alice, floorId, paidUntil);
    }

    function test_mintBuilding_RevertWhen_AFloorIsTaken() public {
        uint256 top = FREE_BUILDING | (35 << 16);
        _mintFloor(bob, top);
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.FloorNotFree.selector, top));
        vm.prank(office);
        registry.mintBuilding(alice, FREE_BUILDING, paidUntil);
        assertEq(registry.balanceOf(alice), 0, "nothing minted");
    }

    function test_mintBuilding_RevertWhen_AUnitWasSoldOnItsOwn() public {
        _mint(bob, OFFICE);
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.FloorNotFree.selector, OFFICE_FLOOR));
        vm.prank(office);
        registry.mintBuilding(alice, OFFICE_BUILDING, paidUntil);
    }

    function test_mintBuilding_RevertWhen_AllowanceIsShort() public {
        _setLandOffice(office, true, uint64(UNITS_PER_BUILDING - 1));
        vm.expectRevert(
            abi.encodeWithSelector(
                IUnitRegistry.LandOfficeAllowanceExceeded.selector,
                office,
                UNITS_PER_BUILDING,
                UNITS_PER_BUILDING - 1
            )
        );
        vm.prank(office);
        registry.mintBuilding(alice, FREE_BUILDING, paidUntil);
    }

    function test_mintBuilding_RevertWhen_CallerIsNotAnOffice() public {
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.LandOfficeUnauthorized.selector, alice));
        vm.prank(alice);
        registry.mintBuilding(alice, FREE_BUILDING, paidUntil);
    }

    // =========================================================================================
    // Transfers of range units
    // =========================================================================================

    function test_transferFrom_FirstMoveOutOfARange() public {
        _mintFloor(alice, OFFICE_FLOOR);

        vm.expectEmit(address(registry));
        emit IERC721.Transfer(alice, bob, OFFICE);
        vm.prank(alice);
        registry.transferFrom(alice, bob, OFFICE);

        assertEq(registry.ownerOf(OFFICE), bob, "moved unit");
        assertEq(registry.ownerOf(OFFICE_NEXT_DOOR), alice, "its neighbour stays in the range");
        assertEq(registry.balanceOf(alice), UNITS_PER_FLOOR - 1, "range owner's balance");
        assertEq(registry.balanceOf(bob), 1, "buyer's balance");
        assertEq(registry.transferCount(OFFICE), 1, "transfer count");
        assertEq(registry.transferCount(OFFICE_NEXT_DOOR), 0, "neighbour's transfer count");
        assertEq(registry.storagePaidUntil(OFFICE), paidUntil, "the floor's storage goes with it");
        (address rangeOwner, , ) = registry.floorRange(OFFICE_FLOOR);
        assertEq(rangeOwner, alice, "range owner unchanged");
    }

    /// @notice Once out of the range a unit keeps the storage it left with; the range's later
    /// storage is the range's.
    function test_transferFrom_MovedUnitNoLongerFollowsTheFloorsStorage() public {
        _mintFloor(alice, OFFICE_FLOOR);
        vm.prank(alice);
        registry.transferFrom(alice, bob, OFFICE);
        vm.prank(office);
        registry.extendFloorStorage(OFFICE_FLOOR, paidUntil + 10 days);

        assertEq(registry.storagePaidUntil(OFFICE), paidUntil, "moved unit");
        assertEq(registry.storagePaidUntil(OFFICE_NEXT_DOOR), paidUntil + 10 days, "range unit");
    }

    function test_transferFrom_RangeUnitByApprovedAccount() public {
        _mintFloor(alice, OFFICE_FLOOR);
        vm.expectEmit(address(registry));
        emit IERC721.Approval(alice, carol, OFFICE);
        vm.prank(alice);
        registry.approve(carol, OFFICE);
        assertEq(registry.getApproved(OFFICE), carol, "approved");
        assertEq(registry.balanceOf(alice), UNITS_PER_FLOOR, "an approval does not take the unit out");

        vm.prank(carol);
        registry.transferFrom(alice, bob, OFFICE);

        assertEq(registry.ownerOf(OFFICE), bob, "owner");
        assertEq(registry.getApproved(OFFICE), address(0), "approval cleared");
        assertEq(registry.balanceOf(alice), UNITS_PER_FLOOR - 1, "alice");
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721InsufficientApproval.selector, carol, OFFICE));
        vm.prank(carol);
        registry.transferFrom(bob, carol, OFFICE);
    }

    function test_transferFrom_RangeUnitByOperator() public {
        _mintFloor(alice, OFFICE_FLOOR);
        vm.expectEmit(address(registry));
        emit IERC721.ApprovalForAll(alice, carol, true);
        vm.prank(alice);
        registry.setApprovalForAll(carol, true);
        assertTrue(registry.isApprovedForAll(alice, carol), "operator");

        vm.startPrank(carol);
        registry.transferFrom(alice, bob, OFFICE);
        registry.safeTransferFrom(alice, bob, OFFICE_NEXT_DOOR);
        vm.stopPrank();

        assertEq(registry.ownerOf(OFFICE), bob, "OFFICE");
        assertEq(registry.ownerOf(OFFICE_NEXT_DOOR), bob, "OFFICE_NEXT_DOOR");
        assertEq(registry.balanceOf(bob), 2, "bob");
        assertEq(registry.balanceOf(alice), UNITS_PER_FLOOR - 2, "alice");
    }

    /// @notice ERC-721: an operator may approve another account for one unit of the owner.
    function test_approve_ByOperatorOfARangeUnit() public {
        _mintFloor(alice, OFFICE_FLOOR);
        vm.prank(alice);
        registry.setApprovalForAll(carol, true);
        vm.prank(carol);
        registry.approve(bob, OFFICE);
        vm.prank(bob);
        registry.transferFrom(alice, bob, OFFICE);
        assertEq(registry.ownerOf(OFFICE), bob);
    }

    function test_approve_RevertWhen_CallerIsNeitherOwnerNorOperator() public {
        _mintFloor(alice, OFFICE_FLOOR);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721InvalidApprover.selector, mallory));
        vm.prank(mallory);
        registry.approve(mallory, OFFICE);
    }

    function test_approve_RevokedApprovalCannotMoveARangeUnit() public {
        _mintFloor(alice, OFFICE_FLOOR);
        vm.startPrank(alice);
        registry.approve(carol, OFFICE);
        registry.approve(address(0), OFFICE);
        vm.stopPrank();
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721InsufficientApproval.selector, carol, OFFICE));
        vm.prank(carol);
        registry.transferFrom(alice, carol, OFFICE);
    }

    function test_transferFrom_RevertWhen_StrangerMovesARangeUnit() public {
        _mintFloor(alice, OFFICE_FLOOR);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721InsufficientApproval.selector, mallory, OFFICE));
        vm.prank(mallory);
        registry.transferFrom(alice, mallory, OFFICE);
    }

    function test_transferFrom_RevertWhen_FromIsNotTheOwner() public {
        _mintFloor(alice, OFFICE_FLOOR);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721IncorrectOwner.selector, bob, OFFICE, alice));
        vm.prank(alice);
        registry.transferFrom(bob, carol, OFFICE);
    }

    function test_transferFrom_RevertWhen_UnitDoesNotExist() public {
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, OFFICE));
        vm.prank(alice);
        registry.transferFrom(alice, bob, OFFICE);
    }

    function test_transferFrom_BackToTheRangeOwner() public {
        _mintFloor(alice, OFFICE_FLOOR);
        vm.prank(alice);
        registry.transferFrom(alice, bob, OFFICE);
        vm.prank(bob);
        registry.transferFrom(bob, alice, OFFICE);
        assertEq(registry.ownerOf(OFFICE), alice, "owner");
        assertEq(registry.balanceOf(alice), UNITS_PER_FLOOR, "balance");
        assertEq(registry.balanceOf(bob), 0, "bob");
        assertEq(registry.transferCount(OFFICE), 2, "transfers");
    }

    function test_transferFrom_ToSelfCountsAMove() public {
        _mint(alice, OFFICE);
        vm.prank(alice);
        registry.transferFrom(alice, alice, OFFICE);
        assertEq(registry.balanceOf(alice), 1, "balance");
        assertEq(registry.transferCount(OFFICE), 1, "transfers");
    }

    function test_transferFrom_KeepsContentRoomsAndPrivacy() public {
        _mintFloor(alice, OFFICE_FLOOR);
        vm.startPrank(alice);
        registry.setContent(OFFICE, SCENE, DAG_PB);
        registry.setPrivacy(OFFICE, IUnitRegistry.Privacy.Unlisted);
        vm.stopPrank();
        vm.prank(office);
        registry.addRooms(OFFICE, 2);
        vm.prank(alice);
        registry.transferFrom(alice, bob, OFFICE);

        (bytes32 digest, uint64 codec) = registry.contentOf(OFFICE);
        assertEq(digest, SCENE, "digest");
        assertEq(codec, DAG_PB, "codec");
        assertEq(registry.roomsOf(OFFICE), 2, "rooms");
        assertEq(uint256(registry.privacyOf(OFFICE)), uint256(IUnitRegistry.Privacy.Unlisted), "privacy");
    }

    function test_safeTransferFrom_CallsTheReceiverOnce() public {
        _mintFloor(alice, OFFICE_FLOOR);
        CountingUnitReceiver receiver = new CountingUnitReceiver();
        vm.prank(alice);
        registry.safeTransferFrom(alice, address(receiver), OFFICE, "hello");
        assertEq(receiver.callbacks(), 1, "callbacks");
        assertEq(registry.ownerOf(OFFICE), address(receiver), "owner");
    }

    function test_safeTransferFrom_RevertWhen_ReceiverIsNotAReceiver() public {
        _mintFloor(alice, OFFICE_FLOOR);
        address notAReceiver = address(params);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721InvalidReceiver.selector, notAReceiver));
        vm.prank(alice);
        registry.safeTransferFrom(alice, notAReceiver, OFFICE);
        assertEq(registry.ownerOf(OFFICE), alice, "unchanged");
        assertEq(registry.balanceOf(alice), UNITS_PER_FLOOR, "balance unchanged");
    }

    // =========================================================================================
    // Burning
    // =========================================================================================

    function test_transferFrom_RevertWhen_ToIsZero() public {
        _mint(alice, OFFICE);
        _mintFloor(alice, FREE_FLOOR);
        vm.startPrank(alice);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721InvalidReceiver.selector, address(0)));
        registry.transferFrom(alice, address(0), OFFICE);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721InvalidReceiver.selector, address(0)));
        registry.transferFrom(alice, address(0), FREE_FLOOR + 1);
        vm.stopPrank();
        assertEq(registry.balanceOf(alice), 1 + UNITS_PER_FLOOR, "balance");
    }

    function test_burn_DoesNotExist() public {
        _mint(alice, OFFICE);
        vm.prank(alice);
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, ) = address(registry).call(abi.encodeWithSignature("burn(uint256)", OFFICE));
        assertFalse(ok, "no burn function");
        assertEq(registry.ownerOf(OFFICE), alice, "still owned");
    }

    // =========================================================================================
    // setContent / contentOf
    // =========================================================================================

    function test_setContent_ByOwner() public {
        _mint(alice, OFFICE);
        vm.expectEmit(address(registry));
        emit IUnitRegistry.UnitContentSet(OFFICE, SCENE, RAW);
        vm.expectEmit(address(registry));
        emit IERC4906.MetadataUpdate(OFFICE);
        _setContent(alice, OFFICE, SCENE, RAW);
        _assertContent(OFFICE, SCENE, RAW);
    }

    function test_setContent_EveryCodecRoundTrips() public {
        _mint(alice, OFFICE);
        uint64[4] memory codecs = [DAG_PB, DAG_CBOR, DAG_JSON, RAW];
        for (uint256 i; i < codecs.length; ++i) {
            _setContent(alice, OFFICE, SCENE, codecs[i]);
            _assertContent(OFFICE, SCENE, codecs[i]);
        }
    }

    function test_setContent_RevertWhen_CodecIsUnsupported() public {
        _mint(alice, OFFICE);
        vm.expectRevert(abi.encodeWithSelector(UnitRegistry.UnitContentCodecUnsupported.selector, 0x12));
        _setContent(alice, OFFICE, SCENE, 0x12);
    }

    function test_setContent_ZeroDigestClearsTheScene() public {
        _mint(alice, OFFICE);
        _setContent(alice, OFFICE, SCENE, DAG_PB);
        _setContent(alice, OFFICE, bytes32(0), RAW);
        _assertContent(OFFICE, bytes32(0), RAW);
    }

    function test_setContent_ByDecoratorOfTheUnit() public {
        _mint(alice, OFFICE);
        _mint(alice, OFFICE_NEXT_DOOR);
        vm.expectEmit(address(registry));
        emit IUnitRegistry.UnitDecoratorSet(alice, OFFICE, carol);
        vm.prank(alice);
        registry.setDecorator(OFFICE, carol);
        assertEq(registry.decoratorOf(OFFICE), carol, "decoratorOf");
        assertTrue(registry.canDecorate(OFFICE, carol), "canDecorate");
        assertFalse(registry.canDecorate(OFFICE_NEXT_DOOR, carol), "only that unit");

        _setContent(carol, OFFICE, SCENE, RAW);
        _assertContent(OFFICE, SCENE, RAW);
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.UnitContentUnauthorized.selector, OFFICE_NEXT_DOOR, carol));
        _setContent(carol, OFFICE_NEXT_DOOR, SCENE, RAW);
    }

    function test_setContent_ByDecoratorForAll() public {
        _mint(alice, OFFICE);
        vm.expectEmit(address(registry));
        emit IUnitRegistry.DecoratorForAllSet(alice, carol, true);
        vm.prank(alice);
        registry.setDecoratorForAll(carol, true);
        assertTrue(registry.isDecoratorForAll(alice, carol), "isDecoratorForAll");

        // Units she gets later are covered too, ranges included.
        _mintFloor(alice, FREE_FLOOR);
        _setContent(carol, OFFICE, SCENE, RAW);
        _setContent(carol, FREE_FLOOR + 7, SCENE, DAG_CBOR);
        _assertContent(FREE_FLOOR + 7, SCENE, DAG_CBOR);

        vm.prank(alice);
        registry.setDecoratorForAll(carol, false);
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.UnitContentUnauthorized.selector, OFFICE, carol));
        _setContent(carol, OFFICE, OTHER_SCENE, RAW);
    }

    /// @notice ERC-721 transfer approval is not decorating: a marketplace holding the owner's
    /// `setApprovalForAll` cannot rewrite scenes.
    function test_setContent_RevertWhen_CallerOnlyHasTransferApproval() public {
        _mint(alice, OFFICE);
        vm.startPrank(alice);
        registry.approve(bob, OFFICE);
        registry.setApprovalForAll(carol, true);
        vm.stopPrank();
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.UnitContentUnauthorized.selector, OFFICE, bob));
        _setContent(bob, OFFICE, SCENE, RAW);
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.UnitContentUnauthorized.selector, OFFICE, carol));
        _setContent(carol, OFFICE, SCENE, RAW);
        assertFalse(registry.canDecorate(OFFICE, carol), "operator cannot decorate");
    }

    function test_setContent_RevertWhen_CallerIsAStranger() public {
        _mintFloor(alice, OFFICE_FLOOR);
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.UnitContentUnauthorized.selector, OFFICE, mallory));
        _setContent(mallory, OFFICE, SCENE, RAW);
    }

    function test_setContent_RevertWhen_UnitDoesNotExist() public {
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, OFFICE));
        _setContent(alice, OFFICE, SCENE, RAW);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, OFFICE));
        registry.contentOf(OFFICE);
    }

    /// @notice Decorators belong to the owner who appointed them: the previous owner and her
    /// decorators lose the unit when it changes hands.
    function test_setContent_RevertWhen_PreviousOwnerOrHerDecoratorsAfterTransfer() public {
        _mint(alice, OFFICE);
        vm.startPrank(alice);
        registry.setDecorator(OFFICE, carol);
        registry.setDecoratorForAll(mallory, true);
        registry.transferFrom(alice, bob, OFFICE);
        vm.stopPrank();

        assertEq(registry.decoratorOf(OFFICE), address(0), "decorator lapsed");
        address[3] memory formers = [alice, carol, mallory];
        for (uint256 i; i < formers.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.UnitContentUnauthorized.selector, OFFICE, formers[i]));
            _setContent(formers[i], OFFICE, SCENE, RAW);
        }
        _setContent(bob, OFFICE, SCENE, RAW);
    }

    /// @notice A range unit keeps reading its floor while its scene is raw; a non-raw codec gives it
    /// a record of its own, still counted in the range and still following the floor's storage.
    function test_setContent_RangeUnitStaysInItsRange() public {
        _mintFloor(alice, OFFICE_FLOOR);
        _setContent(alice, OFFICE, SCENE, RAW);
        _setContent(alice, OFFICE_NEXT_DOOR, SCENE, DAG_JSON);
        vm.prank(office);
        registry.extendFloorStorage(OFFICE_FLOOR, paidUntil + 30 days);

        _assertContent(OFFICE, SCENE, RAW);
        _assertContent(OFFICE_NEXT_DOOR, SCENE, DAG_JSON);
        assertEq(registry.storagePaidUntil(OFFICE_NEXT_DOOR), paidUntil + 30 days, "follows the range's storage");
        assertEq(registry.balanceOf(alice), UNITS_PER_FLOOR, "balance");
        assertEq(registry.transferCount(OFFICE_NEXT_DOOR), 0, "not moved");
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.UnitAlreadyOwned.selector, OFFICE_NEXT_DOOR));
        _mint(bob, OFFICE_NEXT_DOOR);
    }

    function testFuzz_setContent_OnlyOwnerAndDecorators(address caller, uint8 role, bytes32 digest) public {
        vm.assume(caller != address(0) && caller != alice);
        _mint(alice, OFFICE);
        role = uint8(bound(role, 0, 4)); // stranger, decorator, decorator for all, approved, operator
        vm.startPrank(alice);
        if (role == 1) registry.setDecorator(OFFICE, caller);
        if (role == 2) registry.setDecoratorForAll(caller, true);
        if (role == 3) registry.approve(caller, OFFICE);
        if (role == 4) registry.setApprovalForAll(caller, true);
        vm.stopPrank();
        bool allowed = role == 1 || role == 2;

        if (!allowed) {
            vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.UnitContentUnauthorized.selector, OFFICE, caller));
        }
        _setContent(caller, OFFICE, digest, DAG_PB);

        assertEq(registry.canDecorate(OFFICE, caller), allowed, "canDecorate");
        (bytes32 stored, ) = registry.contentOf(OFFICE);
        assertEq(stored, allowed ? digest : bytes32(0), "digest");
    }

    // =========================================================================================
    // setDecorator / setDecoratorForAll
    // =========================================================================================

    function test_setDecorator_RevertWhen_CallerIsNotTheOwner() public {
        _mintFloor(alice, OFFICE_FLOOR);
        vm.startPrank(alice);
        registry.approve(bob, OFFICE);
        registry.setApprovalForAll(carol, true);
        registry.setDecorator(OFFICE, mallory);
        vm.stopPrank();
        address[3] memory callers = [bob, carol, mallory];
        for (uint256 i; i < callers.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.UnitNotOwner.selector, OFFICE, callers[i]));
            vm.prank(callers[i]);
            registry.setDecorator(OFFICE, callers[i]);
        }
    }

    function test_setDecorator_ZeroRemoves() public {
        _mint(alice, OFFICE);
        vm.startPrank(alice);
        registry.setDecorator(OFFICE, carol);
        registry.setDecorator(OFFICE, address(0));
        vm.stopPrank();
        assertEq(registry.decoratorOf(OFFICE), address(0), "removed");
        assertFalse(registry.canDecorate(OFFICE, carol), "carol");
    }

    function test_setDecorator_RevertWhen_UnitDoesNotExist() public {
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, OFFICE));
        vm.prank(alice);
        registry.setDecorator(OFFICE, carol);
    }

    function test_setDecoratorForAll_RevertWhen_DecoratorIsZero() public {
        vm.expectRevert(IUnitRegistry.ZeroAddress.selector);
        vm.prank(alice);
        registry.setDecoratorForAll(address(0), true);
    }

    // =========================================================================================
    // setPrivacy / setVisitor / canVisit
    // =========================================================================================

    function test_setPrivacy_ByOwner() public {
        _mint(alice, OFFICE);
        vm.expectEmit(address(registry));
        emit IUnitRegistry.UnitPrivacySet(OFFICE, IUnitRegistry.Privacy.Private);
        vm.expectEmit(address(registry));
        emit IERC4906.MetadataUpdate(OFFICE);
        vm.prank(alice);
        registry.setPrivacy(OFFICE, IUnitRegistry.Privacy.Private);
        assertEq(uint256(registry.privacyOf(OFFICE)), uint256(IUnitRegistry.Privacy.Private));
    }

    function test_setPrivacy_RevertWhen_CallerIsNotTheOwner() public {
        _mint(alice, OFFICE);
        vm.startPrank(alice);
        registry.setDecorator(OFFICE, bob);
        registry.setApprovalForAll(carol, true);
        vm.stopPrank();
        address[3] memory callers = [bob, carol, mallory];
        for (uint256 i; i < callers.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.UnitNotOwner.selector, OFFICE, callers[i]));
            vm.prank(callers[i]);
            registry.setPrivacy(OFFICE, IUnitRegistry.Privacy.Public);
        }
    }

    function test_setPrivacy_RevertWhen_ValueIsNotAPrivacy() public {
        _mint(alice, OFFICE);
        vm.prank(alice);
        // solhint-disable-next-line avoid-low-level-calls
        (bool ok, ) = address(registry).call(abi.encodeWithSelector(registry.setPrivacy.selector, OFFICE, 3));
        assertFalse(ok, "privacy 3 refused");
    }

    function test_canVisit_PublicAndUnlistedAreOpenToAll() public {
        _mint(alice, OFFICE);
        assertTrue(registry.canVisit(OFFICE, mallory), "public");
        vm.prank(alice);
        registry.setPrivacy(OFFICE, IUnitRegistry.Privacy.Unlisted);
        assertTrue(registry.canVisit(OFFICE, mallory), "unlisted");
    }

    function test_canVisit_PrivateOnlyOwnerDecoratorsAndVisitors() public {
        _mintFloor(alice, OFFICE_FLOOR);
        address dave = makeAddr("dave");
        vm.startPrank(alice);
        registry.setPrivacy(OFFICE, IUnitRegistry.Privacy.Private);
        registry.setDecorator(OFFICE, bob);
        registry.setDecoratorForAll(carol, true);
        vm.expectEmit(address(registry));
        emit IUnitRegistry.UnitVisitorSet(alice, OFFICE, dave, true);
        registry.setVisitor(OFFICE, dave, true);
        registry.setApprovalForAll(mallory, true);
        vm.stopPrank();

        assertTrue(registry.canVisit(OFFICE, alice), "owner");
        assertTrue(registry.canVisit(OFFICE, bob), "decorator");
        assertTrue(registry.canVisit(OFFICE, carol), "decorator for all");
        assertTrue(registry.canVisit(OFFICE, dave), "visitor");
        assertFalse(registry.canVisit(OFFICE, mallory), "an operator is not a visitor");
        assertTrue(registry.canVisit(OFFICE_NEXT_DOOR, mallory), "the next unit is public");

        vm.prank(alice);
        registry.setVisitor(OFFICE, dave, false);
        assertFalse(registry.canVisit(OFFICE, dave), "visitor removed");
    }

    /// @notice An unset decorator slot holds zero: the zero address must not pass for a decorator.
    function test_canDecorateAndCanVisit_RefuseTheZeroAddress() public {
        _mint(alice, OFFICE);
        assertFalse(registry.canDecorate(OFFICE, address(0)), "no decorator set: zero is not one");
        vm.prank(alice);
        registry.setPrivacy(OFFICE, IUnitRegistry.Privacy.Private);
        assertFalse(registry.canVisit(OFFICE, address(0)), "zero does not visit a private unit");
        assertTrue(registry.canVisit(OFFICE, alice), "the owner still does");
        assertTrue(registry.canDecorate(OFFICE, alice), "and decorates");
    }

    /// @notice Privacy travels with the unit; the visitor list belongs to the owner who made it.
    function test_canVisit_VisitorListLapsesWhenTheUnitChangesHands() public {
        _mint(alice, OFFICE);
        vm.startPrank(alice);
        registry.setPrivacy(OFFICE, IUnitRegistry.Privacy.Private);
        registry.setVisitor(OFFICE, carol, true);
        registry.transferFrom(alice, bob, OFFICE);
        vm.stopPrank();

        assertEq(uint256(registry.privacyOf(OFFICE)), uint256(IUnitRegistry.Privacy.Private), "still private");
        assertFalse(registry.canVisit(OFFICE, carol), "alice's visitor");
        assertFalse(registry.canVisit(OFFICE, alice), "alice");
        assertTrue(registry.canVisit(OFFICE, bob), "bob");
    }

    function test_setVisitor_RevertWhen_CallerIsNotTheOwner() public {
        _mint(alice, OFFICE);
        vm.prank(alice);
        registry.setDecorator(OFFICE, bob);
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.UnitNotOwner.selector, OFFICE, bob));
        vm.prank(bob);
        registry.setVisitor(OFFICE, bob, true);
    }

    function test_setVisitor_RevertWhen_VisitorIsZero() public {
        _mint(alice, OFFICE);
        vm.expectRevert(IUnitRegistry.ZeroAddress.selector);
        vm.prank(alice);
        registry.setVisitor(OFFICE, address(0), true);
    }

    function test_canVisit_RevertWhen_UnitDoesNotExist() public {
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, OFFICE));
        registry.canVisit(OFFICE, alice);
    }

    // =========================================================================================
    // addRooms
    // =========================================================================================

    function test_addRooms_AddsUpToTheLimit() public {
        _mintFloor(alice, OFFICE_FLOOR);
        vm.expectEmit(address(registry));
        emit IUnitRegistry.UnitRoomsAdded(OFFICE, 200);
        vm.expectEmit(address(registry));
        emit IERC4906.MetadataUpdate(OFFICE);
        vm.prank(office);
        registry.addRooms(OFFICE, 200);
        vm.prank(office);
        registry.addRooms(OFFICE, 55);
        assertEq(registry.roomsOf(OFFICE), 255, "rooms");
        assertEq(registry.balanceOf(alice), UNITS_PER_FLOOR, "still in the range");
    }

    function test_addRooms_RevertWhen_Overflowing() public {
        _mint(alice, OFFICE);
        vm.prank(office);
        registry.addRooms(OFFICE, 200);
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.UnitRoomsOverflow.selector, OFFICE, 256));
        vm.prank(office);
        registry.addRooms(OFFICE, 56);
        assertEq(registry.roomsOf(OFFICE), 200, "unchanged");
    }

    function test_addRooms_RevertWhen_ExternalSurface() public {
        _mint(alice, BILLBOARD);
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.UnitNotInterior.selector, BILLBOARD));
        vm.prank(office);
        registry.addRooms(BILLBOARD, 1);
    }

    function test_addRooms_RevertWhen_CallerIsNotAnOffice() public {
        _mint(alice, OFFICE);
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.LandOfficeUnauthorized.selector, alice));
        vm.prank(alice);
        registry.addRooms(OFFICE, 1);
    }

    function test_addRooms_RevertWhen_UnitDoesNotExist() public {
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, OFFICE));
        vm.prank(office);
        registry.addRooms(OFFICE, 1);
    }

    // =========================================================================================
    // extendStorage / extendFloorStorage
    // =========================================================================================

    function test_extendStorage_ByAnOffice() public {
        _mint(alice, OFFICE);
        vm.expectEmit(address(registry));
        emit IUnitRegistry.UnitStorageExtended(OFFICE, paidUntil + 1);
        vm.prank(office);
        registry.extendStorage(OFFICE, paidUntil + 1);
        assertEq(registry.storagePaidUntil(OFFICE), paidUntil + 1);
    }

    function test_extendStorage_RevertWhen_NotLater() public {
        _mint(alice, OFFICE);
        vm.expectRevert(
            abi.encodeWithSelector(IUnitRegistry.UnitStorageNotExtended.selector, OFFICE, paidUntil, paidUntil)
        );
        vm.prank(office);
        registry.extendStorage(OFFICE, paidUntil);

        // Lapsed storage can only be extended past now.
        vm.warp(paidUntil + 100);
        vm.expectRevert(
            abi.encodeWithSelector(IUnitRegistry.UnitStorageNotExtended.selector, OFFICE, paidUntil + 100, paidUntil)
        );
        vm.prank(office);
        registry.extendStorage(OFFICE, paidUntil + 100);
    }

    function test_extendStorage_UpToTheLastSecondOfUint40() public {
        _mint(alice, OFFICE);
        vm.prank(office);
        registry.extendStorage(OFFICE, type(uint40).max);
        assertEq(registry.storagePaidUntil(OFFICE), type(uint40).max);
    }

    function test_extendStorage_RevertWhen_CallerIsNotAnOffice() public {
        _mint(alice, OFFICE);
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.LandOfficeUnauthorized.selector, alice));
        vm.prank(alice);
        registry.extendStorage(OFFICE, paidUntil + 1);
    }

    /// @notice A range unit's own storage counts with the range's: the later of the two.
    function test_extendStorage_OfARangeUnit() public {
        _mintFloor(alice, OFFICE_FLOOR);
        vm.prank(office);
        registry.extendStorage(OFFICE, paidUntil + 5 days);
        assertEq(registry.storagePaidUntil(OFFICE), paidUntil + 5 days, "own storage");
        assertEq(registry.storagePaidUntil(OFFICE_NEXT_DOOR), paidUntil, "neighbour");
        assertEq(registry.balanceOf(alice), UNITS_PER_FLOOR, "still in the range");

        vm.prank(office);
        registry.extendFloorStorage(OFFICE_FLOOR, paidUntil + 9 days);
        assertEq(registry.storagePaidUntil(OFFICE), paidUntil + 9 days, "range is later");

        vm.expectRevert(
            abi.encodeWithSelector(
                IUnitRegistry.UnitStorageNotExtended.selector,
                OFFICE,
                paidUntil + 9 days,
                paidUntil + 9 days
            )
        );
        vm.prank(office);
        registry.extendStorage(OFFICE, paidUntil + 9 days);
    }

    function test_extendFloorStorage_RevertWhen_FloorIsNotARange() public {
        _mint(alice, OFFICE);
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.FloorNotRangeOwned.selector, OFFICE_FLOOR));
        vm.prank(office);
        registry.extendFloorStorage(OFFICE_FLOOR, paidUntil + 1);
    }

    function test_extendFloorStorage_RevertWhen_NotLater() public {
        _mintFloor(alice, OFFICE_FLOOR);
        vm.expectRevert(
            abi.encodeWithSelector(IUnitRegistry.UnitStorageNotExtended.selector, OFFICE_FLOOR, paidUntil, paidUntil)
        );
        vm.prank(office);
        registry.extendFloorStorage(OFFICE_FLOOR, paidUntil);
    }

    function test_extendFloorStorage_EmitsAndRevertWhen_CallerIsNotAnOffice() public {
        _mintFloor(alice, OFFICE_FLOOR);
        vm.expectEmit(address(registry));
        emit IUnitRegistry.FloorStorageExtended(OFFICE_FLOOR, paidUntil + 1);
        vm.prank(office);
        registry.extendFloorStorage(OFFICE_FLOOR, paidUntil + 1);

        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.LandOfficeUnauthorized.selector, alice));
        vm.prank(alice);
        registry.extendFloorStorage(OFFICE_FLOOR, paidUntil + 2);
    }

    // =========================================================================================
    // notifyMetadataUpdate
    // =========================================================================================

    function test_notifyMetadataUpdate_ByAnOffice() public {
        _mintFloor(alice, OFFICE_FLOOR);
        vm.expectEmit(address(registry));
        emit IERC4906.MetadataUpdate(OFFICE);
        vm.prank(office);
        registry.notifyMetadataUpdate(OFFICE);
    }

    function test_notifyMetadataUpdate_RevertWhen_CallerIsNotAnOfficeOrUnitDoesNotExist() public {
        _mint(alice, OFFICE);
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.LandOfficeUnauthorized.selector, alice));
        vm.prank(alice);
        registry.notifyMetadataUpdate(OFFICE);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, OFFICE_NEXT_DOOR));
        vm.prank(office);
        registry.notifyMetadataUpdate(OFFICE_NEXT_DOOR);
    }

    // =========================================================================================
    // Governance: openDistrict, setLandOffice, setMetadataRenderer
    // =========================================================================================

    function test_openDistrict_ByGovernance() public {
        vm.expectEmit(address(registry));
        emit IUnitRegistry.DistrictOpened(5, IUnitRegistry.UnitType.Community, 12);
        _openDistrict(5, IUnitRegistry.UnitType.Community, 12);
        (IUnitRegistry.UnitType unitType, uint16 neighbourhoods) = registry.district(5);
        assertEq(uint256(unitType), uint256(IUnitRegistry.UnitType.Community), "type");
        assertEq(neighbourhoods, 12, "neighbourhoods");
        assertEq(
            uint256(registry.unitTypeOf(_unitId(0, 5, 11, 0, 0, 0))),
            uint256(IUnitRegistry.UnitType.Community),
            "interior"
        );
        assertEq(
            uint256(registry.unitTypeOf(_unitId(1, 5, 11, 0, 0, 0))),
            uint256(IUnitRegistry.UnitType.External),
            "surface"
        );
    }

    function test_openDistrict_GrowsButNeverShrinks() public {
        _openDistrict(5, IUnitRegistry.UnitType.Commercial, 12);
        _openDistrict(5, IUnitRegistry.UnitType.Commercial, 1296);
        _expectDistrictInvalid(5, IUnitRegistry.UnitType.Commercial, 1296);
        _expectDistrictInvalid(5, IUnitRegistry.UnitType.Commercial, 11);
    }

    function test_openDistrict_RevertWhen_Invalid() public {
        for (uint8 d; d <= UnitAddress.SEED_DISTRICTS; ++d) {
            _expectDistrictInvalid(d, IUnitRegistry.UnitType.Commercial, 10);
        }
        _expectDistrictInvalid(5, IUnitRegistry.UnitType.None, 10);
        _expectDistrictInvalid(5, IUnitRegistry.UnitType.External, 10);
        _expectDistrictInvalid(5, IUnitRegistry.UnitType.Commercial, 0);
        _expectDistrictInvalid(5, IUnitRegistry.UnitType.Commercial, 1297);
        _openDistrict(5, IUnitRegistry.UnitType.Commercial, 10);
        _expectDistrictInvalid(5, IUnitRegistry.UnitType.Residential, 20);
    }

    function test_openDistrict_RevertWhen_NotGovernance() public {
        address[4] memory callers = [alice, office, address(unitSale), address(this)];
        for (uint256 i; i < callers.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, callers[i]));
            vm.prank(callers[i]);
            registry.openDistrict(5, IUnitRegistry.UnitType.Commercial, 10);
        }
        (IUnitRegistry.UnitType unitType, ) = registry.district(5);
        assertEq(uint256(unitType), uint256(IUnitRegistry.UnitType.None), "still closed");
    }

    function test_setLandOffice_ByGovernance() public {
        vm.expectEmit(address(registry));
        emit IUnitRegistry.LandOfficeSet(carol, true, 3);
        _setLandOffice(carol, true, 3);
        _assertOffice(carol, true, 3);
    }

    function test_setLandOffice_RevertWhen_NotGovernance() public {
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, office));
        vm.prank(office);
        registry.setLandOffice(office, true, UNLIMITED);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, mallory));
        vm.prank(mallory);
        registry.setLandOffice(mallory, true, UNLIMITED);
    }

    function test_setLandOffice_RevertWhen_OfficeIsZero() public {
        vm.expectRevert(IUnitRegistry.ZeroAddress.selector);
        _setLandOffice(address(0), true, 1);
    }

    function test_setMetadataRenderer_ByGovernance() public {
        _mint(alice, OFFICE);
        assertEq(registry.tokenURI(OFFICE), "", "empty without a renderer");
        MockUnitMetadata renderer = new MockUnitMetadata();

        vm.expectEmit(address(registry));
        emit IUnitRegistry.MetadataRendererSet(address(renderer));
        vm.expectEmit(address(registry));
        emit IERC4906.BatchMetadataUpdate(0, type(uint256).max);
        vm.prank(governance);
        registry.setMetadataRenderer(renderer);

        assertEq(registry.tokenURI(OFFICE), "mock://unit/0x0002002a070c0003", "tokenURI");
    }

    function test_setMetadataRenderer_RevertWhen_NotGovernance() public {
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, alice));
        vm.prank(alice);
        registry.setMetadataRenderer(IUnitMetadata(alice));
    }

    // =========================================================================================
    // Views
    // =========================================================================================

    function test_tokenURI_EmptyWithoutRendererAndRevertWhen_UnitDoesNotExist() public {
        _mintFloor(alice, OFFICE_FLOOR);
        assertEq(registry.tokenURI(OFFICE), "", "range unit");
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, HALL));
        registry.tokenURI(HALL);
    }

    function test_balanceOf_RevertWhen_OwnerIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721InvalidOwner.selector, address(0)));
        registry.balanceOf(address(0));
    }

    function test_ownerOf_RevertWhen_UnitDoesNotExist() public {
        _expectNonexistent(HOME);
        _expectNonexistent(0);
    }

    function test_unitTypeOf_FollowsTheAddress() public view {
        _assertType(HOME, IUnitRegistry.UnitType.Residential);
        _assertType(OFFICE, IUnitRegistry.UnitType.Commercial);
        _assertType(HALL, IUnitRegistry.UnitType.Community);
        _assertType(SHOP, IUnitRegistry.UnitType.Commercial);
        _assertType(BILLBOARD, IUnitRegistry.UnitType.External);
        _assertType(_unitId(1, 3, 0, 0, 0, 124), IUnitRegistry.UnitType.External);
    }

    function test_unitTypeOf_RevertWhen_IdIsInvalidOrClosed() public {
        vm.expectRevert(abi.encodeWithSelector(UnitAddress.UnitIdInvalid.selector, HOME + 625));
        registry.unitTypeOf(HOME + 625);
        uint256 closed = _unitId(0, 7, 0, 0, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.UnitNotOpen.selector, closed));
        registry.unitTypeOf(closed);
    }

    function test_rightsOf_PerType() public view {
        _assertRights(HOME, IUnitRegistry.UnitType.Residential, 0);
        _assertRights(OFFICE, IUnitRegistry.UnitType.Commercial, RIGHTS_COMMERCIAL);
        _assertRights(SHOP, IUnitRegistry.UnitType.Commercial, RIGHTS_COMMERCIAL);
        _assertRights(HALL, IUnitRegistry.UnitType.Community, RIGHTS_COMMERCIAL);
        _assertRights(BILLBOARD, IUnitRegistry.UnitType.External, RIGHTS_EXTERNAL);
        (, uint256 rights) = registry.rightsOf(BILLBOARD);
        assertEq(rights & LandRights.ADVERTISING, LandRights.ADVERTISING, "surfaces advertise");
        (, rights) = registry.rightsOf(HOME);
        assertEq(rights & LandRights.SELL, 0, "homes are not shops");
    }

    /// @notice The registry's copy of the rights follows every change in the same transaction:
    /// the store tells it (`parameterChanged`).
    function test_rightsOf_FollowsGovernanceAtOnce() public {
        vm.expectEmit(address(registry));
        emit IUnitRegistry.UnitTypeRightsSet(IUnitRegistry.UnitType.Residential, LandRights.RENT);
        _setParameter(LandRights.RIGHTS_RESIDENTIAL, LandRights.RENT);
        _assertRights(HOME, IUnitRegistry.UnitType.Residential, LandRights.RENT);
        _openDistrict(5, IUnitRegistry.UnitType.Residential, 1);
        _assertRights(_unitId(0, 5, 0, 0, 0, 0), IUnitRegistry.UnitType.Residential, LandRights.RENT);
        _setParameter(LandRights.RIGHTS_EXTERNAL, LandRights.ALL);
        _assertRights(BILLBOARD, IUnitRegistry.UnitType.External, LandRights.ALL);
        _setParameter(LandRights.RIGHTS_EXTERNAL, 0);
        _assertRights(BILLBOARD, IUnitRegistry.UnitType.External, 0);
        // The other types' copies are untouched.
        _assertRights(OFFICE, IUnitRegistry.UnitType.Commercial, RIGHTS_COMMERCIAL);
        _assertRights(HALL, IUnitRegistry.UnitType.Community, RIGHTS_COMMERCIAL);
        _assertRights(HOME, IUnitRegistry.UnitType.Residential, LandRights.RENT);
    }

    /// @notice Each type's copy matches the store after any sequence of changes.
    function testFuzz_rightsOf_MatchesTheStore(uint8[8] calldata types, uint8[8] calldata values) public {
        bytes32[4] memory keys = [
            LandRights.RIGHTS_RESIDENTIAL,
            LandRights.RIGHTS_COMMERCIAL,
            LandRights.RIGHTS_COMMUNITY,
            LandRights.RIGHTS_EXTERNAL
        ];
        for (uint256 i; i < 8; ++i) _setParameter(keys[types[i] % 4], values[i] % (LandRights.ALL + 1));
        _assertRights(HOME, IUnitRegistry.UnitType.Residential, params.get(keys[0]));
        _assertRights(OFFICE, IUnitRegistry.UnitType.Commercial, params.get(keys[1]));
        _assertRights(HALL, IUnitRegistry.UnitType.Community, params.get(keys[2]));
        _assertRights(BILLBOARD, IUnitRegistry.UnitType.External, params.get(keys[3]));
    }

    function test_parameterChanged_IgnoresOtherKeys() public {
        _setParameter(LandRights.STORAGE_FEE_BPS, 7);
        _assertRights(OFFICE, IUnitRegistry.UnitType.Commercial, RIGHTS_COMMERCIAL);
        _assertRights(HOME, IUnitRegistry.UnitType.Residential, 0);
    }

    function test_parameterChanged_RevertWhen_CallerIsNotTheStore() public {
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.ParameterWatcherUnauthorized.selector, alice));
        vm.prank(alice);
        registry.parameterChanged(LandRights.RIGHTS_RESIDENTIAL, LandRights.ALL);
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.ParameterWatcherUnauthorized.selector, governance));
        vm.prank(governance);
        registry.parameterChanged(LandRights.RIGHTS_RESIDENTIAL, LandRights.ALL);
        _assertRights(HOME, IUnitRegistry.UnitType.Residential, 0);
    }

    /// @notice A store whose bounds allowed rights wider than the copy holds is refused, not cut.
    function test_parameterChanged_RevertWhen_RightsDoNotFit() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IUnitRegistry.UnitTypeRightsInvalid.selector,
                IUnitRegistry.UnitType.Commercial,
                1 << 16
            )
        );
        vm.prank(address(params));
        registry.parameterChanged(LandRights.RIGHTS_COMMERCIAL, 1 << 16);
    }

    // Rentals office

    function test_setRentalsOffice_AppointsTheOneLeaseSetter() public {
        assertEq(registry.rentalsOffice(), address(0), "none at first");
        vm.expectEmit(address(registry));
        emit IUnitRegistry.RentalsOfficeSet(alice);
        _setRentalsOffice(alice);
        assertEq(registry.rentalsOffice(), alice, "appointed");
        _assertRights(OFFICE, IUnitRegistry.UnitType.Commercial, RIGHTS_COMMERCIAL);
        _mint(bob, OFFICE);
        vm.prank(alice);
        registry.setLease(OFFICE, carol, uint64(block.timestamp + 1 days), true);
        assertEq(registry.userOf(OFFICE), carol, "leased by the office");
        // A land office is not a rentals office.
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.RentalsOfficeUnauthorized.selector, office));
        vm.prank(office);
        registry.setUser(OFFICE, address(0), 0);
        _setRentalsOffice(address(0));
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.RentalsOfficeUnauthorized.selector, alice));
        vm.prank(alice);
        registry.setUser(OFFICE, address(0), 0);
        assertEq(registry.userOf(OFFICE), carol, "the lease runs on");
    }

    function test_setRentalsOffice_RevertWhen_CallerIsNotGovernance() public {
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, alice));
        vm.prank(alice);
        registry.setRentalsOffice(alice);
    }

    function test_rightsOf_RevertWhen_IdIsInvalid() public {
        vm.expectRevert(abi.encodeWithSelector(UnitAddress.UnitIdInvalid.selector, 0));
        registry.rightsOf(0);
    }

    function test_district_SeedDistrictsAreOpen() public view {
        IUnitRegistry.UnitType[5] memory types = [
            IUnitRegistry.UnitType.None,
            IUnitRegistry.UnitType.Residential,
            IUnitRegistry.UnitType.Commercial,
            IUnitRegistry.UnitType.Community,
            IUnitRegistry.UnitType.Commercial
        ];
        for (uint8 d; d <= 4; ++d) {
            (IUnitRegistry.UnitType unitType, uint16 neighbourhoods) = registry.district(d);
            assertEq(uint256(unitType), uint256(types[d]), "type");
            assertEq(neighbourhoods, d == 0 ? 0 : 1296, "neighbourhoods");
        }
    }

    function test_supportsInterface_AdvertisesWhatItImplements() public view {
        assertTrue(registry.supportsInterface(type(IUnitRegistry).interfaceId), "IUnitRegistry");
        assertTrue(registry.supportsInterface(type(IERC721).interfaceId), "IERC721");
        assertTrue(registry.supportsInterface(type(IERC721Metadata).interfaceId), "IERC721Metadata");
        assertTrue(registry.supportsInterface(type(IERC165).interfaceId), "IERC165");
        assertTrue(registry.supportsInterface(bytes4(0x49064906)), "ERC-4906");
        assertFalse(registry.supportsInterface(0xffffffff), "0xffffffff");
        assertFalse(registry.supportsInterface(0x00000000), "0x00000000");
    }

    // =========================================================================================
    // Helpers
    // =========================================================================================

    function _mint(address to, uint256 unitId) internal {
        vm.prank(office);
        registry.mint(to, unitId, paidUntil);
    }

    function _mintFloor(address to, uint256 floorId) internal {
        vm.prank(office);
        registry.mintFloor(to, floorId, paidUntil);
    }

    function _setContent(address who, uint256 unitId, bytes32 digest, uint64 codec) internal {
        vm.prank(who);
        registry.setContent(unitId, digest, codec);
    }

    function _openDistrict(uint8 districtId, IUnitRegistry.UnitType unitType, uint16 neighbourhoods) internal {
        vm.prank(governance);
        registry.openDistrict(districtId, unitType, neighbourhoods);
    }

    function _expectDistrictInvalid(uint8 districtId, IUnitRegistry.UnitType unitType, uint16 neighbourhoods) internal {
        vm.expectRevert(
            abi.encodeWithSelector(IUnitRegistry.DistrictInvalid.selector, districtId, unitType, neighbourhoods)
        );
        _openDistrict(districtId, unitType, neighbourhoods);
    }

    function _expectMintInvalid(uint256 unitId) internal {
        vm.expectRevert(abi.encodeWithSelector(UnitAddress.UnitIdInvalid.selector, unitId));
        _mint(alice, unitId);
    }

    function _expectNonexistent(uint256 unitId) internal {
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, unitId));
        registry.ownerOf(unitId);
    }

    function _assertContent(uint256 unitId, bytes32 digest, uint64 codec) internal view {
        (bytes32 storedDigest, uint64 storedCodec) = registry.contentOf(unitId);
        assertEq(storedDigest, digest, "digest");
        assertEq(storedCodec, codec, "codec");
    }

    function _assertOffice(address who, bool active, uint64 allowance) internal view {
        IUnitRegistry.LandOffice memory record = registry.landOffice(who);
        assertEq(record.active, active, "office active");
        assertEq(record.allowance, allowance, "office allowance");
    }

    function _assertType(uint256 unitId, IUnitRegistry.UnitType expected) internal view {
        assertEq(uint256(registry.unitTypeOf(unitId)), uint256(expected), "unitTypeOf");
    }

    function _assertRights(uint256 unitId, IUnitRegistry.UnitType expectedType, uint256 expectedRights) internal view {
        (IUnitRegistry.UnitType unitType, uint256 rights) = registry.rightsOf(unitId);
        assertEq(uint256(unitType), uint256(expectedType), "type");
        assertEq(rights, expectedRights, "rights");
    }
}
