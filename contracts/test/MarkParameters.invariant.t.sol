// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "./utils/Test.sol";
import {MarkParametersHandler} from "./handlers/MarkParametersHandler.sol";
import {MarkParameters} from "../governance/MarkParameters.sol";
import {IParameterWatcher} from "../interfaces/IMarkParameters.sol";

/// @notice Under any sequence of definitions and sets (in bounds, out of bounds, at the edges),
/// every key's value stays within its bounds, bounds never change once defined, and the key
/// list holds exactly the defined keys in definition order.
contract MarkParametersInvariantTest is Test {
    MarkParameters internal params;
    MarkParametersHandler internal handler;

    function setUp() public {
        address owner = makeAddr("treasury");
        params = new MarkParameters(owner, new MarkParameters.Definition[](0), IParameterWatcher(address(0)));
        handler = new MarkParametersHandler(params, owner);

        targetContract(address(handler));
        bytes4[] memory actions = new bytes4[](3);
        actions[0] = MarkParametersHandler.defineParameter.selector;
        actions[1] = MarkParametersHandler.set.selector;
        actions[2] = MarkParametersHandler.setAtEdge.selector;
        targetSelectors(address(handler), actions);
    }

    /// hardhat-config: invariant.runs = 32
    /// hardhat-config: invariant.depth = 32
    /// hardhat-config: invariant.failOnRevert = true
    function invariant_ValuesStayWithinFixedBounds() public view {
        uint256 n = handler.keyCount();
        assertEq(params.parameterCount(), n, "count");
        for (uint256 i; i < n; ++i) {
            bytes32 key = handler.keys(i);
            assertEq(params.keyAt(i), key, "listing order");
            (uint256 min, uint256 max) = params.bounds(key);
            uint256 value = params.get(key);
            assertEq(min, handler.expectedMin(key), "min");
            assertEq(max, handler.expectedMax(key), "max");
            assertEq(value, handler.expectedValue(key), "value");
            assertGe(value, min, "value >= min");
            assertLe(value, max, "value <= max");
        }
    }
}
