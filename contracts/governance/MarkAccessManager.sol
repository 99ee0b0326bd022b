// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessManager} from "@openzeppelin/contracts/access/manager/AccessManager.sol";

/// @title MarkAccessManager
/// @notice OpenZeppelin's `AccessManager` for the land contracts: every `restricted` function
/// (opening districts, appointing land offices, replacing the metadata renderer) defaults to the
/// admin role, held by the treasury timelock, so only an executed proposal reaches them.
/// Governance may grant narrower roles later (e.g. a council that can pause one land office).
contract MarkAccessManager is AccessManager {
    /// @param admin The timelock that executes governance proposals.
    constructor(address admin) AccessManager(admin) {}
}
