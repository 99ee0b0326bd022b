// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "./utils/Test.sol";
import {MarkTokenHandler} from "./handlers/MarkTokenHandler.sol";
import {IMarkToken} from "../interfaces/IMarkToken.sol";
import {MarkToken} from "../token/MarkToken.sol";

/// @notice The whole supply starts with four accounts and only ever moves between them: after
/// any sequence of transfers, approvals, transferFroms and permits, nothing is created or lost,
/// and allowances and nonces are exactly what the actions imply.
contract MarkTokenInvariantTest is Test {
    MarkToken internal token;
    MarkTokenHandler internal handler;

    function setUp() public {
        string[] memory names = new string[](4);
        names[0] = "treasury";
        names[1] = "alice";
        names[2] = "bob";
        names[3] = "carol";
        // The handler derives the same addresses from the same names.
        IMarkToken.Allocation[] memory lines = new IMarkToken.Allocation[](4);
        uint256 total = 3_000_000_000 ether;
        lines[0] = IMarkToken.Allocation(vm.addr(keyOf(names[0])), total - 3_000 ether);
        for (uint256 i = 1; i < 4; ++i) {
            lines[i] = IMarkToken.Allocation(vm.addr(keyOf(names[i])), 1_000 ether);
        }
        token = new MarkToken(lines);
        handler = new MarkTokenHandler(token, names);

        targetContract(address(handler));
        bytes4[] memory actions = new bytes4[](4);
        actions[0] = MarkTokenHandler.transfer.selector;
        actions[1] = MarkTokenHandler.approve.selector;
        actions[2] = MarkTokenHandler.transferFrom.selector;
        actions[3] = MarkTokenHandler.permit.selector;
        targetSelectors(address(handler), actions);
    }

    /// hardhat-config: invariant.runs = 32
    /// hardhat-config: invariant.depth = 24
    /// hardhat-config: invariant.failOnRevert = true
    function invariant_SupplyIsFixedAndFullyHeld() public view {
        uint256 held;
        for (uint256 i; i < handler.actorCount(); ++i) {
            held += token.balanceOf(handler.actors(i));
        }
        assertEq(token.totalSupply(), token.TOTAL_SUPPLY(), "totalSupply");
        assertEq(held, token.TOTAL_SUPPLY(), "sum of balances");
    }

    /// hardhat-config: invariant.runs = 32
    /// hardhat-config: invariant.depth = 24
    /// hardhat-config: invariant.failOnRevert = true
    function invariant_AllowancesAndNoncesFollowTheActions() public view {
        uint256 n = handler.actorCount();
        for (uint256 i; i < n; ++i) {
            address owner = handler.actors(i);
            assertEq(token.nonces(owner), handler.expectedNonce(owner), "nonce");
            for (uint256 j; j < n; ++j) {
                address spender = handler.actors(j);
                assertEq(token.allowance(owner, spender), handler.expectedAllowance(owner, spender), "allowance");
            }
        }
    }
}
