// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ICommunityMembership} from "./ICommunityMembership.sol";

/// @title ICommunityFactory
/// @notice Creates a community in one transaction: a membership (votes token), a governor and a
/// treasury timelock, each a minimal-proxy clone (ERC-1167 with immutable arguments) of one
/// implementation, at addresses fixed by the creator and its salt.
interface ICommunityFactory {
    /// @notice A community's settings; they can all change later by proposal.
    /// @param guardian May cancel (veto) any proposal until the community switches it off (0: none).
    /// @param votingDelay Seconds between a proposal and its snapshot (the vote's start).
    /// @param votingPeriod Seconds a vote lasts (at least 1).
    /// @param proposalThreshold Votes (memberships) needed to propose.
    /// @param quorumPercent Share of the members at the snapshot whose For or Abstain votes are needed.
    /// @param timelockDelay Seconds between queueing a passed proposal and executing it.
    /// @param joinPolicy How accounts join besides invitations.
    /// @param membershipPrice Price of a membership in MRK wei under `Purchase` (else 0).
    struct CommunitySettings {
        address guardian;
        uint48 votingDelay;
        uint32 votingPeriod;
        uint32 proposalThreshold;
        uint8 quorumPercent;
        uint32 timelockDelay;
        ICommunityMembership.JoinPolicy joinPolicy;
        uint88 membershipPrice;
    }

    /// @notice What a community is made of.
    /// @param name The membership token's name (1 to 64 bytes).
    /// @param symbol The membership token's symbol (1 to 16 bytes).
    /// @param founders The first members (1 to `MAX_FOUNDERS`, distinct).
    /// @param settings Governance and membership settings.
    /// @param salt Chosen by the creator; with its address it fixes the community's addresses.
    struct CommunityConfig {
        string name;
        string symbol;
        address[] founders;
        CommunitySettings settings;
        bytes32 salt;
    }

    /// @notice The three contracts of a community.
    struct Community {
        address membership;
        address governor;
        address treasury;
    }

    /// @notice Emitted when `creator` creates a community; its founders' `MemberJoined` events follow.
    event CommunityCreated(
        address indexed creator,
        address indexed treasury,
        address indexed governor,
        address membership,
        string name,
        string symbol,
        CommunitySettings settings
    );

    /// @notice Thrown for a name or symbol of the wrong length.
    error CommunityInvalidName(string name, string symbol);
    /// @notice Thrown for no founders or more than `MAX_FOUNDERS`.
    error CommunityInvalidFounders(uint256 count);
    /// @notice Thrown for a voting period of zero or a quorum above 100 %.
    error CommunityInvalidSettings(uint32 votingPeriod, uint8 quorumPercent);
    /// @notice Thrown when the factory is deployed with a missing implementation.
    error CommunityInvalidImplementation();

    /// @notice Creates a community; returns its three addresses.
    function createCommunity(CommunityConfig calldata config) external returns (Community memory community);

    /// @notice The addresses `createCommunity(config)` gives `creator`'s community.
    function predictCommunity(
        address creator,
        CommunityConfig calldata config
    ) external view returns (Community memory community);

    /// @notice The most founders a community can start with.
    function MAX_FOUNDERS() external view returns (uint256);
}
