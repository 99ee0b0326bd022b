// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {MrkFixture} from "./MrkFixture.sol";
import {IRenderStaking} from "../../interfaces/IRenderStaking.sol";
import {MarkParameters} from "../../governance/MarkParameters.sol";
import {IParameterWatcher} from "../../interfaces/IMarkParameters.sol";
import {MarkAccessManager} from "../../governance/MarkAccessManager.sol";
import {RenderStaking} from "../../render/RenderStaking.sol";

/// @title RenderFixture
/// @notice The render network's staking as deployed (`contracts/registry.ts`): MRK, the
/// `render.*` parameters at their genesis values (`contracts/governance/parameters.ts`),
/// `MarkAccessManager` whose admin is `governance` (the treasury timelock's stand-in), and
/// `RenderStaking` with the roles governance would grant: `jobs` (the job contract's stand-in)
/// reaches `lock`, `unlock`, `adjustRating` and `slash`; `benchmarker` reaches `addBenchmarks`.
/// Renderers are funded with MRK. All at `T0`.
abstract contract RenderFixture is MrkFixture {
    uint256 internal constant T0 = 1_750_000_000;
    uint256 internal constant RENDERER_MRK = 1_000_000 * MRK;

    // Genesis values of the render parameters.
    uint256 internal constant MIN_WORKER_STAKE = 1_000 * MRK;
    uint256 internal constant MIN_SCHEDULER_STAKE = 10_000 * MRK;
    uint256 internal constant UNBONDING_PERIOD = 7 days;
    uint256 internal constant ADMISSION_DEADLINE = 15 minutes;
    uint256 internal constant ADMISSION_COOLDOWN = 1 hours;
    uint256 internal constant SCHEDULER_FEE_BPS = 1_000;
    uint256 internal constant TILE_STAKE = 100 * MRK;
    uint256 internal constant JOB_STAKE = 1_000 * MRK;
    uint256 internal constant COMMIT_WINDOW = 1 hours;
    uint256 internal constant REVEAL_WINDOW = 1 hours;
    uint256 internal constant AUDIT_ONE_IN = 4;

    uint64 internal constant JOB_ROLE = 10;
    uint64 internal constant BENCHMARK_ROLE = 11;

    MarkParameters internal params;
    MarkAccessManager internal manager;
    RenderStaking internal staking;

    address internal jobs;
    address internal benchmarker;

    function setUp() public virtual {
        vm.warp(T0);
        vm.roll(100);
        jobs = makeAddr("jobs");
        benchmarker = makeAddr("benchmarker");
        _setUpMrk();
        params = new MarkParameters(governance, renderDefinitions(), IParameterWatcher(address(0)));
        manager = new MarkAccessManager(governance);
        staking = new RenderStaking(address(manager), IERC20(address(mrk)), params, renderingFund);
        grantRoles(address(staking), jobs, benchmarker);

        _fundActors(RENDERER_MRK);
    }

    /// @dev What a governance proposal would do once the job contract exists: give `jobs_` the
    /// job functions of `target` and `benchmarker_` the benchmark pool.
    function grantRoles(address target, address jobs_, address benchmarker_) internal {
        bytes4[] memory jobFunctions = new bytes4[](5);
        jobFunctions[0] = RenderStaking.lock.selector;
        jobFunctions[1] = RenderStaking.unlock.selector;
        jobFunctions[2] = RenderStaking.adjustRating.selector;
        jobFunctions[3] = RenderStaking.slash.selector;
        jobFunctions[4] = RenderStaking.drawWorker.selector;
        bytes4[] memory benchmarkFunctions = new bytes4[](1);
        benchmarkFunctions[0] = RenderStaking.addBenchmarks.selector;
        vm.startPrank(governance);
        manager.setTargetFunctionRole(target, jobFunctions, JOB_ROLE);
        manager.setTargetFunctionRole(target, benchmarkFunctions, BENCHMARK_ROLE);
        manager.grantRole(JOB_ROLE, jobs_, 0);
        manager.grantRole(BENCHMARK_ROLE, benchmarker_, 0);
        vm.stopPrank();
    }

    // --- MRK ------------------------------------------------------------------------------------

    function _noPermit() internal pure returns (IRenderStaking.Permit memory) {
        return IRenderStaking.Permit({value: 0, deadline: 0, v: 0, r: bytes32(0), s: bytes32(0)});
    }

    /// @dev An EIP-2612 permit for the staking contract signed by the account named `ownerName`.
    function _permit(
        string memory ownerName,
        uint256 value,
        uint256 deadline
    ) internal view returns (IRenderStaking.Permit memory) {
        (uint8 v, bytes32 r, bytes32 s) = _signPermit(ownerName, address(staking), value, deadline);
        return IRenderStaking.Permit({value: value, deadline: deadline, v: v, r: r, s: s});
    }

    // --- Staking -------------------------------------------------------------------------------

    /// @dev Registers `who` in `role` with `amount`, paid through the allowance.
    function _register(address who, IRenderStaking.Role role, uint256 amount) internal {
        vm.prank(who);
        mrk.approve(address(staking), amount);
        vm.prank(who);
        staking.register(role, amount, _noPermit());
    }

    function _unbond(address who, uint256 amount) internal {
        vm.prank(who);
        staking.requestUnbond(amount);
    }

    // --- Admission -----------------------------------------------------------------------------

    /// @dev The task id and known result of benchmark `i` (what the authority renders off chain).
    function _task(uint256 i) internal pure returns (bytes32) {
        return keccak256(abi.encode("benchmark task", i));
    }

    function _result(uint256 i) internal pure returns (bytes32) {
        return keccak256(abi.encode("benchmark result", i));
    }

    /// @dev Adds benchmarks `first` .. `first + count - 1` to the pool.
    function _addBenchmarks(uint256 first, uint256 count) internal {
        bytes32[] memory tasks = new bytes32[](count);
        bytes32[] memory answers = new bytes32[](count);
        for (uint256 i; i < count; ++i) {
            tasks[i] = _task(first + i);
            answers[i] = staking.benchmarkAnswerHash(_task(first + i), _result(first + i));
        }
        vm.prank(benchmarker);
        staking.addBenchmarks(tasks, answers);
    }

    /// @dev Registers `who` as a Worker with the minimum and admits it through benchmark `task`
    /// (which must be the pool's next one).
    function _admitWorker(address who, uint256 task) internal {
        _register(who, IRenderStaking.Role.Worker, MIN_WORKER_STAKE);
        _addBenchmarks(task, 1);
        vm.prank(who);
        staking.requestAdmission();
        vm.prank(who);
        assertTrue(staking.submitAdmission(_result(task)), "admitted");
    }

    // --- Parameters ----------------------------------------------------------------------------

    function _setParameter(string memory name, uint256 value) internal {
        vm.prank(governance);
        params.set(keccak256(bytes(name)), value);
    }

    /// @dev The render parameters with their genesis values and bounds (`parameters.ts`).
    function renderDefinitions() internal pure returns (MarkParameters.Definition[] memory defs) {
        defs = new MarkParameters.Definition[](12);
        defs[0] = MarkParameters.Definition("render.minWorkerStake", MRK, 10_000_000 * MRK, MIN_WORKER_STAKE);
        defs[1] = MarkParameters.Definition("render.minSchedulerStake", MRK, 10_000_000 * MRK, MIN_SCHEDULER_STAKE);
        defs[2] = MarkParameters.Definition("render.unbondingPeriod", 1 days, 90 days, UNBONDING_PERIOD);
        defs[3] = MarkParameters.Definition("render.admissionDeadline", 60, 1 days, ADMISSION_DEADLINE);
        defs[4] = MarkParameters.Definition("render.admissionCooldown", 0, 30 days, ADMISSION_COOLDOWN);
        defs[5] = MarkParameters.Definition("render.schedulerFeeBps", 0, 5_000, SCHEDULER_FEE_BPS);
        defs[6] = MarkParameters.Definition("render.tileStake", MRK, 1_000_000 * MRK, TILE_STAKE);
        defs[7] = MarkParameters.Definition("render.jobStake", MRK, 10_000_000 * MRK, JOB_STAKE);
        defs[8] = MarkParameters.Definition("render.commitWindow", 60, 7 days, COMMIT_WINDOW);
        defs[9] = MarkParameters.Definition("render.revealWindow", 60, 7 days, REVEAL_WINDOW);
        defs[10] = MarkParameters.Definition("render.trustedRating", 0, 1_000_000, 0);
        defs[11] = MarkParameters.Definition("render.auditOneIn", 1, 1_000_000, AUDIT_ONE_IN);
    }
}
