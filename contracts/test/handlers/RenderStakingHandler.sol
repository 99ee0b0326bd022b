// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Test} from "../utils/Test.sol";
import {IRenderStaking} from "../../interfaces/IRenderStaking.sol";
import {RenderStaking} from "../../render/RenderStaking.sol";

/// @title RenderStakingHandler
/// @notice Test-only: the actions the invariant fuzzer strings together against the render
/// staking — registering, adding stake, unbonding, withdrawing (after waiting), admission
/// attempts right or wrong, and, as the job contract and benchmark authority it has been made,
/// locks, unlocks and slashes — played by four funded accounts. Each action only makes calls
/// it expects to succeed (`failOnRevert`), and a ghost ledger keeps what each account deposited,
/// withdrew and lost to slashes.
contract RenderStakingHandler is Test {
    RenderStaking public immutable staking;
    IERC20 public immutable mrk;

    address[] public actors;
    mapping(address account => uint256) public ghostDeposited;
    mapping(address account => uint256) public ghostWithdrawn;
    mapping(address account => uint256) public ghostSlashed;
    uint256 public totalSlashed;

    uint256 private _benchmarks;
    mapping(bytes32 taskId => bytes32) private _resultOf;

    constructor(RenderStaking staking_, IERC20 mrk_) {
        staking = staking_;
        mrk = mrk_;
        for (uint256 i; i < 4; ++i) {
            actors.push(makeAddr(string.concat("renderer", Strings.toString(i))));
        }
    }

    function actorCount() external view returns (uint256) {
        return actors.length;
    }

    // --- Renderers ------------------------------------------------------------------------------

    function register(uint256 actorSeed, bool scheduler, uint256 amount) external {
        address actor = _actor(actorSeed);
        if (staking.stakeOf(actor).role != IRenderStaking.Role.None) return;
        IRenderStaking.Role role = scheduler ? IRenderStaking.Role.Scheduler : IRenderStaking.Role.Worker;
        amount = bound(amount, staking.minimumStake(role), mrk.balanceOf(actor));
        vm.prank(actor);
        mrk.approve(address(staking), amount);
        vm.prank(actor);
        staking.register(role, amount, _noPermit());
        ghostDeposited[actor] += amount;
    }

    function addStake(uint256 actorSeed, uint256 amount) external {
        address actor = _actor(actorSeed);
        if (staking.stakeOf(actor).role == IRenderStaking.Role.None || mrk.balanceOf(actor) == 0) return;
        amount = bound(amount, 1, mrk.balanceOf(actor));
        vm.prank(actor);
        mrk.approve(address(staking), amount);
        vm.prank(actor);
        staking.addStake(amount, _noPermit());
        ghostDeposited[actor] += amount;
    }

    function requestUnbond(uint256 actorSeed, uint256 amount) external {
        address actor = _actor(actorSeed);
        IRenderStaking.StakeView memory s = staking.stakeOf(actor);
        uint256 free = s.staked - s.locked;
        if (free == 0) return;
        vm.prank(actor);
        staking.requestUnbond(bound(amount, 1, free));
    }

    /// @notice Waits out the unbonding period (and a little more), then withdraws.
    function withdraw(uint256 actorSeed, uint256 extraWait) external {
        address actor = _actor(actorSeed);
        IRenderStaking.StakeView memory s = staking.stakeOf(actor);
        if (s.unbonding == 0) return;
        if (block.timestamp < s.withdrawableAt) vm.warp(s.withdrawableAt + bound(extraWait, 0, 1 days));
        uint256 before = mrk.balanceOf(actor);
        vm.prank(actor);
        uint256 amount = staking.withdraw();
        assertEq(amount, s.unbonding, "withdraws exactly what was unbonding");
        assertEq(mrk.balanceOf(actor) - before, amount, "and receives it");
        ghostWithdrawn[actor] += amount;
    }

    /// @notice A worker takes a fresh benchmark task and answers it right or wrong.
    function attemptAdmission(uint256 actorSeed, bool right) external {
        address actor = _actor(actorSeed);
        if (staking.stakeOf(actor).role != IRenderStaking.Role.Worker) return;
        IRenderStaking.AdmissionView memory a = staking.admissionOf(actor);
        if (a.admitted || a.taskId != bytes32(0)) return;
        if (block.timestamp < a.retryAt) vm.warp(a.retryAt);
        bytes32 task = keccak256(abi.encode("task", _benchmarks));
        bytes32 result = keccak256(abi.encode("result", _benchmarks++));
        bytes32[] memory tasks = new bytes32[](1);
        bytes32[] memory answers = new bytes32[](1);
        (tasks[0], answers[0]) = (task, staking.benchmarkAnswerHash(task, result));
        staking.addBenchmarks(tasks, answers);
        vm.prank(actor);
        (bytes32 assigned, ) = staking.requestAdmission();
        assertEq(assigned, task, "the task just added");
        vm.prank(actor);
        bool admitted = staking.submitAdmission(right ? result : keccak256(abi.encode(result)));
        assertEq(admitted, right, "admitted iff right");
    }

    // --- The job contract ---------------------------------------------------------------------

    function lock(uint256 actorSeed, uint256 amount) external {
        address actor = _actor(actorSeed);
        IRenderStaking.StakeView memory s = staking.stakeOf(actor);
        if (!staking.isEligible(actor) || s.staked == s.locked) return;
        staking.lock(actor, bound(amount, 1, s.staked - s.locked));
    }

    function unlock(uint256 actorSeed, uint256 amount) external {
        address actor = _actor(actorSeed);
        uint256 locked = staking.stakeOf(actor).locked;
        if (locked == 0) return;
        staking.unlock(actor, bound(amount, 1, locked));
    }

    function slash(uint256 actorSeed, uint256 amount) external {
        address actor = _actor(actorSeed);
        IRenderStaking.StakeView memory s = staking.stakeOf(actor);
        // Up to twice the whole stake: slashes above it must be capped.
        amount = bound(amount, 1, 2 * (s.staked + s.unbonding) + 1);
        uint256 slashed = staking.slash(actor, amount, keccak256("invariant"));
        uint256 whole = s.staked + s.unbonding;
        assertEq(slashed, amount < whole ? amount : whole, "takes what was asked, capped at the stake");
        ghostSlashed[actor] += slashed;
        totalSlashed += slashed;
    }

    function _actor(uint256 seed) private view returns (address) {
        return actors[seed % actors.length];
    }

    function _noPermit() private pure returns (IRenderStaking.Permit memory) {
        return IRenderStaking.Permit({value: 0, deadline: 0, v: 0, r: bytes32(0), s: bytes32(0)});
    }
}
