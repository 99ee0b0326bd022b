// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {LandFixture} from "./utils/LandFixture.sol";
import {UnitRegistryHandler} from "./handlers/UnitRegistryHandler.sol";

/// @notice Random sequences of free claims, unit, floor and building purchases and transfers by
/// a few accounts; after every call the registry must still match the handler's ghost model.
contract UnitRegistryInvariantTest is LandFixture {
    UnitRegistryHandler internal handler;

    function setUp() public override {
        super.setUp();
        handler = new UnitRegistryHandler(registry, unitSale, floorSale);
        for (uint256 i; i < handler.actorCount(); ++i) _fund(handler.actors(i), 500_000_000 * MRK);
        handler.approveSales(IERC20(address(mrk)));

        targetContract(address(handler));
        bytes4[] memory actions = new bytes4[](5);
        actions[0] = UnitRegistryHandler.claim.selector;
        actions[1] = UnitRegistryHandler.buyUnit.selector;
        actions[2] = UnitRegistryHandler.buyFloor.selector;
        actions[3] = UnitRegistryHandler.buyBuilding.selector;
        actions[4] = UnitRegistryHandler.transfer.selector;
        targetSelectors(address(handler), actions);
    }

    /// hardhat-config: invariant.runs = 32
    /// hardhat-config: invariant.depth = 24
    /// hardhat-config: invariant.failOnRevert = true
    function invariant_BalancesAddUpToMintedUnits() public view {
        uint256 total;
        for (uint256 i; i < handler.actorCount(); ++i) {
            address actor = handler.actors(i);
            uint256 balance = registry.balanceOf(actor);
            assertEq(balance, handler.ghostBalance(actor), "balance of an actor");
            total += balance;
        }
        assertEq(total, handler.minted(), "sum of balances == units minted");
    }

    /// hardhat-config: invariant.runs = 32
    /// hardhat-config: invariant.depth = 24
    /// hardhat-config: invariant.failOnRevert = true
    function invariant_OwnersAndTransferCountsMatchTheGhost() public view {
        for (uint256 i; i < handler.trackedCount(); ++i) {
            uint256 unitId = handler.tracked(i);
            assertEq(registry.ownerOf(unitId), handler.ghostOwner(unitId), "ownerOf");
            // The ghost count only ever grows, by one per transfer: equality makes the registry's monotonic.
            assertEq(registry.transferCount(unitId), handler.ghostTransfers(unitId), "transferCount");
        }
    }
}
