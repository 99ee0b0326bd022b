// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title ICommunityMembership
/// @notice A community's membership: one non-transferable ERC-721 per member (token id = the
/// member's address), each worth one vote (ERC-5805, timestamp clock). Members join by
/// invitation (minted by governance), by buying at the price the community sets (paid in MRK
/// straight into its treasury) or freely when the community is open; they leave by burning it.
/// A member's vote counts for itself until it delegates (a checkpoint is written on joining).
interface ICommunityMembership {
    /// @notice How accounts can become members besides an invitation, which is always possible.
    enum JoinPolicy {
        /// Only governance adds members (`invite`).
        InviteOnly,
        /// Anyone can join by paying the membership price in MRK to the treasury.
        Purchase,
        /// Anyone can join for free.
        Open
    }

    /// @notice How a member joined.
    enum JoinRoute {
        Founder,
        Invited,
        Purchased,
        Open
    }

    /// @notice Emitted when `member` joins (its membership id is `uint160(member)`); `paid` is
    /// the MRK it paid to the treasury (0 unless `route` is `Purchased`).
    event MemberJoined(address indexed member, JoinRoute route, uint256 paid);

    /// @notice Emitted when `member` leaves (`expelled`: removed by governance).
    event MemberLeft(address indexed member, bool expelled);

    /// @notice Emitted when the community sets how accounts join and the membership price.
    event JoinPolicySet(JoinPolicy policy, uint256 price);

    /// @notice Thrown by `initialize` on a membership already initialized (or the implementation).
    error MembershipAlreadyInitialized();
    /// @notice Thrown when the treasury given to `initialize` is the zero address.
    error MembershipInvalidTreasury(address treasury);
    /// @notice Thrown when a privileged function is called by anyone but the treasury.
    error MembershipUnauthorized(address caller);
    /// @notice Thrown when `account` is a member already.
    error MembershipAlreadyMember(address account);
    /// @notice Thrown when `account` is not a member.
    error MembershipNotMember(address account);
    /// @notice Thrown when a membership would move between two accounts.
    error MembershipNotTransferable(uint256 tokenId);
    /// @notice Thrown by `join` while the community admits by invitation only.
    error MembershipInviteOnly();
    /// @notice Thrown by `join` when the price is above what the caller accepted.
    error MembershipPriceAboveMax(uint256 price, uint256 maxPrice);
    /// @notice Thrown when a price is set on a policy other than `Purchase`, or none on `Purchase`.
    error MembershipInvalidPrice(JoinPolicy policy, uint256 price);

    /// @notice Sets the treasury and the join policy and mints the founders' memberships; called
    /// once by the factory in the transaction that creates the clone.
    function initialize(address treasury, JoinPolicy policy, uint88 price, address[] calldata founders) external;

    /// @notice Joins the community under its policy: free when open, for the price in MRK (paid
    /// to the treasury, allowance needed) when memberships are sold. `maxPrice` guards against a
    /// price raised while the transaction was pending.
    function join(uint256 maxPrice) external;

    /// @notice Burns the caller's membership; its vote leaves with it from now on.
    function leave() external;

    /// @notice Governance: makes `member` a member.
    function invite(address member) external;

    /// @notice Governance: removes `member`.
    function expel(address member) external;

    /// @notice Governance: sets the join policy and the price (non-zero exactly for `Purchase`).
    function setJoinPolicy(JoinPolicy policy, uint88 price) external;

    /// @notice The community treasury (the timelock), which governs this membership.
    function treasury() external view returns (address);

    /// @notice The join policy and the membership price in MRK wei.
    function joinPolicy() external view returns (JoinPolicy policy, uint256 price);

    /// @notice Whether `account` is a member now.
    function isMember(address account) external view returns (bool);

    /// @notice The number of members now (the votes supply).
    function memberCount() external view returns (uint256);

    /// @notice The membership id of `account`: its address as a number.
    function tokenIdOf(address account) external pure returns (uint256);
}
