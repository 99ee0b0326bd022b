// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title ICommunityGovernor
/// @notice What a community's governor adds to OpenZeppelin's `Governor`: its one-time
/// initializer. Everything else (proposals, votes, settings, the quorum fraction, the timelock
/// and the proposal guardian's veto) is OpenZeppelin's interface and events.
interface ICommunityGovernor {
    /// @notice Names the timelock (the community treasury); called once by the factory in the
    /// transaction that creates the clone.
    function initialize(address timelock) external;
}
