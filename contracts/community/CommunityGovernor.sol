// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC5805} from "@openzeppelin/contracts/interfaces/IERC5805.sol";
import {GovernorUpgradeable} from "@openzeppelin/contracts-upgradeable/governance/GovernorUpgradeable.sol";
import {
    GovernorSettingsUpgradeable
} from "@openzeppelin/contracts-upgradeable/governance/extensions/GovernorSettingsUpgradeable.sol";
import {
    GovernorCountingSimpleUpgradeable
} from "@openzeppelin/contracts-upgradeable/governance/extensions/GovernorCountingSimpleUpgradeable.sol";
import {
    GovernorVotesUpgradeable
} from "@openzeppelin/contracts-upgradeable/governance/extensions/GovernorVotesUpgradeable.sol";
import {
    GovernorVotesQuorumFractionUpgradeable
} from "@openzeppelin/contracts-upgradeable/governance/extensions/GovernorVotesQuorumFractionUpgradeable.sol";
import {
    GovernorTimelockControlUpgradeable
} from "@openzeppelin/contracts-upgradeable/governance/extensions/GovernorTimelockControlUpgradeable.sol";
import {
    GovernorProposalGuardianUpgradeable
} from "@openzeppelin/contracts-upgradeable/governance/extensions/GovernorProposalGuardianUpgradeable.sol";
import {
    TimelockControllerUpgradeable
} from "@openzeppelin/contracts-upgradeable/governance/TimelockControllerUpgradeable.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {
    GovernorSequentialProposalIdUpgradeable
} from "@openzeppelin/contracts-upgradeable/governance/extensions/GovernorSequentialProposalIdUpgradeable.sol";
import {ICommunityGovernor} from "./interfaces/ICommunityGovernor.sol";
import {CloneArgs} from "./CloneArgs.sol";

/// @title CommunityGovernor
/// @notice A community's governor: OpenZeppelin's `Governor` with settings, simple counting,
/// votes (the membership), a quorum fraction, timelock control (the treasury) and a proposal
/// guardian who can cancel (veto) any proposal until the community sets it to zero by proposal.
/// Proposals are numbered 1, 2, 3… (sequential ids, as Compound and Tally show them), which also
/// saves every voter the calldata of a 32-byte hash.
/// Votes are read at each proposal's snapshot, so votes acquired after it (a membership bought
/// for the occasion) do not count.
/// @dev Deployed once; each community is an ERC-1167 clone whose immutable arguments are
/// `token (20) ‖ guardian (20) ‖ votingDelay (6) ‖ votingPeriod (4) ‖ proposalThreshold (4) ‖
/// quorumPercent (1)`: the initial settings live in code, and stored values take
/// over for a setting once governance changes it (a bit in `_changed` says which; the changed values
/// live in this contract's two packed slots). Only the timelock is written at creation (with
/// OpenZeppelin's initializer). For the quorum, the
/// initial fraction holds for every timepoint before the first change (`_quorumChangedAt`), the
/// checkpointed history from then on, so past proposals keep the quorum of their snapshot.
contract CommunityGovernor is
    GovernorUpgradeable,
    GovernorSettingsUpgradeable,
    GovernorCountingSimpleUpgradeable,
    GovernorVotesUpgradeable,
    GovernorVotesQuorumFractionUpgradeable,
    GovernorTimelockControlUpgradeable,
    GovernorProposalGuardianUpgradeable,
    GovernorSequentialProposalIdUpgradeable,
    ICommunityGovernor
{
    uint8 private constant _DELAY = 1;
    uint8 private constant _PERIOD = 2;
    uint8 private constant _THRESHOLD = 4;
    uint8 private constant _QUORUM = 8;
    uint8 private constant _GUARDIAN = 16;

    /// @dev Slot layout: changed (8) | quorumChangedAt (48) | guardian (160).
    uint8 private _changed;
    uint48 private _quorumChangedAt;
    address private _guardian;
    /// @dev Slot layout: votingDelay (48) | votingPeriod (32) | proposalThreshold (176).
    uint48 private _votingDelay;
    uint32 private _votingPeriod;
    uint176 private _proposalThreshold;

    constructor() {
        _disableInitializers();
    }

    /// @inheritdoc ICommunityGovernor
    function initialize(address timelock_) external initializer {
        __GovernorTimelockControl_init(TimelockControllerUpgradeable(payable(timelock_)));
    }

    /// @notice The governor's name, also its EIP-712 domain name (the domain names this contract).
    function name() public pure override returns (string memory) {
        return "Markspace Community Governor";
    }

    // --- Settings: from the clone's arguments until governance changes them --------------------

    /// @inheritdoc GovernorVotesUpgradeable
    function token() public view override returns (IERC5805) {
        return IERC5805(CloneArgs.addressAt(0));
    }

    /// @notice ERC-6372: the membership's clock, the timestamp (read here rather than asked of the
    /// membership, which saves every vote an external call through its proxy).
    function clock() public view override(GovernorUpgradeable, GovernorVotesUpgradeable) returns (uint48) {
        return uint48(block.timestamp);
    }

    /// @notice ERC-6372 clock description, the membership's.
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override(GovernorUpgradeable, GovernorVotesUpgradeable) returns (string memory) {
        return "mode=timestamp";
    }

    /// @dev `token().getPastVotes(account, timepoint)` as one static call without Solidity's
    /// call scaffolding: a vote pays for the membership's proxy hop already.
    function _getVotes(
        address account,
        uint256 timepoint,
        bytes memory
    ) internal view override(GovernorUpgradeable, GovernorVotesUpgradeable) returns (uint256 votes) {
        address membership = CloneArgs.addressAt(0);
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, shl(224, 0x3a46b1a8)) // getPastVotes(address,uint256)
            mstore(add(ptr, 0x04), account)
            mstore(add(ptr, 0x24), timepoint)
            if iszero(staticcall(gas(), membership, ptr, 0x44, 0x00, 0x20)) {
                returndatacopy(ptr, 0, returndatasize())
                revert(ptr, returndatasize())
            }
            if lt(returndatasize(), 0x20) { revert(0, 0) }
            votes := mload(0x00)
        }
    }

    /// @inheritdoc GovernorProposalGuardianUpgradeable
    function proposalGuardian() public view override returns (address) {
        return _changed & _GUARDIAN != 0 ? _guardian : CloneArgs.addressAt(20);
    }

    /// @inheritdoc GovernorUpgradeable
    function votingDelay() public view override(GovernorUpgradeable, GovernorSettingsUpgradeable) returns (uint256) {
        return _changed & _DELAY != 0 ? _votingDelay : uint48(bytes6(CloneArgs.word(40)));
    }

    /// @inheritdoc GovernorUpgradeable
    function votingPeriod() public view override(GovernorUpgradeable, GovernorSettingsUpgradeable) returns (uint256) {
        return _changed & _PERIOD != 0 ? _votingPeriod : uint32(bytes4(CloneArgs.word(46)));
    }

    /// @inheritdoc GovernorUpgradeable
    function proposalThreshold()
        public
        view
        override(GovernorUpgradeable, GovernorSettingsUpgradeable)
        returns (uint256)
    {
        return _changed & _THRESHOLD != 0 ? _proposalThreshold : uint32(bytes4(CloneArgs.word(50)));
    }

    /// @inheritdoc GovernorVotesQuorumFractionUpgradeable
    function quorumNumerator() public view override returns (uint256) {
        return _changed & _QUORUM != 0 ? super.quorumNumerator() : _initialQuorum();
    }

    /// @inheritdoc GovernorVotesQuorumFractionUpgradeable
    function quorumNumerator(uint256 timepoint) public view override returns (uint256) {
        if (_changed & _QUORUM == 0 || timepoint < _quorumChangedAt) return _initialQuorum();
        return super.quorumNumerator(timepoint);
    }

    // The setters keep OpenZeppelin's checks and events; the values live in this contract's
    // packed slots, so an event's old value is the one in force (possibly the clone's argument).

    function _setVotingDelay(uint48 newVotingDelay) internal override {
        emit VotingDelaySet(votingDelay(), newVotingDelay);
        _votingDelay = newVotingDelay;
        _changed |= _DELAY;
    }

    function _setVotingPeriod(uint32 newVotingPeriod) internal override {
        if (newVotingPeriod == 0) revert GovernorInvalidVotingPeriod(0);
        emit VotingPeriodSet(votingPeriod(), newVotingPeriod);
        _votingPeriod = newVotingPeriod;
        _changed |= _PERIOD;
    }

    function _setProposalThreshold(uint256 newProposalThreshold) internal override {
        emit ProposalThresholdSet(proposalThreshold(), newProposalThreshold);
        _proposalThreshold = SafeCast.toUint176(newProposalThreshold);
        _changed |= _THRESHOLD;
    }

    function _setProposalGuardian(address newProposalGuardian) internal override {
        emit ProposalGuardianSet(proposalGuardian(), newProposalGuardian);
        _guardian = newProposalGuardian;
        _changed |= _GUARDIAN;
    }

    function _updateQuorumNumerator(uint256 newQuorumNumerator) internal override {
        // OpenZeppelin checks the fraction, reads the old value through `quorumNumerator()` (the
        // argument until now) and checkpoints the new one at `clock()`.
        super._updateQuorumNumerator(newQuorumNumerator);
        if (_changed & _QUORUM == 0) {
            _changed |= _QUORUM;
            _quorumChangedAt = clock();
        }
    }

    function _initialQuorum() private view returns (uint256) {
        return uint8(bytes1(CloneArgs.word(54)));
    }

    // --- OpenZeppelin's required overrides ------------------------------------------------------

    /// @inheritdoc GovernorUpgradeable
    function state(
        uint256 proposalId
    ) public view override(GovernorUpgradeable, GovernorTimelockControlUpgradeable) returns (ProposalState) {
        return super.state(proposalId);
    }

    /// @inheritdoc GovernorUpgradeable
    function proposalNeedsQueuing(
        uint256 proposalId
    ) public view override(GovernorUpgradeable, GovernorTimelockControlUpgradeable) returns (bool) {
        return super.proposalNeedsQueuing(proposalId);
    }

    function _queueOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(GovernorUpgradeable, GovernorTimelockControlUpgradeable) returns (uint48) {
        return super._queueOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _executeOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(GovernorUpgradeable, GovernorTimelockControlUpgradeable) {
        super._executeOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _cancel(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(GovernorUpgradeable, GovernorTimelockControlUpgradeable) returns (uint256) {
        return super._cancel(targets, values, calldatas, descriptionHash);
    }

    function _executor()
        internal
        view
        override(GovernorUpgradeable, GovernorTimelockControlUpgradeable)
        returns (address)
    {
        return super._executor();
    }

    function _validateCancel(
        uint256 proposalId,
        address caller
    ) internal view override(GovernorUpgradeable, GovernorProposalGuardianUpgradeable) returns (bool) {
        return super._validateCancel(proposalId, caller);
    }

    /// @inheritdoc GovernorUpgradeable
    function getProposalId(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) public view override(GovernorUpgradeable, GovernorSequentialProposalIdUpgradeable) returns (uint256) {
        return super.getProposalId(targets, values, calldatas, descriptionHash);
    }

    function _propose(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description,
        address proposer
    ) internal override(GovernorUpgradeable, GovernorSequentialProposalIdUpgradeable) returns (uint256) {
        return super._propose(targets, values, calldatas, description, proposer);
    }

    function _EIP712Name() internal pure override returns (string memory) {
        return name();
    }
}
