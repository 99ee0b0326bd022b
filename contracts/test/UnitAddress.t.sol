// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {Test} from "./utils/Test.sol";
import {UnitAddressHarness} from "./harness/UnitAddressHarness.sol";
import {UnitAddress} from "../libraries/UnitAddress.sol";

contract UnitAddressTest is Test {
    UnitAddressHarness internal lib;

    uint8 internal constant INTERIOR = UnitAddress.INTERIOR;
    uint8 internal constant EXTERNAL = UnitAddress.EXTERNAL;
    uint16 internal constant MAX_NEIGHBOURHOOD = UnitAddress.NEIGHBOURHOODS_PER_DISTRICT - 1;
    uint8 internal constant MAX_BUILDING = UnitAddress.BUILDINGS_PER_NEIGHBOURHOOD - 1;
    uint8 internal constant MAX_FLOOR = UnitAddress.FLOORS_PER_BUILDING - 1;
    uint16 internal constant MAX_UNIT = UnitAddress.UNITS_PER_FLOOR - 1;
    uint16 internal constant MAX_EXTERNAL = UnitAddress.EXTERNAL_UNITS_PER_FLOOR - 1;

    /// @dev The README's example, `R-0042-07-12-003`.
    uint256 internal constant HOME = 0x00_01_002a_07_0c_0003;

    function setUp() public {
        lib = new UnitAddressHarness();
    }

    // =========================================================================================
    // Layout
    // =========================================================================================

    function test_encode_MatchesDocumentedLayout() public view {
        assertEq(lib.encode(_parts(INTERIOR, 1, 42, 7, 12, 3)), HOME, "interior");
        // R-0042-07-12-X017: facade panel 17 of the same floor.
        assertEq(lib.encode(_parts(EXTERNAL, 1, 42, 7, 12, 17)), 0x01_01_002a_07_0c_0011, "external");
    }

    /// @notice The hex form reads field by field: space, district, neighbourhood, building, floor, unit.
    function test_encode_HexFormReadsFieldByField() public view {
        assertEq(Strings.toHexString(lib.encode(_parts(INTERIOR, 1, 42, 7, 12, 3)), 8), "0x0001002a070c0003");
        assertEq(Strings.toHexString(lib.encode(_parts(EXTERNAL, 4, 1295, 35, 35, 124)), 8), "0x0104050f2323007c");
        assertEq(Strings.toHexString(lib.encode(_parts(INTERIOR, 255, 0, 0, 0, 624)), 8), "0x00ff000000000270");
    }

    function test_encode_LowestAndHighestIds() public view {
        assertEq(lib.encode(_parts(INTERIOR, 1, 0, 0, 0, 0)), 1 << 48, "lowest id");
        assertEq(
            lib.encode(_parts(INTERIOR, 255, MAX_NEIGHBOURHOOD, MAX_BUILDING, MAX_FLOOR, MAX_UNIT)),
            0x00_ff_050f_23_23_0270,
            "highest interior id"
        );
        assertEq(
            lib.encode(_parts(EXTERNAL, 255, MAX_NEIGHBOURHOOD, MAX_BUILDING, MAX_FLOOR, MAX_EXTERNAL)),
            0x01_ff_050f_23_23_007c,
            "highest id"
        );
    }

    function test_encode_AcceptsEachFieldAtItsMaximum() public view {
        _assertRoundTrip(_parts(EXTERNAL, 1, 0, 0, 0, 0));
        _assertRoundTrip(_parts(INTERIOR, 255, 0, 0, 0, 0));
        _assertRoundTrip(_parts(INTERIOR, 1, MAX_NEIGHBOURHOOD, 0, 0, 0));
        _assertRoundTrip(_parts(INTERIOR, 1, 0, MAX_BUILDING, 0, 0));
        _assertRoundTrip(_parts(INTERIOR, 1, 0, 0, MAX_FLOOR, 0));
        _assertRoundTrip(_parts(INTERIOR, 1, 0, 0, 0, MAX_UNIT));
        _assertRoundTrip(_parts(EXTERNAL, 1, 0, 0, 0, MAX_EXTERNAL));
    }

    /// @notice The library checks the shape only: districts above the seed's four are the registry's business.
    function test_isValid_AnyNonZeroDistrict() public view {
        for (uint256 d = 1; d <= 255; ++d) {
            assertTrue(lib.isValid(_parts(INTERIOR, uint8(d), 0, 0, 0, 0)), "district in shape");
        }
        assertFalse(lib.isValid(_parts(INTERIOR, 0, 0, 0, 0, 0)), "district 0");
    }

    /// @notice The 625 interior units of a floor are consecutive ids from the floor's id.
    function test_floorOf_UnitsOfAFloorAreConsecutive() public view {
        uint256 floorId = lib.encode(_parts(INTERIOR, 1, 42, 7, 12, 0));
        uint256 last = lib.encode(_parts(INTERIOR, 1, 42, 7, 12, MAX_UNIT));
        assertEq(last, floorId + MAX_UNIT, "last unit is floor + 624");
        assertEq(lib.floorOf(last), floorId, "floorOf(last)");
        assertEq(lib.floorOf(HOME), floorId, "floorOf(HOME)");
        assertFalse(lib.isValidId(floorId + UnitAddress.UNITS_PER_FLOOR), "unit 625 is not on the floor");
    }

    function test_buildingOf_ClearsFloorAndUnit() public view {
        assertEq(lib.buildingOf(HOME), 0x00_01_002a_07_00_0000);
        assertEq(lib.buildingOf(lib.encode(_parts(INTERIOR, 1, 42, 7, MAX_FLOOR, MAX_UNIT))), 0x00_01_002a_07_00_0000);
    }

    function test_fieldReaders_ReadTheirBytes() public view {
        uint256 id = lib.encode(_parts(EXTERNAL, 4, 1295, 35, 35, 124));
        assertEq(lib.districtOf(id), 4, "districtOf");
        assertEq(lib.neighbourhoodOf(id), 1295, "neighbourhoodOf");
        assertTrue(lib.isExternal(id), "isExternal");
        assertFalse(lib.isExternal(HOME), "interior is not external");
    }

    // =========================================================================================
    // encode: bounds
    // =========================================================================================

    function test_encode_RevertWhen_SpaceIsTwo() public {
        _expectEncodeRevert(_parts(2, 1, 0, 0, 0, 0));
    }

    function test_encode_RevertWhen_DistrictIsZero() public {
        _expectEncodeRevert(_parts(INTERIOR, 0, 0, 0, 0, 0));
    }

    function test_encode_RevertWhen_NeighbourhoodIs1296() public {
        _expectEncodeRevert(_parts(INTERIOR, 1, MAX_NEIGHBOURHOOD + 1, 0, 0, 0));
    }

    function test_encode_RevertWhen_BuildingIs36() public {
        _expectEncodeRevert(_parts(INTERIOR, 1, 0, MAX_BUILDING + 1, 0, 0));
    }

    function test_encode_RevertWhen_FloorIs36() public {
        _expectEncodeRevert(_parts(INTERIOR, 1, 0, 0, MAX_FLOOR + 1, 0));
    }

    function test_encode_RevertWhen_InteriorUnitIs625() public {
        _expectEncodeRevert(_parts(INTERIOR, 1, 0, 0, 0, MAX_UNIT + 1));
    }

    function test_encode_RevertWhen_ExternalUnitIs125() public {
        _expectEncodeRevert(_parts(EXTERNAL, 1, 0, 0, 0, MAX_EXTERNAL + 1));
        _expectEncodeRevert(_parts(EXTERNAL, 1, 0, 0, 0, MAX_UNIT));
    }

    function test_encode_RevertWhen_EveryFieldIsAtItsTypeMaximum() public {
        _expectEncodeRevert(
            _parts(type(uint8).max, type(uint8).max, type(uint16).max, type(uint8).max, type(uint8).max, type(uint16).max)
        );
    }

    // =========================================================================================
    // decode: malformed ids
    // =========================================================================================

    function test_decode_RevertWhen_IdIsZero() public {
        _expectDecodeRevert(0);
    }

    function test_decode_RevertWhen_EachFieldIsOnePastItsMaximum() public {
        _expectDecodeRevert(0x02_01_0000_00_00_0000); // space 2
        _expectDecodeRevert(0x00_00_0000_00_00_0000 | 5); // district 0
        _expectDecodeRevert(0x00_01_0510_00_00_0000); // neighbourhood 1296
        _expectDecodeRevert(0x00_01_0000_24_00_0000); // building 36
        _expectDecodeRevert(0x00_01_0000_00_24_0000); // floor 36
        _expectDecodeRevert(0x00_01_0000_00_00_0271); // interior unit 625
        _expectDecodeRevert(0x01_01_0000_00_00_007d); // external unit 125
    }

    function test_decode_EdgesThatAreValid() public view {
        _assertDecodes(0x00_01_0000_00_00_0270, _parts(INTERIOR, 1, 0, 0, 0, MAX_UNIT));
        _assertDecodes(0x01_01_0000_00_00_007c, _parts(EXTERNAL, 1, 0, 0, 0, MAX_EXTERNAL));
        _assertDecodes(0x00_01_050f_00_00_0000, _parts(INTERIOR, 1, MAX_NEIGHBOURHOOD, 0, 0, 0));
        _assertDecodes(0x00_01_0000_23_23_0000, _parts(INTERIOR, 1, 0, MAX_BUILDING, MAX_FLOOR, 0));
    }

    function test_decode_RevertWhen_Bit64IsSet() public {
        _expectDecodeRevert((1 << 64) | HOME);
    }

    function test_decode_RevertWhen_TopBitIsSet() public {
        _expectDecodeRevert((1 << 255) | HOME);
    }

    function test_decode_RevertWhen_IdIsMaxUint() public {
        _expectDecodeRevert(type(uint256).max);
    }

    function testFuzz_decode_RevertWhen_AnyBitAbove63IsSet(uint256 seed, uint8 highBit) public {
        uint256 unitId = lib.encode(_boundParts(seed));
        _expectDecodeRevert(unitId | (1 << bound(highBit, 64, 255)));
    }

    // =========================================================================================
    // Round trips
    // =========================================================================================

    function testFuzz_encode_DecodeRoundTrip(uint256 seed) public view {
        _assertRoundTrip(_boundParts(seed));
    }

    /// @notice Every id either decodes to parts that encode back to it, or reverts with
    /// `UnitIdInvalid(id)`; `isValidId` (the registry's cheap check) agrees with `decode`.
    function testFuzz_decode_EncodeRoundTripOrRevert(uint256 unitId) public view {
        try lib.decode(unitId) returns (UnitAddress.Parts memory parts) {
            assertEq(unitId >> 64, 0, "a decodable id has no bits above 63");
            assertEq(lib.encode(parts), unitId, "decode then encode");
            assertTrue(lib.isValidId(unitId), "isValidId");
        } catch (bytes memory reason) {
            assertEq(reason, abi.encodeWithSelector(UnitAddress.UnitIdInvalid.selector, unitId), "revert reason");
            assertFalse(lib.isValidId(unitId), "isValidId of an invalid id");
        }
    }

    function testFuzz_decode_EncodeRoundTripIn64Bits(uint64 unitId) public view {
        testFuzz_decode_EncodeRoundTripOrRevert(unitId);
    }

    function testFuzz_isValid_AgreesWithEncode(uint8 s, uint8 d, uint16 n, uint8 b, uint8 f, uint16 u) public view {
        _assertValidityAgrees(_parts(s, d, n, b, f, u));
    }

    /// @notice The same check with every field drawn from a small window around its limit, so
    /// each run has a fair chance of landing exactly on `max` or `max + 1`.
    function testFuzz_isValid_AgreesWithEncodeNearBounds(
        uint8 s,
        uint8 d,
        uint16 n,
        uint8 b,
        uint8 f,
        uint16 u
    ) public view {
        uint8 space = uint8(bound(s, 0, 2));
        uint16 maxUnit = space == EXTERNAL ? MAX_EXTERNAL : MAX_UNIT;
        _assertValidityAgrees(
            _parts(
                space,
                uint8(bound(d, 0, 2)),
                uint16(bound(n, MAX_NEIGHBOURHOOD - 1, MAX_NEIGHBOURHOOD + 2)),
                uint8(bound(b, MAX_BUILDING - 1, MAX_BUILDING + 2)),
                uint8(bound(f, MAX_FLOOR - 1, MAX_FLOOR + 2)),
                uint16(bound(u, maxUnit - 1, maxUnit + 2))
            )
        );
    }

    // =========================================================================================
    // Helpers
    // =========================================================================================

    function _assertValidityAgrees(UnitAddress.Parts memory p) internal view {
        bool expected = p.space <= EXTERNAL &&
            p.district >= 1 &&
            p.neighbourhood <= MAX_NEIGHBOURHOOD &&
            p.building <= MAX_BUILDING &&
            p.floor <= MAX_FLOOR &&
            p.unit <= (p.space == EXTERNAL ? MAX_EXTERNAL : MAX_UNIT);
        assertEq(lib.isValid(p), expected, "isValid");
        try lib.encode(p) returns (uint256 unitId) {
            assertTrue(expected, "encode accepted an invalid address");
            assertTrue(lib.isValidId(unitId), "isValidId");
            assertEq(lib.districtOf(unitId), p.district, "districtOf");
        } catch (bytes memory reason) {
            assertFalse(expected, "encode rejected a valid address");
            assertEq(reason, _addressInvalid(p), "revert reason");
        }
    }

    function _parts(
        uint8 s,
        uint8 d,
        uint16 n,
        uint8 b,
        uint8 f,
        uint16 u
    ) internal pure returns (UnitAddress.Parts memory) {
        return UnitAddress.Parts({space: s, district: d, neighbourhood: n, building: b, floor: f, unit: u});
    }

    function _boundParts(uint256 seed) internal pure returns (UnitAddress.Parts memory) {
        uint256 h = uint256(keccak256(abi.encode(seed)));
        uint8 space = uint8(seed & 1);
        return
            _parts(
                space,
                uint8(bound((seed >> 8) % 256, 1, 255)),
                uint16(bound(h % 65536, 0, MAX_NEIGHBOURHOOD)),
                uint8(bound((h >> 16) % 256, 0, MAX_BUILDING)),
                uint8(bound((h >> 24) % 256, 0, MAX_FLOOR)),
                uint16(bound((h >> 32) % 65536, 0, space == EXTERNAL ? MAX_EXTERNAL : MAX_UNIT))
            );
    }

    function _assertRoundTrip(UnitAddress.Parts memory parts) internal view {
        uint256 unitId = lib.encode(parts);
        assertEq(unitId >> 64, 0, "id fits in 64 bits");
        _assertDecodes(unitId, parts);
    }

    function _assertDecodes(uint256 unitId, UnitAddress.Parts memory parts) internal view {
        UnitAddress.Parts memory back = lib.decode(unitId);
        assertEq(back.space, parts.space, "space");
        assertEq(back.district, parts.district, "district");
        assertEq(back.neighbourhood, parts.neighbourhood, "neighbourhood");
        assertEq(back.building, parts.building, "building");
        assertEq(back.floor, parts.floor, "floor");
        assertEq(back.unit, parts.unit, "unit");
        assertTrue(lib.isValidId(unitId), "isValidId");
    }

    function _addressInvalid(UnitAddress.Parts memory p) internal pure returns (bytes memory) {
        return
            abi.encodeWithSelector(
                UnitAddress.UnitAddressInvalid.selector,
                p.space,
                p.district,
                p.neighbourhood,
                p.building,
                p.floor,
                p.unit
            );
    }

    function _expectEncodeRevert(UnitAddress.Parts memory parts) internal {
        vm.expectRevert(_addressInvalid(parts));
        lib.encode(parts);
    }

    function _expectDecodeRevert(uint256 unitId) internal {
        vm.expectRevert(abi.encodeWithSelector(UnitAddress.UnitIdInvalid.selector, unitId));
        lib.decode(unitId);
    }
}
