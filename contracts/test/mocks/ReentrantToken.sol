// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title ReentrantToken
/// @notice Test-only ERC-20 that calls back into a land sale or the render staking from
/// `transferFrom` or `transfer`, the calls they make to untrusted-looking code while collecting a
/// payment or paying stake out. It makes the call once, keeps its revert data, and then moves the
/// tokens as usual.
contract ReentrantToken is ERC20 {
    address public target;
    bytes public data;
    bool public reentered;
    bool public reentrySucceeded;
    bytes public reentryError;

    constructor() ERC20("Reentrant", "RE") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice The call to make from the next `transferFrom`.
    function setReentry(address target_, bytes calldata data_) external {
        target = target_;
        data = data_;
    }

    function transferFrom(address from, address to, uint256 value) public override returns (bool) {
        _reenter();
        return super.transferFrom(from, to, value);
    }

    function transfer(address to, uint256 value) public override returns (bool) {
        _reenter();
        return super.transfer(to, value);
    }

    function _reenter() private {
        if (target != address(0) && !reentered) {
            reentered = true;
            // solhint-disable-next-line avoid-low-level-calls
            (bool ok, bytes memory returned) = target.call(data);
            reentrySucceeded = ok;
            reentryError = returned;
        }
    }
}
