// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {VestingWallet} from "@openzeppelin/contracts/finance/VestingWallet.sol";

/// @title FundLock
/// @notice Holds one genesis fund of MRK (the core team's, the rendering fund, …) and releases
/// nothing before the fund's freezing time ends; from then on everything it holds goes to its
/// beneficiary, which may be any account or contract (the treasury, a DAO).
/// @dev OpenZeppelin's `VestingWallet` with a zero duration: the whole balance vests at
/// `start()`. The beneficiary is the wallet's owner and may hand the fund on with
/// `transferOwnership`; renouncing is refused, since tokens released to nobody would be lost.
/// Anyone may call `release`: tokens only ever go to the beneficiary.
contract FundLock is VestingWallet {
    /// @notice The fund's name as the whitepaper's allocation table writes it.
    string public fundName;

    /// @notice Thrown by `release` before `releaseAt`.
    error FundLocked(uint256 releaseAt);

    /// @notice Thrown by `renounceOwnership`: a fund always has a beneficiary.
    error FundBeneficiaryRequired();

    /// @param name The fund's name, for explorers and the app.
    /// @param beneficiary Who receives the fund once it unlocks (non-zero; `Ownable` checks).
    /// @param releaseAt Unix time (seconds) at which the whole fund becomes releasable.
    constructor(
        string memory name,
        address beneficiary,
        uint64 releaseAt
    ) VestingWallet(beneficiary, releaseAt, 0) {
        fundName = name;
    }

    /// @notice Sends every unlocked `token` the fund holds to the beneficiary.
    /// @dev Reverts with `FundLocked` before `start()` instead of releasing zero silently.
    function release(address token) public override {
        _requireUnlocked();
        super.release(token);
    }

    /// @notice Sends the fund's unlocked ETH, if any was sent to it, to the beneficiary.
    function release() public override {
        _requireUnlocked();
        super.release();
    }

    /// @notice Always reverts: see `FundBeneficiaryRequired`.
    function renounceOwnership() public view override onlyOwner {
        revert FundBeneficiaryRequired();
    }

    function _requireUnlocked() private view {
        // solhint-disable-next-line not-rely-on-time
        if (block.timestamp < start()) revert FundLocked(start());
    }
}
