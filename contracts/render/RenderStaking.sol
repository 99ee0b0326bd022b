// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {SignedMath} from "@openzeppelin/contracts/utils/math/SignedMath.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IMarkParameters} from "../interfaces/IMarkParameters.sol";
import {IRenderStaking} from "../interfaces/IRenderStaking.sol";
import {MrkPermit} from "../libraries/MrkPermit.sol";
import {RenderPool} from "./RenderPool.sol";

/// @title RenderStaking
/// @notice Stakes, admission and reputation of the render network's Workers and Schedulers
/// (see `IRenderStaking`). Stake is paid in MRK and held here; it leaves only through
/// `withdraw` (pulled by its owner after the unbonding period) or `slash` (to the rendering fund).
/// The job contract reaches `lock`, `unlock`, `adjustRating` and `slash`, and a benchmark
/// authority `addBenchmarks`, through `MarkAccessManager` roles that governance grants; until it
/// does, every `restricted` function belongs to the admin (the treasury timelock).
/// @dev Admission without copying: every benchmark task in the pool is handed to exactly one
/// worker, once, and never again (whether it was passed, failed or missed). A result seen in the
/// mempool, or on chain after it is submitted, answers a task nobody else holds, so a worker's
/// answer is bound to it by the assignment itself, in one transaction and without a
/// commit-reveal round (which, with a task shared by several newcomers, still lets a late one
/// commit a result revealed by an earlier one unless all commits close before any reveal).
/// The price is that the authority renders each task once per admission. Measured speed is as
/// honest as the task specs are secret: an authority that publishes a spec only for the task a
/// worker was assigned (it sees `AdmissionTaskAssigned`) stops anyone rendering a task early.
/// Each attempt uses up a task, so a registered worker can burn one per cooldown; the stake it must
/// lock up and `render.admissionCooldown` are what price draining the pool.
///
/// Draw pools. Workers join the pool of each renderer version they run, and the job contract draws
/// a tile's Workers from the pool of the job's version (`drawWorker`), each in proportion to its
/// weight: `BASE_WEIGHT` (4) plus one per `RATING_PER_WEIGHT` (25) points of its rating for that
/// version, counting at most `RATING_WEIGHT_CAP` (200): from 4 for a newcomer to 12, so good
/// ratings win up to three times a newcomer's work. The base keeps a zero-rated newcomer drawable;
/// the cap keeps any account below three newcomers' worth of draws, so that a party running
/// long-rated accounts cannot crowd a tile's three slots with its own (the draw is what stops one
/// party picking all three). Steps of 25 make the weight, and so the sum tree (`RenderPool`),
/// move at most once per 25 accepted results on the way up; a fault moves it at once. The rule is
/// fixed in code, not a governance parameter: changing it would need every member's stored weight
/// rewritten, an unbounded loop. Ratings live here, so `adjustRating` keeps the tree exact.
contract RenderStaking is IRenderStaking, AccessManaged, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;
    using RenderPool for RenderPool.Pool;

    bytes32 public constant MIN_WORKER_STAKE = keccak256("render.minWorkerStake");
    bytes32 public constant MIN_SCHEDULER_STAKE = keccak256("render.minSchedulerStake");
    bytes32 public constant UNBONDING_PERIOD = keccak256("render.unbondingPeriod");
    bytes32 public constant ADMISSION_DEADLINE = keccak256("render.admissionDeadline");
    bytes32 public constant ADMISSION_COOLDOWN = keccak256("render.admissionCooldown");

    /// @notice The draw weight rule (see `poolWeight`).
    uint256 public constant BASE_WEIGHT = 4;
    uint256 public constant RATING_PER_WEIGHT = 25;
    uint256 public constant RATING_WEIGHT_CAP = 200;
    /// @notice Pool positions looked at per draw before `drawWorker` gives up.
    uint256 public constant MAX_DRAWS = 16;
    /// @dev Positions a draw may leave out: the five excluded accounts and one per look.
    uint256 private constant MAX_SKIPS = 5 + MAX_DRAWS;

    IERC20 public immutable mrk;
    IMarkParameters public immutable parameters;
    /// @notice Receives every slashed MRK (the miners' rendering fund's lock).
    address public immutable renderingFund;

    /// @dev MRK's whole supply (3e27 wei) fits in 96 bits, so one slot holds what changes on
    /// every stake and lock: staked (96) | locked (96) | withdrawableAt (40) | role (8).
    struct Stake {
        uint96 staked;
        uint96 locked;
        uint40 withdrawableAt;
        Role role;
        // second slot: written only by unbonding, withdrawal and slashes reaching it
        uint96 unbonding;
    }

    /// @dev One slot: task (32, pool index + 1; 0 = none) | assignedAt (40) | deadline (40) |
    /// retryAt (40) | assignedBlock (48) | admitted (8) | speedSeconds (24) | speedBlocks (24).
    /// Speeds fit in 24 bits because an answer counts only within `render.admissionDeadline`
    /// (at most a day).
    struct Admission {
        uint32 task;
        uint40 assignedAt;
        uint40 deadline;
        uint40 retryAt;
        uint48 assignedBlock;
        bool admitted;
        uint24 speedSeconds;
        uint24 speedBlocks;
    }

    struct Benchmark {
        bytes32 taskId;
        bytes32 answerHash;
    }

    mapping(address account => Stake) private _stakes;
    mapping(address account => Admission) private _admissions;
    mapping(address account => mapping(bytes32 rendererVersion => uint256)) private _ratings;
    Benchmark[] private _benchmarks;
    uint256 private _nextBenchmark;
    mapping(bytes32 rendererVersion => RenderPool.Pool) private _pools;

    /// @dev The shares of the weight line a draw leaves out: `starts[i]` (ascending) begins a
    /// share of `weights[i]`; `total` is their sum. `evicted`: the first `evictions` of them
    /// were found no longer eligible.
    struct Skips {
        uint256[] starts;
        uint256[] weights;
        uint256 count;
        uint256 total;
        address[] evicted;
        uint256 evictions;
    }

    /// @param authority The `MarkAccessManager` whose roles reach the restricted functions.
    /// @param mrk_ The MRK token.
    /// @param parameters_ The governance parameter store (`render.*` keys).
    /// @param renderingFund_ Where slashed stake goes (`RenderingFundLock`).
    constructor(
        address authority,
        IERC20 mrk_,
        IMarkParameters parameters_,
        address renderingFund_
    ) AccessManaged(authority) {
        if (
            authority == address(0) ||
            address(mrk_) == address(0) ||
            address(parameters_) == address(0) ||
            renderingFund_ == address(0)
        ) revert RenderStakingZeroAddress();
        mrk = mrk_;
        parameters = parameters_;
        renderingFund = renderingFund_;
    }

    // =========================================================================================
    // Staking
    // =========================================================================================

    /// @inheritdoc IRenderStaking
    function register(Role role, uint256 amount, Permit calldata permit) external nonReentrant {
        if (role == Role.None) revert RenderStakingRoleInvalid(role);
        Stake storage s = _stakes[msg.sender];
        if (s.role != Role.None) revert RenderStakingAlreadyRegistered(msg.sender, s.role);
        uint256 minimum = minimumStake(role);
        if (amount < minimum || amount == 0) revert RenderStakingStakeBelowMinimum(amount, minimum);
        s.role = role;
        emit Registered(msg.sender, role);
        _stake(s, amount, permit);
    }

    /// @inheritdoc IRenderStaking
    function addStake(uint256 amount, Permit calldata permit) external nonReentrant {
        Stake storage s = _stakes[msg.sender];
        if (s.role == Role.None) revert RenderStakingNotRegistered(msg.sender);
        if (amount == 0) revert RenderStakingAmountZero();
        _stake(s, amount, permit);
    }

    /// @inheritdoc IRenderStaking
    function requestUnbond(uint256 amount) external {
        Stake storage s = _stakes[msg.sender];
        if (amount == 0) revert RenderStakingAmountZero();
        uint256 free = s.staked - s.locked;
        if (amount > free) revert RenderStakingStakeUnavailable(msg.sender, amount, free);
        uint256 withdrawableAt = block.timestamp + parameters.get(UNBONDING_PERIOD);
        // Fits: `amount <= staked`, and staked plus unbonding never exceed MRK's supply.
        s.staked -= uint96(amount);
        s.unbonding += uint96(amount);
        s.withdrawableAt = withdrawableAt.toUint40();
        emit UnbondRequested(msg.sender, amount, s.unbonding, withdrawableAt);
    }

    /// @inheritdoc IRenderStaking
    function withdraw() external nonReentrant returns (uint256 amount) {
        Stake storage s = _stakes[msg.sender];
        amount = s.unbonding;
        if (amount == 0) revert RenderStakingNothingToWithdraw(msg.sender);
        if (block.timestamp < s.withdrawableAt) revert RenderStakingUnbondingNotOver(msg.sender, s.withdrawableAt);
        s.unbonding = 0;
        s.withdrawableAt = 0;
        emit Withdrawn(msg.sender, amount);
        mrk.safeTransfer(msg.sender, amount);
    }

    /// @dev Adds `amount` to `s` (the caller's stake), then takes the MRK: permit first when
    /// given and the allowance is short. A permit front-run by someone else still leaves the
    /// allowance, so a failed permit is ignored and the transfer decides.
    function _stake(Stake storage s, uint256 amount, Permit calldata permit) private {
        uint256 staked = s.staked + amount;
        s.staked = staked.toUint96();
        emit Staked(msg.sender, amount, staked);
        MrkPermit.useIfShort(mrk, amount, permit.value, permit.deadline, permit.v, permit.r, permit.s);
        mrk.safeTransferFrom(msg.sender, address(this), amount);
    }

    // =========================================================================================
    // Admission
    // =========================================================================================

    /// @inheritdoc IRenderStaking
    function addBenchmarks(bytes32[] calldata taskIds, bytes32[] calldata answerHashes) external restricted {
        if (taskIds.length != answerHashes.length) revert RenderBenchmarkInvalid(_benchmarks.length);
        // Bounded by the authority's own calldata.
        for (uint256 i; i < taskIds.length; ++i) {
            uint256 index = _benchmarks.length;
            if (taskIds[i] == bytes32(0) || answerHashes[i] == bytes32(0)) revert RenderBenchmarkInvalid(index);
            _benchmarks.push(Benchmark(taskIds[i], answerHashes[i]));
            emit BenchmarkAdded(index, taskIds[i], answerHashes[i]);
        }
    }

    /// @inheritdoc IRenderStaking
    function requestAdmission() external returns (bytes32 taskId, uint256 deadline) {
        if (_stakes[msg.sender].role != Role.Worker) revert RenderAdmissionNotWorker(msg.sender);
        Admission storage a = _admissions[msg.sender];
        if (a.admitted) revert RenderAdmissionAlreadyAdmitted(msg.sender);
        if (a.task != 0) {
            bytes32 pending = _benchmarks[a.task - 1].taskId;
            if (block.timestamp <= a.deadline) revert RenderAdmissionPending(msg.sender, pending, a.deadline);
            // The last task went unanswered: it counts as failed at its deadline.
            _fail(a, pending, AdmissionFailure.MissedDeadline, a.deadline);
        }
        if (block.timestamp < a.retryAt) revert RenderAdmissionCooldown(msg.sender, a.retryAt);
        uint256 next = _nextBenchmark;
        if (next >= _benchmarks.length) revert RenderAdmissionNoBenchmark();
        _nextBenchmark = next + 1;
        taskId = _benchmarks[next].taskId;
        deadline = block.timestamp + parameters.get(ADMISSION_DEADLINE);
        a.task = (next + 1).toUint32();
        a.assignedAt = uint40(block.timestamp);
        a.deadline = deadline.toUint40();
        a.assignedBlock = uint48(block.number);
        emit AdmissionTaskAssigned(msg.sender, taskId, deadline);
    }

    /// @inheritdoc IRenderStaking
    function submitAdmission(bytes32 resultHash) external returns (bool admitted) {
        Admission storage a = _admissions[msg.sender];
        if (a.task == 0) revert RenderAdmissionNoTask(msg.sender);
        Benchmark storage task = _benchmarks[a.task - 1];
        bytes32 taskId = task.taskId;
        if (block.timestamp > a.deadline) {
            _fail(a, taskId, AdmissionFailure.MissedDeadline, a.deadline);
            return false;
        }
        if (benchmarkAnswerHash(taskId, resultHash) != task.answerHash) {
            _fail(a, taskId, AdmissionFailure.WrongAnswer, block.timestamp);
            return false;
        }
        // Both fit in 24 bits: the deadline is at most a day after assignment (parameter bounds).
        uint256 speedSeconds = block.timestamp - a.assignedAt;
        uint256 speedBlocks = block.number - a.assignedBlock;
        a.task = 0;
        a.admitted = true;
        a.speedSeconds = speedSeconds.toUint24();
        a.speedBlocks = speedBlocks.toUint24();
        emit AdmissionPassed(msg.sender, taskId, speedSeconds, speedBlocks);
        return true;
    }

    /// @dev Refuses the pending attempt `taskId` (burned: never handed out again); the worker may
    /// ask again `render.admissionCooldown` after `from`.
    function _fail(Admission storage a, bytes32 taskId, AdmissionFailure reason, uint256 from) private {
        uint256 retryAt = from + parameters.get(ADMISSION_COOLDOWN);
        a.task = 0;
        a.retryAt = retryAt.toUint40();
        emit AdmissionFailed(msg.sender, taskId, reason, retryAt);
    }

    // =========================================================================================
    // Draw pools
    // =========================================================================================

    /// @inheritdoc IRenderStaking
    function joinPool(bytes32 rendererVersion) external {
        if (rendererVersion == bytes32(0)) revert RenderPoolVersionInvalid();
        if (_stakes[msg.sender].role != Role.Worker || !isEligible(msg.sender))
            revert RenderStakingNotEligible(msg.sender);
        RenderPool.Pool storage pool = _pools[rendererVersion];
        if (pool.contains(msg.sender)) revert RenderPoolAlreadyIn(msg.sender, rendererVersion);
        uint256 weight = poolWeight(_ratings[msg.sender][rendererVersion]);
        pool.add(msg.sender, weight);
        emit WorkerJoinedPool(msg.sender, rendererVersion, weight);
    }

    /// @inheritdoc IRenderStaking
    function leavePool(bytes32 rendererVersion) external {
        RenderPool.Pool storage pool = _pools[rendererVersion];
        if (!pool.contains(msg.sender)) revert RenderPoolNotIn(msg.sender, rendererVersion);
        pool.remove(msg.sender);
        emit WorkerLeftPool(msg.sender, rendererVersion);
    }

    /// @inheritdoc IRenderStaking
    /// @dev Each look draws a point on the weight line of the Workers not yet left out and walks
    /// the sum tree to the Worker whose share holds it, so the chance of every Worker still in
    /// play stays in proportion to its weight: a Worker found ineligible, busy (without `amount`
    /// free) or excluded is taken off the line for the next look, which never lands on it again.
    /// At most `MAX_DRAWS` looks, each O(log n) in the pool's size plus the shares left out.
    /// Ineligible Workers are evicted once the draw is over (an eviction moves positions).
    function drawWorker(
        bytes32 rendererVersion,
        bytes32 seed,
        address[5] calldata excluded,
        uint256 amount
    ) external restricted returns (address worker, uint256 rating) {
        if (amount == 0) revert RenderStakingAmountZero();
        RenderPool.Pool storage pool = _pools[rendererVersion];
        Skips memory skips = Skips(
            new uint256[](MAX_SKIPS),
            new uint256[](MAX_SKIPS),
            0,
            0,
            new address[](MAX_DRAWS),
            0
        );
        for (uint256 i; i < excluded.length; ++i) {
            if (excluded[i] == address(0)) continue; // an empty slot of the tile
            uint256 position = pool.positionOf[excluded[i]];
            if (position != 0) _skip(pool, skips, position);
        }
        worker = _look(pool, skips, seed, amount);
        if (worker != address(0)) rating = _ratings[worker][rendererVersion];
        for (uint256 i; i < skips.evictions; ++i) {
            pool.remove(skips.evicted[i]);
            emit WorkerLeftPool(skips.evicted[i], rendererVersion);
        }
    }

    /// @dev The looks of `drawWorker`: returns the first Worker drawn that is eligible with `amount`
    /// free, its stake locked (zero when none within `MAX_DRAWS`); ineligible ones go to `skips.evicted`.
    function _look(
        RenderPool.Pool storage pool,
        Skips memory skips,
        bytes32 seed,
        uint256 amount
    ) private returns (address) {
        uint256 minimum = parameters.get(MIN_WORKER_STAKE);
        for (uint256 look; look < MAX_DRAWS; ++look) {
            if (pool.total == skips.total) break;
            uint256 position = _pick(pool, skips, uint256(keccak256(abi.encode(seed, look))));
            (address account, ) = pool.at(position);
            Stake storage s = _stakes[account];
            if (s.unbonding != 0 || s.staked < minimum || !_admissions[account].admitted) {
                skips.evicted[skips.evictions] = account;
                ++skips.evictions;
            } else if (s.staked - s.locked >= amount) {
                _lock(s, account, amount);
                return account;
            }
            _skip(pool, skips, position);
        }
        return address(0);
    }

    /// @dev The position holding point `random` (reduced to the weight not left out), on the line
    /// with the shares in `skips` cut out: the point moves past every left-out share that starts at
    /// or before it, in ascending order.
    function _pick(RenderPool.Pool storage pool, Skips memory skips, uint256 random) private view returns (uint256) {
        uint256 r = random % (pool.total - skips.total);
        for (uint256 i; i < skips.count && skips.starts[i] <= r; ++i) r += skips.weights[i];
        return pool.find(r);
    }

    /// @dev Leaves `position` out of the rest of the draw (once: a second call for it is ignored),
    /// keeping the shares sorted by start.
    function _skip(RenderPool.Pool storage pool, Skips memory skips, uint256 position) private view {
        uint256 start = pool.prefix(position - 1);
        uint256 i = skips.count;
        for (; i != 0 && skips.starts[i - 1] >= start; --i) {
            if (skips.starts[i - 1] == start) return;
        }
        (, uint256 weight) = pool.at(position);
        for (uint256 j = skips.count; j > i; --j) {
            skips.starts[j] = skips.starts[j - 1];
            skips.weights[j] = skips.weights[j - 1];
        }
        skips.starts[i] = start;
        skips.weights[i] = weight;
        ++skips.count;
        skips.total += weight;
    }

    // =========================================================================================
    // Job contract
    // =========================================================================================

    /// @inheritdoc IRenderStaking
    function lock(address account, uint256 amount) external restricted {
        if (!isEligible(account)) revert RenderStakingNotEligible(account);
        if (amount == 0) revert RenderStakingAmountZero();
        Stake storage s = _stakes[account];
        uint256 free = s.staked - s.locked;
        if (amount > free) revert RenderStakingStakeUnavailable(account, amount, free);
        _lock(s, account, amount);
    }

    /// @dev Locks `amount` of `s`, `account`'s stake, known to be free.
    function _lock(Stake storage s, address account, uint256 amount) private {
        // Fits: the new lock is at most `staked`.
        uint96 locked = s.locked + uint96(amount);
        s.locked = locked;
        emit StakeLocked(account, amount, locked);
    }

    /// @inheritdoc IRenderStaking
    function unlock(address account, uint256 amount) external restricted {
        Stake storage s = _stakes[account];
        if (amount == 0) revert RenderStakingAmountZero();
        if (amount > s.locked) revert RenderStakingUnlockExceedsLocked(account, amount, s.locked);
        uint96 locked = s.locked - uint96(amount);
        s.locked = locked;
        emit StakeUnlocked(account, amount, locked);
    }

    /// @inheritdoc IRenderStaking
    function adjustRating(
        address account,
        bytes32 rendererVersion,
        int256 delta
    ) external restricted returns (uint256 rating) {
        if (_stakes[account].role == Role.None) revert RenderStakingNotRegistered(account);
        uint256 old = _ratings[account][rendererVersion];
        if (delta >= 0) {
            rating = old + uint256(delta);
        } else {
            uint256 down = SignedMath.abs(delta);
            rating = down >= old ? 0 : old - down;
        }
        _ratings[account][rendererVersion] = rating;
        emit RatingChanged(account, rendererVersion, old, rating);
        // The hook that keeps draws weighted by rating: a pooled Worker's weight follows its rating.
        // Within a weight step nothing moves, and the pool is not even read.
        uint256 weight = poolWeight(rating);
        if (weight == poolWeight(old)) return rating;
        RenderPool.Pool storage pool = _pools[rendererVersion];
        if (pool.contains(account)) pool.setWeight(account, weight);
    }

    /// @inheritdoc IRenderStaking
    /// @dev Locked stake goes first: it backs the work being punished. Then free bonded stake,
    /// then stake in unbonding, which stays slashable until withdrawn so that leaving does not
    /// escape a fault found late. The job contract should shrink its record of the account's
    /// locks by what this takes from `locked`.
    function slash(address account, uint256 amount, bytes32 reason) external restricted nonReentrant returns (uint256 slashed) {
        if (amount == 0) revert RenderStakingAmountZero();
        Stake storage s = _stakes[account];
        uint256 staked = s.staked;
        uint256 unbonding = s.unbonding;
        uint256 fromStaked = amount < staked ? amount : staked;
        uint256 rest = amount - fromStaked;
        uint256 fromUnbonding = rest < unbonding ? rest : unbonding;
        slashed = fromStaked + fromUnbonding;
        // Nothing left to take: a settlement slashing an emptied account must not fail.
        if (slashed == 0) return 0;
        uint256 locked = s.locked;
        // All fit: each is at most the value it is taken from.
        s.locked = uint96(fromStaked < locked ? locked - fromStaked : 0);
        s.staked = uint96(staked - fromStaked);
        if (fromUnbonding != 0) s.unbonding = uint96(unbonding - fromUnbonding);
        emit Slashed(account, reason, slashed, amount);
        mrk.safeTransfer(renderingFund, slashed);
    }

    // =========================================================================================
    // Views
    // =========================================================================================

    /// @inheritdoc IRenderStaking
    function stakeOf(address account) external view returns (StakeView memory) {
        Stake storage s = _stakes[account];
        return StakeView(s.role, s.staked, s.locked, s.unbonding, s.withdrawableAt);
    }

    /// @inheritdoc IRenderStaking
    function admissionOf(address account) external view returns (AdmissionView memory view_) {
        Admission storage a = _admissions[account];
        view_.admitted = a.admitted;
        view_.retryAt = a.retryAt;
        view_.speedSeconds = a.speedSeconds;
        view_.speedBlocks = a.speedBlocks;
        if (a.task != 0) {
            view_.taskId = _benchmarks[a.task - 1].taskId;
            view_.assignedAt = a.assignedAt;
            view_.deadline = a.deadline;
        }
    }

    /// @inheritdoc IRenderStaking
    function ratingOf(address account, bytes32 rendererVersion) external view returns (uint256) {
        return _ratings[account][rendererVersion];
    }

    /// @inheritdoc IRenderStaking
    function isEligible(address account) public view returns (bool) {
        Stake storage s = _stakes[account];
        Role role = s.role;
        if (role == Role.None || s.unbonding != 0 || s.staked < minimumStake(role)) return false;
        return role == Role.Scheduler || _admissions[account].admitted;
    }

    /// @inheritdoc IRenderStaking
    function minimumStake(Role role) public view returns (uint256) {
        if (role == Role.Worker) return parameters.get(MIN_WORKER_STAKE);
        if (role == Role.Scheduler) return parameters.get(MIN_SCHEDULER_STAKE);
        revert RenderStakingRoleInvalid(role);
    }

    /// @inheritdoc IRenderStaking
    function poolWeight(uint256 rating) public pure returns (uint256) {
        return BASE_WEIGHT + (rating < RATING_WEIGHT_CAP ? rating : RATING_WEIGHT_CAP) / RATING_PER_WEIGHT;
    }

    /// @inheritdoc IRenderStaking
    function poolOf(bytes32 rendererVersion) external view returns (uint256 size, uint256 totalWeight) {
        RenderPool.Pool storage pool = _pools[rendererVersion];
        return (pool.length(), pool.total);
    }

    /// @inheritdoc IRenderStaking
    function poolWeightOf(address worker, bytes32 rendererVersion) external view returns (uint256) {
        return _pools[rendererVersion].weightOf(worker);
    }

    /// @inheritdoc IRenderStaking
    function benchmarkCount() external view returns (uint256 total, uint256 assigned) {
        return (_benchmarks.length, _nextBenchmark);
    }

    /// @inheritdoc IRenderStaking
    function benchmarkAnswerHash(bytes32 taskId, bytes32 resultHash) public pure returns (bytes32) {
        return keccak256(abi.encode(taskId, resultHash));
    }
}
