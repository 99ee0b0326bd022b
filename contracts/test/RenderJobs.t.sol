// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IMarkParameters} from "../interfaces/IMarkParameters.sol";
import {IRenderJobs} from "../interfaces/IRenderJobs.sol";
import {IRenderStaking} from "../interfaces/IRenderStaking.sol";
import {RenderJobs} from "../render/RenderJobs.sol";
import {RenderJobsFixture} from "./utils/RenderJobsFixture.sol";

contract RenderJobsTest is RenderJobsFixture {
    uint256 internal constant TILES = 6;

    function _locked(address account) internal view returns (uint256) {
        return staking.stakeOf(account).locked;
    }

    function _staked(address account) internal view returns (uint256) {
        return staking.stakeOf(account).staked;
    }

    // =========================================================================================
    // Deployment and pool
    // =========================================================================================

    function test_constructor_RevertWhen_AnAddressIsZero() public {
        IERC20 token = IERC20(address(mrk));
        vm.expectRevert(IRenderJobs.RenderJobsZeroAddress.selector);
        new RenderJobs(IRenderStaking(address(0)), token, params);
        vm.expectRevert(IRenderJobs.RenderJobsZeroAddress.selector);
        new RenderJobs(staking, IERC20(address(0)), params);
        vm.expectRevert(IRenderJobs.RenderJobsZeroAddress.selector);
        new RenderJobs(staking, token, IMarkParameters(address(0)));
    }

    // =========================================================================================
    // postJob, acceptJob, cancelJob
    // =========================================================================================

    function test_postJob_EscrowsTheBudgetAndPricesEachResult() public {
        uint256 before = mrk.balanceOf(client);
        uint256 jobId = _post(BUDGET);
        IRenderJobs.JobView memory job = renderJobs.jobOf(jobId);
        assertEq(uint256(job.status), uint256(IRenderJobs.JobStatus.Posted), "status");
        assertEq(job.tileCount, TILES, "tiles");
        assertEq(job.fee, (BUDGET * SCHEDULER_FEE_BPS) / 10_000, "fee");
        assertEq(job.pricePerResult, (BUDGET - job.fee) / (TILES * 3), "price");
        assertEq(job.tileStake, TILE_STAKE, "tile stake snapshot");
        assertEq(job.jobStake, JOB_STAKE, "job stake snapshot");
        assertEq(mrk.balanceOf(client), before - BUDGET, "client paid");
        assertEq(mrk.balanceOf(address(renderJobs)), BUDGET, "escrowed");
    }

    function test_postJob_PaysByPermit() public {
        address signer = vm.addr(keyOf("permitClient"));
        _fund(signer, BUDGET);
        (uint8 v, bytes32 r, bytes32 s) = _signPermit("permitClient", address(renderJobs), BUDGET, block.timestamp);
        IRenderStaking.Permit memory permit = IRenderStaking.Permit(BUDGET, block.timestamp, v, r, s);
        vm.prank(signer);
        renderJobs.postJob(SCENE, RAW, VERSION, _spec(), scheduler, block.timestamp + 1 days, BUDGET, bytes32(0), permit);
        assertEq(mrk.balanceOf(address(renderJobs)), BUDGET, "escrowed");
    }

    function test_postJob_RevertWhen_TheInputIsInvalid() public {
        IRenderJobs.OutputSpec memory spec = _spec();
        uint256 deadline = block.timestamp + 1 days;
        IRenderStaking.Permit memory none = _noPermit();
        vm.startPrank(client);
        mrk.approve(address(renderJobs), type(uint256).max);

        vm.expectRevert(IRenderJobs.RenderJobsSceneInvalid.selector);
        renderJobs.postJob(bytes32(0), RAW, VERSION, spec, scheduler, deadline, BUDGET, bytes32(0), none);
        vm.expectRevert(IRenderJobs.RenderJobsSceneInvalid.selector);
        renderJobs.postJob(SCENE, RAW, bytes32(0), spec, scheduler, deadline, BUDGET, bytes32(0), none);

        spec.samplesPerPixel = 0;
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsSpecInvalid.selector, 0, 65_536));
        renderJobs.postJob(SCENE, RAW, VERSION, spec, scheduler, deadline, BUDGET, bytes32(0), none);
        spec = IRenderJobs.OutputSpec({viewpoints: 100, faceSize: 2048, samplesPerPixel: 16, tileSize: 64});
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsSpecInvalid.selector, 614_400, 65_536));
        renderJobs.postJob(SCENE, RAW, VERSION, spec, scheduler, deadline, BUDGET, bytes32(0), none);
        spec = _spec();

        vm.expectRevert(
            abi.encodeWithSelector(IRenderJobs.RenderJobsNotEligible.selector, alice, IRenderStaking.Role.Scheduler)
        );
        renderJobs.postJob(SCENE, RAW, VERSION, spec, alice, deadline, BUDGET, bytes32(0), none);
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsDeadlineInvalid.selector, block.timestamp));
        renderJobs.postJob(SCENE, RAW, VERSION, spec, scheduler, block.timestamp, BUDGET, bytes32(0), none);
        // 17 wei: 1 wei of fee leaves 16 for 18 results.
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsBudgetTooSmall.selector, 17, 18));
        renderJobs.postJob(SCENE, RAW, VERSION, spec, scheduler, deadline, 17, bytes32(0), none);
        vm.stopPrank();
    }

    function test_tileCountOf_RoundsPartialTilesUp() public view {
        IRenderJobs.OutputSpec memory spec = IRenderJobs.OutputSpec(2, 100, 8, 64);
        assertEq(renderJobs.tileCountOf(spec), 2 * 6 * 4, "two viewpoints of 2x2 tiles per face");
    }

    function test_acceptJob_LocksTheJobStakeAndCommitsTheNextBlock() public {
        uint256 jobId = _post(BUDGET);
        vm.expectEmit(address(renderJobs));
        emit IRenderJobs.JobAccepted(jobId, block.number + 1);
        vm.prank(scheduler);
        renderJobs.acceptJob(jobId);
        assertEq(_locked(scheduler), JOB_STAKE, "job stake locked");
        assertEq(uint256(renderJobs.jobOf(jobId).status), uint256(IRenderJobs.JobStatus.Accepted), "accepted");
    }

    function test_acceptJob_RevertWhen_NotTheSchedulerOrLateOrTwice() public {
        uint256 jobId = _post(BUDGET);
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsUnauthorized.selector, jobId, client));
        vm.prank(client);
        renderJobs.acceptJob(jobId);
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsUnknownJob.selector, jobId + 1));
        vm.prank(scheduler);
        renderJobs.acceptJob(jobId + 1);

        uint256 deadline = renderJobs.jobOf(jobId).deadline;
        vm.warp(deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsDeadline.selector, jobId, deadline));
        vm.prank(scheduler);
        renderJobs.acceptJob(jobId);

        vm.warp(T0);
        vm.prank(scheduler);
        renderJobs.acceptJob(jobId);
        vm.expectRevert(
            abi.encodeWithSelector(IRenderJobs.RenderJobsJobStatus.selector, jobId, IRenderJobs.JobStatus.Accepted)
        );
        vm.prank(scheduler);
        renderJobs.acceptJob(jobId);
    }

    function test_cancelJob_CreditsTheWholeBudgetBeforeAcceptance() public {
        uint256 jobId = _post(BUDGET);
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsUnauthorized.selector, jobId, scheduler));
        vm.prank(scheduler);
        renderJobs.cancelJob(jobId);
        vm.prank(client);
        renderJobs.cancelJob(jobId);
        assertEq(renderJobs.owedTo(client), BUDGET, "refund owed");
        uint256 before = mrk.balanceOf(client);
        vm.prank(client);
        assertEq(renderJobs.withdraw(), BUDGET, "withdrawn");
        assertEq(mrk.balanceOf(client), before + BUDGET, "refunded");
        vm.expectRevert(
            abi.encodeWithSelector(IRenderJobs.RenderJobsJobStatus.selector, jobId, IRenderJobs.JobStatus.Cancelled)
        );
        vm.prank(scheduler);
        renderJobs.acceptJob(jobId);
    }

    // =========================================================================================
    // The lifecycle
    // =========================================================================================

    /// @dev Issue 10's scenario: one Scheduler, four Workers, `mallory` returns wrong pixels on
    /// every tile she is drawn for. She is slashed and rated down per tile; the job completes.
    function test_lifecycle_AWrongWorkerIsSlashedWhileTheJobCompletes() public {
        uint256 jobId = _postAndAccept(BUDGET);
        IRenderJobs.JobView memory job = renderJobs.jobOf(jobId);
        uint256 lies;
        for (uint256 tile; tile < TILES; ++tile) {
            renderJobs.assignTile(jobId, tile);
            if (_isDrawn(jobId, tile, mallory)) ++lies;
            address[3] memory w = _workersOf(jobId, tile);
            for (uint256 i; i < 3; ++i) assertGe(_locked(w[i]), TILE_STAKE, "drawn stake locked");
            _renderTile(jobId, tile, mallory);
            IRenderJobs.TileView memory t = renderJobs.tileOf(jobId, tile);
            assertEq(uint256(t.phase), uint256(IRenderJobs.TilePhase.Accepted), "accepted");
            assertEq(t.acceptedResult, _truth(jobId, tile), "the right image");
        }
        assertGt(lies, 0, "mallory was drawn at least once");
        assertEq(_staked(mallory), MIN_WORKER_STAKE - lies * TILE_STAKE, "slashed per wrong tile");
        assertEq(mrk.balanceOf(renderingFund), lies * TILE_STAKE, "slashes went to the fund");
        assertEq(staking.ratingOf(mallory, VERSION), 0, "rating floored");
        assertFalse(staking.poolWeightOf(mallory, VERSION) != 0, "evicted once drawn below the minimum");

        uint256 honestResults = TILES * 3 - lies;
        assertEq(renderJobs.jobOf(jobId).paidToWorkers, honestResults * job.pricePerResult, "paid per match");

        bytes32 result = keccak256("assembled panorama");
        vm.prank(scheduler);
        renderJobs.completeJob(jobId, result, RAW);
        assertEq(renderJobs.owedTo(scheduler), job.fee, "fee");
        assertEq(renderJobs.owedTo(client), BUDGET - job.fee - honestResults * job.pricePerResult, "refund");
        assertEq(_owedToEveryone(), BUDGET, "everything accounted for");
        assertEq(_locked(scheduler), 0, "job stake released");
        assertEq(staking.ratingOf(scheduler, VERSION), 1, "scheduler rated up");
        for (uint256 i; i < 3; ++i) {
            assertEq(_locked(workers[i]), 0, "no lock left");
            assertEq(staking.ratingOf(workers[i], VERSION) * job.pricePerResult, renderJobs.owedTo(workers[i]), "rated per paid result");
        }

        // Everyone pulls; nothing stays behind.
        address[6] memory payees = [scheduler, client, alice, bob, carol, mallory];
        for (uint256 i; i < payees.length; ++i) {
            if (renderJobs.owedTo(payees[i]) == 0) continue;
            vm.prank(payees[i]);
            renderJobs.withdraw();
        }
        assertEq(mrk.balanceOf(address(renderJobs)), 0, "no MRK stuck");
        IRenderJobs.JobView memory done = renderJobs.jobOf(jobId);
        assertEq(uint256(done.status), uint256(IRenderJobs.JobStatus.Completed), "completed");
        assertEq(done.resultDigest, result, "result published");
    }

    function test_settleTile_ReplacesAndSlashesAWorkerSilentAtTheCommitDeadline() public {
        uint256 jobId = _postAndAccept(BUDGET);
        renderJobs.assignTile(jobId, 0);
        address[3] memory w = _workersOf(jobId, 0);
        _commit(jobId, 0, w[0], _truth(jobId, 0));
        _commit(jobId, 0, w[1], _truth(jobId, 0));
        vm.expectRevert(
            abi.encodeWithSelector(IRenderJobs.RenderJobsTilePhase.selector, jobId, 0, IRenderJobs.TilePhase.Committing)
        );
        _reveal(jobId, 0, w[0], _truth(jobId, 0));

        uint256 deadline = renderJobs.tileOf(jobId, 0).deadline;
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsTileDeadline.selector, jobId, 0, deadline));
        renderJobs.settleTile(jobId, 0);
        vm.warp(deadline + 1);
        vm.expectEmit(address(renderJobs));
        emit IRenderJobs.WorkerFaulted(jobId, 0, w[2], IRenderJobs.Fault.NoCommit, TILE_STAKE);
        renderJobs.settleTile(jobId, 0);
        assertEq(_staked(w[2]), MIN_WORKER_STAKE - TILE_STAKE, "silent worker slashed");
        assertEq(_locked(w[2]), 0, "its lock went with the slash");

        IRenderJobs.TileView memory t = renderJobs.tileOf(jobId, 0);
        assertEq(t.workers[2], address(0), "slot emptied");
        assertEq(t.commitments[0], renderJobs.commitmentOf(_truth(jobId, 0), _salt(w[0], 0), w[0]), "sealed kept");
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsSeedNotReady.selector, jobId, 0, block.number + 1));
        renderJobs.assignTile(jobId, 0);
        _mine();
        renderJobs.assignTile(jobId, 0);
        address replacement = _workersOf(jobId, 0)[2];
        assertTrue(replacement != address(0) && replacement != w[2], "a new worker");
        assertFalse(staking.poolWeightOf(w[2], VERSION) != 0, "the slashed one fell below the minimum and was evicted");

        _commit(jobId, 0, replacement, _truth(jobId, 0));
        for (uint256 i; i < 2; ++i) _reveal(jobId, 0, w[i], _truth(jobId, 0));
        _reveal(jobId, 0, replacement, _truth(jobId, 0));
        renderJobs.settleTile(jobId, 0);
        assertEq(uint256(renderJobs.tileOf(jobId, 0).phase), uint256(IRenderJobs.TilePhase.Accepted), "accepted");
        uint256 price = renderJobs.jobOf(jobId).pricePerResult;
        assertEq(renderJobs.owedTo(replacement), price, "replacement paid");
        assertEq(renderJobs.owedTo(w[2]), 0, "silent worker unpaid");
    }

    function test_settleTile_SlashesAWorkerSilentAtTheRevealDeadline() public {
        uint256 jobId = _postAndAccept(BUDGET);
        renderJobs.assignTile(jobId, 0);
        address[3] memory w = _workersOf(jobId, 0);
        for (uint256 i; i < 3; ++i) _commit(jobId, 0, w[i], _truth(jobId, 0));
        _reveal(jobId, 0, w[0], _truth(jobId, 0));
        _reveal(jobId, 0, w[1], _truth(jobId, 0));
        uint256 deadline = renderJobs.tileOf(jobId, 0).deadline;
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsTileDeadline.selector, jobId, 0, deadline));
        renderJobs.settleTile(jobId, 0);
        vm.warp(deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsTileDeadline.selector, jobId, 0, deadline));
        _reveal(jobId, 0, w[2], _truth(jobId, 0));
        vm.expectEmit(address(renderJobs));
        emit IRenderJobs.WorkerFaulted(jobId, 0, w[2], IRenderJobs.Fault.NoReveal, TILE_STAKE);
        renderJobs.settleTile(jobId, 0);
        assertEq(uint256(renderJobs.tileOf(jobId, 0).phase), uint256(IRenderJobs.TilePhase.Accepted), "accepted by two");
        assertEq(_staked(w[2]), MIN_WORKER_STAKE - TILE_STAKE, "slashed");
    }

    function test_settleTile_DrawsAThreeWaySplitAfreshWithoutSlashing() public {
        uint256 jobId = _postAndAccept(BUDGET);
        renderJobs.assignTile(jobId, 0);
        address[3] memory w = _workersOf(jobId, 0);
        for (uint256 i; i < 3; ++i) _commit(jobId, 0, w[i], keccak256(abi.encode(i)));
        for (uint256 i; i < 3; ++i) _reveal(jobId, 0, w[i], keccak256(abi.encode(i)));
        vm.expectEmit(address(renderJobs));
        emit IRenderJobs.TileUnresolved(jobId, 0, 0);
        renderJobs.settleTile(jobId, 0);
        IRenderJobs.TileView memory t = renderJobs.tileOf(jobId, 0);
        assertEq(uint256(t.phase), uint256(IRenderJobs.TilePhase.Unassigned), "back to the draw");
        assertEq(t.round, 1, "next round");
        assertEq(t.seedBlock, block.number + 1, "a new seed block");
        for (uint256 i; i < 3; ++i) {
            assertEq(_staked(w[i]), MIN_WORKER_STAKE, "nobody slashed");
            assertEq(_locked(w[i]), 0, "released");
            assertEq(renderJobs.owedTo(w[i]), 0, "nobody paid");
        }
        _mine();
        _runTile(jobId, 0, address(0));
        assertEq(uint256(renderJobs.tileOf(jobId, 0).phase), uint256(IRenderJobs.TilePhase.Accepted), "resolved");
    }

    function test_assignTile_WaitsForTheSeedBlockAndReseedsWhenItIsOutOfReach() public {
        uint256 jobId = _post(BUDGET);
        vm.prank(scheduler);
        renderJobs.acceptJob(jobId);
        uint256 seedBlock = block.number + 1;
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsSeedNotReady.selector, jobId, 0, seedBlock));
        renderJobs.assignTile(jobId, 0);

        vm.roll(seedBlock + 257);
        vm.expectEmit(address(renderJobs));
        emit IRenderJobs.TileReseeded(jobId, 0, block.number + 1);
        renderJobs.assignTile(jobId, 0);
        assertEq(uint256(renderJobs.tileOf(jobId, 0).phase), uint256(IRenderJobs.TilePhase.Unassigned), "not drawn");
        _mine();
        renderJobs.assignTile(jobId, 0);
        assertEq(uint256(renderJobs.tileOf(jobId, 0).phase), uint256(IRenderJobs.TilePhase.Committing), "drawn");
    }

    function test_assignTile_NeverDrawsTheSchedulerOrAWorkerTwice() public {
        uint256 jobId = _postAndAccept(BUDGET);
        for (uint256 tile; tile < TILES; ++tile) {
            renderJobs.assignTile(jobId, tile);
            address[3] memory w = _workersOf(jobId, tile);
            assertTrue(w[0] != w[1] && w[1] != w[2] && w[0] != w[2], "three different workers");
            for (uint256 i; i < 3; ++i) assertTrue(w[i] != scheduler && w[i] != client, "no party of the job");
        }
        vm.expectRevert(
            abi.encodeWithSelector(IRenderJobs.RenderJobsTilePhase.selector, jobId, 0, IRenderJobs.TilePhase.Committing)
        );
        renderJobs.assignTile(jobId, 0);
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsUnknownTile.selector, jobId, TILES));
        renderJobs.assignTile(jobId, TILES);
    }

    function test_assignTile_NeverDrawsAClientWhoIsAPooledWorker() public {
        vm.prank(alice);
        mrk.approve(address(renderJobs), BUDGET);
        vm.prank(alice);
        uint256 jobId = renderJobs.postJob(
            SCENE,
            RAW,
            VERSION,
            _spec(),
            scheduler,
            block.timestamp + 1 days,
            BUDGET,
            bytes32(0),
            _noPermit()
        );
        vm.prank(scheduler);
        renderJobs.acceptJob(jobId);
        _mine();
        for (uint256 tile; tile < TILES; ++tile) {
            renderJobs.assignTile(jobId, tile);
            assertFalse(_isDrawn(jobId, tile, alice), "the client renders none of its own tiles");
        }
    }

    function test_assignTile_DrawsOnlyFromThePoolOfTheJobsRendererVersion() public {
        bytes32 other = keccak256("another renderer");
        for (uint256 i; i < 2; ++i) {
            vm.startPrank(workers[i]);
            staking.leavePool(VERSION);
            staking.joinPool(other);
            vm.stopPrank();
        }
        uint256 jobId = _postAndAccept(BUDGET);
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsNoWorker.selector, jobId, 0));
        renderJobs.assignTile(jobId, 0);
        address dave = makeAddr("dave");
        _fund(dave, RENDERER_MRK);
        _admitWorker(dave, workers.length);
        vm.prank(dave);
        staking.joinPool(VERSION);
        renderJobs.assignTile(jobId, 0);
        assertTrue(_isDrawn(jobId, 0, dave) && _isDrawn(jobId, 0, carol) && _isDrawn(jobId, 0, mallory), "the version's three");
    }

    function test_assignTile_RevertWhen_ThePoolCannotFillTheTile() public {
        vm.prank(alice);
        staking.leavePool(VERSION);
        vm.prank(bob);
        staking.leavePool(VERSION);
        uint256 jobId = _postAndAccept(BUDGET);
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsNoWorker.selector, jobId, 0));
        renderJobs.assignTile(jobId, 0);
    }

    // =========================================================================================
    // Commit-reveal
    // =========================================================================================

    function test_revealResult_RevertWhen_ItDoesNotOpenTheWorkersCommitment() public {
        uint256 jobId = _postAndAccept(BUDGET);
        renderJobs.assignTile(jobId, 0);
        address[3] memory w = _workersOf(jobId, 0);
        for (uint256 i; i < 3; ++i) _commit(jobId, 0, w[i], _truth(jobId, 0));
        // Another hash than committed.
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsRevealMismatch.selector, jobId, 0, w[0]));
        _reveal(jobId, 0, w[0], _lie(jobId, 0));
        // The right hash with another salt.
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsRevealMismatch.selector, jobId, 0, w[0]));
        vm.prank(w[0]);
        renderJobs.revealResult(jobId, 0, _truth(jobId, 0), bytes32("another salt"));
    }

    /// @dev A Worker that copies another's commitment from the mempool cannot open it: the
    /// commitment names its author, so its own reveal never matches.
    function test_revealResult_RevertWhen_ACommitmentWasCopiedFromAnotherWorker() public {
        uint256 jobId = _postAndAccept(BUDGET);
        renderJobs.assignTile(jobId, 0);
        address[3] memory w = _workersOf(jobId, 0);
        bytes32 honest = renderJobs.commitmentOf(_truth(jobId, 0), _salt(w[0], 0), w[0]);
        vm.prank(w[0]);
        renderJobs.commitResult(jobId, 0, honest);
        vm.prank(w[1]);
        renderJobs.commitResult(jobId, 0, honest); // copied
        _commit(jobId, 0, w[2], _truth(jobId, 0));
        // Even knowing the result and salt (say, from w[0]'s reveal in the mempool), w[1] fails.
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsRevealMismatch.selector, jobId, 0, w[1]));
        vm.prank(w[1]);
        renderJobs.revealResult(jobId, 0, _truth(jobId, 0), _salt(w[0], 0));
        // The copier stays silent and is slashed once the tile settles.
        _reveal(jobId, 0, w[0], _truth(jobId, 0));
        _reveal(jobId, 0, w[2], _truth(jobId, 0));
        vm.warp(block.timestamp + REVEAL_WINDOW + 1);
        renderJobs.settleTile(jobId, 0);
        assertEq(_staked(w[1]), MIN_WORKER_STAKE - TILE_STAKE, "copier slashed");
        assertEq(renderJobs.owedTo(w[1]), 0, "copier unpaid");
    }

    function test_commitResult_RevertWhen_NotDrawnZeroTwiceOrLate() public {
        uint256 jobId = _postAndAccept(BUDGET);
        renderJobs.assignTile(jobId, 0);
        address[3] memory w = _workersOf(jobId, 0);
        address outsider = _isDrawn(jobId, 0, alice) ? (_isDrawn(jobId, 0, bob) ? (_isDrawn(jobId, 0, carol) ? mallory : carol) : bob) : alice;
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsNotAssigned.selector, jobId, 0, outsider));
        vm.prank(outsider);
        renderJobs.commitResult(jobId, 0, bytes32("x"));
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsNotAssigned.selector, jobId, 0, scheduler));
        vm.prank(scheduler);
        renderJobs.commitResult(jobId, 0, bytes32("x"));
        vm.expectRevert(IRenderJobs.RenderJobsZeroHash.selector);
        vm.prank(w[0]);
        renderJobs.commitResult(jobId, 0, bytes32(0));
        _commit(jobId, 0, w[0], _truth(jobId, 0));
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsAlreadySubmitted.selector, jobId, 0, w[0]));
        _commit(jobId, 0, w[0], _truth(jobId, 0));
        uint256 deadline = renderJobs.tileOf(jobId, 0).deadline;
        vm.warp(deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsTileDeadline.selector, jobId, 0, deadline));
        _commit(jobId, 0, w[1], _truth(jobId, 0));
        vm.expectRevert(
            abi.encodeWithSelector(IRenderJobs.RenderJobsTilePhase.selector, jobId, 1, IRenderJobs.TilePhase.Unassigned)
        );
        _commit(jobId, 1, w[1], _truth(jobId, 1));
    }

    function test_revealResult_RevertWhen_NotDrawnOrTwice() public {
        uint256 jobId = _postAndAccept(BUDGET);
        renderJobs.assignTile(jobId, 0);
        address[3] memory w = _workersOf(jobId, 0);
        for (uint256 i; i < 3; ++i) _commit(jobId, 0, w[i], _truth(jobId, 0));
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsNotAssigned.selector, jobId, 0, client));
        vm.prank(client);
        renderJobs.revealResult(jobId, 0, _truth(jobId, 0), bytes32(0));
        vm.expectRevert(IRenderJobs.RenderJobsZeroHash.selector);
        vm.prank(w[0]);
        renderJobs.revealResult(jobId, 0, bytes32(0), bytes32(0));
        _reveal(jobId, 0, w[0], _truth(jobId, 0));
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsAlreadySubmitted.selector, jobId, 0, w[0]));
        _reveal(jobId, 0, w[0], _truth(jobId, 0));
    }

    function test_settleTile_RevertWhen_NothingIsThereToSettle() public {
        uint256 jobId = _postAndAccept(BUDGET);
        vm.expectRevert(
            abi.encodeWithSelector(IRenderJobs.RenderJobsTilePhase.selector, jobId, 0, IRenderJobs.TilePhase.Unassigned)
        );
        renderJobs.settleTile(jobId, 0);
        _runTile(jobId, 0, address(0));
        vm.expectRevert(
            abi.encodeWithSelector(IRenderJobs.RenderJobsTilePhase.selector, jobId, 0, IRenderJobs.TilePhase.Accepted)
        );
        renderJobs.settleTile(jobId, 0);
    }

    // =========================================================================================
    // completeJob, abandonJob, releaseTile, withdraw
    // =========================================================================================

    function test_completeJob_RevertWhen_NotTheSchedulerTilesPendingOrLate() public {
        uint256 jobId = _postAndAccept(BUDGET);
        bytes32 result = keccak256("assembled");
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsTilesPending.selector, jobId, 0, TILES));
        vm.prank(scheduler);
        renderJobs.completeJob(jobId, result, RAW);
        for (uint256 tile; tile < TILES; ++tile) _runTile(jobId, tile, address(0));
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsUnauthorized.selector, jobId, client));
        vm.prank(client);
        renderJobs.completeJob(jobId, result, RAW);
        vm.expectRevert(IRenderJobs.RenderJobsZeroHash.selector);
        vm.prank(scheduler);
        renderJobs.completeJob(jobId, bytes32(0), RAW);
        uint256 deadline = renderJobs.jobOf(jobId).deadline;
        vm.warp(deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsDeadline.selector, jobId, deadline));
        vm.prank(scheduler);
        renderJobs.completeJob(jobId, result, RAW);
    }

    function test_abandonJob_SlashesTheSchedulerAndRefundsWhatWorkersDidNotEarn() public {
        uint256 jobId = _postAndAccept(BUDGET);
        _runTile(jobId, 0, address(0));
        renderJobs.assignTile(jobId, 1);
        address[3] memory w = _workersOf(jobId, 1);
        uint256 deadline = renderJobs.jobOf(jobId).deadline;
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsDeadline.selector, jobId, deadline));
        renderJobs.abandonJob(jobId);
        vm.expectRevert(
            abi.encodeWithSelector(IRenderJobs.RenderJobsJobStatus.selector, jobId, IRenderJobs.JobStatus.Accepted)
        );
        renderJobs.releaseTile(jobId, 1);

        vm.warp(deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsDeadline.selector, jobId, deadline));
        renderJobs.assignTile(jobId, 2);
        uint256 price = renderJobs.jobOf(jobId).pricePerResult;
        vm.expectEmit(address(renderJobs));
        emit IRenderJobs.JobAbandoned(jobId, JOB_STAKE, BUDGET - 3 * price);
        renderJobs.abandonJob(jobId);
        assertEq(_staked(scheduler), SCHEDULER_STAKE - JOB_STAKE, "scheduler slashed");
        assertEq(_locked(scheduler), 0, "its lock went with the slash");
        assertEq(renderJobs.owedTo(client), BUDGET - 3 * price, "refund");
        assertEq(_owedToEveryone(), BUDGET, "everything accounted for");

        // The Workers drawn for tile 1 are freed, unpaid and unslashed.
        renderJobs.releaseTile(jobId, 1);
        for (uint256 i; i < 3; ++i) {
            assertEq(_locked(w[i]), 0, "released");
            assertEq(_staked(w[i]), MIN_WORKER_STAKE, "not slashed");
        }
        vm.expectRevert(
            abi.encodeWithSelector(IRenderJobs.RenderJobsTilePhase.selector, jobId, 1, IRenderJobs.TilePhase.Unassigned)
        );
        renderJobs.releaseTile(jobId, 1);
        vm.expectRevert(
            abi.encodeWithSelector(IRenderJobs.RenderJobsJobStatus.selector, jobId, IRenderJobs.JobStatus.Abandoned)
        );
        renderJobs.settleTile(jobId, 1);
    }

    function test_withdraw_RevertWhen_NothingIsOwed() public {
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsNothingOwed.selector, alice));
        vm.prank(alice);
        renderJobs.withdraw();
    }

    // =========================================================================================
    // Budget accounting
    // =========================================================================================

    /// @dev Whatever the budget, the fee share, how many tiles get settled, who lies and whether
    /// the Scheduler finishes: Workers' pay, the fee and the refund add up to the budget exactly,
    /// and after everyone withdraws the contract holds nothing.
    function testFuzz_BudgetAndPayoutsSumExactly(
        uint256 budget,
        uint256 feeBps,
        uint8 settled,
        uint8 liarIndex,
        bool finish
    ) public {
        budget = bound(budget, 36, 1_000_000 * MRK);
        feeBps = bound(feeBps, 0, 5_000);
        _setParameter("render.schedulerFeeBps", feeBps);
        address liar = workers[liarIndex % 4];
        uint256 tiles = finish ? TILES : bound(settled, 0, TILES);

        uint256 jobId = _postAndAccept(budget);
        for (uint256 tile; tile < tiles; ++tile) _runTile(jobId, tile, liar);
        if (finish) {
            vm.prank(scheduler);
            renderJobs.completeJob(jobId, keccak256("result"), RAW);
        } else {
            vm.warp(renderJobs.jobOf(jobId).deadline + 1);
            renderJobs.abandonJob(jobId);
        }
        assertEq(_owedToEveryone(), budget, "payouts + fee + refund == budget");
        assertEq(mrk.balanceOf(address(renderJobs)), budget, "held what it owes");
        address[6] memory payees = [scheduler, client, alice, bob, carol, mallory];
        for (uint256 i; i < payees.length; ++i) {
            if (renderJobs.owedTo(payees[i]) == 0) continue;
            vm.prank(payees[i]);
            renderJobs.withdraw();
        }
        assertEq(mrk.balanceOf(address(renderJobs)), 0, "nothing stuck");
    }
}
