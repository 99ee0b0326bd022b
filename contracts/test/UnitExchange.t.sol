// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IAccessManaged} from "@openzeppelin/contracts/access/manager/IAccessManaged.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ExchangeFixture} from "./utils/ExchangeFixture.sol";
import {ReentrantUnitReceiver} from "./mocks/UnitReceivers.sol";
import {ReentrantToken} from "./mocks/ReentrantToken.sol";
import {ContractWallet} from "./mocks/ContractWallet.sol";
import {IUnitExchange} from "../interfaces/IUnitExchange.sol";
import {UnitExchange} from "../market/UnitExchange.sol";

contract UnitExchangeTest is ExchangeFixture {
    // =========================================================================================
    // buy: a signed listing of one unit
    // =========================================================================================

    function test_buy_PaysTreasuryAgencyAndSellerAndMovesTheUnit() public {
        IUnitExchange.Listing memory listing = _listing(alice, OFFICE, PRICE);
        listing.agency = agency;
        listing.agencyFeeBps = 300;
        bytes memory signature = _signListing("alice", listing);
        _allowMrk(bob);
        (uint256 platformFee, uint256 agencyFee) = _fees(PRICE, 300);
        uint256 aliceBefore = mrk.balanceOf(alice);
        uint256 bobBefore = mrk.balanceOf(bob);
        uint256 treasuryBefore = mrk.balanceOf(treasury);

        vm.expectEmit(address(exchange));
        emit IUnitExchange.ListingFilled(
            exchange.hashListing(listing),
            alice,
            bob,
            OFFICE,
            PRICE,
            platformFee,
            agency,
            agencyFee
        );
        _buyListing(bob, listing, signature);

        assertEq(registry.ownerOf(OFFICE), bob, "the unit is bob's");
        assertEq(bobBefore - mrk.balanceOf(bob), PRICE, "bob paid the price");
        assertEq(mrk.balanceOf(treasury) - treasuryBefore, platformFee, "2.5 % to the treasury");
        assertEq(mrk.balanceOf(agency), agencyFee, "3 % to the agency");
        assertEq(mrk.balanceOf(alice) - aliceBefore, PRICE - platformFee - agencyFee, "the rest to alice");
        assertEq(mrk.balanceOf(address(exchange)), 0, "the exchange holds no MRK");
    }

    function test_buy_WithoutFeesPaysTheSellerEverything() public {
        _setParameter(keccak256("exchange.platformFeeBps"), 0);
        IUnitExchange.Listing memory listing = _listing(alice, OFFICE, PRICE);
        _allowMrk(bob);
        uint256 aliceBefore = mrk.balanceOf(alice);
        _buyListing(bob, listing, _signListing("alice", listing));
        assertEq(mrk.balanceOf(alice) - aliceBefore, PRICE, "alice got the whole price");
    }

    function test_buy_WithPermitInTheSameTransaction() public {
        IUnitExchange.Listing memory listing = _listing(alice, OFFICE, PRICE);
        bytes memory signature = _signListing("alice", listing);
        IUnitExchange.Permit memory permit = _exchangePermit("bob", PRICE);
        vm.prank(bob);
        exchange.buy(listing, signature, permit);
        assertEq(registry.ownerOf(OFFICE), bob, "bought with a permit");
        assertEq(mrk.allowance(bob, address(exchange)), 0, "the permit was spent exactly");
    }

    function test_buy_AtTheDeadlineItself() public {
        IUnitExchange.Listing memory listing = _listing(alice, OFFICE, PRICE);
        bytes memory signature = _signListing("alice", listing);
        _allowMrk(bob);
        vm.warp(listing.deadline);
        _buyListing(bob, listing, signature);
        assertEq(registry.ownerOf(OFFICE), bob, "valid up to its deadline");
    }

    function test_buy_RevertWhen_Expired() public {
        IUnitExchange.Listing memory listing = _listing(alice, OFFICE, PRICE);
        bytes memory signature = _signListing("alice", listing);
        _allowMrk(bob);
        vm.warp(uint256(listing.deadline) + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IUnitExchange.OrderExpired.selector,
                exchange.hashListing(listing),
                listing.deadline
            )
        );
        _buyListing(bob, listing, signature);
    }

    /// @notice The same signed listing cannot be bought twice: the sale raised the unit's transfer count.
    function test_buy_RevertWhen_ReplayedAfterTheSale() public {
        IUnitExchange.Listing memory listing = _listing(alice, OFFICE, PRICE);
        bytes memory signature = _signListing("alice", listing);
        _allowMrk(bob);
        _allowMrk(carol);
        _buyListing(bob, listing, signature);
        _approveExchange(bob);
        vm.expectRevert(
            abi.encodeWithSelector(IUnitExchange.OrderUnitMoved.selector, exchange.hashListing(listing), OFFICE, 0, 1)
        );
        _buyListing(carol, listing, signature);
    }

    /// @notice A listing dies when the unit changes hands after it was signed, and stays dead when
    /// the unit comes back to its seller.
    function test_buy_RevertWhen_UnitMovedAfterListingEvenIfItCameBack() public {
        IUnitExchange.Listing memory listing = _listing(alice, OFFICE, PRICE);
        bytes memory signature = _signListing("alice", listing);
        _allowMrk(carol);
        vm.prank(alice);
        registry.transferFrom(alice, bob, OFFICE);
        vm.expectRevert(
            abi.encodeWithSelector(IUnitExchange.OrderUnitMoved.selector, exchange.hashListing(listing), OFFICE, 0, 1)
        );
        _buyListing(carol, listing, signature);

        vm.prank(bob);
        registry.transferFrom(bob, alice, OFFICE);
        assertEq(registry.ownerOf(OFFICE), alice, "back with alice");
        vm.expectRevert(
            abi.encodeWithSelector(IUnitExchange.OrderUnitMoved.selector, exchange.hashListing(listing), OFFICE, 0, 2)
        );
        _buyListing(carol, listing, signature);

        // A fresh listing at the unit's new count sells.
        IUnitExchange.Listing memory fresh = _listing(alice, OFFICE, PRICE);
        _buyListing(carol, fresh, _signListing("alice", fresh));
        assertEq(registry.ownerOf(OFFICE), carol, "the fresh listing sold");
    }

    /// @notice A signature for one chain does not open the same listing on a fork with another chain id.
    function test_buy_RevertWhen_ReplayedOnAnotherChain() public {
        IUnitExchange.Listing memory listing = _listing(alice, OFFICE, PRICE);
        bytes memory signature = _sign("alice", _listingDigest(listing, block.chainid, address(exchange)));
        assertEq(exchange.hashListing(listing), _listingDigest(listing, block.chainid, address(exchange)), "digest");
        _allowMrk(bob);
        uint256 home = block.chainid;
        vm.chainId(home + 1);
        bytes32 forkHash = exchange.hashListing(listing);
        assertEq(forkHash, _listingDigest(listing, home + 1, address(exchange)), "the fork's digest names its chain");
        vm.expectRevert(abi.encodeWithSelector(IUnitExchange.OrderSignatureInvalid.selector, forkHash, alice));
        _buyListing(bob, listing, signature);
        vm.chainId(home);
        _buyListing(bob, listing, signature);
        assertEq(registry.ownerOf(OFFICE), bob, "valid on its own chain");
    }

    /// @notice A signature for this exchange does not open the same listing at another exchange.
    function test_buy_RevertWhen_ReplayedAtAnotherExchange() public {
        UnitExchange other = new UnitExchange(address(manager), registry, IERC20(address(mrk)), params, treasury);
        _approveExchange(alice);
        vm.prank(alice);
        registry.setApprovalForAll(address(other), true);
        IUnitExchange.Listing memory listing = _listing(alice, OFFICE, PRICE);
        bytes memory signature = _signListing("alice", listing);
        _approveMrk(bob, address(other), type(uint256).max);
        vm.expectRevert(
            abi.encodeWithSelector(IUnitExchange.OrderSignatureInvalid.selector, other.hashListing(listing), alice)
        );
        vm.prank(bob);
        other.buy(listing, signature, _noExchangePermit());
    }

    function test_buy_RevertWhen_SignedBySomeoneElse() public {
        IUnitExchange.Listing memory listing = _listing(alice, OFFICE, 1);
        bytes memory signature = _signListing("mallory", listing);
        _allowMrk(mallory);
        vm.expectRevert(
            abi.encodeWithSelector(IUnitExchange.OrderSignatureInvalid.selector, exchange.hashListing(listing), alice)
        );
        _buyListing(mallory, listing, signature);
    }

    function test_buy_RevertWhen_AnyFieldWasChanged() public {
        IUnitExchange.Listing memory listing = _listing(alice, OFFICE, PRICE);
        bytes memory signature = _signListing("alice", listing);
        listing.price = PRICE - 1;
        _allowMrk(bob);
        vm.expectRevert(
            abi.encodeWithSelector(IUnitExchange.OrderSignatureInvalid.selector, exchange.hashListing(listing), alice)
        );
        _buyListing(bob, listing, signature);
    }

    /// @notice Someone who does not own the unit lists it under their own name: the registry refuses to move it.
    function test_buy_RevertWhen_SellerDoesNotOwnTheUnit() public {
        _approveExchange(mallory);
        IUnitExchange.Listing memory listing = _listing(mallory, OFFICE, PRICE);
        bytes memory signature = _signListing("mallory", listing);
        _allowMrk(bob);
        uint256 bobBefore = mrk.balanceOf(bob);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721IncorrectOwner.selector, mallory, OFFICE, alice));
        _buyListing(bob, listing, signature);
        assertEq(mrk.balanceOf(bob), bobBefore, "nothing paid");
    }

    function test_buy_RevertWhen_SellerDidNotApproveTheExchange() public {
        vm.prank(alice);
        registry.setApprovalForAll(address(exchange), false);
        IUnitExchange.Listing memory listing = _listing(alice, OFFICE, PRICE);
        bytes memory signature = _signListing("alice", listing);
        _allowMrk(bob);
        vm.expectRevert(
            abi.encodeWithSelector(IERC721Errors.ERC721InsufficientApproval.selector, address(exchange), OFFICE)
        );
        _buyListing(bob, listing, signature);
    }

    /// @notice Residential units have no `sell` right at genesis: not even a signed listing sells one.
    function test_buy_RevertWhen_UnitTypeMayNotBeSold() public {
        _claim(alice, HOME);
        IUnitExchange.Listing memory listing = _listing(alice, HOME, PRICE);
        bytes memory signature = _signListing("alice", listing);
        _allowMrk(bob);
        vm.expectRevert(abi.encodeWithSelector(IUnitExchange.UnitNotForSale.selector, HOME));
        _buyListing(bob, listing, signature);
        // Governance may grant the right; then it sells.
        _setParameter(keccak256("land.rights.residential"), 8);
        _buyListing(bob, listing, signature);
        assertEq(registry.ownerOf(HOME), bob, "sold once Residential may be sold");
    }

    function test_buy_RevertWhen_ReservedForAnotherBuyer() public {
        IUnitExchange.Listing memory listing = _listing(alice, OFFICE, PRICE);
        listing.buyer = carol;
        bytes memory signature = _signListing("alice", listing);
        _allowMrk(bob);
        vm.expectRevert(
            abi.encodeWithSelector(IUnitExchange.OrderBuyerNotAllowed.selector, exchange.hashListing(listing), bob)
        );
        _buyListing(bob, listing, signature);
        _allowMrk(carol);
        _buyListing(carol, listing, signature);
        assertEq(registry.ownerOf(OFFICE), carol, "the named buyer may");
    }

    function test_buy_RevertWhen_AgencyFeeAboveTheCap() public {
        IUnitExchange.Listing memory listing = _listing(alice, OFFICE, PRICE);
        listing.agency = agency;
        listing.agencyFeeBps = uint16(AGENCY_FEE_CAP_BPS + 1);
        bytes memory signature = _signListing("alice", listing);
        _allowMrk(bob);
        vm.expectRevert(
            abi.encodeWithSelector(
                IUnitExchange.OrderAgencyFeeInvalid.selector,
                exchange.hashListing(listing),
                listing.agencyFeeBps,
                AGENCY_FEE_CAP_BPS
            )
        );
        _buyListing(bob, listing, signature);
    }

    function test_buy_RevertWhen_AgencyFeeNamesNoAgency() public {
        IUnitExchange.Listing memory listing = _listing(alice, OFFICE, PRICE);
        listing.agencyFeeBps = 100;
        bytes memory signature = _signListing("alice", listing);
        _allowMrk(bob);
        vm.expectRevert(
            abi.encodeWithSelector(
                IUnitExchange.OrderAgencyFeeInvalid.selector,
                exchange.hashListing(listing),
                100,
                AGENCY_FEE_CAP_BPS
            )
        );
        _buyListing(bob, listing, signature);
    }

    function test_buy_RevertWhen_BuyerCannotPay() public {
        IUnitExchange.Listing memory listing = _listing(alice, OFFICE, PRICE);
        bytes memory signature = _signListing("alice", listing);
        vm.expectRevert();
        _buyListing(bob, listing, signature);
        assertEq(registry.ownerOf(OFFICE), alice, "nothing moved");
    }

    function test_buy_RevertWhen_GivenABundleListing() public {
        IUnitExchange.Listing memory listing = _bundleListing(alice, _units(OFFICE, OFFICE_NEXT_DOOR), PRICE);
        listing.unitId = OFFICE;
        bytes memory signature = _signListing("alice", listing);
        vm.expectRevert(abi.encodeWithSelector(IUnitExchange.OrderMalformed.selector, exchange.hashListing(listing)));
        _buyListing(bob, listing, signature);
    }

    // =========================================================================================
    // Cancellation
    // =========================================================================================

    function test_cancelListing_KillsTheListing() public {
        IUnitExchange.Listing memory listing = _listing(alice, OFFICE, PRICE);
        bytes memory signature = _signListing("alice", listing);
        bytes32 orderHash = exchange.hashListing(listing);
        vm.expectEmit(address(exchange));
        emit IUnitExchange.OrderCancelled(orderHash, alice);
        vm.prank(alice);
        exchange.cancelListing(listing);
        assertEq(exchange.orderStatus(orderHash), 2, "closed");
        _allowMrk(bob);
        vm.expectRevert(abi.encodeWithSelector(IUnitExchange.OrderCancelledOrFilled.selector, orderHash));
        _buyListing(bob, listing, signature);
    }

    function test_cancelListing_RevertWhen_NotTheSeller() public {
        IUnitExchange.Listing memory listing = _listing(alice, OFFICE, PRICE);
        vm.expectRevert(
            abi.encodeWithSelector(IUnitExchange.OrderNotSigner.selector, exchange.hashListing(listing), mallory)
        );
        vm.prank(mallory);
        exchange.cancelListing(listing);
    }

    function test_incrementCounter_KillsEverythingSignedBefore() public {
        IUnitExchange.Listing memory one = _listing(alice, OFFICE, PRICE);
        IUnitExchange.Listing memory two = _listing(alice, OFFICE_NEXT_DOOR, PRICE);
        bytes memory oneSignature = _signListing("alice", one);
        bytes memory twoSignature = _signListing("alice", two);
        vm.expectEmit(address(exchange));
        emit IUnitExchange.CounterIncremented(alice, 1);
        vm.prank(alice);
        exchange.incrementCounter();
        _allowMrk(bob);
        vm.expectRevert(
            abi.encodeWithSelector(IUnitExchange.OrderCounterStale.selector, exchange.hashListing(one), 0, 1)
        );
        _buyListing(bob, one, oneSignature);
        vm.expectRevert(
            abi.encodeWithSelector(IUnitExchange.OrderCounterStale.selector, exchange.hashListing(two), 0, 1)
        );
        _buyListing(bob, two, twoSignature);
        IUnitExchange.Listing memory fresh = _listing(alice, OFFICE, PRICE);
        _buyListing(bob, fresh, _signListing("alice", fresh));
        assertEq(registry.ownerOf(OFFICE), bob, "signed after the bump");
    }

    /// @notice An owner cancelling a unit kills every listing of it it signed (any price, any salt):
    /// the unit moves to its owner, which raises its transfer count; new listings sell.
    function test_cancelAsset_KillsTheOwnersListingsOfTheUnit() public {
        IUnitExchange.Listing memory cheap = _listing(alice, OFFICE, PRICE);
        IUnitExchange.Listing memory dear = _listing(alice, OFFICE, PRICE * 2);
        dear.salt = 7;
        IUnitExchange.Listing memory other = _listing(alice, OFFICE_NEXT_DOOR, PRICE);
        bytes memory cheapSignature = _signListing("alice", cheap);
        bytes memory dearSignature = _signListing("alice", dear);
        vm.expectEmit(address(exchange));
        emit IUnitExchange.AssetCancelled(alice, OFFICE, 1);
        vm.prank(alice);
        exchange.cancelAsset(OFFICE);
        assertEq(registry.ownerOf(OFFICE), alice, "still alice's");
        assertEq(registry.transferCount(OFFICE), 1, "count raised");
        _allowMrk(bob);
        vm.expectRevert(
            abi.encodeWithSelector(IUnitExchange.OrderUnitMoved.selector, exchange.hashListing(cheap), OFFICE, 0, 1)
        );
        _buyListing(bob, cheap, cheapSignature);
        vm.expectRevert(
            abi.encodeWithSelector(IUnitExchange.OrderUnitMoved.selector, exchange.hashListing(dear), OFFICE, 0, 1)
        );
        _buyListing(bob, dear, dearSignature);
        _buyListing(bob, other, _signListing("alice", other));

        IUnitExchange.Listing memory fresh = _listing(alice, OFFICE, PRICE);
        _buyListing(bob, fresh, _signListing("alice", fresh));
        assertEq(registry.ownerOf(OFFICE), bob, "a listing signed after the cancel");
    }

    /// @notice A bidder cancelling a unit kills its offers for the unit as it stands, nobody else's.
    function test_cancelAsset_KillsTheBiddersOffersForTheUnit() public {
        IUnitExchange.Offer memory mine = _unitOffer(bob, OFFICE, PRICE);
        IUnitExchange.Offer memory theirs = _unitOffer(carol, OFFICE, PRICE);
        bytes memory mineSignature = _signOffer("bob", mine);
        bytes memory theirsSignature = _signOffer("carol", theirs);
        vm.prank(bob);
        exchange.cancelAsset(OFFICE);
        assertEq(exchange.assetNonceOf(bob, OFFICE), 1, "bob's floor");
        assertEq(registry.transferCount(OFFICE), 0, "the unit did not move");
        _allowMrk(bob);
        _allowMrk(carol);
        vm.expectRevert(
            abi.encodeWithSelector(IUnitExchange.OrderUnitMoved.selector, exchange.hashOffer(mine), OFFICE, 0, 1)
        );
        vm.prank(alice);
        exchange.acceptOffer(mine, mineSignature, OFFICE, _noExchangePermit());
        vm.prank(alice);
        exchange.acceptOffer(theirs, theirsSignature, OFFICE, _noExchangePermit());
        assertEq(registry.ownerOf(OFFICE), carol, "carol's offer stood");
    }

    // =========================================================================================
    // list: on-chain listings
    // =========================================================================================

    function test_list_PostsAListingThatSellsWithoutASignature() public {
        IUnitExchange.Listing memory listing = _listing(alice, OFFICE, PRICE);
        bytes32 orderHash = exchange.hashListing(listing);
        vm.expectEmit(address(exchange));
        emit IUnitExchange.ListingPosted(orderHash, alice, listing, new uint256[](0));
        vm.prank(alice);
        exchange.list(listing, new uint256[](0));
        assertEq(exchange.orderStatus(orderHash), 1, "posted");
        _allowMrk(bob);
        _buyListing(bob, listing, "");
        assertEq(registry.ownerOf(OFFICE), bob, "sold");
    }

    function test_list_RevertWhen_NotTheSeller() public {
        IUnitExchange.Listing memory listing = _listing(alice, OFFICE, PRICE);
        vm.expectRevert(
            abi.encodeWithSelector(IUnitExchange.OrderNotSigner.selector, exchange.hashListing(listing), mallory)
        );
        vm.prank(mallory);
        exchange.list(listing, new uint256[](0));
    }

    function test_list_RevertWhen_CancelledOrPostedBefore() public {
        IUnitExchange.Listing memory listing = _listing(alice, OFFICE, PRICE);
        bytes32 orderHash = exchange.hashListing(listing);
        vm.startPrank(alice);
        exchange.list(listing, new uint256[](0));
        vm.expectRevert(abi.encodeWithSelector(IUnitExchange.OrderCancelledOrFilled.selector, orderHash));
        exchange.list(listing, new uint256[](0));
        exchange.cancelListing(listing);
        vm.expectRevert(abi.encodeWithSelector(IUnitExchange.OrderCancelledOrFilled.selector, orderHash));
        exchange.list(listing, new uint256[](0));
        vm.stopPrank();
        _allowMrk(bob);
        vm.expectRevert(abi.encodeWithSelector(IUnitExchange.OrderCancelledOrFilled.selector, orderHash));
        _buyListing(bob, listing, "");
    }

    function test_list_RevertWhen_UnitMayNotBeSold() public {
        _claim(alice, HOME);
        IUnitExchange.Listing memory listing = _listing(alice, HOME, PRICE);
        vm.expectRevert(abi.encodeWithSelector(IUnitExchange.UnitNotForSale.selector, HOME));
        vm.prank(alice);
        exchange.list(listing, new uint256[](0));
    }

    // =========================================================================================
    // ERC-1271: contract sellers and buyers
    // =========================================================================================

    function test_buy_ContractSellerSignsByErc1271() public {
        ContractWallet dao = new ContractWallet(vm.addr(keyOf("dao signer")));
        vm.prank(alice);
        registry.transferFrom(alice, address(dao), OFFICE);
        dao.act(address(registry), abi.encodeCall(registry.setApprovalForAll, (address(exchange), true)));
        IUnitExchange.Listing memory listing = _listing(address(dao), OFFICE, PRICE);
        bytes memory signature = _signListing("dao signer", listing);
        _allowMrk(bob);
        _buyListing(bob, listing, signature);
        assertEq(registry.ownerOf(OFFICE), bob, "sold by the DAO");
        (uint256 platformFee, ) = _fees(PRICE, 0);
        assertEq(mrk.balanceOf(address(dao)), PRICE - platformFee, "the DAO was paid");
    }

    function test_buy_RevertWhen_ContractSellerRevokedItsSigner() public {
        ContractWallet dao = new ContractWallet(vm.addr(keyOf("dao signer")));
        vm.prank(alice);
        registry.transferFrom(alice, address(dao), OFFICE);
        dao.act(address(registry), abi.encodeCall(registry.setApprovalForAll, (address(exchange), true)));
        IUnitExchange.Listing memory listing = _listing(address(dao), OFFICE, PRICE);
        bytes memory signature = _signListing("dao signer", listing);
        dao.setSigner(address(0));
        _allowMrk(bob);
        vm.expectRevert(
            abi.encodeWithSelector(
                IUnitExchange.OrderSignatureInvalid.selector,
                exchange.hashListing(listing),
                address(dao)
            )
        );
        _buyListing(bob, listing, signature);
    }

    // =========================================================================================
    // Re-entry
    // =========================================================================================

    /// @notice A buyer contract whose `onERC721Received` tries to buy another listing, cancel, or
    /// bump a counter from inside the sale: the guarded call is refused, the sale completes once.
    function test_buy_ReentryFromTheBuyersHookIsRefused() public {
        ReentrantUnitReceiver buyer = new ReentrantUnitReceiver(registry);
        _fund(address(buyer), 3 * PRICE);
        buyer.act(address(mrk), abi.encodeCall(IERC20.approve, (address(exchange), type(uint256).max)));
        IUnitExchange.Listing memory first = _listing(alice, OFFICE, PRICE);
        IUnitExchange.Listing memory second = _listing(alice, OFFICE_NEXT_DOOR, PRICE);
        bytes memory secondSignature = _signListing("alice", second);
        buyer.addCallback(
            address(exchange),
            abi.encodeCall(exchange.buy, (second, secondSignature, _noExchangePermit()))
        );
        buyer.addCallback(address(exchange), abi.encodeCall(exchange.buy, (first, _signListing("alice", first), _noExchangePermit())));

        buyer.act(address(exchange), abi.encodeCall(exchange.buy, (first, _signListing("alice", first), _noExchangePermit())));

        assertEq(buyer.callbacks(), 1, "one hook");
        assertEq(buyer.ownerSeenInCallback(), address(buyer), "paid and moved before the hook");
        for (uint256 i; i < 2; ++i) {
            assertFalse(buyer.succeeded(i), "re-entry refused");
            assertEq(
                buyer.results(i),
                abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector),
                "by the guard"
            );
        }
        assertEq(registry.ownerOf(OFFICE_NEXT_DOOR), alice, "the second listing did not sell");
        assertEq(mrk.balanceOf(address(buyer)), 2 * PRICE, "paid once");
        assertEq(mrk.balanceOf(address(exchange)), 0, "nothing left in the exchange");
        // After the hook the second listing is still good.
        buyer.act(address(exchange), abi.encodeCall(exchange.buy, (second, secondSignature, _noExchangePermit())));
        assertEq(registry.ownerOf(OFFICE_NEXT_DOOR), address(buyer), "sold outside the hook");
    }

    /// @notice A payment token that calls back into the exchange from `transferFrom` is refused by the guard.
    function test_buy_ReentryFromTheTokenIsRefused() public {
        ReentrantToken token = new ReentrantToken();
        UnitExchange exchangeOfToken = new UnitExchange(address(manager), registry, IERC20(address(token)), params, treasury);
        vm.prank(alice);
        registry.setApprovalForAll(address(exchangeOfToken), true);
        token.mint(bob, PRICE);
        vm.prank(bob);
        token.approve(address(exchangeOfToken), PRICE);
        IUnitExchange.Listing memory listing = _listing(alice, OFFICE, PRICE);
        bytes memory signature = _sign("alice", exchangeOfToken.hashListing(listing));
        IUnitExchange.Listing memory second = _listing(alice, OFFICE_NEXT_DOOR, 0);
        token.setReentry(
            address(exchangeOfToken),
            abi.encodeCall(exchangeOfToken.buy, (second, _sign("alice", exchangeOfToken.hashListing(second)), _noExchangePermit()))
        );
        vm.prank(bob);
        exchangeOfToken.buy(listing, signature, _noExchangePermit());
        assertTrue(token.reentered(), "the token called back");
        assertFalse(token.reentrySucceeded(), "refused");
        assertEq(
            token.reentryError(),
            abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector),
            "by the guard"
        );
        assertEq(registry.ownerOf(OFFICE), bob, "the sale itself completed");
        assertEq(registry.ownerOf(OFFICE_NEXT_DOOR), alice, "nothing bought from inside");
    }

    // =========================================================================================
    // buyBundle
    // =========================================================================================

    function test_buyBundle_SellsEveryUnitForOnePrice() public {
        uint256[] memory unitIds = _units(OFFICE, OFFICE_NEXT_DOOR);
        IUnitExchange.Listing memory listing = _bundleListing(alice, unitIds, PRICE);
        bytes memory signature = _signListing("alice", listing);
        _allowMrk(bob);
        uint256 aliceBefore = mrk.balanceOf(alice);
        vm.prank(bob);
        exchange.buyBundle(listing, signature, unitIds, _noExchangePermit());
        assertEq(registry.ownerOf(OFFICE), bob, "first unit");
        assertEq(registry.ownerOf(OFFICE_NEXT_DOOR), bob, "second unit");
        (uint256 platformFee, ) = _fees(PRICE, 0);
        assertEq(mrk.balanceOf(alice) - aliceBefore, PRICE - platformFee, "one price for both");
        // Replayed: every unit moved, so the fingerprint no longer matches.
        _approveExchange(bob);
        _allowMrk(carol);
        bytes32 current = exchange.bundleFingerprint(unitIds);
        vm.expectRevert(
            abi.encodeWithSelector(
                IUnitExchange.OrderBundleMismatch.selector,
                exchange.hashListing(listing),
                listing.bundle,
                current
            )
        );
        vm.prank(carol);
        exchange.buyBundle(listing, signature, unitIds, _noExchangePermit());
    }

    /// @notice A seller may list a bundle and each of its units alone; selling one alone kills the bundle.
    function test_buyBundle_RevertWhen_OneUnitWasSoldAlone() public {
        uint256[] memory unitIds = _units(OFFICE, OFFICE_NEXT_DOOR);
        IUnitExchange.Listing memory bundle = _bundleListing(alice, unitIds, PRICE);
        bytes memory bundleSignature = _signListing("alice", bundle);
        IUnitExchange.Listing memory single = _listing(alice, OFFICE_NEXT_DOOR, PRICE / 2);
        _allowMrk(carol);
        _buyListing(carol, single, _signListing("alice", single));
        _allowMrk(bob);
        bytes32 current = exchange.bundleFingerprint(unitIds);
        vm.expectRevert(
            abi.encodeWithSelector(
                IUnitExchange.OrderBundleMismatch.selector,
                exchange.hashListing(bundle),
                bundle.bundle,
                current
            )
        );
        vm.prank(bob);
        exchange.buyBundle(bundle, bundleSignature, unitIds, _noExchangePermit());
    }

    function test_buyBundle_RevertWhen_UnitsDifferFromTheSignedOnes() public {
        uint256[] memory unitIds = _units(OFFICE, OFFICE_NEXT_DOOR);
        IUnitExchange.Listing memory listing = _bundleListing(alice, unitIds, PRICE);
        bytes memory signature = _signListing("alice", listing);
        _allowMrk(bob);
        uint256[] memory one = new uint256[](1);
        one[0] = OFFICE;
        bytes32 current = exchange.bundleFingerprint(one);
        vm.expectRevert(
            abi.encodeWithSelector(
                IUnitExchange.OrderBundleMismatch.selector,
                exchange.hashListing(listing),
                listing.bundle,
                current
            )
        );
        vm.prank(bob);
        exchange.buyBundle(listing, signature, one, _noExchangePermit());
        uint256[] memory swapped = _units(OFFICE_NEXT_DOOR, OFFICE);
        current = exchange.bundleFingerprint(swapped);
        vm.expectRevert(
            abi.encodeWithSelector(
                IUnitExchange.OrderBundleMismatch.selector,
                exchange.hashListing(listing),
                listing.bundle,
                current
            )
        );
        vm.prank(bob);
        exchange.buyBundle(listing, signature, swapped, _noExchangePermit());
    }

    /// @notice Units of a floor bought whole can be bundled while still in the range; each leaves
    /// the range as it is sold, and the rest of the floor stays the seller's.
    function test_buyBundle_UnitsStillInAFloorsRange() public {
        _buyFloor(carol, FREE_FLOOR, 0);
        _approveExchange(carol);
        uint256[] memory unitIds = _units(FREE_FLOOR | 5, FREE_FLOOR | 6);
        IUnitExchange.Listing memory listing = _bundleListing(carol, unitIds, PRICE);
        bytes memory signature = _signListing("carol", listing);
        _allowMrk(bob);
        vm.prank(bob);
        exchange.buyBundle(listing, signature, unitIds, _noExchangePermit());
        assertEq(registry.ownerOf(FREE_FLOOR | 5), bob, "out of the range to bob");
        assertEq(registry.ownerOf(FREE_FLOOR | 7), carol, "the rest stays carol's");
        assertEq(registry.balanceOf(carol), UNITS_PER_FLOOR - 2, "carol's balance");
    }

    function test_buyBundle_RevertWhen_AUnitWasCancelledBySeller() public {
        uint256[] memory unitIds = _units(OFFICE, OFFICE_NEXT_DOOR);
        IUnitExchange.Listing memory listing = _bundleListing(alice, unitIds, PRICE);
        bytes memory signature = _signListing("alice", listing);
        vm.prank(alice);
        exchange.cancelAsset(OFFICE_NEXT_DOOR);
        _allowMrk(bob);
        bytes32 current = exchange.bundleFingerprint(unitIds);
        vm.expectRevert(
            abi.encodeWithSelector(
                IUnitExchange.OrderBundleMismatch.selector,
                exchange.hashListing(listing),
                listing.bundle,
                current
            )
        );
        vm.prank(bob);
        exchange.buyBundle(listing, signature, unitIds, _noExchangePermit());
    }

    function test_list_PostsABundle() public {
        uint256[] memory unitIds = _units(OFFICE, OFFICE_NEXT_DOOR);
        IUnitExchange.Listing memory listing = _bundleListing(alice, unitIds, PRICE);
        vm.prank(alice);
        exchange.list(listing, unitIds);
        _allowMrk(bob);
        vm.prank(bob);
        exchange.buyBundle(listing, "", unitIds, _noExchangePermit());
        assertEq(registry.balanceOf(bob), 2, "both units");
    }

    // =========================================================================================
    // Offers
    // =========================================================================================

    function test_acceptOffer_SellsTheUnitToTheBidder() public {
        IUnitExchange.Offer memory offer = _unitOffer(bob, OFFICE, PRICE);
        offer.agency = agency;
        offer.agencyFeeBps = 200;
        bytes memory signature = _signOffer("bob", offer);
        _allowMrk(bob);
        (uint256 platformFee, uint256 agencyFee) = _fees(PRICE, 200);
        uint256 aliceBefore = mrk.balanceOf(alice);
        vm.expectEmit(address(exchange));
        emit IUnitExchange.OfferAccepted(
            exchange.hashOffer(offer),
            alice,
            bob,
            OFFICE,
            PRICE,
            platformFee,
            agency,
            agencyFee
        );
        vm.prank(alice);
        exchange.acceptOffer(offer, signature, OFFICE, _noExchangePermit());
        assertEq(registry.ownerOf(OFFICE), bob, "bob's now");
        assertEq(mrk.balanceOf(alice) - aliceBefore, PRICE - platformFee - agencyFee, "alice's proceeds");
        assertEq(mrk.balanceOf(agency), agencyFee, "the agency's fee");
        // The offer cannot be accepted again, even by a later owner: the unit moved.
        vm.prank(bob);
        registry.transferFrom(bob, carol, OFFICE);
        _approveExchange(carol);
        vm.expectRevert(
            abi.encodeWithSelector(IUnitExchange.OrderUnitMoved.selector, exchange.hashOffer(offer), OFFICE, 0, 2)
        );
        vm.prank(carol);
        exchange.acceptOffer(offer, signature, OFFICE, _noExchangePermit());
    }

    function test_acceptOffer_WithTheBiddersPermit() public {
        IUnitExchange.Offer memory offer = _unitOffer(bob, OFFICE, PRICE);
        bytes memory signature = _signOffer("bob", offer);
        IUnitExchange.Permit memory permit = _exchangePermit("bob", PRICE);
        vm.prank(alice);
        exchange.acceptOffer(offer, signature, OFFICE, permit);
        assertEq(registry.ownerOf(OFFICE), bob, "paid by bob's permit");
    }

    function test_acceptOffer_RevertWhen_CallerDoesNotOwnTheUnit() public {
        IUnitExchange.Offer memory offer = _unitOffer(bob, OFFICE, PRICE);
        bytes memory signature = _signOffer("bob", offer);
        _allowMrk(bob);
        vm.expectRevert(abi.encodeWithSelector(IUnitExchange.UnitNotOwnedBySeller.selector, OFFICE, mallory, alice));
        vm.prank(mallory);
        exchange.acceptOffer(offer, signature, OFFICE, _noExchangePermit());
    }

    function test_acceptOffer_RevertWhen_ForAnotherUnit() public {
        IUnitExchange.Offer memory offer = _unitOffer(bob, OFFICE, PRICE);
        bytes memory signature = _signOffer("bob", offer);
        _allowMrk(bob);
        vm.expectRevert(abi.encodeWithSelector(IUnitExchange.UnitNotInBuilding.selector, OFFICE_NEXT_DOOR, OFFICE));
        vm.prank(alice);
        exchange.acceptOffer(offer, signature, OFFICE_NEXT_DOOR, _noExchangePermit());
    }

    function test_acceptOffer_RevertWhen_CancelledOrSignedBySomeoneElse() public {
        IUnitExchange.Offer memory offer = _unitOffer(bob, OFFICE, PRICE);
        _allowMrk(bob);
        bytes32 orderHash = exchange.hashOffer(offer);
        bytes memory forged = _signOffer("alice", offer);
        vm.expectRevert(abi.encodeWithSelector(IUnitExchange.OrderSignatureInvalid.selector, orderHash, bob));
        vm.prank(alice);
        exchange.acceptOffer(offer, forged, OFFICE, _noExchangePermit());

        bytes memory signature = _signOffer("bob", offer);
        vm.expectRevert(abi.encodeWithSelector(IUnitExchange.OrderNotSigner.selector, orderHash, alice));
        vm.prank(alice);
        exchange.cancelOffer(offer);
        vm.prank(bob);
        exchange.cancelOffer(offer);
        vm.expectRevert(abi.encodeWithSelector(IUnitExchange.OrderCancelledOrFilled.selector, orderHash));
        vm.prank(alice);
        exchange.acceptOffer(offer, signature, OFFICE, _noExchangePermit());
    }

    function test_acceptOffer_BuildingOfferTakesAnyOneUnitOnce() public {
        uint256 building = OFFICE_BUILDING;
        IUnitExchange.Offer memory offer = _buildingOffer(bob, building, PRICE);
        bytes memory signature = _signOffer("bob", offer);
        _allowMrk(bob);
        vm.prank(alice);
        exchange.acceptOffer(offer, signature, OFFICE_NEXT_DOOR, _noExchangePermit());
        assertEq(registry.ownerOf(OFFICE_NEXT_DOOR), bob, "any unit of the building");
        assertEq(exchange.orderStatus(exchange.hashOffer(offer)), 2, "filled");
        vm.expectRevert(
            abi.encodeWithSelector(IUnitExchange.OrderCancelledOrFilled.selector, exchange.hashOffer(offer))
        );
        vm.prank(alice);
        exchange.acceptOffer(offer, signature, OFFICE, _noExchangePermit());
    }

    function test_acceptOffer_RevertWhen_UnitOutsideTheBuilding() public {
        _buy(alice, SHOP, 0, 0);
        IUnitExchange.Offer memory offer = _buildingOffer(bob, OFFICE_BUILDING, PRICE);
        bytes memory signature = _signOffer("bob", offer);
        _allowMrk(bob);
        vm.expectRevert(abi.encodeWithSelector(IUnitExchange.UnitNotInBuilding.selector, SHOP, OFFICE_BUILDING));
        vm.prank(alice);
        exchange.acceptOffer(offer, signature, SHOP, _noExchangePermit());
    }

    function test_cancelAsset_KillsTheBiddersBuildingOffers() public {
        IUnitExchange.Offer memory offer = _buildingOffer(bob, OFFICE_BUILDING, PRICE);
        bytes memory signature = _signOffer("bob", offer);
        uint256 asset = OFFICE_BUILDING | exchange.BUILDING_ASSET();
        vm.prank(bob);
        exchange.cancelAsset(asset);
        assertEq(exchange.assetNonceOf(bob, asset), 1, "building nonce");
        _allowMrk(bob);
        vm.expectRevert(
            abi.encodeWithSelector(
                IUnitExchange.OrderUnitMoved.selector,
                exchange.hashOffer(offer),
                OFFICE_BUILDING,
                0,
                1
            )
        );
        vm.prank(alice);
        exchange.acceptOffer(offer, signature, OFFICE, _noExchangePermit());
    }

    function test_acceptOffer_RevertWhen_Expired() public {
        IUnitExchange.Offer memory offer = _unitOffer(bob, OFFICE, PRICE);
        bytes memory signature = _signOffer("bob", offer);
        _allowMrk(bob);
        vm.warp(uint256(offer.deadline) + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IUnitExchange.OrderExpired.selector, exchange.hashOffer(offer), offer.deadline)
        );
        vm.prank(alice);
        exchange.acceptOffer(offer, signature, OFFICE, _noExchangePermit());
    }

    function test_acceptOffer_RevertWhen_UnitMayNotBeSold() public {
        _claim(alice, HOME);
        IUnitExchange.Offer memory offer = _unitOffer(bob, HOME, PRICE);
        bytes memory signature = _signOffer("bob", offer);
        _allowMrk(bob);
        vm.expectRevert(abi.encodeWithSelector(IUnitExchange.UnitNotForSale.selector, HOME));
        vm.prank(alice);
        exchange.acceptOffer(offer, signature, HOME, _noExchangePermit());
    }

    /// @notice A DAO treasury (ERC-1271) makes an offer; its signer's approval is checked at acceptance.
    function test_acceptOffer_ContractBidderSignsByErc1271() public {
        ContractWallet dao = new ContractWallet(vm.addr(keyOf("dao signer")));
        _fund(address(dao), PRICE);
        dao.act(address(mrk), abi.encodeCall(IERC20.approve, (address(exchange), PRICE)));
        IUnitExchange.Offer memory offer = _unitOffer(address(dao), OFFICE, PRICE);
        bytes memory signature = _signOffer("dao signer", offer);
        vm.prank(alice);
        exchange.acceptOffer(offer, signature, OFFICE, _noExchangePermit());
        assertEq(registry.ownerOf(OFFICE), address(dao), "the DAO bought it");
    }

    // =========================================================================================
    // Fees (fuzzed) and nothing held
    // =========================================================================================

    function testFuzz_buy_FeesAndProceedsAddUpToThePrice(uint256 price, uint256 platformBps, uint16 agencyBps) public {
        price = bound(price, 0, BUYER_MRK);
        platformBps = bound(platformBps, 0, PLATFORM_FEE_MAX_BPS);
        _setParameter(keccak256("exchange.agencyFeeCapBps"), AGENCY_FEE_CAP_MAX_BPS);
        agencyBps = uint16(bound(agencyBps, 0, AGENCY_FEE_CAP_MAX_BPS));
        _setParameter(keccak256("exchange.platformFeeBps"), platformBps);
        IUnitExchange.Listing memory listing = _listing(alice, OFFICE, price);
        listing.agency = agency;
        listing.agencyFeeBps = agencyBps;
        bytes memory signature = _signListing("alice", listing);
        _allowMrk(bob);
        uint256 aliceBefore = mrk.balanceOf(alice);
        uint256 bobBefore = mrk.balanceOf(bob);
        uint256 treasuryBefore = mrk.balanceOf(treasury);
        _buyListing(bob, listing, signature);
        uint256 toTreasury = mrk.balanceOf(treasury) - treasuryBefore;
        uint256 toAgency = mrk.balanceOf(agency);
        uint256 toSeller = mrk.balanceOf(alice) - aliceBefore;
        assertEq(bobBefore - mrk.balanceOf(bob), price, "the buyer paid the price");
        assertEq(toTreasury + toAgency + toSeller, price, "every wei went somewhere");
        assertEq(toTreasury, (price * platformBps) / 10_000, "platform fee");
        assertEq(toAgency, (price * agencyBps) / 10_000, "agency fee");
        assertEq(mrk.balanceOf(address(exchange)), 0, "nothing held");
        (uint256 quotedPlatform, uint256 quotedAgency, uint256 quotedProceeds) = exchange.quoteSale(price, agencyBps);
        assertEq(quotedPlatform, toTreasury, "quote: platform");
        assertEq(quotedAgency, toAgency, "quote: agency");
        assertEq(quotedProceeds, toSeller, "quote: proceeds");
    }

    function test_safeTransferFrom_UnitToTheExchangeIsRefused() public {
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721InvalidReceiver.selector, address(exchange)));
        vm.prank(alice);
        registry.safeTransferFrom(alice, address(exchange), OFFICE);
    }

    function test_recover_GovernanceSendsOnWhatWasSentByMistake() public {
        vm.prank(bob);
        mrk.transfer(address(exchange), 7 * MRK);
        vm.prank(alice);
        registry.transferFrom(alice, address(exchange), OFFICE);

        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, mallory));
        vm.prank(mallory);
        exchange.recover(IERC20(address(mrk)), mallory, 7 * MRK);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, mallory));
        vm.prank(mallory);
        exchange.recoverUnit(OFFICE, mallory);

        vm.startPrank(governance);
        exchange.recover(IERC20(address(mrk)), bob, 7 * MRK);
        exchange.recoverUnit(OFFICE, alice);
        vm.stopPrank();
        assertEq(mrk.balanceOf(address(exchange)), 0, "MRK sent on");
        assertEq(registry.ownerOf(OFFICE), alice, "unit sent back");
    }

    function test_constructor_RevertWhen_ZeroAddress() public {
        vm.expectRevert(IUnitExchange.ExchangeZeroAddress.selector);
        new UnitExchange(address(manager), registry, IERC20(address(mrk)), params, address(0));
    }
}
