// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {IUnitRegistry} from "../interfaces/IUnitRegistry.sol";
import {UnitAddress} from "../libraries/UnitAddress.sol";

/// @title UnitRegistry
/// @notice ERC-721 registry of the world's units. Token ids are packed unit addresses.
contract UnitRegistry is ERC721, IUnitRegistry {
    /// @notice Longest accepted content CID, in bytes (CIDv1 base32 sha2-256 is 59).
    uint256 public constant MAX_CID_LENGTH = 128;

    mapping(uint256 unitId => string cid) private _content;
    mapping(address account => bool used) private _freeClaimUsed;

    constructor() ERC721("Markspace Unit", "UNIT") {}

    /// @inheritdoc IUnitRegistry
    function claim(uint256 unitId) external {
        // Checks: decode reverts on a malformed id; the rest are the claim's own rules.
        if (UnitAddress.decode(unitId).district != UnitAddress.RESIDENTIAL) revert UnitNotResidential(unitId);
        if (_freeClaimUsed[msg.sender]) revert UnitFreeClaimUsed(msg.sender);
        if (_ownerOf(unitId) != address(0)) revert UnitAlreadyClaimed(unitId);

        // Effects before the mint: `_mint` does not call out, but the order keeps it safe if
        // a later version switches to `_safeMint`.
        _freeClaimUsed[msg.sender] = true;
        _mint(msg.sender, unitId);
        emit UnitClaimed(unitId, msg.sender);
    }

    /// @inheritdoc IUnitRegistry
    function setContent(uint256 unitId, string calldata cid) external {
        address owner = _requireOwned(unitId);
        if (!_canDecorate(owner, msg.sender, unitId)) revert UnitContentUnauthorized(unitId, msg.sender);
        if (bytes(cid).length > MAX_CID_LENGTH) {
            revert UnitContentTooLong(unitId, bytes(cid).length, MAX_CID_LENGTH);
        }
        _content[unitId] = cid;
        emit UnitContentSet(unitId, msg.sender, cid);
    }

    /// @inheritdoc IUnitRegistry
    function contentOf(uint256 unitId) external view returns (string memory) {
        _requireOwned(unitId);
        return _content[unitId];
    }

    /// @inheritdoc IUnitRegistry
    function hasClaimedFree(address account) external view returns (bool) {
        return _freeClaimUsed[account];
    }

    /// @notice ERC-165: also advertises `IUnitRegistry`, so other contracts (exchange, rentals,
    /// DAO treasuries) can check they were handed a unit registry and not just any ERC-721.
    function supportsInterface(bytes4 interfaceId) public view virtual override returns (bool) {
        return interfaceId == type(IUnitRegistry).interfaceId || super.supportsInterface(interfaceId);
    }

    /// @dev Who may change a unit's scene. The single hook that rentals extend with the
    /// ERC-4907 user role.
    function _canDecorate(address owner, address account, uint256 unitId) internal view virtual returns (bool) {
        return _isAuthorized(owner, account, unitId);
    }
}
