// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC165} from "@openzeppelin/contracts/utils/introspection/IERC165.sol";
import {IUnitNames} from "../interfaces/IUnitNames.sol";
import {IUnitRegistry} from "../interfaces/IUnitRegistry.sol";
import {IAddrResolver, IAddressResolver, IContentHashResolver, ITextResolver} from "../interfaces/IENSResolver.sol";
import {UnitName} from "../libraries/UnitName.sol";

/// @title UnitNames
/// @notice One unique name per unit, and the ENS-compatible resolver of those names: `<label>`
/// resolves at `namehash("<label>.markspace")` to the unit's owner (or the Ethereum address its
/// owner set), its scene as an EIP-1577 content hash (empty while the unit is Private) and its
/// owner's text and address records. The registry appoints this contract as a land office with no
/// mint allowance, only so it may emit ERC-4906 `MetadataUpdate` when a name changes.
/// @dev Names are stored by unit id: they follow a unit through every transfer without any hook
/// in the registry. Records are stored under `unitId | transferCount << 64` (a unit id fits in 64
/// bits): a transfer moves the unit to a fresh key, so a new owner never inherits its predecessor's
/// records (and a unit that comes back does not get its old ones back either).
contract UnitNames is IUnitNames, IAddrResolver, IAddressResolver, ITextResolver, IContentHashResolver, IERC165 {
    /// @notice SLIP-44 coin type of Ether: its address record is 20 bytes and defaults to the owner.
    uint256 public constant COIN_TYPE_ETH = 60;

    /// @notice Multicodec of the IPFS namespace in an EIP-1577 content hash (`0xe3`, varint `e3 01`).
    bytes2 private constant IPFS_NAMESPACE = 0xe301;
    /// @notice CIDv1 version byte and the sha2-256 multihash prefix (code `0x12`, 32 bytes).
    bytes1 private constant CID_V1 = 0x01;
    bytes2 private constant SHA2_256_32 = 0x1220;

    /// @inheritdoc IUnitNames
    IUnitRegistry public immutable registry;

    mapping(uint256 unitId => string label) private _labels;
    mapping(bytes32 node => uint256 unitId) private _units;
    mapping(uint256 recordKey => mapping(uint256 coinType => bytes addr)) private _addrs;
    mapping(uint256 recordKey => mapping(string key => string value)) private _texts;

    error UnitNamesZeroAddress();

    constructor(IUnitRegistry registry_) {
        if (address(registry_) == address(0)) revert UnitNamesZeroAddress();
        registry = registry_;
    }

    // =========================================================================================
    // Names
    // =========================================================================================

    /// @inheritdoc IUnitNames
    function setName(uint256 unitId, string calldata label) external {
        _requireAuthorized(unitId);
        if (!UnitName.isNormalised(bytes(label))) revert UnitNameInvalid(label);
        bytes32 node = UnitName.node(bytes(label));
        uint256 holder = _units[node];
        if (holder != 0) revert UnitNameTaken(label, holder);
        _release(unitId);
        _labels[unitId] = label;
        _units[node] = unitId;
        emit UnitNamed(unitId, node, label);
        registry.notifyMetadataUpdate(unitId);
    }

    /// @inheritdoc IUnitNames
    function clearName(uint256 unitId) external {
        _requireAuthorized(unitId);
        if (!_release(unitId)) revert UnitNameNotSet(unitId);
        registry.notifyMetadataUpdate(unitId);
    }

    // =========================================================================================
    // Records
    // =========================================================================================

    /// @inheritdoc IUnitNames
    function setAddr(uint256 unitId, uint256 coinType, bytes calldata addr_) external {
        _requireAuthorized(unitId);
        if (coinType == COIN_TYPE_ETH && addr_.length != 0 && addr_.length != 20) {
            revert UnitAddrInvalid(coinType, addr_);
        }
        _addrs[_recordKey(unitId)][coinType] = addr_;
        emit UnitAddrSet(unitId, coinType, addr_);
    }

    /// @inheritdoc IUnitNames
    function setText(uint256 unitId, string calldata key, string calldata value) external {
        _requireAuthorized(unitId);
        _texts[_recordKey(unitId)][key] = value;
        emit UnitTextSet(unitId, key, key, value);
    }

    // =========================================================================================
    // Resolver (ENS profiles)
    // =========================================================================================

    /// @notice The Ethereum address `node` resolves to: the one the unit's owner set, else the owner.
    function addr(bytes32 node) external view returns (address payable) {
        uint256 unitId = _units[node];
        if (unitId == 0) return payable(address(0));
        bytes memory record = _addrs[_recordKey(unitId)][COIN_TYPE_ETH];
        if (record.length == 0) return payable(registry.ownerOf(unitId));
        return payable(address(bytes20(record)));
    }

    /// @notice The address of `node` for `coinType` (ENSIP-9); for Ether the owner when none is set.
    function addr(bytes32 node, uint256 coinType) external view returns (bytes memory) {
        uint256 unitId = _units[node];
        if (unitId == 0) return "";
        bytes memory record = _addrs[_recordKey(unitId)][coinType];
        if (record.length == 0 && coinType == COIN_TYPE_ETH) return abi.encodePacked(registry.ownerOf(unitId));
        return record;
    }

    /// @notice Text record `key` of the unit `node` names, as its current owner set it.
    function text(bytes32 node, string calldata key) external view returns (string memory) {
        uint256 unitId = _units[node];
        if (unitId == 0) return "";
        return _texts[_recordKey(unitId)][key];
    }

    /// @notice The unit's scene as an EIP-1577 content hash: `e3 01` (ipfs-ns), then the CIDv1 in
    /// binary (`01`, the codec as a varint, `12 20` and the sha2-256 digest). Empty when `node` names
    /// no unit, the unit has no scene, or its privacy is Private (a resolver answers anyone).
    function contenthash(bytes32 node) external view returns (bytes memory) {
        uint256 unitId = _units[node];
        if (unitId == 0) return "";
        if (registry.privacyOf(unitId) == IUnitRegistry.Privacy.Private) return "";
        (bytes32 digest, uint64 codec) = registry.contentOf(unitId);
        if (digest == bytes32(0)) return "";
        return abi.encodePacked(IPFS_NAMESPACE, CID_V1, _varint(codec), SHA2_256_32, digest);
    }

    /// @notice ERC-165: the four ENS profiles above, `IUnitNames` and ERC-165 itself.
    function supportsInterface(bytes4 interfaceId) external pure returns (bool) {
        return
            interfaceId == type(IAddrResolver).interfaceId ||
            interfaceId == type(IAddressResolver).interfaceId ||
            interfaceId == type(ITextResolver).interfaceId ||
            interfaceId == type(IContentHashResolver).interfaceId ||
            interfaceId == type(IUnitNames).interfaceId ||
            interfaceId == type(IERC165).interfaceId;
    }

    // =========================================================================================
    // Views
    // =========================================================================================

    /// @inheritdoc IUnitNames
    function nameOf(uint256 unitId) external view returns (string memory) {
        return _labels[unitId];
    }

    /// @inheritdoc IUnitNames
    function unitOfName(string calldata label) external view returns (uint256) {
        return _units[UnitName.node(bytes(label))];
    }

    /// @inheritdoc IUnitNames
    function unitOfNode(bytes32 node) external view returns (uint256) {
        return _units[node];
    }

    /// @inheritdoc IUnitNames
    function nodeOf(string calldata label) external pure returns (bytes32) {
        return UnitName.node(bytes(label));
    }

    /// @inheritdoc IUnitNames
    function isNormalised(string calldata label) external pure returns (bool) {
        return UnitName.isNormalised(bytes(label));
    }

    /// @inheritdoc IUnitNames
    function textOf(uint256 unitId, string calldata key) external view returns (string memory) {
        return _texts[_recordKey(unitId)][key];
    }

    /// @inheritdoc IUnitNames
    function addrOf(uint256 unitId, uint256 coinType) external view returns (bytes memory) {
        return _addrs[_recordKey(unitId)][coinType];
    }

    // =========================================================================================
    // Private helpers
    // =========================================================================================

    /// @dev Owner, the account approved for the unit, or an operator of the owner; reverts for a
    /// unit nobody owns (the registry's `ERC721NonexistentToken`).
    function _requireAuthorized(uint256 unitId) private view {
        address owner = registry.ownerOf(unitId);
        if (
            msg.sender != owner &&
            !registry.isApprovedForAll(owner, msg.sender) &&
            registry.getApproved(unitId) != msg.sender
        ) revert UnitNameUnauthorized(unitId, msg.sender);
    }

    /// @dev Frees the name of `unitId`, if it has one; returns whether it had.
    function _release(uint256 unitId) private returns (bool) {
        string memory label = _labels[unitId];
        if (bytes(label).length == 0) return false;
        bytes32 node = UnitName.node(bytes(label));
        delete _units[node];
        delete _labels[unitId];
        emit UnitNameCleared(unitId, node, label);
        return true;
    }

    /// @dev Where the current owner's records of `unitId` live (see the contract's notes).
    function _recordKey(uint256 unitId) private view returns (uint256) {
        return unitId | (uint256(registry.transferCount(unitId)) << 64);
    }

    /// @dev `value` as an unsigned LEB128 varint (multiformats' varint).
    function _varint(uint64 value) private pure returns (bytes memory out) {
        while (value >= 0x80) {
            out = abi.encodePacked(out, bytes1(uint8(value & 0x7f) | 0x80));
            value >>= 7;
        }
        out = abi.encodePacked(out, bytes1(uint8(value)));
    }
}
