// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IRenderStaking} from "../interfaces/IRenderStaking.sol";
import {RenderFixture} from "./utils/RenderFixture.sol";
import {RenderStakingHandler} from "./handlers/RenderStakingHandler.sol";

/// @notice Random sequences of registrations, stake, unbonding, withdrawals, admission attempts,
/// locks, unlocks and slashes by four renderers; after every call the MRK held must be exactly
/// what the contract owes, and nobody may have taken out more than it put in.
contract RenderStakingInvariantTest is RenderFixture {
    RenderStakingHandler internal handler;

    function setUp() public override {
        super.setUp();
        handler = new RenderStakingHandler(staking, IERC20(address(mrk)));
        for (uint256 i; i < handler.actorCount(); ++i) _fund(handler.actors(i), RENDERER_MRK);
        // The handler plays the job contract and the benchmark authority.
        grantRoles(address(staking), address(handler), address(handler));

        targetContract(address(handler));
        bytes4[] memory actions = new bytes4[](8);
        actions[0] = RenderStakingHandler.register.selector;
        actions[1] = RenderStakingHandler.addStake.selector;
        actions[2] = RenderStakingHandler.requestUnbond.selector;
        actions[3] = RenderStakingHandler.withdraw.selector;
        actions[4] = RenderStakingHandler.attemptAdmission.selector;
        actions[5] = RenderStakingHandler.lock.selector;
        actions[6] = RenderStakingHandler.unlock.selector;
        actions[7] = RenderStakingHandler.slash.selector;
        targetSelectors(address(handler), actions);
    }

    /// hardhat-config: invariant.runs = 32
    /// hardhat-config: invariant.depth = 32
    /// hardhat-config: invariant.failOnRevert = true
    function invariant_HoldsExactlyWhatItOwes() public view {
        uint256 owed;
        uint256 ledger;
        for (uint256 i; i < handler.actorCount(); ++i) {
            address actor = handler.actors(i);
            IRenderStaking.StakeView memory s = staking.stakeOf(actor);
            owed += s.staked + s.unbonding;
            ledger += handler.ghostDeposited(actor) - handler.ghostWithdrawn(actor) - handler.ghostSlashed(actor);
        }
        assertEq(mrk.balanceOf(address(staking)), owed, "MRK held == sum of bonded and unbonding stake");
        assertEq(owed, ledger, "== deposited - withdrawn - slashed");
        assertEq(mrk.balanceOf(renderingFund), handler.totalSlashed(), "the rendering fund got every slash");
    }

    /// hardhat-config: invariant.runs = 32
    /// hardhat-config: invariant.depth = 32
    /// hardhat-config: invariant.failOnRevert = true
    function invariant_NobodyWithdrawsMoreThanItStaked() public view {
        for (uint256 i; i < handler.actorCount(); ++i) {
            address actor = handler.actors(i);
            uint256 deposited = handler.ghostDeposited(actor);
            uint256 out = handler.ghostWithdrawn(actor) + handler.ghostSlashed(actor);
            assertLe(out, deposited, "withdrawn + slashed <= deposited");
            IRenderStaking.StakeView memory s = staking.stakeOf(actor);
            assertEq(s.staked + s.unbonding, deposited - out, "an account's stake");
            // Withdrawn stake can be staked again, so deposits may sum above the wallet it started with.
            assertEq(mrk.balanceOf(actor), RENDERER_MRK + handler.ghostWithdrawn(actor) - deposited, "its wallet");
            assertLe(s.locked, s.staked, "locked within the bonded stake");
        }
    }
}
