// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title UnitAddress
/// @notice Packs a unit's place in the world into its ERC-721 token id and back.
/// @dev Layout of a token id, low bits first (mirrored by `contracts/unit-address.ts`):
///
///   bits  0..7   unit index on the floor   0..35
///   bits  8..15  floor                     0..35
///   bits 16..23  building                  0..35
///   bits 24..39  neighbourhood             0..1295
///   bits 40..47  district                  1..4  (0 is never a valid district,
///                                                 so token id 0 never exists)
///   bits 48..255 zero
///
/// Fixed-width fields keep every part readable in the id's hex form
/// (`0x01_002a_07_0c_03` is district 1, neighbourhood 42, building 7, floor 12,
/// unit 3) and make decoding a shift and a mask.
library UnitAddress {
    /// @notice The districts of the world. The numbering is part of every token id: never reorder.
    uint8 internal constant RESIDENTIAL = 1;
    uint8 internal constant BUSINESS = 2;
    uint8 internal constant COMMUNITY = 3;
    uint8 internal constant SHOPPING = 4;

    uint8 internal constant DISTRICT_COUNT = 4;
    uint16 internal constant NEIGHBOURHOODS_PER_DISTRICT = 1296;
    uint8 internal constant BUILDINGS_PER_NEIGHBOURHOOD = 36;
    uint8 internal constant FLOORS_PER_BUILDING = 36;
    uint8 internal constant UNITS_PER_FLOOR = 36;

    /// @notice A unit's address, one field per level of the world's hierarchy.
    struct Parts {
        uint8 district;
        uint16 neighbourhood;
        uint8 building;
        uint8 floor;
        uint8 unit;
    }

    /// @notice Thrown when an address has a field outside its range.
    error UnitAddressInvalid(uint8 district, uint16 neighbourhood, uint8 building, uint8 floor, uint8 unit);

    /// @notice Thrown when a token id does not decode to a valid address.
    error UnitIdInvalid(uint256 unitId);

    /// @notice Packs an address into a token id, reverting when any field is out of range.
    function encode(Parts memory parts) internal pure returns (uint256 unitId) {
        if (!isValid(parts)) {
            revert UnitAddressInvalid(parts.district, parts.neighbourhood, parts.building, parts.floor, parts.unit);
        }
        unitId =
            (uint256(parts.district) << 40) |
            (uint256(parts.neighbourhood) << 24) |
            (uint256(parts.building) << 16) |
            (uint256(parts.floor) << 8) |
            uint256(parts.unit);
    }

    /// @notice Unpacks a token id, reverting when it is not the id of a valid address.
    function decode(uint256 unitId) internal pure returns (Parts memory parts) {
        if (unitId >> 48 != 0) revert UnitIdInvalid(unitId);
        parts = Parts({
            district: uint8(unitId >> 40),
            neighbourhood: uint16(unitId >> 24),
            building: uint8(unitId >> 16),
            floor: uint8(unitId >> 8),
            unit: uint8(unitId)
        });
        if (!isValid(parts)) revert UnitIdInvalid(unitId);
    }

    /// @notice The district of a token id without full validation (cheap; pair with `decode` when validity matters).
    function districtOf(uint256 unitId) internal pure returns (uint8) {
        return uint8(unitId >> 40);
    }

    /// @notice True when every field is within the world's bounds.
    function isValid(Parts memory parts) internal pure returns (bool) {
        return
            parts.district >= 1 &&
            parts.district <= DISTRICT_COUNT &&
            parts.neighbourhood < NEIGHBOURHOODS_PER_DISTRICT &&
            parts.building < BUILDINGS_PER_NEIGHBOURHOOD &&
            parts.floor < FLOORS_PER_BUILDING &&
            parts.unit < UNITS_PER_FLOOR;
    }
}
