// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "../utils/Test.sol";
import {UnitRegistry} from "../../land/UnitRegistry.sol";
import {UnitAddress} from "../../libraries/UnitAddress.sol";

/// @title UnitRegistryHandler
/// @notice Test-only: the actions the invariant fuzzer strings together against a
/// `UnitRegistry` (claim, transfer, approve, set content), played by a small cast of accounts
/// on a small patch of the residential district so that actions collide often. It keeps a
/// ghost record of what the registry should hold.
contract UnitRegistryHandler is Test {
    UnitRegistry public immutable registry;

    address[] public actors;
    uint256[] public claimed;
    mapping(uint256 unitId => string cid) public expectedContent;
    uint256 public claimCalls;
    uint256 public rejectedClaims;

    /// @dev 2 buildings × 2 floors × 4 units: few enough that claims contend for units.
    uint256 private constant _PATCH_SIZE = 16;

    constructor(UnitRegistry registry_) {
        registry = registry_;
        for (uint256 i; i < 5; ++i) {
            actors.push(makeAddr(string.concat("actor", _digit(i))));
        }
    }

    function actorCount() external view returns (uint256) {
        return actors.length;
    }

    function claimedCount() external view returns (uint256) {
        return claimed.length;
    }

    function claim(uint256 actorSeed, uint256 unitSeed) external {
        address actor = _actor(actorSeed);
        uint256 unitId = _patchUnit(unitSeed);
        ++claimCalls;
        bool mayClaim = !registry.hasClaimedFree(actor) && !_exists(unitId);
        vm.prank(actor);
        try registry.claim(unitId) {
            if (!mayClaim) fail("claim succeeded where it must not");
            claimed.push(unitId);
        } catch {
            if (mayClaim) fail("claim refused where it must succeed");
            ++rejectedClaims;
        }
    }

    function transfer(uint256 unitSeed, uint256 toSeed) external {
        if (claimed.length == 0) return;
        uint256 unitId = claimed[unitSeed % claimed.length];
        address owner = registry.ownerOf(unitId);
        vm.prank(owner);
        registry.transferFrom(owner, _actor(toSeed), unitId);
    }

    function approve(uint256 unitSeed, uint256 spenderSeed) external {
        if (claimed.length == 0) return;
        uint256 unitId = claimed[unitSeed % claimed.length];
        vm.prank(registry.ownerOf(unitId));
        registry.approve(_actor(spenderSeed), unitId);
    }

    function setContent(uint256 unitSeed, uint256 editorSeed, uint256 length) external {
        if (claimed.length == 0) return;
        uint256 unitId = claimed[unitSeed % claimed.length];
        address editor = _actor(editorSeed);
        address owner = registry.ownerOf(unitId);
        bool allowed = editor == owner || registry.getApproved(unitId) == editor;
        string memory cid = _cid(unitSeed, bound(length, 0, registry.MAX_CID_LENGTH()));
        vm.prank(editor);
        try registry.setContent(unitId, cid) {
            if (!allowed) fail("a stranger changed a unit's content");
            expectedContent[unitId] = cid;
        } catch {
            if (allowed) fail("the owner or approved account was refused");
        }
    }

    function _actor(uint256 seed) private view returns (address) {
        return actors[seed % actors.length];
    }

    function _patchUnit(uint256 seed) private pure returns (uint256) {
        seed %= _PATCH_SIZE;
        return (uint256(UnitAddress.RESIDENTIAL) << 40) | ((seed >> 3) << 16) | (((seed >> 2) & 1) << 8) | (seed & 3);
    }

    function _exists(uint256 unitId) private view returns (bool) {
        for (uint256 i; i < claimed.length; ++i) {
            if (claimed[i] == unitId) return true;
        }
        return false;
    }

    function _cid(uint256 seed, uint256 length) private pure returns (string memory) {
        bytes memory out = new bytes(length);
        for (uint256 i; i < length; ++i) {
            out[i] = bytes1(uint8(97 + uint256(keccak256(abi.encode(seed, i))) % 26));
        }
        return string(out);
    }

    function _digit(uint256 i) private pure returns (string memory) {
        return string(abi.encodePacked(bytes1(uint8(48 + i))));
    }
}
