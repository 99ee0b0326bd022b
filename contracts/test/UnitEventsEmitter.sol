// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title UnitEventsEmitter
/// @notice Bench-only contract: emits UnitRegistry-shaped events (ERC-721 `Transfer`, `UnitMinted`,
/// `UnitContentSet`) in bulk, so the subgraph host's indexing rate can be measured through the real
/// mappings without paying for real claims. Never deployed outside tests and benchmarks.
contract UnitEventsEmitter {
    event Transfer(address indexed from, address indexed to, uint256 indexed tokenId);
    event UnitMinted(uint256 indexed unitId, address indexed owner, uint40 storagePaidUntil, bool freeClaim);
    event UnitContentSet(uint256 indexed unitId, bytes32 digest, uint64 codec);

    /// @notice For each of `count` unit ids from `firstUnitId`, emits what a free claim followed by
    /// a content change emits: `Transfer(0, owner, id)`, `UnitMinted(id, owner, …, true)`,
    /// `UnitContentSet(id, digest, raw)`.
    function emitClaims(uint256 firstUnitId, uint256 count, address owner, bytes32 digest) external {
        uint40 paidUntil = uint40(block.timestamp + 365 days);
        for (uint256 i = 0; i < count; ++i) {
            uint256 unitId = firstUnitId + i;
            emit Transfer(address(0), owner, unitId);
            emit UnitMinted(unitId, owner, paidUntil, true);
            emit UnitContentSet(unitId, digest, 0x55);
        }
    }

    /// @notice Emits `Transfer(from, to, id)` for `count` unit ids from `firstUnitId`.
    function emitTransfers(uint256 firstUnitId, uint256 count, address from, address to) external {
        for (uint256 i = 0; i < count; ++i) {
            emit Transfer(from, to, firstUnitId + i);
        }
    }
}
