// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {IAccessManaged} from "@openzeppelin/contracts/access/manager/IAccessManaged.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IRenderStaking} from "../interfaces/IRenderStaking.sol";
import {IMarkParameters} from "../interfaces/IMarkParameters.sol";
import {RenderStaking} from "../render/RenderStaking.sol";
import {ReentrantToken} from "./mocks/ReentrantToken.sol";
import {RenderFixture} from "./utils/RenderFixture.sol";

contract RenderStakingTest is RenderFixture {
    IRenderStaking.Role internal constant NONE = IRenderStaking.Role.None;
    IRenderStaking.Role internal constant WORKER = IRenderStaking.Role.Worker;
    IRenderStaking.Role internal constant SCHEDULER = IRenderStaking.Role.Scheduler;
    bytes32 internal constant VERSION = keccak256("markspace-tracer 0.1.0");
    bytes32 internal constant REASON = keccak256("tile 7 of job 3: dissent");

    // =========================================================================================
    // Deployment
    // =========================================================================================

    function test_constructor_RevertWhen_AnAddressIsZero() public {
        IERC20 token = IERC20(address(mrk));
        vm.expectRevert(IRenderStaking.RenderStakingZeroAddress.selector);
        new RenderStaking(address(0), token, params, renderingFund);
        vm.expectRevert(IRenderStaking.RenderStakingZeroAddress.selector);
        new RenderStaking(address(manager), IERC20(address(0)), params, renderingFund);
        vm.expectRevert(IRenderStaking.RenderStakingZeroAddress.selector);
        new RenderStaking(address(manager), token, IMarkParameters(address(0)), renderingFund);
        vm.expectRevert(IRenderStaking.RenderStakingZeroAddress.selector);
        new RenderStaking(address(manager), token, params, address(0));
    }

    function test_minimumStake_ReadsTheGovernanceParameters() public {
        assertEq(staking.minimumStake(WORKER), MIN_WORKER_STAKE, "worker");
        assertEq(staking.minimumStake(SCHEDULER), MIN_SCHEDULER_STAKE, "scheduler");
        _setParameter("render.minWorkerStake", 5 * MRK);
        assertEq(staking.minimumStake(WORKER), 5 * MRK, "after a proposal");
        vm.expectRevert(abi.encodeWithSelector(IRenderStaking.RenderStakingRoleInvalid.selector, NONE));
        staking.minimumStake(NONE);
    }

    // =========================================================================================
    // register, addStake
    // =========================================================================================

    function test_register_AsWorker() public {
        vm.prank(alice);
        mrk.approve(address(staking), MIN_WORKER_STAKE);
        vm.expectEmit(address(staking));
        emit IRenderStaking.Registered(alice, WORKER);
        vm.expectEmit(address(staking));
        emit IRenderStaking.Staked(alice, MIN_WORKER_STAKE, MIN_WORKER_STAKE);
        vm.prank(alice);
        staking.register(WORKER, MIN_WORKER_STAKE, _noPermit());

        IRenderStaking.StakeView memory s = staking.stakeOf(alice);
        assertEq(uint256(s.role), uint256(WORKER), "role");
        assertEq(s.staked, MIN_WORKER_STAKE, "staked");
        assertEq(s.locked + s.unbonding + s.withdrawableAt, 0, "nothing locked or unbonding");
        assertEq(mrk.balanceOf(address(staking)), MIN_WORKER_STAKE, "held by the contract");
        assertEq(mrk.balanceOf(alice), RENDERER_MRK - MIN_WORKER_STAKE, "paid by alice");
        assertFalse(staking.isEligible(alice), "a worker needs admission first");
    }

    function test_register_AsSchedulerIsEligibleAtOnce() public {
        _register(bob, SCHEDULER, MIN_SCHEDULER_STAKE + 1);
        assertEq(uint256(staking.stakeOf(bob).role), uint256(SCHEDULER), "role");
        assertTrue(staking.isEligible(bob), "schedulers take no benchmark");
    }

    function test_register_RevertWhen_StakeBelowMinimum() public {
        vm.prank(alice);
        mrk.approve(address(staking), type(uint256).max);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRenderStaking.RenderStakingStakeBelowMinimum.selector,
                MIN_WORKER_STAKE - 1,
                MIN_WORKER_STAKE
            )
        );
        vm.prank(alice);
        staking.register(WORKER, MIN_WORKER_STAKE - 1, _noPermit());
        // A worker's stake is not enough for a scheduler.
        vm.expectRevert(
            abi.encodeWithSelector(
                IRenderStaking.RenderStakingStakeBelowMinimum.selector,
                MIN_WORKER_STAKE,
                MIN_SCHEDULER_STAKE
            )
        );
        vm.prank(alice);
        staking.register(SCHEDULER, MIN_WORKER_STAKE, _noPermit());
    }

    function test_register_RevertWhen_RoleIsNone() public {
        vm.expectRevert(abi.encodeWithSelector(IRenderStaking.RenderStakingRoleInvalid.selector, NONE));
        vm.prank(alice);
        staking.register(NONE, MIN_WORKER_STAKE, _noPermit());
    }

    function test_register_RevertWhen_AlreadyRegistered() public {
        _register(alice, WORKER, MIN_WORKER_STAKE);
        vm.prank(alice);
        mrk.approve(address(staking), MIN_SCHEDULER_STAKE);
        vm.expectRevert(
            abi.encodeWithSelector(IRenderStaking.RenderStakingAlreadyRegistered.selector, alice, WORKER)
        );
        vm.prank(alice);
        staking.register(SCHEDULER, MIN_SCHEDULER_STAKE, _noPermit());
    }

    function test_register_RevertWhen_AllowanceIsShort() public {
        vm.prank(alice);
        mrk.approve(address(staking), MIN_WORKER_STAKE - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientAllowance.selector,
                address(staking),
                MIN_WORKER_STAKE - 1,
                MIN_WORKER_STAKE
            )
        );
        vm.prank(alice);
        staking.register(WORKER, MIN_WORKER_STAKE, _noPermit());
    }

    function test_register_WithPermit() public {
        IRenderStaking.Permit memory permit = _permit("alice", MIN_WORKER_STAKE, T0 + 1 hours);
        vm.prank(alice);
        staking.register(WORKER, MIN_WORKER_STAKE, permit);
        assertEq(staking.stakeOf(alice).staked, MIN_WORKER_STAKE, "staked");
        assertEq(mrk.allowance(alice, address(staking)), 0, "permit used up");
        assertEq(mrk.nonces(alice), 1, "nonce spent");
    }

    function test_register_WithAPermitFrontRun() public {
        IRenderStaking.Permit memory permit = _permit("alice", MIN_WORKER_STAKE, T0 + 1 hours);
        // Someone submits alice's permit first: the allowance is there, the register still works.
        vm.prank(mallory);
        mrk.permit(alice, address(staking), permit.value, permit.deadline, permit.v, permit.r, permit.s);
        vm.prank(alice);
        staking.register(WORKER, MIN_WORKER_STAKE, permit);
        assertEq(staking.stakeOf(alice).staked, MIN_WORKER_STAKE, "staked");
    }

    function test_register_RevertWhen_PermitIsSomeoneElses() public {
        // Bob's permit names bob as owner: it cannot pay for alice, and alice has no allowance.
        IRenderStaking.Permit memory permit = _permit("bob", MIN_WORKER_STAKE, T0 + 1 hours);
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientAllowance.selector,
                address(staking),
                0,
                MIN_WORKER_STAKE
            )
        );
        vm.prank(alice);
        staking.register(WORKER, MIN_WORKER_STAKE, permit);
    }

    function test_register_RevertWhen_PermitExpired() public {
        IRenderStaking.Permit memory permit = _permit("alice", MIN_WORKER_STAKE, T0 - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientAllowance.selector,
                address(staking),
                0,
                MIN_WORKER_STAKE
            )
        );
        vm.prank(alice);
        staking.register(WORKER, MIN_WORKER_STAKE, permit);
    }

    function test_addStake_AddsToTheBondedStake() public {
        _register(alice, WORKER, MIN_WORKER_STAKE);
        IRenderStaking.Permit memory permit = _permit("alice", 5 * MRK, T0 + 1 hours);
        vm.expectEmit(address(staking));
        emit IRenderStaking.Staked(alice, 5 * MRK, MIN_WORKER_STAKE + 5 * MRK);
        vm.prank(alice);
        staking.addStake(5 * MRK, permit);
        assertEq(staking.stakeOf(alice).staked, MIN_WORKER_STAKE + 5 * MRK, "staked");
    }

    function test_addStake_RevertWhen_NotRegisteredOrZero() public {
        vm.expectRevert(abi.encodeWithSelector(IRenderStaking.RenderStakingNotRegistered.selector, alice));
        vm.prank(alice);
        staking.addStake(MRK, _noPermit());
        _register(alice, WORKER, MIN_WORKER_STAKE);
        vm.expectRevert(IRenderStaking.RenderStakingAmountZero.selector);
        vm.prank(alice);
        staking.addStake(0, _noPermit());
    }

    function test_isEligible_FollowsTheMinimumGovernanceSets() public {
        _register(bob, SCHEDULER, MIN_SCHEDULER_STAKE);
        _setParameter("render.minSchedulerStake", MIN_SCHEDULER_STAKE + 1);
        assertFalse(staking.isEligible(bob), "below the raised minimum");
        vm.prank(bob);
        mrk.approve(address(staking), 1);
        vm.prank(bob);
        staking.addStake(1, _noPermit());
        assertTrue(staking.isEligible(bob), "topped up");
        assertFalse(staking.isEligible(carol), "never registered");
    }

    // =========================================================================================
    // requestUnbond, withdraw
    // =========================================================================================

    function test_requestUnbond_StopsNewWorkAtOnce() public {
        _register(bob, SCHEDULER, MIN_SCHEDULER_STAKE * 2);
        vm.expectEmit(address(staking));
        emit IRenderStaking.UnbondRequested(bob, MRK, MRK, T0 + UNBONDING_PERIOD);
        _unbond(bob, MRK);
        IRenderStaking.StakeView memory s = staking.stakeOf(bob);
        assertEq(s.staked, MIN_SCHEDULER_STAKE * 2 - MRK, "bonded");
        assertEq(s.unbonding, MRK, "unbonding");
        assertEq(s.withdrawableAt, T0 + UNBONDING_PERIOD, "withdrawable at");
        assertFalse(staking.isEligible(bob), "no new work while unbonding");
        vm.expectRevert(abi.encodeWithSelector(IRenderStaking.RenderStakingNotEligible.selector, bob));
        vm.prank(jobs);
        staking.lock(bob, MRK);
    }

    function test_requestUnbond_AgainRestartsTheWaitForTheWhole() public {
        _register(bob, SCHEDULER, MIN_SCHEDULER_STAKE);
        _unbond(bob, MRK);
        vm.warp(T0 + 3 days);
        vm.expectEmit(address(staking));
        emit IRenderStaking.UnbondRequested(bob, 2 * MRK, 3 * MRK, T0 + 3 days + UNBONDING_PERIOD);
        _unbond(bob, 2 * MRK);
        vm.warp(T0 + UNBONDING_PERIOD);
        vm.expectRevert(
            abi.encodeWithSelector(
                IRenderStaking.RenderStakingUnbondingNotOver.selector,
                bob,
                T0 + 3 days + UNBONDING_PERIOD
            )
        );
        vm.prank(bob);
        staking.withdraw();
    }

    function test_requestUnbond_RevertWhen_MoreThanTheFreeStake() public {
        _register(bob, SCHEDULER, MIN_SCHEDULER_STAKE);
        vm.prank(jobs);
        staking.lock(bob, 400 * MRK);
        uint256 free = MIN_SCHEDULER_STAKE - 400 * MRK;
        vm.expectRevert(
            abi.encodeWithSelector(IRenderStaking.RenderStakingStakeUnavailable.selector, bob, free + 1, free)
        );
        _unbond(bob, free + 1);
        _unbond(bob, free);
        assertEq(staking.stakeOf(bob).staked, 400 * MRK, "the locked stake stays bonded");
        vm.expectRevert(IRenderStaking.RenderStakingAmountZero.selector);
        _unbond(bob, 0);
        vm.expectRevert(abi.encodeWithSelector(IRenderStaking.RenderStakingStakeUnavailable.selector, carol, 1, 0));
        _unbond(carol, 1);
    }

    function test_withdraw_RevertWhen_TooEarly() public {
        _register(alice, WORKER, MIN_WORKER_STAKE);
        _unbond(alice, MIN_WORKER_STAKE);
        vm.warp(T0 + UNBONDING_PERIOD - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IRenderStaking.RenderStakingUnbondingNotOver.selector, alice, T0 + UNBONDING_PERIOD)
        );
        vm.prank(alice);
        staking.withdraw();
    }

    function test_withdraw_OnTimeThenRevertWhen_WithdrawnTwice() public {
        _register(alice, WORKER, MIN_WORKER_STAKE);
        _unbond(alice, MIN_WORKER_STAKE);
        vm.warp(T0 + UNBONDING_PERIOD);
        vm.expectEmit(address(staking));
        emit IRenderStaking.Withdrawn(alice, MIN_WORKER_STAKE);
        vm.prank(alice);
        assertEq(staking.withdraw(), MIN_WORKER_STAKE, "returned");
        assertEq(mrk.balanceOf(alice), RENDERER_MRK, "all back");
        assertEq(mrk.balanceOf(address(staking)), 0, "nothing held");
        IRenderStaking.StakeView memory s = staking.stakeOf(alice);
        assertEq(s.unbonding + s.withdrawableAt + s.staked, 0, "cleared");

        vm.expectRevert(abi.encodeWithSelector(IRenderStaking.RenderStakingNothingToWithdraw.selector, alice));
        vm.prank(alice);
        staking.withdraw();
    }

    function test_withdraw_RevertWhen_NothingUnbonding() public {
        _register(alice, WORKER, MIN_WORKER_STAKE);
        vm.expectRevert(abi.encodeWithSelector(IRenderStaking.RenderStakingNothingToWithdraw.selector, alice));
        vm.prank(alice);
        staking.withdraw();
    }

    function test_withdraw_UsesThePeriodInForceAtTheRequest() public {
        _register(alice, WORKER, MIN_WORKER_STAKE);
        _unbond(alice, MRK);
        _setParameter("render.unbondingPeriod", 30 days);
        vm.warp(T0 + UNBONDING_PERIOD);
        vm.prank(alice);
        staking.withdraw();
        assertEq(staking.stakeOf(alice).unbonding, 0, "withdrawn after the old period");
    }

    // =========================================================================================
    // Admission
    // =========================================================================================

    function test_addBenchmarks_ByTheAuthority() public {
        bytes32[] memory tasks = new bytes32[](2);
        bytes32[] memory answers = new bytes32[](2);
        (tasks[0], tasks[1]) = (_task(0), _task(1));
        (answers[0], answers[1]) = (staking.benchmarkAnswerHash(_task(0), _result(0)), keccak256("a"));
        vm.expectEmit(address(staking));
        emit IRenderStaking.BenchmarkAdded(0, tasks[0], answers[0]);
        vm.expectEmit(address(staking));
        emit IRenderStaking.BenchmarkAdded(1, tasks[1], answers[1]);
        vm.prank(benchmarker);
        staking.addBenchmarks(tasks, answers);
        (uint256 total, uint256 assigned) = staking.benchmarkCount();
        assertEq(total, 2, "total");
        assertEq(assigned, 0, "assigned");
    }

    function test_addBenchmarks_RevertWhen_Invalid() public {
        bytes32[] memory one = new bytes32[](1);
        bytes32[] memory two = new bytes32[](2);
        vm.expectRevert(abi.encodeWithSelector(IRenderStaking.RenderBenchmarkInvalid.selector, 0));
        vm.prank(benchmarker);
        staking.addBenchmarks(one, two);
        one[0] = _task(0); // a zero answer hash
        vm.expectRevert(abi.encodeWithSelector(IRenderStaking.RenderBenchmarkInvalid.selector, 0));
        vm.prank(benchmarker);
        staking.addBenchmarks(one, new bytes32[](1));
    }

    function test_submitAdmission_AdmitsTheRightAnswerAndRecordsSpeed() public {
        _register(alice, WORKER, MIN_WORKER_STAKE);
        _addBenchmarks(0, 2);
        vm.expectEmit(address(staking));
        emit IRenderStaking.AdmissionTaskAssigned(alice, _task(0), T0 + ADMISSION_DEADLINE);
        vm.prank(alice);
        (bytes32 taskId, uint256 deadline) = staking.requestAdmission();
        assertEq(taskId, _task(0), "first task");
        assertEq(deadline, T0 + ADMISSION_DEADLINE, "deadline");
        IRenderStaking.AdmissionView memory pending = staking.admissionOf(alice);
        assertEq(pending.taskId, _task(0), "pending task");
        assertEq(pending.assignedAt, T0, "assigned at");

        vm.warp(T0 + 200);
        vm.roll(116);
        vm.expectEmit(address(staking));
        emit IRenderStaking.AdmissionPassed(alice, _task(0), 200, 16);
        vm.prank(alice);
        assertTrue(staking.submitAdmission(_result(0)), "admitted");

        IRenderStaking.AdmissionView memory a = staking.admissionOf(alice);
        assertTrue(a.admitted, "admitted");
        assertEq(a.speedSeconds, 200, "seconds");
        assertEq(a.speedBlocks, 16, "blocks");
        assertEq(a.taskId, bytes32(0), "no task pending");
        assertTrue(staking.isEligible(alice), "eligible");
    }

    function test_submitAdmission_RefusesAWrongAnswerThenAllowsARetryAfterTheCooldown() public {
        _register(alice, WORKER, MIN_WORKER_STAKE);
        _addBenchmarks(0, 2);
        vm.prank(alice);
        staking.requestAdmission();
        vm.expectEmit(address(staking));
        emit IRenderStaking.AdmissionFailed(
            alice,
            _task(0),
            IRenderStaking.AdmissionFailure.WrongAnswer,
            T0 + ADMISSION_COOLDOWN
        );
        vm.prank(alice);
        assertFalse(staking.submitAdmission(_result(1)), "refused");
        assertFalse(staking.admissionOf(alice).admitted, "not admitted");
        assertFalse(staking.isEligible(alice), "not eligible");

        vm.expectRevert(abi.encodeWithSelector(IRenderStaking.RenderAdmissionNoTask.selector, alice));
        vm.prank(alice);
        staking.submitAdmission(_result(0));

        vm.warp(T0 + ADMISSION_COOLDOWN - 1);
        vm.expectRevert(
            abi.encodeWithSelector(IRenderStaking.RenderAdmissionCooldown.selector, alice, T0 + ADMISSION_COOLDOWN)
        );
        vm.prank(alice);
        staking.requestAdmission();

        vm.warp(T0 + ADMISSION_COOLDOWN);
        vm.prank(alice);
        (bytes32 taskId, ) = staking.requestAdmission();
        assertEq(taskId, _task(1), "a fresh task: the failed one is never handed out again");
        vm.prank(alice);
        assertTrue(staking.submitAdmission(_result(1)), "admitted on the retry");
    }

    function test_submitAdmission_RefusesALateAnswer() public {
        _register(alice, WORKER, MIN_WORKER_STAKE);
        _addBenchmarks(0, 1);
        vm.prank(alice);
        staking.requestAdmission();
        vm.warp(T0 + ADMISSION_DEADLINE + 1);
        vm.expectEmit(address(staking));
        emit IRenderStaking.AdmissionFailed(
            alice,
            _task(0),
            IRenderStaking.AdmissionFailure.MissedDeadline,
            T0 + ADMISSION_DEADLINE + ADMISSION_COOLDOWN
        );
        vm.prank(alice);
        assertFalse(staking.submitAdmission(_result(0)), "the right answer, too late");
        assertFalse(staking.admissionOf(alice).admitted, "not admitted");
    }

    function test_submitAdmission_OnTheDeadlineCounts() public {
        _register(alice, WORKER, MIN_WORKER_STAKE);
        _addBenchmarks(0, 1);
        vm.prank(alice);
        staking.requestAdmission();
        vm.warp(T0 + ADMISSION_DEADLINE);
        vm.prank(alice);
        assertTrue(staking.submitAdmission(_result(0)), "admitted at the deadline");
    }

    function test_requestAdmission_CountsAnUnansweredTaskAsMissed() public {
        _register(alice, WORKER, MIN_WORKER_STAKE);
        _addBenchmarks(0, 2);
        vm.prank(alice);
        staking.requestAdmission();
        vm.expectRevert(
            abi.encodeWithSelector(
                IRenderStaking.RenderAdmissionPending.selector,
                alice,
                _task(0),
                T0 + ADMISSION_DEADLINE
            )
        );
        vm.prank(alice);
        staking.requestAdmission();

        // Silent past the deadline: the cooldown counts from the deadline.
        vm.warp(T0 + ADMISSION_DEADLINE + ADMISSION_COOLDOWN);
        vm.expectEmit(address(staking));
        emit IRenderStaking.AdmissionFailed(
            alice,
            _task(0),
            IRenderStaking.AdmissionFailure.MissedDeadline,
            T0 + ADMISSION_DEADLINE + ADMISSION_COOLDOWN
        );
        vm.expectEmit(address(staking));
        emit IRenderStaking.AdmissionTaskAssigned(
            alice,
            _task(1),
            T0 + ADMISSION_DEADLINE + ADMISSION_COOLDOWN + ADMISSION_DEADLINE
        );
        vm.prank(alice);
        staking.requestAdmission();
    }

    /// @notice The copy attack: mallory watches alice's correct answer (mempool or chain) and
    /// submits it for her own task. Every task goes to one worker only, so the copy answers the
    /// wrong task and is refused.
    function test_submitAdmission_RefusesAnAnswerCopiedFromAnotherWorker() public {
        _register(alice, WORKER, MIN_WORKER_STAKE);
        _register(mallory, WORKER, MIN_WORKER_STAKE);
        _addBenchmarks(0, 2);
        vm.prank(alice);
        (bytes32 aliceTask, ) = staking.requestAdmission();
        vm.prank(mallory);
        (bytes32 malloryTask, ) = staking.requestAdmission();
        assertTrue(aliceTask != malloryTask, "no two workers share a task");

        vm.prank(alice);
        assertTrue(staking.submitAdmission(_result(0)), "alice admitted");
        vm.expectEmit(address(staking));
        emit IRenderStaking.AdmissionFailed(
            mallory,
            malloryTask,
            IRenderStaking.AdmissionFailure.WrongAnswer,
            T0 + ADMISSION_COOLDOWN
        );
        vm.prank(mallory);
        assertFalse(staking.submitAdmission(_result(0)), "the copy is refused");
        assertFalse(staking.admissionOf(mallory).admitted, "mallory not admitted");

        // And she can never be handed alice's task later.
        _addBenchmarks(2, 1);
        vm.warp(T0 + ADMISSION_COOLDOWN);
        vm.prank(mallory);
        (bytes32 next, ) = staking.requestAdmission();
        assertEq(next, _task(2), "a new task");
        vm.prank(mallory);
        assertFalse(staking.submitAdmission(_result(0)), "alice's answer still useless");
    }

    function test_requestAdmission_RevertWhen_NotAWorker() public {
        _addBenchmarks(0, 1);
        vm.expectRevert(abi.encodeWithSelector(IRenderStaking.RenderAdmissionNotWorker.selector, carol));
        vm.prank(carol);
        staking.requestAdmission();
        _register(bob, SCHEDULER, MIN_SCHEDULER_STAKE);
        vm.expectRevert(abi.encodeWithSelector(IRenderStaking.RenderAdmissionNotWorker.selector, bob));
        vm.prank(bob);
        staking.requestAdmission();
    }

    function test_requestAdmission_RevertWhen_AlreadyAdmitted() public {
        _admitWorker(alice, 0);
        _addBenchmarks(1, 1);
        vm.expectRevert(abi.encodeWithSelector(IRenderStaking.RenderAdmissionAlreadyAdmitted.selector, alice));
        vm.prank(alice);
        staking.requestAdmission();
    }

    function test_requestAdmission_RevertWhen_PoolIsEmpty() public {
        _register(alice, WORKER, MIN_WORKER_STAKE);
        vm.expectRevert(IRenderStaking.RenderAdmissionNoBenchmark.selector);
        vm.prank(alice);
        staking.requestAdmission();
    }

    // =========================================================================================
    // lock, unlock
    // =========================================================================================

    function test_lock_AndUnlock() public {
        _admitWorker(alice, 0);
        vm.expectEmit(address(staking));
        emit IRenderStaking.StakeLocked(alice, 600 * MRK, 600 * MRK);
        vm.prank(jobs);
        staking.lock(alice, 600 * MRK);
        vm.expectEmit(address(staking));
        emit IRenderStaking.StakeUnlocked(alice, 100 * MRK, 500 * MRK);
        vm.prank(jobs);
        staking.unlock(alice, 100 * MRK);
        assertEq(staking.stakeOf(alice).locked, 500 * MRK, "locked");
    }

    function test_lock_RevertWhen_NotEligibleOrShort() public {
        _register(alice, WORKER, MIN_WORKER_STAKE);
        vm.expectRevert(abi.encodeWithSelector(IRenderStaking.RenderStakingNotEligible.selector, alice));
        vm.prank(jobs);
        staking.lock(alice, MRK);

        _register(bob, SCHEDULER, MIN_SCHEDULER_STAKE);
        vm.prank(jobs);
        staking.lock(bob, MIN_SCHEDULER_STAKE - MRK);
        vm.expectRevert(
            abi.encodeWithSelector(IRenderStaking.RenderStakingStakeUnavailable.selector, bob, 2 * MRK, MRK)
        );
        vm.prank(jobs);
        staking.lock(bob, 2 * MRK);
        vm.expectRevert(IRenderStaking.RenderStakingAmountZero.selector);
        vm.prank(jobs);
        staking.lock(bob, 0);
    }

    function test_unlock_RevertWhen_MoreThanLocked() public {
        _register(bob, SCHEDULER, MIN_SCHEDULER_STAKE);
        vm.prank(jobs);
        staking.lock(bob, MRK);
        vm.expectRevert(
            abi.encodeWithSelector(IRenderStaking.RenderStakingUnlockExceedsLocked.selector, bob, MRK + 1, MRK)
        );
        vm.prank(jobs);
        staking.unlock(bob, MRK + 1);
        vm.expectRevert(IRenderStaking.RenderStakingAmountZero.selector);
        vm.prank(jobs);
        staking.unlock(bob, 0);
    }

    // =========================================================================================
    // adjustRating
    // =========================================================================================

    function test_adjustRating_MovesPerRendererVersionAndNeverBelowZero() public {
        _admitWorker(alice, 0);
        vm.expectEmit(address(staking));
        emit IRenderStaking.RatingChanged(alice, VERSION, 0, 5);
        vm.prank(jobs);
        assertEq(staking.adjustRating(alice, VERSION, 5), 5, "up");
        vm.prank(jobs);
        staking.adjustRating(alice, keccak256("other version"), 1);
        assertEq(staking.ratingOf(alice, VERSION), 5, "per version");

        vm.expectEmit(address(staking));
        emit IRenderStaking.RatingChanged(alice, VERSION, 5, 0);
        vm.prank(jobs);
        assertEq(staking.adjustRating(alice, VERSION, type(int256).min), 0, "floored at zero");
        assertEq(staking.ratingOf(alice, keccak256("other version")), 1, "other version untouched");
    }

    function test_adjustRating_RevertWhen_NotRegistered() public {
        vm.expectRevert(abi.encodeWithSelector(IRenderStaking.RenderStakingNotRegistered.selector, carol));
        vm.prank(jobs);
        staking.adjustRating(carol, VERSION, 1);
    }

    // =========================================================================================
    // slash
    // =========================================================================================

    function test_slash_SendsTheStakeToTheRenderingFund() public {
        _register(bob, SCHEDULER, MIN_SCHEDULER_STAKE);
        vm.prank(jobs);
        staking.lock(bob, 300 * MRK);
        vm.expectEmit(address(staking));
        emit IRenderStaking.Slashed(bob, REASON, 100 * MRK, 100 * MRK);
        vm.prank(jobs);
        assertEq(staking.slash(bob, 100 * MRK, REASON), 100 * MRK, "slashed");

        IRenderStaking.StakeView memory s = staking.stakeOf(bob);
        assertEq(s.staked, MIN_SCHEDULER_STAKE - 100 * MRK, "bonded");
        assertEq(s.locked, 200 * MRK, "taken from the locked stake first");
        assertEq(mrk.balanceOf(renderingFund), 100 * MRK, "to the rendering fund");
        assertEq(mrk.balanceOf(address(staking)), MIN_SCHEDULER_STAKE - 100 * MRK, "held");
    }

    function test_slash_AboveTheStakeIsCappedAtTheStake() public {
        _register(bob, SCHEDULER, MIN_SCHEDULER_STAKE);
        _unbond(bob, 1_000 * MRK);
        uint256 all = MIN_SCHEDULER_STAKE;
        vm.expectEmit(address(staking));
        emit IRenderStaking.Slashed(bob, REASON, all, all * 3);
        vm.prank(jobs);
        assertEq(staking.slash(bob, all * 3, REASON), all, "capped at bonded plus unbonding");
        IRenderStaking.StakeView memory s = staking.stakeOf(bob);
        assertEq(s.staked + s.unbonding + s.locked, 0, "nothing left");
        assertEq(mrk.balanceOf(renderingFund), all, "all to the fund");
        assertEq(mrk.balanceOf(address(staking)), 0, "nothing held");

        vm.recordLogs();
        vm.prank(jobs);
        assertEq(staking.slash(bob, MRK, REASON), 0, "an emptied account: nothing, no revert");
        assertEq(vm.getRecordedLogs().length, 0, "and no event");
    }

    function test_slash_ReachesStakeInUnbonding() public {
        _register(bob, SCHEDULER, MIN_SCHEDULER_STAKE);
        _unbond(bob, MIN_SCHEDULER_STAKE - 100 * MRK);
        vm.warp(T0 + UNBONDING_PERIOD - 1);
        vm.prank(jobs);
        staking.slash(bob, 300 * MRK, REASON);
        IRenderStaking.StakeView memory s = staking.stakeOf(bob);
        assertEq(s.staked, 0, "bonded first");
        assertEq(s.unbonding, MIN_SCHEDULER_STAKE - 300 * MRK, "then unbonding");

        vm.warp(T0 + UNBONDING_PERIOD);
        vm.prank(bob);
        assertEq(staking.withdraw(), MIN_SCHEDULER_STAKE - 300 * MRK, "only what was not slashed");
    }

    function test_slash_RevertWhen_AmountIsZero() public {
        vm.expectRevert(IRenderStaking.RenderStakingAmountZero.selector);
        vm.prank(jobs);
        staking.slash(bob, 0, REASON);
    }

    /// @notice Whatever is asked, a slash takes no more than the account's whole stake, and
    /// what it takes is exactly what the rendering fund receives.
    function testFuzz_slash_NeverTakesMoreThanTheStake(uint256 stake, uint256 unbond, uint256 amount) public {
        stake = bound(stake, MIN_SCHEDULER_STAKE, RENDERER_MRK);
        unbond = bound(unbond, 0, stake);
        _register(bob, SCHEDULER, stake);
        if (unbond != 0) _unbond(bob, unbond);
        vm.prank(jobs);
        uint256 slashed = staking.slash(bob, amount == 0 ? 1 : amount, REASON);
        assertLe(slashed, stake, "at most the stake");
        assertEq(mrk.balanceOf(renderingFund), slashed, "fund receives what was taken");
        IRenderStaking.StakeView memory s = staking.stakeOf(bob);
        assertEq(s.staked + s.unbonding + slashed, stake, "nothing created or lost");
        assertEq(mrk.balanceOf(address(staking)), s.staked + s.unbonding, "held == owed");
    }

    // =========================================================================================
    // Access
    // =========================================================================================

    /// @notice Every privileged function refuses everyone but its role: renderers, the other
    /// role, and governance itself (which must grant a role, by proposal, to act).
    function test_privilegedFunctions_RevertWhen_CallerLacksTheRole() public {
        _register(bob, SCHEDULER, MIN_SCHEDULER_STAKE);
        address[4] memory outsiders = [mallory, bob, benchmarker, governance];
        for (uint256 i; i < outsiders.length; ++i) {
            address caller = outsiders[i];
            _expectUnauthorized(caller);
            staking.lock(bob, MRK);
            _expectUnauthorized(caller);
            staking.unlock(bob, MRK);
            _expectUnauthorized(caller);
            staking.adjustRating(bob, VERSION, 1);
            _expectUnauthorized(caller);
            staking.slash(bob, MRK, REASON);
        }
        address[4] memory notAuthorities = [mallory, bob, jobs, governance];
        for (uint256 i; i < notAuthorities.length; ++i) {
            _expectUnauthorized(notAuthorities[i]);
            staking.addBenchmarks(new bytes32[](0), new bytes32[](0));
        }
        assertEq(staking.stakeOf(bob).staked, MIN_SCHEDULER_STAKE, "untouched");
    }

    /// @notice Before governance grants any role (as deployed), the restricted functions belong
    /// to the admin, the treasury timelock.
    function test_privilegedFunctions_BelongToTheAdminUntilRolesAreGranted() public {
        RenderStaking fresh = new RenderStaking(address(manager), IERC20(address(mrk)), params, renderingFund);
        _expectUnauthorized(jobs);
        fresh.slash(bob, MRK, REASON);
        vm.prank(governance);
        assertEq(fresh.slash(bob, MRK, REASON), 0, "the admin may");
    }

    function _expectUnauthorized(address caller) private {
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, caller));
        vm.prank(caller);
    }

    // =========================================================================================
    // Re-entry
    // =========================================================================================

    function test_register_RevertWhen_ReenteredFromTheToken() public {
        (ReentrantToken token, RenderStaking s) = _stakingWithReentrantToken();
        token.setReentry(address(s), abi.encodeCall(RenderStaking.addStake, (MRK, _noPermit())));
        vm.prank(alice);
        s.register(WORKER, MIN_WORKER_STAKE, _noPermit());
        _assertReentryRefused(token);
        assertEq(s.stakeOf(alice).staked, MIN_WORKER_STAKE, "the outer register completes");
    }

    function test_withdraw_RevertWhen_ReenteredFromTheToken() public {
        (ReentrantToken token, RenderStaking s) = _stakingWithReentrantToken();
        vm.prank(alice);
        s.register(WORKER, MIN_WORKER_STAKE, _noPermit());
        vm.prank(alice);
        s.requestUnbond(MIN_WORKER_STAKE);
        vm.warp(T0 + UNBONDING_PERIOD);
        token.setReentry(address(s), abi.encodeCall(RenderStaking.withdraw, ()));
        vm.prank(alice);
        s.withdraw();
        _assertReentryRefused(token);
        assertEq(token.balanceOf(alice), RENDERER_MRK, "paid once");
        assertEq(token.balanceOf(address(s)), 0, "nothing left, nothing owed");
    }

    function _stakingWithReentrantToken() private returns (ReentrantToken token, RenderStaking s) {
        token = new ReentrantToken();
        s = new RenderStaking(address(manager), IERC20(address(token)), params, renderingFund);
        token.mint(alice, RENDERER_MRK);
        vm.prank(alice);
        token.approve(address(s), type(uint256).max);
    }

    function _assertReentryRefused(ReentrantToken token) private view {
        assertTrue(token.reentered(), "the token called back");
        assertFalse(token.reentrySucceeded(), "the nested call failed");
        assertEq(
            token.reentryError(),
            abi.encodeWithSelector(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector),
            "reentrancy guard"
        );
    }

    // =========================================================================================
    // Packing
    // =========================================================================================

    function test_register_RevertWhen_StakeExceeds96Bits() public {
        _setParameter("render.minWorkerStake", MRK);
        uint256 tooMuch = uint256(type(uint96).max) + 1;
        vm.expectRevert(abi.encodeWithSelector(SafeCast.SafeCastOverflowedUintDowncast.selector, 96, tooMuch));
        vm.prank(alice);
        staking.register(WORKER, tooMuch, _noPermit());
    }
}
