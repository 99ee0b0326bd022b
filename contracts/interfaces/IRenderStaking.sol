// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IRenderStaking
/// @notice The render network's staking, admission and reputation layer (seed §2.1, §3.4.3):
/// Workers and Schedulers stake MRK (a governance minimum per role), Workers pass a benchmark
/// before they are admitted, stake unbonds over a governance period, and the authorised job
/// contract locks stake behind live work, rates accounts per renderer version and slashes into
/// the miners' rendering fund. Every state change emits an event the subgraph indexes.
interface IRenderStaking {
    /// @notice What an account does in the network. One role per account, chosen at registration.
    enum Role {
        None,
        Worker,
        Scheduler
    }

    /// @notice Why an admission attempt was refused.
    enum AdmissionFailure {
        WrongAnswer,
        MissedDeadline
    }

    /// @notice An EIP-2612 permit for a stake payment, used when the allowance is short
    /// (the same shape as the land offices' `Permit`). A zero `deadline` means "no permit".
    struct Permit {
        uint256 value;
        uint256 deadline;
        uint8 v;
        bytes32 r;
        bytes32 s;
    }

    /// @notice An account's stake as the app and the job contract read it.
    struct StakeView {
        Role role;
        /// Bonded stake, locked part included: slashable and backing work.
        uint256 staked;
        /// The part of `staked` backing live jobs; it cannot be unbonded.
        uint256 locked;
        /// Stake on its way out: still slashable until withdrawn.
        uint256 unbonding;
        /// When `unbonding` may be withdrawn (0 when nothing is unbonding).
        uint256 withdrawableAt;
    }

    /// @notice An account's admission as the app reads it.
    struct AdmissionView {
        bool admitted;
        /// The benchmark task assigned and not yet answered (0 when none).
        bytes32 taskId;
        /// When that task was assigned, and its deadline.
        uint256 assignedAt;
        uint256 deadline;
        /// When a refused worker may ask for another task.
        uint256 retryAt;
        /// Measured speed of the passing attempt: seconds and blocks from assignment to answer.
        uint256 speedSeconds;
        uint256 speedBlocks;
    }

    // --- Events ----------------------------------------------------------------------------------

    /// @notice `account` joined the network in `role`.
    event Registered(address indexed account, Role indexed role);

    /// @notice `amount` MRK was added to `account`'s bonded stake, now `staked`.
    event Staked(address indexed account, uint256 amount, uint256 staked);

    /// @notice `amount` left the bonded stake; `unbonding` in all may be withdrawn from `withdrawableAt`.
    event UnbondRequested(address indexed account, uint256 amount, uint256 unbonding, uint256 withdrawableAt);

    /// @notice `account` took back `amount` MRK of unbonded stake.
    event Withdrawn(address indexed account, uint256 amount);

    /// @notice A benchmark task joined the pool at `index`, its answer committed as `answerHash`.
    event BenchmarkAdded(uint256 indexed index, bytes32 indexed taskId, bytes32 answerHash);

    /// @notice `worker` was given benchmark `taskId`, to answer by `deadline`.
    event AdmissionTaskAssigned(address indexed worker, bytes32 indexed taskId, uint256 deadline);

    /// @notice `worker` answered `taskId` correctly and is admitted, with its measured speed.
    event AdmissionPassed(address indexed worker, bytes32 indexed taskId, uint256 speedSeconds, uint256 speedBlocks);

    /// @notice `worker` failed `taskId` and may ask again from `retryAt`.
    event AdmissionFailed(address indexed worker, bytes32 indexed taskId, AdmissionFailure reason, uint256 retryAt);

    /// @notice The job contract moved `account`'s rating for `rendererVersion`.
    event RatingChanged(
        address indexed account,
        bytes32 indexed rendererVersion,
        uint256 oldRating,
        uint256 newRating
    );

    /// @notice `amount` MRK of `account`'s stake (of `requested`) went to the rendering fund.
    event Slashed(address indexed account, bytes32 indexed reason, uint256 amount, uint256 requested);

    /// @notice `amount` of `account`'s stake now backs live work; `locked` in all.
    event StakeLocked(address indexed account, uint256 amount, uint256 locked);

    /// @notice `amount` of `account`'s stake no longer backs live work; `locked` in all.
    event StakeUnlocked(address indexed account, uint256 amount, uint256 locked);

    /// @notice `worker` joined the draw pool of `rendererVersion` with draw weight `weight`.
    event WorkerJoinedPool(address indexed worker, bytes32 indexed rendererVersion, uint256 weight);

    /// @notice `worker` left the draw pool of `rendererVersion` (by itself, or evicted when drawn
    /// no longer eligible).
    event WorkerLeftPool(address indexed worker, bytes32 indexed rendererVersion);

    // --- Errors ----------------------------------------------------------------------------------

    /// @notice A constructor address is zero.
    error RenderStakingZeroAddress();

    /// @notice `role` is not Worker or Scheduler.
    error RenderStakingRoleInvalid(Role role);

    /// @notice `account` registered already, as `role`.
    error RenderStakingAlreadyRegistered(address account, Role role);

    /// @notice `account` has not registered.
    error RenderStakingNotRegistered(address account);

    /// @notice A zero amount where one is needed.
    error RenderStakingAmountZero();

    /// @notice A first stake of `amount` is below the role's minimum.
    error RenderStakingStakeBelowMinimum(uint256 amount, uint256 minimum);

    /// @notice `amount` exceeds `account`'s free (bonded and unlocked) stake, `available`.
    error RenderStakingStakeUnavailable(address account, uint256 amount, uint256 available);

    /// @notice `account`'s unbonding stake may be withdrawn only from `withdrawableAt`.
    error RenderStakingUnbondingNotOver(address account, uint256 withdrawableAt);

    /// @notice `account` has no unbonding stake.
    error RenderStakingNothingToWithdraw(address account);

    /// @notice `amount` exceeds `account`'s locked stake, `locked`.
    error RenderStakingUnlockExceedsLocked(address account, uint256 amount, uint256 locked);

    /// @notice `account` may not take new work (unregistered, unbonding, below the minimum, or a
    /// worker not admitted).
    error RenderStakingNotEligible(address account);

    /// @notice `account` is not a registered Worker.
    error RenderAdmissionNotWorker(address account);

    /// @notice `worker` is admitted already.
    error RenderAdmissionAlreadyAdmitted(address worker);

    /// @notice `worker` still has `taskId` to answer by `deadline`.
    error RenderAdmissionPending(address worker, bytes32 taskId, uint256 deadline);

    /// @notice `worker` has no benchmark task to answer.
    error RenderAdmissionNoTask(address worker);

    /// @notice `worker` failed and may ask again from `retryAt`.
    error RenderAdmissionCooldown(address worker, uint256 retryAt);

    /// @notice Every benchmark task in the pool has been used: the authority must add more.
    error RenderAdmissionNoBenchmark();

    /// @notice A benchmark with a zero task id or answer hash, or lists of different lengths.
    error RenderBenchmarkInvalid(uint256 index);

    /// @notice `worker` is in the draw pool of `rendererVersion` already.
    error RenderPoolAlreadyIn(address worker, bytes32 rendererVersion);

    /// @notice `worker` is not in the draw pool of `rendererVersion`.
    error RenderPoolNotIn(address worker, bytes32 rendererVersion);

    /// @notice A zero renderer version.
    error RenderPoolVersionInvalid();

    // --- Staking ---------------------------------------------------------------------------------

    /// @notice Joins the network in `role` with a first stake of `amount` MRK wei (at least the
    /// role's `render.min*Stake`), paid by allowance or by `permit` in the same transaction.
    function register(Role role, uint256 amount, Permit calldata permit) external;

    /// @notice Adds `amount` MRK wei to the caller's bonded stake.
    function addStake(uint256 amount, Permit calldata permit) external;

    /// @notice Moves `amount` of the caller's free stake into unbonding: the caller takes no new
    /// work from now on, and may withdraw everything unbonding one `render.unbondingPeriod` later
    /// (a new request restarts the wait for the whole amount).
    function requestUnbond(uint256 amount) external;

    /// @notice Sends the caller its unbonded stake once the unbonding period is over.
    function withdraw() external returns (uint256 amount);

    // --- Admission -------------------------------------------------------------------------------

    /// @notice Adds benchmark tasks to the pool: each `taskIds[i]` names a task spec published off
    /// chain, `answerHashes[i]` is `benchmarkAnswerHash(taskIds[i], resultHash)` of its known result.
    function addBenchmarks(bytes32[] calldata taskIds, bytes32[] calldata answerHashes) external;

    /// @notice Gives the calling worker the next unused benchmark task, due `render.admissionDeadline` later.
    function requestAdmission() external returns (bytes32 taskId, uint256 deadline);

    /// @notice Answers the caller's benchmark task with the hash of its rendered result; admits the
    /// caller when it matches the committed answer within the deadline, refuses it otherwise.
    function submitAdmission(bytes32 resultHash) external returns (bool admitted);

    // --- Draw pools ------------------------------------------------------------------------------

    /// @notice Puts the calling eligible Worker in the draw pool of `rendererVersion` (the renderer
    /// it runs), weighted by its rating for that version (`poolWeight`).
    function joinPool(bytes32 rendererVersion) external;

    /// @notice Takes the caller out of the draw pool of `rendererVersion`.
    function leavePool(bytes32 rendererVersion) external;

    /// @notice Draws a Worker from the pool of `rendererVersion`, each with probability in
    /// proportion to its weight among those not left out, and locks `amount` of its stake. Left
    /// out: `excluded` (the job's Scheduler and client, the tile's Workers), Workers without
    /// `amount` free, and Workers no longer eligible (evicted from the pool). Randomness from
    /// `seed` only; at most `MAX_DRAWS` looks. Returns the Worker and its rating for the version,
    /// or zeros when nobody was found.
    function drawWorker(
        bytes32 rendererVersion,
        bytes32 seed,
        address[5] calldata excluded,
        uint256 amount
    ) external returns (address worker, uint256 rating);

    // --- Job contract ----------------------------------------------------------------------------

    /// @notice Locks `amount` of an eligible `account`'s free stake behind live work.
    function lock(address account, uint256 amount) external;

    /// @notice Releases `amount` of `account`'s locked stake.
    function unlock(address account, uint256 amount) external;

    /// @notice Moves `account`'s rating for `rendererVersion` by `delta`, never below zero.
    function adjustRating(address account, bytes32 rendererVersion, int256 delta) external returns (uint256 rating);

    /// @notice Sends up to `amount` of `account`'s stake (locked first, then free, then unbonding)
    /// to the rendering fund; returns what was taken, capped at the account's whole stake (0, with
    /// no event, when nothing is left).
    function slash(address account, uint256 amount, bytes32 reason) external returns (uint256 slashed);

    // --- Views -----------------------------------------------------------------------------------

    /// @notice `account`'s role and stake.
    function stakeOf(address account) external view returns (StakeView memory);

    /// @notice `account`'s admission state and measured speed.
    function admissionOf(address account) external view returns (AdmissionView memory);

    /// @notice `account`'s rating for `rendererVersion`.
    function ratingOf(address account, bytes32 rendererVersion) external view returns (uint256);

    /// @notice Whether `account` may take new work now: registered, nothing unbonding, bonded stake
    /// at least its role's current minimum, and (Workers) admitted.
    function isEligible(address account) external view returns (bool);

    /// @notice The minimum first stake of `role` now (`render.minWorkerStake` / `render.minSchedulerStake`).
    function minimumStake(Role role) external view returns (uint256);

    /// @notice The draw weight of a Worker rated `rating` for a version: `BASE_WEIGHT` plus one per
    /// `RATING_PER_WEIGHT` of rating, counting at most `RATING_WEIGHT_CAP`.
    function poolWeight(uint256 rating) external pure returns (uint256);

    /// @notice How many Workers are in the draw pool of `rendererVersion`, and their weight in all.
    function poolOf(bytes32 rendererVersion) external view returns (uint256 size, uint256 totalWeight);

    /// @notice `worker`'s draw weight in the pool of `rendererVersion` (0: not in it).
    function poolWeightOf(address worker, bytes32 rendererVersion) external view returns (uint256);

    /// @notice Benchmark tasks in the pool, and how many have been handed out.
    function benchmarkCount() external view returns (uint256 total, uint256 assigned);

    /// @notice The answer hash an authority commits for `taskId` with known result `resultHash`.
    function benchmarkAnswerHash(bytes32 taskId, bytes32 resultHash) external pure returns (bytes32);
}
