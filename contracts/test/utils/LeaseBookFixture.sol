// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {LandFixture} from "./LandFixture.sol";
import {ILeaseBook} from "../../interfaces/ILeaseBook.sol";
import {LeaseBook} from "../../market/LeaseBook.sol";

/// @title LeaseBookFixture
/// @notice The land fixture plus the rentals office as deployed: the `rentals.*` parameters at their
/// genesis values (`contracts/governance/parameters.ts`), `LeaseBook` appointed a land office with
/// no mint allowance, and `OFFICE` (Commercial) and `BILLBOARD` (External) bought by `alice`, the
/// landlord. Helpers build listings with the default terms, sign them as a named account, rent
/// them and rebuild the lease state every event carries.
abstract contract LeaseBookFixture is LandFixture {
    uint256 internal constant PLATFORM_FEE_BPS = 250;
    uint256 internal constant DEPOSIT_CLAIM_WINDOW = 3 days;
    uint96 internal constant PRICE_PER_DAY = 10 ether;
    uint96 internal constant DEPOSIT = 100 ether;
    uint16 internal constant PENALTY_BPS = 1_000;

    /// @dev `LeaseBook.LISTING_TYPEHASH`, spelled out here so signing needs no call (a call would
    /// use up a `prank` or an `expectRevert` meant for the next one).
    bytes32 internal constant LISTING_TYPEHASH =
        keccak256(
            "Listing(uint256 unitId,address owner,uint32 transferCount,address agent,uint16 agentFeeBps,"
            "uint96 pricePerDay,uint16 minDays,uint16 maxDays,uint96 deposit,uint16 penaltyBps,bool mayDecorate,"
            "uint64 counter,uint64 deadline,uint256 salt)"
        );
    bytes32 internal constant EIP712_DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");

    LeaseBook internal book;

    function setUp() public virtual override {
        super.setUp();
        vm.startPrank(governance);
        params.defineParameter("rentals.platformFeeBps", 0, 1_000, PLATFORM_FEE_BPS);
        params.defineParameter("rentals.depositClaimWindow", 1 days, 30 days, DEPOSIT_CLAIM_WINDOW);
        vm.stopPrank();
        book = new LeaseBook(registry, IERC20(address(mrk)), params, treasury);
        _setRentalsOffice(address(book));
        _buy(alice, OFFICE, 0, 365);
        _buy(alice, BILLBOARD, 0, 365);
    }

    // --- Listings -----------------------------------------------------------------------------

    /// @dev `unitId` offered by its owner with the default terms: 10 MRK a day for 1 to 365 days,
    /// 100 MRK deposit, 10 % penalty, decorating allowed, no agency, for 30 days.
    function _listing(uint256 unitId) internal view returns (ILeaseBook.Listing memory listing) {
        address owner = registry.ownerOf(unitId);
        listing = ILeaseBook.Listing({
            unitId: unitId,
            owner: owner,
            transferCount: registry.transferCount(unitId),
            agent: address(0),
            agentFeeBps: 0,
            pricePerDay: PRICE_PER_DAY,
            minDays: 1,
            maxDays: 365,
            deposit: DEPOSIT,
            penaltyBps: PENALTY_BPS,
            mayDecorate: true,
            counter: book.counterOf(owner),
            deadline: uint64(block.timestamp + 30 days),
            salt: 1
        });
    }

    /// @dev The account named `signer` signs `digest` (r, s, v packed, as wallets send it).
    function _signDigest(string memory signer, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(keyOf(signer), digest);
        return abi.encodePacked(r, s, v);
    }

    function _sign(ILeaseBook.Listing memory listing, string memory signer) internal view returns (bytes memory) {
        return _signDigest(signer, _id(listing));
    }

    /// @dev `book.listingId(listing)`, computed without calling the book.
    function _id(ILeaseBook.Listing memory listing) internal view returns (bytes32) {
        return _digest(listing, block.chainid, address(book));
    }

    /// @dev A copy of `lease` (assigning a memory struct only aliases it).
    function _copy(ILeaseBook.Lease memory lease) internal pure returns (ILeaseBook.Lease memory) {
        return abi.decode(abi.encode(lease), (ILeaseBook.Lease));
    }

    /// @dev The listing's EIP-712 digest under any chain id and verifying contract, built by hand.
    function _digest(
        ILeaseBook.Listing memory listing,
        uint256 chainId,
        address verifyingContract
    ) internal pure returns (bytes32) {
        bytes32 domain = keccak256(
            abi.encode(
                EIP712_DOMAIN_TYPEHASH,
                keccak256("Markspace LeaseBook"),
                keccak256("1"),
                chainId,
                verifyingContract
            )
        );
        bytes32 structHash = keccak256(abi.encode(LISTING_TYPEHASH, listing));
        return keccak256(abi.encodePacked("\x19\x01", domain, structHash));
    }

    /// @dev What renting `listing` for `rentDays` costs.
    function _cost(ILeaseBook.Listing memory listing, uint16 rentDays) internal pure returns (uint256) {
        return uint256(rentDays) * listing.pricePerDay + listing.deposit;
    }

    /// @dev `tenant` rents `listing` (signed by its owner) for `rentDays` through the allowance;
    /// returns the lease id and the lease as `Leased` carries it.
    function _rent(
        address tenant,
        ILeaseBook.Listing memory listing,
        uint16 rentDays
    ) internal returns (bytes32 leaseId, ILeaseBook.Lease memory lease) {
        return _rentSigned(tenant, listing, _signByOwner(listing), rentDays);
    }

    function _rentSigned(
        address tenant,
        ILeaseBook.Listing memory listing,
        bytes memory signature,
        uint16 rentDays
    ) internal returns (bytes32 leaseId, ILeaseBook.Lease memory lease) {
        _approveMrk(tenant, address(book), _cost(listing, rentDays));
        vm.prank(tenant);
        leaseId = book.rent(listing, signature, rentDays);
        lease = _leaseOf(listing, tenant, rentDays, block.timestamp);
    }

    function _signByOwner(ILeaseBook.Listing memory listing) internal view returns (bytes memory) {
        if (listing.owner == alice) return _sign(listing, "alice");
        if (listing.owner == bob) return _sign(listing, "bob");
        if (listing.owner == carol) return _sign(listing, "carol");
        return _sign(listing, "mallory");
    }

    /// @dev The lease state `rent` stores for `listing` rented by `tenant` at `start`.
    function _leaseOf(
        ILeaseBook.Listing memory listing,
        address tenant,
        uint16 rentDays,
        uint256 start
    ) internal pure returns (ILeaseBook.Lease memory) {
        return
            ILeaseBook.Lease({
                unitId: listing.unitId,
                lessor: listing.owner,
                tenant: tenant,
                agent: listing.agent,
                agentFeeBps: listing.agentFeeBps,
                penaltyBps: listing.penaltyBps,
                pricePerDay: listing.pricePerDay,
                deposit: listing.deposit,
                start: uint40(start),
                end: uint40(start + uint256(rentDays) * 1 days),
                rentDays: rentDays,
                settledDays: 0,
                depositSettled: listing.deposit == 0
            });
    }

    /// @dev Withdraws everything owed to `account` (nothing when nothing is owed).
    function _withdrawAll(address account) internal returns (uint256 amount) {
        if (book.owedTo(account) == 0) return 0;
        return book.withdraw(account);
    }
}
