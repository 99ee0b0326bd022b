// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Test} from "../utils/Test.sol";
import {UnitRegistry} from "../../land/UnitRegistry.sol";
import {UnitSale} from "../../land/UnitSale.sol";
import {FloorSale} from "../../land/FloorSale.sol";
import {LandSaleBase} from "../../land/LandSaleBase.sol";

/// @title UnitRegistryHandler
/// @notice Test-only: the actions the invariant fuzzer strings together against the land (free
/// claims, unit buys, floor buys, building buys, transfers by owner, approved account or
/// operator), played by a few funded accounts on two small patches, one in the Residential
/// district (claims and buys) and the same place in the Business district (buys, floors and
/// buildings), so that actions collide often; a floor or building of the Residential patch must
/// always be refused. Each action predicts whether it must succeed and fails the
/// campaign when the registry disagrees; a ghost model keeps who owns each tracked unit, each
/// account's balance and each unit's transfer count.
contract UnitRegistryHandler is Test {
    uint256 private constant UNITS_PER_FLOOR = 625;
    uint256 private constant FLOORS_PER_BUILDING = 36;
    /// @dev A patch: buildings 0..2 of neighbourhood 0 of a district; singles and floors are sold
    /// on floors 0..2, units 0..3; buildings are sold whole.
    uint256 private constant PATCH_BUILDINGS = 3;
    uint256 private constant PATCH_FLOORS = 3;
    uint256 private constant PATCH_UNITS = 4;
    uint256 private constant RESIDENTIAL = uint256(1) << 48;
    uint256 private constant BUSINESS = uint256(2) << 48;

    UnitRegistry public immutable registry;
    UnitSale public immutable unitSale;
    FloorSale public immutable floorSale;

    address[] public actors;

    /// @notice Units whose owner the ghost model follows: every single unit sold, and sample
    /// units (0..3 and 624) of every floor sold as a range.
    uint256[] public tracked;
    mapping(uint256 unitId => address) public ghostOwner;
    mapping(uint256 unitId => uint256) public ghostTransfers;
    mapping(address account => uint256) public ghostBalance;
    /// @notice Units minted in all, ranges included.
    uint256 public minted;

    mapping(uint256 floorId => bool) private _ranged;
    mapping(uint256 floorId => bool) private _hasSingles;
    mapping(address account => bool) private _claimed;

    uint256 public calls;
    uint256 public refusals;

    constructor(UnitRegistry registry_, UnitSale unitSale_, FloorSale floorSale_) {
        registry = registry_;
        unitSale = unitSale_;
        floorSale = floorSale_;
        for (uint256 i; i < 4; ++i) {
            actors.push(makeAddr(string.concat("actor", Strings.toString(i))));
        }
    }

    /// @notice Lets the sales take the actors' MRK (call once the actors are funded).
    function approveSales(IERC20 mrk) external {
        for (uint256 i; i < actors.length; ++i) {
            vm.startPrank(actors[i]);
            mrk.approve(address(unitSale), type(uint256).max);
            mrk.approve(address(floorSale), type(uint256).max);
            vm.stopPrank();
        }
    }

    function actorCount() external view returns (uint256) {
        return actors.length;
    }

    function trackedCount() external view returns (uint256) {
        return tracked.length;
    }

    // --- Actions -------------------------------------------------------------------------------

    function claim(uint256 actorSeed, uint256 unitSeed) external {
        address actor = _actor(actorSeed);
        uint256 unitId = _patchUnit(RESIDENTIAL, unitSeed);
        bool must = !_claimed[actor] && !_owned(unitId);
        ++calls;
        vm.prank(actor);
        try registry.claim(unitId) {
            if (!must) fail("claim succeeded where it must not");
            _claimed[actor] = true;
            _recordSingle(actor, unitId);
        } catch {
            if (must) fail("claim refused where it must succeed");
            ++refusals;
        }
    }

    function buyUnit(uint256 actorSeed, uint256 unitSeed, uint8 rooms, uint16 storageDays) external {
        address actor = _actor(actorSeed);
        uint256 unitId = _patchUnit(unitSeed % 2 == 0 ? RESIDENTIAL : BUSINESS, unitSeed / 2);
        bool must = !_owned(unitId);
        ++calls;
        vm.prank(actor);
        try unitSale.buy(unitId, rooms % 4, storageDays % 400, type(uint256).max, _noPermit()) {
            if (!must) fail("buy succeeded where it must not");
            _recordSingle(actor, unitId);
        } catch {
            if (must) fail("buy refused where it must succeed");
            ++refusals;
        }
    }

    function buyFloor(uint256 actorSeed, uint256 floorSeed, uint16 storageDays) external {
        address actor = _actor(actorSeed);
        // One floor in four is Residential, which is never sold whole.
        uint256 floorId = _patchFloor(floorSeed % 4 == 0 ? RESIDENTIAL : BUSINESS, floorSeed / 4);
        bool must = floorId & RESIDENTIAL == 0 && !_ranged[floorId] && !_hasSingles[floorId];
        ++calls;
        vm.prank(actor);
        try floorSale.buyFloor(floorId, storageDays % 400, type(uint256).max, _noPermit()) {
            if (!must) fail("floor sold where it must not");
            _recordRange(actor, floorId);
        } catch {
            if (must) fail("floor refused where it must be sold");
            ++refusals;
        }
    }

    function buyBuilding(uint256 actorSeed, uint256 buildingSeed, uint16 storageDays) external {
        address actor = _actor(actorSeed);
        uint256 district = buildingSeed % 4 == 0 ? RESIDENTIAL : BUSINESS;
        uint256 buildingId = district | (((buildingSeed / 4) % PATCH_BUILDINGS) << 24);
        bool must = district == BUSINESS;
        for (uint256 f; f < FLOORS_PER_BUILDING; ++f) {
            uint256 floorId = buildingId | (f << 16);
            if (_ranged[floorId] || _hasSingles[floorId]) must = false;
        }
        ++calls;
        vm.prank(actor);
        try floorSale.buyBuilding(buildingId, storageDays % 400, type(uint256).max, _noPermit()) {
            if (!must) fail("building sold where it must not");
            for (uint256 f; f < FLOORS_PER_BUILDING; ++f) _recordRange(actor, buildingId | (f << 16));
        } catch {
            if (must) fail("building refused where it must be sold");
            ++refusals;
        }
    }

    /// @notice Moves a tracked unit to another actor: by its owner (mode 0), by an account the
    /// owner approved for the unit (1) or by an operator of the owner (2).
    function transfer(uint256 unitSeed, uint256 toSeed, uint256 helperSeed, uint8 mode) external {
        if (tracked.length == 0) return;
        uint256 unitId = tracked[unitSeed % tracked.length];
        address from = ghostOwner[unitId];
        address to = _actor(toSeed);
        address caller = from;
        mode %= 3;
        if (mode != 0) {
            caller = _actor(helperSeed);
            // The next actor; wraps at the top of the seed's range instead of overflowing.
            unchecked {
                if (caller == from) caller = _actor(helperSeed + 1);
            }
            vm.prank(from);
            if (mode == 1) registry.approve(caller, unitId);
            else registry.setApprovalForAll(caller, true);
        }
        uint32 countBefore = registry.transferCount(unitId);
        ++calls;
        vm.prank(caller);
        registry.transferFrom(from, to, unitId);
        if (mode == 2) {
            vm.prank(from);
            registry.setApprovalForAll(caller, false);
        }

        if (registry.transferCount(unitId) != countBefore + 1) fail("transfer count did not grow by one");
        if (registry.getApproved(unitId) != address(0)) fail("approval survived the transfer");
        ghostOwner[unitId] = to;
        ++ghostTransfers[unitId];
        --ghostBalance[from];
        ++ghostBalance[to];
    }

    // --- Ghost ---------------------------------------------------------------------------------

    function _recordSingle(address owner, uint256 unitId) private {
        _hasSingles[unitId & ~uint256(0xffff)] = true;
        tracked.push(unitId);
        ghostOwner[unitId] = owner;
        ++ghostBalance[owner];
        ++minted;
    }

    function _recordRange(address owner, uint256 floorId) private {
        _ranged[floorId] = true;
        ghostBalance[owner] += UNITS_PER_FLOOR;
        minted += UNITS_PER_FLOOR;
        // Track the patch units and the last unit of the patch's floors; one unit of the others.
        uint256 floor = (floorId >> 16) & 0xff;
        if (floor < PATCH_FLOORS) {
            for (uint256 u; u < PATCH_UNITS; ++u) _track(owner, floorId | u);
        }
        _track(owner, floorId | (UNITS_PER_FLOOR - 1));
    }

    function _track(address owner, uint256 unitId) private {
        tracked.push(unitId);
        ghostOwner[unitId] = owner;
    }

    function _owned(uint256 unitId) private view returns (bool) {
        return ghostOwner[unitId] != address(0) || _ranged[unitId & ~uint256(0xffff)];
    }

    // --- Inputs --------------------------------------------------------------------------------

    function _actor(uint256 seed) private view returns (address) {
        return actors[seed % actors.length];
    }

    function _patchFloor(uint256 district, uint256 seed) private pure returns (uint256) {
        seed %= PATCH_BUILDINGS * PATCH_FLOORS;
        return district | ((seed / PATCH_FLOORS) << 24) | ((seed % PATCH_FLOORS) << 16);
    }

    function _patchUnit(uint256 district, uint256 seed) private pure returns (uint256) {
        return _patchFloor(district, seed / PATCH_UNITS) | (seed % PATCH_UNITS);
    }

    function _noPermit() private pure returns (LandSaleBase.Permit memory) {
        return LandSaleBase.Permit({value: 0, deadline: 0, v: 0, r: bytes32(0), s: bytes32(0)});
    }
}
