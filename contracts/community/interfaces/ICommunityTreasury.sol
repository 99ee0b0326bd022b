// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title ICommunityTreasury
/// @notice A community's treasury: an OpenZeppelin `TimelockController` that holds MRK, ETH,
/// units (ERC-721) and tickets (ERC-1155) and moves them only by executing an operation its
/// governor scheduled, i.e. a passed proposal. Anyone can donate MRK or ETH; every donation is an
/// event naming the donor.
interface ICommunityTreasury {
    /// @notice Emitted for each donation: `token` is MRK's address, or 0 for ETH (sent with
    /// `donate` or plainly).
    event Donated(address indexed donor, address indexed token, uint256 amount);

    /// @notice Thrown by `donate` when it carries neither ETH nor MRK.
    error TreasuryEmptyDonation();
    /// @notice Thrown by the inherited `initialize`: a clone is configured by its creation code.
    error TreasuryInitializerDisabled();

    /// @notice Donates `mrkAmount` MRK (allowance needed) and the ETH sent with the call.
    function donate(uint256 mrkAmount) external payable;

    /// @notice The governor: the treasury's proposer and canceller (until governance changes it).
    function governor() external view returns (address);
}
