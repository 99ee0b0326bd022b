// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IRenderJobs} from "../interfaces/IRenderJobs.sol";
import {RenderJobsFixture} from "./utils/RenderJobsFixture.sol";

/// @notice Adaptive replication: a tile whose first draw lands on a Worker trusted for the job's
/// renderer version is rendered by that Worker alone, unless the audit drawn from a block after
/// its commitment adds two more Workers.
contract RenderJobsAdaptiveTest is RenderJobsFixture {
    uint256 internal constant TILES = 6;
    uint256 internal constant TRUST = 10;
    bytes32 internal constant TRUSTED_RATING = keccak256("render.trustedRating");
    bytes32 internal constant AUDIT = keccak256("render.auditOneIn");
    /// @dev An audit one time in a million: never, for a test's few tiles.
    uint256 internal constant NEVER = 1_000_000;

    function setUp() public override {
        super.setUp();
        _setParam(TRUSTED_RATING, TRUST);
        for (uint256 i; i < workers.length; ++i) _rate(workers[i], TRUST);
    }

    function _setParam(bytes32 key, uint256 value) internal {
        vm.prank(governance);
        params.set(key, value);
    }

    function _rate(address worker, uint256 points) internal {
        vm.prank(address(renderJobs));
        staking.adjustRating(worker, VERSION, int256(points));
    }

    function _staked(address account) internal view returns (uint256) {
        return staking.stakeOf(account).staked;
    }

    function _locked(address account) internal view returns (uint256) {
        return staking.stakeOf(account).locked;
    }

    /// @dev Assigns tile 0 of a fresh job: a single-Worker tile, since every Worker is trusted.
    function _singleTile() internal returns (uint256 jobId, address worker) {
        jobId = _postAndAccept(BUDGET);
        renderJobs.assignTile(jobId, 0);
        worker = _workersOf(jobId, 0)[0];
    }

    // =========================================================================================
    // Trusted Workers render alone
    // =========================================================================================

    function test_assignTile_GivesATrustedWorkerTheTileAlone() public {
        uint256 jobId = _postAndAccept(BUDGET);
        vm.recordLogs();
        renderJobs.assignTile(jobId, 0);
        IRenderJobs.TileView memory t = renderJobs.tileOf(jobId, 0);
        assertTrue(t.single, "single");
        assertTrue(t.workers[0] != address(0), "slot 0 drawn");
        assertEq(t.workers[1], address(0), "slot 1 empty");
        assertEq(t.workers[2], address(0), "slot 2 empty");
        assertEq(_locked(t.workers[0]), TILE_STAKE, "one lock");
        // Its empty slots are not for filling: the audit decides them after the commitment.
        vm.expectRevert(
            abi.encodeWithSelector(IRenderJobs.RenderJobsTilePhase.selector, jobId, 0, IRenderJobs.TilePhase.Committing)
        );
        renderJobs.assignTile(jobId, 0);
    }

    function test_assignTile_DrawsThreeWhenTrustIsOffOrTheFirstWorkerIsNotTrusted() public {
        _setParam(TRUSTED_RATING, 0);
        uint256 jobId = _postAndAccept(BUDGET);
        renderJobs.assignTile(jobId, 0);
        assertFalse(renderJobs.tileOf(jobId, 0).single, "off");
        assertTrue(_workersOf(jobId, 0)[2] != address(0), "three drawn");

        _setParam(TRUSTED_RATING, TRUST + 1); // nobody is trusted now
        renderJobs.assignTile(jobId, 1);
        assertFalse(renderJobs.tileOf(jobId, 1).single, "not trusted");
        assertTrue(_workersOf(jobId, 1)[2] != address(0), "three drawn");
    }

    function test_singleTile_UnauditedIsAcceptedOnItsOneResultAndTheRestRefunded() public {
        _setParam(AUDIT, NEVER);
        (uint256 jobId, address worker) = _singleTile();
        _commit(jobId, 0, worker, _truth(jobId, 0));
        IRenderJobs.TileView memory t = renderJobs.tileOf(jobId, 0);
        assertEq(uint256(t.phase), uint256(IRenderJobs.TilePhase.Committing), "waits for the audit draw");
        assertEq(t.seedBlock, block.number + 1, "drawn from the next block");
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsSeedNotReady.selector, jobId, 0, block.number + 1));
        renderJobs.assignTile(jobId, 0);
        _mine();
        vm.expectEmit(address(renderJobs));
        emit IRenderJobs.TileAudit(jobId, 0, false);
        renderJobs.assignTile(jobId, 0);
        assertEq(uint256(renderJobs.tileOf(jobId, 0).phase), uint256(IRenderJobs.TilePhase.Revealing), "opens");
        _reveal(jobId, 0, worker, _truth(jobId, 0));
        vm.expectEmit(address(renderJobs));
        emit IRenderJobs.TileAccepted(jobId, 0, _truth(jobId, 0), 1);
        renderJobs.settleTile(jobId, 0);
        IRenderJobs.JobView memory job = renderJobs.jobOf(jobId);
        assertEq(renderJobs.owedTo(worker), job.pricePerResult, "paid once");
        assertEq(job.paidToWorkers, job.pricePerResult, "one result paid");
        assertEq(staking.ratingOf(worker, VERSION), TRUST + 1, "rated up");
        assertEq(_locked(worker), 0, "released");
    }

    function test_singleTile_AuditedDrawsTwoMoreWhoCannotSeeTheTrustedResult() public {
        _setParam(AUDIT, 1); // always
        (uint256 jobId, address trusted) = _singleTile();
        _commit(jobId, 0, trusted, _truth(jobId, 0));
        _mine();
        vm.expectEmit(address(renderJobs));
        emit IRenderJobs.TileAudit(jobId, 0, true);
        renderJobs.assignTile(jobId, 0);
        IRenderJobs.TileView memory t = renderJobs.tileOf(jobId, 0);
        assertFalse(t.single, "now a tile of three");
        assertEq(uint256(t.phase), uint256(IRenderJobs.TilePhase.Committing), "the auditors commit");
        assertTrue(t.workers[1] != address(0) && t.workers[2] != address(0), "two drawn");
        assertTrue(t.workers[1] != trusted && t.workers[2] != trusted, "others");
        // The trusted Worker cannot reveal before the auditors have committed.
        vm.expectRevert(
            abi.encodeWithSelector(IRenderJobs.RenderJobsTilePhase.selector, jobId, 0, IRenderJobs.TilePhase.Committing)
        );
        _reveal(jobId, 0, trusted, _truth(jobId, 0));
        for (uint256 slot = 1; slot < 3; ++slot) _commit(jobId, 0, t.workers[slot], _truth(jobId, 0));
        for (uint256 slot; slot < 3; ++slot) _reveal(jobId, 0, t.workers[slot], _truth(jobId, 0));
        renderJobs.settleTile(jobId, 0);
        assertEq(renderJobs.tileOf(jobId, 0).acceptedResult, _truth(jobId, 0), "accepted by three");
        assertEq(renderJobs.jobOf(jobId).paidToWorkers, 3 * renderJobs.jobOf(jobId).pricePerResult, "three paid");
    }

    function test_singleTile_AnAuditCatchesATrustedLiarWhoLosesItsTrust() public {
        _setParam(AUDIT, 1);
        (uint256 jobId, address trusted) = _singleTile();
        _commit(jobId, 0, trusted, _lie(jobId, 0));
        _mine();
        renderJobs.assignTile(jobId, 0);
        address[3] memory w = _workersOf(jobId, 0);
        for (uint256 slot = 1; slot < 3; ++slot) _commit(jobId, 0, w[slot], _truth(jobId, 0));
        _reveal(jobId, 0, trusted, _lie(jobId, 0));
        for (uint256 slot = 1; slot < 3; ++slot) _reveal(jobId, 0, w[slot], _truth(jobId, 0));
        vm.expectEmit(address(renderJobs));
        emit IRenderJobs.WorkerFaulted(jobId, 0, trusted, IRenderJobs.Fault.Dissent, TILE_STAKE);
        renderJobs.settleTile(jobId, 0);
        assertEq(renderJobs.tileOf(jobId, 0).acceptedResult, _truth(jobId, 0), "the truth wins");
        assertEq(_staked(trusted), MIN_WORKER_STAKE - TILE_STAKE, "slashed");
        assertEq(staking.ratingOf(trusted, VERSION), 0, "trust earned again from zero");
        // Its next first draw gets company.
        renderJobs.assignTile(jobId, 1);
        if (_workersOf(jobId, 1)[0] == trusted) assertFalse(renderJobs.tileOf(jobId, 1).single, "not trusted");
    }

    function test_singleTile_ASilentTrustedWorkerIsSlashedAndReplacedByThree() public {
        (uint256 jobId, address trusted) = _singleTile();
        uint256 deadline = renderJobs.tileOf(jobId, 0).deadline;
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsTileDeadline.selector, jobId, 0, deadline));
        renderJobs.settleTile(jobId, 0);
        vm.warp(deadline + 1);
        vm.expectEmit(address(renderJobs));
        emit IRenderJobs.WorkerFaulted(jobId, 0, trusted, IRenderJobs.Fault.NoCommit, TILE_STAKE);
        renderJobs.settleTile(jobId, 0);
        assertFalse(renderJobs.tileOf(jobId, 0).single, "no longer single");
        _mine();
        renderJobs.assignTile(jobId, 0);
        address[3] memory w = _workersOf(jobId, 0);
        for (uint256 slot; slot < 3; ++slot) {
            assertTrue(w[slot] != address(0) && w[slot] != trusted, "three others");
        }
    }

    function test_singleTile_ATrustedWorkerThatDoesNotRevealIsSlashedAndTheTileDrawnAgainByThree() public {
        _setParam(AUDIT, NEVER);
        (uint256 jobId, address trusted) = _singleTile();
        _commit(jobId, 0, trusted, _truth(jobId, 0));
        _mine();
        renderJobs.assignTile(jobId, 0);
        uint256 deadline = renderJobs.tileOf(jobId, 0).deadline;
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsTileDeadline.selector, jobId, 0, deadline));
        renderJobs.settleTile(jobId, 0);
        vm.warp(deadline + 1);
        vm.expectEmit(address(renderJobs));
        emit IRenderJobs.WorkerFaulted(jobId, 0, trusted, IRenderJobs.Fault.NoReveal, TILE_STAKE);
        renderJobs.settleTile(jobId, 0);
        IRenderJobs.TileView memory t = renderJobs.tileOf(jobId, 0);
        assertEq(uint256(t.phase), uint256(IRenderJobs.TilePhase.Unassigned), "drawn afresh");
        assertEq(t.round, 1, "next round");
        _mine();
        renderJobs.assignTile(jobId, 0);
        assertFalse(renderJobs.tileOf(jobId, 0).single, "a later round is always replicated");
        assertTrue(_workersOf(jobId, 0)[2] != address(0), "three drawn");
    }

    function test_singleTile_SealsInABatchToo() public {
        _setParam(AUDIT, NEVER);
        (uint256 jobId, address trusted) = _singleTile();
        bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(uint256(0), _truth(jobId, 0)))));
        bytes32 salt = keccak256("salt");
        bytes32 commitment = keccak256(abi.encode(leaf, salt, trusted));
        uint256[] memory tiles = new uint256[](1);
        uint8[] memory slots = new uint8[](1);
        vm.prank(trusted);
        uint256 batch = renderJobs.commitBatch(jobId, tiles, slots, commitment);
        _mine();
        renderJobs.assignTile(jobId, 0);
        IRenderJobs.BatchOpening memory o;
        o.root = leaf;
        o.salt = salt;
        o.tiles = tiles;
        o.slots = slots;
        o.resultHashes = new bytes32[](1);
        o.resultHashes[0] = _truth(jobId, 0);
        o.proofs = new bytes32[][](1);
        vm.prank(trusted);
        renderJobs.revealBatch(jobId, batch, o);
        renderJobs.settleTile(jobId, 0);
        assertEq(renderJobs.tileOf(jobId, 0).acceptedResult, _truth(jobId, 0), "accepted");
    }

    // =========================================================================================
    // Budgets still sum exactly
    // =========================================================================================

    /// @dev Any mix of trust and audit rates: every tile completes, and the budget is exactly the
    /// fee, the Workers' pay and the client's refund.
    function testFuzz_BudgetSumsExactlyWithSingleAndAuditedTiles(uint256 trust, uint256 auditOneIn) public {
        _setParam(TRUSTED_RATING, bound(trust, 0, TRUST + 2));
        _setParam(AUDIT, bound(auditOneIn, 1, 3));
        uint256 jobId = _postAndAccept(BUDGET);
        for (uint256 tile; tile < TILES; ++tile) {
            renderJobs.assignTile(jobId, tile);
            if (renderJobs.tileOf(jobId, tile).single) {
                _commit(jobId, tile, _workersOf(jobId, tile)[0], _truth(jobId, tile));
                _mine();
                renderJobs.assignTile(jobId, tile); // the audit draw
                if (renderJobs.tileOf(jobId, tile).single) {
                    _reveal(jobId, tile, _workersOf(jobId, tile)[0], _truth(jobId, tile));
                    renderJobs.settleTile(jobId, tile);
                    continue;
                }
                address[3] memory w = _workersOf(jobId, tile);
                for (uint256 slot = 1; slot < 3; ++slot) _commit(jobId, tile, w[slot], _truth(jobId, tile));
                for (uint256 slot; slot < 3; ++slot) _reveal(jobId, tile, w[slot], _truth(jobId, tile));
                renderJobs.settleTile(jobId, tile);
            } else {
                _renderTile(jobId, tile, address(0));
            }
        }
        IRenderJobs.JobView memory job = renderJobs.jobOf(jobId);
        assertEq(job.acceptedTiles, TILES, "complete");
        vm.prank(scheduler);
        renderJobs.completeJob(jobId, keccak256("panorama"), RAW);
        assertEq(_owedToEveryone(), BUDGET, "budget = fee + pay + refund");
        assertEq(mrk.balanceOf(address(renderJobs)), BUDGET, "held = owed");
        assertEq(renderJobs.owedTo(client), BUDGET - job.fee - job.paidToWorkers, "refund");
    }
}
