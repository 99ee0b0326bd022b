// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// JSON and SVG are built from literals full of double quotes: single-quoted literals keep them readable.
// solhint-disable quotes

import {Base64} from "@openzeppelin/contracts/utils/Base64.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {IUnitMetadata} from "../interfaces/IUnitMetadata.sol";
import {IUnitNames} from "../interfaces/IUnitNames.sol";
import {IUnitRegistry} from "../interfaces/IUnitRegistry.sol";
import {UnitAddress} from "../libraries/UnitAddress.sol";
import {UnitAddressText} from "../libraries/UnitAddressText.sol";

/// @title UnitMetadata
/// @notice The registry's `tokenURI`: ERC-721 metadata JSON built on chain from the registry and
/// the names, as a `data:application/json;base64,` URI. Its image is an SVG card (address, name,
/// type, and the unit's cell on its floor's 25 × 25 grid) as a `data:image/svg+xml;base64,` URI.
/// Governance replaces it with `UnitRegistry.setMetadataRenderer`.
/// @dev Every value written into the JSON and the SVG is either a number, a fixed word or a
/// normalised name (`a`–`z`, `0`–`9`, `-`), so nothing needs escaping but the external URL base,
/// which is escaped once in the constructor.
contract UnitMetadata is IUnitMetadata {
    IUnitRegistry public immutable registry;
    IUnitNames public immutable names;
    /// @notice Prefix of each unit's `external_url` (the app's `/units/` page): `<base><decimal id>`;
    /// empty leaves `external_url` out.
    string public externalUrlBase;

    error UnitMetadataZeroAddress();

    /// @param externalUrlBase_ e.g. `http://127.0.0.1:3000/units/`; "" for none.
    constructor(IUnitRegistry registry_, IUnitNames names_, string memory externalUrlBase_) {
        if (address(registry_) == address(0) || address(names_) == address(0)) revert UnitMetadataZeroAddress();
        registry = registry_;
        names = names_;
        externalUrlBase = Strings.escapeJSON(externalUrlBase_);
    }

    /// @inheritdoc IUnitMetadata
    function tokenURI(uint256 unitId) external view returns (string memory) {
        return string.concat("data:application/json;base64,", Base64.encode(bytes(metadataJson(unitId))));
    }

    /// @notice The metadata JSON itself (what `tokenURI` encodes); reverts for a unit nobody owns.
    function metadataJson(uint256 unitId) public view returns (string memory) {
        string memory text = UnitAddressText.toText(unitId);
        string memory label = names.nameOf(unitId);
        string memory title = bytes(label).length == 0 ? text : string.concat(label, ".markspace");
        return
            string.concat(
                '{"name":"',
                title,
                '","description":"',
                _description(unitId, text),
                '","image":"data:image/svg+xml;base64,',
                Base64.encode(bytes(image(unitId))),
                '",',
                _externalUrl(unitId),
                '"attributes":',
                _attributes(unitId, label),
                "}"
            );
    }

    /// @notice The unit's SVG card (what `image` encodes).
    function image(uint256 unitId) public view returns (string memory) {
        string memory label = names.nameOf(unitId);
        IUnitRegistry.UnitType unitType = registry.unitTypeOf(unitId);
        return
            string.concat(
                '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 400">',
                '<rect width="400" height="400" fill="',
                _colour(unitType),
                '"/><text x="24" y="48" font-family="monospace" font-size="26" fill="#fff">',
                UnitAddressText.toText(unitId),
                '</text><text x="24" y="84" font-family="sans-serif" font-size="20" fill="#fff">',
                bytes(label).length == 0 ? "" : string.concat(label, ".markspace"),
                "</text>",
                _grid(unitId),
                '<text x="24" y="380" font-family="sans-serif" font-size="18" fill="#fff">',
                _typeName(unitType),
                "</text></svg>"
            );
    }

    /// @notice The human form of `unitId`'s address (`R-0042-07-12-003`), as `formatUnitAddress` writes it.
    function addressText(uint256 unitId) external pure returns (string memory) {
        return UnitAddressText.toText(unitId);
    }

    // =========================================================================================
    // Pieces of the JSON
    // =========================================================================================

    function _description(uint256 unitId, string memory text) private view returns (string memory) {
        UnitAddress.Parts memory parts = UnitAddress.decode(unitId);
        IUnitRegistry.UnitType unitType = registry.unitTypeOf(unitId);
        string memory what = unitType == IUnitRegistry.UnitType.External
            ? "an External surface"
            : string.concat("a ", _typeName(unitType), " unit");
        string memory place = string.concat(
            " on floor ",
            Strings.toString(parts.floor),
            " of building ",
            Strings.toString(parts.building),
            " in neighbourhood ",
            Strings.toString(parts.neighbourhood)
        );
        return string.concat("Unit ", text, " of Markspace: ", what, place, " of the ", _districtName(parts.district), " district.");
    }

    function _externalUrl(uint256 unitId) private view returns (string memory) {
        if (bytes(externalUrlBase).length == 0) return "";
        return string.concat('"external_url":"', externalUrlBase, Strings.toString(unitId), '",');
    }

    function _attributes(uint256 unitId, string memory label) private view returns (string memory) {
        UnitAddress.Parts memory parts = UnitAddress.decode(unitId);
        string memory place = string.concat(
            '[{"trait_type":"Type","value":"',
            _typeName(registry.unitTypeOf(unitId)),
            '"},{"trait_type":"District","value":"',
            _districtName(parts.district),
            '"},',
            _number("Neighbourhood", parts.neighbourhood),
            _number("Building", parts.building),
            _number("Floor", parts.floor),
            _number("Unit", parts.unit)
        );
        string memory state = string.concat(
            _number("Rooms", registry.roomsOf(unitId)),
            '{"trait_type":"Privacy","value":"',
            _privacyName(registry.privacyOf(unitId)),
            '"},{"display_type":"date","trait_type":"Storage paid until","value":',
            Strings.toString(registry.storagePaidUntil(unitId)),
            "}"
        );
        string memory named = bytes(label).length == 0
            ? ""
            : string.concat(',{"trait_type":"Name","value":"', label, '.markspace"}');
        return string.concat(place, state, named, "]");
    }

    function _number(string memory trait, uint256 value) private pure returns (string memory) {
        return string.concat('{"display_type":"number","trait_type":"', trait, '","value":', Strings.toString(value), "},");
    }

    // =========================================================================================
    // Pieces of the image
    // =========================================================================================

    /// @dev The floor's 25 × 25 grid with the unit's cell filled (interior units; a surface has none).
    function _grid(uint256 unitId) private pure returns (string memory) {
        if (UnitAddress.isExternal(unitId)) return "";
        uint256 unit = unitId & 0xffff;
        uint256 x = 75 + (unit % UnitAddress.FLOOR_GRID) * 10;
        uint256 y = 110 + (unit / UnitAddress.FLOOR_GRID) * 10;
        return
            string.concat(
                '<rect x="75" y="110" width="250" height="250" fill="none" stroke="#fff" stroke-opacity="0.6"/>',
                '<rect x="',
                Strings.toString(x),
                '" y="',
                Strings.toString(y),
                '" width="10" height="10" fill="#fff"/>'
            );
    }

    function _colour(IUnitRegistry.UnitType unitType) private pure returns (string memory) {
        if (unitType == IUnitRegistry.UnitType.Residential) return "#2f6f4f";
        if (unitType == IUnitRegistry.UnitType.Commercial) return "#2f4f8f";
        if (unitType == IUnitRegistry.UnitType.Community) return "#8f5f2f";
        return "#5f2f6f";
    }

    // =========================================================================================
    // Words
    // =========================================================================================

    function _typeName(IUnitRegistry.UnitType unitType) private pure returns (string memory) {
        if (unitType == IUnitRegistry.UnitType.Residential) return "Residential";
        if (unitType == IUnitRegistry.UnitType.Commercial) return "Commercial";
        if (unitType == IUnitRegistry.UnitType.Community) return "Community";
        if (unitType == IUnitRegistry.UnitType.External) return "External";
        return "None";
    }

    function _districtName(uint8 district) private pure returns (string memory) {
        if (district == UnitAddress.RESIDENTIAL) return "Residential";
        if (district == UnitAddress.BUSINESS) return "Business";
        if (district == UnitAddress.COMMUNITY) return "Community";
        if (district == UnitAddress.SHOPPING) return "Shopping";
        return UnitAddressText.districtCode(district);
    }

    function _privacyName(IUnitRegistry.Privacy privacy) private pure returns (string memory) {
        if (privacy == IUnitRegistry.Privacy.Public) return "Public";
        if (privacy == IUnitRegistry.Privacy.Unlisted) return "Unlisted";
        return "Private";
    }
}
