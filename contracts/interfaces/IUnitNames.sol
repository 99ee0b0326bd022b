// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IUnitRegistry} from "./IUnitRegistry.sol";

/// @title IUnitNames
/// @notice Human-readable names for units and an ENS-compatible resolver for them. A unit carries
/// at most one name, unique across the world; the name `<label>` resolves at the ENS node
/// `namehash("<label>.markspace")` to the unit's owner (`addr`), its scene (`contenthash`, EIP-1577)
/// and the text and address records its current owner set. Names are stored by unit id, so a name
/// follows its unit through every transfer; records are stored by (unit id, transfer count), so
/// what a previous owner set never speaks for the next one.
/// @dev Labels are a strict subset of ENSIP-15 normalised names: 3–63 bytes of lower-case ASCII
/// letters `a`–`z`, digits `0`–`9` and the hyphen, neither first nor last, and no hyphens at both
/// positions 3 and 4 (IDNA's reserved `xn--` form). The contract refuses anything else; the
/// TypeScript helper `normaliseUnitName` (contracts/land/unit-names.ts) folds case and trims user
/// input first, and explains a refusal.
interface IUnitNames {
    /// @notice Emitted when `unitId` takes `label`; `node` is `namehash("<label>.markspace")`.
    event UnitNamed(uint256 indexed unitId, bytes32 indexed node, string label);

    /// @notice Emitted when `unitId` gives up `label` (cleared, or replaced by another name), freeing it.
    event UnitNameCleared(uint256 indexed unitId, bytes32 indexed node, string label);

    /// @notice Emitted when the current owner of `unitId` sets its address record for `coinType`
    /// (ENSIP-9 / ENSIP-11); an empty `addr` clears it.
    event UnitAddrSet(uint256 indexed unitId, uint256 indexed coinType, bytes addr);

    /// @notice Emitted when the current owner of `unitId` sets its text record `key`; an empty `value` clears it.
    event UnitTextSet(uint256 indexed unitId, string indexed indexedKey, string key, string value);

    /// @notice Thrown when `label` is not a normalised name (see the contract's rules).
    error UnitNameInvalid(string label);

    /// @notice Thrown when `label` already names `holder` (which may be the unit asking).
    error UnitNameTaken(string label, uint256 holder);

    /// @notice Thrown when clearing the name of `unitId`, which has none.
    error UnitNameNotSet(uint256 unitId);

    /// @notice Thrown when `account` is neither the owner of `unitId` nor approved for it.
    error UnitNameUnauthorized(uint256 unitId, address account);

    /// @notice Thrown when an address record for the Ethereum coin type is not 20 bytes long.
    error UnitAddrInvalid(uint256 coinType, bytes addr);

    // --- Names -----------------------------------------------------------------------------

    /// @notice Gives `unitId` the name `label` (replacing its previous name, which is freed). Owner,
    /// ERC-721 approved account or operator only; `label` must be normalised and free.
    function setName(uint256 unitId, string calldata label) external;

    /// @notice Removes the name of `unitId`, freeing it for any unit. Owner, approved account or operator only.
    function clearName(uint256 unitId) external;

    // --- Records of the current owner ------------------------------------------------------

    /// @notice Sets the address record of `unitId` for `coinType` (60 is Ethereum: 20 bytes); empty clears.
    function setAddr(uint256 unitId, uint256 coinType, bytes calldata addr) external;

    /// @notice Sets the text record `key` of `unitId` (ENSIP-5 keys: `url`, `avatar`, `description`, …); empty clears.
    function setText(uint256 unitId, string calldata key, string calldata value) external;

    // --- Views -----------------------------------------------------------------------------

    /// @notice The land registry whose units are named.
    function registry() external view returns (IUnitRegistry);

    /// @notice The label of `unitId` (without `.markspace`), or "" when it has none.
    function nameOf(uint256 unitId) external view returns (string memory);

    /// @notice The unit named `label`, or 0 (never a unit id) when none is; `label` without `.markspace`.
    function unitOfName(string calldata label) external view returns (uint256);

    /// @notice The unit whose name has ENS node `node`, or 0.
    function unitOfNode(bytes32 node) external view returns (uint256);

    /// @notice `namehash("<label>.markspace")`, the ENS node `label` resolves at.
    function nodeOf(string calldata label) external pure returns (bytes32);

    /// @notice Whether `label` is a normalised name this contract accepts.
    function isNormalised(string calldata label) external pure returns (bool);

    /// @notice The text record `key` of `unitId` as its current owner set it.
    function textOf(uint256 unitId, string calldata key) external view returns (string memory);

    /// @notice The address record of `unitId` for `coinType` as its current owner set it (empty when unset).
    function addrOf(uint256 unitId, uint256 coinType) external view returns (bytes memory);
}
