// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {IERC721Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {Errors} from "@openzeppelin/contracts/utils/Errors.sol";
import {Initializable} from "@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol";
import {
    TimelockControllerUpgradeable
} from "@openzeppelin/contracts-upgradeable/governance/TimelockControllerUpgradeable.sol";
import {
    GovernorProposalGuardianUpgradeable
} from "@openzeppelin/contracts-upgradeable/governance/extensions/GovernorProposalGuardianUpgradeable.sol";
import {CommunityFixture} from "./CommunityFixture.sol";
import {IUnitExchange} from "../interfaces/IUnitExchange.sol";
import {ICommunityFactory} from "../community/interfaces/ICommunityFactory.sol";
import {ICommunityMembership} from "../community/interfaces/ICommunityMembership.sol";
import {ICommunityTreasury} from "../community/interfaces/ICommunityTreasury.sol";
import {ICommunityTickets} from "../community/interfaces/ICommunityTickets.sol";
import {CommunityMembership} from "../community/CommunityMembership.sol";
import {CommunityGovernor} from "../community/CommunityGovernor.sol";
import {CommunityTickets} from "../community/CommunityTickets.sol";

contract CommunityTest is CommunityFixture {
    // =========================================================================================
    // Creation
    // =========================================================================================

    function test_createCommunity_WiresTheClonesAsPredicted() public view {
        ICommunityFactory.Community memory predicted = factory.predictCommunity(alice, _config(_founders4()));
        assertEq(predicted.membership, address(members), "membership address");
        assertEq(predicted.governor, address(governor), "governor address");
        assertEq(predicted.treasury, address(vault), "treasury address");

        assertEq(address(governor.token()), address(members), "token");
        assertEq(governor.timelock(), address(vault), "timelock");
        assertEq(governor.votingDelay(), VOTING_DELAY, "voting delay");
        assertEq(governor.votingPeriod(), VOTING_PERIOD, "voting period");
        assertEq(governor.proposalThreshold(), THRESHOLD, "threshold");
        assertEq(governor.quorumNumerator(), QUORUM_PERCENT, "quorum numerator");
        assertEq(governor.quorum(block.timestamp - 1), 2, "quorum: half of four members");
        assertEq(governor.proposalGuardian(), guardian, "guardian");
        assertEq(governor.name(), "Markspace Community Governor", "governor name");
        assertEq(governor.CLOCK_MODE(), "mode=timestamp", "clock mode");

        assertEq(vault.governor(), address(governor), "treasury's governor");
        assertEq(vault.getMinDelay(), TIMELOCK_DELAY, "delay");
        assertTrue(vault.hasRole(vault.PROPOSER_ROLE(), address(governor)), "governor proposes");
        assertTrue(vault.hasRole(vault.CANCELLER_ROLE(), address(governor)), "governor cancels");
        assertTrue(vault.hasRole(vault.EXECUTOR_ROLE(), address(0)), "anyone executes");
        assertTrue(vault.hasRole(vault.DEFAULT_ADMIN_ROLE(), address(vault)), "self-administered");
        assertFalse(vault.hasRole(vault.DEFAULT_ADMIN_ROLE(), alice), "creator is no admin");
        assertFalse(vault.hasRole(vault.DEFAULT_ADMIN_ROLE(), address(factory)), "factory is no admin");
        assertFalse(vault.hasRole(vault.PROPOSER_ROLE(), alice), "creator does not propose");
        assertFalse(vault.hasRole(vault.CANCELLER_ROLE(), guardian), "guardian cancels through the governor only");

        assertEq(members.name(), "Harbour Makers", "name");
        assertEq(members.symbol(), "HBM", "symbol");
        assertEq(members.treasury(), address(vault), "membership's treasury");
        assertEq(members.memberCount(), 4, "members");
        assertEq(members.ownerOf(uint160(bob)), bob, "bob's membership id is his address");
        assertEq(members.getVotes(bob), 1, "bob's vote counts at once");
        assertEq(members.delegates(bob), bob, "bob votes for himself");
        assertEq(members.getPastTotalSupply(block.timestamp - 1), 4, "supply checkpointed");
        (ICommunityMembership.JoinPolicy policy, uint256 price) = members.joinPolicy();
        assertEq(uint256(policy), uint256(ICommunityMembership.JoinPolicy.InviteOnly), "policy");
        assertEq(price, 0, "price");
    }

    function test_createCommunity_EmitsEveryAddressAndSetting() public {
        ICommunityFactory.CommunityConfig memory config = _config(_founders4());
        config.salt = keccak256("second");
        ICommunityFactory.Community memory predicted = factory.predictCommunity(bob, config);
        vm.expectEmit(address(factory));
        emit ICommunityFactory.CommunityCreated(
            bob,
            predicted.treasury,
            predicted.governor,
            predicted.membership,
            config.name,
            config.symbol,
            config.settings
        );
        vm.expectEmit(predicted.membership);
        emit ICommunityMembership.JoinPolicySet(ICommunityMembership.JoinPolicy.InviteOnly, 0);
        vm.expectEmit(predicted.membership);
        emit IVotesEvents.DelegateVotesChanged(alice, 0, 1);
        _create(bob, config);
    }

    function test_createCommunity_TheSameSaltTwiceFails_ButAnotherCreatorGetsItsOwn() public {
        vm.expectRevert(Errors.FailedDeployment.selector);
        _create(alice, _config(_founders4()));
        ICommunityFactory.Community memory other = _create(bob, _config(_founders4()));
        assertTrue(other.treasury != address(vault), "bob's own treasury");
    }

    function test_createCommunity_RevertWhen_ConfigInvalid() public {
        ICommunityFactory.CommunityConfig memory config = _config(_founders4());
        config.name = "";
        vm.expectRevert(abi.encodeWithSelector(ICommunityFactory.CommunityInvalidName.selector, "", "HBM"));
        _create(bob, config);

        config = _config(new address[](0));
        vm.expectRevert(abi.encodeWithSelector(ICommunityFactory.CommunityInvalidFounders.selector, 0));
        _create(bob, config);

        config = _config(new address[](21));
        vm.expectRevert(abi.encodeWithSelector(ICommunityFactory.CommunityInvalidFounders.selector, 21));
        _create(bob, config);

        config = _config(_founders4());
        config.settings.votingPeriod = 0;
        vm.expectRevert(abi.encodeWithSelector(ICommunityFactory.CommunityInvalidSettings.selector, 0, QUORUM_PERCENT));
        _create(bob, config);

        config = _config(_founders4());
        config.settings.quorumPercent = 101;
        vm.expectRevert(abi.encodeWithSelector(ICommunityFactory.CommunityInvalidSettings.selector, VOTING_PERIOD, 101));
        _create(bob, config);

        config = _config(_founders4());
        config.founders[3] = alice;
        vm.expectRevert(abi.encodeWithSelector(ICommunityMembership.MembershipAlreadyMember.selector, alice));
        _create(bob, config);

        config = _config(_founders4());
        config.settings.joinPolicy = ICommunityMembership.JoinPolicy.Purchase;
        vm.expectRevert(
            abi.encodeWithSelector(
                ICommunityMembership.MembershipInvalidPrice.selector,
                ICommunityMembership.JoinPolicy.Purchase,
                0
            )
        );
        _create(bob, config);
    }

    function test_initialize_RevertWhen_CalledAgainOrOnAnImplementation() public {
        vm.expectRevert(ICommunityMembership.MembershipAlreadyInitialized.selector);
        members.initialize(mallory, ICommunityMembership.JoinPolicy.Open, 0, new address[](0));
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        governor.initialize(mallory);
        vm.expectRevert(ICommunityTreasury.TreasuryInitializerDisabled.selector);
        vault.initialize(0, new address[](1), new address[](1), mallory);

        CommunityMembership membershipImplementation = CommunityMembership(factory.membershipImplementation());
        vm.expectRevert(ICommunityMembership.MembershipAlreadyInitialized.selector);
        membershipImplementation.initialize(mallory, ICommunityMembership.JoinPolicy.Open, 0, new address[](0));
        CommunityGovernor governorImplementation = CommunityGovernor(payable(factory.governorImplementation()));
        vm.expectRevert(Initializable.InvalidInitialization.selector);
        governorImplementation.initialize(mallory);
    }

    // =========================================================================================
    // Lifecycle
    // =========================================================================================

    function test_lifecycle_TransfersMrkFromTheTreasury() public {
        string memory description = "Pay erin for the mural";
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _one(
            address(mrk),
            0,
            abi.encodeCall(mrk.transfer, (erin, 2_500 * MRK))
        );
        uint256 id = _propose(alice, targets, values, calldatas, description);
        assertEq(id, 1, "proposals are numbered from 1");
        assertEq(governor.getProposalId(targets, values, calldatas, keccak256(bytes(description))), 1, "id by content");
        _assertState(id, IGovernor.ProposalState.Pending);
        assertEq(governor.proposalSnapshot(id), block.timestamp + VOTING_DELAY, "snapshot");

        vm.warp(governor.proposalSnapshot(id) + 1);
        _assertState(id, IGovernor.ProposalState.Active);
        vm.expectEmit(address(governor));
        emit IGovernor.VoteCast(alice, id, 1, 1, "erin earned it");
        vm.prank(alice);
        governor.castVoteWithReason(id, 1, "erin earned it");
        vm.prank(bob);
        governor.castVote(id, 1);
        vm.prank(carol);
        governor.castVote(id, 0);
        (uint256 against, uint256 forVotes, uint256 abstain) = governor.proposalVotes(id);
        assertEq(forVotes, 2, "for");
        assertEq(against, 1, "against");
        assertEq(abstain, 0, "abstain");

        vm.warp(governor.proposalDeadline(id) + 1);
        _assertState(id, IGovernor.ProposalState.Succeeded);
        bytes32 descriptionHash = keccak256(bytes(description));
        vm.expectRevert(); // not queued yet: the timelock refuses to run it
        governor.execute(targets, values, calldatas, descriptionHash);

        governor.queue(targets, values, calldatas, descriptionHash);
        _assertState(id, IGovernor.ProposalState.Queued);
        assertEq(governor.proposalEta(id), block.timestamp + TIMELOCK_DELAY, "eta");
        vm.warp(governor.proposalEta(id) - 1);
        vm.expectRevert(); // before the delay
        governor.execute(targets, values, calldatas, descriptionHash);

        vm.warp(governor.proposalEta(id));
        uint256 before = mrk.balanceOf(erin);
        vm.prank(stranger);
        governor.execute(targets, values, calldatas, descriptionHash);
        _assertState(id, IGovernor.ProposalState.Executed);
        assertEq(mrk.balanceOf(erin) - before, 2_500 * MRK, "erin paid");
        assertEq(mrk.balanceOf(address(vault)), TREASURY_MRK - 2_500 * MRK, "treasury paid");
    }

    function test_lifecycle_BuysAUnitThroughTheExchange() public {
        IUnitExchange.Listing memory listing = _listing(alice, OFFICE, PRICE);
        listing.deadline = uint64(block.timestamp + 30 days);
        bytes memory signature = _signListing("alice", listing);

        address[] memory targets = new address[](2);
        uint256[] memory values = new uint256[](2);
        bytes[] memory calldatas = new bytes[](2);
        targets[0] = address(mrk);
        calldatas[0] = abi.encodeCall(mrk.approve, (address(exchange), PRICE));
        targets[1] = address(exchange);
        calldatas[1] = abi.encodeCall(IUnitExchange.buy, (listing, signature, _noExchangePermit()));
        _pass(targets, values, calldatas, "Buy alice's office for the workshop");

        assertEq(registry.ownerOf(OFFICE), address(vault), "the community owns the unit");
        assertEq(mrk.balanceOf(address(vault)), TREASURY_MRK - PRICE, "price paid from the treasury");
        assertEq(mrk.allowance(address(vault), address(exchange)), 0, "allowance used up");
    }

    function test_lifecycle_SendsEthAndInvitesAMember() public {
        address[] memory targets = new address[](2);
        uint256[] memory values = new uint256[](2);
        bytes[] memory calldatas = new bytes[](2);
        targets[0] = erin;
        values[0] = 1 ether;
        targets[1] = address(members);
        calldatas[1] = abi.encodeCall(members.invite, (erin));
        _ready(targets, values, calldatas, "Welcome erin, with travel money");
        vm.expectEmit(address(members));
        emit ICommunityMembership.MemberJoined(erin, ICommunityMembership.JoinRoute.Invited, 0);
        _execute(targets, values, calldatas, "Welcome erin, with travel money");
        assertEq(erin.balance, 1 ether, "ETH sent");
        assertTrue(members.isMember(erin), "erin is a member");
        assertEq(members.memberCount(), 5, "five members");
    }

    function test_propose_RevertWhen_BelowTheThreshold() public {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _one(
            address(mrk),
            0,
            abi.encodeCall(mrk.transfer, (erin, 1))
        );
        vm.expectRevert(
            abi.encodeWithSelector(IGovernor.GovernorInsufficientProposerVotes.selector, erin, 0, THRESHOLD)
        );
        _propose(erin, targets, values, calldatas, "erin is no member");
    }

    function test_state_DefeatedWhenQuorumIsNotReached() public {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _one(
            address(mrk),
            0,
            abi.encodeCall(mrk.transfer, (erin, 1))
        );
        uint256 id = _propose(alice, targets, values, calldatas, "Quiet proposal");
        vm.warp(governor.proposalSnapshot(id) + 1);
        vm.prank(alice);
        governor.castVote(id, 1); // 1 For, 0 Against: the majority is there, the quorum (2 of 4) is not
        vm.warp(governor.proposalDeadline(id) + 1);
        _assertState(id, IGovernor.ProposalState.Defeated);
        vm.expectRevert(
            abi.encodeWithSelector(
                IGovernor.GovernorUnexpectedProposalState.selector,
                id,
                IGovernor.ProposalState.Defeated,
                bytes32(1 << uint8(IGovernor.ProposalState.Succeeded))
            )
        );
        governor.queue(targets, values, calldatas, keccak256("Quiet proposal"));
    }

    // =========================================================================================
    // Cancellation and the guardian
    // =========================================================================================

    function test_cancel_GuardianVetoesAQueuedProposal() public {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _one(
            address(mrk),
            0,
            abi.encodeCall(mrk.transfer, (mallory, TREASURY_MRK))
        );
        bytes32 descriptionHash = keccak256("Send everything to mallory");
        uint256 id = _propose(alice, targets, values, calldatas, "Send everything to mallory");
        _voteThrough(id);
        governor.queue(targets, values, calldatas, descriptionHash);
        bytes32 operation = vault.hashOperationBatch(targets, values, calldatas, 0, _timelockSalt(descriptionHash));
        assertTrue(vault.isOperationPending(operation), "queued in the timelock");

        vm.prank(stranger);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorUnableToCancel.selector, id, stranger));
        governor.cancel(targets, values, calldatas, descriptionHash);
        vm.prank(alice); // the proposer can no longer cancel once the vote started
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorUnableToCancel.selector, id, alice));
        governor.cancel(targets, values, calldatas, descriptionHash);

        vm.expectEmit(address(governor));
        emit IGovernor.ProposalCanceled(id);
        vm.prank(guardian);
        governor.cancel(targets, values, calldatas, descriptionHash);
        _assertState(id, IGovernor.ProposalState.Canceled);
        assertFalse(vault.isOperation(operation), "removed from the timelock");

        vm.warp(block.timestamp + TIMELOCK_DELAY);
        vm.expectRevert();
        governor.execute(targets, values, calldatas, descriptionHash);
        assertEq(mrk.balanceOf(address(vault)), TREASURY_MRK, "nothing moved");
    }

    function test_cancel_ProposerWithdrawsWhilePending() public {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _one(
            address(mrk),
            0,
            abi.encodeCall(mrk.transfer, (erin, 1))
        );
        uint256 id = _propose(bob, targets, values, calldatas, "Typo");
        vm.prank(bob);
        governor.cancel(targets, values, calldatas, keccak256("Typo"));
        _assertState(id, IGovernor.ProposalState.Canceled);
    }

    function test_guardian_SwitchedOffByProposal() public {
        bytes memory switchOff = abi.encodeCall(governor.setProposalGuardian, (address(0)));
        _readyOne(address(governor), switchOff, "No more guardian");
        vm.expectEmit(address(governor));
        emit GovernorProposalGuardianUpgradeable.ProposalGuardianSet(guardian, address(0));
        _executeOne(address(governor), switchOff, "No more guardian");
        assertEq(governor.proposalGuardian(), address(0), "switched off");

        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _one(
            address(mrk),
            0,
            abi.encodeCall(mrk.transfer, (erin, 1))
        );
        uint256 id = _propose(alice, targets, values, calldatas, "After the guardian");
        vm.warp(governor.proposalSnapshot(id) + 1);
        vm.prank(guardian);
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorUnableToCancel.selector, id, guardian));
        governor.cancel(targets, values, calldatas, keccak256("After the guardian"));
        // Without a guardian, OpenZeppelin lets the proposer withdraw at any point.
        vm.prank(alice);
        governor.cancel(targets, values, calldatas, keccak256("After the guardian"));
        _assertState(id, IGovernor.ProposalState.Canceled);
    }

    // =========================================================================================
    // Flash-loan voting
    // =========================================================================================

    function test_castVote_VotesAcquiredAfterTheSnapshotDoNotCount() public {
        _passOne(
            address(members),
            abi.encodeCall(members.setJoinPolicy, (ICommunityMembership.JoinPolicy.Purchase, uint88(100 * MRK))),
            "Sell memberships"
        );
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _one(
            address(mrk),
            0,
            abi.encodeCall(mrk.transfer, (mallory, TREASURY_MRK / 2))
        );
        uint256 id = _propose(alice, targets, values, calldatas, "Half to mallory");

        // Erin joins before the snapshot: her vote counts.
        _approveMrk(erin, address(members), 100 * MRK);
        vm.prank(erin);
        members.join(100 * MRK);

        // Mallory buys a membership right after the snapshot, and borrows bob's vote too.
        vm.warp(governor.proposalSnapshot(id) + 1);
        _approveMrk(mallory, address(members), 100 * MRK);
        vm.prank(mallory);
        members.join(100 * MRK);
        vm.prank(bob);
        members.delegate(mallory);
        assertEq(members.getVotes(mallory), 2, "mallory holds two votes now");

        vm.prank(mallory);
        uint256 weight = governor.castVote(id, 1);
        assertEq(weight, 0, "mallory's vote weighs nothing");
        vm.prank(erin);
        assertEq(governor.castVote(id, 0), 1, "erin's vote counts");
        vm.prank(bob);
        assertEq(governor.castVote(id, 0), 1, "bob still votes with his vote at the snapshot");
        (uint256 against, uint256 forVotes, ) = governor.proposalVotes(id);
        assertEq(forVotes, 0, "for");
        assertEq(against, 2, "against");
        assertEq(governor.quorum(governor.proposalSnapshot(id)), 2, "quorum of five members at the snapshot");
    }

    function test_propose_RevertWhen_MembershipBoughtInTheSameSecond() public {
        _passOne(address(members), abi.encodeCall(members.setJoinPolicy, (ICommunityMembership.JoinPolicy.Open, 0)), "Open doors");
        vm.prank(mallory);
        members.join(0);
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _one(
            address(mrk),
            0,
            abi.encodeCall(mrk.transfer, (mallory, 1))
        );
        vm.expectRevert(
            abi.encodeWithSelector(IGovernor.GovernorInsufficientProposerVotes.selector, mallory, 0, THRESHOLD)
        );
        _propose(mallory, targets, values, calldatas, "Fresh member");
    }

    // =========================================================================================
    // Unauthorised callers
    // =========================================================================================

    function test_treasury_RefusesEveryPrivilegedCallFromOthers() public {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _one(
            address(mrk),
            0,
            abi.encodeCall(mrk.transfer, (mallory, TREASURY_MRK))
        );
        address[4] memory callers = [mallory, alice, guardian, address(factory)];
        bytes32 proposerRole = vault.PROPOSER_ROLE();
        bytes32 cancellerRole = vault.CANCELLER_ROLE();
        bytes32 adminRole = vault.DEFAULT_ADMIN_ROLE();
        for (uint256 i; i < callers.length; ++i) {
            address caller = callers[i];
            vm.startPrank(caller);
            vm.expectRevert(_missingRole(caller, proposerRole));
            vault.schedule(address(mrk), 0, calldatas[0], 0, 0, TIMELOCK_DELAY);
            vm.expectRevert(_missingRole(caller, proposerRole));
            vault.scheduleBatch(targets, values, calldatas, 0, 0, TIMELOCK_DELAY);
            vm.expectRevert(_missingRole(caller, cancellerRole));
            vault.cancel(bytes32(0));
            vm.expectRevert(_missingRole(caller, adminRole));
            vault.grantRole(proposerRole, caller);
            vm.expectRevert(_missingRole(caller, adminRole));
            vault.revokeRole(proposerRole, address(governor));
            vm.expectRevert(abi.encodeWithSelector(TimelockControllerUpgradeable.TimelockUnauthorizedCaller.selector, caller));
            vault.updateDelay(0);
            // Executing is open, but only an operation the governor scheduled and whose delay passed.
            vm.expectRevert();
            vault.execute(address(mrk), 0, calldatas[0], 0, 0);
            vm.expectRevert();
            vault.executeBatch(targets, values, calldatas, 0, 0);
            vm.stopPrank();
        }
        assertEq(mrk.balanceOf(address(vault)), TREASURY_MRK, "nothing moved");
        assertEq(address(vault).balance, 10 ether, "no ETH moved");
    }

    function test_governor_RefusesEveryGovernanceFunctionFromOthers() public {
        address[3] memory callers = [mallory, alice, guardian];
        for (uint256 i; i < callers.length; ++i) {
            address caller = callers[i];
            bytes memory onlyExecutor = abi.encodeWithSelector(IGovernor.GovernorOnlyExecutor.selector, caller);
            vm.startPrank(caller);
            vm.expectRevert(onlyExecutor);
            governor.setVotingDelay(0);
            vm.expectRevert(onlyExecutor);
            governor.setVotingPeriod(1);
            vm.expectRevert(onlyExecutor);
            governor.setProposalThreshold(0);
            vm.expectRevert(onlyExecutor);
            governor.updateQuorumNumerator(0);
            vm.expectRevert(onlyExecutor);
            governor.setProposalGuardian(caller);
            vm.expectRevert(onlyExecutor);
            governor.updateTimelock(TimelockControllerUpgradeable(payable(caller)));
            vm.expectRevert(onlyExecutor);
            governor.relay(address(mrk), 0, abi.encodeCall(mrk.transfer, (caller, 1)));
            vm.stopPrank();
        }
    }

    function test_membership_RefusesGovernanceFunctionsFromOthers() public {
        address[3] memory callers = [mallory, alice, address(governor)];
        for (uint256 i; i < callers.length; ++i) {
            address caller = callers[i];
            bytes memory unauthorized = abi.encodeWithSelector(
                ICommunityMembership.MembershipUnauthorized.selector,
                caller
            );
            vm.startPrank(caller);
            vm.expectRevert(unauthorized);
            members.invite(mallory);
            vm.expectRevert(unauthorized);
            members.expel(bob);
            vm.expectRevert(unauthorized);
            members.setJoinPolicy(ICommunityMembership.JoinPolicy.Open, 0);
            vm.stopPrank();
        }
    }

    // =========================================================================================
    // Settings changed by proposal
    // =========================================================================================

    function test_settings_ChangeByProposal_PastProposalsKeepTheirQuorum() public {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _one(
            address(mrk),
            0,
            abi.encodeCall(mrk.transfer, (erin, 1))
        );
        uint256 earlier = _propose(bob, targets, values, calldatas, "Before the change");

        address[] memory settingTargets = new address[](5);
        uint256[] memory settingValues = new uint256[](5);
        bytes[] memory settingCalls = new bytes[](5);
        for (uint256 i; i < 5; ++i) settingTargets[i] = address(governor);
        settingCalls[0] = abi.encodeCall(governor.setVotingDelay, (2 days));
        settingCalls[1] = abi.encodeCall(governor.setVotingPeriod, (3 days));
        settingCalls[2] = abi.encodeCall(governor.setProposalThreshold, (2));
        settingCalls[3] = abi.encodeCall(governor.updateQuorumNumerator, (100));
        settingTargets[4] = address(vault);
        settingCalls[4] = abi.encodeCall(vault.updateDelay, (3 days));
        _ready(settingTargets, settingValues, settingCalls, "Stricter rules");
        vm.expectEmit(address(governor));
        emit IGovernorSettingsEvents.VotingDelaySet(VOTING_DELAY, 2 days);
        vm.expectEmit(address(governor));
        emit IGovernorSettingsEvents.VotingPeriodSet(VOTING_PERIOD, 3 days);
        vm.expectEmit(address(governor));
        emit IGovernorSettingsEvents.ProposalThresholdSet(THRESHOLD, 2);
        vm.expectEmit(address(governor));
        emit IGovernorSettingsEvents.QuorumNumeratorUpdated(QUORUM_PERCENT, 100);
        vm.expectEmit(address(vault));
        emit TimelockControllerUpgradeable.MinDelayChange(TIMELOCK_DELAY, 3 days);
        _execute(settingTargets, settingValues, settingCalls, "Stricter rules");

        assertEq(governor.votingDelay(), 2 days, "delay");
        assertEq(governor.votingPeriod(), 3 days, "period");
        assertEq(governor.proposalThreshold(), 2, "threshold");
        assertEq(governor.quorumNumerator(), 100, "quorum now");
        assertEq(vault.getMinDelay(), 3 days, "timelock delay");
        uint256 earlierSnapshot = governor.proposalSnapshot(earlier);
        assertEq(governor.quorumNumerator(earlierSnapshot), QUORUM_PERCENT, "quorum at an earlier snapshot");
        assertEq(governor.quorum(earlierSnapshot), 2, "earlier proposal keeps half");
        vm.warp(block.timestamp + 1);
        assertEq(governor.quorum(block.timestamp - 1), 4, "everyone from now on");

        (targets, values, calldatas) = _one(address(mrk), 0, abi.encodeCall(mrk.transfer, (erin, 1)));
        vm.expectRevert(abi.encodeWithSelector(IGovernor.GovernorInsufficientProposerVotes.selector, bob, 1, 2));
        _propose(bob, targets, values, calldatas, "Alone");
    }

    function test_roles_BuiltInGrantsCanBeRevokedAndGrantedBack() public {
        bytes32 proposer = vault.PROPOSER_ROLE();
        _passOne(address(vault), abi.encodeCall(vault.grantRole, (proposer, erin)), "erin may schedule too");
        assertTrue(vault.hasRole(proposer, erin), "stored grant");

        bytes memory revoke = abi.encodeCall(vault.revokeRole, (vault.EXECUTOR_ROLE(), address(0)));
        _readyOne(address(vault), revoke, "Only executors execute");
        vm.expectEmit(address(vault));
        emit IAccessControl.RoleRevoked(vault.EXECUTOR_ROLE(), address(0), address(vault));
        _executeOne(address(vault), revoke, "Only executors execute");
        assertFalse(vault.hasRole(vault.EXECUTOR_ROLE(), address(0)), "open executor revoked");

        // erin schedules a grant of the open executor back; nobody may execute it now but an executor.
        bytes memory grantBack = abi.encodeCall(vault.grantRole, (vault.EXECUTOR_ROLE(), address(0)));
        vm.prank(erin);
        vault.schedule(address(vault), 0, grantBack, 0, 0, TIMELOCK_DELAY);
        vm.warp(block.timestamp + TIMELOCK_DELAY);
        bytes memory missing = _missingRole(erin, vault.EXECUTOR_ROLE());
        vm.prank(erin);
        vm.expectRevert(missing);
        vault.execute(address(vault), 0, grantBack, 0, 0);
    }

    // =========================================================================================
    // Donations
    // =========================================================================================

    function test_donate_RecordsMrkAndEthDonors() public {
        _approveMrk(erin, address(vault), 750 * MRK);
        vm.deal(erin, 3 ether);
        vm.expectEmit(address(vault));
        emit ICommunityTreasury.Donated(erin, address(0), 2 ether);
        vm.expectEmit(address(vault));
        emit ICommunityTreasury.Donated(erin, address(mrk), 750 * MRK);
        vm.prank(erin);
        vault.donate{value: 2 ether}(750 * MRK);

        // A plain transfer, with only the 2,300 gas stipend, is recorded too.
        vm.expectEmit(address(vault));
        emit ICommunityTreasury.Donated(erin, address(0), 1 ether);
        vm.prank(erin);
        payable(address(vault)).transfer(1 ether);

        assertEq(mrk.balanceOf(address(vault)), TREASURY_MRK + 750 * MRK, "MRK received");
        assertEq(address(vault).balance, 13 ether, "ETH received");
        assertEq(mrk.balanceOf(erin), 1_000_000 * MRK - 750 * MRK, "donor paid");
    }

    function test_donate_RevertWhen_Empty_OrWithoutAllowance() public {
        vm.prank(erin);
        vm.expectRevert(ICommunityTreasury.TreasuryEmptyDonation.selector);
        vault.donate(0);
        vm.prank(erin);
        vm.expectRevert();
        vault.donate(1);
    }

    function test_treasury_HoldsUnitsAndTickets() public {
        vm.prank(alice);
        registry.safeTransferFrom(alice, address(vault), OFFICE);
        assertEq(registry.ownerOf(OFFICE), address(vault), "unit received");
        assertTrue(vault.supportsInterface(0x4e2312e0), "ERC-1155 receiver");
    }

    // =========================================================================================
    // Membership
    // =========================================================================================

    function test_join_ByPolicy() public {
        vm.prank(erin);
        vm.expectRevert(ICommunityMembership.MembershipInviteOnly.selector);
        members.join(type(uint256).max);

        _passOne(
            address(members),
            abi.encodeCall(members.setJoinPolicy, (ICommunityMembership.JoinPolicy.Purchase, uint88(250 * MRK))),
            "Memberships for 250 MRK"
        );
        _approveMrk(erin, address(members), 250 * MRK);
        vm.prank(erin);
        vm.expectRevert(
            abi.encodeWithSelector(ICommunityMembership.MembershipPriceAboveMax.selector, 250 * MRK, 249 * MRK)
        );
        members.join(249 * MRK);
        uint256 before = mrk.balanceOf(address(vault));
        vm.expectEmit(address(members));
        emit ICommunityMembership.MemberJoined(erin, ICommunityMembership.JoinRoute.Purchased, 250 * MRK);
        vm.prank(erin);
        members.join(250 * MRK);
        assertEq(mrk.balanceOf(address(vault)) - before, 250 * MRK, "price paid into the treasury");
        assertEq(members.getVotes(erin), 1, "vote counts at once");
        vm.prank(erin);
        vm.expectRevert(abi.encodeWithSelector(ICommunityMembership.MembershipAlreadyMember.selector, erin));
        members.join(250 * MRK);

        _passOne(address(members), abi.encodeCall(members.setJoinPolicy, (ICommunityMembership.JoinPolicy.Open, 0)), "Open doors");
        vm.prank(mallory);
        members.join(0);
        assertTrue(members.isMember(mallory), "mallory joined for free");
        assertEq(members.memberCount(), 6, "six members");
    }

    function test_leave_And_Expel_TakeTheVoteAway() public {
        vm.prank(carol);
        members.delegate(bob);
        assertEq(members.getVotes(bob), 2, "bob holds carol's vote");
        vm.expectEmit(address(members));
        emit ICommunityMembership.MemberLeft(carol, false);
        vm.prank(carol);
        members.leave();
        assertFalse(members.isMember(carol), "carol left");
        assertEq(members.getVotes(bob), 1, "carol's vote left with her");
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(ICommunityMembership.MembershipNotMember.selector, carol));
        members.leave();

        _passOne(address(members), abi.encodeCall(members.expel, (dave)), "dave goes");
        assertFalse(members.isMember(dave), "dave expelled");
        assertEq(members.memberCount(), 2, "two members");
        assertEq(members.getVotes(dave), 0, "dave's vote gone");
    }

    function test_delegate_ToZeroTakesTheVoteBack() public {
        vm.prank(carol);
        members.delegate(bob);
        assertEq(members.getVotes(carol), 0, "carol delegated");
        vm.prank(carol);
        members.delegate(address(0));
        assertEq(members.delegates(carol), carol, "back to herself");
        assertEq(members.getVotes(carol), 1, "her vote is hers");
        assertEq(members.getVotes(bob), 1, "bob's own only");
    }

    function test_transfer_RevertWhen_MovingAMembership() public {
        uint256 id = members.tokenIdOf(bob);
        vm.prank(bob);
        vm.expectRevert(abi.encodeWithSelector(ICommunityMembership.MembershipNotTransferable.selector, id));
        members.transferFrom(bob, erin, id);
        vm.prank(bob);
        members.approve(erin, id);
        vm.prank(erin);
        vm.expectRevert(abi.encodeWithSelector(ICommunityMembership.MembershipNotTransferable.selector, id));
        members.safeTransferFrom(bob, erin, id);
        vm.prank(erin);
        vm.expectRevert(abi.encodeWithSelector(IERC721Errors.ERC721NonexistentToken.selector, uint160(erin)));
        members.ownerOf(uint160(erin));
    }

    // =========================================================================================
    // Events and tickets
    // =========================================================================================

    function test_tickets_SoldIntoTheTreasuryUpToCapacity() public {
        uint48 startsAt = uint48(block.timestamp + 30 days);
        bytes memory create = abi.encodeCall(
            tickets.createEvent,
            (startsAt, HALL, uint128(20 * MRK), 3, "ipfs://opening")
        );
        _readyOne(address(tickets), create, "Opening night");
        vm.expectEmit(address(tickets));
        emit ICommunityTickets.EventCreated(1, address(vault), HALL, startsAt, uint128(20 * MRK), 3, "ipfs://opening");
        _executeOne(address(tickets), create, "Opening night");
        ICommunityTickets.TicketedEvent memory opening = tickets.eventOf(1);
        assertEq(opening.organizer, address(vault), "organized by the treasury");
        assertEq(tickets.uri(1), "ipfs://opening", "metadata");

        _approveMrk(erin, address(tickets), type(uint256).max);
        _approveMrk(mallory, address(tickets), type(uint256).max);
        uint256 before = mrk.balanceOf(address(vault));
        vm.expectEmit(address(tickets));
        emit ICommunityTickets.TicketsBought(1, erin, 2, 40 * MRK);
        vm.prank(erin);
        tickets.buy(1, 2);
        assertEq(mrk.balanceOf(address(vault)) - before, 40 * MRK, "paid straight into the treasury");
        assertTrue(tickets.isCheckedIn(1, erin), "erin holds a ticket");
        assertFalse(tickets.isCheckedIn(1, mallory), "mallory does not");

        vm.prank(mallory);
        vm.expectRevert(abi.encodeWithSelector(ICommunityTickets.TicketsBeyondCapacity.selector, 1, 2, 1));
        tickets.buy(1, 2);
        vm.prank(mallory);
        tickets.buy(1, 1);
        vm.prank(carol);
        vm.expectRevert(abi.encodeWithSelector(ICommunityTickets.TicketsBeyondCapacity.selector, 1, 1, 0));
        tickets.buy(1, 1);
        assertEq(tickets.eventOf(1).sold, 3, "sold out");

        // A ticket moves like any ERC-1155 token, and the check-in with it.
        vm.prank(erin);
        tickets.safeTransferFrom(erin, carol, 1, 1, "");
        assertTrue(tickets.isCheckedIn(1, carol), "carol holds one now");
    }

    function test_tickets_RevertWhen_SalesClosedOrEventInvalid() public {
        vm.prank(address(vault));
        uint256 id = tickets.createEvent(uint48(block.timestamp + 1 days), HALL, 0, 10, "");
        vm.warp(block.timestamp + 1 days);
        vm.prank(erin);
        vm.expectRevert(
            abi.encodeWithSelector(ICommunityTickets.TicketsSalesClosed.selector, id, uint48(block.timestamp))
        );
        tickets.buy(id, 1);
        vm.prank(erin);
        vm.expectRevert(abi.encodeWithSelector(ICommunityTickets.TicketsUnknownEvent.selector, 99));
        tickets.buy(99, 1);
        vm.expectRevert(
            abi.encodeWithSelector(ICommunityTickets.TicketsInvalidEvent.selector, uint48(block.timestamp), 1)
        );
        tickets.createEvent(uint48(block.timestamp), HALL, 0, 1, "");
        vm.expectRevert(
            abi.encodeWithSelector(ICommunityTickets.TicketsInvalidEvent.selector, uint48(block.timestamp + 1), 0)
        );
        tickets.createEvent(uint48(block.timestamp + 1), HALL, 0, 0, "");
    }

    function test_tickets_RevertWhen_ABuyerReentersFromItsReceiver() public {
        vm.prank(address(vault));
        uint256 id = tickets.createEvent(uint48(block.timestamp + 1 days), HALL, uint128(MRK), 5, "");
        ReenteringTicketBuyer buyer = new ReenteringTicketBuyer(tickets, mrk);
        _fund(address(buyer), 10 * MRK);
        // The inner `buy` from `onERC1155Received` is refused, which fails the outer purchase too.
        vm.expectRevert(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        buyer.buy(id);
        assertEq(tickets.eventOf(id).sold, 0, "nothing sold");
        assertEq(mrk.balanceOf(address(buyer)), 10 * MRK, "nothing paid");
    }

    // =========================================================================================
    // Signatures on clones: the EIP-712 domain comes from the clone's arguments
    // =========================================================================================

    function test_delegateBySig_UsesTheCommunitysDomain() public {
        (, string memory domainName, string memory version, uint256 chainId, address verifyingContract, , ) = members
            .eip712Domain();
        assertEq(domainName, "Harbour Makers", "domain name is the community's");
        assertEq(verifyingContract, address(members), "domain names the clone");
        bytes32 domain = keccak256(
            abi.encode(
                DOMAIN_TYPEHASH,
                keccak256(bytes(domainName)),
                keccak256(bytes(version)),
                chainId,
                verifyingContract
            )
        );
        uint256 expiry = block.timestamp + 1 hours;
        bytes32 structHash = keccak256(
            abi.encode(keccak256("Delegation(address delegatee,uint256 nonce,uint256 expiry)"), bob, 0, expiry)
        );
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(
            keyOf("carol"),
            keccak256(abi.encodePacked("\x19\x01", domain, structHash))
        );
        vm.prank(stranger); // a relayer
        members.delegateBySig(bob, 0, expiry, v, r, s);
        assertEq(members.delegates(carol), bob, "carol delegated by signature");
        assertEq(members.getVotes(bob), 2, "bob holds her vote");
        vm.expectRevert(); // replay: the nonce is used
        members.delegateBySig(bob, 0, expiry, v, r, s);
    }

    // =========================================================================================
    // Helpers
    // =========================================================================================

    function _assertState(uint256 id, IGovernor.ProposalState expected) internal view {
        assertEq(uint256(governor.state(id)), uint256(expected), "proposal state");
    }

    function _missingRole(address account, bytes32 role) internal pure returns (bytes memory) {
        return abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, account, role);
    }

    /// @dev OpenZeppelin's timelock salt for a governor's proposal.
    function _timelockSalt(bytes32 descriptionHash) internal view returns (bytes32) {
        return bytes20(address(governor)) ^ descriptionHash;
    }
}

/// @dev OpenZeppelin's events, redeclared to be expected.
interface IVotesEvents {
    event DelegateVotesChanged(address indexed delegate, uint256 previousVotes, uint256 newVotes);
}

interface IGovernorSettingsEvents {
    event VotingDelaySet(uint256 oldVotingDelay, uint256 newVotingDelay);
    event VotingPeriodSet(uint256 oldVotingPeriod, uint256 newVotingPeriod);
    event ProposalThresholdSet(uint256 oldProposalThreshold, uint256 newProposalThreshold);
    event QuorumNumeratorUpdated(uint256 oldQuorumNumerator, uint256 newQuorumNumerator);
}

/// @dev A contract buyer whose ERC-1155 receiver hook tries to buy again.
contract ReenteringTicketBuyer {
    CommunityTickets private immutable _tickets;

    constructor(CommunityTickets tickets_, IERC20 mrk_) {
        _tickets = tickets_;
        mrk_.approve(address(tickets_), type(uint256).max);
    }

    function buy(uint256 eventId) external {
        _tickets.buy(eventId, 1);
    }

    function onERC1155Received(address, address, uint256 id, uint256, bytes calldata) external returns (bytes4) {
        _tickets.buy(id, 1);
        return this.onERC1155Received.selector;
    }
}
