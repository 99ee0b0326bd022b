// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";
import {UnitRegistry} from "../../land/UnitRegistry.sol";

/// @title ReentrantUnitReceiver
/// @notice Test-only ERC-721 receiver that calls back into the registry from
/// `onERC721Received`: it claims, claims again, claims the unit it is receiving, decorates the
/// received unit and a unit it does not own, and optionally passes the unit on. It records what
/// it saw and every call's revert data, so a test can check the registry stayed consistent.
contract ReentrantUnitReceiver is IERC721Receiver {
    UnitRegistry public immutable registry;
    uint256 public immutable firstClaim;
    uint256 public immutable secondClaim;
    uint256 public immutable strangersUnit;
    address public immutable passOnTo;

    uint256 public callbacks;
    address public ownerSeenInCallback;
    bytes public claimError;
    bytes public secondClaimError;
    bytes public claimReceivedError;
    bytes public setContentError;
    bytes public strangerContentError;

    constructor(
        UnitRegistry registry_,
        uint256 firstClaim_,
        uint256 secondClaim_,
        uint256 strangersUnit_,
        address passOnTo_
    ) {
        registry = registry_;
        firstClaim = firstClaim_;
        secondClaim = secondClaim_;
        strangersUnit = strangersUnit_;
        passOnTo = passOnTo_;
    }

    function onERC721Received(address, address, uint256 unitId, bytes calldata) external returns (bytes4) {
        ++callbacks;
        ownerSeenInCallback = registry.ownerOf(unitId);
        claimError = _try(abi.encodeCall(UnitRegistry.claim, (firstClaim)));
        secondClaimError = _try(abi.encodeCall(UnitRegistry.claim, (secondClaim)));
        claimReceivedError = _try(abi.encodeCall(UnitRegistry.claim, (unitId)));
        setContentError = _try(abi.encodeCall(UnitRegistry.setContent, (unitId, "set-from-callback")));
        strangerContentError = _try(abi.encodeCall(UnitRegistry.setContent, (strangersUnit, "hijacked")));
        if (passOnTo != address(0)) registry.transferFrom(address(this), passOnTo, unitId);
        return IERC721Receiver.onERC721Received.selector;
    }

    /// @dev Calls the registry and returns its revert data, or empty bytes when the call succeeded.
    function _try(bytes memory data) private returns (bytes memory) {
        (bool ok, bytes memory returned) = address(registry).call(data);
        return ok ? bytes("") : returned;
    }
}

/// @title CountingUnitReceiver
/// @notice Test-only receiver that accepts every unit and counts the callbacks.
contract CountingUnitReceiver is IERC721Receiver {
    uint256 public callbacks;

    function claim(UnitRegistry registry, uint256 unitId) external {
        registry.claim(unitId);
    }

    function onERC721Received(address, address, uint256, bytes calldata) external returns (bytes4) {
        ++callbacks;
        return IERC721Receiver.onERC721Received.selector;
    }
}
