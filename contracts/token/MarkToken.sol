// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {IMarkToken} from "../interfaces/IMarkToken.sol";

/// @title MarkToken (MRK)
/// @notice Fixed supply of 3,000,000,000 MRK, minted once at deployment according to the
/// genesis allocation. No mint, burn or admin functions exist after construction.
/// @dev Vote checkpoints are deliberately absent: ERC20Votes would add tens of thousands of
/// gas to every transfer between delegated accounts, and MRK is the exchange's currency.
/// Voting power comes from wrapping MRK (ERC20Wrapper + ERC20Votes) or per-community tokens.
contract MarkToken is ERC20, ERC20Permit, IMarkToken {
    /// @notice The whole supply, in wei units (18 decimals).
    uint256 public constant TOTAL_SUPPLY = 3_000_000_000 ether;

    /// @param allocations Recipients and amounts; must add up to exactly `TOTAL_SUPPLY`.
    constructor(Allocation[] memory allocations) ERC20("Mark", "MRK") ERC20Permit("Mark") {
        uint256 allocated;
        // Bounded by the deployer's own constructor argument, not by users.
        for (uint256 i; i < allocations.length; ++i) {
            Allocation memory line = allocations[i];
            if (line.recipient == address(0)) revert MarkAllocationZeroRecipient(i);
            allocated += line.amount;
            _mint(line.recipient, line.amount);
            emit GenesisAllocated(line.recipient, line.amount);
        }
        if (allocated != TOTAL_SUPPLY) revert MarkAllocationMismatch(allocated, TOTAL_SUPPLY);
    }
}
