// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IUnitRegistry
/// @notice The land registry: every 8×8 m unit of the world is an ERC-721 token whose id
/// encodes its address (see `libraries/UnitAddress.sol`). This slice covers the free first
/// residential unit per account and the unit's content pointer; sales, rentals and
/// district-specific pricing plug in through the same registry in later releases.
interface IUnitRegistry {
    /// @notice Emitted when `owner` claims the free residential unit `unitId`.
    event UnitClaimed(uint256 indexed unitId, address indexed owner);

    /// @notice Emitted when the scene manifest of `unitId` changes. `cid` is the IPFS CID of
    /// the unit's scene manifest (JSON); an empty `cid` clears it.
    event UnitContentSet(uint256 indexed unitId, address indexed editor, string cid);

    /// @notice Thrown when `account` already used its one free claim.
    error UnitFreeClaimUsed(address account);

    /// @notice Thrown when a free claim names a unit outside the residential district.
    error UnitNotResidential(uint256 unitId);

    /// @notice Thrown when `unitId` already has an owner.
    error UnitAlreadyClaimed(uint256 unitId);

    /// @notice Thrown when `account` may not edit the content of `unitId`.
    error UnitContentUnauthorized(uint256 unitId, address account);

    /// @notice Thrown when a content CID is longer than `maxLength` bytes.
    error UnitContentTooLong(uint256 unitId, uint256 length, uint256 maxLength);

    /// @notice Claims the caller's one free residential unit.
    /// @param unitId Token id of a residential unit nobody owns (see `UnitAddress`).
    function claim(uint256 unitId) external;

    /// @notice Points `unitId` at a new scene manifest; only its owner or an approved operator may.
    /// @param cid IPFS CID (string form) of the manifest; empty to clear.
    function setContent(uint256 unitId, string calldata cid) external;

    /// @notice The IPFS CID of the unit's scene manifest, empty when none is set.
    function contentOf(uint256 unitId) external view returns (string memory);

    /// @notice Whether `account` has used its free residential claim.
    function hasClaimedFree(address account) external view returns (bool);
}
