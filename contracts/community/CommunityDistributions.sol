// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC5805} from "@openzeppelin/contracts/interfaces/IERC5805.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ICommunityDistributions} from "./interfaces/ICommunityDistributions.sol";

/// @title CommunityDistributions
/// @notice Revenue sharing for every community (one contract, so creating a community costs
/// nothing here): a treasury deposits income by proposal and each member pulls its pro-rata
/// share, `amount * votes(member, timepoint) / totalVotes(timepoint)`, rounded down.
/// @dev Sums are exact: the shares of all holders add up to at most `amount` (each is rounded
/// down, so the dust is under one wei per holder), and a distribution never pays out more than
/// it holds even if its votes token lies (`claimed` is checked against `amount`). The dust and
/// unclaimed shares return to the creator through `reclaim` after `claimUntil`. A member's share
/// follows its vote: whoever held its delegated vote at the timepoint receives it.
contract CommunityDistributions is ReentrancyGuardTransient, ICommunityDistributions {
    using SafeERC20 for IERC20;

    /// @inheritdoc ICommunityDistributions
    uint256 public distributionCount;

    mapping(uint256 distributionId => Distribution) private _distributions;
    mapping(uint256 distributionId => mapping(address account => bool)) private _claimed;

    /// @inheritdoc ICommunityDistributions
    function create(
        IERC5805 votes,
        IERC20 token,
        uint256 amount,
        uint48 timepoint,
        uint48 claimUntil
    ) external nonReentrant returns (uint256 distributionId) {
        if (amount == 0 || amount > type(uint128).max) revert DistributionInvalidAmount(amount);
        uint48 now_ = votes.clock();
        if (timepoint >= now_) revert DistributionTimepointNotPast(timepoint, now_);
        if (claimUntil <= block.timestamp) revert DistributionInvalidDeadline(claimUntil);
        uint256 totalVotes = votes.getPastTotalSupply(timepoint);
        if (totalVotes == 0) revert DistributionNoVotes(timepoint);

        distributionId = ++distributionCount;
        _distributions[distributionId] = Distribution({
            creator: msg.sender,
            timepoint: timepoint,
            claimUntil: claimUntil,
            token: token,
            votes: votes,
            amount: uint128(amount),
            claimed: 0,
            totalVotes: totalVotes
        });
        emit DistributionCreated(
            distributionId,
            msg.sender,
            address(votes),
            address(token),
            amount,
            timepoint,
            claimUntil,
            totalVotes
        );

        uint256 before = token.balanceOf(address(this));
        token.safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = token.balanceOf(address(this)) - before;
        if (received != amount) revert DistributionShortDeposit(amount, received);
    }

    /// @inheritdoc ICommunityDistributions
    function claim(uint256 distributionId) external nonReentrant returns (uint256 amount) {
        Distribution storage distribution = _existing(distributionId);
        uint48 claimUntil = distribution.claimUntil;
        if (block.timestamp > claimUntil) revert DistributionClaimWindow(distributionId, claimUntil);
        amount = _shareOf(distribution, distributionId, msg.sender);
        if (amount == 0) revert DistributionNothingToClaim(distributionId, msg.sender);
        uint256 claimed = distribution.claimed + amount;
        if (claimed > distribution.amount) revert DistributionExhausted(distributionId);

        _claimed[distributionId][msg.sender] = true;
        distribution.claimed = uint128(claimed);
        emit DistributionClaimed(distributionId, msg.sender, amount);
        distribution.token.safeTransfer(msg.sender, amount);
    }

    /// @inheritdoc ICommunityDistributions
    function reclaim(uint256 distributionId) external nonReentrant returns (uint256 amount) {
        Distribution storage distribution = _existing(distributionId);
        if (msg.sender != distribution.creator) revert DistributionNotCreator(distributionId, msg.sender);
        uint48 claimUntil = distribution.claimUntil;
        if (block.timestamp <= claimUntil) revert DistributionClaimWindow(distributionId, claimUntil);
        amount = distribution.amount - distribution.claimed;
        distribution.claimed = distribution.amount;
        emit DistributionReclaimed(distributionId, msg.sender, amount);
        if (amount != 0) distribution.token.safeTransfer(msg.sender, amount);
    }

    /// @inheritdoc ICommunityDistributions
    function claimableOf(uint256 distributionId, address account) external view returns (uint256) {
        Distribution storage distribution = _existing(distributionId);
        if (block.timestamp > distribution.claimUntil) return 0;
        uint256 share = _shareOf(distribution, distributionId, account);
        return distribution.claimed + share > distribution.amount ? 0 : share;
    }

    /// @inheritdoc ICommunityDistributions
    function hasClaimed(uint256 distributionId, address account) external view returns (bool) {
        return _claimed[distributionId][account];
    }

    /// @inheritdoc ICommunityDistributions
    function distributionOf(uint256 distributionId) external view returns (Distribution memory) {
        return _existing(distributionId);
    }

    function _shareOf(
        Distribution storage distribution,
        uint256 distributionId,
        address account
    ) private view returns (uint256) {
        if (_claimed[distributionId][account]) return 0;
        uint256 votes = distribution.votes.getPastVotes(account, distribution.timepoint);
        return Math.mulDiv(distribution.amount, votes, distribution.totalVotes);
    }

    function _existing(uint256 distributionId) private view returns (Distribution storage distribution) {
        distribution = _distributions[distributionId];
        if (distribution.creator == address(0)) revert DistributionUnknown(distributionId);
    }
}
