// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IMarkParameters
/// @notice The platform's governance-owned parameter store: every adjustable number that other
/// contracts read (prices, fees, fee splits, limits, open districts) lives here under a
/// `bytes32` key (`keccak256` of a dotted name such as `"sale.maxPriceAge"`). Each key has
/// bounds fixed when it is defined, so no proposal can set an absurd value.
interface IMarkParameters {
    /// @notice Emitted once per key, when it is defined with its bounds and first value.
    event ParameterDefined(bytes32 indexed key, string name, uint256 min, uint256 max, uint256 value);

    /// @notice Emitted on every change of a defined key's value.
    event ParameterSet(bytes32 indexed key, uint256 oldValue, uint256 newValue);

    /// @notice The key was never defined.
    error ParameterUnknown(bytes32 key);

    /// @notice The key is already defined; its bounds never change.
    error ParameterAlreadyDefined(bytes32 key);

    /// @notice `value` lies outside the key's bounds `[min, max]`.
    error ParameterOutOfBounds(bytes32 key, uint256 value, uint256 min, uint256 max);

    /// @notice `min > max`, or an empty name.
    error ParameterInvalidDefinition(bytes32 key);

    /// @notice The current value of `key`; reverts with `ParameterUnknown` when undefined.
    function get(bytes32 key) external view returns (uint256);
}

/// @title IParameterWatcher
/// @notice A contract that keeps copies of some parameters (so its hot paths read its own storage
/// instead of calling the store) and is told of every change in the same transaction.
interface IParameterWatcher {
    /// @notice Called by the parameter store after `key` took `value` (defined or set).
    function parameterChanged(bytes32 key, uint256 value) external;
}
