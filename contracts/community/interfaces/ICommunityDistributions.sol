// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC5805} from "@openzeppelin/contracts/interfaces/IERC5805.sol";

/// @title ICommunityDistributions
/// @notice Revenue sharing: a community treasury (by proposal) deposits an amount of a token
/// together with a past timepoint of its votes token; each account claims (pull) its share, the
/// amount times its votes at that timepoint divided by the total votes then. Shares round down:
/// the dust (under one wei per claimant) and anything unclaimed by the deadline go back to the
/// creator with `reclaim`. Votes are read at a timepoint already past when the distribution is
/// created, so votes acquired afterwards, flash-loaned or not, earn nothing.
interface ICommunityDistributions {
    /// @notice A distribution. Slot layout: creator (160) | timepoint (48) | claimUntil (48);
    /// token; votes; amount (128) | claimed (128); totalVotes.
    struct Distribution {
        address creator;
        uint48 timepoint;
        uint48 claimUntil;
        IERC20 token;
        IERC5805 votes;
        uint128 amount;
        uint128 claimed;
        uint256 totalVotes;
    }

    /// @notice Emitted when `creator` deposits `amount` of `token` shared by the votes of `votes` at `timepoint`.
    event DistributionCreated(
        uint256 indexed distributionId,
        address indexed creator,
        address indexed votes,
        address token,
        uint256 amount,
        uint48 timepoint,
        uint48 claimUntil,
        uint256 totalVotes
    );

    /// @notice Emitted when `account` claims `amount` of distribution `distributionId`.
    event DistributionClaimed(uint256 indexed distributionId, address indexed account, uint256 amount);

    /// @notice Emitted when the creator takes back what was left unclaimed after the deadline.
    event DistributionReclaimed(uint256 indexed distributionId, address indexed creator, uint256 amount);

    /// @notice Thrown when no distribution has id `distributionId`.
    error DistributionUnknown(uint256 distributionId);
    /// @notice Thrown by `create` for an amount of zero or above 2^128 - 1.
    error DistributionInvalidAmount(uint256 amount);
    /// @notice Thrown by `create` for a timepoint not in the past of the votes' clock.
    error DistributionTimepointNotPast(uint48 timepoint, uint48 clock);
    /// @notice Thrown by `create` for a deadline not in the future.
    error DistributionInvalidDeadline(uint48 claimUntil);
    /// @notice Thrown by `create` when nobody held votes at the timepoint.
    error DistributionNoVotes(uint48 timepoint);
    /// @notice Thrown by `create` when the token delivered less than the amount.
    error DistributionShortDeposit(uint256 amount, uint256 received);
    /// @notice Thrown by `claim` after the deadline, or by `reclaim` before it.
    error DistributionClaimWindow(uint256 distributionId, uint48 claimUntil);
    /// @notice Thrown by `claim` when `account` claimed already or has no share.
    error DistributionNothingToClaim(uint256 distributionId, address account);
    /// @notice Thrown when shares claimed would exceed the amount (a votes token that lies).
    error DistributionExhausted(uint256 distributionId);
    /// @notice Thrown by `reclaim` when the caller is not the creator.
    error DistributionNotCreator(uint256 distributionId, address caller);

    /// @notice Deposits `amount` of `token` (allowance needed) shared by the votes of `votes` at
    /// `timepoint`, claimable until `claimUntil` (Unix seconds).
    function create(
        IERC5805 votes,
        IERC20 token,
        uint256 amount,
        uint48 timepoint,
        uint48 claimUntil
    ) external returns (uint256 distributionId);

    /// @notice Pays the caller its share of `distributionId`, once.
    function claim(uint256 distributionId) external returns (uint256 amount);

    /// @notice The creator takes back what is unclaimed once the deadline has passed.
    function reclaim(uint256 distributionId) external returns (uint256 amount);

    /// @notice What `account` can claim from `distributionId` now.
    function claimableOf(uint256 distributionId, address account) external view returns (uint256);

    /// @notice Whether `account` claimed from `distributionId`.
    function hasClaimed(uint256 distributionId, address account) external view returns (bool);

    /// @notice The distribution `distributionId`.
    function distributionOf(uint256 distributionId) external view returns (Distribution memory);

    /// @notice The number of distributions (ids run from 1).
    function distributionCount() external view returns (uint256);
}
