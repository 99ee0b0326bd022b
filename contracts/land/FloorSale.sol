// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IUnitRegistry} from "../interfaces/IUnitRegistry.sol";
import {IMarkParameters} from "../interfaces/IMarkParameters.sol";
import {UnitAddress} from "../libraries/UnitAddress.sol";
import {LandSaleBase} from "./LandSaleBase.sol";

/// @title FloorSale
/// @notice The land office that sells whole floors (625 units) and buildings (36 floors) in one
/// transaction, at the unit price of their type times the number of units. The registry records
/// each floor as one range, so the gas per unit is a small fraction of a single mint. Residential
/// floors and buildings are not sold whole: homes are claimed or bought one at a time.
contract FloorSale is LandSaleBase {
    uint256 private constant UNITS_PER_FLOOR = UnitAddress.UNITS_PER_FLOOR;
    uint256 private constant FLOORS_PER_BUILDING = UnitAddress.FLOORS_PER_BUILDING;

    constructor(
        IUnitRegistry registry_,
        IERC20 mrk_,
        IMarkParameters parameters_,
        address treasury_,
        address renderingFund_
    ) LandSaleBase(registry_, mrk_, parameters_, treasury_, renderingFund_) {}

    /// @notice What floor `floorId` with `storageDays` of storage costs now.
    function quoteFloor(uint256 floorId, uint32 storageDays) public view returns (uint256 price, uint256 storageCost) {
        price = _rangeUnitPrice(floorId) * UNITS_PER_FLOOR;
        storageCost = storageFee(price, storageDays);
    }

    /// @notice What building `buildingId` with `storageDays` of storage costs now.
    function quoteBuilding(uint256 buildingId, uint32 storageDays) public view returns (uint256 price, uint256 storageCost) {
        price = _rangeUnitPrice(buildingId) * UNITS_PER_FLOOR * FLOORS_PER_BUILDING;
        storageCost = storageFee(price, storageDays);
    }

    /// @notice Buys every unit of floor `floorId` (a unit id with unit field 0) for the caller.
    function buyFloor(uint256 floorId, uint32 storageDays, uint256 maxPrice, Permit calldata permit) external nonReentrant {
        (uint256 price, uint256 storageCost) = quoteFloor(floorId, storageDays);
        registry.mintFloor(msg.sender, floorId, _paidUntil(0, storageDays));
        _collect(floorId, 1, price + storageCost, maxPrice, permit);
    }

    /// @notice Buys every floor of building `buildingId` (floor and unit fields 0) for the caller.
    function buyBuilding(
        uint256 buildingId,
        uint32 storageDays,
        uint256 maxPrice,
        Permit calldata permit
    ) external nonReentrant {
        (uint256 price, uint256 storageCost) = quoteBuilding(buildingId, storageDays);
        registry.mintBuilding(msg.sender, buildingId, _paidUntil(0, storageDays));
        _collect(buildingId, 2, price + storageCost, maxPrice, permit);
    }

    /// @notice Pays `storageDays` more days of storage for the units still held in floor
    /// `floorId`'s range (priced as the whole floor); anyone may.
    function payFloorStorage(
        uint256 floorId,
        uint32 storageDays,
        uint256 maxPrice,
        Permit calldata permit
    ) external nonReentrant {
        if (storageDays == 0) revert LandStorageDaysInvalid(0);
        (, uint256 fee) = quoteFloor(floorId, storageDays);
        (, uint40 current, ) = registry.floorRange(floorId);
        registry.extendFloorStorage(floorId, _paidUntil(current, storageDays));
        _collect(floorId, 4, fee, maxPrice, permit);
    }

    /// @dev The unit price of the floor or building `id`, refusing Residential ones (the registry
    /// refuses them too; refusing here keeps the quote from naming a price nobody can pay).
    function _rangeUnitPrice(uint256 id) private view returns (uint256) {
        IUnitRegistry.UnitType unitType = registry.unitTypeOf(id);
        if (unitType == IUnitRegistry.UnitType.Residential) revert IUnitRegistry.FloorResidential(id);
        return unitPrice(unitType);
    }
}
