// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IRenderJobs} from "../interfaces/IRenderJobs.sol";
import {RenderJobsFixture} from "./utils/RenderJobsFixture.sol";
import {RenderJobsHandler} from "./handlers/RenderJobsHandler.sol";

/// @notice Random sequences of job postings, acceptances, cancellations, draws, commits (right,
/// wrong or missing), reveals, settlements, completions, abandonments, releases and withdrawals;
/// after every call the MRK held must be exactly the open budgets plus what is owed, and the
/// stake locked in `RenderStaking` exactly what live work needs.
contract RenderJobsInvariantTest is RenderJobsFixture {
    RenderJobsHandler internal handler;

    function setUp() public override {
        super.setUp();
        // Room for many slashes before a Worker drops below the minimum.
        for (uint256 i; i < workers.length; ++i) {
            vm.startPrank(workers[i]);
            mrk.approve(address(staking), 4_000 * MRK);
            staking.addStake(4_000 * MRK, _noPermit());
            vm.stopPrank();
        }
        handler = new RenderJobsHandler(renderJobs, IERC20(address(mrk)), client, scheduler, workers);

        targetContract(address(handler));
        bytes4[] memory actions = new bytes4[](12);
        actions[0] = RenderJobsHandler.postJob.selector;
        actions[1] = RenderJobsHandler.acceptJob.selector;
        actions[2] = RenderJobsHandler.cancelJob.selector;
        actions[3] = RenderJobsHandler.completeJob.selector;
        actions[4] = RenderJobsHandler.abandonJob.selector;
        actions[5] = RenderJobsHandler.assignTile.selector;
        actions[6] = RenderJobsHandler.commit.selector;
        actions[7] = RenderJobsHandler.reveal.selector;
        actions[8] = RenderJobsHandler.settle.selector;
        actions[9] = RenderJobsHandler.releaseTile.selector;
        actions[10] = RenderJobsHandler.withdraw.selector;
        actions[11] = RenderJobsHandler.advance.selector;
        targetSelectors(address(handler), actions);
    }

    /// hardhat-config: invariant.runs = 32
    /// hardhat-config: invariant.depth = 48
    /// hardhat-config: invariant.failOnRevert = true
    function invariant_HoldsExactlyTheOpenBudgetsAndWhatItOwes() public view {
        uint256 open;
        for (uint256 jobId = 1; jobId <= renderJobs.jobCount(); ++jobId) {
            IRenderJobs.JobView memory job = renderJobs.jobOf(jobId);
            assertLe(job.paidToWorkers, job.budget - job.fee, "workers never take the fee or more");
            if (job.status == IRenderJobs.JobStatus.Posted || job.status == IRenderJobs.JobStatus.Accepted)
                open += job.budget - job.paidToWorkers;
        }
        uint256 held = mrk.balanceOf(address(renderJobs));
        assertEq(held, open + _owedToEveryone(), "MRK held == open budgets + owed");
        assertEq(held, handler.ghostDeposited() - handler.ghostWithdrawn(), "== budgets in - withdrawals");
    }

    /// hardhat-config: invariant.runs = 32
    /// hardhat-config: invariant.depth = 48
    /// hardhat-config: invariant.failOnRevert = true
    function invariant_LockedStakeIsExactlyWhatLiveWorkNeeds() public view {
        uint256[4] memory slots;
        uint256 liveJobs;
        for (uint256 jobId = 1; jobId <= renderJobs.jobCount(); ++jobId) {
            IRenderJobs.JobView memory job = renderJobs.jobOf(jobId);
            if (job.status == IRenderJobs.JobStatus.Accepted) ++liveJobs;
            if (job.status != IRenderJobs.JobStatus.Accepted && job.status != IRenderJobs.JobStatus.Abandoned)
                continue;
            for (uint256 tile; tile < job.tileCount; ++tile) {
                IRenderJobs.TileView memory t = renderJobs.tileOf(jobId, tile);
                if (t.phase != IRenderJobs.TilePhase.Committing && t.phase != IRenderJobs.TilePhase.Revealing)
                    continue;
                for (uint256 s; s < 3; ++s) {
                    for (uint256 w; w < workers.length; ++w) if (t.workers[s] == workers[w]) ++slots[w];
                }
            }
        }
        for (uint256 w; w < workers.length; ++w) {
            assertEq(staking.stakeOf(workers[w]).locked, slots[w] * TILE_STAKE, "a tile stake per live slot");
        }
        assertEq(staking.stakeOf(scheduler).locked, liveJobs * JOB_STAKE, "a job stake per accepted job");
    }
}
