// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IUnitRegistry} from "../interfaces/IUnitRegistry.sol";
import {IMarkParameters} from "../interfaces/IMarkParameters.sol";
import {LandSaleBase} from "./LandSaleBase.sol";

/// @title UnitSale
/// @notice The land office that sells single units for MRK at the governance price of their type
/// (seed §2.9.2), with extra internal rooms and prepaid storage, and takes storage payments for
/// any unit from anyone.
contract UnitSale is LandSaleBase {
    error UnitSaleNoRooms(uint256 unitId);
    error UnitSaleNotOwner(uint256 unitId, address account);

    constructor(
        IUnitRegistry registry_,
        IERC20 mrk_,
        IMarkParameters parameters_,
        address treasury_,
        address renderingFund_
    ) LandSaleBase(registry_, mrk_, parameters_, treasury_, renderingFund_) {}

    /// @notice What buying `unitId` with `rooms` extra rooms and `storageDays` of storage costs now.
    /// @return price The unit and its rooms.
    /// @return storageCost The prepaid storage.
    function quote(uint256 unitId, uint8 rooms, uint32 storageDays) public view returns (uint256 price, uint256 storageCost) {
        IUnitRegistry.UnitType unitType = registry.unitTypeOf(unitId);
        if (rooms != 0 && unitType == IUnitRegistry.UnitType.External) revert UnitSaleNoRooms(unitId);
        price = unitPrice(unitType) + uint256(rooms) * roomPrice(unitType);
        storageCost = storageFee(price, storageDays);
    }

    /// @notice Buys `unitId` for the caller with `rooms` extra rooms and `storageDays` of storage,
    /// paying at most `maxPrice` MRK wei in total. Pass a zero `permit.deadline` to use the allowance.
    function buy(
        uint256 unitId,
        uint8 rooms,
        uint32 storageDays,
        uint256 maxPrice,
        Permit calldata permit
    ) external nonReentrant {
        (uint256 price, uint256 storageCost) = quote(unitId, rooms, storageDays);
        registry.mint(msg.sender, unitId, _paidUntil(0, storageDays));
        if (rooms != 0) registry.addRooms(unitId, rooms);
        _collect(unitId, 0, price + storageCost, maxPrice, permit);
    }

    /// @notice Adds `count` extra internal rooms to a unit the caller owns.
    function addRooms(uint256 unitId, uint8 count, uint256 maxPrice, Permit calldata permit) external nonReentrant {
        if (registry.ownerOf(unitId) != msg.sender) revert UnitSaleNotOwner(unitId, msg.sender);
        IUnitRegistry.UnitType unitType = registry.unitTypeOf(unitId);
        if (unitType == IUnitRegistry.UnitType.External) revert UnitSaleNoRooms(unitId);
        registry.addRooms(unitId, count);
        _collect(unitId, 3, uint256(count) * roomPrice(unitType), maxPrice, permit);
    }

    /// @notice What `storageDays` more days of storage for `unitId` cost now.
    function storageQuote(uint256 unitId, uint32 storageDays) public view returns (uint256) {
        IUnitRegistry.UnitType unitType = registry.unitTypeOf(unitId);
        uint256 value = unitPrice(unitType) + uint256(registry.roomsOf(unitId)) * roomPrice(unitType);
        return storageFee(value, storageDays);
    }

    /// @notice Pays `storageDays` more days of storage for `unitId` (anyone may), counted from
    /// the end of what is paid already, or from now when it has lapsed.
    function payStorage(uint256 unitId, uint32 storageDays, uint256 maxPrice, Permit calldata permit) external nonReentrant {
        if (storageDays == 0) revert LandStorageDaysInvalid(0);
        uint256 fee = storageQuote(unitId, storageDays);
        registry.extendStorage(unitId, _paidUntil(registry.storagePaidUntil(unitId), storageDays));
        _collect(unitId, 4, fee, maxPrice, permit);
    }
}
