// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IUnitRegistry} from "../interfaces/IUnitRegistry.sol";

/// @title FreeClaim
/// @notice The land office of the free first unit: any account may claim one Residential unit
/// nobody owns, with its first year of storage included. The registry enforces one free unit
/// per account; governance opens, caps (the office's mint allowance is the global cap on free
/// claims) or closes the office there.
contract FreeClaim {
    /// @notice Storage included with a free unit.
    uint40 public constant FREE_STORAGE = 365 days;

    IUnitRegistry public immutable registry;

    error FreeClaimZeroAddress();

    constructor(IUnitRegistry registry_) {
        if (address(registry_) == address(0)) revert FreeClaimZeroAddress();
        registry = registry_;
    }

    /// @notice Claims the caller's one free Residential unit `unitId`.
    function claim(uint256 unitId) external {
        registry.mint(msg.sender, unitId, uint40(block.timestamp) + FREE_STORAGE, true);
    }
}
