// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title ILeaseBook
/// @notice Peer-to-peer rentals of units. An owner offers a unit (a `Listing`: price per day in
/// MRK, minimum and maximum days, whether the tenant may decorate, a security deposit, the share
/// of unused rent kept when the tenant leaves early, and optionally an agency with a fee share),
/// signed off chain (EIP-712, or ERC-1271 for contract owners) or listed on chain. A tenant rents
/// it by paying the rent and the deposit upfront into escrow; the registry makes the tenant the
/// unit's ERC-4907 user until the lease's end and refuses to replace or clear the lease except
/// through this book, and keeps it through transfers, so the unit never leaves its owner. The
/// lease ends by itself. Rent is earned a day at a time, each day when it starts; the lessor (the
/// owner when the lease started: the payee never changes) is credited earned rent with
/// `claimRent`, less the platform fee in force then (`rentals.platformFeeBps`) and the agency's
/// share. Every payout is credited and leaves by `withdraw`.
/// @dev A lease is stored as one hash: its id is the listing's EIP-712 digest (so a listing is
/// used once), and the slot holds `keccak256(abi.encode(lease))` of its current state, which each
/// call passes in full (from the latest `Leased`, `RentClaimed`, `LeaseEnded` or `DepositSettled`
/// event). One slot per lease keeps renting cheap.
interface ILeaseBook {
    /// @notice An offer to rent out one unit, signed by `owner` (or by `agent` when the owner made it
    /// an ERC-721 operator of its units or approved it for this unit).
    /// @param unitId The unit.
    /// @param owner The unit's owner, who will be the lessor: gets the rent and decides on the deposit.
    /// @param transferCount The registry's `transferCount(unitId)` when listed: any transfer kills the listing.
    /// @param agent An agency earning `agentFeeBps` of the rent (zero for none).
    /// @param agentFeeBps The agency's share of every rent payment, in basis points.
    /// @param pricePerDay Rent per day, MRK wei.
    /// @param minDays Shortest lease, in days (at least 1).
    /// @param maxDays Longest lease, in days.
    /// @param deposit Security deposit, MRK wei (zero for none).
    /// @param penaltyBps Share of the unused rent the lessor keeps when the tenant ends early.
    /// @param mayDecorate Whether the tenant may set the unit's scene while the lease runs.
    /// @param counter The owner's counter (`counterOf`) when signed: `incrementCounter` cancels every older listing.
    /// @param deadline Last second (unix) the listing may be rented.
    /// @param salt Any number, so the same terms can be offered again.
    struct Listing {
        uint256 unitId;
        address owner;
        uint32 transferCount;
        address agent;
        uint16 agentFeeBps;
        uint96 pricePerDay;
        uint16 minDays;
        uint16 maxDays;
        uint96 deposit;
        uint16 penaltyBps;
        bool mayDecorate;
        uint64 counter;
        uint64 deadline;
        uint256 salt;
    }

    /// @notice A lease's current state; its hash is what the book stores under the lease id.
    /// @param unitId The unit.
    /// @param lessor Who gets the rent and may claim on the deposit: the owner when the lease began.
    /// @param tenant The ERC-4907 user while the lease runs; refunds and the deposit go back to it.
    /// @param agent The listing's agency (zero for none).
    /// @param agentFeeBps The agency's share of every rent payment.
    /// @param penaltyBps Share of the unused rent the lessor keeps when the tenant ends early.
    /// @param pricePerDay Rent per day, MRK wei.
    /// @param deposit Security deposit, MRK wei.
    /// @param start When the lease began (unix seconds).
    /// @param end When it ends or ended: `start + rentDays` days, or the moment the tenant ended it.
    /// @param rentDays Days paid for (after an early end: the days used).
    /// @param settledDays Days whose rent has been credited to the lessor's side.
    /// @param depositSettled Whether the deposit has been paid out (always, when there is none).
    struct Lease {
        uint256 unitId;
        address lessor;
        address tenant;
        address agent;
        uint16 agentFeeBps;
        uint16 penaltyBps;
        uint96 pricePerDay;
        uint96 deposit;
        uint40 start;
        uint40 end;
        uint16 rentDays;
        uint16 settledDays;
        bool depositSettled;
    }

    /// @notice An EIP-2612 permit for the payment, signed for this call; a zero `deadline` means
    /// "use the allowance given before".
    struct Permit {
        uint256 value;
        uint256 deadline;
        uint8 v;
        bytes32 r;
        bytes32 s;
    }

    /// @notice Emitted when a listing is recorded on chain (rentable without a signature).
    event Listed(bytes32 indexed listingId, uint256 indexed unitId, address indexed owner, Listing listing);

    /// @notice Emitted when a listing is cancelled before it was rented.
    event ListingCancelled(bytes32 indexed listingId, uint256 indexed unitId);

    /// @notice Emitted when `owner` cancels every listing signed with a lower counter.
    event CounterIncremented(address indexed owner, uint64 counter);

    /// @notice Emitted when a lease starts: the tenant paid `rentDays × pricePerDay + deposit`.
    /// The event carries only what the block does not tell: the lease's `Lease` is these fields
    /// with `start` the block's timestamp, `end = start + rentDays` days, `settledDays` zero and
    /// `depositSettled` true exactly when `deposit` is zero (`leaseFromLeased` in
    /// `contracts/market/listing.ts` builds it).
    event Leased(
        bytes32 indexed leaseId,
        uint256 indexed unitId,
        address indexed tenant,
        address lessor,
        address agent,
        uint16 agentFeeBps,
        uint16 penaltyBps,
        uint96 pricePerDay,
        uint96 deposit,
        uint16 rentDays
    );

    /// @notice Emitted when the rent earned since the last claim is credited (see `RentCredited`).
    event RentClaimed(bytes32 indexed leaseId, Lease lease);

    /// @notice Emitted when the tenant ends a lease early: `refund` credited to it; `penalty` and the
    /// rent of the days used and not yet claimed go to the lessor's side (see `RentCredited`).
    event LeaseEnded(bytes32 indexed leaseId, Lease lease, uint256 refund, uint256 penalty);

    /// @notice Emitted whenever rent is credited: `amount` split into the lessor's share, the
    /// agency's fee and the treasury's platform fee.
    event RentCredited(
        bytes32 indexed leaseId,
        uint256 amount,
        uint256 lessorShare,
        uint256 agentFee,
        uint256 platformFee
    );

    /// @notice Emitted when a deposit is paid out: `claimed` to the lessor, the rest to the tenant.
    event DepositSettled(bytes32 indexed leaseId, Lease lease, uint256 claimed, uint256 returned);

    /// @notice Emitted when `amount` owed to `account` is paid to it.
    event Withdrawn(address indexed account, uint256 amount);

    error LeaseBookZeroAddress();
    /// @notice The listing's deadline has passed.
    error LeaseBookListingExpired(bytes32 listingId, uint64 deadline);
    /// @notice The listing was rented already, or cancelled.
    error LeaseBookListingUnavailable(bytes32 listingId);
    /// @notice The listing was signed with an older counter than the owner's.
    error LeaseBookCounterStale(address owner, uint64 counter, uint64 current);
    /// @notice The unit changed hands since it was listed.
    error LeaseBookListingStale(uint256 unitId, uint32 transferCount, uint32 current);
    /// @notice The listing names someone other than the unit's owner.
    error LeaseBookNotOwner(uint256 unitId, address listed, address owner);
    /// @notice Neither the owner nor an authorised agency signed (or listed) it.
    error LeaseBookSignatureInvalid(bytes32 listingId);
    /// @notice The caller may not list or cancel this listing.
    error LeaseBookUnauthorized(address caller);
    /// @notice `rentDays` lies outside the listing's `[minDays, maxDays]` (or is zero).
    error LeaseBookDaysInvalid(uint16 rentDays, uint16 minDays, uint16 maxDays);
    /// @notice An agency fee or penalty above 100 %, or an agency fee without an agency.
    error LeaseBookFeesInvalid(uint256 agentFeeBps, uint256 penaltyBps);
    /// @notice The lease passed in is not the stored state of `leaseId`.
    error LeaseBookLeaseUnknown(bytes32 leaseId);
    /// @notice Only the tenant may end the lease early.
    error LeaseBookNotTenant(bytes32 leaseId, address caller);
    /// @notice Only the lessor may claim on the deposit.
    error LeaseBookNotLessor(bytes32 leaseId, address caller);
    /// @notice The lease ended at `end` (no early end after it).
    error LeaseBookLeaseOver(bytes32 leaseId, uint40 end);
    /// @notice The lease runs until `end` (no deposit claim before it).
    error LeaseBookLeaseRunning(bytes32 leaseId, uint40 end);
    /// @notice The deposit was paid out already.
    error LeaseBookDepositSettled(bytes32 leaseId);
    /// @notice The lessor's window to claim on the deposit closed at `closedAt`.
    error LeaseBookDepositWindowClosed(bytes32 leaseId, uint256 closedAt);
    /// @notice The lessor's window to claim on the deposit is open until `closesAt`.
    error LeaseBookDepositWindowOpen(bytes32 leaseId, uint256 closesAt);
    /// @notice A claim above the deposit.
    error LeaseBookClaimTooHigh(uint256 amount, uint256 deposit);
    /// @notice No rent earned since the last claim.
    error LeaseBookNothingToClaim(bytes32 leaseId);
    /// @notice Nothing is owed to `account`.
    error LeaseBookNothingOwed(address account);

    // --- Listings -------------------------------------------------------------------------------

    /// @notice Records `listing` on chain so it can be rented without a signature; its owner (or
    /// an authorised agency) only. For owners that cannot sign (contracts without ERC-1271).
    function list(Listing calldata listing) external returns (bytes32 listingId);

    /// @notice Cancels one listing (signed or on chain) that was not rented; its owner or agency only.
    function cancel(Listing calldata listing) external;

    /// @notice Cancels every listing the caller signed so far (they carry a lower counter).
    function incrementCounter() external returns (uint64 counter);

    // --- Leases ---------------------------------------------------------------------------------

    /// @notice Rents the listed unit for `rentDays` days from now: takes `rentDays × pricePerDay +
    /// deposit` MRK from the caller (by allowance), makes the caller the unit's ERC-4907 user
    /// until the end (with decorating rights when the listing grants them). `signature` is the
    /// owner's or agency's EIP-712 signature, empty for a listing recorded on chain.
    function rent(Listing calldata listing, bytes calldata signature, uint16 rentDays) external returns (bytes32 leaseId);

    /// @notice `rent`, using the caller's EIP-2612 `permit` first when the allowance is short (a
    /// separate function so that a rent by allowance carries no empty permit in its calldata).
    function rentWithPermit(
        Listing calldata listing,
        bytes calldata signature,
        uint16 rentDays,
        Permit calldata permit
    ) external returns (bytes32 leaseId);

    /// @notice Credits the rent earned since the last claim (a day counts from when it starts):
    /// the lessor's share, the agency's and the treasury's fee. Anyone may call it.
    function claimRent(bytes32 leaseId, Lease calldata lease) external returns (uint256 amount);

    /// @notice The tenant ends the lease now: the unit's user is cleared, the unused days' rent
    /// less `penaltyBps` of it is credited back to the tenant, and the rent of the days started
    /// plus the penalty goes to the lessor's side. The deposit window starts now.
    function endLease(bytes32 leaseId, Lease calldata lease) external returns (uint256 refund);

    /// @notice The lessor claims `amount` (at most the deposit) of the deposit within the claim
    /// window after the lease's end; the rest goes back to the tenant. A claim of 0 returns it all.
    function claimDeposit(bytes32 leaseId, Lease calldata lease, uint256 amount) external;

    /// @notice Returns the whole deposit to the tenant once the claim window has closed unclaimed;
    /// anyone may call it.
    function returnDeposit(bytes32 leaseId, Lease calldata lease) external;

    /// @notice Pays `account` everything credited to it; anyone may call it (the MRK only goes to `account`).
    function withdraw(address account) external returns (uint256 amount);

    // --- Views ----------------------------------------------------------------------------------

    /// @notice The EIP-712 digest of `listing`: what its owner signs, and the id of its lease.
    function listingId(Listing calldata listing) external view returns (bytes32);

    /// @notice What is stored under `id`: zero (a listing not seen on chain), `LISTED`,
    /// `CANCELLED`, or the hash of the lease's current state.
    function statusOf(bytes32 id) external view returns (bytes32);

    /// @notice The counter listings of `owner` must carry.
    function counterOf(address owner) external view returns (uint64);

    /// @notice MRK credited to `account` and not yet withdrawn.
    function owedTo(address account) external view returns (uint256);

    /// @notice Days of `lease` whose rent is earned now (a day counts from when it starts).
    function earnedDays(Lease calldata lease) external view returns (uint256);
}
