// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {ExchangeFixture} from "./utils/ExchangeFixture.sol";
import {ICommunityFactory} from "../community/interfaces/ICommunityFactory.sol";
import {ICommunityMembership} from "../community/interfaces/ICommunityMembership.sol";
import {CommunityFactory} from "../community/CommunityFactory.sol";
import {CommunityMembership} from "../community/CommunityMembership.sol";
import {CommunityGovernor} from "../community/CommunityGovernor.sol";
import {CommunityTreasury} from "../community/CommunityTreasury.sol";
import {CommunityTickets} from "../community/CommunityTickets.sol";
import {CommunityDistributions} from "../community/CommunityDistributions.sol";

/// @title CommunityFixture
/// @notice The exchange fixture (MRK, the land, `UnitExchange`, `alice` holding two Commercial
/// units) plus the community contracts as the deploy script deploys them (three implementations,
/// the shared tickets and distributions, the factory) and one community created by `alice` with
/// founders `alice`, `bob`, `carol` and `dave`, a `guardian`, invitations only, a treasury holding
/// 100,000 MRK and 10 ETH. Helpers run a proposal through its whole life.
abstract contract CommunityFixture is ExchangeFixture {
    uint48 internal constant VOTING_DELAY = 1 days;
    uint32 internal constant VOTING_PERIOD = 5 days;
    uint32 internal constant THRESHOLD = 1;
    uint8 internal constant QUORUM_PERCENT = 50;
    uint32 internal constant TIMELOCK_DELAY = 2 days;
    uint256 internal constant TREASURY_MRK = 100_000 * MRK;

    CommunityFactory internal factory;
    CommunityTickets internal tickets;
    CommunityDistributions internal distributions;

    CommunityMembership internal members;
    CommunityGovernor internal governor;
    CommunityTreasury internal vault;

    address internal dave;
    address internal erin;
    address internal guardian;
    address internal stranger;

    function setUp() public virtual override {
        super.setUp();
        dave = makeAddr("dave");
        erin = makeAddr("erin");
        guardian = makeAddr("guardian");
        stranger = makeAddr("stranger");

        tickets = new CommunityTickets(IERC20(address(mrk)));
        distributions = new CommunityDistributions();
        factory = new CommunityFactory(
            address(new CommunityMembership(IERC20(address(mrk)))),
            address(new CommunityGovernor()),
            address(new CommunityTreasury(IERC20(address(mrk)))),
            address(tickets),
            address(distributions)
        );

        ICommunityFactory.Community memory community = _create(alice, _config(_founders4()));
        members = CommunityMembership(community.membership);
        governor = CommunityGovernor(payable(community.governor));
        vault = CommunityTreasury(payable(community.treasury));

        vm.prank(whale);
        mrk.transfer(address(vault), TREASURY_MRK);
        vm.deal(address(vault), 10 ether);
        for (uint256 i; i < 5; ++i) {
            address account = [alice, bob, carol, dave, erin][i];
            vm.prank(whale);
            mrk.transfer(account, 1_000_000 * MRK);
        }
        // Votes are read one second in the past: let the founders' checkpoints settle.
        vm.warp(block.timestamp + 1);
    }

    // --- Communities ----------------------------------------------------------------------------

    function _founders4() internal view returns (address[] memory founders) {
        founders = new address[](4);
        founders[0] = alice;
        founders[1] = bob;
        founders[2] = carol;
        founders[3] = dave;
    }

    function _config(address[] memory founders) internal view returns (ICommunityFactory.CommunityConfig memory) {
        return
            ICommunityFactory.CommunityConfig({
                name: "Harbour Makers",
                symbol: "HBM",
                founders: founders,
                settings: ICommunityFactory.CommunitySettings({
                    guardian: guardian,
                    votingDelay: VOTING_DELAY,
                    votingPeriod: VOTING_PERIOD,
                    proposalThreshold: THRESHOLD,
                    quorumPercent: QUORUM_PERCENT,
                    timelockDelay: TIMELOCK_DELAY,
                    joinPolicy: ICommunityMembership.JoinPolicy.InviteOnly,
                    membershipPrice: 0
                }),
                salt: bytes32(0)
            });
    }

    function _create(
        address creator,
        ICommunityFactory.CommunityConfig memory config
    ) internal returns (ICommunityFactory.Community memory) {
        vm.prank(creator);
        return factory.createCommunity(config);
    }

    // --- Proposals ------------------------------------------------------------------------------

    function _one(
        address target,
        uint256 value,
        bytes memory data
    ) internal pure returns (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) {
        targets = new address[](1);
        targets[0] = target;
        values = new uint256[](1);
        values[0] = value;
        calldatas = new bytes[](1);
        calldatas[0] = data;
    }

    function _propose(
        address proposer,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description
    ) internal returns (uint256 id) {
        vm.prank(proposer);
        id = governor.propose(targets, values, calldatas, description);
    }

    /// @dev `alice`, `bob` and `carol` vote For once the vote opens; then the vote closes.
    function _voteThrough(uint256 id) internal {
        vm.warp(governor.proposalSnapshot(id) + 1);
        vm.prank(alice);
        governor.castVote(id, 1);
        vm.prank(bob);
        governor.castVote(id, 1);
        vm.prank(carol);
        governor.castVote(id, 1);
        vm.warp(governor.proposalDeadline(id) + 1);
    }

    /// @dev Proposes, passes and queues; returns the proposal id once it can be executed.
    function _ready(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description
    ) internal returns (uint256 id) {
        id = _propose(alice, targets, values, calldatas, description);
        _voteThrough(id);
        governor.queue(targets, values, calldatas, keccak256(bytes(description)));
        vm.warp(governor.proposalEta(id));
    }

    /// @dev Executes a ready proposal (anyone may).
    function _execute(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description
    ) internal {
        vm.prank(stranger);
        governor.execute(targets, values, calldatas, keccak256(bytes(description)));
    }

    /// @dev Proposes, passes, queues and executes; returns the proposal id.
    function _pass(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description
    ) internal returns (uint256 id) {
        id = _ready(targets, values, calldatas, description);
        _execute(targets, values, calldatas, description);
        assertEq(uint256(governor.state(id)), uint256(IGovernor.ProposalState.Executed), "executed");
    }

    function _passOne(address target, bytes memory data, string memory description) internal returns (uint256) {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _one(target, 0, data);
        return _pass(targets, values, calldatas, description);
    }

    function _readyOne(address target, bytes memory data, string memory description) internal returns (uint256) {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _one(target, 0, data);
        return _ready(targets, values, calldatas, description);
    }

    function _executeOne(address target, bytes memory data, string memory description) internal {
        (address[] memory targets, uint256[] memory values, bytes[] memory calldatas) = _one(target, 0, data);
        _execute(targets, values, calldatas, description);
    }
}
