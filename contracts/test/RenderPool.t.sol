// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "./utils/Test.sol";
import {RenderPoolHarness} from "./harness/RenderPoolHarness.sol";

/// @notice The sum tree under `RenderStaking`'s draw pools, against a linear scan: after every
/// join, leave and weight change, each prefix sum, the total and each search must be exact.
contract RenderPoolTest is Test {
    uint256 internal constant ACCOUNTS = 24;
    uint256 internal constant STEPS = 64;

    RenderPoolHarness internal pool;

    function setUp() public {
        pool = new RenderPoolHarness();
    }

    function _account(uint256 i) internal pure returns (address) {
        return address(uint160(0x1000 + i));
    }

    /// @dev Checks every prefix sum and the total against the members' weights summed one by one,
    /// and that the search maps the first and last unit of each member's share to its position.
    function _assertExact() internal view {
        uint256 size = pool.length();
        uint256 running;
        for (uint256 position = 1; position <= size; ++position) {
            (address account, uint256 weight) = pool.at(position);
            assertEq(pool.positionOf(account), position, "position index");
            assertEq(pool.find(running), position, "the first unit of a share finds its member");
            running += weight;
            assertEq(pool.prefix(position), running, "prefix sum");
            assertEq(pool.find(running - 1), position, "the last unit of a share finds its member");
        }
        assertEq(pool.total(), running, "total");
    }

    function test_add_BuildsEveryNodeFromItsChildren() public {
        for (uint256 i; i < 17; ++i) {
            pool.add(_account(i), i + 1);
            _assertExact();
        }
        // Positions 1..17 weigh 1..17.
        assertEq(pool.prefix(16), 136, "nodes 16, 8, 4, 2 and 1 cover the first sixteen");
        assertEq(pool.total(), 153, "1 + ... + 17");
    }

    function test_remove_SwapsTheLastMemberInAndDropsItsNode() public {
        for (uint256 i; i < 9; ++i) pool.add(_account(i), 10 * (i + 1));
        pool.remove(_account(2));
        _assertExact();
        assertFalse(pool.contains(_account(2)), "gone");
        assertEq(pool.positionOf(_account(8)), 3, "the last one took position 3");
        assertEq(pool.length(), 8, "one fewer");
        // The last member leaving moves nobody.
        pool.remove(_account(7));
        _assertExact();
        assertEq(pool.positionOf(_account(6)), 7, "unmoved");
        // Down to nothing and back.
        for (uint256 i; i < 9; ++i) if (pool.contains(_account(i))) pool.remove(_account(i));
        assertEq(pool.total(), 0, "empty");
        pool.add(_account(3), 5);
        _assertExact();
    }

    function test_setWeight_MovesEveryNodeAboveAndReportsNoChange() public {
        for (uint256 i; i < 12; ++i) pool.add(_account(i), 4);
        assertTrue(pool.setWeight(_account(4), 12), "raised");
        _assertExact();
        assertTrue(pool.setWeight(_account(4), 5), "lowered");
        _assertExact();
        assertFalse(pool.setWeight(_account(4), 5), "unchanged: nothing written");
        assertEq(pool.weightOf(_account(4)), 5, "weight");
        assertEq(pool.weightOf(_account(99)), 0, "a stranger weighs nothing");
    }

    /// hardhat-config: fuzz.runs = 64
    function testFuzz_SumsStayExactUnderRandomJoinsLeavesAndWeightChanges(uint256 seed) public {
        for (uint256 step; step < STEPS; ++step) {
            uint256 random = uint256(keccak256(abi.encode(seed, step)));
            address account = _account(random % ACCOUNTS);
            uint256 weight = 1 + ((random >> 128) % 1_000);
            if (!pool.contains(account)) {
                pool.add(account, weight);
            } else if ((random >> 64) % 3 == 0) {
                pool.remove(account);
            } else {
                pool.setWeight(account, weight);
            }
            _assertExact();
        }
    }
}
