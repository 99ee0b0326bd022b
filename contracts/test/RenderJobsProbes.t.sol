// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IRenderJobs} from "../interfaces/IRenderJobs.sol";
import {RenderJobsFixture} from "./utils/RenderJobsFixture.sol";
import {Vm} from "./utils/Vm.sol";

/// @notice Known-answer (probe) tiles: the client seals answers for some tiles at posting, opens
/// one once the tile's Workers have all sealed their results, and the answer counts as one more
/// vote at settlement. The probe tree is built the way `render-network/src/probes.ts` builds it:
/// one leaf per tile of the job, `leafOf(tile, answer)` at a probe's position and zero elsewhere.
contract RenderJobsProbesTest is RenderJobsFixture {
    uint256 internal constant TILES = 6;
    uint256 internal constant DEPTH = 3; // ⌈log2(6)⌉
    /// @dev The probe tiles of `_probeJob`: 1 and 4.
    uint256 internal constant PROBE = 1;
    uint256 internal constant OTHER_PROBE = 4;
    bytes32 internal constant TRUSTED_RATING = keccak256("render.trustedRating");
    bytes32 internal constant AUDIT = keccak256("render.auditOneIn");

    // --- The probe tree --------------------------------------------------------------------------

    function _leaf(uint256 tile, bytes32 answer) internal pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(tile, answer))));
    }

    /// @dev Leaves of a six-tile job whose probes are `PROBE` and `OTHER_PROBE` with `answer` and the truth.
    function _leaves(uint256 jobId, bytes32 answer) internal pure returns (bytes32[] memory leaves) {
        leaves = new bytes32[](1 << DEPTH);
        leaves[PROBE] = _leaf(PROBE, answer);
        leaves[OTHER_PROBE] = _leaf(OTHER_PROBE, _truth(jobId, OTHER_PROBE));
    }

    /// @dev Every level, the (padded) leaves first and the root last.
    function _levels(bytes32[] memory leaves) internal pure returns (bytes32[][] memory levels) {
        levels = new bytes32[][](DEPTH + 1);
        levels[0] = leaves;
        for (uint256 level = 1; level <= DEPTH; ++level) {
            bytes32[] memory below = levels[level - 1];
            levels[level] = new bytes32[](below.length / 2);
            for (uint256 i; i < below.length / 2; ++i) {
                levels[level][i] = keccak256(abi.encodePacked(below[2 * i], below[2 * i + 1]));
            }
        }
    }

    function _root(bytes32[] memory leaves) internal pure returns (bytes32) {
        return _levels(leaves)[DEPTH][0];
    }

    function _proof(bytes32[] memory leaves, uint256 position) internal pure returns (bytes32[] memory proof) {
        bytes32[][] memory levels = _levels(leaves);
        proof = new bytes32[](DEPTH);
        for (uint256 level; level < DEPTH; ++level) proof[level] = levels[level][(position >> level) ^ 1];
    }

    /// @dev Posts and accepts a job whose probe tile `PROBE` has the known answer `answer`. Job ids
    /// run from 1, so the next one is known before posting.
    function _probeJob(bytes32 answer) internal returns (uint256 jobId, bytes32[] memory leaves) {
        jobId = renderJobs.jobCount() + 1;
        leaves = _leaves(jobId, answer);
        assertEq(_postWithProbes(BUDGET, _root(leaves)), jobId, "job id");
        vm.prank(scheduler);
        renderJobs.acceptJob(jobId);
        _mine();
    }

    function _open(uint256 jobId, bytes32[] memory leaves, uint256 tile, bytes32 answer) internal {
        renderJobs.openProbe(jobId, tile, answer, _proof(leaves, tile));
    }

    // --- Driving a round -------------------------------------------------------------------------

    /// @dev The tile's drawn Workers commit: slots below `liars` commit the wrong hash.
    function _commitAll(uint256 jobId, uint256 tile, uint256 liars) internal returns (address[3] memory drawn) {
        drawn = _workersOf(jobId, tile);
        for (uint256 slot; slot < 3; ++slot) {
            _commit(jobId, tile, drawn[slot], slot < liars ? _lie(jobId, tile) : _truth(jobId, tile));
        }
    }

    function _revealAll(uint256 jobId, uint256 tile, address[3] memory drawn, uint256 liars) internal {
        for (uint256 slot; slot < 3; ++slot) {
            _reveal(jobId, tile, drawn[slot], slot < liars ? _lie(jobId, tile) : _truth(jobId, tile));
        }
    }

    /// @dev The client settles: on a job with probes nobody else may before the reveal deadline.
    function _settle(uint256 jobId, uint256 tile) internal {
        vm.prank(client);
        renderJobs.settleTile(jobId, tile);
    }

    function _staked(address account) internal view returns (uint256) {
        return staking.stakeOf(account).staked;
    }

    function _locked(address account) internal view returns (uint256) {
        return staking.stakeOf(account).locked;
    }

    function _phase(uint256 jobId, uint256 tile) internal view returns (IRenderJobs.TilePhase) {
        return renderJobs.tileOf(jobId, tile).phase;
    }

    function _expectPhase(uint256 jobId, uint256 tile, IRenderJobs.TilePhase phase) internal {
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsTilePhase.selector, jobId, tile, phase));
    }

    // =========================================================================================
    // Sealing and opening
    // =========================================================================================

    function test_postJob_SealsTheProbeRoot() public {
        bytes32[] memory leaves = _leaves(1, _truth(1, PROBE));
        vm.recordLogs();
        uint256 jobId = _postWithProbes(BUDGET, _root(leaves));
        assertEq(renderJobs.jobOf(jobId).probeRoot, _root(leaves), "stored");
        Vm.Log[] memory logs = vm.getRecordedLogs();
        Vm.Log memory last = logs[logs.length - 2]; // then the budget's transfer
        assertEq(last.emitter, address(renderJobs), "emitter");
        assertEq(last.topics[0], IRenderJobs.ProbesSealed.selector, "ProbesSealed");
        assertEq(uint256(last.topics[1]), jobId, "job");
        assertEq(abi.decode(last.data, (bytes32)), _root(leaves), "root");
        assertEq(renderJobs.jobOf(_post(BUDGET)).probeRoot, bytes32(0), "a job without probes");
    }

    function test_openProbe_OpensOnceEveryWorkerHasSealed() public {
        (uint256 jobId, bytes32[] memory leaves) = _probeJob(_truth(1, PROBE));
        renderJobs.assignTile(jobId, PROBE);
        address[3] memory drawn = _workersOf(jobId, PROBE);
        _commit(jobId, PROBE, drawn[0], _truth(jobId, PROBE));
        _commit(jobId, PROBE, drawn[1], _truth(jobId, PROBE));
        // Two of three sealed: the answer could still reach the third.
        bytes32[] memory proof = _proof(leaves, PROBE);
        _expectPhase(jobId, PROBE, IRenderJobs.TilePhase.Committing);
        renderJobs.openProbe(jobId, PROBE, _truth(jobId, PROBE), proof);
        _commit(jobId, PROBE, drawn[2], _truth(jobId, PROBE));
        vm.expectEmit(address(renderJobs));
        emit IRenderJobs.ProbeOpened(jobId, PROBE, _truth(jobId, PROBE));
        renderJobs.openProbe(jobId, PROBE, _truth(jobId, PROBE), proof);
        assertEq(renderJobs.probeAnswerOf(jobId, PROBE), _truth(jobId, PROBE), "stored");
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsProbeOpened.selector, jobId, PROBE));
        renderJobs.openProbe(jobId, PROBE, _truth(jobId, PROBE), proof);
    }

    function test_openProbe_RevertsBeforeTheDrawAndAfterSettlement() public {
        (uint256 jobId, bytes32[] memory leaves) = _probeJob(_truth(1, PROBE));
        bytes32[] memory proof = _proof(leaves, PROBE);
        _expectPhase(jobId, PROBE, IRenderJobs.TilePhase.Unassigned);
        renderJobs.openProbe(jobId, PROBE, _truth(jobId, PROBE), proof);
        renderJobs.assignTile(jobId, PROBE);
        _revealAll(jobId, PROBE, _commitAll(jobId, PROBE, 0), 0);
        _settle(jobId, PROBE);
        _expectPhase(jobId, PROBE, IRenderJobs.TilePhase.Accepted);
        renderJobs.openProbe(jobId, PROBE, _truth(jobId, PROBE), proof);
    }

    function test_openProbe_RevertsOnAWrongAnswerProofOrTile() public {
        (uint256 jobId, bytes32[] memory leaves) = _probeJob(_truth(1, PROBE));
        for (uint256 tile; tile < 3; ++tile) {
            renderJobs.assignTile(jobId, tile);
            _commitAll(jobId, tile, 0);
        }
        bytes32 truth = _truth(jobId, PROBE);
        bytes32[] memory proof = _proof(leaves, PROBE);
        bytes memory bad = abi.encodeWithSelector(IRenderJobs.RenderJobsProbeProof.selector, jobId, PROBE);
        // Another answer than the sealed one.
        vm.expectRevert(bad);
        renderJobs.openProbe(jobId, PROBE, _lie(jobId, PROBE), proof);
        // A zero answer, which an empty position would otherwise look like.
        vm.expectRevert(bad);
        renderJobs.openProbe(jobId, PROBE, bytes32(0), proof);
        // A proof one level short (the root of a smaller tree) or one too long.
        bytes32[] memory short = new bytes32[](DEPTH - 1);
        for (uint256 i; i < short.length; ++i) short[i] = proof[i];
        vm.expectRevert(bad);
        renderJobs.openProbe(jobId, PROBE, truth, short);
        bytes32[] memory long = new bytes32[](DEPTH + 1);
        for (uint256 i; i < DEPTH; ++i) long[i] = proof[i];
        vm.expectRevert(bad);
        renderJobs.openProbe(jobId, PROBE, truth, long);
        // Tile 2 is not a probe: its position holds zero, which no answer's leaf is.
        bytes32[] memory proof2 = _proof(leaves, 2);
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsProbeProof.selector, jobId, 2));
        renderJobs.openProbe(jobId, 2, _truth(jobId, 2), proof2);
        // Tile 1's answer and proof do not open it as tile 0, whose position its sibling is.
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsProbeProof.selector, jobId, 0));
        renderJobs.openProbe(jobId, 0, truth, proof);
        // Nor for another job, nor a tile past the job's last.
        uint256 plain = _postAndAccept(BUDGET);
        renderJobs.assignTile(plain, PROBE);
        _commitAll(plain, PROBE, 0);
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsProbeProof.selector, plain, PROBE));
        renderJobs.openProbe(plain, PROBE, truth, proof);
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsUnknownTile.selector, jobId, TILES));
        renderJobs.openProbe(jobId, TILES, truth, proof);
    }

    function test_openProbe_RevertsOnAnUnacceptedJob() public {
        bytes32[] memory leaves = _leaves(1, _truth(1, PROBE));
        uint256 jobId = _postWithProbes(BUDGET, _root(leaves));
        bytes32[] memory proof = _proof(leaves, PROBE);
        vm.expectRevert(
            abi.encodeWithSelector(IRenderJobs.RenderJobsJobStatus.selector, jobId, IRenderJobs.JobStatus.Posted)
        );
        renderJobs.openProbe(jobId, PROBE, _truth(jobId, PROBE), proof);
    }

    /// @dev Any other answer, or any proof with one sibling changed, fails; the sealed one opens.
    function testFuzz_openProbe_OpensOnlyTheSealedAnswer(bytes32 answer, uint256 level, bytes32 sibling) public {
        (uint256 jobId, bytes32[] memory leaves) = _probeJob(_truth(1, PROBE));
        renderJobs.assignTile(jobId, PROBE);
        _commitAll(jobId, PROBE, 0);
        bytes32 truth = _truth(jobId, PROBE);
        bytes32[] memory proof = _proof(leaves, PROBE);
        if (answer != truth) {
            vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsProbeProof.selector, jobId, PROBE));
            renderJobs.openProbe(jobId, PROBE, answer, proof);
        }
        level = bound(level, 0, DEPTH - 1);
        if (sibling != proof[level]) {
            bytes32[] memory forged = _proof(leaves, PROBE);
            forged[level] = sibling;
            vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsProbeProof.selector, jobId, PROBE));
            renderJobs.openProbe(jobId, PROBE, truth, forged);
        }
        renderJobs.openProbe(jobId, PROBE, truth, proof);
        assertEq(renderJobs.probeAnswerOf(jobId, PROBE), truth, "opened");
    }

    // =========================================================================================
    // The known answer as a vote
    // =========================================================================================

    function test_probe_AgreeingWithThreeWorkersAcceptsTheTileAsUsual() public {
        (uint256 jobId, bytes32[] memory leaves) = _probeJob(_truth(1, PROBE));
        renderJobs.assignTile(jobId, PROBE);
        address[3] memory drawn = _commitAll(jobId, PROBE, 0);
        _open(jobId, leaves, PROBE, _truth(jobId, PROBE));
        _revealAll(jobId, PROBE, drawn, 0);
        vm.expectEmit(address(renderJobs));
        emit IRenderJobs.TileAccepted(jobId, PROBE, _truth(jobId, PROBE), 3);
        vm.expectEmit(address(renderJobs));
        emit IRenderJobs.ProbeCounted(jobId, PROBE, 0, true);
        _settle(jobId, PROBE);
        assertEq(renderJobs.jobOf(jobId).paidToWorkers, 3 * renderJobs.jobOf(jobId).pricePerResult, "three paid");
    }

    /// @dev Two drawn Workers agree on the same wrong hash: without the probe they would win 2:1.
    function test_probe_CatchesTwoColludersWhoAreSlashedOnceAnHonestRoundDecides() public {
        (uint256 jobId, bytes32[] memory leaves) = _probeJob(_truth(1, PROBE));
        renderJobs.assignTile(jobId, PROBE);
        address[3] memory drawn = _commitAll(jobId, PROBE, 2);
        _open(jobId, leaves, PROBE, _truth(jobId, PROBE));
        _revealAll(jobId, PROBE, drawn, 2);
        vm.expectEmit(address(renderJobs));
        emit IRenderJobs.TileHeld(jobId, PROBE, 0);
        _settle(jobId, PROBE);
        IRenderJobs.TileView memory t = renderJobs.tileOf(jobId, PROBE);
        assertEq(uint256(t.phase), uint256(IRenderJobs.TilePhase.Unassigned), "drawn afresh");
        assertEq(t.round, 1, "next round");
        assertEq(renderJobs.jobOf(jobId).paidToWorkers, 0, "nobody paid");
        for (uint256 slot; slot < 3; ++slot) {
            assertEq(_locked(drawn[slot]), TILE_STAKE, "held, still locked");
            assertEq(_staked(drawn[slot]), MIN_WORKER_STAKE, "not slashed yet");
        }
        // Judging waits for the tile's answer.
        _expectPhase(jobId, PROBE, IRenderJobs.TilePhase.Unassigned);
        renderJobs.judgeHeldRound(jobId, PROBE, 0);

        // An honest round (the known answer stays a vote) decides the tile.
        _mine();
        renderJobs.assignTile(jobId, PROBE);
        address[3] memory next = _commitAll(jobId, PROBE, 0);
        _revealAll(jobId, PROBE, next, 0);
        vm.expectEmit(address(renderJobs));
        emit IRenderJobs.ProbeCounted(jobId, PROBE, 1, true);
        _settle(jobId, PROBE);
        assertEq(renderJobs.tileOf(jobId, PROBE).acceptedResult, _truth(jobId, PROBE), "the truth");

        for (uint256 slot; slot < 3; ++slot) {
            vm.expectEmit(address(renderJobs));
            emit IRenderJobs.HeldResultJudged(jobId, PROBE, 0, drawn[slot], slot == 2, slot == 2 ? 0 : TILE_STAKE);
        }
        renderJobs.judgeHeldRound(jobId, PROBE, 0);
        for (uint256 slot; slot < 2; ++slot) {
            assertEq(_staked(drawn[slot]), MIN_WORKER_STAKE - TILE_STAKE, "colluder slashed");
            assertEq(staking.ratingOf(drawn[slot], VERSION), 0, "colluder's rating reset");
            assertEq(_locked(drawn[slot]), 0, "colluder's lock gone");
        }
        assertEq(_staked(drawn[2]), MIN_WORKER_STAKE, "honest Worker not slashed");
        assertEq(_locked(drawn[2]), 0, "honest Worker released");
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsNoHeldRound.selector, jobId, PROBE, 0));
        renderJobs.judgeHeldRound(jobId, PROBE, 0);
    }

    function test_probe_AWrongKnownAnswerCannotFrameThreeHonestWorkers() public {
        (uint256 jobId, bytes32[] memory leaves) = _probeJob(_lie(1, PROBE));
        renderJobs.assignTile(jobId, PROBE);
        address[3] memory drawn = _commitAll(jobId, PROBE, 0);
        _open(jobId, leaves, PROBE, _lie(jobId, PROBE));
        _revealAll(jobId, PROBE, drawn, 0);
        vm.expectEmit(address(renderJobs));
        emit IRenderJobs.TileAccepted(jobId, PROBE, _truth(jobId, PROBE), 3);
        vm.expectEmit(address(renderJobs));
        emit IRenderJobs.ProbeCounted(jobId, PROBE, 0, false);
        _settle(jobId, PROBE);
        for (uint256 slot; slot < 3; ++slot) {
            assertEq(_staked(drawn[slot]), MIN_WORKER_STAKE, "not slashed");
            assertEq(renderJobs.owedTo(drawn[slot]), renderJobs.jobOf(jobId).pricePerResult, "paid");
        }
    }

    function test_probe_AWrongKnownAnswerLosesToTwoHonestWorkersAndASilentOne() public {
        (uint256 jobId, bytes32[] memory leaves) = _probeJob(_lie(1, PROBE));
        renderJobs.assignTile(jobId, PROBE);
        address[3] memory drawn = _commitAll(jobId, PROBE, 0);
        _open(jobId, leaves, PROBE, _lie(jobId, PROBE));
        _reveal(jobId, PROBE, drawn[0], _truth(jobId, PROBE));
        _reveal(jobId, PROBE, drawn[1], _truth(jobId, PROBE));
        vm.warp(renderJobs.tileOf(jobId, PROBE).deadline + 1);
        _settle(jobId, PROBE);
        assertEq(renderJobs.tileOf(jobId, PROBE).acceptedResult, _truth(jobId, PROBE), "2:1");
        assertEq(_staked(drawn[2]), MIN_WORKER_STAKE - TILE_STAKE, "the silent one slashed");
    }

    function test_probe_AndOneWorkerOutvoteTwoWhoDisagreeWithEachOther() public {
        (uint256 jobId, bytes32[] memory leaves) = _probeJob(_truth(1, PROBE));
        renderJobs.assignTile(jobId, PROBE);
        address[3] memory drawn = _workersOf(jobId, PROBE);
        bytes32 other = keccak256("other wrong pixels");
        _commit(jobId, PROBE, drawn[0], _truth(jobId, PROBE));
        _commit(jobId, PROBE, drawn[1], _lie(jobId, PROBE));
        _commit(jobId, PROBE, drawn[2], other);
        _open(jobId, leaves, PROBE, _truth(jobId, PROBE));
        _reveal(jobId, PROBE, drawn[0], _truth(jobId, PROBE));
        _reveal(jobId, PROBE, drawn[1], _lie(jobId, PROBE));
        _reveal(jobId, PROBE, drawn[2], other);
        vm.expectEmit(address(renderJobs));
        emit IRenderJobs.TileAccepted(jobId, PROBE, _truth(jobId, PROBE), 1);
        _settle(jobId, PROBE);
        assertEq(_staked(drawn[1]), MIN_WORKER_STAKE - TILE_STAKE, "dissent slashed");
        assertEq(_staked(drawn[2]), MIN_WORKER_STAKE - TILE_STAKE, "dissent slashed");
    }

    function test_settleTile_OnlyTheClientSettlesEarlyOnAJobWithProbes() public {
        (uint256 jobId, ) = _probeJob(_truth(1, PROBE));
        renderJobs.assignTile(jobId, 0);
        _revealAll(jobId, 0, _commitAll(jobId, 0, 0), 0);
        uint256 deadline = renderJobs.tileOf(jobId, 0).deadline;
        // Every Worker revealed, but a Scheduler (or anyone) settling now could beat the probe.
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsTileDeadline.selector, jobId, 0, deadline));
        vm.prank(scheduler);
        renderJobs.settleTile(jobId, 0);
        _settle(jobId, 0);
        assertEq(uint256(_phase(jobId, 0)), uint256(IRenderJobs.TilePhase.Accepted), "the client may");
        // Past the reveal deadline anyone may: a client gone quiet does not stall the job.
        renderJobs.assignTile(jobId, 2);
        _revealAll(jobId, 2, _commitAll(jobId, 2, 0), 0);
        vm.warp(renderJobs.tileOf(jobId, 2).deadline + 1);
        vm.prank(scheduler);
        renderJobs.settleTile(jobId, 2);
        assertEq(uint256(_phase(jobId, 2)), uint256(IRenderJobs.TilePhase.Accepted), "anyone, late");
    }

    function test_probe_UnopenedCountsForNothing() public {
        (uint256 jobId, ) = _probeJob(_truth(1, PROBE));
        renderJobs.assignTile(jobId, PROBE);
        address[3] memory drawn = _commitAll(jobId, PROBE, 2);
        _revealAll(jobId, PROBE, drawn, 2);
        _settle(jobId, PROBE);
        // As without probes: the client's client did not open it in time, and two liars win.
        assertEq(renderJobs.tileOf(jobId, PROBE).acceptedResult, _lie(jobId, PROBE), "2:1 without it");
    }

    function test_probe_HeldRoundsAreReleasedWhenTheJobIsAbandoned() public {
        (uint256 jobId, bytes32[] memory leaves) = _probeJob(_truth(1, PROBE));
        renderJobs.assignTile(jobId, PROBE);
        address[3] memory drawn = _commitAll(jobId, PROBE, 2);
        _open(jobId, leaves, PROBE, _truth(jobId, PROBE));
        _revealAll(jobId, PROBE, drawn, 2);
        _settle(jobId, PROBE);
        vm.warp(renderJobs.jobOf(jobId).deadline + 1);
        renderJobs.abandonJob(jobId);
        renderJobs.judgeHeldRound(jobId, PROBE, 0);
        for (uint256 slot; slot < 3; ++slot) {
            assertEq(_locked(drawn[slot]), 0, "released");
            assertEq(_staked(drawn[slot]), MIN_WORKER_STAKE, "unjudged, unslashed");
        }
    }

    function test_judgeHeldRound_RevertsForARoundNeverHeld() public {
        (uint256 jobId, ) = _probeJob(_truth(1, PROBE));
        renderJobs.assignTile(jobId, PROBE);
        _revealAll(jobId, PROBE, _commitAll(jobId, PROBE, 0), 0);
        _settle(jobId, PROBE);
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsNoHeldRound.selector, jobId, PROBE, 0));
        renderJobs.judgeHeldRound(jobId, PROBE, 0);
    }

    // =========================================================================================
    // Single trusted Workers
    // =========================================================================================

    /// @dev Every Worker trusted, audits never: tile `PROBE` goes to one Worker, unaudited.
    function _singleProbe(bytes32 known, bytes32 rendered) internal returns (uint256 jobId, address worker) {
        vm.startPrank(governance);
        params.set(TRUSTED_RATING, 10);
        params.set(AUDIT, 1_000_000);
        vm.stopPrank();
        for (uint256 i; i < workers.length; ++i) {
            vm.prank(address(renderJobs));
            staking.adjustRating(workers[i], VERSION, 10);
        }
        bytes32[] memory leaves;
        (jobId, leaves) = _probeJob(known);
        renderJobs.assignTile(jobId, PROBE);
        worker = _workersOf(jobId, PROBE)[0];
        assertTrue(renderJobs.tileOf(jobId, PROBE).single, "single");
        _commit(jobId, PROBE, worker, rendered);
        _mine();
        renderJobs.assignTile(jobId, PROBE); // the audit draw: skipped
        _open(jobId, leaves, PROBE, known);
        _reveal(jobId, PROBE, worker, rendered);
    }

    function test_probe_CatchesASingleTrustedLiar() public {
        (uint256 jobId, address liar) = _singleProbe(_truth(1, PROBE), _lie(1, PROBE));
        vm.expectEmit(address(renderJobs));
        emit IRenderJobs.TileHeld(jobId, PROBE, 0);
        _settle(jobId, PROBE);
        _mine();
        renderJobs.assignTile(jobId, PROBE);
        assertFalse(renderJobs.tileOf(jobId, PROBE).single, "replicated now");
        address[3] memory next = _commitAll(jobId, PROBE, 0);
        _revealAll(jobId, PROBE, next, 0);
        _settle(jobId, PROBE);
        renderJobs.judgeHeldRound(jobId, PROBE, 0);
        assertEq(_staked(liar), MIN_WORKER_STAKE - TILE_STAKE, "slashed");
        assertEq(staking.ratingOf(liar, VERSION), 0, "trust lost");
    }

    function test_probe_AgreeingWithASingleTrustedWorkerAcceptsItsResult() public {
        (uint256 jobId, address worker) = _singleProbe(_truth(1, PROBE), _truth(1, PROBE));
        vm.expectEmit(address(renderJobs));
        emit IRenderJobs.TileAccepted(jobId, PROBE, _truth(jobId, PROBE), 1);
        _settle(jobId, PROBE);
        assertEq(renderJobs.owedTo(worker), renderJobs.jobOf(jobId).pricePerResult, "paid once");
    }

    // =========================================================================================
    // Budgets still sum exactly
    // =========================================================================================

    /// @dev Whatever the known answers (right or wrong) and the colluders on the probe tiles,
    /// every tile completes, the budget is exactly fee + pay + refund, and the MRK held is what is owed.
    function testFuzz_BudgetSumsExactlyWithProbes(bool wrongProbe, uint256 liarsSeed, uint256 otherLiarsSeed) public {
        // Room for the colluders' slashes: every Worker stays eligible through two of them.
        for (uint256 i; i < workers.length; ++i) {
            _fund(workers[i], MIN_WORKER_STAKE);
            vm.startPrank(workers[i]);
            mrk.approve(address(staking), MIN_WORKER_STAKE);
            staking.addStake(MIN_WORKER_STAKE, _noPermit());
            vm.stopPrank();
        }
        bytes32 known = wrongProbe ? _lie(1, PROBE) : _truth(1, PROBE);
        (uint256 jobId, bytes32[] memory leaves) = _probeJob(known);
        for (uint256 tile; tile < TILES; ++tile) {
            bool probe = tile == PROBE || tile == OTHER_PROBE;
            uint256 liars = probe ? bound(tile == PROBE ? liarsSeed : otherLiarsSeed, 0, 2) : 0;
            renderJobs.assignTile(jobId, tile);
            address[3] memory drawn = _commitAll(jobId, tile, liars);
            if (probe) _open(jobId, leaves, tile, tile == PROBE ? known : _truth(jobId, tile));
            _revealAll(jobId, tile, drawn, liars);
            _settle(jobId, tile);
            if (renderJobs.tileOf(jobId, tile).phase != IRenderJobs.TilePhase.Accepted) {
                _mine();
                renderJobs.assignTile(jobId, tile);
                _revealAll(jobId, tile, _commitAll(jobId, tile, 0), 0);
                _settle(jobId, tile);
                renderJobs.judgeHeldRound(jobId, tile, 0);
            }
            assertEq(renderJobs.tileOf(jobId, tile).acceptedResult, liars == 2 && wrongProbe && tile == PROBE ? _lie(jobId, tile) : _truth(jobId, tile), "answer");
        }
        vm.prank(scheduler);
        renderJobs.completeJob(jobId, keccak256("panorama"), RAW);
        assertEq(_owedToEveryone(), BUDGET, "budget = fee + pay + refund");
        assertEq(mrk.balanceOf(address(renderJobs)), BUDGET, "held = owed");
        for (uint256 i; i < workers.length; ++i) assertEq(_locked(workers[i]), 0, "nothing left locked");
    }
}
