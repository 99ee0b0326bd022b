// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IMarkParameters, IParameterWatcher} from "../interfaces/IMarkParameters.sol";

/// @title MarkParameters
/// @notice The governance-owned parameter store (see `IMarkParameters`). The owner, the
/// `MarkTreasury` timelock, defines new keys with fixed bounds and sets values within them;
/// anyone reads values, bounds and names, and can list every key with `parameterCount` and
/// `keyAt` without scanning logs.
/// @dev Each key takes two storage slots: `value` and its 1-based position in the key list in
/// one (so `get` is a single read), `min` and `max` in the other. Bounds and values are therefore
/// limited to `uint128`: a definition with `max > type(uint128).max` is invalid.
/// Watcher: one contract (the unit registry, which keeps a copy of each unit type's rights) is
/// told of every definition and change after it is stored (`IParameterWatcher`), in the same
/// transaction, so its copy is never behind. A watcher that reverts makes the change revert:
/// the owner can replace it (`setWatcher`).
contract MarkParameters is IMarkParameters, Ownable {
    /// @notice One key and its starting value, for the constructor.
    struct Definition {
        string name;
        uint256 min;
        uint256 max;
        uint256 value;
    }

    /// @notice `index` is not below `parameterCount()`.
    error ParameterIndexOutOfRange(uint256 index, uint256 count);

    /// @notice Thrown by `renounceOwnership`: without an owner every parameter would freeze.
    error ParameterOwnerRequired();

    /// @notice Emitted when the owner replaces the watcher (zero: none).
    event WatcherSet(address indexed watcher);

    struct Parameter {
        uint128 value;
        uint128 position; // 1-based index in `_keys`; 0 = undefined
        uint128 min;
        uint128 max;
    }

    mapping(bytes32 key => Parameter) private _parameters;
    mapping(bytes32 key => string) private _names;
    bytes32[] private _keys;

    /// @notice Told of every definition and change (zero: nobody).
    IParameterWatcher public watcher;

    /// @param owner_ The account allowed to define and set (the treasury timelock).
    /// @param definitions The keys defined at deployment, in listing order.
    /// @param watcher_ Told of every later definition and change (zero: nobody). It may be a
    /// contract deployed after this one (its predicted address); definitions made here are not
    /// reported, so it reads them when it is deployed.
    constructor(address owner_, Definition[] memory definitions, IParameterWatcher watcher_) Ownable(owner_) {
        // Bounded by the deployer's own constructor argument, not by users.
        for (uint256 i; i < definitions.length; ++i) {
            Definition memory d = definitions[i];
            _define(d.name, d.min, d.max, d.value);
        }
        watcher = watcher_;
        emit WatcherSet(address(watcher_));
    }

    /// @notice Defines a new key `keccak256(bytes(name))` with bounds `[min, max]` (fixed forever)
    /// and a first value within them. (Not named `define`: that is a reserved word in Solidity.)
    /// @param name The dotted name, e.g. `"sale.maxPriceAge"` (not empty).
    /// @param min The lowest value the key may take.
    /// @param max The highest value the key may take (at most `type(uint128).max`).
    /// @param value The first value.
    /// @return key The new key.
    function defineParameter(
        string calldata name,
        uint256 min,
        uint256 max,
        uint256 value
    ) external onlyOwner returns (bytes32 key) {
        key = _define(name, min, max, value);
        _notify(key, value);
    }

    /// @notice Replaces the contract told of changes (zero: nobody).
    /// @param watcher_ The new watcher.
    function setWatcher(IParameterWatcher watcher_) external onlyOwner {
        watcher = watcher_;
        emit WatcherSet(address(watcher_));
    }

    /// @notice Always reverts: see `ParameterOwnerRequired`. Ownership may still move with
    /// `transferOwnership`, e.g. to a new treasury.
    function renounceOwnership() public view override onlyOwner {
        revert ParameterOwnerRequired();
    }

    /// @notice Sets a defined key's value within its bounds.
    /// @param key The key.
    /// @param value The new value, within `bounds(key)`.
    function set(bytes32 key, uint256 value) external onlyOwner {
        Parameter storage p = _parameters[key];
        if (p.position == 0) revert ParameterUnknown(key);
        (uint256 min, uint256 max) = (p.min, p.max);
        if (value < min || value > max) revert ParameterOutOfBounds(key, value, min, max);
        uint256 old = p.value;
        // Fits: `value <= max <= type(uint128).max`.
        p.value = uint128(value);
        emit ParameterSet(key, old, value);
        _notify(key, value);
    }

    /// @inheritdoc IMarkParameters
    function get(bytes32 key) public view returns (uint256) {
        Parameter storage p = _parameters[key];
        if (p.position == 0) revert ParameterUnknown(key);
        return p.value;
    }

    /// @notice The current value of the key named `name`; reverts with `ParameterUnknown` when
    /// undefined.
    /// @param name The dotted name.
    /// @return The value.
    function getByName(string calldata name) external view returns (uint256) {
        return get(keccak256(bytes(name)));
    }

    /// @notice The bounds of a defined key.
    /// @param key The key.
    /// @return min The lowest allowed value.
    /// @return max The highest allowed value.
    function bounds(bytes32 key) external view returns (uint256 min, uint256 max) {
        Parameter storage p = _parameters[key];
        if (p.position == 0) revert ParameterUnknown(key);
        return (p.min, p.max);
    }

    /// @notice Whether `key` is defined.
    /// @param key The key.
    /// @return True once defined (keys are never removed).
    function isDefined(bytes32 key) external view returns (bool) {
        return _parameters[key].position != 0;
    }

    /// @notice The name a defined key was defined with.
    /// @param key The key.
    /// @return The dotted name.
    function nameOf(bytes32 key) external view returns (string memory) {
        if (_parameters[key].position == 0) revert ParameterUnknown(key);
        return _names[key];
    }

    /// @notice How many keys are defined.
    /// @return The number of keys.
    function parameterCount() external view returns (uint256) {
        return _keys.length;
    }

    /// @notice The key defined in position `index` (0-based, in definition order).
    /// @param index Below `parameterCount()`.
    /// @return The key.
    function keyAt(uint256 index) external view returns (bytes32) {
        if (index >= _keys.length) revert ParameterIndexOutOfRange(index, _keys.length);
        return _keys[index];
    }

    function _notify(bytes32 key, uint256 value) private {
        IParameterWatcher watcher_ = watcher;
        if (address(watcher_) != address(0)) watcher_.parameterChanged(key, value);
    }

    function _define(string memory name, uint256 min, uint256 max, uint256 value) private returns (bytes32 key) {
        key = keccak256(bytes(name));
        if (_parameters[key].position != 0) revert ParameterAlreadyDefined(key);
        if (bytes(name).length == 0 || min > max || max > type(uint128).max) revert ParameterInvalidDefinition(key);
        if (value < min || value > max) revert ParameterOutOfBounds(key, value, min, max);
        _keys.push(key);
        // All fit in 128 bits: `min <= value <= max <= type(uint128).max`; the position is the
        // key count, far below 2^128.
        _parameters[key] = Parameter({
            value: uint128(value),
            position: uint128(_keys.length),
            min: uint128(min),
            max: uint128(max)
        });
        _names[key] = name;
        emit ParameterDefined(key, name, min, max, value);
    }
}
