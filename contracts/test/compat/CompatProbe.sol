// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {CompatChild} from "./CompatChild.sol";

/// @title CompatProbe
/// @notice Test-only contract for the subgraph host's compatibility fixture: events and view
/// functions that use every ABI shape real subgraphs meet (tuples, fixed and dynamic arrays,
/// short `bytesN`, signed and narrow integers, indexed dynamic values) and a factory whose
/// children are indexed through a data source template. Never deployed outside tests.
contract CompatProbe {
    struct Item {
        uint256 id;
        string label;
        bytes data;
    }

    event Everything(
        uint8 indexed small,
        int256 signedValue,
        bytes4 selector,
        bytes32 word,
        address[] addrs,
        uint256[3] fixedArr,
        Item item,
        string text,
        bytes blob,
        bool flag,
        int8 tiny
    );
    event IndexedDynamic(string indexed label, bytes indexed blob, uint256[] indexed list, uint256 plain);
    event Tagged(uint256 indexed tag, uint256 value);
    event ChildCreated(address indexed child, string name);
    event Text(string text);

    /// @notice Thrown by `alwaysReverts`.
    error AlwaysReverts();

    /// @notice Emits `Everything` with the given values and fixed companions.
    function emitEverything(uint8 small, int256 signedValue, string calldata text, int8 tiny) external {
        address[] memory addrs = new address[](2);
        addrs[0] = msg.sender;
        addrs[1] = address(this);
        uint256[3] memory fixedArr = [uint256(1), 2, 3];
        emit Everything(
            small,
            signedValue,
            bytes4(0xdeadbeef),
            keccak256(bytes(text)),
            addrs,
            fixedArr,
            Item({id: 7, label: text, data: hex"c0ffee"}),
            text,
            hex"0102",
            true,
            tiny
        );
    }

    /// @notice Emits `IndexedDynamic`, whose indexed values reach handlers as topic hashes.
    function emitIndexedDynamic(string calldata label, bytes calldata blob, uint256[] calldata list) external {
        emit IndexedDynamic(label, blob, list, list.length);
    }

    /// @notice Emits `Tagged(tag, value)` once per tag (for topic filters).
    function emitTagged(uint256[] calldata tags, uint256 value) external {
        for (uint256 i = 0; i < tags.length; ++i) emit Tagged(tags[i], value);
    }

    /// @notice Emits `Text(text)`: any string, NUL characters included.
    function emitText(string calldata text) external {
        emit Text(text);
    }

    /// @notice Deploys a child and announces it (the template's factory event).
    function createChild(string calldata name) external returns (address child) {
        child = address(new CompatChild(name));
        emit ChildCreated(child, name);
    }

    /// @notice Returns its argument: a tuple round trip for `ethereum.call`.
    function echoItem(Item calldata item) external pure returns (Item memory) {
        return item;
    }

    /// @notice Returns its argument: a short `bytesN` from the mapping must arrive right-padded.
    function echoWord(bytes32 word) external pure returns (bytes32) {
        return word;
    }

    /// @notice Sum of narrow signed integers: array arguments and int types.
    function sum(int16[] calldata values) external pure returns (int256 total) {
        for (uint256 i = 0; i < values.length; ++i) total += values[i];
    }

    /// @notice Always reverts, for `try_` calls.
    function alwaysReverts() external pure returns (uint256) {
        revert AlwaysReverts();
    }
}
