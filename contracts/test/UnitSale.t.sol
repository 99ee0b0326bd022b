// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Errors, IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {LandFixture} from "./utils/LandFixture.sol";
import {ReentrantUnitReceiver} from "./mocks/UnitReceivers.sol";
import {ReentrantToken} from "./mocks/ReentrantToken.sol";
import {IUnitRegistry} from "../interfaces/IUnitRegistry.sol";
import {IMarkParameters} from "../interfaces/IMarkParameters.sol";
import {LandSaleBase} from "../land/LandSaleBase.sol";
import {LandRights} from "../land/LandRights.sol";
import {UnitSale} from "../land/UnitSale.sol";
import {UnitAddress} from "../libraries/UnitAddress.sol";

contract UnitSaleTest is LandFixture {
    uint8 internal constant KIND_UNIT = 0;
    uint8 internal constant KIND_ROOMS = 3;
    uint8 internal constant KIND_STORAGE = 4;

    function test_constructor_RevertWhen_AnyAddressIsZero() public {
        IERC20 token = IERC20(address(mrk));
        vm.expectRevert(LandSaleBase.LandSaleZeroAddress.selector);
        new UnitSale(IUnitRegistry(address(0)), token, params, treasury, renderingFund);
        vm.expectRevert(LandSaleBase.LandSaleZeroAddress.selector);
        new UnitSale(registry, IERC20(address(0)), params, treasury, renderingFund);
        vm.expectRevert(LandSaleBase.LandSaleZeroAddress.selector);
        new UnitSale(registry, token, IMarkParameters(address(0)), treasury, renderingFund);
        vm.expectRevert(LandSaleBase.LandSaleZeroAddress.selector);
        new UnitSale(registry, token, params, address(0), renderingFund);
        vm.expectRevert(LandSaleBase.LandSaleZeroAddress.selector);
        new UnitSale(registry, token, params, treasury, address(0));
    }

    // =========================================================================================
    // quote
    // =========================================================================================

    function test_quote_PricePerType() public view {
        _assertQuote(HOME, 0, PRICE_RESIDENTIAL);
        _assertQuote(OFFICE, 0, PRICE_COMMERCIAL);
        _assertQuote(SHOP, 0, PRICE_COMMERCIAL);
        _assertQuote(HALL, 0, PRICE_COMMUNITY);
        _assertQuote(BILLBOARD, 0, PRICE_EXTERNAL);
        _assertQuote(HOME, 3, PRICE_RESIDENTIAL + 3 * ROOM_RESIDENTIAL);
        _assertQuote(OFFICE, 2, PRICE_COMMERCIAL + 2 * ROOM_COMMERCIAL);
        _assertQuote(HALL, 255, PRICE_COMMUNITY + 255 * ROOM_COMMUNITY);
    }

    /// @notice A year of storage is `land.storageFeeBps` of the price; a day is a 365th, rounded up.
    function test_quote_StorageIsAShareOfThePricePerYear() public view {
        (uint256 price, uint256 storageCost) = unitSale.quote(OFFICE, 0, 365);
        assertEq(storageCost, (price * STORAGE_FEE_BPS) / 10_000, "a year");
        (, storageCost) = unitSale.quote(OFFICE, 0, 1);
        assertEq(storageCost, (price * STORAGE_FEE_BPS + 3_650_000 - 1) / 3_650_000, "a day, rounded up");
        (, storageCost) = unitSale.quote(OFFICE, 0, 0);
        assertEq(storageCost, 0, "none");
    }

    function test_quote_RevertWhen_RoomsOnAnExternalSurface() public {
        vm.expectRevert(abi.encodeWithSelector(UnitSale.UnitSaleNoRooms.selector, BILLBOARD));
        unitSale.quote(BILLBOARD, 1, 0);
    }

    function test_quote_RevertWhen_IdIsInvalidOrClosed() public {
        vm.expectRevert(abi.encodeWithSelector(UnitAddress.UnitIdInvalid.selector, HOME + 625));
        unitSale.quote(HOME + 625, 0, 0);
        uint256 closed = _unitId(0, 5, 0, 0, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.UnitNotOpen.selector, closed));
        unitSale.quote(closed, 0, 0);
    }

    // =========================================================================================
    // buy: the allowance path
    // =========================================================================================

    function test_buy_WithAllowance() public {
        (uint256 price, uint256 storageCost) = unitSale.quote(OFFICE, 2, 365);
        uint256 amount = price + storageCost;
        _approveMrk(alice, address(unitSale), amount);
        MrkBalances memory before = _mrkBalances(alice);

        vm.expectEmit(address(registry));
        emit IUnitRegistry.UnitMinted(OFFICE, alice, uint40(T0 + 365 days));
        vm.expectEmit(address(unitSale));
        emit LandSaleBase.LandPaid(alice, OFFICE, KIND_UNIT, amount, amount - amount / 2, amount / 2);
        vm.prank(alice);
        unitSale.buy(OFFICE, 2, 365, amount, _noPermit());

        assertEq(registry.ownerOf(OFFICE), alice, "owner");
        assertEq(registry.roomsOf(OFFICE), 2, "rooms");
        assertEq(registry.storagePaidUntil(OFFICE), T0 + 365 days, "storage");
        assertFalse(registry.hasClaimedFree(alice), "buying is not the free claim");
        _assertPaid(before, alice, amount);
        assertEq(mrk.allowance(alice, address(unitSale)), 0, "allowance spent");
    }

    function test_buy_EveryType() public {
        uint256[5] memory units = [HOME, OFFICE, HALL, SHOP, BILLBOARD];
        uint256[5] memory prices = [PRICE_RESIDENTIAL, PRICE_COMMERCIAL, PRICE_COMMUNITY, PRICE_COMMERCIAL, PRICE_EXTERNAL];
        for (uint256 i; i < units.length; ++i) {
            MrkBalances memory before = _mrkBalances(bob);
            assertEq(_buy(bob, units[i], 0, 0), prices[i], "price");
            _assertPaid(before, bob, prices[i]);
            assertEq(registry.ownerOf(units[i]), bob, "owner");
        }
    }

    function test_buy_RevertWhen_AllowanceIsShort() public {
        uint256 amount = PRICE_RESIDENTIAL;
        _approveMrk(alice, address(unitSale), amount - 1);
        // The treasury's half goes through; the rendering fund's finds one wei missing.
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientAllowance.selector,
                address(unitSale),
                amount / 2 - 1,
                amount / 2
            )
        );
        vm.prank(alice);
        unitSale.buy(HOME, 0, 0, amount, _noPermit());
        _expectNotOwned(HOME);
    }

    function test_buy_RevertWhen_BalanceIsShort() public {
        address poor = makeAddr("poor");
        _fund(poor, PRICE_RESIDENTIAL - 1);
        _approveMrk(poor, address(unitSale), PRICE_RESIDENTIAL);
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientBalance.selector,
                poor,
                PRICE_RESIDENTIAL / 2 - 1,
                PRICE_RESIDENTIAL / 2
            )
        );
        vm.prank(poor);
        unitSale.buy(HOME, 0, 0, PRICE_RESIDENTIAL, _noPermit());
    }

    /// @notice The buyer names the most they pay: a price raised by governance after they signed
    /// cannot overcharge them.
    function test_buy_RevertWhen_PriceIsAboveTheLimit() public {
        (uint256 price, uint256 storageCost) = unitSale.quote(OFFICE, 0, 30);
        uint256 quoted = price + storageCost;
        _approveMrk(alice, address(unitSale), type(uint256).max);
        _setParameter(LandRights.PRICE_COMMERCIAL, PRICE_COMMERCIAL + 1);
        (price, storageCost) = unitSale.quote(OFFICE, 0, 30);

        vm.expectRevert(abi.encodeWithSelector(LandSaleBase.LandPriceAboveLimit.selector, price + storageCost, quoted));
        vm.prank(alice);
        unitSale.buy(OFFICE, 0, 30, quoted, _noPermit());
    }

    function test_buy_RevertWhen_StorageDaysAboveTheMaximum() public {
        _approveMrk(alice, address(unitSale), type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(LandSaleBase.LandStorageDaysInvalid.selector, 36_501));
        vm.prank(alice);
        unitSale.buy(HOME, 0, 36_501, type(uint256).max, _noPermit());

        vm.prank(alice);
        unitSale.buy(HOME, 0, 36_500, type(uint256).max, _noPermit());
        assertEq(registry.storagePaidUntil(HOME), T0 + 36_500 days, "a hundred years");
    }

    function test_buy_RevertWhen_UnitIsOwned() public {
        _claim(bob, HOME);
        _buyFloor(bob, FREE_FLOOR, 0);
        _approveMrk(alice, address(unitSale), type(uint256).max);
        MrkBalances memory before = _mrkBalances(alice);
        uint256[2] memory owned = [HOME, FREE_FLOOR + 624];
        for (uint256 i; i < owned.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.UnitAlreadyOwned.selector, owned[i]));
            vm.prank(alice);
            unitSale.buy(owned[i], 0, 0, type(uint256).max, _noPermit());
        }
        _assertPaid(before, alice, 0);
    }

    function test_buy_RevertWhen_RoomsOnAnExternalSurface() public {
        _approveMrk(alice, address(unitSale), type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(UnitSale.UnitSaleNoRooms.selector, BILLBOARD));
        vm.prank(alice);
        unitSale.buy(BILLBOARD, 1, 0, type(uint256).max, _noPermit());
    }

    function test_buy_RevertWhen_OfficeIsClosed() public {
        _setLandOffice(address(unitSale), false, UNLIMITED);
        _approveMrk(alice, address(unitSale), type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.LandOfficeUnauthorized.selector, address(unitSale)));
        vm.prank(alice);
        unitSale.buy(HOME, 0, 0, type(uint256).max, _noPermit());
    }

    /// @notice A unit priced at zero is given away: no transfer and no `LandPaid`.
    function test_buy_FreeWhenGovernanceSetsThePriceToZero() public {
        _setParameter(LandRights.PRICE_COMMUNITY, 0);
        MrkBalances memory before = _mrkBalances(alice);
        vm.recordLogs();
        vm.prank(alice);
        unitSale.buy(HALL, 0, 365, 0, _noPermit());
        assertEq(vm.getRecordedLogs().length, 2, "Transfer and UnitMinted only");
        assertEq(registry.ownerOf(HALL), alice, "owner");
        _assertPaid(before, alice, 0);
    }

    /// @notice Every payment is split exactly: the rendering fund gets its share rounded down,
    /// the treasury the rest, and nothing stays with the sale.
    function testFuzz_buy_SplitsThePaymentExactly(uint256 price, uint256 shareBps, uint32 storageDays, uint8 rooms) public {
        price = bound(price, 0, MAX_PRICE);
        shareBps = bound(shareBps, 0, 10_000);
        storageDays = uint32(bound(storageDays, 0, 36_500));
        _setParameter(LandRights.PRICE_COMMERCIAL, price);
        _setParameter(LandRights.RENDERING_FUND_SHARE_BPS, shareBps);

        (uint256 quoted, uint256 storageCost) = unitSale.quote(OFFICE, rooms, storageDays);
        assertEq(quoted, price + uint256(rooms) * ROOM_COMMERCIAL, "price with rooms");
        MrkBalances memory before = _mrkBalances(alice);
        uint256 paid = _buy(alice, OFFICE, rooms, storageDays);

        assertEq(paid, quoted + storageCost, "quote");
        _assertPaid(before, alice, paid);
        assertEq(mrk.balanceOf(address(unitSale)), 0, "the sale keeps nothing");
    }

    // =========================================================================================
    // buy: the permit path
    // =========================================================================================

    function test_buy_WithPermit() public {
        uint256 amount = PRICE_RESIDENTIAL;
        LandSaleBase.Permit memory permit = _permit("alice", address(unitSale), amount, block.timestamp + 1 hours);
        MrkBalances memory before = _mrkBalances(alice);

        vm.prank(alice);
        unitSale.buy(HOME, 0, 0, amount, permit);

        assertEq(registry.ownerOf(HOME), alice, "owner");
        assertEq(mrk.nonces(alice), 1, "permit used");
        assertEq(mrk.allowance(alice, address(unitSale)), 0, "allowance spent");
        _assertPaid(before, alice, amount);
    }

    /// @notice Someone submits the buyer's permit to the token first (front-running): the permit
    /// call then fails inside the sale, which goes on with the allowance that permit created.
    function test_buy_WithAPermitFrontRun() public {
        uint256 amount = PRICE_RESIDENTIAL;
        LandSaleBase.Permit memory permit = _permit("alice", address(unitSale), amount, block.timestamp + 1 hours);
        vm.prank(mallory);
        mrk.permit(alice, address(unitSale), permit.value, permit.deadline, permit.v, permit.r, permit.s);

        vm.prank(alice);
        unitSale.buy(HOME, 0, 0, amount, permit);
        assertEq(registry.ownerOf(HOME), alice, "bought anyway");
    }

    /// @notice A permit already used with its allowance spent leaves a clear refusal from the token.
    function test_buy_RevertWhen_PermitIsReplayed() public {
        uint256 amount = PRICE_RESIDENTIAL;
        LandSaleBase.Permit memory permit = _permit("alice", address(unitSale), amount, block.timestamp + 1 hours);
        vm.prank(alice);
        unitSale.buy(HOME, 0, 0, amount, permit);

        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientAllowance.selector,
                address(unitSale),
                0,
                amount - amount / 2
            )
        );
        vm.prank(alice);
        unitSale.buy(NEXT_DOOR, 0, 0, amount, permit);
    }

    /// @notice Another account cannot spend alice's permit: the signature does not match the
    /// caller, and the caller's own allowance is empty.
    function test_buy_RevertWhen_PermitIsSomeoneElses() public {
        uint256 amount = PRICE_RESIDENTIAL;
        LandSaleBase.Permit memory permit = _permit("alice", address(unitSale), amount, block.timestamp + 1 hours);
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientAllowance.selector,
                address(unitSale),
                0,
                amount - amount / 2
            )
        );
        vm.prank(mallory);
        unitSale.buy(HOME, 0, 0, amount, permit);
        assertEq(mrk.nonces(alice), 0, "alice's permit unused");
        assertEq(mrk.allowance(alice, address(unitSale)), 0, "no allowance from alice");
    }

    function test_buy_RevertWhen_PermitIsForAnotherSpender() public {
        uint256 amount = PRICE_RESIDENTIAL;
        LandSaleBase.Permit memory permit = _permit("alice", address(floorSale), amount, block.timestamp + 1 hours);
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientAllowance.selector,
                address(unitSale),
                0,
                amount - amount / 2
            )
        );
        vm.prank(alice);
        unitSale.buy(HOME, 0, 0, amount, permit);
    }

    function test_buy_RevertWhen_PermitExpired() public {
        uint256 amount = PRICE_RESIDENTIAL;
        LandSaleBase.Permit memory permit = _permit("alice", address(unitSale), amount, block.timestamp - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientAllowance.selector,
                address(unitSale),
                0,
                amount - amount / 2
            )
        );
        vm.prank(alice);
        unitSale.buy(HOME, 0, 0, amount, permit);
        _expectNotOwned(HOME);
    }

    /// @notice With an allowance already in place, an expired permit is not needed and not used.
    function test_buy_ExpiredPermitFallsBackToTheAllowance() public {
        uint256 amount = PRICE_RESIDENTIAL;
        _approveMrk(alice, address(unitSale), amount);
        LandSaleBase.Permit memory permit = _permit("alice", address(unitSale), amount, block.timestamp - 1);
        vm.prank(alice);
        unitSale.buy(HOME, 0, 0, amount, permit);
        assertEq(registry.ownerOf(HOME), alice, "owner");
        assertEq(mrk.nonces(alice), 0, "permit not used");
    }

    function test_buy_RevertWhen_PermitValueIsShort() public {
        uint256 amount = PRICE_RESIDENTIAL;
        LandSaleBase.Permit memory permit = _permit("alice", address(unitSale), amount - 1, block.timestamp + 1);
        // The treasury's half goes through; the rendering fund's finds one wei missing.
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientAllowance.selector,
                address(unitSale),
                amount / 2 - 1,
                amount / 2
            )
        );
        vm.prank(alice);
        unitSale.buy(HOME, 0, 0, amount, permit);
    }

    // =========================================================================================
    // addRooms
    // =========================================================================================

    function test_addRooms_ByTheOwner() public {
        _buy(alice, HOME, 1, 0);
        uint256 amount = 4 * ROOM_RESIDENTIAL;
        _approveMrk(alice, address(unitSale), amount);
        MrkBalances memory before = _mrkBalances(alice);

        vm.expectEmit(address(registry));
        emit IUnitRegistry.UnitRoomsAdded(HOME, 5);
        vm.expectEmit(address(unitSale));
        emit LandSaleBase.LandPaid(alice, HOME, KIND_ROOMS, amount, amount / 2, amount / 2);
        vm.prank(alice);
        unitSale.addRooms(HOME, 4, amount, _noPermit());

        assertEq(registry.roomsOf(HOME), 5, "rooms");
        _assertPaid(before, alice, amount);
    }

    function test_addRooms_ToARangeUnit() public {
        _buyFloor(alice, OFFICE_FLOOR, 0);
        _approveMrk(alice, address(unitSale), ROOM_COMMERCIAL);
        vm.prank(alice);
        unitSale.addRooms(OFFICE, 1, ROOM_COMMERCIAL, _noPermit());
        assertEq(registry.roomsOf(OFFICE), 1, "rooms");
        assertEq(registry.balanceOf(alice), UNITS_PER_FLOOR, "still a range");
    }

    function test_addRooms_RevertWhen_CallerIsNotTheOwner() public {
        _buy(alice, HOME, 0, 0);
        vm.prank(alice);
        registry.setApprovalForAll(mallory, true);
        _approveMrk(mallory, address(unitSale), type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(UnitSale.UnitSaleNotOwner.selector, HOME, mallory));
        vm.prank(mallory);
        unitSale.addRooms(HOME, 1, type(uint256).max, _noPermit());
    }

    function test_addRooms_RevertWhen_ExternalSurface() public {
        _buy(alice, BILLBOARD, 0, 0);
        vm.expectRevert(abi.encodeWithSelector(UnitSale.UnitSaleNoRooms.selector, BILLBOARD));
        vm.prank(alice);
        unitSale.addRooms(BILLBOARD, 1, type(uint256).max, _noPermit());
    }

    function test_addRooms_RevertWhen_MoreThan255() public {
        _buy(alice, HALL, 250, 0);
        _approveMrk(alice, address(unitSale), type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.UnitRoomsOverflow.selector, HALL, 256));
        vm.prank(alice);
        unitSale.addRooms(HALL, 6, type(uint256).max, _noPermit());
    }

    function test_addRooms_RevertWhen_PriceAboveTheLimit() public {
        _buy(alice, HOME, 0, 0);
        vm.expectRevert(
            abi.encodeWithSelector(LandSaleBase.LandPriceAboveLimit.selector, 2 * ROOM_RESIDENTIAL, ROOM_RESIDENTIAL)
        );
        vm.prank(alice);
        unitSale.addRooms(HOME, 2, ROOM_RESIDENTIAL, _noPermit());
    }

    // =========================================================================================
    // payStorage
    // =========================================================================================

    /// @notice Anyone may pay a unit's storage; the days go after what is paid already.
    function test_payStorage_ByAnyoneFromTheEndOfWhatIsPaid() public {
        _buy(alice, OFFICE, 2, 100);
        uint256 fee = unitSale.storageQuote(OFFICE, 30);
        assertEq(fee, unitSale.storageFee(PRICE_COMMERCIAL + 2 * ROOM_COMMERCIAL, 30), "rooms count");
        _approveMrk(bob, address(unitSale), fee);
        MrkBalances memory before = _mrkBalances(bob);

        vm.warp(T0 + 10 days);
        vm.expectEmit(address(registry));
        emit IUnitRegistry.UnitStorageExtended(OFFICE, uint40(T0 + 130 days));
        vm.expectEmit(address(unitSale));
        emit LandSaleBase.LandPaid(bob, OFFICE, KIND_STORAGE, fee, fee - fee / 2, fee / 2);
        vm.prank(bob);
        unitSale.payStorage(OFFICE, 30, fee, _noPermit());

        assertEq(registry.storagePaidUntil(OFFICE), T0 + 130 days, "100 + 30 days, not now + 30");
        _assertPaid(before, bob, fee);
    }

    function test_payStorage_AfterItLapsedCountsFromNow() public {
        _buy(alice, OFFICE, 0, 10);
        vm.warp(T0 + 50 days);
        _payStorage(alice, OFFICE, 7);
        assertEq(registry.storagePaidUntil(OFFICE), T0 + 57 days, "from now");
    }

    function test_payStorage_OfARangeUnitCountsFromTheRangesStorage() public {
        _buyFloor(alice, OFFICE_FLOOR, 20);
        _payStorage(bob, OFFICE, 5);
        assertEq(registry.storagePaidUntil(OFFICE), T0 + 25 days, "unit");
        assertEq(registry.storagePaidUntil(OFFICE_NEXT_DOOR), T0 + 20 days, "neighbour");
    }

    /// @notice However payments interleave with time, each day is paid once: the paid-until time
    /// is always the later of the previous one and now, plus exactly the days just paid.
    function testFuzz_payStorage_NeverPaysTheSameDayTwice(uint32[4] memory days_, uint32[4] memory gaps) public {
        _buy(alice, OFFICE, 0, 0);
        uint256 expected = T0;
        for (uint256 i; i < 4; ++i) {
            vm.warp(block.timestamp + bound(gaps[i], 0, 400 days));
            uint32 d = uint32(bound(days_[i], 1, 36_500));
            uint256 start = expected > block.timestamp ? expected : block.timestamp;
            uint256 fee = _payStorage(bob, OFFICE, d);
            expected = start + uint256(d) * 1 days;
            assertEq(registry.storagePaidUntil(OFFICE), expected, "paid until");
            assertEq(fee, unitSale.storageFee(PRICE_COMMERCIAL, d), "charged for exactly these days");
        }
    }

    function test_payStorage_RevertWhen_ZeroOrTooManyDays() public {
        _buy(alice, HOME, 0, 0);
        _approveMrk(alice, address(unitSale), type(uint256).max);
        vm.expectRevert(abi.encodeWithSelector(LandSaleBase.LandStorageDaysInvalid.selector, 0));
        vm.prank(alice);
        unitSale.payStorage(HOME, 0, type(uint256).max, _noPermit());
        vm.expectRevert(abi.encodeWithSelector(LandSaleBase.LandStorageDaysInvalid.selector, 36_501));
        vm.prank(alice);
        unitSale.payStorage(HOME, 36_501, type(uint256).max, _noPermit());
    }

    function test_payStorage_RevertWhen_UnitDoesNotExist() public {
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, HOME));
        vm.prank(alice);
        unitSale.payStorage(HOME, 1, type(uint256).max, _noPermit());
    }

    /// @notice The paid-until time is 40 bits; a payment past its end reverts instead of wrapping
    /// to an early date.
    function test_payStorage_RevertWhen_PaidUntilWouldOverflow() public {
        _buy(alice, HOME, 0, 0);
        address office = makeAddr("office");
        _setLandOffice(office, true, 0);
        uint40 current = type(uint40).max - 1 days;
        vm.prank(office);
        registry.extendStorage(HOME, current);

        _approveMrk(alice, address(unitSale), type(uint256).max);
        // (2^40 - 1 - 1 day) + 2 days wraps to 1 day - 1 second in 40 bits.
        vm.expectRevert(
            abi.encodeWithSelector(IUnitRegistry.UnitStorageNotExtended.selector, HOME, 1 days - 1, current)
        );
        vm.prank(alice);
        unitSale.payStorage(HOME, 2, type(uint256).max, _noPermit());
        assertEq(registry.storagePaidUntil(HOME), current, "unchanged");
    }

    function test_payStorage_RevertWhen_FeeAboveTheLimit() public {
        _buy(alice, OFFICE, 0, 0);
        uint256 fee = unitSale.storageQuote(OFFICE, 365);
        vm.expectRevert(abi.encodeWithSelector(LandSaleBase.LandPriceAboveLimit.selector, fee, fee - 1));
        vm.prank(alice);
        unitSale.payStorage(OFFICE, 365, fee - 1, _noPermit());
    }

    // =========================================================================================
    // Re-entrancy
    // =========================================================================================

    /// @notice `buy` mints without `onERC721Received`: a contract buying gets no hook to re-enter from.
    function test_buy_DoesNotCallTheReceiverHook() public {
        ReentrantUnitReceiver receiver = new ReentrantUnitReceiver(registry);
        _fund(address(receiver), PRICE_RESIDENTIAL * 2);
        receiver.act(address(mrk), abi.encodeCall(IERC20.approve, (address(unitSale), type(uint256).max)));
        receiver.addCallback(
            address(unitSale),
            abi.encodeCall(UnitSale.buy, (NEXT_DOOR, 0, 0, type(uint256).max, _noPermit()))
        );
        receiver.act(
            address(unitSale),
            abi.encodeCall(UnitSale.buy, (HOME, 0, 0, type(uint256).max, _noPermit()))
        );

        assertEq(registry.ownerOf(HOME), address(receiver), "owner");
        assertEq(receiver.callbacks(), 0, "no hook");
        _expectNotOwned(NEXT_DOOR);
    }

    /// @notice A receiver that buys from inside `onERC721Received` is an ordinary buyer: it can
    /// buy a free unit and pay, but not the unit in flight, and pays for all it gets.
    function test_buy_ReentrantReceiverPaysLikeAnyone() public {
        _claim(alice, HOME);
        ReentrantUnitReceiver receiver = new ReentrantUnitReceiver(registry);
        _fund(address(receiver), PRICE_RESIDENTIAL);
        receiver.act(address(mrk), abi.encodeCall(IERC20.approve, (address(unitSale), type(uint256).max)));
        bytes memory buyInFlight = abi.encodeCall(UnitSale.buy, (HOME, 0, 0, type(uint256).max, _noPermit()));
        bytes memory buyNext = abi.encodeCall(UnitSale.buy, (NEXT_DOOR, 0, 0, type(uint256).max, _noPermit()));
        bytes memory buyAnother = abi.encodeCall(UnitSale.buy, (HOME + 2, 0, 0, type(uint256).max, _noPermit()));
        receiver.addCallback(address(unitSale), buyInFlight);
        receiver.addCallback(address(unitSale), buyNext);
        receiver.addCallback(address(unitSale), buyAnother);
        MrkBalances memory before = _mrkBalances(address(receiver));

        vm.prank(alice);
        registry.safeTransferFrom(alice, address(receiver), HOME);

        assertEq(
            receiver.results(0),
            abi.encodeWithSelector(IUnitRegistry.UnitAlreadyOwned.selector, HOME),
            "the unit in flight"
        );
        assertTrue(receiver.succeeded(1), "a free unit, paid");
        assertEq(
            receiver.results(2),
            abi.encodeWithSelector(IERC20Errors.ERC20InsufficientBalance.selector, address(receiver), 0, PRICE_RESIDENTIAL / 2),
            "no MRK left"
        );
        assertEq(registry.balanceOf(address(receiver)), 2, "received + bought");
        _assertPaid(before, address(receiver), PRICE_RESIDENTIAL);
    }

    /// @notice The only outside code a sale calls while collecting is the token: a token that
    /// calls back into `buy`, `addRooms` or `payStorage` is refused by the guard.
    function test_buy_RevertWhen_ReenteredFromTheToken() public {
        (ReentrantToken token, UnitSale sale) = _saleWithReentrantToken();
        token.setReentry(address(sale), abi.encodeCall(UnitSale.buy, (NEXT_DOOR, 0, 0, type(uint256).max, _noPermit())));
        vm.prank(alice);
        sale.buy(HOME, 0, 0, type(uint256).max, _noPermit());

        assertTrue(token.reentered(), "the token called back");
        assertFalse(token.reentrySucceeded(), "the nested buy failed");
        assertEq(
            token.reentryError(),
            abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector),
            "reentrancy guard"
        );
        assertEq(registry.ownerOf(HOME), alice, "the outer purchase completes");
        _expectNotOwned(NEXT_DOOR);
    }

    function test_payStorage_RevertWhen_ReenteredFromTheToken() public {
        (ReentrantToken token, UnitSale sale) = _saleWithReentrantToken();
        vm.prank(alice);
        sale.buy(HOME, 0, 0, type(uint256).max, _noPermit());
        token.setReentry(address(sale), abi.encodeCall(UnitSale.addRooms, (HOME, 1, type(uint256).max, _noPermit())));
        vm.prank(alice);
        sale.payStorage(HOME, 10, type(uint256).max, _noPermit());

        assertEq(
            token.reentryError(),
            abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector),
            "reentrancy guard"
        );
        assertEq(registry.roomsOf(HOME), 0, "no rooms added");
        assertEq(registry.storagePaidUntil(HOME), T0 + 10 days, "storage paid once");
    }

    // =========================================================================================
    // Helpers
    // =========================================================================================

    function _payStorage(address payer, uint256 unitId, uint32 storageDays) internal returns (uint256 fee) {
        fee = unitSale.storageQuote(unitId, storageDays);
        _approveMrk(payer, address(unitSale), fee);
        vm.prank(payer);
        unitSale.payStorage(unitId, storageDays, fee, _noPermit());
    }

    /// @dev A second unit sale, paid in a token that calls back, appointed by governance; alice
    /// holds and approves the token.
    function _saleWithReentrantToken() internal returns (ReentrantToken token, UnitSale sale) {
        token = new ReentrantToken();
        sale = new UnitSale(registry, IERC20(address(token)), params, treasury, renderingFund);
        _setLandOffice(address(sale), true, UNLIMITED);
        token.mint(alice, BUYER_MRK);
        vm.prank(alice);
        token.approve(address(sale), type(uint256).max);
    }

    function _assertQuote(uint256 unitId, uint8 rooms, uint256 expected) internal view {
        (uint256 price, ) = unitSale.quote(unitId, rooms, 0);
        assertEq(price, expected, "quote");
    }

    function _expectNotOwned(uint256 unitId) internal {
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, unitId));
        registry.ownerOf(unitId);
    }
}
