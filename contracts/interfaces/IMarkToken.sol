// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IMarkToken
/// @notice MRK, the world's currency: a fixed-supply ERC-20 with EIP-2612 permit.
interface IMarkToken {
    /// @notice One line of the genesis allocation: `amount` MRK (18 decimals) to `recipient`.
    struct Allocation {
        address recipient;
        uint256 amount;
    }

    /// @notice Emitted once per genesis allocation line, so the split is auditable from logs.
    event GenesisAllocated(address indexed recipient, uint256 amount);

    /// @notice Thrown when the allocation lines do not add up to the fixed supply.
    error MarkAllocationMismatch(uint256 allocated, uint256 supply);

    /// @notice Thrown when an allocation line names the zero address.
    error MarkAllocationZeroRecipient(uint256 index);
}
