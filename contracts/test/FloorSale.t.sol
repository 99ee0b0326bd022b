// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IERC2309} from "@openzeppelin/contracts/interfaces/IERC2309.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {LandFixture} from "./utils/LandFixture.sol";
import {ReentrantUnitReceiver} from "./mocks/UnitReceivers.sol";
import {ReentrantToken} from "./mocks/ReentrantToken.sol";
import {IUnitRegistry} from "../interfaces/IUnitRegistry.sol";
import {LandSaleBase} from "../land/LandSaleBase.sol";
import {LandRights} from "../land/LandRights.sol";
import {FloorSale} from "../land/FloorSale.sol";

contract FloorSaleTest is LandFixture {
    uint8 internal constant KIND_FLOOR = 1;
    uint8 internal constant KIND_BUILDING = 2;
    uint8 internal constant KIND_STORAGE = 4;

    // =========================================================================================
    // quoteFloor / quoteBuilding
    // =========================================================================================

    function test_quoteFloor_UnitPriceTimes625() public view {
        _assertFloorQuote(OFFICE_FLOOR, PRICE_COMMERCIAL);
        _assertFloorQuote(0x00_03_002a_07_0c_0000, PRICE_COMMUNITY);
        _assertFloorQuote(0x00_04_002a_07_0c_0000, PRICE_COMMERCIAL);
        (uint256 price, uint256 storageCost) = floorSale.quoteFloor(OFFICE_FLOOR, 365);
        assertEq(storageCost, (price * STORAGE_FEE_BPS) / 10_000, "a year of storage");
    }

    function test_quoteBuilding_UnitPriceTimes22500() public view {
        (uint256 price, ) = floorSale.quoteBuilding(OFFICE_BUILDING, 0);
        assertEq(price, PRICE_COMMERCIAL * UNITS_PER_BUILDING, "commercial");
        (price, ) = floorSale.quoteBuilding(0x00_03_002a_07_00_0000, 0);
        assertEq(price, PRICE_COMMUNITY * UNITS_PER_BUILDING, "community");
    }

    /// @notice Residential floors and buildings have no whole-floor price and cannot be bought whole.
    function test_RevertWhen_FloorOrBuildingIsResidential() public {
        uint256 homeBuilding = 0x00_01_002a_07_00_0000;
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.FloorResidential.selector, HOME_FLOOR));
        floorSale.quoteFloor(HOME_FLOOR, 0);
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.FloorResidential.selector, homeBuilding));
        floorSale.quoteBuilding(homeBuilding, 0);

        vm.startPrank(alice);
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.FloorResidential.selector, HOME_FLOOR));
        floorSale.buyFloor(HOME_FLOOR, 0, type(uint256).max, _noPermit());
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.FloorResidential.selector, homeBuilding));
        floorSale.buyBuilding(homeBuilding, 0, type(uint256).max, _noPermit());
        vm.stopPrank();

        vm.startPrank(address(floorSale)); // the registry refuses them on its own too
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.FloorResidential.selector, HOME_FLOOR));
        registry.mintFloor(alice, HOME_FLOOR, uint40(T0));
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.FloorResidential.selector, homeBuilding));
        registry.mintBuilding(alice, homeBuilding, uint40(T0));
        vm.stopPrank();
    }

    // =========================================================================================
    // buyFloor
    // =========================================================================================

    function test_buyFloor_WithAllowance() public {
        (uint256 price, uint256 storageCost) = floorSale.quoteFloor(OFFICE_FLOOR, 30);
        uint256 amount = price + storageCost;
        _approveMrk(alice, address(floorSale), amount);
        MrkBalances memory before = _mrkBalances(alice);

        vm.expectEmit(address(registry));
        emit IERC2309.ConsecutiveTransfer(OFFICE_FLOOR, OFFICE_FLOOR + 624, address(0), alice);
        vm.expectEmit(address(registry));
        emit IUnitRegistry.FloorStorageExtended(OFFICE_FLOOR, uint40(T0 + 30 days));
        vm.expectEmit(address(floorSale));
        emit LandSaleBase.LandPaid(alice, OFFICE_FLOOR, KIND_FLOOR, amount, amount - amount / 2, amount / 2);
        vm.prank(alice);
        floorSale.buyFloor(OFFICE_FLOOR, 30, amount, _noPermit());

        assertEq(registry.balanceOf(alice), UNITS_PER_FLOOR, "balance");
        assertEq(registry.ownerOf(OFFICE_FLOOR), alice, "first unit");
        assertEq(registry.ownerOf(OFFICE_FLOOR + 624), alice, "last unit");
        assertEq(registry.storagePaidUntil(OFFICE_FLOOR + 300), T0 + 30 days, "storage");
        _assertPaid(before, alice, amount);
    }

    function test_buyFloor_WithPermit() public {
        (uint256 price, ) = floorSale.quoteFloor(OFFICE_FLOOR, 0);
        LandSaleBase.Permit memory permit = _permit("alice", address(floorSale), price, block.timestamp + 1 hours);
        MrkBalances memory before = _mrkBalances(alice);
        vm.prank(alice);
        floorSale.buyFloor(OFFICE_FLOOR, 0, price, permit);
        assertEq(registry.balanceOf(alice), UNITS_PER_FLOOR, "balance");
        assertEq(mrk.nonces(alice), 1, "permit used");
        _assertPaid(before, alice, price);
    }

    function test_buyFloor_WithAPermitFrontRun() public {
        (uint256 price, ) = floorSale.quoteFloor(OFFICE_FLOOR, 0);
        LandSaleBase.Permit memory permit = _permit("alice", address(floorSale), price, block.timestamp + 1 hours);
        vm.prank(mallory);
        mrk.permit(alice, address(floorSale), permit.value, permit.deadline, permit.v, permit.r, permit.s);
        vm.prank(alice);
        floorSale.buyFloor(OFFICE_FLOOR, 0, price, permit);
        assertEq(registry.balanceOf(alice), UNITS_PER_FLOOR, "bought anyway");
    }

    function test_buyFloor_RevertWhen_PermitIsSomeoneElsesOrExpired() public {
        (uint256 price, ) = floorSale.quoteFloor(OFFICE_FLOOR, 0);
        bytes memory refusal = abi.encodeWithSelector(
            IERC20Errors.ERC20InsufficientAllowance.selector,
            address(floorSale),
            0,
            price - price / 2
        );
        LandSaleBase.Permit memory permit = _permit("alice", address(floorSale), price, block.timestamp + 1 hours);
        vm.expectRevert(refusal);
        vm.prank(mallory);
        floorSale.buyFloor(OFFICE_FLOOR, 0, price, permit);

        permit = _permit("alice", address(floorSale), price, block.timestamp - 1);
        vm.expectRevert(refusal);
        vm.prank(alice);
        floorSale.buyFloor(OFFICE_FLOOR, 0, price, permit);
        (address rangeOwner, , ) = registry.floorRange(OFFICE_FLOOR);
        assertEq(rangeOwner, address(0), "not sold");
    }

    function test_buyFloor_RevertWhen_PriceAboveTheLimit() public {
        (uint256 price, uint256 storageCost) = floorSale.quoteFloor(OFFICE_FLOOR, 10);
        _approveMrk(alice, address(floorSale), type(uint256).max);
        vm.expectRevert(
            abi.encodeWithSelector(LandSaleBase.LandPriceAboveLimit.selector, price + storageCost, price + storageCost - 1)
        );
        vm.prank(alice);
        floorSale.buyFloor(OFFICE_FLOOR, 10, price + storageCost - 1, _noPermit());
    }

    function test_buyFloor_RevertWhen_AUnitWasSoldOnItsOwn() public {
        _buy(bob, OFFICE, 0, 0);
        _buy(carol, FREE_FLOOR + 624, 0, 0);
        _approveMrk(alice, address(floorSale), type(uint256).max);
        MrkBalances memory before = _mrkBalances(alice);
        uint256[2] memory floors = [OFFICE_FLOOR, FREE_FLOOR];
        for (uint256 i; i < floors.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.FloorNotFree.selector, floors[i]));
            vm.prank(alice);
            floorSale.buyFloor(floors[i], 0, type(uint256).max, _noPermit());
        }
        _assertPaid(before, alice, 0);
    }

    function test_buyFloor_RevertWhen_FloorWasSoldWhole() public {
        _buyFloor(bob, OFFICE_FLOOR, 0);
        _approveMrk(alice, address(floorSale), type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.FloorNotFree.selector, OFFICE_FLOOR));
        vm.prank(alice);
        floorSale.buyFloor(OFFICE_FLOOR, 0, type(uint256).max, _noPermit());
    }

    /// @notice Selling a facade panel does not stop the floor from being sold whole.
    function test_buyFloor_AfterAFacadePanelWasSold() public {
        _buy(bob, BILLBOARD, 0, 0);
        _buyFloor(alice, OFFICE_FLOOR, 0);
        assertEq(registry.ownerOf(BILLBOARD), bob, "panel");
        assertEq(registry.ownerOf(OFFICE), alice, "floor");
    }

    function test_buyFloor_RevertWhen_IdIsNotAFloor() public {
        _approveMrk(alice, address(floorSale), type(uint256).max);
        uint256 facades = OFFICE_FLOOR | (1 << 56);
        uint256[2] memory ids = [OFFICE, facades];
        for (uint256 i; i < ids.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.UnitNotInterior.selector, ids[i]));
            vm.prank(alice);
            floorSale.buyFloor(ids[i], 0, type(uint256).max, _noPermit());
        }
        uint256 closed = _unitId(0, 5, 0, 0, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.UnitNotOpen.selector, closed));
        vm.prank(alice);
        floorSale.buyFloor(closed, 0, type(uint256).max, _noPermit());
    }

    function test_buyFloor_RevertWhen_StorageDaysAboveTheMaximum() public {
        _approveMrk(alice, address(floorSale), type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(LandSaleBase.LandStorageDaysInvalid.selector, 36_501));
        vm.prank(alice);
        floorSale.buyFloor(OFFICE_FLOOR, 36_501, type(uint256).max, _noPermit());
    }

    function test_buyFloor_RevertWhen_AllowanceOfTheOfficeIsSpent() public {
        _setLandOffice(address(floorSale), true, uint64(UNITS_PER_FLOOR));
        _buyFloor(alice, OFFICE_FLOOR, 0);
        _approveMrk(alice, address(floorSale), type(uint256).max);
        vm.expectRevert(
            abi.encodeWithSelector(
                IUnitRegistry.LandOfficeAllowanceExceeded.selector,
                address(floorSale),
                UNITS_PER_FLOOR,
                0
            )
        );
        vm.prank(alice);
        floorSale.buyFloor(FREE_FLOOR, 0, type(uint256).max, _noPermit());
    }

    function test_buyFloor_RevertWhen_OfficeIsClosed() public {
        _setLandOffice(address(floorSale), false, UNLIMITED);
        _approveMrk(alice, address(floorSale), type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.LandOfficeUnauthorized.selector, address(floorSale)));
        vm.prank(alice);
        floorSale.buyFloor(OFFICE_FLOOR, 0, type(uint256).max, _noPermit());
    }

    function testFuzz_buyFloor_SplitsThePaymentExactly(uint256 price, uint256 shareBps, uint32 storageDays) public {
        price = bound(price, 0, 100_000 * MRK); // a floor at most 62.5M MRK: within a buyer's funds
        shareBps = bound(shareBps, 0, 10_000);
        storageDays = uint32(bound(storageDays, 0, 3_650));
        _setParameter(LandRights.PRICE_COMMUNITY, price);
        _setParameter(LandRights.RENDERING_FUND_SHARE_BPS, shareBps);
        uint256 floorId = 0x00_03_002a_07_0c_0000;

        MrkBalances memory before = _mrkBalances(alice);
        uint256 paid = _buyFloor(alice, floorId, storageDays);

        assertEq(paid, price * UNITS_PER_FLOOR + floorSale.storageFee(price * UNITS_PER_FLOOR, storageDays), "price");
        _assertPaid(before, alice, paid);
        assertEq(mrk.balanceOf(address(floorSale)), 0, "the sale keeps nothing");
    }

    // =========================================================================================
    // buyBuilding
    // =========================================================================================

    function test_buyBuilding_OwnsEveryFloor() public {
        (uint256 price, uint256 storageCost) = floorSale.quoteBuilding(FREE_BUILDING, 365);
        uint256 amount = price + storageCost;
        _approveMrk(alice, address(floorSale), amount);
        MrkBalances memory before = _mrkBalances(alice);

        vm.expectEmit(address(floorSale));
        emit LandSaleBase.LandPaid(alice, FREE_BUILDING, KIND_BUILDING, amount, amount - amount / 2, amount / 2);
        vm.prank(alice);
        floorSale.buyBuilding(FREE_BUILDING, 365, amount, _noPermit());

        assertEq(registry.balanceOf(alice), UNITS_PER_BUILDING, "balance");
        for (uint256 floor; floor < 36; ++floor) {
            (address rangeOwner, uint40 paidUntil, ) = registry.floorRange(FREE_BUILDING | (floor << 16));
            assertEq(rangeOwner, alice, "range owner");
            assertEq(paidUntil, T0 + 365 days, "storage");
        }
        _assertPaid(before, alice, amount);
    }

    function test_buyBuilding_WithPermit() public {
        (uint256 price, ) = floorSale.quoteBuilding(FREE_BUILDING, 0);
        LandSaleBase.Permit memory permit = _permit("bob", address(floorSale), price, block.timestamp + 1 hours);
        vm.prank(bob);
        floorSale.buyBuilding(FREE_BUILDING, 0, price, permit);
        assertEq(registry.balanceOf(bob), UNITS_PER_BUILDING, "balance");
    }

    function test_buyBuilding_RevertWhen_AFloorOrUnitIsSold() public {
        _buyFloor(bob, FREE_BUILDING | (17 << 16), 0);
        _buy(carol, OFFICE, 0, 0);
        _approveMrk(alice, address(floorSale), type(uint256).max);

        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.FloorNotFree.selector, FREE_BUILDING | (17 << 16)));
        vm.prank(alice);
        floorSale.buyBuilding(FREE_BUILDING, 0, type(uint256).max, _noPermit());
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.FloorNotFree.selector, OFFICE_FLOOR));
        vm.prank(alice);
        floorSale.buyBuilding(OFFICE_BUILDING, 0, type(uint256).max, _noPermit());
        assertEq(registry.balanceOf(alice), 0, "nothing bought");
    }

    function test_buyBuilding_RevertWhen_IdHasAFloor() public {
        _approveMrk(alice, address(floorSale), type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.FloorNotFree.selector, FREE_FLOOR));
        vm.prank(alice);
        floorSale.buyBuilding(FREE_FLOOR, 0, type(uint256).max, _noPermit());
    }

    function test_buyBuilding_RevertWhen_PriceAboveTheLimit() public {
        (uint256 price, ) = floorSale.quoteBuilding(FREE_BUILDING, 0);
        _approveMrk(alice, address(floorSale), type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(LandSaleBase.LandPriceAboveLimit.selector, price, price - 1));
        vm.prank(alice);
        floorSale.buyBuilding(FREE_BUILDING, 0, price - 1, _noPermit());
    }

    // =========================================================================================
    // payFloorStorage
    // =========================================================================================

    function test_payFloorStorage_ByAnyoneFromTheEndOfWhatIsPaid() public {
        _buyFloor(alice, OFFICE_FLOOR, 100);
        (, uint256 fee) = floorSale.quoteFloor(OFFICE_FLOOR, 30);
        _approveMrk(bob, address(floorSale), fee);
        MrkBalances memory before = _mrkBalances(bob);
        vm.warp(T0 + 40 days);

        vm.expectEmit(address(registry));
        emit IUnitRegistry.FloorStorageExtended(OFFICE_FLOOR, uint40(T0 + 130 days));
        vm.expectEmit(address(floorSale));
        emit LandSaleBase.LandPaid(bob, OFFICE_FLOOR, KIND_STORAGE, fee, fee - fee / 2, fee / 2);
        vm.prank(bob);
        floorSale.payFloorStorage(OFFICE_FLOOR, 30, fee, _noPermit());

        assertEq(registry.storagePaidUntil(OFFICE), T0 + 130 days, "range unit");
        _assertPaid(before, bob, fee);
    }

    function test_payFloorStorage_AfterItLapsedCountsFromNow() public {
        _buyFloor(alice, OFFICE_FLOOR, 1);
        vm.warp(T0 + 10 days);
        (, uint256 fee) = floorSale.quoteFloor(OFFICE_FLOOR, 2);
        _approveMrk(alice, address(floorSale), fee);
        vm.prank(alice);
        floorSale.payFloorStorage(OFFICE_FLOOR, 2, fee, _noPermit());
        (, uint40 paidUntil, ) = registry.floorRange(OFFICE_FLOOR);
        assertEq(paidUntil, T0 + 12 days, "from now");
    }

    function test_payFloorStorage_RevertWhen_FloorIsNotARange() public {
        _buy(bob, OFFICE, 0, 0);
        _approveMrk(alice, address(floorSale), type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.FloorNotRangeOwned.selector, OFFICE_FLOOR));
        vm.prank(alice);
        floorSale.payFloorStorage(OFFICE_FLOOR, 1, type(uint256).max, _noPermit());
        vm.expectRevert(abi.encodeWithSelector(LandSaleBase.LandStorageDaysInvalid.selector, 0));
        vm.prank(alice);
        floorSale.payFloorStorage(OFFICE_FLOOR, 0, type(uint256).max, _noPermit());
    }

    // =========================================================================================
    // Re-entrancy
    // =========================================================================================

    /// @notice A contract buying a floor gets 625 units and no hook to re-enter from.
    function test_buyFloor_DoesNotCallTheReceiverHook() public {
        ReentrantUnitReceiver receiver = new ReentrantUnitReceiver(registry);
        (uint256 price, ) = floorSale.quoteFloor(OFFICE_FLOOR, 0);
        _fund(address(receiver), 2 * price);
        receiver.act(address(mrk), abi.encodeCall(IERC20.approve, (address(floorSale), type(uint256).max)));
        receiver.addCallback(
            address(floorSale),
            abi.encodeCall(FloorSale.buyFloor, (FREE_FLOOR, 0, type(uint256).max, _noPermit()))
        );
        receiver.act(
            address(floorSale),
            abi.encodeCall(FloorSale.buyFloor, (OFFICE_FLOOR, 0, type(uint256).max, _noPermit()))
        );
        assertEq(registry.balanceOf(address(receiver)), UNITS_PER_FLOOR, "one floor");
        assertEq(receiver.callbacks(), 0, "no hook");
    }

    function test_buyFloor_RevertWhen_ReenteredFromTheToken() public {
        ReentrantToken token = new ReentrantToken();
        FloorSale sale = new FloorSale(registry, IERC20(address(token)), params, treasury, renderingFund);
        _setLandOffice(address(sale), true, UNLIMITED);
        token.mint(alice, BUYER_MRK);
        vm.prank(alice);
        token.approve(address(sale), type(uint256).max);
        token.setReentry(
            address(sale),
            abi.encodeCall(FloorSale.buyBuilding, (FREE_BUILDING, 0, type(uint256).max, _noPermit()))
        );

        vm.prank(alice);
        sale.buyFloor(OFFICE_FLOOR, 0, type(uint256).max, _noPermit());

        assertEq(
            token.reentryError(),
            abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector),
            "reentrancy guard"
        );
        assertEq(registry.balanceOf(alice), UNITS_PER_FLOOR, "only the outer floor");
    }

    // =========================================================================================
    // Helpers
    // =========================================================================================

    function _assertFloorQuote(uint256 floorId, uint256 unitPrice) internal view {
        (uint256 price, ) = floorSale.quoteFloor(floorId, 0);
        assertEq(price, unitPrice * UNITS_PER_FLOOR, "floor price");
    }
}
