// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title CloneArgs
/// @notice Reads the immutable arguments an ERC-1167 clone carries after its 45 bytes of code
/// (OpenZeppelin `Clones.cloneDeterministicWithImmutableArgs`). Settings that are written once
/// and rarely changed live there: bytes of code cost 200 gas each to deploy against 22,100 for a
/// fresh storage slot, and reading them back costs an `EXTCODECOPY` of the running contract.
library CloneArgs {
    /// @dev Where the arguments start in a clone's code.
    uint256 private constant _ARGS_OFFSET = 0x2d;

    /// @notice The 32 bytes of this clone's arguments starting at `offset` (zero past their end).
    function word(uint256 offset) internal view returns (bytes32 value) {
        assembly ("memory-safe") {
            // Scratch space: the copy is read back at once and not kept.
            extcodecopy(address(), 0x00, add(_ARGS_OFFSET, offset), 0x20)
            value := mload(0x00)
        }
    }

    /// @notice The address at `offset` of this clone's arguments.
    function addressAt(uint256 offset) internal view returns (address) {
        return address(bytes20(word(offset)));
    }

    /// @notice `length` bytes at `offset` of this clone's arguments.
    function bytesAt(uint256 offset, uint256 length) internal view returns (bytes memory result) {
        result = new bytes(length);
        assembly ("memory-safe") {
            extcodecopy(address(), add(result, 0x20), add(_ARGS_OFFSET, offset), length)
        }
    }
}
