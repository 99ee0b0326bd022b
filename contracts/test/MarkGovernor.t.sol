// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {Test} from "./utils/Test.sol";
import {IMarkToken} from "../interfaces/IMarkToken.sol";
import {IMarkParameters, IParameterWatcher} from "../interfaces/IMarkParameters.sol";
import {MarkToken} from "../token/MarkToken.sol";
import {WrappedMark} from "../governance/WrappedMark.sol";
import {MarkGovernor} from "../governance/MarkGovernor.sol";
import {MarkTreasury} from "../governance/MarkTreasury.sol";
import {MarkParameters} from "../governance/MarkParameters.sol";
import {IAccessManaged} from "@openzeppelin/contracts/access/manager/IAccessManaged.sol";
import {MarkAccessManager} from "../governance/MarkAccessManager.sol";
import {IUnitRegistry} from "../interfaces/IUnitRegistry.sol";
import {IUnitMetadata} from "../interfaces/IUnitMetadata.sol";
import {UnitRegistry} from "../land/UnitRegistry.sol";

/// @notice Shared deployment: MRK, wMRK, the governor and the treasury timelock wired as in
/// production (governor predicted before the treasury is deployed), and a parameter store owned
/// by the treasury. Alice, bob and carol wrap and self-delegate at `T0`.
abstract contract GovernanceFixture is Test {
    uint256 internal constant MRK = 1 ether;
    uint256 internal constant T0 = 1_750_000_000;
    uint48 internal constant VOTING_DELAY = 1 days;
    uint32 internal constant VOTING_PERIOD = 1 weeks;
    uint256 internal constant THRESHOLD = 100_000 * MRK;
    uint256 internal constant QUORUM_PERCENT = 4;
    uint256 internal constant TIMELOCK_DELAY = 2 days;

    uint256 internal constant ALICE_VOTES = 300_000 * MRK;
    uint256 internal constant BOB_VOTES = 200_000 * MRK;
    uint256 internal constant CAROL_VOTES = 100_000 * MRK;
    uint256 internal constant DAVE_VOTES = 10_000 * MRK;
    uint256 internal constant TREASURY_MRK = 5_000_000 * MRK;

    bytes32 internal constant AGE = keccak256("sale.maxPriceAge");

    MarkToken internal mark;
    WrappedMark internal wmrk;
    MarkTreasury internal treasury;
    MarkGovernor internal governor;
    MarkParameters internal params;

    address internal whale;
    address internal alice;
    address internal bob;
    address internal carol;
    address internal dave;
    address internal stranger;

    function setUp() public virtual {
        vm.warp(T0);
        whale = makeAddr("whale");
        alice = makeAddr("alice");
        bob = makeAddr("bob");
        carol = makeAddr("carol");
        dave = makeAddr("dave");
        stranger = makeAddr("stranger");

        IMarkToken.Allocation[] memory lines = new IMarkToken.Allocation[](5);
        lines[0] = IMarkToken.Allocation(whale, 3_000_000_000 * MRK - 1_000_000 * MRK);
        lines[1] = IMarkToken.Allocation(alice, 400_000 * MRK);
        lines[2] = IMarkToken.Allocation(bob, 300_000 * MRK);
        lines[3] = IMarkToken.Allocation(carol, 200_000 * MRK);
        lines[4] = IMarkToken.Allocation(dave, 100_000 * MRK);
        mark = new MarkToken(lines);
        wmrk = new WrappedMark(IERC20(address(mark)));

        // The treasury needs the governor's address and the governor the treasury's: predict the
        // governor's CREATE address (deployed right after the treasury).
        address predicted = vm.computeCreateAddress(address(this), vm.getNonce(address(this)) + 1);
        treasury = new MarkTreasury(TIMELOCK_DELAY, predicted);
        governor = new MarkGovernor(wmrk, treasury, VOTING_DELAY, VOTING_PERIOD, THRESHOLD, QUORUM_PERCENT);
        assertEq(address(governor), predicted, "predicted governor");

        MarkParameters.Definition[] memory defs = new MarkParameters.Definition[](5);
        defs[0] = MarkParameters.Definition({name: "sale.maxPriceAge", min: 60, max: 1 days, value: 1 hours});
        // The unit types' rights, which a registry copies when it is deployed (`_deployLand`).
        defs[1] = MarkParameters.Definition({name: "land.rights.residential", min: 0, max: 31, value: 0});
        defs[2] = MarkParameters.Definition({name: "land.rights.commercial", min: 0, max: 31, value: 27});
        defs[3] = MarkParameters.Definition({name: "land.rights.community", min: 0, max: 31, value: 27});
        defs[4] = MarkParameters.Definition({name: "land.rights.external", min: 0, max: 31, value: 28});
        params = new MarkParameters(address(treasury), defs, IParameterWatcher(address(0)));

        vm.prank(whale);
        mark.transfer(address(treasury), TREASURY_MRK);
        vm.deal(address(treasury), 10 ether);

        _wrapAndDelegate(alice, ALICE_VOTES);
        _wrapAndDelegate(bob, BOB_VOTES);
        _wrapAndDelegate(carol, CAROL_VOTES);
        _wrapAndDelegate(dave, DAVE_VOTES);
        vm.warp(T0 + 1);
    }

    function _wrapAndDelegate(address account, uint256 amount) internal {
        vm.startPrank(account);
        mark.approve(address(wmrk), amount);
        wmrk.depositFor(account, amount);
        wmrk.delegate(account);
        vm.stopPrank();
    }

    function _setCall(
        bytes32 key,
        uint256 value
    ) internal view returns (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) {
        targets = new address[](1);
        targets[0] = address(params);
        values = new uint256[](1);
        calldatas = new bytes[](1);
        calldatas[0] = abi.encodeCall(MarkParameters.set, (key, value));
    }
}

contract MarkGovernorTest is GovernanceFixture {
    string internal constant DESCRIPTION = "Set sale.maxPriceAge to 2 hours";

    // =========================================================================================
    // Wiring
    // =========================================================================================

    function test_wiring_TreasuryRolesAndGovernorSettings() public view {
        assertTrue(treasury.hasRole(treasury.PROPOSER_ROLE(), address(governor)), "governor proposes");
        assertTrue(treasury.hasRole(treasury.CANCELLER_ROLE(), address(governor)), "governor cancels");
        assertTrue(treasury.hasRole(treasury.EXECUTOR_ROLE(), address(0)), "anyone executes");
        assertFalse(treasury.hasRole(treasury.DEFAULT_ADMIN_ROLE(), address(this)), "deployer is no admin");
        assertTrue(treasury.hasRole(treasury.DEFAULT_ADMIN_ROLE(), address(treasury)), "self-administered");
        assertEq(treasury.getMinDelay(), TIMELOCK_DELAY, "delay");
        assertEq(params.owner(), address(treasury), "parameters owner");

        assertEq(governor.timelock(), address(treasury), "timelock");
        assertEq(address(governor.token()), address(wmrk), "token");
        assertEq(governor.votingDelay(), VOTING_DELAY, "voting delay");
        assertEq(governor.votingPeriod(), VOTING_PERIOD, "voting period");
        assertEq(governor.proposalThreshold(), THRESHOLD, "threshold");
        assertEq(governor.quorumNumerator(), QUORUM_PERCENT, "quorum numerator");
        assertEq(governor.clock(), T0 + 1, "clock");
        assertEq(governor.CLOCK_MODE(), "mode=timestamp", "clock mode");
        assertEq(governor.quorum(T0), ((ALICE_VOTES + BOB_VOTES + CAROL_VOTES + DAVE_VOTES) * 4) / 100, "quorum");
    }

    function test_constructor_RevertWhen_TreasuryGovernorIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(MarkTreasury.MarkTreasuryInvalidGovernor.selector, address(0)));
        new MarkTreasury(TIMELOCK_DELAY, address(0));
    }

    // =========================================================================================
    // Lifecycle
    // =========================================================================================

    function test_lifecycle_SetsAParameterThroughTheTreasury() public {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _setCall(AGE, 2 hours);
        vm.prank(alice);
        uint256 id = governor.propose(targets, values, calldatas, DESCRIPTION);
        _assertState(id, IGovernor.ProposalState.Pending, "after propose");
        assertEq(governor.proposalSnapshot(id), T0 + 1 + VOTING_DELAY, "snapshot is a date");
        assertEq(governor.proposalDeadline(id), T0 + 1 + VOTING_DELAY + VOTING_PERIOD, "deadline is a date");
        assertEq(governor.proposalProposer(id), alice, "proposer");

        vm.warp(governor.proposalSnapshot(id) + 1);
        _assertState(id, IGovernor.ProposalState.Active, "after the delay");

        vm.expectEmit(address(governor));
        emit IGovernor.VoteCast(alice, id, 1, ALICE_VOTES, "more time for slow oracles");
        vm.prank(alice);
        governor.castVoteWithReason(id, 1, "more time for slow oracles");
        vm.prank(bob);
        governor.castVoteWithReason(id, 0, "too stale");
        vm.prank(carol);
        governor.castVoteWithReason(id, 2, "no opinion");

        (uint256 against, uint256 forVotes, uint256 abstain) = governor.proposalVotes(id);
        assertEq(forVotes, ALICE_VOTES, "for");
        assertEq(against, BOB_VOTES, "against");
        assertEq(abstain, CAROL_VOTES, "abstain");
        assertTrue(governor.hasVoted(id, bob), "bob voted");
        assertFalse(governor.hasVoted(id, dave), "dave did not");

        vm.warp(governor.proposalDeadline(id) + 1);
        _assertState(id, IGovernor.ProposalState.Succeeded, "after the vote");

        governor.queue(targets, values, calldatas, keccak256(bytes(DESCRIPTION)));
        _assertState(id, IGovernor.ProposalState.Queued, "after queue");
        assertEq(governor.proposalEta(id), block.timestamp + TIMELOCK_DELAY, "eta");

        vm.warp(governor.proposalEta(id));
        vm.expectEmit(address(params));
        emit IMarkParameters.ParameterSet(AGE, 1 hours, 2 hours);
        vm.prank(stranger); // executing a passed proposal is open to anyone
        governor.execute(targets, values, calldatas, keccak256(bytes(DESCRIPTION)));

        _assertState(id, IGovernor.ProposalState.Executed, "after execute");
        assertEq(params.get(AGE), 2 hours, "value changed");
    }

    function test_execute_RevertWhen_BeforeTheTimelockDelay() public {
        (
            uint256 id,
            address[] memory targets,
            uint256[] memory values,
            bytes[] memory calldatas
        ) = _passAndQueue(AGE, 2 hours);
        vm.warp(governor.proposalEta(id) - 1);
        bytes32 operation = treasury.hashOperationBatch(targets, values, calldatas, 0, _salt(DESCRIPTION));
        vm.expectRevert(
            abi.encodeWithSelector(
                TimelockController.TimelockUnexpectedOperationState.selector,
                operation,
                _bit(uint8(TimelockController.OperationState.Ready))
            )
        );
        governor.execute(targets, values, calldatas, keccak256(bytes(DESCRIPTION)));
        assertEq(params.get(AGE), 1 hours, "unchanged");
    }

    function test_execute_RevertWhen_NotQueued() public {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _setCall(AGE, 2 hours);
        uint256 id = _propose(alice, targets, values, calldatas);
        _vote(id, alice, 1);
        vm.warp(governor.proposalDeadline(id) + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                id,
                IGovernor.ProposalState.Succeeded,
                _bit(uint8(IGovernor.ProposalState.Queued))
            )
        );
        governor.execute(targets, values, calldatas, keccak256(bytes(DESCRIPTION)));
    }

    /// @notice Anyone may execute a ready operation on the treasury directly; the governor then
    /// reports the proposal as executed and cannot run it a second time.
    function test_execute_DirectlyOnTheTreasuryCountsAsExecuted() public {
        (
            uint256 id,
            address[] memory targets,
            uint256[] memory values,
            bytes[] memory calldatas
        ) = _passAndQueue(AGE, 2 hours);
        vm.warp(governor.proposalEta(id));
        vm.prank(stranger);
        treasury.executeBatch(targets, values, calldatas, 0, _salt(DESCRIPTION));
        assertEq(params.get(AGE), 2 hours, "value changed");
        _assertState(id, IGovernor.ProposalState.Executed, "executed");
    }

    /// @notice The bounds hold against governance too: a passed proposal setting a value out of
    /// bounds cannot execute, and the value stays as it was.
    function test_execute_RevertWhen_ParameterOutOfBounds() public {
        (
            uint256 id,
            address[] memory targets,
            uint256[] memory values,
            bytes[] memory calldatas
        ) = _passAndQueue(AGE, 59);
        vm.warp(governor.proposalEta(id));
        vm.expectRevert(abi.encodeWithSelector(IMarkParameters.ParameterOutOfBounds.selector, AGE, 59, 60, 1 days));
        governor.execute(targets, values, calldatas, keccak256(bytes(DESCRIPTION)));
        assertEq(params.get(AGE), 1 hours, "unchanged");
        _assertState(id, IGovernor.ProposalState.Queued, "still queued");
    }

    function test_lifecycle_PaysMrkAndEthOutOfTheTreasury() public {
        address[] memory targets = new address[](2);
        uint256[] memory values = new uint256[](2);
        bytes[] memory calldatas = new bytes[](2);
        targets[0] = address(mark);
        calldatas[0] = abi.encodeCall(IERC20.transfer, (carol, 250_000 * MRK));
        targets[1] = carol;
        values[1] = 3 ether;
        string memory description = "Grant carol 250,000 MRK and 3 ETH";

        vm.prank(alice);
        uint256 id = governor.propose(targets, values, calldatas, description);
        _vote(id, alice, 1);
        vm.warp(governor.proposalDeadline(id) + 1);
        governor.queue(targets, values, calldatas, keccak256(bytes(description)));
        vm.warp(governor.proposalEta(id));

        uint256 carolMrk = mark.balanceOf(carol);
        governor.execute(targets, values, calldatas, keccak256(bytes(description)));
        assertEq(mark.balanceOf(carol), carolMrk + 250_000 * MRK, "carol MRK");
        assertEq(carol.balance, 3 ether, "carol ETH");
        assertEq(mark.balanceOf(address(treasury)), TREASURY_MRK - 250_000 * MRK, "treasury MRK");
        assertEq(address(treasury).balance, 7 ether, "treasury ETH");
    }

    function test_treasury_ReceivesEthAndTokens() public {
        vm.deal(stranger, 1 ether);
        vm.prank(stranger);
        (bool ok, ) = payable(address(treasury)).call{value: 1 ether}("");
        assertTrue(ok, "ETH accepted");
        assertEq(address(treasury).balance, 11 ether, "ETH");

        UnitRegistry registry = _deployLand();
        uint256 unit = 0x00_01_002a_07_0c_0003;
        vm.startPrank(stranger);
        registry.claim(unit);
        registry.safeTransferFrom(stranger, address(treasury), unit);
        vm.stopPrank();
        assertEq(registry.ownerOf(unit), address(treasury), "ERC-721 held by the treasury");
    }

    /// @notice The land's governance goes through the same proposals: the treasury is the admin
    /// of the registry's `MarkAccessManager`, so an executed proposal opens a district, and
    /// nobody else can.
    function test_lifecycle_OpensADistrictThroughTheAccessManager() public {
        UnitRegistry registry = _deployLand();
        address[] memory targets = new address[](1);
        targets[0] = address(registry);
        uint256[] memory values = new uint256[](1);
        bytes[] memory calldatas = new bytes[](1);
        calldatas[0] = abi.encodeCall(UnitRegistry.openDistrict, (5, IUnitRegistry.UnitType.Commercial, 36));
        string memory description = "Open district 5 (Commercial) with 36 neighbourhoods";

        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, address(governor)));
        vm.prank(address(governor));
        registry.openDistrict(5, IUnitRegistry.UnitType.Commercial, 36);

        vm.prank(alice);
        uint256 id = governor.propose(targets, values, calldatas, description);
        _vote(id, alice, 1);
        vm.warp(governor.proposalDeadline(id) + 1);
        governor.queue(targets, values, calldatas, keccak256(bytes(description)));
        vm.warp(governor.proposalEta(id));
        vm.expectEmit(address(registry));
        emit IUnitRegistry.DistrictOpened(5, IUnitRegistry.UnitType.Commercial, 36);
        governor.execute(targets, values, calldatas, keccak256(bytes(description)));

        (IUnitRegistry.UnitType unitType, uint16 neighbourhoods) = registry.district(5);
        assertEq(uint256(unitType), uint256(IUnitRegistry.UnitType.Commercial), "type");
        assertEq(neighbourhoods, 36, "neighbourhoods");
    }

    // =========================================================================================
    // States
    // =========================================================================================

    function test_state_DefeatedWithoutQuorum() public {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _setCall(AGE, 2 hours);
        uint256 id = _propose(alice, targets, values, calldatas);
        _vote(id, dave, 1); // 10,000 of a 24,400 quorum
        vm.warp(governor.proposalDeadline(id));
        _assertState(id, IGovernor.ProposalState.Active, "at the deadline");
        vm.warp(governor.proposalDeadline(id) + 1);
        assertLt(DAVE_VOTES, governor.quorum(governor.proposalSnapshot(id)), "below quorum");
        _assertState(id, IGovernor.ProposalState.Defeated, "no quorum");

        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                id,
                IGovernor.ProposalState.Defeated,
                _bit(uint8(IGovernor.ProposalState.Succeeded))
            )
        );
        governor.queue(targets, values, calldatas, keccak256(bytes(DESCRIPTION)));
    }

    function test_state_QuorumReachedWithAbstainOnly() public {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _setCall(AGE, 2 hours);
        uint256 id = _propose(alice, targets, values, calldatas);
        _vote(id, dave, 1);
        _vote(id, carol, 2); // abstain counts toward quorum
        vm.warp(governor.proposalDeadline(id) + 1);
        _assertState(id, IGovernor.ProposalState.Succeeded, "quorum with abstain, for > against");
    }

    function test_state_DefeatedWhenAgainstWins() public {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _setCall(AGE, 2 hours);
        uint256 id = _propose(alice, targets, values, calldatas);
        _vote(id, bob, 1);
        _vote(id, alice, 0);
        vm.warp(governor.proposalDeadline(id) + 1);
        _assertState(id, IGovernor.ProposalState.Defeated, "against wins");
    }

    /// @notice For must beat Against: a tie is defeated even with quorum.
    function test_state_DefeatedOnATie() public {
        vm.prank(whale);
        mark.transfer(stranger, CAROL_VOTES);
        _wrapAndDelegate(stranger, CAROL_VOTES); // before the snapshot, so it counts
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _setCall(AGE, 2 hours);
        uint256 id = _propose(alice, targets, values, calldatas);
        _vote(id, carol, 1);
        _vote(id, stranger, 0);
        (uint256 against, uint256 forVotes, ) = governor.proposalVotes(id);
        assertEq(forVotes, against, "tie");
        vm.warp(governor.proposalDeadline(id) + 1);
        _assertState(id, IGovernor.ProposalState.Defeated, "tie");
    }

    function test_cancel_ByTheProposerWhilePending() public {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _setCall(AGE, 2 hours);
        uint256 id = _propose(alice, targets, values, calldatas);
        vm.prank(alice);
        governor.cancel(targets, values, calldatas, keccak256(bytes(DESCRIPTION)));
        _assertState(id, IGovernor.ProposalState.Canceled, "canceled");

        vm.warp(governor.proposalSnapshot(id) + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                id,
                IGovernor.ProposalState.Canceled,
                _bit(uint8(IGovernor.ProposalState.Active))
            )
        );
        vm.prank(bob);
        governor.castVote(id, 1);
    }

    function test_cancel_RevertWhen_NotTheProposer() public {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _setCall(AGE, 2 hours);
        uint256 id = _propose(alice, targets, values, calldatas);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorUnableToCancel.selector, id, bob));
        vm.prank(bob);
        governor.cancel(targets, values, calldatas, keccak256(bytes(DESCRIPTION)));
    }

    /// @notice `Expired` does not apply: `GovernorTimelockControl` never reports it (timelock
    /// operations do not expire), so a passed proposal that nobody queues stays `Succeeded`.
    function test_state_SucceededNeverExpires() public {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _setCall(AGE, 2 hours);
        uint256 id = _propose(alice, targets, values, calldatas);
        _vote(id, alice, 1);
        vm.warp(governor.proposalDeadline(id) + 365 days);
        _assertState(id, IGovernor.ProposalState.Succeeded, "a year later");
    }

    // =========================================================================================
    // Wrong callers
    // =========================================================================================

    function test_parameters_RevertWhen_SetOrDefinedByAnyoneButTheTreasury() public {
        address[3] memory callers = [stranger, alice, address(governor)];
        for (uint256 i; i < callers.length; ++i) {
            vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, callers[i]));
            vm.prank(callers[i]);
            params.set(AGE, 2 hours);
            vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, callers[i]));
            vm.prank(callers[i]);
            params.defineParameter("sale.other", 0, 1, 0);
        }
    }

    function test_treasury_RevertWhen_SomeoneButTheGovernorSchedules() public {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _setCall(AGE, 2 hours);
        address[3] memory callers = [stranger, alice, address(this)];
        for (uint256 i; i < callers.length; ++i) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IAccessControl.AccessControlUnauthorizedAccount.selector,
                    callers[i],
                    treasury.PROPOSER_ROLE()
                )
            );
            vm.prank(callers[i]);
            treasury.scheduleBatch(targets, values, calldatas, 0, 0, TIMELOCK_DELAY);
        }
    }

    function test_treasury_RevertWhen_SomeoneButTheGovernorCancels() public {
        (uint256 id, address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _passAndQueue(
            AGE,
            2 hours
        );
        bytes32 operation = treasury.hashOperationBatch(targets, values, calldatas, 0, _salt(DESCRIPTION));
        vm.expectRevert(
            abi.encodeWithSelector(
                IAccessControl.AccessControlUnauthorizedAccount.selector,
                stranger,
                treasury.CANCELLER_ROLE()
            )
        );
        vm.prank(stranger);
        treasury.cancel(operation);
        _assertState(id, IGovernor.ProposalState.Queued, "still queued");
    }

    function test_treasury_RevertWhen_DelayChangedDirectly() public {
        vm.expectRevert(abi.encodeWithSelector(TimelockController.TimelockUnauthorizedCaller.selector, stranger));
        vm.prank(stranger);
        treasury.updateDelay(0);
    }

    function test_propose_RevertWhen_BelowThreshold() public {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _setCall(AGE, 2 hours);
        vm.expectRevert(
            abi.encodeWithSelector(IGovernor.GovernorInsufficientProposerVotes.selector, dave, DAVE_VOTES, THRESHOLD)
        );
        vm.prank(dave);
        governor.propose(targets, values, calldatas, DESCRIPTION);
    }

    function test_propose_AtExactlyTheThreshold() public {
        vm.prank(whale);
        mark.transfer(stranger, THRESHOLD);
        _wrapAndDelegate(stranger, THRESHOLD);
        vm.warp(block.timestamp + 1);
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _setCall(AGE, 2 hours);
        vm.prank(stranger);
        uint256 id = governor.propose(targets, values, calldatas, DESCRIPTION);
        _assertState(id, IGovernor.ProposalState.Pending, "proposed");
    }

    /// @notice Votes gained in the proposing block do not count toward the threshold.
    function test_propose_RevertWhen_ThresholdReachedInTheSameBlock() public {
        vm.prank(whale);
        mark.transfer(stranger, THRESHOLD);
        _wrapAndDelegate(stranger, THRESHOLD);
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _setCall(AGE, 2 hours);
        vm.expectRevert(
            abi.encodeWithSelector(IGovernor.GovernorInsufficientProposerVotes.selector, stranger, 0, THRESHOLD)
        );
        vm.prank(stranger);
        governor.propose(targets, values, calldatas, DESCRIPTION);
    }

    function test_castVote_RevertWhen_VotingTwice() public {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _setCall(AGE, 2 hours);
        uint256 id = _propose(alice, targets, values, calldatas);
        _vote(id, bob, 1);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorAlreadyCastVote.selector, bob));
        vm.prank(bob);
        governor.castVote(id, 0);
    }

    function test_castVote_RevertWhen_Pending() public {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _setCall(AGE, 2 hours);
        uint256 id = _propose(alice, targets, values, calldatas);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                id,
                IGovernor.ProposalState.Pending,
                _bit(uint8(IGovernor.ProposalState.Active))
            )
        );
        vm.prank(bob);
        governor.castVote(id, 1);
    }

    function test_castVote_RevertWhen_InvalidSupport() public {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _setCall(AGE, 2 hours);
        uint256 id = _propose(alice, targets, values, calldatas);
        vm.warp(governor.proposalSnapshot(id) + 1);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorInvalidVoteType.selector));
        vm.prank(bob);
        governor.castVote(id, 3);
    }

    // =========================================================================================
    // Flash-loan voting
    // =========================================================================================

    /// @notice Wrap, vote and unwrap in one block after the snapshot: the vote weighs nothing.
    function test_flashLoan_WrapVoteUnwrapAfterTheSnapshotWeighsNothing() public {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _setCall(AGE, 2 hours);
        uint256 id = _propose(alice, targets, values, calldatas);
        vm.warp(governor.proposalSnapshot(id) + 1);

        vm.prank(whale);
        mark.transfer(stranger, 1_000_000 * MRK); // the "loan"
        _wrapAndDelegate(stranger, 1_000_000 * MRK);
        vm.expectEmit(address(governor));
        emit IGovernor.VoteCast(stranger, id, 1, 0, "");
        vm.prank(stranger);
        uint256 weight = governor.castVote(id, 1);
        vm.prank(stranger);
        wmrk.withdrawTo(stranger, 1_000_000 * MRK);

        assertEq(weight, 0, "weight");
        (uint256 against, uint256 forVotes, uint256 abstain) = governor.proposalVotes(id);
        assertEq(against + forVotes + abstain, 0, "tallies unchanged");
    }

    /// @notice Wrap, try to vote and unwrap in the snapshot's own block: voting has not opened,
    /// and the overwritten checkpoint leaves nothing for a later vote either.
    function test_flashLoan_WrapVoteUnwrapAtTheSnapshotWeighsNothing() public {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _setCall(AGE, 2 hours);
        uint256 id = _propose(alice, targets, values, calldatas);
        uint256 snapshot = governor.proposalSnapshot(id);
        vm.warp(snapshot);

        vm.prank(whale);
        mark.transfer(stranger, 1_000_000 * MRK);
        _wrapAndDelegate(stranger, 1_000_000 * MRK);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                id,
                IGovernor.ProposalState.Pending,
                _bit(uint8(IGovernor.ProposalState.Active))
            )
        );
        vm.prank(stranger);
        governor.castVote(id, 1);
        vm.prank(stranger);
        wmrk.withdrawTo(stranger, 1_000_000 * MRK);

        vm.warp(snapshot + 1);
        vm.prank(stranger);
        assertEq(governor.castVote(id, 1), 0, "weight");
        assertEq(governor.getVotes(stranger, snapshot), 0, "votes at the snapshot");
    }

    function test_flashLoan_TokensWrappedAfterTheSnapshotDoNotCount() public {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _setCall(AGE, 2 hours);
        uint256 id = _propose(alice, targets, values, calldatas);
        vm.warp(governor.proposalSnapshot(id) + 1);

        // Bob wraps another 100,000 MRK after the snapshot, and dave delegates to him.
        _wrapAndDelegate(bob, 100_000 * MRK);
        vm.prank(dave);
        wmrk.delegate(bob);
        assertEq(wmrk.getVotes(bob), BOB_VOTES + 100_000 * MRK + DAVE_VOTES, "current votes");

        vm.prank(bob);
        uint256 weight = governor.castVote(id, 1);
        assertEq(weight, BOB_VOTES, "only the snapshot balance counts");
        vm.prank(dave);
        assertEq(governor.castVote(id, 1), DAVE_VOTES, "dave's snapshot votes stay his");
    }

    // =========================================================================================
    // Gas
    // =========================================================================================

    /// @notice `castVote` execution gas, measured with `gasleft()` around the call, plus the
    /// 21,000 base and 16 gas per byte of its 68 calldata bytes (an upper bound: zero bytes cost
    /// 4). Measured for a vote on a side that already has votes (the usual case). Inside a test the
    /// governor's storage is already warm from proposing, which a real transaction would pay
    /// for, so `scripts/bench-gas-governance.ts` gives the exact total transaction gas.
    function test_castVote_GasWithinBudget() public {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _setCall(AGE, 2 hours);
        uint256 id = _propose(alice, targets, values, calldatas);
        _vote(id, alice, 1);
        vm.prank(bob);
        uint256 before = gasleft();
        governor.castVote(id, 1);
        uint256 used = before - gasleft();
        assertLt(used + 21_000 + 68 * 16, 70_000, "castVote execution + base + calldata");
    }

    // =========================================================================================
    // Helpers
    // =========================================================================================

    function _propose(
        address proposer,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas
    ) internal returns (uint256 id) {
        vm.prank(proposer);
        id = governor.propose(targets, values, calldatas, DESCRIPTION);
    }

    /// @dev Votes `support` for `voter`, first moving into the voting period if still pending.
    function _vote(uint256 id, address voter, uint8 support) internal {
        if (block.timestamp <= governor.proposalSnapshot(id)) vm.warp(governor.proposalSnapshot(id) + 1);
        vm.prank(voter);
        governor.castVote(id, support);
    }

    function _passAndQueue(
        bytes32 key,
        uint256 value
    ) internal returns (uint256 id, address[] memory targets, uint256[] memory values, bytes[] memory calldatas) {
        (targets, values, calldatas) = _setCall(key, value);
        id = _propose(alice, targets, values, calldatas);
        _vote(id, alice, 1);
        vm.warp(governor.proposalDeadline(id) + 1);
        governor.queue(targets, values, calldatas, keccak256(bytes(DESCRIPTION)));
    }

    /// @dev The timelock salt `GovernorTimelockControl` uses for a proposal.
    function _salt(string memory description) internal view returns (bytes32) {
        return bytes20(address(governor)) ^ keccak256(bytes(description));
    }

    /// @dev A registry governed by the treasury through `MarkAccessManager`, with free claims open
    /// and no land office.
    function _deployLand() internal returns (UnitRegistry registry) {
        MarkAccessManager manager = new MarkAccessManager(address(treasury));
        registry = new UnitRegistry(
            address(manager),
            params,
            IUnitMetadata(address(0)),
            1_000_000,
            new address[](0),
            new uint64[](0),
            address(0)
        );
    }

    function _bit(uint8 index) internal pure returns (bytes32) {
        return bytes32(uint256(1) << index);
    }

    function _assertState(uint256 id, IGovernor.ProposalState expected, string memory what) internal view {
        assertEq(uint256(governor.state(id)), uint256(expected), what);
    }
}
