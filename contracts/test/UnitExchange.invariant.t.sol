// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ExchangeFixture} from "./utils/ExchangeFixture.sol";
import {UnitExchangeHandler} from "./handlers/UnitExchangeHandler.sol";

/// @notice Random sequences of signed, posted and bundled sales, accepted offers, gifts,
/// cancellations and replays of dead orders by three traders over four units: the exchange never
/// holds MRK or units, every wei a buyer paid reached the seller, the treasury or the agency, no
/// dead order ever fills, and owners match the ghost.
contract UnitExchangeInvariantTest is ExchangeFixture {
    UnitExchangeHandler internal handler;

    function setUp() public override {
        super.setUp();
        handler = new UnitExchangeHandler(exchange, registry, IERC20(address(mrk)), treasury, agency);
        uint256[] memory unitIds = new uint256[](4);
        unitIds[0] = OFFICE;
        unitIds[1] = OFFICE_NEXT_DOOR;
        unitIds[2] = SHOP;
        unitIds[3] = HALL;
        for (uint256 i; i < handler.traderCount(); ++i) _fund(handler.traders(i), 1_000_000 * MRK);
        // Two units to the first trader, one each to the others.
        vm.startPrank(alice);
        registry.transferFrom(alice, handler.traders(0), OFFICE);
        registry.transferFrom(alice, handler.traders(0), OFFICE_NEXT_DOOR);
        vm.stopPrank();
        _buy(handler.traders(1), SHOP, 0, 0);
        _buy(handler.traders(2), HALL, 0, 0);
        handler.setUp(unitIds);

        targetContract(address(handler));
        bytes4[] memory actions = new bytes4[](7);
        actions[0] = UnitExchangeHandler.buySigned.selector;
        actions[1] = UnitExchangeHandler.buyPosted.selector;
        actions[2] = UnitExchangeHandler.buyBundle.selector;
        actions[3] = UnitExchangeHandler.acceptOffer.selector;
        actions[4] = UnitExchangeHandler.give.selector;
        actions[5] = UnitExchangeHandler.cancel.selector;
        actions[6] = UnitExchangeHandler.replay.selector;
        targetSelectors(address(handler), actions);
    }

    /// hardhat-config: invariant.runs = 32
    /// hardhat-config: invariant.depth = 24
    /// hardhat-config: invariant.failOnRevert = true
    function invariant_ExchangeHoldsNothing() public view {
        assertEq(mrk.balanceOf(address(exchange)), 0, "MRK held by the exchange");
        assertEq(registry.balanceOf(address(exchange)), 0, "units held by the exchange");
    }

    /// hardhat-config: invariant.runs = 32
    /// hardhat-config: invariant.depth = 24
    /// hardhat-config: invariant.failOnRevert = true
    function invariant_EveryWeiPaidReachedSellerTreasuryOrAgency() public view {
        assertEq(
            handler.receivedBySellers() + handler.receivedByTreasury() + handler.receivedByAgency(),
            handler.paidByBuyers(),
            "paid == received"
        );
    }

    /// hardhat-config: invariant.runs = 32
    /// hardhat-config: invariant.depth = 24
    /// hardhat-config: invariant.failOnRevert = true
    function invariant_DeadOrdersNeverFillAndOwnersMatch() public view {
        assertEq(handler.replaysAccepted(), 0, "a dead order filled");
        for (uint256 i; i < handler.unitCount(); ++i) {
            uint256 unitId = handler.units(i);
            assertEq(registry.ownerOf(unitId), handler.ghostOwner(unitId), "owner");
        }
    }
}
