// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title NoteEmitter
/// @notice Test-only: emits `UnitContentSet(uint256,address,string)` with any string, the event
/// the probe fixture (subgraph/host/test-fixtures/probe) reads its instructions from. Strings
/// with NUL characters, duplicates and "remove" commands drive the host's error and revert paths;
/// the mapping reads `contentOf` back with an `eth_call`.
contract NoteEmitter {
    event UnitContentSet(uint256 indexed unitId, address indexed editor, string cid);

    /// @notice The last string set for each id.
    mapping(uint256 unitId => string cid) public contentOf;

    function setContent(uint256 unitId, string calldata cid) external {
        contentOf[unitId] = cid;
        emit UnitContentSet(unitId, msg.sender, cid);
    }
}
