// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title UnitEventsEmitter
/// @notice Bench-only contract: emits UnitRegistry-shaped events (ERC-721 `Transfer`, `UnitClaimed`,
/// `UnitContentSet`) in bulk, so the subgraph host's indexing rate can be measured through the real
/// mappings without paying for real claims. Never deployed outside tests and benchmarks.
contract UnitEventsEmitter {
    event Transfer(address indexed from, address indexed to, uint256 indexed tokenId);
    event UnitClaimed(uint256 indexed unitId, address indexed owner);
    event UnitContentSet(uint256 indexed unitId, address indexed editor, string cid);

    /// @notice For each of `count` unit ids from `firstUnitId`, emits what a claim followed by a
    /// content change emits: `Transfer(0, owner, id)`, `UnitClaimed(id, owner)`, `UnitContentSet(id, owner, cid)`.
    function emitClaims(uint256 firstUnitId, uint256 count, address owner, string calldata cid) external {
        for (uint256 i = 0; i < count; ++i) {
            uint256 unitId = firstUnitId + i;
            emit Transfer(address(0), owner, unitId);
            emit UnitClaimed(unitId, owner);
            emit UnitContentSet(unitId, owner, cid);
        }
    }

    /// @notice Emits `Transfer(from, to, id)` for `count` unit ids from `firstUnitId`.
    function emitTransfers(uint256 firstUnitId, uint256 count, address from, address to) external {
        for (uint256 i = 0; i < count; ++i) {
            emit Transfer(from, to, firstUnitId + i);
        }
    }
}
