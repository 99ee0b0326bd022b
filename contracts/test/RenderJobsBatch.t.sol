// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IRenderJobs} from "../interfaces/IRenderJobs.sol";
import {RenderJobsFixture} from "./utils/RenderJobsFixture.sol";

/// @notice Batch commitments: a Worker seals many tiles with one Merkle root and opens them with
/// proofs. The tree here is built the way `render-network/src/batch-tree.ts` builds it.
contract RenderJobsBatchTest is RenderJobsFixture {
    uint256 internal constant TILES = 6;

    error NotDrawn(uint256 tile, address worker);

    /// @dev What one Worker seals in a batch: its tiles, its slot on each, the hashes it claims.
    struct Sealed {
        uint256 batch;
        bytes32 salt;
        uint256[] tiles;
        uint8[] slots;
        bytes32[] hashes;
        bytes32[] leaves;
    }

    function _staked(address account) internal view returns (uint256) {
        return staking.stakeOf(account).staked;
    }

    // --- A positional Merkle tree, as the Workers build it -----------------------------------

    function _leaf(uint256 tile, bytes32 resultHash) internal pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(tile, resultHash))));
    }

    function _depth(uint256 count) internal pure returns (uint256 depth) {
        while ((1 << depth) < count) ++depth;
    }

    /// @dev Every level of the tree, the leaves (zero-padded to a power of two) first.
    function _levels(bytes32[] memory leaves) internal pure returns (bytes32[][] memory levels) {
        uint256 depth = _depth(leaves.length);
        levels = new bytes32[][](depth + 1);
        levels[0] = new bytes32[](1 << depth);
        for (uint256 i; i < leaves.length; ++i) levels[0][i] = leaves[i];
        for (uint256 level = 1; level <= depth; ++level) {
            bytes32[] memory below = levels[level - 1];
            levels[level] = new bytes32[](below.length / 2);
            for (uint256 i; i < below.length / 2; ++i) {
                levels[level][i] = keccak256(abi.encodePacked(below[2 * i], below[2 * i + 1]));
            }
        }
    }

    function _root(bytes32[] memory leaves) internal pure returns (bytes32) {
        bytes32[][] memory levels = _levels(leaves);
        return levels[levels.length - 1][0];
    }

    function _proof(bytes32[] memory leaves, uint256 position) internal pure returns (bytes32[] memory proof) {
        bytes32[][] memory levels = _levels(leaves);
        proof = new bytes32[](levels.length - 1);
        for (uint256 level; level < proof.length; ++level) {
            proof[level] = levels[level][(position >> level) ^ 1];
        }
    }

    // --- Driving Workers ---------------------------------------------------------------------

    function _slotOf(uint256 jobId, uint256 tile, address worker) internal view returns (uint8) {
        address[3] memory drawn = _workersOf(jobId, tile);
        for (uint8 slot; slot < 3; ++slot) if (drawn[slot] == worker) return slot;
        revert NotDrawn(tile, worker);
    }

    /// @dev The tiles of `jobId` (among the first `tiles`) that `worker` was drawn for.
    function _tilesOf(uint256 jobId, address worker, uint256 tiles) internal view returns (uint256[] memory mine) {
        uint256 count;
        for (uint256 tile; tile < tiles; ++tile) if (_isDrawn(jobId, tile, worker)) ++count;
        mine = new uint256[](count);
        count = 0;
        for (uint256 tile; tile < tiles; ++tile) if (_isDrawn(jobId, tile, worker)) mine[count++] = tile;
    }

    /// @dev `worker` seals `tiles` in one batch, claiming `_truth` (or `_lie` when `lying`).
    function _sealBatch(uint256 jobId, address worker, uint256[] memory tiles, bool lying) internal returns (Sealed memory) {
        bytes32[] memory hashes = new bytes32[](tiles.length);
        for (uint256 i; i < tiles.length; ++i) hashes[i] = lying ? _lie(jobId, tiles[i]) : _truth(jobId, tiles[i]);
        return _sealAnswers(jobId, worker, tiles, hashes);
    }

    /// @dev `worker` seals `hashes[i]` for `tiles[i]` in one batch.
    function _sealAnswers(
        uint256 jobId,
        address worker,
        uint256[] memory tiles,
        bytes32[] memory hashes
    ) internal returns (Sealed memory s) {
        s.salt = keccak256(abi.encode("batch salt", worker, jobId, tiles.length));
        s.tiles = tiles;
        s.slots = new uint8[](tiles.length);
        s.hashes = hashes;
        s.leaves = new bytes32[](tiles.length);
        for (uint256 i; i < tiles.length; ++i) {
            s.slots[i] = _slotOf(jobId, tiles[i], worker);
            s.leaves[i] = _leaf(tiles[i], hashes[i]);
        }
        bytes32 commitment = keccak256(abi.encode(_root(s.leaves), s.salt, worker));
        vm.prank(worker);
        s.batch = renderJobs.commitBatch(jobId, tiles, s.slots, commitment);
    }

    function _opening(Sealed memory s) internal pure returns (IRenderJobs.BatchOpening memory o) {
        o.root = _root(s.leaves);
        o.salt = s.salt;
        o.tiles = s.tiles;
        o.slots = s.slots;
        o.resultHashes = s.hashes;
        o.proofs = new bytes32[][](s.tiles.length);
        for (uint256 i; i < s.tiles.length; ++i) o.proofs[i] = _proof(s.leaves, i);
    }

    function _revealBatch(uint256 jobId, address worker, Sealed memory s) internal {
        IRenderJobs.BatchOpening memory o = _opening(s);
        vm.prank(worker);
        renderJobs.revealBatch(jobId, s.batch, o);
    }

    /// @dev Assigns the first `tiles` tiles of a fresh job.
    function _assignAll(uint256 tiles) internal returns (uint256 jobId) {
        jobId = _postAndAccept(BUDGET);
        for (uint256 tile; tile < tiles; ++tile) renderJobs.assignTile(jobId, tile);
    }

    // =========================================================================================
    // The whole job in batches
    // =========================================================================================

    function test_batches_EveryWorkerSealsAndOpensOnceAndALiarIsStillSlashed() public {
        uint256 jobId = _assignAll(TILES);
        Sealed[4] memory seals;
        uint256 lies;
        uint256 batches;
        for (uint256 w; w < 4; ++w) {
            uint256[] memory mine = _tilesOf(jobId, workers[w], TILES);
            if (mine.length == 0) continue;
            if (workers[w] == mallory) lies = mine.length;
            seals[w] = _sealBatch(jobId, workers[w], mine, workers[w] == mallory);
            assertEq(seals[w].batch, ++batches, "batches numbered in order");
        }
        for (uint256 tile; tile < TILES; ++tile) {
            IRenderJobs.TileView memory t = renderJobs.tileOf(jobId, tile);
            assertEq(uint256(t.phase), uint256(IRenderJobs.TilePhase.Revealing), "all sealed: revealing");
            for (uint256 slot; slot < 3; ++slot) assertTrue(t.commitments[slot] != bytes32(0), "seal shown");
        }
        for (uint256 w; w < 4; ++w) {
            if (seals[w].tiles.length != 0) _revealBatch(jobId, workers[w], seals[w]);
        }
        for (uint256 tile; tile < TILES; ++tile) {
            renderJobs.settleTile(jobId, tile);
            assertEq(renderJobs.tileOf(jobId, tile).acceptedResult, _truth(jobId, tile), "the right image");
        }
        assertGt(lies, 0, "mallory was drawn");
        assertEq(_staked(mallory), MIN_WORKER_STAKE - lies * TILE_STAKE, "slashed per wrong tile");
        IRenderJobs.JobView memory job = renderJobs.jobOf(jobId);
        assertEq(job.acceptedTiles, TILES, "every tile accepted");
        assertEq(job.paidToWorkers, (TILES * 3 - lies) * job.pricePerResult, "paid per match");
        vm.prank(scheduler);
        renderJobs.completeJob(jobId, keccak256("panorama"), RAW);
        assertEq(_owedToEveryone(), BUDGET, "everything accounted for");
    }

    function test_batches_MixWithSingleCommitsOnOneTile() public {
        uint256 jobId = _assignAll(1);
        address[3] memory w = _workersOf(jobId, 0);
        uint256[] memory one = new uint256[](1);
        Sealed memory s = _sealBatch(jobId, w[0], one, false);
        _commit(jobId, 0, w[1], _truth(jobId, 0));
        _commit(jobId, 0, w[2], _truth(jobId, 0));
        // A batch-sealed slot opens only through its batch.
        bytes32 truth = _truth(jobId, 0);
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsRevealMismatch.selector, jobId, 0, w[0]));
        _reveal(jobId, 0, w[0], truth);
        _revealBatch(jobId, w[0], s);
        _reveal(jobId, 0, w[1], truth);
        _reveal(jobId, 0, w[2], truth);
        renderJobs.settleTile(jobId, 0);
        assertEq(renderJobs.tileOf(jobId, 0).acceptedResult, truth, "accepted");
        uint256 price = renderJobs.jobOf(jobId).pricePerResult;
        for (uint256 i; i < 3; ++i) assertEq(renderJobs.owedTo(w[i]), price, "each paid");
    }

    function test_batchSeal_BindsTheTreesDepth() public {
        uint256 jobId = _assignAll(1);
        address worker = _workersOf(jobId, 0)[0];
        uint256[] memory one = new uint256[](1);
        Sealed memory s = _sealBatch(jobId, worker, one, false);
        bytes32 commitment = keccak256(abi.encode(_root(s.leaves), s.salt, worker));
        assertEq(renderJobs.batchSeal(jobId, s.batch), keccak256(abi.encode(commitment, uint256(0))), "depth 0");
        assertEq(renderJobs.tileOf(jobId, 0).commitments[0], renderJobs.batchSeal(jobId, s.batch), "the slot shows it");
        assertEq(renderJobs.batchSeal(jobId, s.batch + 1), bytes32(0), "no such batch");
    }

    // =========================================================================================
    // Adversarial
    // =========================================================================================

    /// @dev A Worker who seals a deeper tree holding two answers for its tile (the leaf it was
    /// sealed at and another position) can open neither the other position nor a deeper proof.
    function test_revealBatch_RevertWhen_AWorkerHidesASecondAnswerInItsTree() public {
        uint256 jobId = _assignAll(2);
        address worker = _commonWorker(jobId);
        uint256[] memory both = new uint256[](2);
        both[1] = 1;
        uint8[] memory slots = new uint8[](2);
        slots[0] = _slotOf(jobId, 0, worker);
        slots[1] = _slotOf(jobId, 1, worker);
        // Four leaves: the truth for tiles 0 and 1, then a lie for tile 0 at position 2.
        bytes32[] memory leaves = new bytes32[](4);
        leaves[0] = _leaf(0, _truth(jobId, 0));
        leaves[1] = _leaf(1, _truth(jobId, 1));
        leaves[2] = _leaf(0, _lie(jobId, 0));
        bytes32 salt = keccak256("salt");
        bytes32 root = _root(leaves);
        bytes32 commitment = keccak256(abi.encode(root, salt, worker));
        vm.prank(worker);
        uint256 batch = renderJobs.commitBatch(jobId, both, slots, commitment);
        _sealOthers(jobId, 0, worker);
        _sealOthers(jobId, 1, worker);

        IRenderJobs.BatchOpening memory o;
        o.root = root;
        o.salt = salt;
        o.tiles = new uint256[](1);
        o.slots = new uint8[](1);
        o.slots[0] = slots[0];
        o.resultHashes = new bytes32[](1);
        o.resultHashes[0] = _lie(jobId, 0);
        o.proofs = new bytes32[][](1);
        // Depth 2 does not open a batch sealed over two tiles (depth 1).
        o.proofs[0] = _proof(leaves, 2);
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsBatchMismatch.selector, jobId, batch, worker));
        vm.prank(worker);
        renderJobs.revealBatch(jobId, batch, o);
        // At depth 1, position 0 of that tree is an inner node: no leaf opens there.
        bytes32[] memory shallow = new bytes32[](1);
        shallow[0] = _levels(leaves)[1][1];
        o.proofs[0] = shallow;
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsBatchProof.selector, jobId, batch, 0));
        vm.prank(worker);
        renderJobs.revealBatch(jobId, batch, o);
    }

    function test_revealBatch_RevertWhen_AnotherWorkerOpensACopiedBatch() public {
        uint256 jobId = _assignAll(1);
        address[3] memory w = _workersOf(jobId, 0);
        uint256[] memory one = new uint256[](1);
        Sealed memory s = _sealBatch(jobId, w[0], one, false);
        // w[1] copies w[0]'s commitment into its own batch: it does not open for w[1].
        bytes32 copied = keccak256(abi.encode(_root(s.leaves), s.salt, w[0]));
        uint8[] memory slot1 = new uint8[](1);
        slot1[0] = 1;
        vm.prank(w[1]);
        uint256 batch1 = renderJobs.commitBatch(jobId, one, slot1, copied);
        _commit(jobId, 0, w[2], _truth(jobId, 0));
        Sealed memory stolen = s;
        stolen.slots = slot1;
        IRenderJobs.BatchOpening memory o = _opening(stolen);
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsBatchMismatch.selector, jobId, batch1, w[1]));
        vm.prank(w[1]);
        renderJobs.revealBatch(jobId, batch1, o);
        // Nor may it open w[0]'s batch.
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsBatchMismatch.selector, jobId, s.batch, w[1]));
        vm.prank(w[1]);
        renderJobs.revealBatch(jobId, s.batch, o);
    }

    function test_revealBatch_RevertWhen_ATileIsStillCommitting() public {
        uint256 jobId = _assignAll(1);
        address[3] memory w = _workersOf(jobId, 0);
        uint256[] memory one = new uint256[](1);
        Sealed memory s = _sealBatch(jobId, w[0], one, false);
        IRenderJobs.BatchOpening memory o = _opening(s);
        vm.expectRevert(
            abi.encodeWithSelector(IRenderJobs.RenderJobsTilePhase.selector, jobId, 0, IRenderJobs.TilePhase.Committing)
        );
        vm.prank(w[0]);
        renderJobs.revealBatch(jobId, s.batch, o);
    }

    function test_revealBatch_RevertWhen_TheOpeningIsWrong() public {
        uint256 jobId = _assignAll(1);
        address[3] memory w = _workersOf(jobId, 0);
        uint256[] memory one = new uint256[](1);
        Sealed memory s = _sealBatch(jobId, w[0], one, false);
        Sealed memory s1 = _sealBatch(jobId, w[1], one, false);
        _commit(jobId, 0, w[2], _truth(jobId, 0));
        IRenderJobs.BatchOpening memory o = _opening(s);

        o.resultHashes[0] = _lie(jobId, 0); // not the sealed answer
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsBatchProof.selector, jobId, s.batch, 0));
        vm.prank(w[0]);
        renderJobs.revealBatch(jobId, s.batch, o);
        o.resultHashes[0] = bytes32(0);
        vm.expectRevert(IRenderJobs.RenderJobsZeroHash.selector);
        vm.prank(w[0]);
        renderJobs.revealBatch(jobId, s.batch, o);
        o.resultHashes[0] = _truth(jobId, 0);

        o.salt = keccak256("another salt");
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsBatchMismatch.selector, jobId, s.batch, w[0]));
        vm.prank(w[0]);
        renderJobs.revealBatch(jobId, s.batch, o);
        o.salt = s.salt;

        o.slots[0] = 1; // not its slot
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsNotAssigned.selector, jobId, 0, w[0]));
        vm.prank(w[0]);
        renderJobs.revealBatch(jobId, s.batch, o);
        o.slots[0] = 3;
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsNotAssigned.selector, jobId, 0, w[0]));
        vm.prank(w[0]);
        renderJobs.revealBatch(jobId, s.batch, o);
        o.slots[0] = 0;

        o.resultHashes = new bytes32[](0);
        vm.expectRevert(IRenderJobs.RenderJobsBatchLength.selector);
        vm.prank(w[0]);
        renderJobs.revealBatch(jobId, s.batch, o);
        o.resultHashes = s.hashes;

        vm.prank(w[0]);
        renderJobs.revealBatch(jobId, s.batch, o);
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsAlreadySubmitted.selector, jobId, 0, w[0]));
        vm.prank(w[0]);
        renderJobs.revealBatch(jobId, s.batch, o);

        // After the reveal deadline nothing opens.
        uint256 deadline = renderJobs.tileOf(jobId, 0).deadline;
        vm.warp(deadline + 1);
        IRenderJobs.BatchOpening memory late = _opening(s1);
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsTileDeadline.selector, jobId, 0, deadline));
        vm.prank(w[1]);
        renderJobs.revealBatch(jobId, s1.batch, late);
    }

    function test_commitBatch_RevertWhen_TheBatchIsMalformed() public {
        uint256 jobId = _assignAll(2);
        address worker = _workersOf(jobId, 0)[0];
        uint8 slot = _slotOf(jobId, 0, worker);
        uint256[] memory tiles = new uint256[](1);
        uint8[] memory slots = new uint8[](1);
        slots[0] = slot;
        bytes32 c = keccak256("commitment");

        vm.expectRevert(IRenderJobs.RenderJobsBatchLength.selector);
        vm.prank(worker);
        renderJobs.commitBatch(jobId, new uint256[](0), new uint8[](0), c);
        vm.expectRevert(IRenderJobs.RenderJobsBatchLength.selector);
        vm.prank(worker);
        renderJobs.commitBatch(jobId, tiles, new uint8[](2), c);
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsBatchTooLarge.selector, 1025, 1024));
        vm.prank(worker);
        renderJobs.commitBatch(jobId, new uint256[](1025), new uint8[](1025), c);
        vm.expectRevert(IRenderJobs.RenderJobsZeroHash.selector);
        vm.prank(worker);
        renderJobs.commitBatch(jobId, tiles, slots, bytes32(0));
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsUnknownJob.selector, jobId + 1));
        vm.prank(worker);
        renderJobs.commitBatch(jobId + 1, tiles, slots, c);

        // A stranger, a wrong slot, a slot out of range.
        address stranger = makeAddr("stranger");
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsNotAssigned.selector, jobId, 0, stranger));
        vm.prank(stranger);
        renderJobs.commitBatch(jobId, tiles, slots, c);
        slots[0] = (slot + 1) % 3;
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsNotAssigned.selector, jobId, 0, worker));
        vm.prank(worker);
        renderJobs.commitBatch(jobId, tiles, slots, c);
        slots[0] = 7;
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsNotAssigned.selector, jobId, 0, worker));
        vm.prank(worker);
        renderJobs.commitBatch(jobId, tiles, slots, c);
        slots[0] = slot;

        // A tile that is not drawn yet, one sealed twice (in one batch or after a commit).
        tiles[0] = 2;
        vm.expectRevert(
            abi.encodeWithSelector(IRenderJobs.RenderJobsTilePhase.selector, jobId, 2, IRenderJobs.TilePhase.Unassigned)
        );
        vm.prank(worker);
        renderJobs.commitBatch(jobId, tiles, slots, c);
        tiles[0] = 0;
        uint256[] memory twice = new uint256[](2);
        uint8[] memory twiceSlots = new uint8[](2);
        twiceSlots[0] = slot;
        twiceSlots[1] = slot;
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsAlreadySubmitted.selector, jobId, 0, worker));
        vm.prank(worker);
        renderJobs.commitBatch(jobId, twice, twiceSlots, c);
        _commit(jobId, 0, worker, _truth(jobId, 0));
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsAlreadySubmitted.selector, jobId, 0, worker));
        vm.prank(worker);
        renderJobs.commitBatch(jobId, tiles, slots, c);

        // After the commit deadline.
        tiles[0] = 1;
        slots[0] = _slotOf(jobId, 1, _workersOf(jobId, 1)[0]);
        address other = _workersOf(jobId, 1)[0];
        uint256 deadline = renderJobs.tileOf(jobId, 1).deadline;
        vm.warp(deadline + 1);
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsTileDeadline.selector, jobId, 1, deadline));
        vm.prank(other);
        renderJobs.commitBatch(jobId, tiles, slots, c);
    }

    function test_commitResult_RevertWhen_TheSlotIsBatchSealed() public {
        uint256 jobId = _assignAll(1);
        address worker = _workersOf(jobId, 0)[1];
        uint256[] memory one = new uint256[](1);
        _sealBatch(jobId, worker, one, false);
        bytes32 c = keccak256("another");
        vm.expectRevert(abi.encodeWithSelector(IRenderJobs.RenderJobsAlreadySubmitted.selector, jobId, 0, worker));
        vm.prank(worker);
        renderJobs.commitResult(jobId, 0, c);
    }

    /// @dev A batch-sealed slot stays sealed when a silent co-worker is replaced, and opens in the
    /// next phase.
    function test_settleTile_KeepsBatchSealsWhenASilentCoWorkerIsReplaced() public {
        uint256 jobId = _assignAll(1);
        address[3] memory w = _workersOf(jobId, 0);
        uint256[] memory one = new uint256[](1);
        Sealed memory s0 = _sealBatch(jobId, w[0], one, false);
        Sealed memory s1 = _sealBatch(jobId, w[1], one, false);
        vm.warp(renderJobs.tileOf(jobId, 0).deadline + 1);
        renderJobs.settleTile(jobId, 0); // w[2] silent: slashed, slot emptied
        assertEq(_staked(w[2]), MIN_WORKER_STAKE - TILE_STAKE, "silent slashed");
        assertTrue(renderJobs.tileOf(jobId, 0).commitments[0] != bytes32(0), "seal kept");
        _mine();
        renderJobs.assignTile(jobId, 0);
        address replacement = _workersOf(jobId, 0)[2];
        _commit(jobId, 0, replacement, keccak256("a third answer"));
        _revealBatch(jobId, w[0], s0);
        _revealBatch(jobId, w[1], s1);
        _reveal(jobId, 0, replacement, keccak256("a third answer"));
        renderJobs.settleTile(jobId, 0);
        assertEq(renderJobs.tileOf(jobId, 0).acceptedResult, _truth(jobId, 0), "two matching batch reveals");
        assertEq(_staked(replacement), MIN_WORKER_STAKE - TILE_STAKE, "dissent slashed");

    }

    function test_settleTile_ClearsBatchSealsWithAnUndecidedRound() public {
        uint256[] memory one = new uint256[](1);
        uint256 job2 = _assignAll(1);
        address[3] memory v = _workersOf(job2, 0);
        Sealed[3] memory split;
        for (uint256 i; i < 3; ++i) {
            bytes32[] memory answer = new bytes32[](1);
            answer[0] = keccak256(abi.encode("answer", i));
            split[i] = _sealAnswers(job2, v[i], one, answer);
        }
        for (uint256 i; i < 3; ++i) _revealBatch(job2, v[i], split[i]);
        renderJobs.settleTile(job2, 0);
        IRenderJobs.TileView memory t = renderJobs.tileOf(job2, 0);
        assertEq(uint256(t.phase), uint256(IRenderJobs.TilePhase.Unassigned), "drawn afresh");
        for (uint256 slot; slot < 3; ++slot) assertEq(t.commitments[slot], bytes32(0), "seals cleared");
        _mine();
        renderJobs.assignTile(job2, 0);
        address[3] memory fresh = _workersOf(job2, 0);
        Sealed[3] memory again;
        for (uint256 i; i < 3; ++i) again[i] = _sealBatch(job2, fresh[i], one, false);
        for (uint256 i; i < 3; ++i) _revealBatch(job2, fresh[i], again[i]);
        renderJobs.settleTile(job2, 0);
        assertEq(renderJobs.tileOf(job2, 0).acceptedResult, _truth(job2, 0), "the next round seals anew");
    }

    // =========================================================================================
    // Fuzz
    // =========================================================================================

    /// @dev Any leaf of any tree of up to 64 leaves opens at its position and no other, and a
    /// wrong answer never opens.
    function testFuzz_PositionalProofsOpenExactlyTheirLeaf(uint8 size, uint8 at, bytes32 salt) public pure {
        uint256 count = bound(size, 1, 64);
        uint256 position = bound(at, 0, count - 1);
        bytes32[] memory leaves = new bytes32[](count);
        for (uint256 i; i < count; ++i) leaves[i] = _leaf(i, keccak256(abi.encode(salt, i)));
        bytes32 root = _root(leaves);
        bytes32[] memory proof = _proof(leaves, position);
        assertEq(proof.length, _depth(count), "depth");
        assertEq(_climb(leaves[position], position, proof), root, "opens");
        assertTrue(_climb(_leaf(position, ~keccak256(abi.encode(salt, position))), position, proof) != root, "a lie does not");
        if (count > 1) {
            uint256 other = (position + 1) % count;
            assertTrue(_climb(leaves[position], other, proof) != root, "not at another position");
        }
    }

    // --- Helpers -----------------------------------------------------------------------------

    /// @dev The contract's climb, for the fuzz test.
    function _climb(bytes32 leaf, uint256 position, bytes32[] memory proof) internal pure returns (bytes32 node) {
        node = leaf;
        for (uint256 level; level < proof.length; ++level) {
            node = (position >> level) & 1 == 0
                ? keccak256(abi.encodePacked(node, proof[level]))
                : keccak256(abi.encodePacked(proof[level], node));
        }
    }

    /// @dev A Worker drawn for both tile 0 and tile 1 (six tiles' draws of four Workers always share one).
    function _commonWorker(uint256 jobId) internal view returns (address) {
        for (uint256 i; i < 4; ++i) if (_isDrawn(jobId, 0, workers[i]) && _isDrawn(jobId, 1, workers[i])) return workers[i];
        revert NotDrawn(1, address(0));
    }

    /// @dev The other two Workers of `tile` commit the truth one by one.
    function _sealOthers(uint256 jobId, uint256 tile, address except) internal {
        address[3] memory w = _workersOf(jobId, tile);
        for (uint256 i; i < 3; ++i) if (w[i] != except) _commit(jobId, tile, w[i], _truth(jobId, tile));
    }
}
