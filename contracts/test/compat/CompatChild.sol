// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title CompatChild
/// @notice Test-only contract created by `CompatProbe.createChild`: indexed through a data
/// source template, so it emits and answers a little of its own.
contract CompatChild {
    event Ping(uint256 indexed n, address from);

    string public name;

    constructor(string memory name_) {
        name = name_;
    }

    /// @notice Emits `Ping(n, msg.sender)`.
    function ping(uint256 n) external {
        emit Ping(n, msg.sender);
    }
}
