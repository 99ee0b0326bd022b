// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IRenderStaking} from "./IRenderStaking.sol";

/// @title IRenderJobs
/// @notice Render jobs and tile settlement (seed §2.1, §3.4.3): a client escrows an MRK budget for
/// a scene, a Scheduler accepts the job, each tile is drawn three Workers on chain from the draw
/// pool of the job's renderer version, weighted by rating (`RenderStaking.drawWorker`), the Workers commit to their result bound to themselves and reveal once all three have
/// committed; two matching reveals accept a tile and are paid, a dissenter or a silent Worker is
/// slashed through `RenderStaking`. The Scheduler publishes the assembled result and is paid its
/// fee; a Scheduler who lets the deadline pass is slashed and the client refunded. Every payment
/// is pulled with `withdraw`.
interface IRenderJobs {
    /// @notice Where a job is. `Posted` → `Accepted` (by its Scheduler) → `Completed`; `Posted` →
    /// `Cancelled` (by the client); `Accepted` → `Abandoned` (deadline passed without a result).
    enum JobStatus {
        None,
        Posted,
        Accepted,
        Completed,
        Cancelled,
        Abandoned
    }

    /// @notice Where a tile is. `Unassigned` (waiting for its seed block, then `assignTile`) →
    /// `Committing` → `Revealing` → `Accepted`; an undecided round goes back to `Unassigned`.
    enum TilePhase {
        Unassigned,
        Committing,
        Revealing,
        Accepted
    }

    /// @notice Why a Worker was slashed on a tile.
    enum Fault {
        NoCommit,
        NoReveal,
        Dissent
    }

    /// @notice What to render: cube-map panoramas at `viewpoints` points, six faces each of
    /// `faceSize`² pixels at `samplesPerPixel`, cut into `tileSize`² tiles.
    struct OutputSpec {
        uint16 viewpoints;
        uint32 faceSize;
        uint32 samplesPerPixel;
        uint32 tileSize;
    }

    /// @notice A job as the app reads it.
    struct JobView {
        JobStatus status;
        address client;
        address scheduler;
        bytes32 sceneDigest;
        uint64 sceneCodec;
        bytes32 rendererVersion;
        OutputSpec spec;
        uint256 tileCount;
        uint256 acceptedTiles;
        uint256 deadline;
        /// MRK escrowed at posting; `fee` of it is the Scheduler's on completion.
        uint256 budget;
        uint256 fee;
        /// What each matching result earns its Worker.
        uint256 pricePerResult;
        /// What Workers have been credited so far.
        uint256 paidToWorkers;
        /// Stake locked per tile assignment and behind the Scheduler's job (snapshots at posting).
        uint256 tileStake;
        uint256 jobStake;
        /// The block whose hash seeds the first draw of every tile (0 until accepted).
        uint256 seedBlock;
        bytes32 resultDigest;
        uint64 resultCodec;
        /// The root the client sealed known answers under (zero: the job has no probes).
        bytes32 probeRoot;
    }

    /// @notice A tile as the app and the Workers read it.
    struct TileView {
        TilePhase phase;
        uint256 round;
        /// The commit deadline while `Committing`, the reveal deadline while `Revealing`.
        uint256 deadline;
        /// The block whose hash draws the next Workers (0: the job's seed block).
        uint256 seedBlock;
        address[3] workers;
        bytes32[3] commitments;
        bytes32[3] results;
        bytes32 acceptedResult;
        /// The round has one trusted Worker (slot 0), audited at random (adaptive replication).
        bool single;
    }

    /// @notice What opens a batch for some of its tiles: `root` and `salt` open the batch's
    /// commitment, and `proofs[i]` (siblings from the leaf up, as deep as the batch's tree) places
    /// `leafOf(tiles[i], resultHashes[i])` at the position `tiles[i]` was sealed at; `slots[i]` is
    /// the Worker's slot on `tiles[i]`.
    struct BatchOpening {
        bytes32 root;
        bytes32 salt;
        uint256[] tiles;
        uint8[] slots;
        bytes32[] resultHashes;
        bytes32[][] proofs;
    }

    // --- Events ----------------------------------------------------------------------------------

    /// @notice `client` posted job `jobId` for `scheduler`, escrowing `budget`.
    event JobPosted(
        uint256 indexed jobId,
        address indexed client,
        address indexed scheduler,
        bytes32 sceneDigest,
        uint64 sceneCodec,
        bytes32 rendererVersion,
        OutputSpec spec,
        uint256 tileCount,
        uint256 budget,
        uint256 fee,
        uint256 pricePerResult,
        uint256 deadline
    );

    /// @notice The Scheduler accepted `jobId`; tiles are drawn from the hash of `seedBlock`.
    event JobAccepted(uint256 indexed jobId, uint256 seedBlock);

    /// @notice The client took back job `jobId` before its Scheduler accepted it.
    event JobCancelled(uint256 indexed jobId, uint256 refund);

    /// @notice Every tile of `jobId` is accepted and the Scheduler published the assembled result.
    event JobCompleted(uint256 indexed jobId, bytes32 resultDigest, uint64 resultCodec, uint256 fee, uint256 refund);

    /// @notice `jobId` passed its deadline unfinished: its Scheduler lost `slashed`, the client got `refund`.
    event JobAbandoned(uint256 indexed jobId, uint256 slashed, uint256 refund);

    /// @notice `worker` was drawn for slot `slot` of `tile` in `round`, to commit by `commitDeadline`.
    event TileAssigned(
        uint256 indexed jobId,
        uint256 indexed tile,
        address indexed worker,
        uint256 round,
        uint256 slot,
        uint256 commitDeadline
    );

    /// @notice The seed block of `tile` passed out of `blockhash`'s reach; the next draw uses `seedBlock`.
    event TileReseeded(uint256 indexed jobId, uint256 indexed tile, uint256 seedBlock);

    /// @notice `tile`'s first draw landed on `worker`, trusted for the job's renderer version: it
    /// renders the tile alone unless the audit drawn after its commitment adds two more Workers.
    event TileTrusted(uint256 indexed jobId, uint256 indexed tile, address indexed worker);

    /// @notice The audit of a single-Worker tile was drawn: `audited` (two more Workers drawn) or not
    /// (its one result opens for reveal).
    event TileAudit(uint256 indexed jobId, uint256 indexed tile, bool audited);

    /// @notice `worker` committed `commitment` for `tile`.
    event ResultCommitted(uint256 indexed jobId, uint256 indexed tile, address indexed worker, bytes32 commitment);

    /// @notice `worker` sealed its results for `tiles` at once under batch `batch` of the job:
    /// `commitment` is `commitmentOf(root, salt, worker)`, `root` the Merkle root over the leaves
    /// `leafOf(tile, resultHash)` of those tiles (and possibly more).
    event BatchCommitted(
        uint256 indexed jobId,
        address indexed worker,
        uint256 indexed batch,
        bytes32 commitment,
        uint256[] tiles
    );

    /// @notice `worker` revealed `resultHash` for `tile`.
    event ResultRevealed(uint256 indexed jobId, uint256 indexed tile, address indexed worker, bytes32 resultHash);

    /// @notice The client of `jobId` sealed known answers (probe tiles) under `probeRoot`: the root of
    /// a positional Merkle tree with one leaf per tile of the job, `leafOf(tile, answer)` at
    /// position `tile` for a probe and zero elsewhere, so neither the probes nor their count show.
    event ProbesSealed(uint256 indexed jobId, bytes32 probeRoot);

    /// @notice The known answer of probe tile `tile` was opened: it counts as one more vote when the
    /// tile settles, in this round and any later one.
    event ProbeOpened(uint256 indexed jobId, uint256 indexed tile, bytes32 answer);

    /// @notice Round `round` of probe tile `tile` was accepted; `agreed` says whether the known
    /// answer matched the accepted result (a wrong known answer is outvoted and frames nobody).
    event ProbeCounted(uint256 indexed jobId, uint256 indexed tile, uint256 round, bool agreed);

    /// @notice The known answer tied round `round` of `tile`: its revealers are held, unpaid and
    /// still locked, until `judgeHeldRound`, and the tile is drawn afresh.
    event TileHeld(uint256 indexed jobId, uint256 indexed tile, uint256 round);

    /// @notice `worker`'s result in held round `round` of `tile` was judged: `upheld` (it matched the
    /// accepted result, or the job was abandoned first: released unpaid) or slashed `slashed`.
    event HeldResultJudged(
        uint256 indexed jobId,
        uint256 indexed tile,
        uint256 round,
        address indexed worker,
        bool upheld,
        uint256 slashed
    );

    /// @notice `tile` settled on `resultHash`; each of its `matches` Workers was credited `pricePerResult`.
    event TileAccepted(uint256 indexed jobId, uint256 indexed tile, bytes32 resultHash, uint256 matches);

    /// @notice No result of `tile`'s `round` reached two matching reveals: it is drawn afresh.
    event TileUnresolved(uint256 indexed jobId, uint256 indexed tile, uint256 round);

    /// @notice `worker` lost `slashed` MRK of stake for `fault` on `tile`.
    event WorkerFaulted(
        uint256 indexed jobId,
        uint256 indexed tile,
        address indexed worker,
        Fault fault,
        uint256 slashed
    );

    /// @notice `account` may now withdraw `amount` more MRK (owed in all: `owed`).
    event Credited(address indexed account, uint256 amount, uint256 owed);

    /// @notice `account` took out `amount` MRK it was owed.
    event Withdrawn(address indexed account, uint256 amount);

    // --- Errors ----------------------------------------------------------------------------------

    /// @notice A constructor address is zero.
    error RenderJobsZeroAddress();

    /// @notice `account` is not an eligible Scheduler (job).
    error RenderJobsNotEligible(address account, IRenderStaking.Role role);

    /// @notice An output spec with a zero field, or more than `maxTiles` tiles (`tiles`).
    error RenderJobsSpecInvalid(uint256 tiles, uint256 maxTiles);

    /// @notice A zero scene digest or renderer version.
    error RenderJobsSceneInvalid();

    /// @notice `deadline` is not in the future.
    error RenderJobsDeadlineInvalid(uint256 deadline);

    /// @notice `budget` does not pay at least one MRK wei per result after the fee.
    error RenderJobsBudgetTooSmall(uint256 budget, uint256 results);

    /// @notice Job `jobId` does not exist.
    error RenderJobsUnknownJob(uint256 jobId);

    /// @notice Job `jobId` is `status`, not what the call needs.
    error RenderJobsJobStatus(uint256 jobId, JobStatus status);

    /// @notice `caller` may not do this to job `jobId`.
    error RenderJobsUnauthorized(uint256 jobId, address caller);

    /// @notice Job `jobId`'s deadline `deadline` has passed (or, for `abandonJob`, has not).
    error RenderJobsDeadline(uint256 jobId, uint256 deadline);

    /// @notice `tile` is not a tile of job `jobId`.
    error RenderJobsUnknownTile(uint256 jobId, uint256 tile);

    /// @notice `tile` of `jobId` is `phase`, not what the call needs.
    error RenderJobsTilePhase(uint256 jobId, uint256 tile, TilePhase phase);

    /// @notice The draw of `tile` must wait for `seedBlock` to be mined.
    error RenderJobsSeedNotReady(uint256 jobId, uint256 tile, uint256 seedBlock);

    /// @notice The draw pool of the job's renderer version had no eligible Worker with the tile
    /// stake free for a slot of `tile` within the draw's looks.
    error RenderJobsNoWorker(uint256 jobId, uint256 tile);

    /// @notice `caller` holds no slot of `tile`.
    error RenderJobsNotAssigned(uint256 jobId, uint256 tile, address caller);

    /// @notice The slot's commitment or reveal is there already.
    error RenderJobsAlreadySubmitted(uint256 jobId, uint256 tile, address worker);

    /// @notice A zero commitment or result hash.
    error RenderJobsZeroHash();

    /// @notice The tile's commit or reveal deadline `deadline` has passed (or, to settle, has not).
    error RenderJobsTileDeadline(uint256 jobId, uint256 tile, uint256 deadline);

    /// @notice The reveal does not open `worker`'s own commitment.
    error RenderJobsRevealMismatch(uint256 jobId, uint256 tile, address worker);

    /// @notice Not every tile of `jobId` is accepted (`accepted` of `tiles`).
    error RenderJobsTilesPending(uint256 jobId, uint256 accepted, uint256 tiles);

    /// @notice `account` is owed nothing.
    error RenderJobsNothingOwed(address account);

    /// @notice A batch call's arrays differ in length, or are empty.
    error RenderJobsBatchLength();

    /// @notice `batch` is not a batch `worker` sealed in this job, or its root and salt do not open it.
    error RenderJobsBatchMismatch(uint256 jobId, uint256 batch, address worker);

    /// @notice The Merkle proof does not place `tile`'s revealed result under the batch's root.
    error RenderJobsBatchProof(uint256 jobId, uint256 batch, uint256 tile);

    /// @notice A batch seals more tiles than `maxBatch`.
    error RenderJobsBatchTooLarge(uint256 tiles, uint256 maxBatch);

    /// @notice `tile`'s known answer is open already.
    error RenderJobsProbeOpened(uint256 jobId, uint256 tile);

    /// @notice The job has no probes, or the answer and proof do not open `tile`'s position of them.
    error RenderJobsProbeProof(uint256 jobId, uint256 tile);

    /// @notice No Workers are held for round `round` of `tile` (never held, or judged already).
    error RenderJobsNoHeldRound(uint256 jobId, uint256 tile, uint256 round);

    // --- Jobs ------------------------------------------------------------------------------------

    /// @notice Posts a job for `scheduler` (an eligible Scheduler), escrowing `budget` MRK wei paid
    /// by allowance or `permit`; the fee share is `render.schedulerFeeBps` of it now. `probeRoot`
    /// seals known answers for some tiles (see `ProbesSealed`; zero: none).
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
    ) external returns (uint256 jobId);

    /// @notice The Scheduler takes the job: locks its job stake and commits the next block's hash
    /// as the seed of the tiles' draws.
    function acceptJob(uint256 jobId) external;

    /// @notice The client takes back a job its Scheduler has not accepted, with its whole budget.
    function cancelJob(uint256 jobId) external;

    /// @notice The Scheduler publishes the assembled result once every tile is accepted, before the
    /// deadline; it is credited its fee and the client the unspent budget.
    function completeJob(uint256 jobId, bytes32 resultDigest, uint64 resultCodec) external;

    /// @notice Anyone closes an accepted job past its deadline without a result: the Scheduler's
    /// job stake is slashed and the client credited what Workers have not earned.
    function abandonJob(uint256 jobId) external;

    // --- Tiles -----------------------------------------------------------------------------------

    /// @notice Anyone draws Workers into the empty slots of `tile` once its seed block is mined,
    /// locking `tileStake` of each; re-seeds instead when the seed block is older than 256 blocks.
    function assignTile(uint256 jobId, uint256 tile) external;

    /// @notice A Worker of `tile` commits `keccak256(abi.encode(resultHash, salt, worker))`.
    function commitResult(uint256 jobId, uint256 tile, bytes32 commitment) external;

    /// @notice A Worker of `tile` opens its commitment once all three slots have committed.
    function revealResult(uint256 jobId, uint256 tile, bytes32 resultHash, bytes32 salt) external;

    /// @notice A Worker seals its results for several tiles of a job in one call. `slots[i]` is its
    /// slot on `tiles[i]`; `commitment` is `commitmentOf(root, salt, worker)`, where `root` is the
    /// root of a positional Merkle tree of depth ⌈log2(tiles.length)⌉ whose leaf `i` is
    /// `leafOf(tiles[i], resultHash)` (missing leaves zero; a parent is `keccak256(left, right)`).
    /// Each tile slot stores only the batch number and the leaf's position, so a leaf opens for
    /// its own tile and Worker only, and one position holds one answer.
    /// @return batch The batch's number within the job, for `revealBatch`.
    function commitBatch(
        uint256 jobId,
        uint256[] calldata tiles,
        uint8[] calldata slots,
        bytes32 commitment
    ) external returns (uint256 batch);

    /// @notice Opens batch `batch` for some of its tiles, each of which must be revealing (see
    /// `BatchOpening`).
    function revealBatch(uint256 jobId, uint256 batch, BatchOpening calldata opening) external;

    /// @notice Anyone settles `tile`: after a missed commit deadline the silent Workers are slashed
    /// and replaced; after every reveal or the reveal deadline the tile is accepted, or drawn afresh.
    /// On a job with probes, only the client settles a tile before its reveal deadline (so that a
    /// probe is never settled before its answer could be opened).
    function settleTile(uint256 jobId, uint256 tile) external;

    /// @notice Anyone opens the known answer of probe tile `tile` with its `proof` (siblings from the
    /// leaf up, as deep as ⌈log2(tileCount)⌉), once every Worker of the round has sealed its result
    /// (the tile is revealing) and before it settles: earlier it could leak to the Workers.
    function openProbe(uint256 jobId, uint256 tile, bytes32 answer, bytes32[] calldata proof) external;

    /// @notice Anyone judges the Workers held in round `round` of `tile` once the tile is accepted:
    /// a result matching the accepted one is released unpaid, any other slashed for dissent. If
    /// the job was abandoned first, all are released.
    function judgeHeldRound(uint256 jobId, uint256 tile, uint256 round) external;

    /// @notice Frees the Workers still holding `tile` of an abandoned job, unpaid
    /// and unslashed: the job ended under them.
    function releaseTile(uint256 jobId, uint256 tile) external;

    // --- Payments --------------------------------------------------------------------------------

    /// @notice Sends the caller the MRK it is owed (rewards, fees, refunds).
    function withdraw() external returns (uint256 amount);

    // --- Views -----------------------------------------------------------------------------------

    function jobOf(uint256 jobId) external view returns (JobView memory);

    function tileOf(uint256 jobId, uint256 tile) external view returns (TileView memory);

    /// @notice The opened known answer of `tile` (zero: none, or not opened yet).
    function probeAnswerOf(uint256 jobId, uint256 tile) external view returns (bytes32);

    /// @notice What `account` may withdraw.
    function owedTo(address account) external view returns (uint256);

    /// @notice The tiles of `spec`: `viewpoints` × 6 faces × ⌈faceSize / tileSize⌉².
    function tileCountOf(OutputSpec calldata spec) external pure returns (uint256);

    /// @notice The commitment `worker` sends for `resultHash` with `salt`.
    function commitmentOf(bytes32 resultHash, bytes32 salt, address worker) external pure returns (bytes32);

    /// @notice The Merkle leaf of `tile`'s result in a batch:
    /// `keccak256(bytes.concat(keccak256(abi.encode(tile, resultHash))))`. Hashed twice (as in
    /// OpenZeppelin's standard tree), so no inner node (a hash of 64 bytes) passes for a leaf.
    function leafOf(uint256 tile, bytes32 resultHash) external pure returns (bytes32);

    /// @notice The seal of batch `batch` of `jobId`: `keccak256(abi.encode(commitment, depth))`,
    /// binding the tree's depth (zero if there is no such batch).
    function batchSeal(uint256 jobId, uint256 batch) external view returns (bytes32);
}
