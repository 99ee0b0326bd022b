// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IRenderJobs} from "../../interfaces/IRenderJobs.sol";
import {IRenderStaking} from "../../interfaces/IRenderStaking.sol";
import {RenderJobs} from "../../render/RenderJobs.sol";
import {RenderFixture} from "./RenderFixture.sol";

/// @title RenderJobsFixture
/// @notice The render fixture with `RenderJobs` holding the job role a proposal would grant it,
/// one Scheduler (`scheduler`, 20,000 MRK staked), four admitted Workers in the draw pool of `VERSION` (`alice`,
/// `bob`, `carol`, `mallory`, each with the minimum stake: room for ten tile locks) and a funded
/// `client`. Helpers post and accept jobs, and drive a tile's draw, commits, reveals and settlement.
abstract contract RenderJobsFixture is RenderFixture {
    bytes32 internal constant VERSION = keccak256("markspace-tracer 0.1.0");
    bytes32 internal constant SCENE = keccak256("scene manifest");
    uint64 internal constant RAW = 0x55;
    uint256 internal constant SCHEDULER_STAKE = 20_000 * MRK;
    uint256 internal constant CLIENT_MRK = 1_000_000 * MRK;
    uint256 internal constant BUDGET = 1_800 * MRK;

    RenderJobs internal renderJobs;
    address internal scheduler;
    address internal client;
    address[4] internal workers;

    function setUp() public virtual override {
        super.setUp();
        renderJobs = new RenderJobs(staking, IERC20(address(mrk)), params);
        vm.prank(governance);
        manager.grantRole(JOB_ROLE, address(renderJobs), 0);

        scheduler = makeAddr("scheduler");
        client = makeAddr("client");
        _fund(scheduler, SCHEDULER_STAKE);
        _fund(client, CLIENT_MRK);
        _register(scheduler, IRenderStaking.Role.Scheduler, SCHEDULER_STAKE);
        workers = [alice, bob, carol, mallory];
        for (uint256 i; i < workers.length; ++i) {
            _admitWorker(workers[i], i);
            vm.prank(workers[i]);
            staking.joinPool(VERSION);
        }
    }

    // --- Jobs ----------------------------------------------------------------------------------

    /// @dev One viewpoint, 64-pixel faces in one tile each: six tiles.
    function _spec() internal pure returns (IRenderJobs.OutputSpec memory) {
        return IRenderJobs.OutputSpec({viewpoints: 1, faceSize: 64, samplesPerPixel: 16, tileSize: 64});
    }

    /// @dev The client posts a six-tile job for `scheduler` with `budget`, due in a day.
    function _post(uint256 budget) internal returns (uint256 jobId) {
        return _postWithProbes(budget, bytes32(0));
    }

    /// @dev As `_post`, sealing known answers under `probeRoot`.
    function _postWithProbes(uint256 budget, bytes32 probeRoot) internal returns (uint256 jobId) {
        vm.prank(client);
        mrk.approve(address(renderJobs), budget);
        vm.prank(client);
        jobId = renderJobs.postJob(
            SCENE,
            RAW,
            VERSION,
            _spec(),
            scheduler,
            block.timestamp + 1 days,
            budget,
            probeRoot,
            _noPermit()
        );
    }

    /// @dev Posts and accepts a job, then mines its seed block.
    function _postAndAccept(uint256 budget) internal returns (uint256 jobId) {
        jobId = _post(budget);
        vm.prank(scheduler);
        renderJobs.acceptJob(jobId);
        _mine();
    }

    /// @dev Mines the committed seed block (the next one): a draw in the block after reads its hash.
    function _mine() internal {
        vm.roll(block.number + 2);
    }

    // --- Tiles ---------------------------------------------------------------------------------

    /// @dev The hash every honest Worker renders for `tile`.
    function _truth(uint256 jobId, uint256 tile) internal pure returns (bytes32) {
        return keccak256(abi.encode("tile", jobId, tile));
    }

    function _lie(uint256 jobId, uint256 tile) internal pure returns (bytes32) {
        return keccak256(abi.encode("wrong pixels", jobId, tile));
    }

    function _salt(address worker, uint256 tile) internal pure returns (bytes32) {
        return keccak256(abi.encode("salt", worker, tile));
    }

    function _workersOf(uint256 jobId, uint256 tile) internal view returns (address[3] memory) {
        return renderJobs.tileOf(jobId, tile).workers;
    }

    function _commit(uint256 jobId, uint256 tile, address worker, bytes32 resultHash) internal {
        // Made here, not by `commitmentOf`: a call before the commit would take the prank.
        bytes32 commitment = keccak256(abi.encode(resultHash, _salt(worker, tile), worker));
        vm.prank(worker);
        renderJobs.commitResult(jobId, tile, commitment);
    }

    function _reveal(uint256 jobId, uint256 tile, address worker, bytes32 resultHash) internal {
        vm.prank(worker);
        renderJobs.revealResult(jobId, tile, resultHash, _salt(worker, tile));
    }

    /// @dev Draws `tile` and renders it (see `_renderTile`).
    function _runTile(uint256 jobId, uint256 tile, address liar) internal {
        renderJobs.assignTile(jobId, tile);
        _renderTile(jobId, tile, liar);
    }

    /// @dev Has the Workers drawn for `tile` commit and reveal (`liar`, when drawn, the wrong
    /// hash), and settles it.
    function _renderTile(uint256 jobId, uint256 tile, address liar) internal {
        address[3] memory drawn = _workersOf(jobId, tile);
        for (uint256 i; i < 3; ++i) {
            _commit(jobId, tile, drawn[i], drawn[i] == liar ? _lie(jobId, tile) : _truth(jobId, tile));
        }
        for (uint256 i; i < 3; ++i) {
            _reveal(jobId, tile, drawn[i], drawn[i] == liar ? _lie(jobId, tile) : _truth(jobId, tile));
        }
        renderJobs.settleTile(jobId, tile);
    }

    function _isDrawn(uint256 jobId, uint256 tile, address worker) internal view returns (bool) {
        address[3] memory drawn = _workersOf(jobId, tile);
        return drawn[0] == worker || drawn[1] == worker || drawn[2] == worker;
    }

    /// @dev Everything a Worker or the Scheduler can withdraw, plus the client's refund.
    function _owedToEveryone() internal view returns (uint256 total) {
        total = renderJobs.owedTo(scheduler) + renderJobs.owedTo(client);
        for (uint256 i; i < workers.length; ++i) total += renderJobs.owedTo(workers[i]);
    }
}
