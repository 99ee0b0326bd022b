// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {MarkSale} from "../../sale/MarkSale.sol";

/// @title EthRejecter
/// @notice Test-only account that refuses every ETH transfer: as a buyer its refund fails, as a
/// payee its withdrawal fails.
contract EthRejecter {
    /// @notice Always thrown on receiving ETH.
    error EthRejected(uint256 amount);

    /// @notice Buys from `sale` with `msg.value`.
    function buy(MarkSale sale, uint256 minTokens) external payable returns (uint256) {
        return sale.buy{value: msg.value}(minTokens);
    }

    receive() external payable {
        revert EthRejected(msg.value);
    }
}

/// @title ReentrantBuyer
/// @notice Test-only buyer that, while receiving its refund, calls back into the sale: `buy`,
/// `claim` and `withdrawProceeds`. It keeps each call's revert data. With `bubble` set it
/// reverts with the first callback's error, which makes the refund (and the purchase) fail.
contract ReentrantBuyer {
    MarkSale public immutable sale;
    bool public bubble;
    uint256 public callbacks;
    bool public buySucceeded;
    bool public claimSucceeded;
    bool public withdrawSucceeded;
    bytes public buyError;
    bytes public claimError;
    bytes public withdrawError;

    constructor(MarkSale sale_) {
        sale = sale_;
    }

    /// @notice With `value` set, the callback's revert makes the whole refund fail.
    function setBubble(bool value) external {
        bubble = value;
    }

    /// @notice Buys with `msg.value`, keeping the refund's ETH for the nested `buy`.
    function buy(uint256 minTokens) external payable returns (uint256) {
        return sale.buy{value: msg.value}(minTokens);
    }

    // The callback is the point of this mock.
    // solhint-disable-next-line no-complex-fallback
    receive() external payable {
        ++callbacks;
        if (callbacks > 1) return; // only the first refund calls back
        try sale.buy{value: msg.value}(0) {
            buySucceeded = true;
        } catch (bytes memory reason) {
            buyError = reason;
            if (bubble) _revertWith(reason);
        }
        try sale.claim() {
            claimSucceeded = true;
        } catch (bytes memory reason) {
            claimError = reason;
        }
        try sale.withdrawProceeds(0) {
            withdrawSucceeded = true;
        } catch (bytes memory reason) {
            withdrawError = reason;
        }
    }

    function _revertWith(bytes memory reason) private pure {
        assembly ("memory-safe") {
            revert(add(reason, 0x20), mload(reason))
        }
    }
}
