// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {ERC20Wrapper} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Wrapper.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";

/// @title WrappedMark (wMRK)
/// @notice The platform's voting token: MRK wrapped 1:1. Deposit MRK with `depositFor` (after an
/// `approve` or a `permit` on MRK), get it back with `withdrawTo`, and `delegate` (or
/// `delegateBySig`) to yourself or someone else to turn the balance into votes.
/// @dev Votes are checkpointed by timestamp (ERC-6372 `mode=timestamp`), so proposal snapshots
/// and deadlines read as dates. There is deliberately no way to recover MRK sent straight to this
/// contract: OpenZeppelin's internal `_recover` is not exposed, so nobody can mint wMRK against
/// tokens that were not deposited by them.
contract WrappedMark is ERC20, ERC20Permit, ERC20Votes, ERC20Wrapper {
    /// @param mark The MRK token being wrapped.
    constructor(IERC20 mark) ERC20("Wrapped Mark", "wMRK") ERC20Permit("Wrapped Mark") ERC20Wrapper(mark) {}

    /// @notice The current timepoint of the vote checkpoints: the block timestamp.
    /// @return The block timestamp as a `uint48`.
    function clock() public view override returns (uint48) {
        return uint48(block.timestamp);
    }

    /// @notice The ERC-6372 description of `clock()`.
    /// @return Always `"mode=timestamp"`.
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    /// @notice The token's decimals: those of MRK (18).
    /// @return The underlying token's decimals.
    function decimals() public view override(ERC20, ERC20Wrapper) returns (uint8) {
        return super.decimals();
    }

    /// @notice The next permit or delegation-by-signature nonce of `owner` (one shared counter).
    /// @param owner The signer.
    /// @return The nonce the next signature of `owner` must use.
    function nonces(address owner) public view override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }

    /// @dev Balance changes move vote checkpoints (ERC20Votes).
    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }
}
