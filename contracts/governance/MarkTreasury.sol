// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

/// @title MarkTreasury
/// @notice The platform treasury and the executor of every governance decision: a
/// `TimelockController` that holds ETH, ERC-20 (MRK) and ERC-721 assets and owns the platform's
/// adjustable contracts (such as `MarkParameters`). Only the governor can schedule or cancel
/// operations; once an operation's delay has passed, anyone can execute it. There is no admin:
/// roles and the delay change only through operations the treasury runs on itself.
/// @dev The governor's address is predicted before deployment (its `CREATE` address), since the
/// governor in turn needs the treasury's address in its constructor.
contract MarkTreasury is TimelockController {
    /// @notice `governor` is the zero address, which would leave the treasury without a proposer.
    error MarkTreasuryInvalidGovernor(address governor);

    /// @param minDelay Seconds between queueing and executing an operation (production: 2 days).
    /// @param governor The governor (proposer and canceller).
    constructor(
        uint256 minDelay,
        address governor
    ) TimelockController(minDelay, _single(governor), _single(address(0)), address(0)) {
        if (governor == address(0)) revert MarkTreasuryInvalidGovernor(governor);
    }

    function _single(address account) private pure returns (address[] memory list) {
        list = new address[](1);
        list[0] = account;
    }
}
