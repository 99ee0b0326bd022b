// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "./utils/Test.sol";
import {UnitRegistryHandler} from "./handlers/UnitRegistryHandler.sol";
import {UnitRegistry} from "../land/UnitRegistry.sol";
import {UnitAddress} from "../libraries/UnitAddress.sol";

/// @notice Random sequences of claims, transfers, approvals and content edits by a handful of
/// accounts; after every call the registry must still match the ghost record.
contract UnitRegistryInvariantTest is Test {
    UnitRegistry internal registry;
    UnitRegistryHandler internal handler;

    function setUp() public {
        registry = new UnitRegistry();
        handler = new UnitRegistryHandler(registry);
        targetContract(address(handler));
        bytes4[] memory actions = new bytes4[](4);
        actions[0] = UnitRegistryHandler.claim.selector;
        actions[1] = UnitRegistryHandler.transfer.selector;
        actions[2] = UnitRegistryHandler.approve.selector;
        actions[3] = UnitRegistryHandler.setContent.selector;
        targetSelectors(address(handler), actions);
    }

    /// hardhat-config: invariant.runs = 48
    /// hardhat-config: invariant.depth = 24
    /// hardhat-config: invariant.failOnRevert = true
    function invariant_OneFreeUnitPerAccount() public view {
        uint256 claimers;
        for (uint256 i; i < handler.actorCount(); ++i) {
            if (registry.hasClaimedFree(handler.actors(i))) ++claimers;
        }
        assertEq(claimers, handler.claimedCount(), "accounts that claimed == units minted");
        assertEq(handler.claimedCount() + handler.rejectedClaims(), handler.claimCalls(), "claims accounted for");
    }

    /// hardhat-config: invariant.runs = 48
    /// hardhat-config: invariant.depth = 24
    /// hardhat-config: invariant.failOnRevert = true
    function invariant_BalancesAddUpToMintedUnits() public view {
        uint256 total;
        for (uint256 i; i < handler.actorCount(); ++i) {
            total += registry.balanceOf(handler.actors(i));
        }
        assertEq(total, handler.claimedCount(), "sum of balances");
    }

    /// hardhat-config: invariant.runs = 48
    /// hardhat-config: invariant.depth = 24
    /// hardhat-config: invariant.failOnRevert = true
    function invariant_EveryUnitIsResidentialOwnedAndHoldsItsLastContent() public view {
        for (uint256 i; i < handler.claimedCount(); ++i) {
            uint256 unitId = handler.claimed(i);
            assertEq(UnitAddress.districtOf(unitId), UnitAddress.RESIDENTIAL, "district");
            assertTrue(registry.ownerOf(unitId) != address(0), "owned");
            string memory content = registry.contentOf(unitId);
            assertLe(bytes(content).length, registry.MAX_CID_LENGTH(), "content length");
            assertEq(content, handler.expectedContent(unitId), "content");
        }
    }
}
