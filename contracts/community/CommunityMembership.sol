// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {
    ERC721VotesUpgradeable
} from "@openzeppelin/contracts-upgradeable/token/ERC721/extensions/ERC721VotesUpgradeable.sol";
import {ICommunityMembership} from "./interfaces/ICommunityMembership.sol";
import {CloneArgs} from "./CloneArgs.sol";

/// @title CommunityMembership
/// @notice A community's members and votes: OpenZeppelin's `ERC721Votes`, one non-transferable
/// membership per member, one vote each, on the timestamp clock.
/// @dev Why an ERC-721 membership rather than ERC-20 shares: communities here admit people
/// (invite, join, leave) rather than sell stakes, "one member, one vote" is what they expect,
/// and a membership shows in wallets and on the subgraph as a single item; shares would make
/// votes buyable in any amount on any market. Memberships cannot be transferred, so a vote can
/// only be bought through the community's own price, into its own treasury.
///
/// Deployed once; each community is an ERC-1167 clone whose immutable arguments are
/// `uint8(bytes(name).length) ‖ name ‖ symbol` (read from code, see `CloneArgs`). OpenZeppelin's
/// initializers are not called: name and symbol come from the arguments, the EIP-712 domain is
/// derived from them, and the one storage slot written at creation is `_config`.
/// An account's votes count for itself until it delegates (`delegates` answers the account when
/// it never chose), so joining checkpoints its vote without writing a delegation; delegating to
/// the zero address hands the vote back to oneself.
contract CommunityMembership is ERC721VotesUpgradeable, ReentrancyGuardTransient, ICommunityMembership {
    using SafeERC20 for IERC20;

    /// @dev Slot layout: treasury (160) | policy (8) | price (88).
    struct Config {
        address treasury;
        JoinPolicy policy;
        uint88 price;
    }

    /// @notice MRK, the currency of membership prices.
    IERC20 public immutable mrk;

    Config private _config;

    modifier onlyTreasury() {
        if (msg.sender != _config.treasury) revert MembershipUnauthorized(msg.sender);
        _;
    }

    /// @param mrk_ MRK.
    constructor(IERC20 mrk_) {
        mrk = mrk_;
        // The implementation itself can never be initialized.
        _config.treasury = address(0xdead);
    }

    /// @inheritdoc ICommunityMembership
    function initialize(address treasury_, JoinPolicy policy, uint88 price, address[] calldata founders) external {
        if (_config.treasury != address(0)) revert MembershipAlreadyInitialized();
        if (treasury_ == address(0)) revert MembershipInvalidTreasury(treasury_);
        _checkPrice(policy, price);
        _config = Config({treasury: treasury_, policy: policy, price: price});
        emit JoinPolicySet(policy, price);
        // Bounded by the factory (`MAX_FOUNDERS`).
        for (uint256 i; i < founders.length; ++i) _admit(founders[i], JoinRoute.Founder, 0);
    }

    // --- Joining and leaving ----------------------------------------------------------------------

    /// @inheritdoc ICommunityMembership
    function join(uint256 maxPrice) external nonReentrant {
        Config memory config = _config;
        if (config.policy == JoinPolicy.InviteOnly) revert MembershipInviteOnly();
        if (config.price > maxPrice) revert MembershipPriceAboveMax(config.price, maxPrice);
        bool bought = config.policy == JoinPolicy.Purchase;
        _admit(msg.sender, bought ? JoinRoute.Purchased : JoinRoute.Open, config.price);
        if (bought) mrk.safeTransferFrom(msg.sender, config.treasury, config.price);
    }

    /// @inheritdoc ICommunityMembership
    function leave() external {
        _remove(msg.sender, false);
    }

    /// @inheritdoc ICommunityMembership
    function invite(address member) external onlyTreasury {
        _admit(member, JoinRoute.Invited, 0);
    }

    /// @inheritdoc ICommunityMembership
    function expel(address member) external onlyTreasury {
        _remove(member, true);
    }

    /// @inheritdoc ICommunityMembership
    function setJoinPolicy(JoinPolicy policy, uint88 price) external onlyTreasury {
        _checkPrice(policy, price);
        _config.policy = policy;
        _config.price = price;
        emit JoinPolicySet(policy, price);
    }

    // --- Views ----------------------------------------------------------------------------------

    /// @inheritdoc ICommunityMembership
    function treasury() external view returns (address) {
        return _config.treasury;
    }

    /// @inheritdoc ICommunityMembership
    function joinPolicy() external view returns (JoinPolicy policy, uint256 price) {
        return (_config.policy, _config.price);
    }

    /// @inheritdoc ICommunityMembership
    function isMember(address account) public view returns (bool) {
        return _ownerOf(tokenIdOf(account)) != address(0);
    }

    /// @inheritdoc ICommunityMembership
    function memberCount() external view returns (uint256) {
        return _getTotalSupply();
    }

    /// @inheritdoc ICommunityMembership
    function tokenIdOf(address account) public pure returns (uint256) {
        return uint256(uint160(account));
    }

    /// @notice The community's name (from the clone's arguments).
    function name() public view override returns (string memory) {
        return string(CloneArgs.bytesAt(1, _nameLength()));
    }

    /// @notice The membership's symbol (from the clone's arguments).
    function symbol() public view override returns (string memory) {
        uint256 nameLength = _nameLength();
        return string(CloneArgs.bytesAt(1 + nameLength, address(this).code.length - 0x2d - 1 - nameLength));
    }

    /// @notice Votes count for the account itself until it delegates.
    function delegates(address account) public view override returns (address) {
        address chosen = super.delegates(account);
        return chosen == address(0) ? account : chosen;
    }

    /// @notice ERC-6372: votes are checkpointed by timestamp, like the platform's wMRK.
    function clock() public view override returns (uint48) {
        return uint48(block.timestamp);
    }

    /// @notice ERC-6372 clock description.
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    // --- Internals ------------------------------------------------------------------------------

    function _admit(address member, JoinRoute route, uint256 paid) private {
        if (isMember(member)) revert MembershipAlreadyMember(member);
        // `_mint` rejects the zero address; no receiver hook runs.
        _mint(member, tokenIdOf(member));
        emit MemberJoined(member, route, paid);
    }

    function _remove(address member, bool expelled) private {
        if (!isMember(member)) revert MembershipNotMember(member);
        _burn(tokenIdOf(member));
        emit MemberLeft(member, expelled);
    }

    function _checkPrice(JoinPolicy policy, uint88 price) private pure {
        if ((policy == JoinPolicy.Purchase) != (price != 0)) revert MembershipInvalidPrice(policy, price);
    }

    /// @dev Memberships are minted and burned, never moved.
    function _update(address to, uint256 tokenId, address auth) internal override returns (address from) {
        from = _ownerOf(tokenId);
        if (from != address(0) && to != address(0)) revert MembershipNotTransferable(tokenId);
        return super._update(to, tokenId, auth);
    }

    /// @dev Delegating to the zero address takes the vote back.
    function _delegate(address account, address delegatee) internal override {
        super._delegate(account, delegatee == address(0) ? account : delegatee);
    }

    function _nameLength() private view returns (uint256) {
        return uint8(bytes1(CloneArgs.word(0)));
    }

    function _EIP712Name() internal view override returns (string memory) {
        return name();
    }

    function _EIP712Version() internal pure override returns (string memory) {
        return "1";
    }
}
