// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title UnitAddress
/// @notice Packs a unit's place in the world into its ERC-721 token id and back.
/// @dev Layout of a token id, low bits first (mirrored by `contracts/unit-address.ts` and
/// `subgraph/src/helpers/unitAddress.ts`):
///
///   bits  0..15  unit           interior: 0..624, row * 25 + column on the floor's 25 × 25 grid
///                               external: 0..124, see `EXTERNAL_UNITS_PER_FLOOR`
///   bits 16..23  floor          0..35
///   bits 24..31  building       0..35
///   bits 32..47  neighbourhood  0..1295
///   bits 48..55  district       1..255 (1-4 are the seed's districts; 0 is never a district,
///                               so token id 0 is never a unit)
///   bits 56..63  space          0 interior unit, 1 external surface
///   bits 64..255 zero
///
/// Fixed-width fields keep every part readable in the id's hex form: `0x00_01_002a_07_0c_0003`
/// is interior unit 3 of floor 12, building 7, neighbourhood 42, district 1. The unit is the
/// lowest field, so the 625 units of a floor have consecutive ids (`floorBase | 0` to
/// `floorBase | 624`), which is what lets a whole floor be bought as one range.
///
/// Which districts exist is the registry's business (the seed's four are always open; governance
/// opens more): this library checks only that each field fits the world's shape.
library UnitAddress {
    /// @notice The seed's districts. The numbering is part of every token id: never reorder.
    uint8 internal constant RESIDENTIAL = 1;
    uint8 internal constant BUSINESS = 2;
    uint8 internal constant COMMUNITY = 3;
    uint8 internal constant SHOPPING = 4;
    /// @notice How many districts exist from genesis; higher numbers are opened by governance.
    uint8 internal constant SEED_DISTRICTS = 4;

    uint8 internal constant INTERIOR = 0;
    uint8 internal constant EXTERNAL = 1;

    uint16 internal constant NEIGHBOURHOODS_PER_DISTRICT = 1296;
    uint8 internal constant BUILDINGS_PER_NEIGHBOURHOOD = 36;
    uint8 internal constant FLOORS_PER_BUILDING = 36;
    /// @notice Side of a floor's square grid of 8 × 8 m units.
    uint16 internal constant FLOOR_GRID = 25;
    uint16 internal constant UNITS_PER_FLOOR = 625;
    /// @notice Advertising surfaces per floor: 0..99 are the four facades (side * 25 + position,
    /// sides north, east, south, west) and 100..124 the floor's common area (lobby and corridors).
    uint16 internal constant EXTERNAL_UNITS_PER_FLOOR = 125;

    uint256 internal constant FLOOR_SHIFT = 16;
    uint256 internal constant BUILDING_SHIFT = 24;
    uint256 internal constant NEIGHBOURHOOD_SHIFT = 32;
    uint256 internal constant DISTRICT_SHIFT = 48;
    uint256 internal constant SPACE_SHIFT = 56;

    /// @notice A unit's address, one field per level of the world's hierarchy.
    struct Parts {
        uint8 space;
        uint8 district;
        uint16 neighbourhood;
        uint8 building;
        uint8 floor;
        uint16 unit;
    }

    /// @notice Thrown when an address has a field outside its range.
    error UnitAddressInvalid(uint8 space, uint8 district, uint16 neighbourhood, uint8 building, uint8 floor, uint16 unit);

    /// @notice Thrown when a token id does not decode to a valid address.
    error UnitIdInvalid(uint256 unitId);

    /// @notice Packs an address into a token id, reverting when any field is out of range.
    function encode(Parts memory parts) internal pure returns (uint256 unitId) {
        if (!isValid(parts)) {
            revert UnitAddressInvalid(
                parts.space,
                parts.district,
                parts.neighbourhood,
                parts.building,
                parts.floor,
                parts.unit
            );
        }
        unitId =
            (uint256(parts.space) << SPACE_SHIFT) |
            (uint256(parts.district) << DISTRICT_SHIFT) |
            (uint256(parts.neighbourhood) << NEIGHBOURHOOD_SHIFT) |
            (uint256(parts.building) << BUILDING_SHIFT) |
            (uint256(parts.floor) << FLOOR_SHIFT) |
            uint256(parts.unit);
    }

    /// @notice Unpacks a token id, reverting when it is not the id of a valid address.
    function decode(uint256 unitId) internal pure returns (Parts memory parts) {
        if (unitId >> 64 != 0) revert UnitIdInvalid(unitId);
        parts = Parts({
            space: uint8(unitId >> SPACE_SHIFT),
            district: uint8(unitId >> DISTRICT_SHIFT),
            neighbourhood: uint16(unitId >> NEIGHBOURHOOD_SHIFT),
            building: uint8(unitId >> BUILDING_SHIFT),
            floor: uint8(unitId >> FLOOR_SHIFT),
            unit: uint16(unitId)
        });
        if (!isValid(parts)) revert UnitIdInvalid(unitId);
    }

    /// @notice Whether `unitId` is the id of a unit of the world's shape (districts not checked for being open).
    /// @dev Branch-light so the registry can afford it on every mint.
    function isValidId(uint256 unitId) internal pure returns (bool) {
        uint256 space = unitId >> SPACE_SHIFT;
        uint256 unit = unitId & 0xffff;
        return
            space <= EXTERNAL &&
            (unitId >> DISTRICT_SHIFT) & 0xff != 0 &&
            (unitId >> NEIGHBOURHOOD_SHIFT) & 0xffff < NEIGHBOURHOODS_PER_DISTRICT &&
            (unitId >> BUILDING_SHIFT) & 0xff < BUILDINGS_PER_NEIGHBOURHOOD &&
            (unitId >> FLOOR_SHIFT) & 0xff < FLOORS_PER_BUILDING &&
            unit < (space == INTERIOR ? UNITS_PER_FLOOR : EXTERNAL_UNITS_PER_FLOOR);
    }

    /// @notice The district byte of a token id (no validation: pair with `isValidId`).
    function districtOf(uint256 unitId) internal pure returns (uint8) {
        return uint8(unitId >> DISTRICT_SHIFT);
    }

    /// @notice The neighbourhood of a token id (no validation).
    function neighbourhoodOf(uint256 unitId) internal pure returns (uint16) {
        return uint16(unitId >> NEIGHBOURHOOD_SHIFT);
    }

    /// @notice Whether a token id names an external surface rather than an interior unit (no validation).
    function isExternal(uint256 unitId) internal pure returns (bool) {
        return unitId >> SPACE_SHIFT == EXTERNAL;
    }

    /// @notice The id of a floor: a unit id with the unit field cleared (interior units only).
    function floorOf(uint256 unitId) internal pure returns (uint256) {
        return unitId & ~uint256(0xffff);
    }

    /// @notice The id of a building: a unit id with the floor and unit fields cleared.
    function buildingOf(uint256 unitId) internal pure returns (uint256) {
        return unitId & ~uint256(0xff_ffff);
    }

    /// @notice True when every field is within the world's shape.
    function isValid(Parts memory parts) internal pure returns (bool) {
        return
            parts.space <= EXTERNAL &&
            parts.district >= 1 &&
            parts.neighbourhood < NEIGHBOURHOODS_PER_DISTRICT &&
            parts.building < BUILDINGS_PER_NEIGHBOURHOOD &&
            parts.floor < FLOORS_PER_BUILDING &&
            parts.unit < (parts.space == INTERIOR ? UNITS_PER_FLOOR : EXTERNAL_UNITS_PER_FLOOR);
    }
}
