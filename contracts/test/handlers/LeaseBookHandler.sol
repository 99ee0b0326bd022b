// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Test} from "../utils/Test.sol";
import {ILeaseBook} from "../../interfaces/ILeaseBook.sol";
import {IUnitRegistry} from "../../interfaces/IUnitRegistry.sol";
import {LeaseBook} from "../../market/LeaseBook.sol";

/// @title LeaseBookHandler
/// @notice Test-only: the actions the invariant fuzzer strings together against the rentals —
/// owners (`alice`, `carol`) listing their units with random terms, tenants (`bob`, `mallory`)
/// renting them, claims of earned rent, early ends, deposit claims and returns, sales of leased
/// units between the owners, withdrawals, and time passing. Each action only makes calls it
/// expects to succeed (`failOnRevert`); it keeps every lease's current state and a ghost ledger of
/// the MRK put in and taken out.
contract LeaseBookHandler is Test {
    LeaseBook public immutable book;
    IUnitRegistry public immutable registry;
    IERC20 public immutable mrk;

    uint256[] public units;
    string[2] private _ownerNames = ["alice", "carol"];
    address[2] public owners;
    address[2] public tenants;
    address[] public accounts;

    bytes32[] public leaseIds;
    mapping(bytes32 leaseId => ILeaseBook.Lease) private _leases;

    uint256 public ghostDeposited;
    uint256 public ghostWithdrawn;
    uint256 private _salt;

    constructor(
        LeaseBook book_,
        IUnitRegistry registry_,
        IERC20 mrk_,
        uint256[] memory units_,
        address[2] memory owners_,
        address[2] memory tenants_,
        address treasury
    ) {
        book = book_;
        registry = registry_;
        mrk = mrk_;
        units = units_;
        owners = owners_;
        tenants = tenants_;
        accounts.push(owners_[0]);
        accounts.push(owners_[1]);
        accounts.push(tenants_[0]);
        accounts.push(tenants_[1]);
        accounts.push(treasury);
    }

    function leaseCount() external view returns (uint256) {
        return leaseIds.length;
    }

    function accountCount() external view returns (uint256) {
        return accounts.length;
    }

    function leaseOf(bytes32 leaseId) external view returns (ILeaseBook.Lease memory) {
        return _leases[leaseId];
    }

    // --- Actions --------------------------------------------------------------------------------

    function rent(uint256 unitSeed, uint256 tenantSeed, uint256 termsSeed, uint16 rentDays) external {
        uint256 unitId = units[unitSeed % units.length];
        if (registry.userOf(unitId) != address(0)) return;
        address tenant = tenants[tenantSeed % 2];
        ILeaseBook.Listing memory listing = _listing(unitId, termsSeed);
        rentDays = uint16(bound(rentDays, listing.minDays, listing.maxDays));
        bytes memory signature = _signAsOwner(listing);
        uint256 cost = uint256(rentDays) * listing.pricePerDay + listing.deposit;

        vm.startPrank(tenant);
        mrk.approve(address(book), cost);
        bytes32 leaseId = book.rent(listing, signature, rentDays);
        vm.stopPrank();
        ghostDeposited += cost;
        leaseIds.push(leaseId);
        _leases[leaseId] = ILeaseBook.Lease({
            unitId: unitId,
            lessor: listing.owner,
            tenant: tenant,
            agent: listing.agent,
            agentFeeBps: listing.agentFeeBps,
            penaltyBps: listing.penaltyBps,
            pricePerDay: listing.pricePerDay,
            deposit: listing.deposit,
            start: uint40(block.timestamp),
            end: uint40(block.timestamp + uint256(rentDays) * 1 days),
            rentDays: rentDays,
            settledDays: 0,
            depositSettled: listing.deposit == 0
        });
    }

    function claimRent(uint256 leaseSeed) external {
        (bytes32 leaseId, ILeaseBook.Lease storage lease) = _pick(leaseSeed);
        if (leaseId == bytes32(0)) return;
        uint256 earned = book.earnedDays(lease);
        if (earned == lease.settledDays) return;
        book.claimRent(leaseId, lease);
        lease.settledDays = uint16(earned);
    }

    function endLease(uint256 leaseSeed) external {
        (bytes32 leaseId, ILeaseBook.Lease storage lease) = _pick(leaseSeed);
        if (leaseId == bytes32(0) || block.timestamp >= lease.end) return;
        uint256 used = book.earnedDays(lease);
        vm.prank(lease.tenant);
        book.endLease(leaseId, lease);
        lease.end = uint40(block.timestamp);
        lease.rentDays = uint16(used);
        lease.settledDays = uint16(used);
    }

    function claimDeposit(uint256 leaseSeed, uint256 amountSeed) external {
        (bytes32 leaseId, ILeaseBook.Lease storage lease) = _pick(leaseSeed);
        if (leaseId == bytes32(0) || lease.depositSettled) return;
        if (block.timestamp < lease.end || block.timestamp >= lease.end + 3 days) return;
        vm.prank(lease.lessor);
        book.claimDeposit(leaseId, lease, bound(amountSeed, 0, lease.deposit));
        lease.depositSettled = true;
    }

    function returnDeposit(uint256 leaseSeed) external {
        (bytes32 leaseId, ILeaseBook.Lease storage lease) = _pick(leaseSeed);
        if (leaseId == bytes32(0) || lease.depositSettled || block.timestamp < lease.end + 3 days) return;
        book.returnDeposit(leaseId, lease);
        lease.depositSettled = true;
    }

    /// @notice The unit's owner sells it to the other owner, leased or not.
    function transfer(uint256 unitSeed) external {
        uint256 unitId = units[unitSeed % units.length];
        address from = registry.ownerOf(unitId);
        address to = from == owners[0] ? owners[1] : owners[0];
        vm.prank(from);
        registry.transferFrom(from, to, unitId);
    }

    function withdraw(uint256 accountSeed) external {
        address account = accounts[accountSeed % accounts.length];
        if (book.owedTo(account) == 0) return;
        ghostWithdrawn += book.withdraw(account);
    }

    function advance(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1, 5 days));
    }

    // --- Helpers ---------------------------------------------------------------------------------

    function _listing(uint256 unitId, uint256 seed) private returns (ILeaseBook.Listing memory listing) {
        address owner = registry.ownerOf(unitId);
        bool agency = seed % 3 == 0;
        listing = ILeaseBook.Listing({
            unitId: unitId,
            owner: owner,
            transferCount: registry.transferCount(unitId),
            agent: agency ? tenants[1] : address(0),
            agentFeeBps: agency ? uint16(bound(seed >> 8, 0, 10_000)) : 0,
            pricePerDay: uint96(bound(seed >> 24, 0, 1_000 ether)),
            minDays: 1,
            maxDays: 20,
            deposit: uint96(bound(seed >> 128, 0, 500 ether)),
            penaltyBps: uint16(bound(seed >> 200, 0, 10_000)),
            mayDecorate: seed % 2 == 0,
            counter: book.counterOf(owner),
            deadline: uint64(block.timestamp + 1 days),
            salt: ++_salt
        });
    }

    function _signAsOwner(ILeaseBook.Listing memory listing) private view returns (bytes memory) {
        string memory name = listing.owner == owners[0] ? _ownerNames[0] : _ownerNames[1];
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(keyOf(name), book.listingId(listing));
        return abi.encodePacked(r, s, v);
    }

    function _pick(uint256 seed) private view returns (bytes32 leaseId, ILeaseBook.Lease storage lease) {
        if (leaseIds.length == 0) return (bytes32(0), _leases[bytes32(0)]);
        leaseId = leaseIds[seed % leaseIds.length];
        lease = _leases[leaseId];
    }
}
