// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ILeaseBook} from "../interfaces/ILeaseBook.sol";
import {LeaseBookFixture} from "./utils/LeaseBookFixture.sol";
import {LeaseBookHandler} from "./handlers/LeaseBookHandler.sol";

/// @notice Random sequences of rentals with random terms, rent claims, early ends, deposit claims
/// and returns, sales of leased units, withdrawals and time passing; after every call the MRK the
/// book holds must be exactly what it can account for: the unearned rent of its leases, their
/// unsettled deposits and what it owes.
contract LeaseBookInvariantTest is LeaseBookFixture {
    LeaseBookHandler internal handler;

    function setUp() public override {
        super.setUp();
        _buy(alice, SHOP, 0, 365);
        uint256[] memory units = new uint256[](3);
        units[0] = OFFICE;
        units[1] = BILLBOARD;
        units[2] = SHOP;
        handler = new LeaseBookHandler(
            book,
            registry,
            IERC20(address(mrk)),
            units,
            [alice, carol],
            [bob, mallory],
            treasury
        );

        targetContract(address(handler));
        bytes4[] memory actions = new bytes4[](8);
        actions[0] = LeaseBookHandler.rent.selector;
        actions[1] = LeaseBookHandler.claimRent.selector;
        actions[2] = LeaseBookHandler.endLease.selector;
        actions[3] = LeaseBookHandler.claimDeposit.selector;
        actions[4] = LeaseBookHandler.returnDeposit.selector;
        actions[5] = LeaseBookHandler.transfer.selector;
        actions[6] = LeaseBookHandler.withdraw.selector;
        actions[7] = LeaseBookHandler.advance.selector;
        targetSelectors(address(handler), actions);
    }

    /// hardhat-config: invariant.runs = 32
    /// hardhat-config: invariant.depth = 48
    /// hardhat-config: invariant.failOnRevert = true
    function invariant_HoldsExactlyTheEscrowAndWhatItOwes() public view {
        uint256 escrow;
        for (uint256 i; i < handler.leaseCount(); ++i) {
            bytes32 leaseId = handler.leaseIds(i);
            ILeaseBook.Lease memory lease = handler.leaseOf(leaseId);
            assertEq(book.statusOf(leaseId), keccak256(abi.encode(lease)), "the book stores the state we track");
            assertLe(lease.settledDays, lease.rentDays, "never more days credited than paid");
            escrow += uint256(lease.rentDays - lease.settledDays) * lease.pricePerDay;
            if (!lease.depositSettled) escrow += lease.deposit;
        }
        uint256 owed;
        for (uint256 i; i < handler.accountCount(); ++i) owed += book.owedTo(handler.accounts(i));
        uint256 held = mrk.balanceOf(address(book));
        assertEq(held, escrow + owed, "MRK held == unearned rent + deposits + owed");
        assertEq(held, handler.ghostDeposited() - handler.ghostWithdrawn(), "== paid in - withdrawn");
    }

    /// hardhat-config: invariant.runs = 32
    /// hardhat-config: invariant.depth = 48
    /// hardhat-config: invariant.failOnRevert = true
    function invariant_AUnitHasAtMostTheUserOfItsLatestLease() public view {
        for (uint256 i; i < handler.leaseCount(); ++i) {
            ILeaseBook.Lease memory lease = handler.leaseOf(handler.leaseIds(i));
            address user = registry.userOf(lease.unitId);
            if (block.timestamp < lease.end) assertEq(user, lease.tenant, "a running lease's tenant is the user");
        }
    }
}
