// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title UnitEventsEmitter
/// @notice Bench-only contract: emits UnitRegistry-shaped events (ERC-721 `Transfer`, `UnitMinted`,
/// `UnitContentSet`) in bulk, so the subgraph host's indexing rate can be measured through the real
/// mappings without paying for real claims. Never deployed outside tests and benchmarks.
contract UnitEventsEmitter {
    event Transfer(address indexed from, address indexed to, uint256 indexed tokenId);
    event UnitClaimed(uint256 unitId);
    event FreeClaimsSet(uint64 left);
    event UnitContentSet(uint256 indexed unitId, bytes32 digest, uint64 codec);

    /// @notice Opens `count` free claims (`FreeClaimsSet`), then for each of `count` unit ids from
    /// `firstUnitId` emits what a free claim followed by a content change emits:
    /// `Transfer(0, owner, id)`, `UnitClaimed(id)`, `UnitContentSet(id, digest, raw)`.
    function emitClaims(uint256 firstUnitId, uint256 count, address owner, bytes32 digest) external {
        emit FreeClaimsSet(uint64(count));
        for (uint256 i = 0; i < count; ++i) {
            uint256 unitId = firstUnitId + i;
            emit Transfer(address(0), owner, unitId);
            emit UnitClaimed(unitId);
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
