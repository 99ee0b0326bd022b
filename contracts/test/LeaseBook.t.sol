// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {LeaseBookFixture} from "./utils/LeaseBookFixture.sol";
import {MockContractWallet} from "./mocks/MockContractWallet.sol";
import {ReentrantToken} from "./mocks/ReentrantToken.sol";
import {ILeaseBook} from "../interfaces/ILeaseBook.sol";
import {IUnitRegistry} from "../interfaces/IUnitRegistry.sol";
import {IERC4907} from "../interfaces/IERC4907.sol";
import {LeaseBook} from "../market/LeaseBook.sol";

/// @notice `LeaseBook` with the land as deployed: `alice` lets `OFFICE` (Commercial) to `bob`;
/// `carol` buys units and acts as agency; `mallory` tries everything she should not.
contract LeaseBookTest is LeaseBookFixture {
    uint64 internal constant RAW = 0x55;
    bytes32 internal constant SCENE = keccak256("owner scene");
    bytes32 internal constant TENANT_SCENE = keccak256("tenant scene");
    uint16 internal constant DAYS = 30;

    // =========================================================================================
    // rent
    // =========================================================================================

    function test_rent_EscrowsRentAndDepositAndMakesTheTenantTheUser() public {
        ILeaseBook.Listing memory listing = _listing(OFFICE);
        bytes memory signature = _sign(listing, "alice");
        uint256 cost = _cost(listing, DAYS);
        assertEq(cost, 400 ether, "30 days at 10 MRK + 100 MRK deposit");
        _approveMrk(bob, address(book), cost);
        uint256 bobBefore = mrk.balanceOf(bob);
        bytes32 id = book.listingId(listing);
        ILeaseBook.Lease memory expected = _leaseOf(listing, bob, DAYS, block.timestamp);

        vm.expectEmit(address(book));
        emit ILeaseBook.Leased(
            id,
            OFFICE,
            bob,
            alice,
            expected.agent,
            expected.agentFeeBps,
            expected.penaltyBps,
            expected.pricePerDay,
            expected.deposit,
            DAYS
        );
        vm.expectEmit(address(registry));
        emit IERC4907.UpdateUser(OFFICE, bob, uint64(block.timestamp + 30 days));
        vm.prank(bob);
        bytes32 leaseId = book.rent(listing, signature, DAYS);

        assertEq(leaseId, id, "the lease id is the listing's digest");
        assertEq(book.statusOf(leaseId), keccak256(abi.encode(expected)), "the lease's state hash");
        assertEq(bobBefore - mrk.balanceOf(bob), cost, "paid by the tenant");
        assertEq(mrk.balanceOf(address(book)), cost, "held in escrow");
        assertEq(registry.userOf(OFFICE), bob, "the tenant is the user");
        assertEq(registry.userExpires(OFFICE), block.timestamp + 30 days, "until the end");
        assertEq(registry.ownerOf(OFFICE), alice, "the unit never leaves its owner");
        assertTrue(registry.canDecorate(OFFICE, bob), "the tenant may decorate");
    }

    function test_rent_WithPermit() public {
        ILeaseBook.Listing memory listing = _listing(OFFICE);
        uint256 cost = _cost(listing, DAYS);
        (uint8 v, bytes32 r, bytes32 s) = _signPermit("bob", address(book), cost, block.timestamp + 1 hours);
        vm.prank(bob);
        book.rentWithPermit(
            listing,
            _sign(listing, "alice"),
            DAYS,
            ILeaseBook.Permit({value: cost, deadline: block.timestamp + 1 hours, v: v, r: r, s: s})
        );
        assertEq(mrk.balanceOf(address(book)), cost, "paid through the permit");
        assertEq(registry.userOf(OFFICE), bob, "user");
    }

    function test_rent_ListingRecordedOnChainNeedsNoSignature() public {
        ILeaseBook.Listing memory listing = _listing(OFFICE);
        bytes32 id = book.listingId(listing);
        vm.expectEmit(address(book));
        emit ILeaseBook.Listed(id, OFFICE, alice, listing);
        vm.prank(alice);
        assertEq(book.list(listing), id, "listing id");
        assertEq(book.statusOf(id), book.LISTED(), "listed");
        _rentSigned(bob, listing, "", DAYS);
        assertEq(registry.userOf(OFFICE), bob, "rented without a signature");
    }

    function test_list_RevertWhen_CallerIsNotTheOwnerOrItsAgency() public {
        ILeaseBook.Listing memory listing = _listing(OFFICE);
        vm.prank(mallory);
        vm.expectRevert(abi.encodeWithSelector(ILeaseBook.LeaseBookUnauthorized.selector, mallory));
        book.list(listing);
        listing.owner = mallory; // naming herself as owner does not help
        vm.prank(mallory);
        vm.expectRevert(abi.encodeWithSelector(ILeaseBook.LeaseBookNotOwner.selector, OFFICE, mallory, alice));
        book.list(listing);
    }

    function test_rent_RevertWhen_SignatureReplayedAfterTheLease() public {
        ILeaseBook.Listing memory listing = _listing(OFFICE);
        bytes memory signature = _sign(listing, "alice");
        (bytes32 leaseId, ) = _rentSigned(bob, listing, signature, 1);
        vm.warp(block.timestamp + 2 days); // the lease is over; the listing stays used
        _approveMrk(carol, address(book), _cost(listing, 1));
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(ILeaseBook.LeaseBookListingUnavailable.selector, leaseId));
        book.rent(listing, signature, 1);
    }

    /// @dev `rent` hashes the listing and copies the lease's terms from raw calldata; a member
    /// with bits above its type (which the owner's signature may even cover) must still revert.
    function test_rent_RevertWhen_AMemberIsOutOfItsTypesRange() public {
        ILeaseBook.Listing memory listing = _listing(OFFICE);
        _approveMrk(bob, address(book), _cost(listing, DAYS));
        // Words 1–12 of the listing: owner … deadline, each narrower than 256 bits.
        uint8[12] memory bits = [160, 32, 160, 16, 96, 16, 16, 96, 16, 8, 64, 64];
        for (uint256 i = 0; i < bits.length; ++i) {
            bytes memory data = abi.encodeCall(book.rent, (listing, "", DAYS));
            uint256 offset = 4 + 32 * (i + 1);
            uint256 word;
            assembly {
                word := mload(add(add(data, 0x20), offset))
            }
            word |= uint256(1) << bits[i];
            // Sign the dirty words exactly as the book hashes them, so only the range check can refuse.
            bytes32[15] memory words;
            words[0] = LISTING_TYPEHASH;
            for (uint256 w = 0; w < 14; ++w) {
                uint256 at = 4 + 32 * w;
                uint256 value;
                assembly {
                    value := mload(add(add(data, 0x20), at))
                }
                words[w + 1] = w == i + 1 ? bytes32(word) : bytes32(value);
            }
            bytes32 digest = keccak256(
                abi.encodePacked("\x19\x01", book.DOMAIN_SEPARATOR(), keccak256(abi.encodePacked(words)))
            );
            data = abi.encodeCall(book.rent, (listing, _signDigest("alice", digest), DAYS));
            assembly {
                mstore(add(add(data, 0x20), offset), word)
            }
            vm.prank(bob);
            // solhint-disable-next-line avoid-low-level-calls
            (bool ok, ) = address(book).call(data);
            assertFalse(ok, "a member out of its type's range is refused");
            assertEq(book.statusOf(digest), bytes32(0), "no lease recorded");
        }
        assertEq(registry.userOf(OFFICE), address(0), "the unit has no tenant");
        // The clean listing still rents.
        _rent(bob, listing, DAYS);
        assertEq(registry.userOf(OFFICE), bob);
    }

    function test_rent_RevertWhen_ListingCancelled() public {
        ILeaseBook.Listing memory listing = _listing(OFFICE);
        bytes memory signature = _sign(listing, "alice");
        bytes32 id = book.listingId(listing);
        vm.prank(mallory);
        vm.expectRevert(abi.encodeWithSelector(ILeaseBook.LeaseBookUnauthorized.selector, mallory));
        book.cancel(listing);
        vm.expectEmit(address(book));
        emit ILeaseBook.ListingCancelled(id, OFFICE);
        vm.prank(alice);
        book.cancel(listing);
        _approveMrk(bob, address(book), _cost(listing, DAYS));
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(ILeaseBook.LeaseBookListingUnavailable.selector, id));
        book.rent(listing, signature, DAYS);
    }

    function test_cancel_RevertWhen_ListingWasRented() public {
        ILeaseBook.Listing memory listing = _listing(OFFICE);
        (bytes32 leaseId, ) = _rent(bob, listing, DAYS);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(ILeaseBook.LeaseBookListingUnavailable.selector, leaseId));
        book.cancel(listing);
    }

    function test_rent_RevertWhen_OwnerIncrementedTheCounter() public {
        ILeaseBook.Listing memory listing = _listing(OFFICE);
        bytes memory signature = _sign(listing, "alice");
        vm.expectEmit(address(book));
        emit ILeaseBook.CounterIncremented(alice, 1);
        vm.prank(alice);
        book.incrementCounter();
        _approveMrk(bob, address(book), _cost(listing, DAYS));
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(ILeaseBook.LeaseBookCounterStale.selector, alice, 0, 1));
        book.rent(listing, signature, DAYS);
    }

    function test_rent_RevertWhen_SignedForAnotherChain() public {
        ILeaseBook.Listing memory listing = _listing(OFFICE);
        assertEq(_digest(listing, block.chainid, address(book)), book.listingId(listing), "hand-built digest");
        bytes memory foreign = _signDigest("alice", _digest(listing, block.chainid + 1, address(book)));
        _approveMrk(bob, address(book), _cost(listing, DAYS));
        vm.prank(bob);
        vm.expectRevert(
            abi.encodeWithSelector(ILeaseBook.LeaseBookSignatureInvalid.selector, _id(listing))
        );
        book.rent(listing, foreign, DAYS);
    }

    function test_rent_RevertWhen_SignedForAnotherBook() public {
        LeaseBook other = new LeaseBook(registry, IERC20(address(mrk)), params, treasury);
        ILeaseBook.Listing memory listing = _listing(OFFICE);
        bytes memory forOther = _signDigest("alice", other.listingId(listing));
        _approveMrk(bob, address(book), _cost(listing, DAYS));
        vm.prank(bob);
        vm.expectRevert(
            abi.encodeWithSelector(ILeaseBook.LeaseBookSignatureInvalid.selector, _id(listing))
        );
        book.rent(listing, forOther, DAYS);
    }

    function test_rent_RevertWhen_ListingExpired() public {
        ILeaseBook.Listing memory listing = _listing(OFFICE);
        bytes memory signature = _sign(listing, "alice");
        vm.warp(listing.deadline + 1);
        _approveMrk(bob, address(book), _cost(listing, DAYS));
        vm.prank(bob);
        vm.expectRevert(
            abi.encodeWithSelector(
                ILeaseBook.LeaseBookListingExpired.selector,
                _id(listing),
                listing.deadline
            )
        );
        book.rent(listing, signature, DAYS);
        vm.warp(listing.deadline); // the deadline's own second still rents
        vm.prank(bob);
        book.rent(listing, signature, DAYS);
    }

    function test_rent_RevertWhen_SignedBySomeoneElse() public {
        ILeaseBook.Listing memory listing = _listing(OFFICE);
        _approveMrk(bob, address(book), _cost(listing, DAYS));
        vm.prank(bob);
        vm.expectRevert(
            abi.encodeWithSelector(ILeaseBook.LeaseBookSignatureInvalid.selector, _id(listing))
        );
        book.rent(listing, _sign(listing, "mallory"), DAYS);
    }

    function test_rent_RevertWhen_ListingNamesAnotherOwner() public {
        ILeaseBook.Listing memory listing = _listing(OFFICE);
        listing.owner = mallory; // signed by mallory, for alice's unit
        _approveMrk(bob, address(book), _cost(listing, DAYS));
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(ILeaseBook.LeaseBookNotOwner.selector, OFFICE, mallory, alice));
        book.rent(listing, _sign(listing, "mallory"), DAYS);
    }

    /// @notice A listing carries the unit's transfer count: any move kills it, even one that
    /// brings the unit back to the same owner.
    function test_rent_RevertWhen_UnitTransferredAfterListing() public {
        ILeaseBook.Listing memory listing = _listing(OFFICE);
        bytes memory signature = _sign(listing, "alice");
        vm.prank(alice);
        registry.transferFrom(alice, carol, OFFICE);
        vm.prank(carol);
        registry.transferFrom(carol, alice, OFFICE);
        _approveMrk(bob, address(book), _cost(listing, DAYS));
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(ILeaseBook.LeaseBookListingStale.selector, OFFICE, 0, 2));
        book.rent(listing, signature, DAYS);
    }

    function test_rent_RevertWhen_UnitIsLeasedAlready() public {
        _rent(bob, _listing(OFFICE), DAYS);
        ILeaseBook.Listing memory second = _listing(OFFICE);
        second.salt = 2;
        _approveMrk(carol, address(book), _cost(second, 1));
        vm.prank(carol);
        vm.expectRevert(
            abi.encodeWithSelector(
                IUnitRegistry.UnitLeaseActive.selector,
                OFFICE,
                bob,
                uint64(block.timestamp + 30 days)
            )
        );
        book.rent(second, _sign(second, "alice"), 1);
    }

    function test_rent_AgainOnceTheLeaseIsOver() public {
        _rent(bob, _listing(OFFICE), 1);
        vm.warp(block.timestamp + 1 days);
        ILeaseBook.Listing memory second = _listing(OFFICE);
        second.salt = 2;
        _rent(carol, second, 2);
        assertEq(registry.userOf(OFFICE), carol, "the next tenant");
    }

    function test_rent_RevertWhen_UnitTypeHasNoRentRight() public {
        _claim(alice, HOME);
        ILeaseBook.Listing memory listing = _listing(HOME);
        _approveMrk(bob, address(book), _cost(listing, DAYS));
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.UnitNotRentable.selector, HOME));
        book.rent(listing, _sign(listing, "alice"), DAYS);
    }

    function test_rent_RevertWhen_DaysOutsideTheListing() public {
        ILeaseBook.Listing memory listing = _listing(OFFICE);
        listing.minDays = 7;
        listing.maxDays = 30;
        bytes memory signature = _sign(listing, "alice");
        _approveMrk(bob, address(book), _cost(listing, 31));
        vm.startPrank(bob);
        vm.expectRevert(abi.encodeWithSelector(ILeaseBook.LeaseBookDaysInvalid.selector, 6, 7, 30));
        book.rent(listing, signature, 6);
        vm.expectRevert(abi.encodeWithSelector(ILeaseBook.LeaseBookDaysInvalid.selector, 31, 7, 30));
        book.rent(listing, signature, 31);
        listing.minDays = 0;
        vm.expectRevert(abi.encodeWithSelector(ILeaseBook.LeaseBookDaysInvalid.selector, 0, 0, 30));
        book.rent(listing, _sign(listing, "alice"), 0);
        vm.stopPrank();
    }

    function test_rent_RevertWhen_FeesAreInvalid() public {
        ILeaseBook.Listing memory listing = _listing(OFFICE);
        listing.agentFeeBps = 100; // an agency fee without an agency
        _approveMrk(bob, address(book), _cost(listing, DAYS));
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(ILeaseBook.LeaseBookFeesInvalid.selector, 100, PENALTY_BPS));
        book.rent(listing, _sign(listing, "alice"), DAYS);
        listing.agentFeeBps = 0;
        listing.penaltyBps = 10_001;
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(ILeaseBook.LeaseBookFeesInvalid.selector, 0, 10_001));
        book.rent(listing, _sign(listing, "alice"), DAYS);
    }

    function test_rent_SignedByAnAgencyTheOwnerMadeOperator() public {
        ILeaseBook.Listing memory listing = _listing(OFFICE);
        listing.agent = carol;
        listing.agentFeeBps = 1_000;
        bytes memory byAgency = _sign(listing, "carol");
        _approveMrk(bob, address(book), _cost(listing, DAYS));
        vm.prank(bob);
        vm.expectRevert(
            abi.encodeWithSelector(ILeaseBook.LeaseBookSignatureInvalid.selector, _id(listing))
        );
        book.rent(listing, byAgency, DAYS); // not authorised yet

        vm.prank(alice);
        registry.setApprovalForAll(carol, true);
        vm.prank(bob);
        book.rent(listing, byAgency, DAYS);
        assertEq(registry.userOf(OFFICE), bob, "rented through the agency");
    }

    function test_rent_ListedOnChainByAnAgencyApprovedForTheUnit() public {
        ILeaseBook.Listing memory listing = _listing(OFFICE);
        listing.agent = carol;
        listing.agentFeeBps = 500;
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(ILeaseBook.LeaseBookUnauthorized.selector, carol));
        book.list(listing);
        vm.prank(alice);
        registry.approve(carol, OFFICE);
        vm.prank(carol);
        book.list(listing);
        _rentSigned(bob, listing, "", DAYS);
        assertEq(registry.userOf(OFFICE), bob, "rented from the agency's listing");
    }

    /// @notice A unit of a floor bought whole has no record of its own: the registry answers with
    /// the range's owner and a zero transfer count, and the lease lives apart from the range.
    function test_rent_AUnitStillHeldInItsFloorsRange() public {
        _buyFloor(alice, FREE_FLOOR, 365);
        uint256 unitId = FREE_FLOOR + 42;
        (, ILeaseBook.Lease memory lease) = _rent(bob, _listing(unitId), DAYS);
        assertEq(registry.userOf(unitId), bob, "user");
        vm.prank(bob);
        registry.setContent(unitId, TENANT_SCENE, RAW);
        (bytes32 shown, ) = registry.contentOf(unitId);
        assertEq(shown, TENANT_SCENE, "the tenant's scene");
        (address rangeOwner, , ) = registry.floorRange(FREE_FLOOR);
        assertEq(rangeOwner, alice, "still held in the range");
        vm.warp(lease.end);
        (shown, ) = registry.contentOf(unitId);
        assertEq(shown, bytes32(0), "no scene once the lease is over");
    }

    function test_rent_SignedByAContractOwnerThroughERC1271() public {
        MockContractWallet wallet = new MockContractWallet(alice);
        vm.prank(alice);
        registry.transferFrom(alice, address(wallet), OFFICE);
        ILeaseBook.Listing memory listing = _listing(OFFICE);
        assertEq(listing.owner, address(wallet), "the wallet owns the unit");
        _approveMrk(bob, address(book), _cost(listing, DAYS));
        vm.prank(bob);
        vm.expectRevert(
            abi.encodeWithSelector(ILeaseBook.LeaseBookSignatureInvalid.selector, _id(listing))
        );
        book.rent(listing, hex"01", DAYS); // not approved by the wallet

        vm.prank(alice);
        wallet.approveDigest(_id(listing));
        vm.prank(bob);
        book.rent(listing, hex"01", DAYS);
        assertEq(registry.userOf(OFFICE), bob, "rented on the wallet's ERC-1271 word");
    }

    /// @notice The token calls back into `rent` and `withdraw` while the book collects the
    /// payment: both are refused by the guard, and the rent itself goes through.
    function test_rent_RevertWhen_TokenReenters() public {
        ReentrantToken token = new ReentrantToken();
        LeaseBook reentrant = new LeaseBook(registry, IERC20(address(token)), params, treasury);
        _setRentalsOffice(address(reentrant));
        ILeaseBook.Listing memory listing = _listing(OFFICE);
        bytes memory signature = _signDigest("alice", reentrant.listingId(listing));
        token.mint(bob, 1_000 ether);
        vm.prank(bob);
        token.approve(address(reentrant), 1_000 ether);
        token.setReentry(address(reentrant), abi.encodeCall(LeaseBook.rent, (listing, signature, 1)));
        vm.prank(bob);
        reentrant.rent(listing, signature, DAYS);
        assertTrue(token.reentered(), "the token called back");
        assertFalse(token.reentrySucceeded(), "and was refused");
        assertEq(
            keccak256(token.reentryError()),
            keccak256(abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector)),
            "by the reentrancy guard"
        );
        assertEq(token.balanceOf(address(reentrant)), _cost(listing, DAYS), "one payment");
    }

    // =========================================================================================
    // The registry's side: ERC-4907
    // =========================================================================================

    function test_userOf_EndsAtTheExpiryItself() public {
        (, ILeaseBook.Lease memory lease) = _rent(bob, _listing(OFFICE), DAYS);
        vm.warp(lease.end - 1);
        assertEq(registry.userOf(OFFICE), bob, "a second before the end");
        assertTrue(registry.canDecorate(OFFICE, bob), "decorates a second before the end");
        vm.warp(lease.end);
        assertEq(registry.userOf(OFFICE), address(0), "at the end");
        assertFalse(registry.canDecorate(OFFICE, bob), "no decorating at the end");
        vm.warp(lease.end + 1);
        assertEq(registry.userOf(OFFICE), address(0), "after the end");
        assertEq(registry.userExpires(OFFICE), lease.end, "the expiry stays readable");
    }

    function test_setUser_RevertWhen_CallerIsNotTheRentalsOffice() public {
        vm.prank(alice); // the owner herself
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.RentalsOfficeUnauthorized.selector, alice));
        registry.setUser(OFFICE, alice, uint64(block.timestamp + 1 days));
        _rent(bob, _listing(OFFICE), DAYS);
        vm.prank(alice); // nor may she clear her tenant
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.RentalsOfficeUnauthorized.selector, alice));
        registry.setUser(OFFICE, address(0), 0);
        vm.prank(mallory);
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.RentalsOfficeUnauthorized.selector, mallory));
        registry.setLease(OFFICE, mallory, uint64(block.timestamp + 1 days), true);
        assertEq(registry.userOf(OFFICE), bob, "the lease stands");
    }

    function test_setLease_RevertWhen_ALeaseRunsEvenForTheOffice() public {
        _rent(bob, _listing(OFFICE), DAYS);
        vm.startPrank(address(book));
        vm.expectRevert(
            abi.encodeWithSelector(
                IUnitRegistry.UnitLeaseActive.selector,
                OFFICE,
                bob,
                uint64(block.timestamp + 30 days)
            )
        );
        registry.setUser(OFFICE, carol, uint64(block.timestamp + 1 days));
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.UnitLeaseExpiryInvalid.selector, BILLBOARD, 0));
        registry.setUser(BILLBOARD, carol, 0);
        vm.stopPrank();
    }

    function test_supportsInterface_ERC4907() public view {
        assertTrue(registry.supportsInterface(0xad092b5c), "ERC-4907");
        assertEq(uint32(type(IERC4907).interfaceId), uint32(0xad092b5c), "the standard's id");
    }

    /// @notice A sale during a lease keeps the tenant; the rent keeps going to the lessor who let
    /// it, and neither the buyer nor the seller can end it.
    function test_transfer_KeepsTheLeaseAndItsPayee() public {
        (bytes32 leaseId, ILeaseBook.Lease memory lease) = _rent(bob, _listing(OFFICE), DAYS);
        vm.prank(alice);
        registry.transferFrom(alice, carol, OFFICE);
        assertEq(registry.ownerOf(OFFICE), carol, "sold");
        assertEq(registry.userOf(OFFICE), bob, "the tenant stays");
        assertEq(registry.userExpires(OFFICE), lease.end, "until the same end");
        assertTrue(registry.canDecorate(OFFICE, bob), "and may still decorate");

        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.RentalsOfficeUnauthorized.selector, carol));
        registry.setUser(OFFICE, address(0), 0);
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(ILeaseBook.LeaseBookNotTenant.selector, leaseId, carol));
        book.endLease(leaseId, lease);

        vm.warp(lease.end);
        book.claimRent(leaseId, lease);
        uint256 rent = uint256(DAYS) * PRICE_PER_DAY;
        uint256 fee = (rent * PLATFORM_FEE_BPS) / 10_000;
        assertEq(book.owedTo(alice), rent - fee, "the lessor's rent");
        assertEq(book.owedTo(carol), 0, "nothing for the buyer");
    }

    // =========================================================================================
    // Decorating
    // =========================================================================================

    function test_setContent_TenantSceneShowsWhileTheLeaseRuns() public {
        vm.prank(alice);
        registry.setContent(OFFICE, SCENE, RAW);
        (, ILeaseBook.Lease memory lease) = _rent(bob, _listing(OFFICE), DAYS);
        _assertContent(SCENE, "the owner's scene until the tenant sets one");

        vm.expectEmit(address(registry));
        emit IUnitRegistry.UserContentSet(OFFICE, bob, TENANT_SCENE, RAW);
        vm.prank(bob);
        registry.setContent(OFFICE, TENANT_SCENE, RAW);
        _assertContent(TENANT_SCENE, "the tenant's scene");

        // The owner changes only her own scene: it shows again when the lease ends.
        bytes32 later = keccak256("owner's next scene");
        vm.prank(alice);
        registry.setContent(OFFICE, later, RAW);
        _assertContent(TENANT_SCENE, "still the tenant's during the lease");
        vm.prank(alice);
        registry.setDecorator(OFFICE, carol);
        vm.prank(carol);
        registry.setContent(OFFICE, SCENE, RAW);
        _assertContent(TENANT_SCENE, "the owner's decorator cannot override it either");

        vm.warp(lease.end);
        _assertContent(SCENE, "the owner's scene as her decorator left it, once the lease is over");
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.UnitContentUnauthorized.selector, OFFICE, bob));
        registry.setContent(OFFICE, TENANT_SCENE, RAW);
    }

    function test_setContent_RevertWhen_LeaseDoesNotAllowDecorating() public {
        ILeaseBook.Listing memory listing = _listing(OFFICE);
        listing.mayDecorate = false;
        _rent(bob, listing, DAYS);
        assertFalse(registry.canDecorate(OFFICE, bob), "no decorating right");
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.UnitContentUnauthorized.selector, OFFICE, bob));
        registry.setContent(OFFICE, TENANT_SCENE, RAW);
        vm.prank(mallory);
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.UnitContentUnauthorized.selector, OFFICE, mallory));
        registry.setContent(OFFICE, TENANT_SCENE, RAW);
    }

    function test_canVisit_TenantVisitsAPrivateUnit() public {
        vm.prank(alice);
        registry.setPrivacy(OFFICE, IUnitRegistry.Privacy.Private);
        ILeaseBook.Listing memory listing = _listing(OFFICE);
        listing.mayDecorate = false;
        (, ILeaseBook.Lease memory lease) = _rent(bob, listing, DAYS);
        assertTrue(registry.canVisit(OFFICE, bob), "the tenant visits");
        assertFalse(registry.canVisit(OFFICE, mallory), "a stranger does not");
        vm.warp(lease.end);
        assertFalse(registry.canVisit(OFFICE, bob), "nor the tenant after the lease");
    }

    // =========================================================================================
    // claimRent
    // =========================================================================================

    function test_claimRent_CreditsTheDaysStartedSplitWithTheAgencyAndTheTreasury() public {
        ILeaseBook.Listing memory listing = _listing(OFFICE);
        listing.agent = carol;
        listing.agentFeeBps = 1_500;
        (bytes32 leaseId, ILeaseBook.Lease memory lease) = _rent(bob, listing, DAYS);
        assertEq(book.earnedDays(lease), 1, "the first day is earned when it starts");
        vm.warp(block.timestamp + 3 days + 1);
        assertEq(book.earnedDays(lease), 4, "four days started");

        uint256 amount = 4 * uint256(PRICE_PER_DAY);
        uint256 platformFee = (amount * PLATFORM_FEE_BPS) / 10_000;
        uint256 agentFee = (amount * 1_500) / 10_000;
        ILeaseBook.Lease memory next = _copy(lease);
        next.settledDays = 4;
        vm.expectEmit(address(book));
        emit ILeaseBook.RentClaimed(leaseId, next);
        vm.expectEmit(address(book));
        emit ILeaseBook.RentCredited(leaseId, amount, amount - platformFee - agentFee, agentFee, platformFee);
        vm.prank(mallory); // anyone may trigger it; the MRK is only credited
        assertEq(book.claimRent(leaseId, lease), amount, "claimed");
        assertEq(book.owedTo(alice), amount - platformFee - agentFee, "lessor");
        assertEq(book.owedTo(carol), agentFee, "agency");
        assertEq(book.owedTo(treasury), platformFee, "treasury");
        assertEq(book.owedTo(mallory), 0, "caller");

        vm.expectRevert(abi.encodeWithSelector(ILeaseBook.LeaseBookNothingToClaim.selector, leaseId));
        book.claimRent(leaseId, next);
        vm.expectRevert(abi.encodeWithSelector(ILeaseBook.LeaseBookLeaseUnknown.selector, leaseId));
        book.claimRent(leaseId, lease); // the old state is no longer the lease

        uint256 before = mrk.balanceOf(alice);
        vm.expectEmit(address(book));
        emit ILeaseBook.Withdrawn(alice, amount - platformFee - agentFee);
        book.withdraw(alice);
        assertEq(mrk.balanceOf(alice) - before, amount - platformFee - agentFee, "withdrawn to the lessor");
        vm.expectRevert(abi.encodeWithSelector(ILeaseBook.LeaseBookNothingOwed.selector, alice));
        book.withdraw(alice);
    }

    function test_claimRent_RevertWhen_LeaseIsForged() public {
        (bytes32 leaseId, ILeaseBook.Lease memory lease) = _rent(bob, _listing(OFFICE), DAYS);
        lease.pricePerDay = 1_000 ether;
        vm.warp(block.timestamp + 10 days);
        vm.expectRevert(abi.encodeWithSelector(ILeaseBook.LeaseBookLeaseUnknown.selector, leaseId));
        book.claimRent(leaseId, lease);
    }

    function test_claimRent_AgencyFeeNeverExceedsWhatTheTreasuryLeaves() public {
        ILeaseBook.Listing memory listing = _listing(OFFICE);
        listing.agent = carol;
        listing.agentFeeBps = 10_000;
        (bytes32 leaseId, ILeaseBook.Lease memory lease) = _rent(bob, listing, 1);
        book.claimRent(leaseId, lease);
        uint256 platformFee = (uint256(PRICE_PER_DAY) * PLATFORM_FEE_BPS) / 10_000;
        assertEq(book.owedTo(carol), PRICE_PER_DAY - platformFee, "the agency takes the rest");
        assertEq(book.owedTo(alice), 0, "the lessor agreed to nothing");
        assertEq(book.owedTo(treasury), platformFee, "the treasury's fee first");
    }

    // =========================================================================================
    // endLease
    // =========================================================================================

    function test_endLease_RefundsTheUnusedDaysLessThePenalty() public {
        (bytes32 leaseId, ILeaseBook.Lease memory lease) = _rent(bob, _listing(OFFICE), DAYS);
        vm.warp(block.timestamp + 5 days + 1 hours); // day 6 has started
        uint256 unused = 24 * uint256(PRICE_PER_DAY);
        uint256 penalty = (unused * PENALTY_BPS) / 10_000;
        ILeaseBook.Lease memory next = _copy(lease);
        next.end = uint40(block.timestamp);
        next.rentDays = 6;
        next.settledDays = 6;
        vm.expectEmit(address(book));
        emit ILeaseBook.LeaseEnded(leaseId, next, unused - penalty, penalty);
        vm.expectEmit(address(registry));
        emit IERC4907.UpdateUser(OFFICE, address(0), 0);
        vm.prank(bob);
        assertEq(book.endLease(leaseId, lease), unused - penalty, "refund");

        uint256 toLessorSide = 6 * uint256(PRICE_PER_DAY) + penalty;
        uint256 fee = (toLessorSide * PLATFORM_FEE_BPS) / 10_000;
        assertEq(book.owedTo(bob), unused - penalty, "the tenant's refund");
        assertEq(book.owedTo(alice), toLessorSide - fee, "rent of the days started and the penalty");
        assertEq(book.owedTo(treasury), fee, "platform fee");
        assertEq(registry.userOf(OFFICE), address(0), "the tenant's rights end now");
        assertEq(registry.userExpires(OFFICE), 0, "no expiry left");
        assertEq(book.statusOf(leaseId), keccak256(abi.encode(next)), "state");
        assertEq(
            mrk.balanceOf(address(book)),
            book.owedTo(bob) + book.owedTo(alice) + book.owedTo(treasury) + DEPOSIT,
            "only the deposit is still in escrow"
        );
    }

    function test_rent_AgainAfterAnEarlyEnd() public {
        (bytes32 leaseId, ILeaseBook.Lease memory lease) = _rent(bob, _listing(OFFICE), DAYS);
        vm.prank(bob);
        book.endLease(leaseId, lease);
        ILeaseBook.Listing memory next = _listing(OFFICE);
        next.salt = 2;
        _rent(carol, next, 2);
        assertEq(registry.userOf(OFFICE), carol, "the next tenant at once");
        assertEq(registry.userExpires(OFFICE), block.timestamp + 2 days, "with its own end");
    }

    function test_endLease_RevertWhen_CallerIsNotTheTenantOrTheLeaseIsOver() public {
        (bytes32 leaseId, ILeaseBook.Lease memory lease) = _rent(bob, _listing(OFFICE), DAYS);
        vm.prank(alice); // the owner cannot revoke the lease
        vm.expectRevert(abi.encodeWithSelector(ILeaseBook.LeaseBookNotTenant.selector, leaseId, alice));
        book.endLease(leaseId, lease);
        vm.warp(lease.end);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(ILeaseBook.LeaseBookLeaseOver.selector, leaseId, lease.end));
        book.endLease(leaseId, lease);
    }

    /// @notice Governance closing the book's office stops new leases and early ends; running
    /// leases end by themselves and the money still comes out.
    function test_closedOffice_StopsNewLeasesAndEarlyEndsButNotPayouts() public {
        (bytes32 leaseId, ILeaseBook.Lease memory lease) = _rent(bob, _listing(BILLBOARD), 2);
        _setRentalsOffice(address(0));
        ILeaseBook.Listing memory listing = _listing(OFFICE);
        bytes memory signature = _sign(listing, "alice");
        _approveMrk(carol, address(book), _cost(listing, 1));
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.RentalsOfficeUnauthorized.selector, address(book)));
        book.rent(listing, signature, 1);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(IUnitRegistry.RentalsOfficeUnauthorized.selector, address(book)));
        book.endLease(leaseId, lease);

        vm.warp(lease.end + DEPOSIT_CLAIM_WINDOW);
        assertEq(registry.userOf(BILLBOARD), address(0), "the lease ended by itself");
        book.claimRent(leaseId, lease);
        lease.settledDays = 2;
        book.returnDeposit(leaseId, lease);
        assertEq(_withdrawAll(bob), DEPOSIT, "the deposit back");
        assertGt(_withdrawAll(alice), 0, "the rent out");
    }

    // =========================================================================================
    // Deposits
    // =========================================================================================

    function test_claimDeposit_LessorTakesTheClaimTenantTheRest() public {
        (bytes32 leaseId, ILeaseBook.Lease memory lease) = _rent(bob, _listing(OFFICE), 2);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(ILeaseBook.LeaseBookLeaseRunning.selector, leaseId, lease.end));
        book.claimDeposit(leaseId, lease, 1 ether);

        vm.warp(lease.end);
        vm.prank(mallory);
        vm.expectRevert(abi.encodeWithSelector(ILeaseBook.LeaseBookNotLessor.selector, leaseId, mallory));
        book.claimDeposit(leaseId, lease, 1 ether);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(ILeaseBook.LeaseBookClaimTooHigh.selector, DEPOSIT + 1, DEPOSIT));
        book.claimDeposit(leaseId, lease, DEPOSIT + 1);

        ILeaseBook.Lease memory next = _copy(lease);
        next.depositSettled = true;
        vm.expectEmit(address(book));
        emit ILeaseBook.DepositSettled(leaseId, next, 30 ether, 70 ether);
        vm.prank(alice);
        book.claimDeposit(leaseId, lease, 30 ether);
        assertEq(book.owedTo(alice), 30 ether, "the claim, with no fee");
        assertEq(book.owedTo(bob), 70 ether, "the rest back");
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(ILeaseBook.LeaseBookDepositSettled.selector, leaseId));
        book.claimDeposit(leaseId, next, 1);
        vm.expectRevert(abi.encodeWithSelector(ILeaseBook.LeaseBookDepositSettled.selector, leaseId));
        book.returnDeposit(leaseId, next);
    }

    function test_returnDeposit_AfterTheWindowUnclaimed() public {
        (bytes32 leaseId, ILeaseBook.Lease memory lease) = _rent(bob, _listing(OFFICE), 2);
        uint256 closesAt = lease.end + DEPOSIT_CLAIM_WINDOW;
        vm.warp(closesAt - 1);
        vm.expectRevert(abi.encodeWithSelector(ILeaseBook.LeaseBookDepositWindowOpen.selector, leaseId, closesAt));
        book.returnDeposit(leaseId, lease);
        vm.warp(closesAt);
        vm.prank(alice);
        vm.expectRevert(abi.encodeWithSelector(ILeaseBook.LeaseBookDepositWindowClosed.selector, leaseId, closesAt));
        book.claimDeposit(leaseId, lease, 1 ether);
        vm.prank(mallory); // anyone may return it; it goes to the tenant
        book.returnDeposit(leaseId, lease);
        assertEq(book.owedTo(bob), DEPOSIT, "all of it");
        assertEq(book.owedTo(mallory), 0, "not the caller's");
    }

    function test_rent_WithoutDepositHasNothingToSettle() public {
        ILeaseBook.Listing memory listing = _listing(OFFICE);
        listing.deposit = 0;
        (bytes32 leaseId, ILeaseBook.Lease memory lease) = _rent(bob, listing, 1);
        assertTrue(lease.depositSettled, "settled from the start");
        vm.warp(lease.end + DEPOSIT_CLAIM_WINDOW);
        vm.expectRevert(abi.encodeWithSelector(ILeaseBook.LeaseBookDepositSettled.selector, leaseId));
        book.returnDeposit(leaseId, lease);
    }

    // =========================================================================================
    // Fuzz: the money of one lease, through every path, sums exactly
    // =========================================================================================

    /// @notice Rent, an optional claim part-way, an optional early end, the final claim and the
    /// deposit: everything the tenant paid leaves the book again, to the right people, to the wei.
    function testFuzz_EveryWeiOfALeaseIsPaidOut(
        uint96 price,
        uint96 deposit,
        uint16 rentDays,
        uint16 penaltyBps,
        uint16 agentFeeBps,
        uint256 claimAt,
        uint256 endAt,
        uint96 depositClaim
    ) public {
        ILeaseBook.Listing memory listing = _listing(OFFICE);
        listing.pricePerDay = uint96(bound(price, 0, 10_000 ether));
        listing.deposit = uint96(bound(deposit, 0, 10_000 ether));
        listing.penaltyBps = uint16(bound(penaltyBps, 0, 10_000));
        listing.agent = carol;
        listing.agentFeeBps = uint16(bound(agentFeeBps, 0, 10_000));
        rentDays = uint16(bound(rentDays, 1, 365));
        uint256 paid = _cost(listing, rentDays);
        (bytes32 leaseId, ILeaseBook.Lease memory lease) = _rent(bob, listing, rentDays);
        uint256 span = uint256(rentDays) * 1 days;
        claimAt = bound(claimAt, 0, span + 1 days);
        vm.warp(lease.start + claimAt);
        if (book.earnedDays(lease) > lease.settledDays) {
            book.claimRent(leaseId, lease);
            lease.settledDays = uint16(book.earnedDays(lease));
        }
        endAt = bound(endAt, claimAt, span + 1 days);
        vm.warp(lease.start + endAt);
        uint256 refund;
        if (block.timestamp < lease.end) {
            uint256 used = book.earnedDays(lease);
            vm.prank(bob);
            refund = book.endLease(leaseId, lease);
            uint256 unused = (uint256(rentDays) - used) * listing.pricePerDay;
            assertEq(refund, unused - (unused * listing.penaltyBps) / 10_000, "refund: unused rent less the penalty");
            lease.end = uint40(block.timestamp);
            lease.rentDays = uint16(used);
            lease.settledDays = uint16(used);
        } else if (lease.settledDays < lease.rentDays) {
            book.claimRent(leaseId, lease);
            lease.settledDays = lease.rentDays;
        }
        if (!lease.depositSettled) {
            depositClaim = uint96(bound(depositClaim, 0, listing.deposit));
            vm.prank(alice);
            book.claimDeposit(leaseId, lease, depositClaim);
        }

        uint256 out = _withdrawAll(alice) + _withdrawAll(bob) + _withdrawAll(carol) + _withdrawAll(treasury);
        assertEq(out, paid, "everything paid in is paid out");
        assertEq(mrk.balanceOf(address(book)), 0, "nothing left in the book");
    }

    function _assertContent(bytes32 digest, string memory what) private view {
        (bytes32 shown, uint64 codec) = registry.contentOf(OFFICE);
        assertEq(shown, digest, what);
        assertEq(codec, RAW, what);
    }
}
