// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IUnitMetadata
/// @notice Builds a unit's ERC-721 metadata (`tokenURI`); the registry delegates to it so
/// governance can improve the metadata without touching the registry.
interface IUnitMetadata {
    /// @notice ERC-721 metadata JSON for `unitId`, usually as a `data:application/json` URI.
    function tokenURI(uint256 unitId) external view returns (string memory);
}
