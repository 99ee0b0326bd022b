// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";

/// @title MrkPermit
/// @notice Paying with an EIP-2612 permit signed for the same transaction, or an allowance given
/// before: what every contract that takes MRK from its caller shares (the land offices, the render
/// staking and jobs).
library MrkPermit {
    /// @dev Lets this contract spend `amount` of the caller's `token` with the permit
    /// (`value`, `deadline`, `v`, `r`, `s`) when one is given (`deadline` not 0) and the allowance
    /// is short. A permit someone else front-ran still leaves the allowance, so a failed permit is
    /// ignored: the transfer that follows decides.
    function useIfShort(
        IERC20 token,
        uint256 amount,
        uint256 value,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) internal {
        if (deadline == 0 || token.allowance(msg.sender, address(this)) >= amount) return;
        try IERC20Permit(address(token)).permit(msg.sender, address(this), value, deadline, v, r, s) {} catch {}
    }

    /// @dev As `useIfShort`, for a payment `owner` signed for but someone else sends (an offer's
    /// buyer, whose permit the seller passes on when accepting).
    function useIfShortFrom(
        IERC20 token,
        address owner,
        uint256 amount,
        uint256 value,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) internal {
        if (deadline == 0 || token.allowance(owner, address(this)) >= amount) return;
        try IERC20Permit(address(token)).permit(owner, address(this), value, deadline, v, r, s) {} catch {}
    }
}
