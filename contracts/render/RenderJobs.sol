// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Hashes} from "@openzeppelin/contracts/utils/cryptography/Hashes.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IMarkParameters} from "../interfaces/IMarkParameters.sol";
import {IRenderJobs} from "../interfaces/IRenderJobs.sol";
import {IRenderStaking} from "../interfaces/IRenderStaking.sol";
import {MrkPermit} from "../libraries/MrkPermit.sol";

/// @title RenderJobs
/// @notice Render jobs and their tile-by-tile settlement (see `IRenderJobs`). MRK enters only as
/// job budgets and leaves only through `withdraw`, so this contract always holds exactly the
/// unspent budgets of open jobs plus what it owes: a tile credits `pricePerResult` to each of its
/// matching Workers, and a closed job credits the rest of its budget to its Scheduler (fee) and
/// its client (refund). Stake is locked, rated and slashed through `RenderStaking`, which must give
/// this contract its job role (`lock`, `unlock`, `adjustRating`, `slash`, `drawWorker`).
/// @dev Drawing Workers. Each tile's Workers are drawn by `RenderStaking.drawWorker` from the draw
/// pool of the job's renderer version (Workers join the pools of the versions they run, so a
/// Worker is never drawn for a renderer it lacks), each with probability in proportion to its
/// weight, `4 + min(rating, 200) / 25` for that version: a zero-rated newcomer weighs 4, a Worker
/// at the cap 12, so good ratings win up to three times a newcomer's work and no account more (the
/// rule and its reasons: `RenderStaking`). A sum tree over the pool (`RenderPool`) makes each draw,
/// join, leave and weight change O(log n). Left out of a draw: the job's Scheduler and client,
/// Workers already on the tile, Workers without `tileStake` free, and Workers no longer eligible
/// (evicted from the pool); each is cut out of the weight line, so the others keep their exact
/// proportions, and a draw gives up after `RenderStaking.MAX_DRAWS` looks. The seed is the hash
/// of a block committed before it exists (the block after `acceptJob`, or after a tile's re-draw
/// is decided) mixed with job, tile and round, so neither the Scheduler nor the client picks
/// Workers. Residual bias: the proposer of the seed block may withhold it (one re-roll at the cost
/// of its block reward); and anyone who dislikes a seed may wait 256 blocks without calling
/// `assignTile`, after which the tile is re-seeded with a later block — but any Worker wanting the
/// work may call `assignTile` first.
/// The pool may also change between the seed block and the draw (joins, leaves, weights moved by
/// settlements), so an owner of many admitted, staked pool accounts could time joins and leaves to
/// tilt a draw; admission and stake price
/// that. A Scheduler cannot exclude the Workers it runs itself: accounts are not linkable on chain.
/// Co-workers are public from the draw (`TileAssigned`): an on-chain draw cannot hide them, so
/// colluding co-workers can agree off chain on a hash; the random draw is what makes that rare.
///
/// Copying. A commitment is `keccak256(abi.encode(resultHash, salt, worker))`: bound to its
/// Worker, so a copied commitment does not open for anyone else. Reveals open only once all three
/// slots have committed; a slot silent at the commit deadline is slashed and re-drawn while the
/// others' commitments stay sealed. A round that is undecided after reveals (no two matching) is
/// drawn afresh, and its reveals are public by then: a Worker of the new round could copy one, but
/// must still match another fresh, randomly drawn, staked Worker, and a copied wrong hash is
/// slashed.
///
/// Probes. A client may seal known answers for some tiles at posting (`probeRoot`: one leaf per
/// tile, zero for tiles that are not probes, so neither which nor how many show) and open one with
/// `openProbe` only while its tile is revealing: every Worker of the round has sealed by then, so
/// the answer cannot be copied, and it can no longer be opened once the tile is paid. On such a job
/// only the client settles a tile before its reveal deadline, so that nobody settles a probe tile
/// before its answer is open. The answer is one more vote (`_verdict`): two colluders against an
/// honest Worker and the answer tie, and the round is held (unpaid, stakes locked) until a fresh
/// round decides the tile and `judgeHeldRound` slashes whoever disagreed with it. A wrong known
/// answer is outvoted by two or three agreeing Workers and frames nobody.
///
/// Batches. A Worker holding several tiles of a job seals them in one `commitBatch`: one
/// commitment (a Merkle root, salted and bound to the Worker like a tile commitment) stored once,
/// and per tile slot only the batch number and the leaf's position, packed into the tile's first
/// word. The tree is positional and its depth is bound into the batch's seal, so each sealed
/// position holds exactly one answer: a Worker cannot put two answers for a tile in its tree and
/// open whichever its co-workers revealed. `revealBatch` opens the leaves of tiles now revealing,
/// each with its own proof; leaves of tiles still committing stay hidden.
contract RenderJobs is IRenderJobs, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    bytes32 public constant SCHEDULER_FEE_BPS = keccak256("render.schedulerFeeBps");
    bytes32 public constant TILE_STAKE = keccak256("render.tileStake");
    bytes32 public constant JOB_STAKE = keccak256("render.jobStake");
    bytes32 public constant COMMIT_WINDOW = keccak256("render.commitWindow");
    bytes32 public constant REVEAL_WINDOW = keccak256("render.revealWindow");
    bytes32 public constant TRUSTED_RATING = keccak256("render.trustedRating");
    bytes32 public constant AUDIT_ONE_IN = keccak256("render.auditOneIn");

    /// @notice Slash reasons, as `RenderStaking.Slashed` logs them.
    bytes32 public constant REASON_NO_COMMIT = "render.tile.noCommit";
    bytes32 public constant REASON_NO_REVEAL = "render.tile.noReveal";
    bytes32 public constant REASON_DISSENT = "render.tile.dissent";
    bytes32 public constant REASON_ABANDONED = "render.job.abandoned";

    /// @notice Workers per tile, and the most tiles a job may have.
    uint256 public constant REPLICATION = 3;
    uint256 public constant MAX_TILES = 65_536;
    /// @notice The most tiles one `commitBatch` seals (a tree of depth 10).
    uint256 public constant MAX_BATCH = 1024;
    /// @notice Rating moves: per accepted result, per fault, per completed or abandoned job.
    int256 public constant RATING_REWARD = 1;
    int256 public constant RATING_PENALTY = -5;

    uint256 private constant BPS = 10_000;
    uint256 private constant FACES = 6;
    uint256 private constant BLOCKHASH_REACH = 256;

    IRenderStaking public immutable staking;
    IERC20 public immutable mrk;
    IMarkParameters public immutable parameters;

    /// @dev Amounts are at most MRK's supply (3e27 < 2^96). Slots: client | deadline | status | probed;
    /// scheduler | tileCount | acceptedTiles | batchCount; budget | fee | seedBlock; pricePerResult |
    /// paidToWorkers; tileStake | jobStake; scene; version; codecs | spec; result; probeRoot. `probed`
    /// (a probe root is set) shares the first slot, which every tile call reads anyway.
    struct Job {
        address client;
        uint40 deadline;
        JobStatus status;
        bool probed;
        address scheduler;
        uint32 tileCount;
        uint32 acceptedTiles;
        uint32 batchCount;
        uint96 budget;
        uint96 fee;
        uint48 seedBlock;
        uint96 pricePerResult;
        uint96 paidToWorkers;
        uint96 tileStake;
        uint96 jobStake;
        bytes32 sceneDigest;
        bytes32 rendererVersion;
        uint64 sceneCodec;
        uint64 resultCodec;
        OutputSpec spec;
        bytes32 resultDigest;
        bytes32 probeRoot;
    }

    /// @dev The Workers and results of a round the known answer tied (see `_settleReveals`), their
    /// tile stakes still locked until `judgeHeldRound` weighs them against the accepted result.
    struct HeldRound {
        address[3] workers;
        bytes32[3] results;
    }

    /// @dev First slot: phase | round | commits | reveals | deadline | seedBlock | seals | single;
    /// then the slots. `single`: the round has one trusted Worker (see adaptive replication). `seals` packs, per slot, the batch that sealed it (24 bits, 0: none) and its leaf's
    /// position in the batch (16 bits): slot `i` at bit `40 * i`.
    struct Tile {
        TilePhase phase;
        uint8 round;
        uint8 commits;
        uint8 reveals;
        uint40 deadline;
        uint48 seedBlock;
        uint120 seals;
        bool single;
        address[3] workers;
        bytes32[3] commitments;
        bytes32[3] results;
        bytes32 accepted;
    }

    mapping(uint256 jobId => Job) private _jobs;
    mapping(uint256 jobId => mapping(uint256 tile => Tile)) private _tiles;
    mapping(uint256 jobId => mapping(uint256 batch => bytes32 seal)) private _batchSeals;
    mapping(uint256 jobId => mapping(uint256 tile => bytes32 answer)) private _probeAnswers;
    mapping(uint256 jobId => mapping(uint256 tile => mapping(uint256 round => HeldRound))) private _heldRounds;
    mapping(address account => uint256) private _owed;
    uint256 private _jobCount;

    /// @param staking_ The staking layer, which must grant this contract its job role.
    /// @param mrk_ The MRK token.
    /// @param parameters_ The governance parameter store (`render.*` keys).
    constructor(IRenderStaking staking_, IERC20 mrk_, IMarkParameters parameters_) {
        if (address(staking_) == address(0) || address(mrk_) == address(0) || address(parameters_) == address(0))
            revert RenderJobsZeroAddress();
        staking = staking_;
        mrk = mrk_;
        parameters = parameters_;
    }

    // =========================================================================================
    // Jobs
    // =========================================================================================

    /// @inheritdoc IRenderJobs
    function postJob(
        bytes32 sceneDigest,
        uint64 sceneCodec,
        bytes32 rendererVersion,
        OutputSpec calldata spec,
        address scheduler,
        uint256 deadline,
        uint256 budget,
        bytes32 probeRoot,
        IRenderStaking.Permit calldata permit
    ) external nonReentrant returns (uint256 jobId) {
        if (sceneDigest == bytes32(0) || rendererVersion == bytes32(0)) revert RenderJobsSceneInvalid();
        uint256 tiles = tileCountOf(spec);
        if (tiles == 0 || tiles > MAX_TILES) revert RenderJobsSpecInvalid(tiles, MAX_TILES);
        if (!_isEligibleAs(scheduler, IRenderStaking.Role.Scheduler))
            revert RenderJobsNotEligible(scheduler, IRenderStaking.Role.Scheduler);
        if (deadline <= block.timestamp) revert RenderJobsDeadlineInvalid(deadline);
        uint256 fee = (uint256(budget.toUint96()) * parameters.get(SCHEDULER_FEE_BPS)) / BPS;
        uint256 price = (budget - fee) / (tiles * REPLICATION);
        if (price == 0) revert RenderJobsBudgetTooSmall(budget, tiles * REPLICATION);

        jobId = ++_jobCount;
        Job storage job = _jobs[jobId];
        job.client = msg.sender;
        job.deadline = deadline.toUint40();
        job.status = JobStatus.Posted;
        job.scheduler = scheduler;
        job.tileCount = uint32(tiles); // at most MAX_TILES
        job.budget = uint96(budget); // checked above
        job.fee = uint96(fee); // at most budget
        job.pricePerResult = uint96(price);
        job.tileStake = parameters.get(TILE_STAKE).toUint96();
        job.jobStake = parameters.get(JOB_STAKE).toUint96();
        job.sceneDigest = sceneDigest;
        job.sceneCodec = sceneCodec;
        job.rendererVersion = rendererVersion;
        job.spec = spec;
        _emitJobPosted(jobId, job);
        if (probeRoot != bytes32(0)) {
            job.probed = true;
            job.probeRoot = probeRoot;
            emit ProbesSealed(jobId, probeRoot);
        }
        _pay(budget, permit);
    }

    /// @dev Read back from storage: the posting's locals leave no stack room for a 12-field event.
    function _emitJobPosted(uint256 jobId, Job storage job) private {
        emit JobPosted(
            jobId,
            job.client,
            job.scheduler,
            job.sceneDigest,
            job.sceneCodec,
            job.rendererVersion,
            job.spec,
            job.tileCount,
            job.budget,
            job.fee,
            job.pricePerResult,
            job.deadline
        );
    }

    /// @inheritdoc IRenderJobs
    function acceptJob(uint256 jobId) external {
        Job storage job = _job(jobId, JobStatus.Posted);
        if (msg.sender != job.scheduler) revert RenderJobsUnauthorized(jobId, msg.sender);
        if (block.timestamp > job.deadline) revert RenderJobsDeadline(jobId, job.deadline);
        uint256 seedBlock = block.number + 1;
        job.status = JobStatus.Accepted;
        job.seedBlock = uint48(seedBlock);
        emit JobAccepted(jobId, seedBlock);
        // RenderStaking refuses a Scheduler no longer eligible or without the free stake.
        staking.lock(msg.sender, job.jobStake);
    }

    /// @inheritdoc IRenderJobs
    function cancelJob(uint256 jobId) external nonReentrant {
        Job storage job = _job(jobId, JobStatus.Posted);
        if (msg.sender != job.client) revert RenderJobsUnauthorized(jobId, msg.sender);
        job.status = JobStatus.Cancelled;
        emit JobCancelled(jobId, job.budget);
        _credit(msg.sender, job.budget);
    }

    /// @inheritdoc IRenderJobs
    function completeJob(uint256 jobId, bytes32 resultDigest, uint64 resultCodec) external nonReentrant {
        Job storage job = _job(jobId, JobStatus.Accepted);
        if (msg.sender != job.scheduler) revert RenderJobsUnauthorized(jobId, msg.sender);
        if (block.timestamp > job.deadline) revert RenderJobsDeadline(jobId, job.deadline);
        if (job.acceptedTiles != job.tileCount)
            revert RenderJobsTilesPending(jobId, job.acceptedTiles, job.tileCount);
        if (resultDigest == bytes32(0)) revert RenderJobsZeroHash();
        uint256 fee = job.fee;
        uint256 refund = job.budget - fee - job.paidToWorkers;
        job.status = JobStatus.Completed;
        job.resultDigest = resultDigest;
        job.resultCodec = resultCodec;
        emit JobCompleted(jobId, resultDigest, resultCodec, fee, refund);
        _credit(msg.sender, fee);
        if (refund != 0) _credit(job.client, refund);
        _release(msg.sender, job.jobStake);
        staking.adjustRating(msg.sender, job.rendererVersion, RATING_REWARD);
    }

    /// @inheritdoc IRenderJobs
    function abandonJob(uint256 jobId) external nonReentrant {
        Job storage job = _job(jobId, JobStatus.Accepted);
        if (block.timestamp <= job.deadline) revert RenderJobsDeadline(jobId, job.deadline);
        uint256 refund = job.budget - job.paidToWorkers;
        address scheduler = job.scheduler;
        job.status = JobStatus.Abandoned;
        _credit(job.client, refund);
        // The slash takes the job stake out of the Scheduler's locked stake first.
        uint256 slashed = staking.slash(scheduler, job.jobStake, REASON_ABANDONED);
        emit JobAbandoned(jobId, slashed, refund);
        staking.adjustRating(scheduler, job.rendererVersion, RATING_PENALTY);
    }

    // =========================================================================================
    // Tiles
    // =========================================================================================

    /// @inheritdoc IRenderJobs
    function assignTile(uint256 jobId, uint256 tile) external nonReentrant {
        Job storage job = _job(jobId, JobStatus.Accepted);
        if (block.timestamp > job.deadline) revert RenderJobsDeadline(jobId, job.deadline);
        Tile storage t = _tile(job, jobId, tile);
        // A single-Worker tile sealed by its Worker waits for its audit draw; empty slots of any
        // other committing tile (silent Workers removed) wait to be filled.
        bool auditDue = t.single && t.commits == 1;
        if (
            t.phase != TilePhase.Unassigned &&
            !(t.phase == TilePhase.Committing && (auditDue || (!t.single && _hasEmptySlot(t))))
        ) revert RenderJobsTilePhase(jobId, tile, t.phase);
        uint256 seedBlock = t.seedBlock != 0 ? t.seedBlock : job.seedBlock;
        if (block.number <= seedBlock) revert RenderJobsSeedNotReady(jobId, tile, seedBlock);
        bytes32 hash = blockhash(seedBlock);
        if (hash == bytes32(0)) {
            // Out of reach (or a chain that serves no hashes): commit to the next block instead.
            uint256 next = block.number + 1;
            t.seedBlock = uint48(next);
            emit TileReseeded(jobId, tile, next);
            return;
        }
        bytes32 seed = keccak256(abi.encode(hash, jobId, tile, t.round));
        if (auditDue) {
            _decideAudit(job, t, jobId, tile, seed);
            return;
        }
        bool fresh = t.phase == TilePhase.Unassigned;
        t.phase = TilePhase.Committing;
        uint256 commitDeadline = block.timestamp + parameters.get(COMMIT_WINDOW);
        t.deadline = commitDeadline.toUint40();
        if (fresh && t.round == 0) {
            // Adaptive replication: a first draw that lands on a trusted Worker gives it the tile alone.
            (address first, uint256 rating) = _fill(job, t, jobId, tile, seed, 0, commitDeadline);
            uint256 trusted = parameters.get(TRUSTED_RATING);
            if (trusted != 0 && rating >= trusted) {
                t.single = true;
                emit TileTrusted(jobId, tile, first);
                return;
            }
        }
        for (uint256 slot; slot < REPLICATION; ++slot) {
            if (t.workers[slot] == address(0)) _fill(job, t, jobId, tile, seed, slot, commitDeadline);
        }
    }

    /// @dev Draws a Worker into empty `slot` of `t` and locks its tile stake (`RenderStaking.drawWorker`,
    /// weighted by rating for the job's renderer, leaving out the job's Scheduler and client and the
    /// tile's Workers); returns it with its rating.
    function _fill(
        Job storage job,
        Tile storage t,
        uint256 jobId,
        uint256 tile,
        bytes32 seed,
        uint256 slot,
        uint256 commitDeadline
    ) private returns (address worker, uint256 rating) {
        address[3] memory workers = t.workers;
        (worker, rating) = staking.drawWorker(
            job.rendererVersion,
            keccak256(abi.encode(seed, slot)),
            [job.scheduler, job.client, workers[0], workers[1], workers[2]],
            job.tileStake
        );
        if (worker == address(0)) revert RenderJobsNoWorker(jobId, tile);
        t.workers[slot] = worker;
        emit TileAssigned(jobId, tile, worker, t.round, slot, commitDeadline);
    }

    /// @dev The trusted Worker has sealed its result, and a block it could not foresee decides:
    /// one time in `render.auditOneIn` two more Workers are drawn to render the tile (its
    /// commitment stays sealed, so they cannot copy it, and a dissent is slashed as usual);
    /// otherwise its result alone opens for reveal.
    function _decideAudit(Job storage job, Tile storage t, uint256 jobId, uint256 tile, bytes32 seed) private {
        bool audited = uint256(keccak256(abi.encode(seed, "audit"))) % parameters.get(AUDIT_ONE_IN) == 0;
        emit TileAudit(jobId, tile, audited);
        if (!audited) {
            _openReveals(t, parameters.get(REVEAL_WINDOW));
            return;
        }
        t.single = false;
        uint256 commitDeadline = block.timestamp + parameters.get(COMMIT_WINDOW);
        t.deadline = commitDeadline.toUint40();
        _fill(job, t, jobId, tile, seed, 1, commitDeadline);
        _fill(job, t, jobId, tile, seed, 2, commitDeadline);
    }

    /// @inheritdoc IRenderJobs
    function commitResult(uint256 jobId, uint256 tile, bytes32 commitment) external {
        Job storage job = _job(jobId, JobStatus.Accepted);
        Tile storage t = _tile(job, jobId, tile);
        if (t.phase != TilePhase.Committing) revert RenderJobsTilePhase(jobId, tile, t.phase);
        uint256 slot = _slotOf(t, jobId, tile, msg.sender);
        if (commitment == bytes32(0)) revert RenderJobsZeroHash();
        if (_isSealed(t, slot)) revert RenderJobsAlreadySubmitted(jobId, tile, msg.sender);
        if (block.timestamp > t.deadline) revert RenderJobsTileDeadline(jobId, tile, t.deadline);
        t.commitments[slot] = commitment;
        emit ResultCommitted(jobId, tile, msg.sender, commitment);
        if (t.single) _awaitAudit(t);
        else if (++t.commits == REPLICATION) _openReveals(t, parameters.get(REVEAL_WINDOW));
    }

    /// @inheritdoc IRenderJobs
    function commitBatch(
        uint256 jobId,
        uint256[] calldata tiles,
        uint8[] calldata slots,
        bytes32 commitment
    ) external returns (uint256 batch) {
        uint256 count = tiles.length;
        if (count == 0 || count != slots.length) revert RenderJobsBatchLength();
        if (count > MAX_BATCH) revert RenderJobsBatchTooLarge(count, MAX_BATCH);
        if (commitment == bytes32(0)) revert RenderJobsZeroHash();
        Job storage job = _job(jobId, JobStatus.Accepted);
        batch = ++job.batchCount;
        _batchSeals[jobId][batch] = _sealOf(commitment, _depthOf(count));
        uint256 revealWindow; // read once, when a tile first needs it
        for (uint256 position; position < count; ++position) {
            uint256 tile = tiles[position];
            Tile storage t = _tile(job, jobId, tile);
            if (t.phase != TilePhase.Committing) revert RenderJobsTilePhase(jobId, tile, t.phase);
            uint256 slot = slots[position];
            if (slot >= REPLICATION || t.workers[slot] != msg.sender)
                revert RenderJobsNotAssigned(jobId, tile, msg.sender);
            if (_isSealed(t, slot)) revert RenderJobsAlreadySubmitted(jobId, tile, msg.sender);
            if (block.timestamp > t.deadline) revert RenderJobsTileDeadline(jobId, tile, t.deadline);
            t.seals |= uint120((uint256(batch.toUint24()) | (position << 24)) << (40 * slot));
            if (t.single) {
                _awaitAudit(t);
            } else if (++t.commits == REPLICATION) {
                if (revealWindow == 0) revealWindow = parameters.get(REVEAL_WINDOW);
                _openReveals(t, revealWindow);
            }
        }
        emit BatchCommitted(jobId, msg.sender, batch, commitment, tiles);
    }

    /// @inheritdoc IRenderJobs
    function revealResult(uint256 jobId, uint256 tile, bytes32 resultHash, bytes32 salt) external {
        Job storage job = _job(jobId, JobStatus.Accepted);
        Tile storage t = _tile(job, jobId, tile);
        if (t.phase != TilePhase.Revealing) revert RenderJobsTilePhase(jobId, tile, t.phase);
        uint256 slot = _slotOf(t, jobId, tile, msg.sender);
        if (resultHash == bytes32(0)) revert RenderJobsZeroHash();
        if (t.results[slot] != bytes32(0)) revert RenderJobsAlreadySubmitted(jobId, tile, msg.sender);
        if (block.timestamp > t.deadline) revert RenderJobsTileDeadline(jobId, tile, t.deadline);
        if (commitmentOf(resultHash, salt, msg.sender) != t.commitments[slot])
            revert RenderJobsRevealMismatch(jobId, tile, msg.sender);
        t.results[slot] = resultHash;
        ++t.reveals;
        emit ResultRevealed(jobId, tile, msg.sender, resultHash);
    }

    /// @inheritdoc IRenderJobs
    function revealBatch(uint256 jobId, uint256 batch, BatchOpening calldata opening) external {
        uint256 count = opening.tiles.length;
        if (
            count == 0 ||
            count != opening.slots.length ||
            count != opening.resultHashes.length ||
            count != opening.proofs.length
        ) revert RenderJobsBatchLength();
        Job storage job = _job(jobId, JobStatus.Accepted);
        bytes32 seal = _batchSeals[jobId][batch];
        if (seal == bytes32(0) || seal != _sealOf(commitmentOf(opening.root, opening.salt, msg.sender), opening.proofs[0].length))
            revert RenderJobsBatchMismatch(jobId, batch, msg.sender);
        for (uint256 i; i < count; ++i) {
            _revealLeaf(job, jobId, batch, opening, i);
        }
    }

    /// @dev Opens leaf `i` of `opening`: the tile must be revealing, its slot the caller's and
    /// sealed in `batch`, and the proof (as deep as the batch's tree) must lead from the leaf at
    /// the sealed position to the root.
    function _revealLeaf(Job storage job, uint256 jobId, uint256 batch, BatchOpening calldata opening, uint256 i) private {
        uint256 tile = opening.tiles[i];
        Tile storage t = _tile(job, jobId, tile);
        if (t.phase != TilePhase.Revealing) revert RenderJobsTilePhase(jobId, tile, t.phase);
        uint256 slot = opening.slots[i];
        if (slot >= REPLICATION || t.workers[slot] != msg.sender) revert RenderJobsNotAssigned(jobId, tile, msg.sender);
        uint256 seal = uint256(t.seals) >> (40 * slot);
        if (uint24(seal) != batch) revert RenderJobsBatchMismatch(jobId, batch, msg.sender);
        bytes32 resultHash = opening.resultHashes[i];
        if (resultHash == bytes32(0)) revert RenderJobsZeroHash();
        if (t.results[slot] != bytes32(0)) revert RenderJobsAlreadySubmitted(jobId, tile, msg.sender);
        if (block.timestamp > t.deadline) revert RenderJobsTileDeadline(jobId, tile, t.deadline);
        bytes32[] calldata proof = opening.proofs[i];
        if (proof.length != opening.proofs[0].length || _rootOf(leafOf(tile, resultHash), uint16(seal >> 24), proof) != opening.root)
            revert RenderJobsBatchProof(jobId, batch, tile);
        t.results[slot] = resultHash;
        ++t.reveals;
        emit ResultRevealed(jobId, tile, msg.sender, resultHash);
    }

    /// @inheritdoc IRenderJobs
    function settleTile(uint256 jobId, uint256 tile) external nonReentrant {
        Job storage job = _job(jobId, JobStatus.Accepted);
        Tile storage t = _tile(job, jobId, tile);
        if (t.phase == TilePhase.Committing && (t.single ? t.commits == 0 : !_hasEmptySlot(t))) {
            if (block.timestamp <= t.deadline) revert RenderJobsTileDeadline(jobId, tile, t.deadline);
            _replaceSilent(job, t, jobId, tile);
        } else if (t.phase == TilePhase.Revealing) {
            // Before the reveal deadline only once all have revealed, and on a job with probes only
            // by its client: nobody can settle a probe tile before the client has opened its answer.
            if (
                block.timestamp <= t.deadline &&
                (t.reveals < (t.single ? 1 : REPLICATION) || (job.probed && msg.sender != job.client))
            ) revert RenderJobsTileDeadline(jobId, tile, t.deadline);
            _settleReveals(job, t, jobId, tile);
        } else {
            revert RenderJobsTilePhase(jobId, tile, t.phase);
        }
    }

    /// @inheritdoc IRenderJobs
    function releaseTile(uint256 jobId, uint256 tile) external nonReentrant {
        Job storage job = _job(jobId, JobStatus.Abandoned);
        Tile storage t = _tile(job, jobId, tile);
        if (t.phase != TilePhase.Committing && t.phase != TilePhase.Revealing)
            revert RenderJobsTilePhase(jobId, tile, t.phase);
        address[3] memory workers = t.workers;
        _clearRound(t);
        for (uint256 slot; slot < REPLICATION; ++slot) {
            if (workers[slot] != address(0)) _release(workers[slot], job.tileStake);
        }
    }

    /// @inheritdoc IRenderJobs
    function openProbe(uint256 jobId, uint256 tile, bytes32 answer, bytes32[] calldata proof) external {
        Job storage job = _job(jobId, JobStatus.Accepted);
        Tile storage t = _tile(job, jobId, tile);
        // Only once every Worker of the round has sealed its result, and never after settlement.
        if (t.phase != TilePhase.Revealing) revert RenderJobsTilePhase(jobId, tile, t.phase);
        // The tree has one position per tile of the job, so a tile has at most one known answer.
        if (_probeAnswers[jobId][tile] != bytes32(0)) revert RenderJobsProbeOpened(jobId, tile);
        bytes32 root = job.probeRoot;
        if (
            root == bytes32(0) ||
            answer == bytes32(0) ||
            proof.length != _depthOf(job.tileCount) ||
            _rootOf(leafOf(tile, answer), tile, proof) != root
        ) revert RenderJobsProbeProof(jobId, tile);
        _probeAnswers[jobId][tile] = answer;
        emit ProbeOpened(jobId, tile, answer);
    }

    /// @inheritdoc IRenderJobs
    function judgeHeldRound(uint256 jobId, uint256 tile, uint256 round) external nonReentrant {
        Job storage job = _jobs[jobId];
        Tile storage t = _tile(job, jobId, tile);
        bytes32 accepted = t.accepted;
        // Judged against the accepted result; a job abandoned before that frees them unjudged.
        if (accepted == bytes32(0) && job.status != JobStatus.Abandoned)
            revert RenderJobsTilePhase(jobId, tile, t.phase);
        HeldRound storage h = _heldRounds[jobId][tile][round];
        address[3] memory workers = h.workers;
        bytes32[3] memory results = h.results;
        if (workers[0] == address(0) && workers[1] == address(0) && workers[2] == address(0))
            revert RenderJobsNoHeldRound(jobId, tile, round);
        delete _heldRounds[jobId][tile][round];
        for (uint256 slot; slot < REPLICATION; ++slot) {
            address worker = workers[slot];
            if (worker == address(0)) continue;
            bool upheld = accepted == bytes32(0) || results[slot] == accepted;
            uint256 slashed;
            if (upheld) _release(worker, job.tileStake);
            else slashed = _punish(job, worker, Fault.Dissent);
            emit HeldResultJudged(jobId, tile, round, worker, upheld, slashed);
        }
    }

    /// @dev The commit deadline passed with slots unsealed: their Workers are slashed and the
    /// slots re-drawn from a block not mined yet; the sealed commitments stay. A trusted Worker
    /// silent on its single-Worker tile is replaced by a full draw of three.
    function _replaceSilent(Job storage job, Tile storage t, uint256 jobId, uint256 tile) private {
        t.single = false;
        address[3] memory silent;
        for (uint256 slot; slot < REPLICATION; ++slot) {
            if (_isSealed(t, slot)) continue;
            silent[slot] = t.workers[slot];
            t.workers[slot] = address(0);
        }
        t.seedBlock = uint48(block.number + 1);
        for (uint256 slot; slot < REPLICATION; ++slot) {
            if (silent[slot] != address(0)) _fault(job, jobId, tile, silent[slot], Fault.NoCommit);
        }
    }

    /// @dev Two matching reveals accept the tile: they are paid, the third (a different hash or
    /// none) is slashed. Without two matching, silent Workers are slashed, the revealers released
    /// unpaid and unslashed, and the tile drawn afresh. An opened known answer is one more vote
    /// (see `_verdict`): when it ties the round, the revealers are held, neither paid nor released,
    /// until the tile is accepted in a later round and `judgeHeldRound` weighs them against it.
    function _settleReveals(Job storage job, Tile storage t, uint256 jobId, uint256 tile) private {
        (bytes32 winner, bool held) = _verdictOf(job, t, jobId, tile);
        if (held) return _holdRound(job, t, jobId, tile);
        address[3] memory workers = t.workers;
        bytes32[3] memory results = t.results;
        uint256 matches;
        if (winner != bytes32(0)) {
            for (uint256 slot; slot < REPLICATION; ++slot) {
                if (results[slot] == winner) ++matches;
            }
            t.phase = TilePhase.Accepted;
            t.accepted = winner;
            ++job.acceptedTiles;
            // At most REPLICATION results per tile, each within the budget set aside for it.
            job.paidToWorkers += uint96(matches * job.pricePerResult);
            emit TileAccepted(jobId, tile, winner, matches);
            _countProbe(job, jobId, tile, t.round, winner);
        } else {
            _clearRound(t);
            ++t.round;
            t.seedBlock = uint48(block.number + 1);
        }
        for (uint256 slot; slot < REPLICATION; ++slot) {
            address worker = workers[slot];
            if (worker == address(0)) continue;
            bytes32 result = results[slot];
            if (result == bytes32(0)) {
                _fault(job, jobId, tile, worker, Fault.NoReveal);
            } else if (winner == bytes32(0)) {
                _release(worker, job.tileStake);
            } else if (result == winner) {
                _credit(worker, job.pricePerResult);
                _release(worker, job.tileStake);
                staking.adjustRating(worker, job.rendererVersion, RATING_REWARD);
            } else {
                _fault(job, jobId, tile, worker, Fault.Dissent);
            }
        }
        // After the round's faults, so that an indexer meets them before the round closes.
        if (winner == bytes32(0)) emit TileUnresolved(jobId, tile, t.round - 1);
    }

    /// @dev The round's winning result (zero: none), and whether the known answer tied it (see `_verdict`).
    function _verdictOf(Job storage job, Tile storage t, uint256 jobId, uint256 tile) private view returns (bytes32, bool) {
        bytes32[3] memory results = t.results;
        if (job.probed) {
            bytes32 known = _probeAnswers[jobId][tile];
            if (known != bytes32(0)) return _verdict(results, known);
        }
        // A single-Worker tile (its audit skipped) is accepted on its one result.
        return (t.single ? results[0] : _majority(results), false);
    }

    /// @dev The known answer tied the round: silent Workers are slashed as usual; the revealers
    /// stay locked, unpaid, recorded for `judgeHeldRound`; the tile is drawn afresh.
    function _holdRound(Job storage job, Tile storage t, uint256 jobId, uint256 tile) private {
        uint256 round = t.round;
        address[3] memory workers = t.workers;
        bytes32[3] memory results = t.results;
        _clearRound(t);
        ++t.round;
        t.seedBlock = uint48(block.number + 1);
        HeldRound storage h = _heldRounds[jobId][tile][round];
        for (uint256 slot; slot < REPLICATION; ++slot) {
            if (workers[slot] == address(0)) continue;
            if (results[slot] == bytes32(0)) {
                _fault(job, jobId, tile, workers[slot], Fault.NoReveal);
            } else {
                h.workers[slot] = workers[slot];
                h.results[slot] = results[slot];
            }
        }
        emit TileHeld(jobId, tile, round);
    }

    /// @dev On a probe tile with its answer open: whether the accepted result matched it.
    function _countProbe(Job storage job, uint256 jobId, uint256 tile, uint256 round, bytes32 winner) private {
        if (!job.probed) return;
        bytes32 known = _probeAnswers[jobId][tile];
        if (known != bytes32(0)) emit ProbeCounted(jobId, tile, round, known == winner);
    }

    /// @dev The verdict with the known answer `known` as one more vote: the answer with the most
    /// votes wins if no other has as many and it has at least two. If the best Workers' answer only
    /// ties the known answer (two colluders against an honest Worker and the known answer; a
    /// single trusted Worker against it; two disagreeing Workers and a silent one), the round is
    /// `held`: a fresh round decides, and the held results are judged against it. A wrong known
    /// answer against two or three agreeing Workers loses. Nobody revealing: unresolved.
    function _verdict(bytes32[3] memory results, bytes32 known) private pure returns (bytes32 winner, bool held) {
        uint256 knownVotes = 1;
        uint256 best;
        for (uint256 slot; slot < REPLICATION; ++slot) {
            bytes32 result = results[slot];
            if (result == bytes32(0)) continue;
            if (result == known) {
                ++knownVotes;
                continue;
            }
            uint256 votes;
            for (uint256 other; other < REPLICATION; ++other) {
                if (results[other] == result) ++votes;
            }
            if (votes > best) {
                best = votes;
                winner = result;
            }
        }
        if (best > knownVotes) return (winner, false);
        if (best == knownVotes) return (bytes32(0), true);
        return (knownVotes >= 2 ? known : bytes32(0), false);
    }

    /// @dev The hash at least two of three results share (zero when none, or when they are empty).
    function _majority(bytes32[3] memory results) private pure returns (bytes32) {
        if (results[0] != bytes32(0) && (results[0] == results[1] || results[0] == results[2])) return results[0];
        if (results[1] != bytes32(0) && results[1] == results[2]) return results[1];
        return bytes32(0);
    }

    /// @dev Empties the tile's slots for a new round (the round counter and seed are the caller's).
    function _clearRound(Tile storage t) private {
        t.phase = TilePhase.Unassigned;
        t.commits = 0;
        t.reveals = 0;
        t.deadline = 0;
        t.seals = 0;
        t.single = false;
        delete t.workers;
        delete t.commitments;
        delete t.results;
    }

    /// @dev Slashes `worker` the tile stake (taken from its lock on this tile) and lowers its rating.
    function _fault(Job storage job, uint256 jobId, uint256 tile, address worker, Fault fault) private {
        emit WorkerFaulted(jobId, tile, worker, fault, _punish(job, worker, fault));
    }

    function _punish(Job storage job, address worker, Fault fault) private returns (uint256 slashed) {
        bytes32 reason = fault == Fault.NoCommit
            ? REASON_NO_COMMIT
            : (fault == Fault.NoReveal ? REASON_NO_REVEAL : REASON_DISSENT);
        slashed = staking.slash(worker, job.tileStake, reason);
        // Rendering is bit-exact, so wrong pixels are proven: trust is earned again from zero.
        staking.adjustRating(worker, job.rendererVersion, fault == Fault.Dissent ? -type(int256).max : RATING_PENALTY);
    }

    // =========================================================================================
    // Payments
    // =========================================================================================

    /// @inheritdoc IRenderJobs
    function withdraw() external nonReentrant returns (uint256 amount) {
        amount = _owed[msg.sender];
        if (amount == 0) revert RenderJobsNothingOwed(msg.sender);
        _owed[msg.sender] = 0;
        emit Withdrawn(msg.sender, amount);
        mrk.safeTransfer(msg.sender, amount);
    }

    function _credit(address account, uint256 amount) private {
        uint256 owed = _owed[account] + amount;
        _owed[account] = owed;
        emit Credited(account, amount, owed);
    }

    /// @dev Unlocks `amount` of `account`'s stake, or what is left of it: a slash from another
    /// job takes locked stake first, so the lock this contract recorded may have shrunk.
    function _release(address account, uint256 amount) private {
        uint256 locked = staking.stakeOf(account).locked;
        uint256 unlock = amount < locked ? amount : locked;
        if (unlock != 0) staking.unlock(account, unlock);
    }

    /// @dev Takes `amount` MRK from the caller: permit first when given and the allowance is
    /// short. A permit front-run by someone else still leaves the allowance, so a failed permit
    /// is ignored and the transfer decides.
    function _pay(uint256 amount, IRenderStaking.Permit calldata permit) private {
        MrkPermit.useIfShort(mrk, amount, permit.value, permit.deadline, permit.v, permit.r, permit.s);
        mrk.safeTransferFrom(msg.sender, address(this), amount);
    }

    // =========================================================================================
    // Lookups and views
    // =========================================================================================

    function _job(uint256 jobId, JobStatus status) private view returns (Job storage job) {
        job = _jobs[jobId];
        if (job.status == JobStatus.None) revert RenderJobsUnknownJob(jobId);
        if (job.status != status) revert RenderJobsJobStatus(jobId, job.status);
    }

    function _tile(Job storage job, uint256 jobId, uint256 tile) private view returns (Tile storage) {
        if (tile >= job.tileCount) revert RenderJobsUnknownTile(jobId, tile);
        return _tiles[jobId][tile];
    }

    function _slotOf(Tile storage t, uint256 jobId, uint256 tile, address worker) private view returns (uint256) {
        for (uint256 slot; slot < REPLICATION; ++slot) {
            if (t.workers[slot] == worker) return slot;
        }
        revert RenderJobsNotAssigned(jobId, tile, worker);
    }

    /// @dev Whether `slot` of `t` has committed, alone or in a batch.
    function _isSealed(Tile storage t, uint256 slot) private view returns (bool) {
        return t.commitments[slot] != bytes32(0) || uint24(uint256(t.seals) >> (40 * slot)) != 0;
    }

    /// @dev A single-Worker tile is sealed: whether it is audited is drawn from the next block.
    function _awaitAudit(Tile storage t) private {
        t.commits = 1;
        t.seedBlock = uint48(block.number + 1);
    }

    /// @dev All three slots sealed: reveals open until `revealWindow` from now.
    function _openReveals(Tile storage t, uint256 revealWindow) private {
        t.phase = TilePhase.Revealing;
        t.deadline = (block.timestamp + revealWindow).toUint40();
    }

    /// @dev The depth of a positional tree over `count` leaves: ⌈log2(count)⌉.
    function _depthOf(uint256 count) private pure returns (uint256 depth) {
        while ((1 << depth) < count) ++depth;
    }

    function _sealOf(bytes32 commitment, uint256 depth) private pure returns (bytes32) {
        return keccak256(abi.encode(commitment, depth));
    }

    /// @dev The root above `leaf` at `position`, its siblings in `proof` from the leaf up.
    function _rootOf(bytes32 leaf, uint256 position, bytes32[] calldata proof) private pure returns (bytes32 node) {
        node = leaf;
        for (uint256 level; level < proof.length; ++level) {
            node = (position >> level) & 1 == 0
                ? Hashes.efficientKeccak256(node, proof[level])
                : Hashes.efficientKeccak256(proof[level], node);
        }
    }

    function _hasEmptySlot(Tile storage t) private view returns (bool) {
        return t.workers[0] == address(0) || t.workers[1] == address(0) || t.workers[2] == address(0);
    }

    function _isEligibleAs(address account, IRenderStaking.Role role) private view returns (bool) {
        return staking.stakeOf(account).role == role && staking.isEligible(account);
    }

    /// @inheritdoc IRenderJobs
    function jobOf(uint256 jobId) external view returns (JobView memory v) {
        Job storage job = _jobs[jobId];
        v.status = job.status;
        v.client = job.client;
        v.scheduler = job.scheduler;
        v.sceneDigest = job.sceneDigest;
        v.sceneCodec = job.sceneCodec;
        v.rendererVersion = job.rendererVersion;
        v.spec = job.spec;
        v.tileCount = job.tileCount;
        v.acceptedTiles = job.acceptedTiles;
        v.deadline = job.deadline;
        v.budget = job.budget;
        v.fee = job.fee;
        v.pricePerResult = job.pricePerResult;
        v.paidToWorkers = job.paidToWorkers;
        v.tileStake = job.tileStake;
        v.jobStake = job.jobStake;
        v.seedBlock = job.seedBlock;
        v.resultDigest = job.resultDigest;
        v.resultCodec = job.resultCodec;
        v.probeRoot = job.probeRoot;
    }

    /// @inheritdoc IRenderJobs
    /// @dev A slot sealed in a batch shows the batch's seal as its commitment.
    function tileOf(uint256 jobId, uint256 tile) external view returns (TileView memory) {
        Tile storage t = _tiles[jobId][tile];
        bytes32[3] memory commitments = t.commitments;
        for (uint256 slot; slot < REPLICATION; ++slot) {
            uint256 batch = uint24(uint256(t.seals) >> (40 * slot));
            if (batch != 0) commitments[slot] = _batchSeals[jobId][batch];
        }
        return
            TileView(t.phase, t.round, t.deadline, t.seedBlock, t.workers, commitments, t.results, t.accepted, t.single);
    }

    /// @inheritdoc IRenderJobs
    function probeAnswerOf(uint256 jobId, uint256 tile) external view returns (bytes32) {
        return _probeAnswers[jobId][tile];
    }

    /// @inheritdoc IRenderJobs
    function batchSeal(uint256 jobId, uint256 batch) external view returns (bytes32) {
        return _batchSeals[jobId][batch];
    }

    /// @inheritdoc IRenderJobs
    function owedTo(address account) external view returns (uint256) {
        return _owed[account];
    }

    /// @notice How many jobs have been posted (job ids run from 1).
    function jobCount() external view returns (uint256) {
        return _jobCount;
    }

    /// @inheritdoc IRenderJobs
    function tileCountOf(OutputSpec calldata spec) public pure returns (uint256) {
        if (spec.viewpoints == 0 || spec.faceSize == 0 || spec.samplesPerPixel == 0 || spec.tileSize == 0) return 0;
        uint256 perSide = (uint256(spec.faceSize) + spec.tileSize - 1) / spec.tileSize;
        return uint256(spec.viewpoints) * FACES * perSide * perSide;
    }

    /// @inheritdoc IRenderJobs
    function commitmentOf(bytes32 resultHash, bytes32 salt, address worker) public pure returns (bytes32) {
        return keccak256(abi.encode(resultHash, salt, worker));
    }

    /// @inheritdoc IRenderJobs
    function leafOf(uint256 tile, bytes32 resultHash) public pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(tile, resultHash))));
    }
}
