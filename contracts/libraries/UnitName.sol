// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title UnitName
/// @notice The rules a unit's name follows and the ENS node it resolves at (mirrored by
/// `contracts/land/unit-names.ts`).
/// @dev A label is a strict subset of what ENSIP-15 normalises to, so every label is already in
/// its normalised form and two labels are the same name exactly when their bytes are equal:
///  - 3 to 63 bytes (one DNS label);
///  - only `a`–`z`, `0`–`9` and `-` (no upper case, no other ASCII, nothing beyond ASCII, so no
///    look-alike letters from other scripts);
///  - no `-` first or last, and not `-` at both positions 3 and 4 (IDNA keeps `xx--` for `xn--`);
///  - not shaped like a unit's address (`r-0042-07-12-003`, `d5-0001-00-00-x017`), so no name can
///    pose as another unit's address.
library UnitName {
    /// @notice `namehash("markspace")`: the parent of every unit's node.
    bytes32 internal constant PARENT_NODE = 0xb199ece8aaf8477cd9449975a9305983289f021aadc56e1bc106e900e5ee0a13;

    uint256 internal constant MIN_LENGTH = 3;
    uint256 internal constant MAX_LENGTH = 63;

    /// @notice `namehash("<label>.markspace")`.
    function node(bytes memory label) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked(PARENT_NODE, keccak256(label)));
    }

    /// @notice Whether `label` follows every rule above.
    function isNormalised(bytes memory label) internal pure returns (bool) {
        uint256 length = label.length;
        if (length < MIN_LENGTH || length > MAX_LENGTH) return false;
        if (label[0] == "-" || label[length - 1] == "-") return false;
        if (label[2] == "-" && label[3] == "-") return false;
        for (uint256 i = 0; i < length; ++i) {
            bytes1 c = label[i];
            if (!(_isLower(c) || _isDigit(c) || c == "-")) return false;
        }
        return !looksLikeUnitAddress(label);
    }

    /// @notice Whether `label` reads as a unit address in lower case: district code (`r`, `b`, `c`,
    /// `s`, or `d` and 1–3 digits), 4-digit neighbourhood, 2-digit building and floor, and a unit of
    /// 2–3 digits with an optional `x` (the shapes `parseUnitAddress` accepts).
    function looksLikeUnitAddress(bytes memory label) internal pure returns (bool) {
        uint256[5] memory starts;
        uint256[5] memory lengths;
        uint256 segment = 0;
        uint256 start = 0;
        for (uint256 i = 0; i <= label.length; ++i) {
            if (i < label.length && label[i] != "-") continue;
            if (segment == 5) return false;
            starts[segment] = start;
            lengths[segment] = i - start;
            ++segment;
            start = i + 1;
        }
        if (segment != 5) return false;
        bytes1 code = label[0];
        bool district = lengths[0] == 1
            ? (code == "r" || code == "b" || code == "c" || code == "s")
            : (code == "d" && lengths[0] <= 4 && _digits(label, 1, lengths[0] - 1));
        if (!district) return false;
        if (lengths[1] != 4 || !_digits(label, starts[1], 4)) return false;
        if (lengths[2] != 2 || !_digits(label, starts[2], 2)) return false;
        if (lengths[3] != 2 || !_digits(label, starts[3], 2)) return false;
        uint256 unitStart = starts[4];
        uint256 unitLength = lengths[4];
        if (unitLength != 0 && label[unitStart] == "x") {
            ++unitStart;
            --unitLength;
        }
        return (unitLength == 2 || unitLength == 3) && _digits(label, unitStart, unitLength);
    }

    /// @dev Whether the `length` bytes of `label` from `start` are all digits (false when `length` is 0).
    function _digits(bytes memory label, uint256 start, uint256 length) private pure returns (bool) {
        if (length == 0) return false;
        for (uint256 i = start; i < start + length; ++i) if (!_isDigit(label[i])) return false;
        return true;
    }

    function _isLower(bytes1 c) private pure returns (bool) {
        return c >= "a" && c <= "z";
    }

    function _isDigit(bytes1 c) private pure returns (bool) {
        return c >= "0" && c <= "9";
    }
}
