// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {Test} from "../utils/Test.sol";
import {IMarkParameters} from "../../interfaces/IMarkParameters.sol";
import {MarkParameters} from "../../governance/MarkParameters.sol";

/// @title MarkParametersHandler
/// @notice Test-only: the owner defines keys with random bounds and sets random values, in or out
/// of bounds. Out-of-bounds sets and repeated definitions must revert with the exact error;
/// the ghost record keeps each key's expected bounds and value.
contract MarkParametersHandler is Test {
    MarkParameters public params;
    address public owner;

    bytes32[] public keys;
    mapping(bytes32 key => uint256) public expectedValue;
    mapping(bytes32 key => uint256) public expectedMin;
    mapping(bytes32 key => uint256) public expectedMax;

    constructor(MarkParameters params_, address owner_) {
        params = params_;
        owner = owner_;
    }

    function keyCount() external view returns (uint256) {
        return keys.length;
    }

    function defineParameter(uint8 nameSeed, uint128 a, uint128 b, uint256 value) external {
        string memory name = string.concat("p.", Strings.toString(nameSeed % 16));
        bytes32 key = keccak256(bytes(name));
        (uint256 min, uint256 max) = a <= b ? (uint256(a), uint256(b)) : (uint256(b), uint256(a));
        value = bound(value, min, max);
        bool defined = params.isDefined(key);
        vm.prank(owner);
        if (defined) {
            vm.expectRevert(abi.encodeWithSelector(IMarkParameters.ParameterAlreadyDefined.selector, key));
            params.defineParameter(name, min, max, value);
            return;
        }
        params.defineParameter(name, min, max, value);
        keys.push(key);
        expectedMin[key] = min;
        expectedMax[key] = max;
        expectedValue[key] = value;
    }

    function set(uint256 keySeed, uint256 value) external {
        if (keys.length == 0) return;
        bytes32 key = keys[keySeed % keys.length];
        (uint256 min, uint256 max) = (expectedMin[key], expectedMax[key]);
        vm.prank(owner);
        if (value < min || value > max) {
            vm.expectRevert(abi.encodeWithSelector(IMarkParameters.ParameterOutOfBounds.selector, key, value, min, max));
            params.set(key, value);
            return;
        }
        params.set(key, value);
        expectedValue[key] = value;
    }

    /// @dev Sets exactly a bound or one past it, where off-by-one mistakes live.
    function setAtEdge(uint256 keySeed, uint8 edge) external {
        if (keys.length == 0) return;
        bytes32 key = keys[keySeed % keys.length];
        (uint256 min, uint256 max) = (expectedMin[key], expectedMax[key]);
        uint256 value;
        edge %= 4;
        if (edge == 0) value = min;
        else if (edge == 1) value = max;
        else if (edge == 2 && min > 0) value = min - 1;
        else value = max + 1; // max <= type(uint128).max, so no overflow
        vm.prank(owner);
        if (value < min || value > max) {
            vm.expectRevert(abi.encodeWithSelector(IMarkParameters.ParameterOutOfBounds.selector, key, value, min, max));
            params.set(key, value);
            return;
        }
        params.set(key, value);
        expectedValue[key] = value;
    }
}
