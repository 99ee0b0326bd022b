// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title ENS resolver profiles
/// @notice The read side of the ENS resolver profiles `UnitNames` answers, so wallets and ENS
/// libraries (viem's `getEnsAddress`, `getEnsText`, …) can resolve a unit's name. Each profile is
/// its own interface because ERC-165 advertises them one by one.

/// @notice EIP-137's address profile (interface id `0x3b3b57de`).
interface IAddrResolver {
    function addr(bytes32 node) external view returns (address payable);
}

/// @notice ENSIP-9's multi-coin address profile (interface id `0xf1cb7e06`); coin types per SLIP-44 / ENSIP-11.
interface IAddressResolver {
    function addr(bytes32 node, uint256 coinType) external view returns (bytes memory);
}

/// @notice EIP-634's text profile (interface id `0x59d1d43c`).
interface ITextResolver {
    function text(bytes32 node, string calldata key) external view returns (string memory);
}

/// @notice EIP-1577's content hash profile (interface id `0xbc1c58d1`).
interface IContentHashResolver {
    function contenthash(bytes32 node) external view returns (bytes memory);
}
