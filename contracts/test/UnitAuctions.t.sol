// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IAccessManaged} from "@openzeppelin/contracts/access/manager/IAccessManaged.sol";
import {ExchangeFixture} from "./utils/ExchangeFixture.sol";
import {IUnitAuctions} from "../interfaces/IUnitAuctions.sol";
import {UnitAuctions} from "../market/UnitAuctions.sol";

/// @notice English auctions: custody, reserve, increments, the anti-sniping extension, credits
/// and withdrawals, settlement's payments, cancellation, recovery of strays, and a fuzz that the
/// house always holds exactly the leading bids plus the credits.
contract UnitAuctionsTest is ExchangeFixture {
    uint256 internal constant RESERVE = 1_000 * MRK;
    uint32 internal constant DURATION = 1 days;

    UnitAuctions internal auctions;

    function setUp() public override {
        super.setUp();
        auctions = new UnitAuctions(address(manager), registry, IERC20(address(mrk)), params, treasury);
        vm.prank(alice);
        registry.setApprovalForAll(address(auctions), true);
        _approveMrk(bob, address(auctions), type(uint256).max);
        _approveMrk(carol, address(auctions), type(uint256).max);
    }

    function _create(uint256 unitId) internal returns (uint256) {
        vm.prank(alice);
        return auctions.createAuction(unitId, RESERVE, DURATION, address(0), 0);
    }

    function _noPermitA() internal pure returns (IUnitAuctions.Permit memory) {
        return IUnitAuctions.Permit({value: 0, deadline: 0, v: 0, r: bytes32(0), s: bytes32(0)});
    }

    function _bid(address bidder, uint256 auctionId, uint256 amount) internal {
        vm.prank(bidder);
        auctions.bid(auctionId, amount, _noPermitA());
    }

    // --- Creating -------------------------------------------------------------------------------

    function test_create_TakesTheUnitAndRecordsTheTerms() public {
        vm.expectEmit(address(auctions));
        emit IUnitAuctions.AuctionCreated(1, alice, OFFICE, RESERVE, DURATION, agency, 200);
        vm.prank(alice);
        uint256 id = auctions.createAuction(OFFICE, RESERVE, DURATION, agency, 200);
        assertEq(id, 1, "first auction");
        assertEq(registry.ownerOf(OFFICE), address(auctions), "held by the house");
        IUnitAuctions.Auction memory auction = auctions.auctionOf(id);
        assertEq(auction.seller, alice, "seller");
        assertEq(uint256(auction.unitId), OFFICE, "unit");
        assertEq(uint256(auction.reserve), RESERVE, "reserve");
        assertEq(uint256(auction.endsAt), 0, "the clock waits for the first bid");
        assertEq(auctions.auctionOfUnit(OFFICE), id, "live auction of the unit");
        assertEq(auctions.minimumBid(id), RESERVE, "first bid: the reserve");
    }

    function test_create_RevertWhen_NotTheOwner() public {
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IUnitAuctions.AuctionNotOwner.selector, OFFICE, bob));
        auctions.createAuction(OFFICE, RESERVE, DURATION, address(0), 0);
    }

    function test_create_RevertWhen_TheTypeMayNotBeSold() public {
        _claim(alice, HOME);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IUnitAuctions.AuctionUnitNotForSale.selector, HOME));
        auctions.createAuction(HOME, RESERVE, DURATION, address(0), 0);
    }

    function test_create_RevertWhen_DurationOrReserveOutOfBounds() public {
        vm.startPrank(alice);
        vm.expectRevert(abi.encodeWithSelector(IUnitAuctions.AuctionDurationInvalid.selector, uint32(1 hours - 1)));
        auctions.createAuction(OFFICE, RESERVE, 1 hours - 1, address(0), 0);
        vm.expectRevert(abi.encodeWithSelector(IUnitAuctions.AuctionDurationInvalid.selector, uint32(30 days + 1)));
        auctions.createAuction(OFFICE, RESERVE, 30 days + 1, address(0), 0);
        vm.expectRevert(abi.encodeWithSelector(IUnitAuctions.AuctionReserveInvalid.selector, 0));
        auctions.createAuction(OFFICE, 0, DURATION, address(0), 0);
        uint256 tooBig = uint256(type(uint96).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(IUnitAuctions.AuctionReserveInvalid.selector, tooBig));
        auctions.createAuction(OFFICE, tooBig, DURATION, address(0), 0);
        vm.stopPrank();
    }

    function test_create_RevertWhen_AgencyFeeOverTheCapOrNoAgency() public {
        vm.startPrank(alice);
        vm.expectRevert(
            abi.encodeWithSelector(IUnitAuctions.AuctionAgencyFeeInvalid.selector, uint16(501), AGENCY_FEE_CAP_BPS)
        );
        auctions.createAuction(OFFICE, RESERVE, DURATION, agency, 501);
        vm.expectRevert(
            abi.encodeWithSelector(IUnitAuctions.AuctionAgencyFeeInvalid.selector, uint16(100), AGENCY_FEE_CAP_BPS)
        );
        auctions.createAuction(OFFICE, RESERVE, DURATION, address(0), 100);
        vm.stopPrank();
    }

    // --- Bidding --------------------------------------------------------------------------------

    function test_bid_FirstBidAtTheReserveStartsTheClock() public {
        uint256 id = _create(OFFICE);
        vm.expectEmit(address(auctions));
        emit IUnitAuctions.BidPlaced(id, bob, RESERVE, uint64(block.timestamp + DURATION));
        _bid(bob, id, RESERVE);
        assertEq(uint256(auctions.auctionOf(id).endsAt), block.timestamp + DURATION, "ends a duration later");
        assertEq(mrk.balanceOf(address(auctions)), RESERVE, "the bid is held");
        assertEq(auctions.minimumBid(id), RESERVE + RESERVE / 20, "next bid: 5 % more");
    }

    function test_bid_RevertWhen_BelowTheReserveOrTheIncrement() public {
        uint256 id = _create(OFFICE);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IUnitAuctions.AuctionBidTooLow.selector, id, RESERVE - 1, RESERVE));
        auctions.bid(id, RESERVE - 1, _noPermitA());
        _bid(bob, id, RESERVE);
        uint256 minimum = RESERVE + RESERVE / 20;
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(IUnitAuctions.AuctionBidTooLow.selector, id, minimum - 1, minimum));
        auctions.bid(id, minimum - 1, _noPermitA());
    }

    function test_bid_RevertWhen_TheSellerBidsOrTheAuctionIsUnknown() public {
        uint256 id = _create(OFFICE);
        _approveMrk(alice, address(auctions), type(uint256).max);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IUnitAuctions.AuctionSellerBid.selector, id));
        auctions.bid(id, RESERVE, _noPermitA());
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IUnitAuctions.AuctionUnknown.selector, 7));
        auctions.bid(7, RESERVE, _noPermitA());
    }

    function test_bid_OutbidBecomesCreditWithdrawnByPull() public {
        uint256 id = _create(OFFICE);
        _bid(bob, id, RESERVE);
        uint256 bobBefore = mrk.balanceOf(bob);
        _bid(carol, id, 2 * RESERVE);
        assertEq(auctions.creditOf(bob), RESERVE, "bob's bid is his credit");
        assertEq(mrk.balanceOf(bob), bobBefore, "nothing pushed to bob");
        vm.expectEmit(address(auctions));
        emit IUnitAuctions.Withdrawn(bob, RESERVE);
        vm.prank(bob);
        auctions.withdraw();
        assertEq(mrk.balanceOf(bob) - bobBefore, RESERVE, "bob withdrew his bid");
        assertEq(mrk.balanceOf(address(auctions)), 2 * RESERVE, "only carol's bid held");
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IUnitAuctions.AuctionNothingToWithdraw.selector, bob));
        auctions.withdraw();
    }

    function test_bid_CreditPaysForTheNextBid() public {
        uint256 id = _create(OFFICE);
        _bid(bob, id, RESERVE);
        _bid(carol, id, 2 * RESERVE);
        uint256 bobBefore = mrk.balanceOf(bob);
        _bid(bob, id, 3 * RESERVE);
        assertEq(bobBefore - mrk.balanceOf(bob), 2 * RESERVE, "only the difference was taken");
        assertEq(auctions.creditOf(bob), 0, "credit spent");
        // Raising one's own lead takes only the difference too.
        _bid(bob, id, 4 * RESERVE);
        assertEq(bobBefore - mrk.balanceOf(bob), 3 * RESERVE, "raised by the difference");
        assertEq(mrk.balanceOf(address(auctions)), 4 * RESERVE + 2 * RESERVE, "bob's lead and carol's credit");
    }

    function test_bid_LateBidExtendsTheEnd() public {
        uint256 id = _create(OFFICE);
        _bid(bob, id, RESERVE);
        uint64 endsAt = auctions.auctionOf(id).endsAt;
        vm.warp(endsAt - 16 minutes);
        _bid(carol, id, 2 * RESERVE);
        assertEq(uint256(auctions.auctionOf(id).endsAt), endsAt, "16 minutes before: no extension");
        vm.warp(endsAt - 1);
        _bid(bob, id, 3 * RESERVE);
        assertEq(uint256(auctions.auctionOf(id).endsAt), block.timestamp + 15 minutes, "extended 15 minutes");
    }

    function test_bid_RevertWhen_Ended() public {
        uint256 id = _create(OFFICE);
        _bid(bob, id, RESERVE);
        uint64 endsAt = auctions.auctionOf(id).endsAt;
        vm.warp(endsAt);
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(IUnitAuctions.AuctionEnded.selector, id, endsAt));
        auctions.bid(id, 2 * RESERVE, _noPermitA());
    }

    function test_bid_WithPermit() public {
        uint256 id = _create(OFFICE);
        address dave = makeAddr("dave");
        _fund(dave, RESERVE);
        uint256 deadline = block.timestamp + 1 hours;
        (uint8 v, bytes32 r, bytes32 s) = _signPermit("dave", address(auctions), RESERVE, deadline);
        vm.prank(dave);
        auctions.bid(id, RESERVE, IUnitAuctions.Permit({value: RESERVE, deadline: deadline, v: v, r: r, s: s}));
        assertEq(auctions.auctionOf(id).highBidder, dave, "dave leads");
    }

    // --- Settling -------------------------------------------------------------------------------

    function test_settle_PaysFeesAndSellerAndHandsOverTheUnit() public {
        vm.prank(alice);
        uint256 id = auctions.createAuction(OFFICE, RESERVE, DURATION, agency, 300);
        _bid(bob, id, RESERVE);
        _bid(carol, id, 2 * RESERVE);
        vm.warp(auctions.auctionOf(id).endsAt);
        uint256 price = 2 * RESERVE;
        (uint256 platformFee, uint256 agencyFee) = _fees(price, 300);
        uint256 aliceBefore = mrk.balanceOf(alice);
        uint256 treasuryBefore = mrk.balanceOf(treasury);
        vm.expectEmit(address(auctions));
        emit IUnitAuctions.AuctionSettled(id, carol, price, platformFee, agency, agencyFee);
        vm.prank(bob); // anyone may settle
        auctions.settle(id);
        assertEq(registry.ownerOf(OFFICE), carol, "the unit is carol's");
        assertEq(mrk.balanceOf(treasury) - treasuryBefore, platformFee, "platform fee");
        assertEq(mrk.balanceOf(agency), agencyFee, "agency fee");
        assertEq(mrk.balanceOf(alice) - aliceBefore, price - platformFee - agencyFee, "seller's proceeds");
        assertEq(mrk.balanceOf(address(auctions)), RESERVE, "only bob's credit is left");
        assertEq(auctions.auctionOfUnit(OFFICE), 0, "no live auction");
        assertEq(auctions.auctionOf(id).seller, address(0), "auction closed");
        vm.expectRevert(abi.encodeWithSelector(IUnitAuctions.AuctionUnknown.selector, id));
        auctions.settle(id);
    }

    function test_settle_RevertWhen_NotEndedOrNoBids() public {
        uint256 id = _create(OFFICE);
        vm.expectRevert(abi.encodeWithSelector(IUnitAuctions.AuctionNotEnded.selector, id, uint64(0)));
        auctions.settle(id);
        _bid(bob, id, RESERVE);
        uint64 endsAt = auctions.auctionOf(id).endsAt;
        vm.warp(endsAt - 1);
        vm.expectRevert(abi.encodeWithSelector(IUnitAuctions.AuctionNotEnded.selector, id, endsAt));
        auctions.settle(id);
    }

    /// @notice A winner that is a contract refusing ERC-721 hooks still gets the unit.
    function test_settle_ToAContractWithoutReceiverHook() public {
        uint256 id = _create(OFFICE);
        address wallet = address(new NoHooks());
        _fund(wallet, RESERVE);
        _approveMrk(wallet, address(auctions), RESERVE);
        _bid(wallet, id, RESERVE);
        vm.warp(auctions.auctionOf(id).endsAt);
        auctions.settle(id);
        assertEq(registry.ownerOf(OFFICE), wallet, "delivered without calling a hook");
    }

    // --- Cancelling -----------------------------------------------------------------------------

    function test_cancel_BeforeAnyBidReturnsTheUnit() public {
        uint256 id = _create(OFFICE);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IUnitAuctions.AuctionNotSeller.selector, id, bob));
        auctions.cancel(id);
        vm.expectEmit(address(auctions));
        emit IUnitAuctions.AuctionCancelled(id);
        vm.prank(alice);
        auctions.cancel(id);
        assertEq(registry.ownerOf(OFFICE), alice, "back with alice");
        assertEq(auctions.auctionOfUnit(OFFICE), 0, "no live auction");
    }

    function test_cancel_RevertWhen_ABidCame() public {
        uint256 id = _create(OFFICE);
        _bid(bob, id, RESERVE);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(IUnitAuctions.AuctionHasBids.selector, id));
        auctions.cancel(id);
    }

    // --- Strays ---------------------------------------------------------------------------------

    function test_safeTransferOfAUnitIsRefused() public {
        vm.prank(alice);
        vm.expectRevert();
        registry.safeTransferFrom(alice, address(auctions), OFFICE);
    }

    function test_recover_SendsOnlyStraysAndOnlyForGovernance() public {
        uint256 id = _create(OFFICE);
        _bid(bob, id, RESERVE);
        vm.prank(bob);
        mrk.transfer(address(auctions), 7 * MRK);
        vm.prank(alice);
        registry.transferFrom(alice, address(auctions), OFFICE_NEXT_DOOR);

        vm.prank(mallory);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, mallory));
        auctions.recover(mallory);
        vm.prank(mallory);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, mallory));
        auctions.recoverUnit(OFFICE_NEXT_DOOR, mallory);

        vm.startPrank(governance);
        auctions.recover(alice);
        assertEq(mrk.balanceOf(address(auctions)), RESERVE, "bob's bid stays");
        vm.expectRevert(abi.encodeWithSelector(IUnitAuctions.AuctionUnitInAuction.selector, OFFICE, id));
        auctions.recoverUnit(OFFICE, governance);
        auctions.recoverUnit(OFFICE_NEXT_DOOR, alice);
        vm.stopPrank();
        assertEq(registry.ownerOf(OFFICE_NEXT_DOOR), alice, "the stray unit is back");
    }

    // --- Fuzz: the house holds exactly what it owes ---------------------------------------------

    /// @notice Random bids by three bidders on two auctions, withdrawals, time passing and
    /// settlements: after every step the house's MRK equals the live leading bids plus every
    /// credit, and at the end every wei paid in reached a seller, the treasury, or is withdrawable.
    function testFuzz_HoldsExactlyTheLeadingBidsAndCredits(uint256 seed) public {
        address dave = makeAddr("dave");
        _fund(dave, BUYER_MRK);
        _approveMrk(dave, address(auctions), type(uint256).max);
        address[3] memory bidders = [bob, carol, dave];
        uint256[2] memory ids = [_create(OFFICE), _create(OFFICE_NEXT_DOOR)];
        for (uint256 step; step < 24; ++step) {
            seed = uint256(keccak256(abi.encode(seed, step)));
            uint256 action = seed % 4;
            uint256 id = ids[(seed >> 8) % 2];
            address who = bidders[(seed >> 16) % 3];
            IUnitAuctions.Auction memory auction = auctions.auctionOf(id);
            bool live = auction.seller != address(0);
            bool ended = auction.endsAt != 0 && block.timestamp >= auction.endsAt;
            if (action <= 1 && live && !ended) {
                uint256 amount = auctions.minimumBid(id) + ((seed >> 24) % (RESERVE / 2));
                _bid(who, id, amount);
            } else if (action == 2 && auctions.creditOf(who) != 0) {
                vm.prank(who);
                auctions.withdraw();
            } else if (live && ended) {
                auctions.settle(id);
            } else {
                vm.warp(block.timestamp + ((seed >> 32) % 2 days));
            }
            uint256 owed = auctions.creditOf(bob) + auctions.creditOf(carol) + auctions.creditOf(dave);
            for (uint256 k; k < 2; ++k) owed += auctions.auctionOf(ids[k]).highBid;
            assertEq(mrk.balanceOf(address(auctions)), owed, "held == leading bids + credits");
        }
    }
}

/// @dev A contract wallet without `onERC721Received`.
contract NoHooks {}
