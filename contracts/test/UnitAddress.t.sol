// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "./utils/Test.sol";
import {UnitAddressHarness} from "./harness/UnitAddressHarness.sol";
import {UnitAddress} from "../libraries/UnitAddress.sol";

contract UnitAddressTest is Test {
    UnitAddressHarness internal lib;

    uint8 internal constant MAX_DISTRICT = UnitAddress.DISTRICT_COUNT;
    uint16 internal constant MAX_NEIGHBOURHOOD = UnitAddress.NEIGHBOURHOODS_PER_DISTRICT - 1;
    uint8 internal constant MAX_BUILDING = UnitAddress.BUILDINGS_PER_NEIGHBOURHOOD - 1;
    uint8 internal constant MAX_FLOOR = UnitAddress.FLOORS_PER_BUILDING - 1;
    uint8 internal constant MAX_UNIT = UnitAddress.UNITS_PER_FLOOR - 1;

    function setUp() public {
        lib = new UnitAddressHarness();
    }

    // --- Layout -----------------------------------------------------------------------------

    function test_encode_MatchesDocumentedLayout() public view {
        // The example in the library's NatSpec: district 1, neighbourhood 42, building 7, floor 12, unit 3.
        assertEq(lib.encode(_parts(1, 42, 7, 12, 3)), 0x01_002a_07_0c_03);
    }

    function test_encode_LowestAndHighestUnits() public view {
        assertEq(lib.encode(_parts(1, 0, 0, 0, 0)), 1 << 40, "lowest unit");
        assertEq(
            lib.encode(_parts(MAX_DISTRICT, MAX_NEIGHBOURHOOD, MAX_BUILDING, MAX_FLOOR, MAX_UNIT)),
            0x04_050f_23_23_23,
            "highest unit"
        );
    }

    function test_encode_AcceptsEachFieldAtItsMaximum() public view {
        _assertRoundTrip(_parts(MAX_DISTRICT, 0, 0, 0, 0));
        _assertRoundTrip(_parts(1, MAX_NEIGHBOURHOOD, 0, 0, 0));
        _assertRoundTrip(_parts(1, 0, MAX_BUILDING, 0, 0));
        _assertRoundTrip(_parts(1, 0, 0, MAX_FLOOR, 0));
        _assertRoundTrip(_parts(1, 0, 0, 0, MAX_UNIT));
    }

    function test_districtOf_ReadsTheDistrictByte() public view {
        for (uint8 district = 1; district <= MAX_DISTRICT; ++district) {
            assertEq(lib.districtOf(lib.encode(_parts(district, 9, 8, 7, 6))), district);
        }
    }

    // --- encode: bounds ---------------------------------------------------------------------

    function test_encode_RevertWhen_DistrictIsZero() public {
        _expectEncodeRevert(_parts(0, 0, 0, 0, 0));
    }

    function test_encode_RevertWhen_DistrictIsFive() public {
        _expectEncodeRevert(_parts(MAX_DISTRICT + 1, 0, 0, 0, 0));
    }

    function test_encode_RevertWhen_NeighbourhoodIsMaxPlusOne() public {
        _expectEncodeRevert(_parts(1, MAX_NEIGHBOURHOOD + 1, 0, 0, 0));
    }

    function test_encode_RevertWhen_BuildingIsMaxPlusOne() public {
        _expectEncodeRevert(_parts(1, 0, MAX_BUILDING + 1, 0, 0));
    }

    function test_encode_RevertWhen_FloorIsMaxPlusOne() public {
        _expectEncodeRevert(_parts(1, 0, 0, MAX_FLOOR + 1, 0));
    }

    function test_encode_RevertWhen_UnitIsMaxPlusOne() public {
        _expectEncodeRevert(_parts(1, 0, 0, 0, MAX_UNIT + 1));
    }

    function test_encode_RevertWhen_EveryFieldIsAtItsTypeMaximum() public {
        _expectEncodeRevert(_parts(type(uint8).max, type(uint16).max, type(uint8).max, type(uint8).max, type(uint8).max));
    }

    // --- decode: malformed ids --------------------------------------------------------------

    function test_decode_RevertWhen_IdIsZero() public {
        _expectDecodeRevert(0);
    }

    function test_decode_RevertWhen_DistrictByteIsFive() public {
        _expectDecodeRevert(0x05_0000_00_00_00);
    }

    function test_decode_RevertWhen_EachFieldIsMaxPlusOne() public {
        _expectDecodeRevert(0x01_0510_00_00_00); // neighbourhood 1296
        _expectDecodeRevert(0x01_0000_24_00_00); // building 36
        _expectDecodeRevert(0x01_0000_00_24_00); // floor 36
        _expectDecodeRevert(0x01_0000_00_00_24); // unit 36
    }

    function test_decode_RevertWhen_Bit48IsSet() public {
        _expectDecodeRevert((1 << 48) | 0x01_0000_00_00_00);
    }

    function test_decode_RevertWhen_TopBitIsSet() public {
        _expectDecodeRevert((1 << 255) | 0x01_002a_07_0c_03);
    }

    function test_decode_RevertWhen_IdIsMaxUint() public {
        _expectDecodeRevert(type(uint256).max);
    }

    function testFuzz_decode_RevertWhen_AnyBitAbove47IsSet(uint256 validSeed, uint8 highBit) public {
        uint256 unitId = lib.encode(_boundParts(validSeed));
        uint256 bit = bound(highBit, 48, 255);
        _expectDecodeRevert(unitId | (1 << bit));
    }

    // --- Round trips ------------------------------------------------------------------------

    function testFuzz_encode_DecodeRoundTrip(uint256 seed) public view {
        _assertRoundTrip(_boundParts(seed));
    }

    /// @notice Every 48-bit id either decodes to parts that encode back to it, or reverts with
    /// `UnitIdInvalid(id)`; the same holds for ids with high bits set, which must all revert.
    function testFuzz_decode_EncodeRoundTripOrRevert(uint256 unitId) public view {
        try lib.decode(unitId) returns (UnitAddress.Parts memory parts) {
            assertEq(unitId >> 48, 0, "a decodable id has no bits above 47");
            assertEq(lib.encode(parts), unitId, "decode then encode");
        } catch (bytes memory reason) {
            assertEq(reason, abi.encodeWithSelector(UnitAddress.UnitIdInvalid.selector, unitId), "revert reason");
        }
    }

    function testFuzz_decode_EncodeRoundTripInLowBits(uint48 unitId) public view {
        testFuzz_decode_EncodeRoundTripOrRevert(unitId);
    }

    function testFuzz_isValid_AgreesWithEncode(uint8 d, uint16 n, uint8 b, uint8 f, uint8 u) public view {
        _assertValidityAgrees(d, n, b, f, u);
    }

    /// @notice The same check with every field drawn from a small window around its limit, so
    /// each run has a fair chance of landing exactly on `max` or `max + 1`.
    function testFuzz_isValid_AgreesWithEncodeNearBounds(uint8 d, uint16 n, uint8 b, uint8 f, uint8 u) public view {
        _assertValidityAgrees(
            uint8(bound(d, 0, MAX_DISTRICT + 1)),
            uint16(bound(n, MAX_NEIGHBOURHOOD - 1, MAX_NEIGHBOURHOOD + 2)),
            uint8(bound(b, MAX_BUILDING - 1, MAX_BUILDING + 2)),
            uint8(bound(f, MAX_FLOOR - 1, MAX_FLOOR + 2)),
            uint8(bound(u, MAX_UNIT - 1, MAX_UNIT + 2))
        );
    }

    // --- Helpers ----------------------------------------------------------------------------

    function _assertValidityAgrees(uint8 d, uint16 n, uint8 b, uint8 f, uint8 u) internal view {
        UnitAddress.Parts memory parts = _parts(d, n, b, f, u);
        bool expected = d >= 1 && d <= MAX_DISTRICT && n <= MAX_NEIGHBOURHOOD && b <= MAX_BUILDING &&
            f <= MAX_FLOOR && u <= MAX_UNIT;
        assertEq(lib.isValid(parts), expected, "isValid");
        try lib.encode(parts) returns (uint256 unitId) {
            assertTrue(expected, "encode accepted an invalid address");
            assertEq(lib.districtOf(unitId), d, "districtOf");
        } catch (bytes memory reason) {
            assertFalse(expected, "encode rejected a valid address");
            assertEq(reason, _addressInvalid(parts), "revert reason");
        }
    }

    function _parts(uint8 d, uint16 n, uint8 b, uint8 f, uint8 u) internal pure returns (UnitAddress.Parts memory) {
        return UnitAddress.Parts({district: d, neighbourhood: n, building: b, floor: f, unit: u});
    }

    function _boundParts(uint256 seed) internal pure returns (UnitAddress.Parts memory) {
        uint256 h = uint256(keccak256(abi.encode(seed)));
        return
            _parts(
                uint8(bound(seed % 256, 1, MAX_DISTRICT)),
                uint16(bound(h % 65536, 0, MAX_NEIGHBOURHOOD)),
                uint8(bound((h >> 16) % 256, 0, MAX_BUILDING)),
                uint8(bound((h >> 24) % 256, 0, MAX_FLOOR)),
                uint8(bound((h >> 32) % 256, 0, MAX_UNIT))
            );
    }

    function _assertRoundTrip(UnitAddress.Parts memory parts) internal view {
        uint256 unitId = lib.encode(parts);
        assertEq(unitId >> 48, 0, "id fits in 48 bits");
        UnitAddress.Parts memory back = lib.decode(unitId);
        assertEq(back.district, parts.district, "district");
        assertEq(back.neighbourhood, parts.neighbourhood, "neighbourhood");
        assertEq(back.building, parts.building, "building");
        assertEq(back.floor, parts.floor, "floor");
        assertEq(back.unit, parts.unit, "unit");
    }

    function _addressInvalid(UnitAddress.Parts memory p) internal pure returns (bytes memory) {
        return
            abi.encodeWithSelector(
                UnitAddress.UnitAddressInvalid.selector,
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
