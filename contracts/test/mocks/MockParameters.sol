// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IMarkParameters} from "../../interfaces/IMarkParameters.sol";

/// @title MockParameters
/// @notice Test-only stand-in for the parameter store: any key can be set, without bounds;
/// reading a key never set reverts with `ParameterUnknown`, like the real store.
contract MockParameters is IMarkParameters {
    mapping(bytes32 key => uint256) private _values;
    mapping(bytes32 key => bool) private _defined;

    /// @notice Sets `key` to `value`.
    function set(bytes32 key, uint256 value) external {
        _values[key] = value;
        _defined[key] = true;
    }

    function get(bytes32 key) external view returns (uint256) {
        if (!_defined[key]) revert ParameterUnknown(key);
        return _values[key];
    }
}
