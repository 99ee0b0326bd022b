// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {UnitAddress} from "../../libraries/UnitAddress.sol";

/// @title UnitAddressHarness
/// @notice Test-only: exposes the internal `UnitAddress` library as external calls, so Solidity
/// tests can `expectRevert` on it and the TypeScript mirror can be checked against it vector by
/// vector. Never deployed outside tests.
contract UnitAddressHarness {
    function encode(UnitAddress.Parts calldata parts) external pure returns (uint256) {
        return UnitAddress.encode(parts);
    }

    function decode(uint256 unitId) external pure returns (UnitAddress.Parts memory) {
        return UnitAddress.decode(unitId);
    }

    function isValid(UnitAddress.Parts calldata parts) external pure returns (bool) {
        return UnitAddress.isValid(parts);
    }

    function isValidId(uint256 unitId) external pure returns (bool) {
        return UnitAddress.isValidId(unitId);
    }

    function districtOf(uint256 unitId) external pure returns (uint8) {
        return UnitAddress.districtOf(unitId);
    }

    function neighbourhoodOf(uint256 unitId) external pure returns (uint16) {
        return UnitAddress.neighbourhoodOf(unitId);
    }

    function isExternal(uint256 unitId) external pure returns (bool) {
        return UnitAddress.isExternal(unitId);
    }

    function floorOf(uint256 unitId) external pure returns (uint256) {
        return UnitAddress.floorOf(unitId);
    }

    function buildingOf(uint256 unitId) external pure returns (uint256) {
        return UnitAddress.buildingOf(unitId);
    }
}
