// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {ICommunityFactory} from "./interfaces/ICommunityFactory.sol";
import {ICommunityMembership} from "./interfaces/ICommunityMembership.sol";
import {ICommunityGovernor} from "./interfaces/ICommunityGovernor.sol";

/// @title CommunityFactory
/// @notice Creates a community in one transaction: a `CommunityMembership`, a `CommunityGovernor`
/// and a `CommunityTreasury`, each an ERC-1167 clone of the implementation deployed with the
/// factory, carrying its initial settings as immutable arguments. Addresses are deterministic
/// (CREATE2, salted with the creator's address and its salt), so each contract names the others
/// without a set-up transaction: the membership is created first (its arguments are its name and
/// symbol), then the governor (which names the membership), then the treasury (which names the
/// governor); the membership and the governor learn the treasury in their initializers.
/// The factory stores nothing: a community is known by its `CommunityCreated` event, and its
/// events and distributions live in the shared `CommunityTickets` and `CommunityDistributions`.
contract CommunityFactory is ICommunityFactory {
    /// @inheritdoc ICommunityFactory
    uint256 public constant MAX_FOUNDERS = 20;
    uint256 private constant _MAX_NAME = 64;
    uint256 private constant _MAX_SYMBOL = 16;

    /// @notice The implementations every community clones.
    address public immutable membershipImplementation;
    address public immutable governorImplementation;
    address public immutable treasuryImplementation;
    /// @notice The shared ticket and revenue-sharing contracts (recorded for discovery).
    address public immutable tickets;
    address public immutable distributions;

    constructor(
        address membershipImplementation_,
        address governorImplementation_,
        address treasuryImplementation_,
        address tickets_,
        address distributions_
    ) {
        if (
            membershipImplementation_.code.length == 0 ||
            governorImplementation_.code.length == 0 ||
            treasuryImplementation_.code.length == 0
        ) revert CommunityInvalidImplementation();
        membershipImplementation = membershipImplementation_;
        governorImplementation = governorImplementation_;
        treasuryImplementation = treasuryImplementation_;
        tickets = tickets_;
        distributions = distributions_;
    }

    /// @inheritdoc ICommunityFactory
    function createCommunity(CommunityConfig calldata config) external returns (Community memory community) {
        _check(config);
        bytes32 salt = _salt(msg.sender, config.salt);
        (bytes memory membershipArgs, bytes memory governorArgs, bytes memory treasuryArgs) = _args(
            config,
            salt
        );
        community.membership = Clones.cloneDeterministicWithImmutableArgs(
            membershipImplementation,
            membershipArgs,
            salt
        );
        community.governor = Clones.cloneDeterministicWithImmutableArgs(governorImplementation, governorArgs, salt);
        community.treasury = Clones.cloneDeterministicWithImmutableArgs(treasuryImplementation, treasuryArgs, salt);

        emit CommunityCreated(
            msg.sender,
            community.treasury,
            community.governor,
            community.membership,
            config.name,
            config.symbol,
            config.settings
        );
        ICommunityGovernor(community.governor).initialize(community.treasury);
        ICommunityMembership(community.membership).initialize(
            community.treasury,
            config.settings.joinPolicy,
            config.settings.membershipPrice,
            config.founders
        );
    }

    /// @inheritdoc ICommunityFactory
    function predictCommunity(
        address creator,
        CommunityConfig calldata config
    ) external view returns (Community memory community) {
        bytes32 salt = _salt(creator, config.salt);
        (bytes memory membershipArgs, bytes memory governorArgs, bytes memory treasuryArgs) = _args(
            config,
            salt
        );
        community.membership = _predict(membershipImplementation, membershipArgs, salt);
        community.governor = _predict(governorImplementation, governorArgs, salt);
        community.treasury = _predict(treasuryImplementation, treasuryArgs, salt);
    }

    /// @dev The three clones' immutable arguments (layouts in each implementation's NatSpec).
    function _args(
        CommunityConfig calldata config,
        bytes32 salt
    ) private view returns (bytes memory membershipArgs, bytes memory governorArgs, bytes memory treasuryArgs) {
        CommunitySettings calldata settings = config.settings;
        membershipArgs = abi.encodePacked(uint8(bytes(config.name).length), config.name, config.symbol);
        address membership = _predict(membershipImplementation, membershipArgs, salt);
        governorArgs = abi.encodePacked(
            membership,
            settings.guardian,
            settings.votingDelay,
            settings.votingPeriod,
            settings.proposalThreshold,
            settings.quorumPercent
        );
        address governor = _predict(governorImplementation, governorArgs, salt);
        treasuryArgs = abi.encodePacked(governor, settings.timelockDelay);
    }

    function _predict(address implementation, bytes memory args, bytes32 salt) private view returns (address) {
        return Clones.predictDeterministicAddressWithImmutableArgs(implementation, args, salt);
    }

    function _salt(address creator, bytes32 salt) private pure returns (bytes32) {
        return keccak256(abi.encode(creator, salt));
    }

    function _check(CommunityConfig calldata config) private pure {
        uint256 nameLength = bytes(config.name).length;
        uint256 symbolLength = bytes(config.symbol).length;
        if (nameLength == 0 || nameLength > _MAX_NAME || symbolLength == 0 || symbolLength > _MAX_SYMBOL) {
            revert CommunityInvalidName(config.name, config.symbol);
        }
        uint256 founders = config.founders.length;
        if (founders == 0 || founders > MAX_FOUNDERS) revert CommunityInvalidFounders(founders);
        CommunitySettings calldata settings = config.settings;
        if (settings.votingPeriod == 0 || settings.quorumPercent > 100) {
            revert CommunityInvalidSettings(settings.votingPeriod, settings.quorumPercent);
        }
    }
}
