// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {IUnitMetadata} from "../../interfaces/IUnitMetadata.sol";

/// @title MockUnitMetadata
/// @notice Test-only metadata renderer: `tokenURI` is a fixed prefix and the id in hex.
contract MockUnitMetadata is IUnitMetadata {
    function tokenURI(uint256 unitId) external pure returns (string memory) {
        return string.concat("mock://unit/", Strings.toHexString(unitId, 8));
    }
}
