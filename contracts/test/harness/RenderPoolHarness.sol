// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {RenderPool} from "../../render/RenderPool.sol";

/// @title RenderPoolHarness
/// @notice Test-only: one `RenderPool` behind external calls, with a plain list of every weight
/// kept beside it the slow way, so that tests can compare each prefix sum and each search of the
/// tree with a linear scan. Never deployed outside tests.
contract RenderPoolHarness {
    using RenderPool for RenderPool.Pool;

    RenderPool.Pool private _pool;

    function add(address account, uint256 weight) external {
        _pool.add(account, weight);
    }

    function remove(address account) external {
        _pool.remove(account);
    }

    function setWeight(address account, uint256 weight) external returns (bool) {
        return _pool.setWeight(account, weight);
    }

    function prefix(uint256 position) external view returns (uint256) {
        return _pool.prefix(position);
    }

    function find(uint256 r) external view returns (uint256) {
        return _pool.find(r);
    }

    function at(uint256 position) external view returns (address, uint256) {
        return _pool.at(position);
    }

    function length() external view returns (uint256) {
        return _pool.length();
    }

    function total() external view returns (uint256) {
        return _pool.total;
    }

    function contains(address account) external view returns (bool) {
        return _pool.contains(account);
    }

    function weightOf(address account) external view returns (uint256) {
        return _pool.weightOf(account);
    }

    function positionOf(address account) external view returns (uint256) {
        return _pool.positionOf[account];
    }
}
