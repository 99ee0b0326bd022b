// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ILeaseBook} from "../interfaces/ILeaseBook.sol";
import {IMarkParameters} from "../interfaces/IMarkParameters.sol";
import {IUnitRegistry} from "../interfaces/IUnitRegistry.sol";
import {MrkPermit} from "../libraries/MrkPermit.sol";

/// @title LeaseBook
/// @notice The rentals office (see `ILeaseBook`): listings, escrowed rent and deposits, leases
/// enforced by the unit registry's ERC-4907 user role. The registry accepts leases only from its
/// rentals office, which governance appoints: this book.
/// @dev MRK enters only as a lease's rent and deposit and leaves only through `withdraw`, so the
/// book always holds exactly the unearned rent of its leases, their unsettled deposits and what
/// it owes (checked by a fuzz test and an invariant campaign). Money rules, chosen so none can
/// lose or create MRK: the payee of a lease is fixed when it starts (a sale of the unit during
/// the lease leaves the rent with the seller, who let it); a day's rent is earned when the day
/// starts; fees are rounded down and the lessor gets the remainder; the penalty is rounded down
/// and the tenant gets the remainder. Should governance appoint another rentals office, new leases
/// and early ends stop (the registry refuses the book), while running leases end by themselves
/// and every claim, deposit and withdrawal still works.
contract LeaseBook is ILeaseBook, EIP712, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    bytes32 public constant PLATFORM_FEE_BPS = keccak256("rentals.platformFeeBps");
    bytes32 public constant DEPOSIT_CLAIM_WINDOW = keccak256("rentals.depositClaimWindow");

    bytes32 public constant LISTING_TYPEHASH =
        keccak256(
            "Listing(uint256 unitId,address owner,uint32 transferCount,address agent,uint16 agentFeeBps,"
            "uint96 pricePerDay,uint16 minDays,uint16 maxDays,uint96 deposit,uint16 penaltyBps,bool mayDecorate,"
            "uint64 counter,uint64 deadline,uint256 salt)"
        );

    /// @notice `statusOf` a listing recorded on chain, and of one cancelled before it was rented.
    bytes32 public constant LISTED = bytes32(uint256(1));
    bytes32 public constant CANCELLED = bytes32(uint256(2));

    uint256 private constant BPS = 10_000;
    uint256 private constant DAY = 1 days;

    IUnitRegistry public immutable registry;
    IERC20 public immutable mrk;
    IMarkParameters public immutable parameters;
    /// @notice Receives the platform fee.
    address public immutable treasury;

    /// @dev Listing id (EIP-712 digest) → `LISTED`, `CANCELLED` or its lease's state hash.
    mapping(bytes32 id => bytes32) private _status;
    mapping(address owner => uint64) private _counters;
    mapping(address account => uint256) private _owed;

    /// @param registry_ The unit registry, which must appoint this book its rentals office.
    /// @param mrk_ The MRK token.
    /// @param parameters_ The governance parameter store (`rentals.*` keys).
    /// @param treasury_ Receives the platform fee.
    constructor(
        IUnitRegistry registry_,
        IERC20 mrk_,
        IMarkParameters parameters_,
        address treasury_
    ) EIP712("Markspace LeaseBook", "1") {
        if (
            address(registry_) == address(0) ||
            address(mrk_) == address(0) ||
            address(parameters_) == address(0) ||
            treasury_ == address(0)
        ) revert LeaseBookZeroAddress();
        registry = registry_;
        mrk = mrk_;
        parameters = parameters_;
        treasury = treasury_;
    }

    // =========================================================================================
    // Listings
    // =========================================================================================

    /// @inheritdoc ILeaseBook
    function list(Listing calldata listing) external returns (bytes32 id) {
        _requireListerOf(listing);
        id = listingId(listing);
        if (_status[id] != bytes32(0)) revert LeaseBookListingUnavailable(id);
        _status[id] = LISTED;
        emit Listed(id, listing.unitId, listing.owner, listing);
    }

    /// @inheritdoc ILeaseBook
    function cancel(Listing calldata listing) external {
        if (msg.sender != listing.owner && msg.sender != listing.agent) revert LeaseBookUnauthorized(msg.sender);
        bytes32 id = listingId(listing);
        bytes32 status = _status[id];
        if (status != bytes32(0) && status != LISTED) revert LeaseBookListingUnavailable(id);
        _status[id] = CANCELLED;
        emit ListingCancelled(id, listing.unitId);
    }

    /// @inheritdoc ILeaseBook
    function incrementCounter() external returns (uint64 counter) {
        counter = ++_counters[msg.sender];
        emit CounterIncremented(msg.sender, counter);
    }

    // =========================================================================================
    // Leases
    // =========================================================================================

    /// @inheritdoc ILeaseBook
    function rent(
        Listing calldata listing,
        bytes calldata signature,
        uint16 rentDays
    ) external nonReentrant returns (bytes32 leaseId) {
        uint256 amount;
        (leaseId, amount) = _lease(listing, signature, rentDays);
        mrk.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc ILeaseBook
    function rentWithPermit(
        Listing calldata listing,
        bytes calldata signature,
        uint16 rentDays,
        Permit calldata permit
    ) external nonReentrant returns (bytes32 leaseId) {
        uint256 amount;
        (leaseId, amount) = _lease(listing, signature, rentDays);
        MrkPermit.useIfShort(mrk, amount, permit.value, permit.deadline, permit.v, permit.r, permit.s);
        mrk.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @inheritdoc ILeaseBook
    function claimRent(bytes32 leaseId, Lease calldata lease) external nonReentrant returns (uint256 amount) {
        _requireLease(leaseId, lease);
        uint256 earned = _earnedDays(lease);
        if (earned == lease.settledDays) revert LeaseBookNothingToClaim(leaseId);
        amount = (earned - lease.settledDays) * lease.pricePerDay;
        Lease memory next = lease;
        next.settledDays = uint16(earned); // at most rentDays
        _status[leaseId] = _hash(next);
        emit RentClaimed(leaseId, next);
        _creditRent(leaseId, next, amount);
    }

    /// @inheritdoc ILeaseBook
    function endLease(bytes32 leaseId, Lease calldata lease) external nonReentrant returns (uint256 refund) {
        _requireLease(leaseId, lease);
        if (msg.sender != lease.tenant) revert LeaseBookNotTenant(leaseId, msg.sender);
        if (block.timestamp >= lease.end) revert LeaseBookLeaseOver(leaseId, lease.end);
        uint256 used = _earnedDays(lease);
        uint256 unusedRent = (lease.rentDays - used) * lease.pricePerDay;
        uint256 penalty = (unusedRent * lease.penaltyBps) / BPS;
        refund = unusedRent - penalty;
        uint256 rentDue = (used - lease.settledDays) * lease.pricePerDay;

        Lease memory next = lease;
        next.end = uint40(block.timestamp);
        next.rentDays = uint16(used); // at most rentDays
        next.settledDays = uint16(used);
        _status[leaseId] = _hash(next);
        emit LeaseEnded(leaseId, next, refund, penalty);
        _credit(lease.tenant, refund);
        _creditRent(leaseId, next, rentDue + penalty);

        // The registry still names this tenant (nothing but the rentals office replaces a running
        // lease); clearing it ends the tenant's rights now.
        if (registry.userOf(lease.unitId) == lease.tenant) registry.setUser(lease.unitId, address(0), 0);
    }

    /// @inheritdoc ILeaseBook
    function claimDeposit(bytes32 leaseId, Lease calldata lease, uint256 amount) external nonReentrant {
        _requireLease(leaseId, lease);
        if (msg.sender != lease.lessor) revert LeaseBookNotLessor(leaseId, msg.sender);
        if (lease.depositSettled) revert LeaseBookDepositSettled(leaseId);
        if (block.timestamp < lease.end) revert LeaseBookLeaseRunning(leaseId, lease.end);
        uint256 closesAt = lease.end + parameters.get(DEPOSIT_CLAIM_WINDOW);
        if (block.timestamp >= closesAt) revert LeaseBookDepositWindowClosed(leaseId, closesAt);
        if (amount > lease.deposit) revert LeaseBookClaimTooHigh(amount, lease.deposit);
        _settleDeposit(leaseId, lease, amount);
    }

    /// @inheritdoc ILeaseBook
    function returnDeposit(bytes32 leaseId, Lease calldata lease) external nonReentrant {
        _requireLease(leaseId, lease);
        if (lease.depositSettled) revert LeaseBookDepositSettled(leaseId);
        uint256 closesAt = lease.end + parameters.get(DEPOSIT_CLAIM_WINDOW);
        if (block.timestamp < closesAt) revert LeaseBookDepositWindowOpen(leaseId, closesAt);
        _settleDeposit(leaseId, lease, 0);
    }

    /// @inheritdoc ILeaseBook
    function withdraw(address account) external nonReentrant returns (uint256 amount) {
        amount = _owed[account];
        if (amount == 0) revert LeaseBookNothingOwed(account);
        _owed[account] = 0;
        emit Withdrawn(account, amount);
        mrk.safeTransfer(account, amount);
    }

    // =========================================================================================
    // Views
    // =========================================================================================

    /// @inheritdoc ILeaseBook
    function listingId(Listing calldata listing) public view returns (bytes32) {
        // Every member is a static type, so `abi.encode` of the struct is EIP-712's `encodeData`.
        return _hashTypedDataV4(keccak256(abi.encode(LISTING_TYPEHASH, listing)));
    }

    /// @inheritdoc ILeaseBook
    function statusOf(bytes32 id) external view returns (bytes32) {
        return _status[id];
    }

    /// @inheritdoc ILeaseBook
    function counterOf(address owner) external view returns (uint64) {
        return _counters[owner];
    }

    /// @inheritdoc ILeaseBook
    function owedTo(address account) external view returns (uint256) {
        return _owed[account];
    }

    /// @inheritdoc ILeaseBook
    function earnedDays(Lease calldata lease) external view returns (uint256) {
        return _earnedDays(lease);
    }

    /// @notice The EIP-712 domain separator listings are signed under (this chain, this book).
    // solhint-disable-next-line func-name-mixedcase
    function DOMAIN_SEPARATOR() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    // =========================================================================================
    // Private helpers
    // =========================================================================================

    /// @dev Starts the lease (every check and write of `rent`) and returns what the tenant owes,
    /// which the caller collects last.
    function _lease(
        Listing calldata listing,
        bytes calldata signature,
        uint16 rentDays
    ) private returns (bytes32 leaseId, uint256 amount) {
        Listing memory terms = _termsOf(listing);
        leaseId = _digestOf(listing);
        _checkListing(terms, leaseId, signature, rentDays);
        uint256 end = block.timestamp + uint256(rentDays) * DAY; // under 2^40: rentDays is a uint16
        _startLease(leaseId, listing, rentDays, end);

        // The registry refuses while another lease runs, so a unit is never rented twice, and
        // answers with the unit's owner and transfer count, which the listing must name.
        (address owner, uint32 transfers) = registry.setLease(
            terms.unitId,
            msg.sender,
            uint64(end),
            terms.mayDecorate
        );
        if (owner != terms.owner) revert LeaseBookNotOwner(terms.unitId, terms.owner, owner);
        if (transfers != terms.transferCount) {
            revert LeaseBookListingStale(terms.unitId, terms.transferCount, transfers);
        }
        amount = uint256(rentDays) * terms.pricePerDay + terms.deposit;
    }

    /// @dev What `rent` checks before it writes: the listing's terms, deadline and counter, and the
    /// consent of the owner it names (or its agency) — a signature, or the listing recorded on
    /// chain. That the named owner owns the unit, with the listed transfer count, is checked with
    /// the registry's answer to `setLease`.
    function _checkListing(Listing memory listing, bytes32 id, bytes calldata signature, uint16 rentDays) private view {
        if (block.timestamp > listing.deadline) revert LeaseBookListingExpired(id, listing.deadline);
        if (rentDays == 0 || rentDays < listing.minDays || rentDays > listing.maxDays) {
            revert LeaseBookDaysInvalid(rentDays, listing.minDays, listing.maxDays);
        }
        if (
            listing.agentFeeBps > BPS ||
            listing.penaltyBps > BPS ||
            (listing.agent == address(0) && listing.agentFeeBps != 0)
        ) revert LeaseBookFeesInvalid(listing.agentFeeBps, listing.penaltyBps);
        uint64 counter = _counters[listing.owner];
        if (listing.counter != counter) revert LeaseBookCounterStale(listing.owner, listing.counter, counter);
        bytes32 status = _status[id];
        if (status == LISTED) return;
        if (status != bytes32(0)) revert LeaseBookListingUnavailable(id);
        if (_signedBy(listing.owner, id, signature)) return;
        if (!_isAgentOf(listing.owner, listing.agent, listing.unitId) || !_signedBy(listing.agent, id, signature)) {
            revert LeaseBookSignatureInvalid(id);
        }
    }

    /// @dev Whether `signer` signed `digest`: an ECDSA signature first, with no code lookup (no
    /// signature recovers to a contract's address), then ERC-1271 when `signer` is a contract.
    function _signedBy(address signer, bytes32 digest, bytes calldata signature) private view returns (bool) {
        (address recovered, ECDSA.RecoverError error, ) = ECDSA.tryRecoverCalldata(digest, signature);
        if (error == ECDSA.RecoverError.NoError && recovered == signer) return true;
        return
            signer.code.length != 0 && SignatureChecker.isValidERC1271SignatureNowCalldata(signer, digest, signature);
    }

    /// @dev `list` is for the owner, or an agency the owner made an operator or approved for the unit.
    function _requireListerOf(Listing calldata listing) private view {
        address owner = registry.ownerOf(listing.unitId);
        if (owner != listing.owner) revert LeaseBookNotOwner(listing.unitId, listing.owner, owner);
        if (msg.sender != owner && (msg.sender != listing.agent || !_isAgentOf(owner, listing.agent, listing.unitId))) {
            revert LeaseBookUnauthorized(msg.sender);
        }
    }

    /// @dev The listing's agency may act for the owner: an ERC-721 operator of the owner's units, or
    /// approved for this one (an approval the registry clears when the unit moves).
    function _isAgentOf(address owner, address agent, uint256 unitId) private view returns (bool) {
        if (agent == address(0)) return false;
        return registry.isApprovedForAll(owner, agent) || registry.getApproved(unitId) == agent;
    }

    /// @dev The listing's terms copied to memory for `rent`, which reads them many times: each read
    /// of a calldata struct's member checks its range again (about a hundred gas), and so does
    /// Solidity's member-by-member copy. Here every member narrower than a word is checked in one
    /// pass (reverting, as Solidity's check does, with no data), then the words are copied at once.
    function _termsOf(Listing calldata listing) private pure returns (Listing memory terms) {
        assembly ("memory-safe") {
            // Bits above each member's type: owner, transferCount, agent, agentFeeBps,
            // pricePerDay, minDays, maxDays, deposit, penaltyBps, mayDecorate, counter, deadline.
            let dirty := shr(160, calldataload(add(listing, 0x20)))
            dirty := or(dirty, shr(32, calldataload(add(listing, 0x40))))
            dirty := or(dirty, shr(160, calldataload(add(listing, 0x60))))
            dirty := or(dirty, shr(16, calldataload(add(listing, 0x80))))
            dirty := or(dirty, shr(96, calldataload(add(listing, 0xa0))))
            dirty := or(dirty, shr(16, calldataload(add(listing, 0xc0))))
            dirty := or(dirty, shr(16, calldataload(add(listing, 0xe0))))
            dirty := or(dirty, shr(96, calldataload(add(listing, 0x100))))
            dirty := or(dirty, shr(16, calldataload(add(listing, 0x120))))
            dirty := or(dirty, shr(1, calldataload(add(listing, 0x140))))
            dirty := or(dirty, shr(64, calldataload(add(listing, 0x160))))
            dirty := or(dirty, shr(64, calldataload(add(listing, 0x180))))
            if dirty {
                revert(0, 0)
            }
            terms := mload(0x40)
            calldatacopy(terms, listing, 0x1c0)
            mstore(0x40, add(terms, 0x1c0))
        }
    }

    /// @dev `listingId` for `rent`, hashing the listing's fourteen words straight from calldata.
    /// Solidity's `abi.encode` of a calldata struct checks each member first; `rent` has checked
    /// them all in `_termsOf` before, so a listing hashed here with a dirty member never leads to
    /// a lease.
    function _digestOf(Listing calldata listing) private view returns (bytes32) {
        bytes32 typehash = LISTING_TYPEHASH;
        bytes32 structHash;
        assembly ("memory-safe") {
            let m := mload(0x40)
            mstore(m, typehash)
            calldatacopy(add(m, 0x20), listing, 0x1c0)
            structHash := keccak256(m, 0x1e0)
        }
        return _hashTypedDataV4(structHash);
    }

    /// @dev Stores the new lease's state hash and emits `Leased`, straight from the listing's
    /// calldata, whose members `rent` has range-checked (see `_digestOf`). The hash is of the
    /// `Lease` (thirteen static words, so `abi.encode(lease)` is its words in order); the event
    /// carries the seven of them the block does not tell, written after it.
    function _startLease(bytes32 leaseId, Listing calldata listing, uint16 rentDays, uint256 end) private {
        bytes32 topic = Leased.selector;
        bytes32 stateHash;
        assembly ("memory-safe") {
            let m := mload(0x40)
            let unitId := calldataload(listing)
            let deposit := calldataload(add(listing, 0x100))
            mstore(m, unitId)
            mstore(add(m, 0x20), calldataload(add(listing, 0x20))) // lessor: the listing's owner
            mstore(add(m, 0x40), caller()) // tenant
            mstore(add(m, 0x60), calldataload(add(listing, 0x60))) // agent
            mstore(add(m, 0x80), calldataload(add(listing, 0x80))) // agentFeeBps
            mstore(add(m, 0xa0), calldataload(add(listing, 0x120))) // penaltyBps
            mstore(add(m, 0xc0), calldataload(add(listing, 0xa0))) // pricePerDay
            mstore(add(m, 0xe0), deposit)
            mstore(add(m, 0x100), timestamp()) // start
            mstore(add(m, 0x120), end)
            mstore(add(m, 0x140), rentDays)
            mstore(add(m, 0x160), 0) // settledDays
            mstore(add(m, 0x180), iszero(deposit)) // depositSettled
            stateHash := keccak256(m, 0x1a0)
            // Leased: lessor, agent, agentFeeBps, penaltyBps, pricePerDay, deposit, rentDays.
            let e := add(m, 0x1a0)
            mstore(e, mload(add(m, 0x20)))
            mcopy(add(e, 0x20), add(m, 0x60), 0xa0)
            mstore(add(e, 0xc0), rentDays)
            log4(e, 0xe0, topic, leaseId, unitId, caller())
        }
        _status[leaseId] = stateHash;
    }

    function _requireLease(bytes32 leaseId, Lease calldata lease) private view {
        if (_status[leaseId] != keccak256(abi.encode(lease))) revert LeaseBookLeaseUnknown(leaseId);
    }

    function _hash(Lease memory lease) private pure returns (bytes32) {
        return keccak256(abi.encode(lease));
    }

    /// @dev Days started since the lease began, up to the days paid; every paid day once it is over.
    function _earnedDays(Lease memory lease) private view returns (uint256) {
        if (block.timestamp >= lease.end) return lease.rentDays;
        uint256 started = (block.timestamp - lease.start) / DAY + 1;
        return started < lease.rentDays ? started : lease.rentDays;
    }

    /// @dev Credits `amount` of rent: the treasury's share (`rentals.platformFeeBps` now) and the
    /// agency's rounded down, the agency's capped at what the treasury leaves, the lessor the
    /// rest, so the three always sum to `amount`.
    function _creditRent(bytes32 leaseId, Lease memory lease, uint256 amount) private {
        uint256 platformFee = (amount * parameters.get(PLATFORM_FEE_BPS)) / BPS;
        uint256 agentFee = (amount * lease.agentFeeBps) / BPS;
        if (agentFee > amount - platformFee) agentFee = amount - platformFee;
        uint256 lessorShare = amount - platformFee - agentFee;
        _credit(treasury, platformFee);
        _credit(lease.agent, agentFee);
        _credit(lease.lessor, lessorShare);
        emit RentCredited(leaseId, amount, lessorShare, agentFee, platformFee);
    }

    /// @dev Pays out the deposit: `claimed` to the lessor, the rest to the tenant.
    function _settleDeposit(bytes32 leaseId, Lease calldata lease, uint256 claimed) private {
        Lease memory next = lease;
        next.depositSettled = true;
        _status[leaseId] = _hash(next);
        uint256 returned = lease.deposit - claimed;
        _credit(lease.lessor, claimed);
        _credit(lease.tenant, returned);
        emit DepositSettled(leaseId, next, claimed, returned);
    }

    function _credit(address account, uint256 amount) private {
        if (amount != 0) _owed[account] += amount;
    }
}
