// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAccessManaged} from "@openzeppelin/contracts/access/manager/IAccessManaged.sol";
import {IRenderStaking} from "../interfaces/IRenderStaking.sol";
import {RenderFixture} from "./utils/RenderFixture.sol";

/// @notice `RenderStaking`'s draw pools: joining and leaving, weights that follow ratings, draws
/// whose frequencies follow the weights (checked over a fixed set of seeds, with a tolerance a
/// uniform draw fails), what a draw leaves out, and gas bounds.
contract RenderStakingPoolTest is RenderFixture {
    bytes32 internal constant VERSION = keccak256("markspace-tracer 0.1.0");
    bytes32 internal constant OTHER_VERSION = keccak256("markspace-tracer 0.2.0");

    address[] internal pooled;
    uint256 internal admitted;

    function _worker(uint256 i) internal returns (address who) {
        who = address(uint160(uint256(keccak256(abi.encode("pool worker", i)))));
        _fund(who, RENDERER_MRK);
    }

    /// @dev Admits `count` more Workers into the pool of `VERSION`, each rated `rating`.
    function _pool(uint256 count, uint256 rating) internal {
        for (uint256 i; i < count; ++i) {
            address who = _worker(admitted);
            _admitWorker(who, admitted);
            ++admitted;
            if (rating != 0) _rate(who, int256(rating));
            vm.prank(who);
            staking.joinPool(VERSION);
            pooled.push(who);
        }
    }

    function _rate(address who, int256 delta) internal {
        vm.prank(jobs);
        staking.adjustRating(who, VERSION, delta);
    }

    function _none() internal pure returns (address[5] memory) {}

    function _draw(bytes32 seed, address[5] memory excluded, uint256 amount) internal returns (address worker) {
        vm.prank(jobs);
        (worker, ) = staking.drawWorker(VERSION, seed, excluded, amount);
    }

    function _indexOf(address worker) internal view returns (uint256 index) {
        while (index < pooled.length && pooled[index] != worker) ++index;
        assertLt(index, pooled.length, "a pooled Worker was drawn");
    }

    /// @dev Draws `n` times (seeds `keccak256(tag, i)`, one wei locked each) and counts per Worker.
    function _counts(string memory tag, uint256 n, address[5] memory excluded) internal returns (uint256[] memory c) {
        c = new uint256[](pooled.length);
        for (uint256 i; i < n; ++i) {
            address worker = _draw(keccak256(abi.encode(tag, i)), excluded, 1);
            assertTrue(worker != address(0), "somebody drawn");
            ++c[_indexOf(worker)];
        }
    }

    /// @dev Pearson's chi-square (× 1000) of `counts` against `weights` (0: expected never).
    function _chiSquare(uint256[] memory counts, uint256[] memory weights, uint256 n) internal pure returns (uint256 chi) {
        uint256 total;
        for (uint256 i; i < weights.length; ++i) total += weights[i];
        for (uint256 i; i < weights.length; ++i) {
            if (weights[i] == 0) continue;
            // (count − n·w/W)² / (n·w/W), kept in integers: (count·W − n·w)² / (n·w·W).
            uint256 observed = counts[i] * total;
            uint256 expected = n * weights[i];
            uint256 gap = observed > expected ? observed - expected : expected - observed;
            chi += (gap * gap * 1000) / (expected * total);
        }
    }

    // =========================================================================================
    // Joining and leaving
    // =========================================================================================

    function test_joinPool_WeighsTheWorkerByItsRatingForThatVersion() public {
        _pool(1, 0);
        address who = pooled[0];
        assertEq(staking.poolWeightOf(who, VERSION), 4, "a newcomer weighs the base");
        _rate(who, 60);
        assertEq(staking.poolWeightOf(who, VERSION), 6, "4 + 60 / 25");
        (uint256 size, uint256 total) = staking.poolOf(VERSION);
        assertEq(size, 1, "size");
        assertEq(total, 6, "total");
        // Its rating for another version is its own: it joins that pool as a newcomer.
        vm.expectEmit(address(staking));
        emit IRenderStaking.WorkerJoinedPool(who, OTHER_VERSION, 4);
        vm.prank(who);
        staking.joinPool(OTHER_VERSION);
        assertEq(staking.poolWeightOf(who, OTHER_VERSION), 4, "other version");
    }

    function test_poolWeight_IsTheBasePlusABoundedStepOfTheRating() public view {
        assertEq(staking.poolWeight(0), 4, "zero-rated newcomers stay drawable");
        assertEq(staking.poolWeight(24), 4, "within the first step");
        assertEq(staking.poolWeight(25), 5, "one step");
        assertEq(staking.poolWeight(100), 8, "the genesis trust threshold");
        assertEq(staking.poolWeight(200), 12, "the cap");
        assertEq(staking.poolWeight(type(uint256).max), 12, "no more past the cap: three newcomers' worth");
    }

    function test_joinPool_RevertWhen_NotAnEligibleWorkerTwiceOrNoVersion() public {
        address schedulerAccount = makeAddr("scheduler");
        _fund(schedulerAccount, RENDERER_MRK);
        _register(schedulerAccount, IRenderStaking.Role.Scheduler, MIN_SCHEDULER_STAKE);
        vm.expectRevert(abi.encodeWithSelector(IRenderStaking.RenderStakingNotEligible.selector, schedulerAccount));
        vm.prank(schedulerAccount);
        staking.joinPool(VERSION);
        // Registered but not admitted.
        address newcomer = _worker(99);
        _register(newcomer, IRenderStaking.Role.Worker, MIN_WORKER_STAKE);
        vm.expectRevert(abi.encodeWithSelector(IRenderStaking.RenderStakingNotEligible.selector, newcomer));
        vm.prank(newcomer);
        staking.joinPool(VERSION);
        _pool(1, 0);
        vm.expectRevert(abi.encodeWithSelector(IRenderStaking.RenderPoolAlreadyIn.selector, pooled[0], VERSION));
        vm.prank(pooled[0]);
        staking.joinPool(VERSION);
        vm.expectRevert(IRenderStaking.RenderPoolVersionInvalid.selector);
        vm.prank(pooled[0]);
        staking.joinPool(bytes32(0));
    }

    function test_leavePool_RemovesTheWorkerAndRefusesASecondTime() public {
        _pool(4, 0);
        _rate(pooled[3], 200);
        vm.expectEmit(address(staking));
        emit IRenderStaking.WorkerLeftPool(pooled[1], VERSION);
        vm.prank(pooled[1]);
        staking.leavePool(VERSION);
        assertEq(staking.poolWeightOf(pooled[1], VERSION), 0, "left");
        assertEq(staking.poolWeightOf(pooled[3], VERSION), 12, "the last one moved, weight kept");
        (uint256 size, uint256 total) = staking.poolOf(VERSION);
        assertEq(size, 3, "size");
        assertEq(total, 4 + 4 + 12, "total");
        vm.expectRevert(abi.encodeWithSelector(IRenderStaking.RenderPoolNotIn.selector, pooled[1], VERSION));
        vm.prank(pooled[1]);
        staking.leavePool(VERSION);
    }

    /// hardhat-config: fuzz.runs = 64
    function testFuzz_PoolWeightsFollowRatingsThroughJoinsLeavesAndRatingChanges(uint256 seed) public {
        _pool(8, 0);
        for (uint256 step; step < 48; ++step) {
            uint256 random = uint256(keccak256(abi.encode(seed, step)));
            address who = pooled[random % pooled.length];
            uint256 action = (random >> 64) % 4;
            bool member = staking.poolWeightOf(who, VERSION) != 0;
            if (action == 0) {
                vm.prank(who);
                if (member) staking.leavePool(VERSION);
                else staking.joinPool(VERSION);
            } else if (action == 1) {
                _rate(who, -int256((random >> 128) % 40)); // a missed reveal or more
            } else if (action == 2) {
                _rate(who, -type(int256).max); // a dissent
            } else {
                _rate(who, int256((random >> 128) % 90));
            }
            uint256 sum;
            uint256 members;
            for (uint256 i; i < pooled.length; ++i) {
                uint256 weight = staking.poolWeightOf(pooled[i], VERSION);
                if (weight == 0) continue;
                ++members;
                sum += weight;
                assertEq(weight, staking.poolWeight(staking.ratingOf(pooled[i], VERSION)), "weight follows rating");
            }
            (uint256 size, uint256 total) = staking.poolOf(VERSION);
            assertEq(size, members, "size");
            assertEq(total, sum, "the tree's total is the members' weights");
        }
    }

    // =========================================================================================
    // Weighted draws
    // =========================================================================================

    /// @dev Weights 4, 4, 8, 12 (ratings 0, 0, 100, 200): 2,800 draws should land 400, 400, 800
    /// and 1,200 times. Chi-square (3 degrees of freedom) must stay below 16.27 (p = 0.001); a
    /// uniform draw (700 each) scores about 670 against these weights and fails by far.
    function test_drawWorker_FrequenciesFollowTheWeights() public {
        _pool(2, 0);
        _pool(1, 100);
        _pool(1, 200);
        uint256[] memory weights = new uint256[](4);
        weights[0] = 4;
        weights[1] = 4;
        weights[2] = 8;
        weights[3] = 12;
        uint256 n = 2_800;
        uint256[] memory counts = _counts("weighted", n, _none());
        uint256 chi = _chiSquare(counts, weights, n);
        assertLt(chi, 16_270, "chi-square of the draws against the weights");
        uint256[] memory uniform = new uint256[](4);
        for (uint256 i; i < 4; ++i) uniform[i] = n / 4;
        assertGt(_chiSquare(uniform, weights, n), 16_270, "a uniform draw fails the same test");
        // And the draws reject uniformity themselves.
        uint256[] memory flat = new uint256[](4);
        for (uint256 i; i < 4; ++i) flat[i] = 1;
        assertGt(_chiSquare(counts, flat, n), 16_270, "the draws are not uniform");
        // The top Worker is drawn about three times as often as each newcomer.
        assertGt(counts[3], 2 * counts[0], "rating wins more work");
        assertGt(counts[0], 0, "a zero-rated newcomer is still drawn");
    }

    /// @dev Excluded accounts and busy Workers are cut out of the weight line: the rest keep their
    /// proportions. Excluding the weight-12 Worker leaves 4 : 4 : 8; a busy weight-8 Worker on
    /// top leaves 4 : 4.
    function test_drawWorker_LeftOutWorkersAreNeverDrawnAndTheRestKeepTheirProportions() public {
        _pool(2, 0);
        _pool(1, 100);
        _pool(1, 200);
        address[5] memory excluded;
        excluded[0] = makeAddr("scheduler, not a pool member"); // ignored
        excluded[1] = pooled[3];
        uint256[] memory weights = new uint256[](4);
        weights[0] = 4;
        weights[1] = 4;
        weights[2] = 8;
        uint256 n = 1_600;
        uint256[] memory counts = _counts("excluded", n, excluded);
        assertEq(counts[3], 0, "the excluded Worker is never drawn");
        // 2 degrees of freedom, p = 0.001: 13.82.
        assertLt(_chiSquare(counts, weights, n), 13_820, "chi-square of 4 : 4 : 8");

        // pooled[2] locks all but a wei of its stake: busy for any draw needing more.
        IRenderStaking.StakeView memory stake = staking.stakeOf(pooled[2]);
        vm.prank(jobs);
        staking.lock(pooled[2], stake.staked - stake.locked - 1);
        _assertBusyLeftOut(excluded);
    }

    function _assertBusyLeftOut(address[5] memory excluded) internal {
        uint256[] memory counts = new uint256[](4);
        uint256 n = 800;
        for (uint256 i; i < n; ++i) {
            address worker = _draw(keccak256(abi.encode("busy", i)), excluded, 2);
            ++counts[_indexOf(worker)];
        }
        assertEq(counts[2] + counts[3], 0, "neither the busy nor the excluded Worker");
        uint256[] memory weights = new uint256[](4);
        weights[0] = 1;
        weights[1] = 1;
        assertLt(_chiSquare(counts, weights, n), 10_830, "chi-square of 1 : 1 (p = 0.001)");
    }

    function test_drawWorker_LocksTheStakeAndReturnsTheRating() public {
        _pool(1, 130);
        vm.expectEmit(address(staking));
        emit IRenderStaking.StakeLocked(pooled[0], TILE_STAKE, TILE_STAKE);
        vm.prank(jobs);
        (address worker, uint256 rating) = staking.drawWorker(VERSION, bytes32("seed"), _none(), TILE_STAKE);
        assertEq(worker, pooled[0], "the only one");
        assertEq(rating, 130, "its rating for the version");
        assertEq(staking.stakeOf(worker).locked, TILE_STAKE, "locked");
    }

    function test_drawWorker_EvictsIneligibleWorkersAndFindsNobodyWhenAllAreLeftOut() public {
        _pool(3, 0);
        // pooled[0] starts unbonding: ineligible, evicted once drawn.
        _unbond(pooled[0], 1);
        address[5] memory excluded;
        excluded[0] = pooled[1];
        excluded[1] = pooled[2];
        vm.expectEmit(address(staking));
        emit IRenderStaking.WorkerLeftPool(pooled[0], VERSION);
        assertEq(_draw(bytes32("only the ineligible one left"), excluded, 1), address(0), "nobody");
        assertEq(staking.poolWeightOf(pooled[0], VERSION), 0, "evicted");
        (uint256 size, uint256 total) = staking.poolOf(VERSION);
        assertEq(size, 2, "two left");
        assertEq(total, 8, "their weight");
        // Everyone excluded: nobody, and nothing looked at.
        assertEq(_draw(bytes32("all excluded"), excluded, 1), address(0), "all excluded");
        // An empty pool (another version): nobody.
        vm.prank(jobs);
        (address worker, ) = staking.drawWorker(OTHER_VERSION, bytes32("empty"), _none(), 1);
        assertEq(worker, address(0), "empty pool");
    }

    function test_drawWorker_GivesUpAfterMaxDrawsBusyWorkers() public {
        _pool(20, 0);
        for (uint256 i; i < pooled.length; ++i) {
            vm.prank(jobs);
            staking.lock(pooled[i], MIN_WORKER_STAKE);
        }
        uint256 before = gasleft();
        assertEq(_draw(bytes32("all busy"), _none(), 1), address(0), "nobody free");
        assertLt(before - gasleft(), 900_000, "sixteen looks stay bounded");
    }

    function test_drawWorker_RevertWhen_NotTheJobContractOrNothingToLock() public {
        _pool(1, 0);
        address stranger = makeAddr("stranger");
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, stranger));
        vm.prank(stranger);
        staking.drawWorker(VERSION, bytes32("seed"), _none(), 1);
        vm.expectRevert(IRenderStaking.RenderStakingAmountZero.selector);
        vm.prank(jobs);
        staking.drawWorker(VERSION, bytes32("seed"), _none(), 0);
    }

    // =========================================================================================
    // Gas
    // =========================================================================================

    /// @dev In a pool of 64 Workers of mixed ratings: a draw, a join, a rating change across a
    /// weight step and a leave stay within fixed bounds (each walks one tree path of ~6 nodes).
    function test_gas_PoolOperationsStayLogarithmic() public {
        for (uint256 i; i < 8; ++i) _pool(8, i * 25);
        uint256 before = gasleft();
        address worker = _draw(bytes32("gas"), _none(), TILE_STAKE);
        uint256 drawGas = before - gasleft();
        assertTrue(worker != address(0), "drawn");
        assertLt(drawGas, 60_000, "a draw from 64");

        address newcomer = _worker(admitted);
        _admitWorker(newcomer, admitted);
        vm.prank(newcomer);
        before = gasleft();
        staking.joinPool(VERSION);
        assertLt(before - gasleft(), 130_000, "a join into 64");

        before = gasleft();
        _rate(newcomer, 25);
        assertLt(before - gasleft(), 60_000, "a rating change across a step");

        vm.prank(pooled[0]);
        before = gasleft();
        staking.leavePool(VERSION);
        assertLt(before - gasleft(), 80_000, "a leave from 65");
    }
}
