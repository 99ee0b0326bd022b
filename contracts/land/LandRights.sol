// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IUnitRegistry} from "../interfaces/IUnitRegistry.sol";

/// @title LandRights
/// @notice The rights a unit type grants (seed §2.9.1) as bit flags, and the names of the
/// governance parameters that hold each type's flags, prices and fees (`MarkParameters`;
/// defined in `contracts/governance/parameters.ts`). Exchange, rentals, shops and ads ask the
/// registry's `rightsOf` and test these bits.
library LandRights {
    uint256 internal constant ECOMMERCE = 1 << 0;
    uint256 internal constant CRM = 1 << 1;
    uint256 internal constant ADVERTISING = 1 << 2;
    uint256 internal constant SELL = 1 << 3;
    uint256 internal constant RENT = 1 << 4;
    /// @notice Every flag this version knows; parameters are bounded by it.
    uint256 internal constant ALL = (1 << 5) - 1;

    bytes32 internal constant RIGHTS_RESIDENTIAL = keccak256("land.rights.residential");
    bytes32 internal constant RIGHTS_COMMERCIAL = keccak256("land.rights.commercial");
    bytes32 internal constant RIGHTS_COMMUNITY = keccak256("land.rights.community");
    bytes32 internal constant RIGHTS_EXTERNAL = keccak256("land.rights.external");

    bytes32 internal constant PRICE_RESIDENTIAL = keccak256("land.price.residential");
    bytes32 internal constant PRICE_COMMERCIAL = keccak256("land.price.commercial");
    bytes32 internal constant PRICE_COMMUNITY = keccak256("land.price.community");
    bytes32 internal constant PRICE_EXTERNAL = keccak256("land.price.external");

    bytes32 internal constant ROOM_RESIDENTIAL = keccak256("land.roomPrice.residential");
    bytes32 internal constant ROOM_COMMERCIAL = keccak256("land.roomPrice.commercial");
    bytes32 internal constant ROOM_COMMUNITY = keccak256("land.roomPrice.community");

    bytes32 internal constant STORAGE_FEE_BPS = keccak256("land.storageFeeBps");
    bytes32 internal constant RENDERING_FUND_SHARE_BPS = keccak256("land.renderingFundShareBps");

    /// @notice The parameter holding the rights of `unitType`.
    function rightsKey(IUnitRegistry.UnitType unitType) internal pure returns (bytes32) {
        if (unitType == IUnitRegistry.UnitType.Residential) return RIGHTS_RESIDENTIAL;
        if (unitType == IUnitRegistry.UnitType.Commercial) return RIGHTS_COMMERCIAL;
        if (unitType == IUnitRegistry.UnitType.Community) return RIGHTS_COMMUNITY;
        return RIGHTS_EXTERNAL;
    }

    /// @notice The parameter holding the price of one unit of `unitType`, in MRK wei.
    function priceKey(IUnitRegistry.UnitType unitType) internal pure returns (bytes32) {
        if (unitType == IUnitRegistry.UnitType.Residential) return PRICE_RESIDENTIAL;
        if (unitType == IUnitRegistry.UnitType.Commercial) return PRICE_COMMERCIAL;
        if (unitType == IUnitRegistry.UnitType.Community) return PRICE_COMMUNITY;
        return PRICE_EXTERNAL;
    }

    /// @notice The parameter holding the price of one extra room in a unit of `unitType`;
    /// `bytes32(0)` for External surfaces, which have no rooms.
    function roomPriceKey(IUnitRegistry.UnitType unitType) internal pure returns (bytes32) {
        if (unitType == IUnitRegistry.UnitType.Residential) return ROOM_RESIDENTIAL;
        if (unitType == IUnitRegistry.UnitType.Commercial) return ROOM_COMMERCIAL;
        if (unitType == IUnitRegistry.UnitType.Community) return ROOM_COMMUNITY;
        return bytes32(0);
    }
}
