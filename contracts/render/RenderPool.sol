// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title RenderPool
/// @notice A weighted pool of accounts with O(log n) updates and weighted draws: the members sit
/// at positions 1..n, and a Fenwick (binary indexed) tree over those positions keeps the prefix
/// sums of their weights, so that finding the member whose share of the weight line holds a point
/// `r` walks one root-to-leaf path. Joining appends a position, leaving moves the last member into
/// the freed position (swap-and-pop), and a weight change touches the nodes above one position:
/// every operation reads or writes at most ⌈log2(n)⌉ + 1 tree nodes, whatever the pool's size.
/// @dev Node `i` holds the weight of positions `(i − lowbit(i), i]` (`lowbit(i) = i & −i`). Nodes
/// live in a mapping, not an array, so that leaving deletes the last node without a length slot.
/// `total` duplicates the prefix sum of all positions: draws read it once instead of walking.
library RenderPool {
    /// @dev One slot: the account (160) and its weight (96).
    struct Member {
        address account;
        uint96 weight;
    }

    struct Pool {
        Member[] members; // position p at index p − 1
        mapping(address account => uint256) positionOf; // 0: not a member
        mapping(uint256 node => uint256) tree;
        uint256 total;
    }

    /// @dev Appends `account` with `weight` (non-zero, unchecked here: the caller's rule) at
    /// position n + 1. The new node sums its own weight and the nodes that partition the positions
    /// it covers below it: at most log2(n) reads.
    function add(Pool storage pool, address account, uint256 weight) internal {
        uint256 position = pool.members.length + 1;
        pool.members.push(Member(account, uint96(weight)));
        pool.positionOf[account] = position;
        uint256 node = weight;
        uint256 floor = position - _lowbit(position);
        for (uint256 child = position - 1; child > floor; child -= _lowbit(child)) node += pool.tree[child];
        pool.tree[position] = node;
        pool.total += weight;
    }

    /// @dev Removes member `account`: the last member moves into its position (the tree takes the
    /// weight difference there), then the last position and its node are dropped. No node below
    /// the last one covers it, so dropping it leaves every other prefix sum exact.
    function remove(Pool storage pool, address account) internal {
        uint256 position = pool.positionOf[account];
        uint256 size = pool.members.length;
        uint256 weight = pool.members[position - 1].weight;
        if (position != size) {
            Member memory last = pool.members[size - 1];
            pool.members[position - 1] = last;
            pool.positionOf[last.account] = position;
            // Nodes from `position` up to (excluding) the last, which is dropped below.
            if (last.weight > weight) _raise(pool, position, size - 1, last.weight - weight);
            else if (last.weight < weight) _lower(pool, position, size - 1, weight - last.weight);
        }
        pool.members.pop();
        delete pool.tree[size];
        delete pool.positionOf[account];
        pool.total -= weight;
    }

    /// @dev Sets member `account`'s weight; returns false (and writes nothing) when it is unchanged.
    function setWeight(Pool storage pool, address account, uint256 weight) internal returns (bool) {
        uint256 position = pool.positionOf[account];
        uint256 old = pool.members[position - 1].weight;
        if (weight == old) return false;
        pool.members[position - 1].weight = uint96(weight);
        uint256 size = pool.members.length;
        if (weight > old) {
            _raise(pool, position, size, weight - old);
            pool.total += weight - old;
        } else {
            _lower(pool, position, size, old - weight);
            pool.total -= old - weight;
        }
        return true;
    }

    /// @dev The sum of the weights at positions 1..`position`.
    function prefix(Pool storage pool, uint256 position) internal view returns (uint256 sum) {
        for (; position != 0; position -= _lowbit(position)) sum += pool.tree[position];
    }

    /// @dev The position whose share `[prefix(p − 1), prefix(p))` of the weight line holds `r`;
    /// `r` must be below `total`. Walks down from the highest power of two within the pool,
    /// keeping the largest position whose prefix sum is at most `r`: the answer is the next one.
    function find(Pool storage pool, uint256 r) internal view returns (uint256) {
        uint256 size = pool.members.length;
        uint256 position;
        for (uint256 step = 1 << Math.log2(size); step != 0; step >>= 1) {
            uint256 next = position + step;
            if (next > size) continue;
            uint256 node = pool.tree[next];
            if (node <= r) {
                position = next;
                r -= node;
            }
        }
        return position + 1;
    }

    /// @dev The member at `position` (1-based).
    function at(Pool storage pool, uint256 position) internal view returns (address, uint256) {
        Member memory member = pool.members[position - 1];
        return (member.account, member.weight);
    }

    function length(Pool storage pool) internal view returns (uint256) {
        return pool.members.length;
    }

    function contains(Pool storage pool, address account) internal view returns (bool) {
        return pool.positionOf[account] != 0;
    }

    function weightOf(Pool storage pool, address account) internal view returns (uint256) {
        uint256 position = pool.positionOf[account];
        return position == 0 ? 0 : pool.members[position - 1].weight;
    }

    function _raise(Pool storage pool, uint256 position, uint256 last, uint256 amount) private {
        for (; position <= last; position += _lowbit(position)) pool.tree[position] += amount;
    }

    function _lower(Pool storage pool, uint256 position, uint256 last, uint256 amount) private {
        for (; position <= last; position += _lowbit(position)) pool.tree[position] -= amount;
    }

    /// @dev The lowest set bit of `i` (two's complement: `i & −i`).
    function _lowbit(uint256 i) private pure returns (uint256) {
        unchecked {
            // Wrapping negation is the point: −i in two's complement.
            return i & (0 - i);
        }
    }
}
