// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Test} from "../utils/Test.sol";
import {IRenderJobs} from "../../interfaces/IRenderJobs.sol";
import {IRenderStaking} from "../../interfaces/IRenderStaking.sol";
import {RenderJobs} from "../../render/RenderJobs.sol";

/// @title RenderJobsHandler
/// @notice Test-only: the actions the invariant fuzzer strings together against the render jobs —
/// a client posting and cancelling jobs, the Scheduler accepting, completing or abandoning them,
/// tiles drawn, Workers committing right or wrong results (or staying silent), revealing,
/// settlements after time passes, releases of abandoned tiles and withdrawals. Each action only
/// makes calls it expects to succeed (`failOnRevert`); a ghost ledger keeps the MRK put in and
/// taken out.
contract RenderJobsHandler is Test {
    uint256 public constant MAX_JOBS = 4;

    RenderJobs public immutable jobs;
    IERC20 public immutable mrk;
    address public immutable client;
    address public immutable scheduler;
    address[] public workers;

    uint256 public ghostDeposited;
    uint256 public ghostWithdrawn;

    mapping(bytes32 commitment => bytes32 resultHash) private _committed;

    constructor(RenderJobs jobs_, IERC20 mrk_, address client_, address scheduler_, address[4] memory workers_) {
        jobs = jobs_;
        mrk = mrk_;
        client = client_;
        scheduler = scheduler_;
        for (uint256 i; i < 4; ++i) workers.push(workers_[i]);
    }

    function workerCount() external view returns (uint256) {
        return workers.length;
    }

    // --- Jobs ----------------------------------------------------------------------------------

    function postJob(uint256 budgetSeed) external {
        if (jobs.jobCount() >= MAX_JOBS) return;
        uint256 budget = bound(budgetSeed, 36, 10_000 ether);
        IRenderJobs.OutputSpec memory spec = IRenderJobs.OutputSpec(1, 64, 16, 64);
        IRenderStaking.Permit memory none = IRenderStaking.Permit(0, 0, 0, bytes32(0), bytes32(0));
        vm.startPrank(client);
        mrk.approve(address(jobs), budget);
        jobs.postJob(keccak256("scene"), 0x55, keccak256("v"), spec, scheduler, block.timestamp + 1 days, budget, bytes32(0), none);
        vm.stopPrank();
        ghostDeposited += budget;
    }

    function acceptJob(uint256 jobSeed) public {
        (uint256 jobId, IRenderJobs.JobView memory job) = _pick(jobSeed);
        if (job.status != IRenderJobs.JobStatus.Posted || block.timestamp > job.deadline) return;
        vm.prank(scheduler);
        jobs.acceptJob(jobId);
        vm.roll(block.number + 2);
    }

    function cancelJob(uint256 jobSeed) external {
        (uint256 jobId, IRenderJobs.JobView memory job) = _pick(jobSeed);
        if (job.status != IRenderJobs.JobStatus.Posted) return;
        vm.prank(client);
        jobs.cancelJob(jobId);
    }

    function completeJob(uint256 jobSeed) external {
        (uint256 jobId, IRenderJobs.JobView memory job) = _pick(jobSeed);
        if (job.status != IRenderJobs.JobStatus.Accepted || block.timestamp > job.deadline) return;
        if (job.acceptedTiles != job.tileCount) return;
        vm.prank(scheduler);
        jobs.completeJob(jobId, keccak256("assembled"), 0x55);
    }

    function abandonJob(uint256 jobSeed) external {
        (uint256 jobId, IRenderJobs.JobView memory job) = _pick(jobSeed);
        if (job.status != IRenderJobs.JobStatus.Accepted) return;
        if (block.timestamp <= job.deadline) vm.warp(job.deadline + 1);
        jobs.abandonJob(jobId);
    }

    // --- Tiles ---------------------------------------------------------------------------------

    function assignTile(uint256 jobSeed, uint256 tileSeed) public {
        (uint256 jobId, IRenderJobs.JobView memory job) = _pick(jobSeed);
        if (job.status != IRenderJobs.JobStatus.Accepted || block.timestamp > job.deadline) return;
        uint256 tile = tileSeed % job.tileCount;
        IRenderJobs.TileView memory t = jobs.tileOf(jobId, tile);
        bool empty = t.workers[0] == address(0) || t.workers[1] == address(0) || t.workers[2] == address(0);
        if (t.phase != IRenderJobs.TilePhase.Unassigned && !(t.phase == IRenderJobs.TilePhase.Committing && empty))
            return;
        uint256 seedBlock = t.seedBlock != 0 ? t.seedBlock : job.seedBlock;
        if (block.number <= seedBlock) vm.roll(seedBlock + 1);
        // The pool may run dry as slashes push Workers below the minimum: a refusal, not a bug.
        try jobs.assignTile(jobId, tile) {} catch (bytes memory reason) {
            assertEq(bytes4(reason), IRenderJobs.RenderJobsNoWorker.selector, "only an empty pool refuses a draw");
        }
    }

    /// @dev The Workers of a committing tile commit: per slot, bits of `mask` make it silent (a
    /// quarter of the time) or wrong (half of the time).
    function commit(uint256 jobSeed, uint256 tileSeed, uint16 mask) public {
        (uint256 jobId, uint256 tile, IRenderJobs.TileView memory t) = _find(
            jobSeed,
            tileSeed,
            IRenderJobs.TilePhase.Committing
        );
        if (jobId == 0 || block.timestamp > t.deadline) return;
        for (uint256 slot; slot < 3; ++slot) {
            address worker = t.workers[slot];
            if (worker == address(0) || t.commitments[slot] != bytes32(0)) continue;
            if ((mask >> slot) & 1 == 1 && (mask >> (slot + 3)) & 1 == 1) continue;
            bool lie = (mask >> (slot + 6)) & 1 == 1;
            bytes32 resultHash = lie ? keccak256(abi.encode("lie", worker, tile)) : keccak256(abi.encode(jobId, tile));
            bytes32 commitment = keccak256(abi.encode(resultHash, bytes32(uint256(uint160(worker))), worker));
            _committed[commitment] = resultHash;
            vm.prank(worker);
            jobs.commitResult(jobId, tile, commitment);
        }
    }

    /// @dev The Workers of a revealing tile open their commitments, bits of `mask` keeping one
    /// silent a quarter of the time.
    function reveal(uint256 jobSeed, uint256 tileSeed, uint8 mask) public {
        (uint256 jobId, uint256 tile, IRenderJobs.TileView memory t) = _find(
            jobSeed,
            tileSeed,
            IRenderJobs.TilePhase.Revealing
        );
        if (jobId == 0 || block.timestamp > t.deadline) return;
        for (uint256 slot; slot < 3; ++slot) {
            address worker = t.workers[slot];
            if (t.results[slot] != bytes32(0)) continue;
            if ((mask >> slot) & 1 == 1 && (mask >> (slot + 3)) & 1 == 1) continue;
            vm.prank(worker);
            jobs.revealResult(jobId, tile, _committed[t.commitments[slot]], bytes32(uint256(uint160(worker))));
        }
    }

    /// @dev Settles a committing or revealing tile, first letting its deadline pass when `wait`.
    function settle(uint256 jobSeed, uint256 tileSeed, bool revealing, bool wait) public {
        (uint256 jobId, uint256 tile, IRenderJobs.TileView memory t) = _find(
            jobSeed,
            tileSeed,
            revealing ? IRenderJobs.TilePhase.Revealing : IRenderJobs.TilePhase.Committing
        );
        if (jobId == 0) return;
        bool full = t.workers[0] != address(0) && t.workers[1] != address(0) && t.workers[2] != address(0);
        bool revealed = t.results[0] != bytes32(0) && t.results[1] != bytes32(0) && t.results[2] != bytes32(0);
        if (!full) return;
        if (block.timestamp <= t.deadline && !(revealing && revealed)) {
            if (!wait) return;
            vm.warp(t.deadline + 1);
        }
        jobs.settleTile(jobId, tile);
    }

    function releaseTile(uint256 jobSeed, uint256 tileSeed) external {
        (uint256 jobId, IRenderJobs.JobView memory job, uint256 tile, IRenderJobs.TileView memory t) = _tileOf(
            jobSeed,
            tileSeed
        );
        if (job.status != IRenderJobs.JobStatus.Abandoned) return;
        if (t.phase != IRenderJobs.TilePhase.Committing && t.phase != IRenderJobs.TilePhase.Revealing) return;
        jobs.releaseTile(jobId, tile);
    }

    /// @dev Moves one job along a whole step at a time, so that random sequences reach settled
    /// tiles: accepts it, or takes its first unsettled tile from `tileSeed` on through a draw,
    /// commits, reveals and settlement (waiting out deadlines when `wait`).
    function advance(uint256 jobSeed, uint256 tileSeed, uint16 mask, bool wait) external {
        (uint256 jobId, IRenderJobs.JobView memory job) = _pick(jobSeed);
        if (jobId == 0) return;
        if (job.status == IRenderJobs.JobStatus.Posted) return acceptJob(jobSeed);
        if (job.status != IRenderJobs.JobStatus.Accepted) return;
        for (uint256 i; i < job.tileCount; ++i) {
            uint256 tile = ((tileSeed % job.tileCount) + i) % job.tileCount;
            IRenderJobs.TilePhase phase = jobs.tileOf(jobId, tile).phase;
            if (phase == IRenderJobs.TilePhase.Accepted) continue;
            assignTile(jobSeed, tile);
            commit(jobSeed, tile, mask);
            reveal(jobSeed, tile, uint8(mask >> 9));
            settle(jobSeed, tile, jobs.tileOf(jobId, tile).phase == IRenderJobs.TilePhase.Revealing, wait);
            return;
        }
    }

    // --- Payments ------------------------------------------------------------------------------

    function withdraw(uint256 actorSeed) external {
        uint256 pick = actorSeed % (workers.length + 2);
        address actor = pick == workers.length ? client : (pick == workers.length + 1 ? scheduler : workers[pick]);
        if (jobs.owedTo(actor) == 0) return;
        vm.prank(actor);
        ghostWithdrawn += jobs.withdraw();
    }

    // --- Picking -------------------------------------------------------------------------------

    function _pick(uint256 jobSeed) private view returns (uint256 jobId, IRenderJobs.JobView memory job) {
        uint256 count = jobs.jobCount();
        if (count == 0) return (0, job);
        jobId = (jobSeed % count) + 1;
        job = jobs.jobOf(jobId);
    }

    function _tileOf(
        uint256 jobSeed,
        uint256 tileSeed
    )
        private
        view
        returns (uint256 jobId, IRenderJobs.JobView memory job, uint256 tile, IRenderJobs.TileView memory t)
    {
        (jobId, job) = _pick(jobSeed);
        if (jobId == 0) return (0, job, 0, t);
        tile = tileSeed % job.tileCount;
        t = jobs.tileOf(jobId, tile);
    }

    /// @dev The first tile of an accepted job, from `tileSeed` on, in `phase` (job 0 when none).
    function _find(
        uint256 jobSeed,
        uint256 tileSeed,
        IRenderJobs.TilePhase phase
    ) private view returns (uint256 jobId, uint256 tile, IRenderJobs.TileView memory t) {
        IRenderJobs.JobView memory job;
        (jobId, job) = _pick(jobSeed);
        if (jobId == 0 || job.status != IRenderJobs.JobStatus.Accepted) return (0, 0, t);
        for (uint256 i; i < job.tileCount; ++i) {
            tile = ((tileSeed % job.tileCount) + i) % job.tileCount;
            t = jobs.tileOf(jobId, tile);
            if (t.phase == phase) return (jobId, tile, t);
        }
        return (0, 0, t);
    }
}
