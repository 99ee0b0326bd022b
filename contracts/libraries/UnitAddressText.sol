// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {UnitAddress} from "./UnitAddress.sol";

/// @title UnitAddressText
/// @notice The human form of a unit's address, exactly as `formatUnitAddress` in
/// `contracts/unit-address.ts` writes it: district code, neighbourhood, building, floor, unit —
/// `R-0042-07-12-003`, `R-0042-07-12-X017` for external surface 17, `D5-0001-00-00-000` in a
/// district governance opened (the seed's four are R, B, C and S).
library UnitAddressText {
    /// @notice The human form of `unitId`; reverts with `UnitIdInvalid` when it is not a unit's id.
    function toText(uint256 unitId) internal pure returns (string memory) {
        UnitAddress.Parts memory parts = UnitAddress.decode(unitId);
        string memory unit = _pad(parts.unit, 3);
        if (parts.space == UnitAddress.EXTERNAL) unit = string.concat("X", unit);
        return
            string.concat(
                districtCode(parts.district),
                "-",
                _pad(parts.neighbourhood, 4),
                "-",
                _pad(parts.building, 2),
                "-",
                _pad(parts.floor, 2),
                "-",
                unit
            );
    }

    /// @notice `R`, `B`, `C`, `S` for the seed's districts, `D<n>` for the ones governance opens.
    function districtCode(uint8 district) internal pure returns (string memory) {
        if (district == UnitAddress.RESIDENTIAL) return "R";
        if (district == UnitAddress.BUSINESS) return "B";
        if (district == UnitAddress.COMMUNITY) return "C";
        if (district == UnitAddress.SHOPPING) return "S";
        return string.concat("D", Strings.toString(district));
    }

    /// @dev `value` in decimal, left-padded with zeros to `width` digits (wider values are kept whole).
    function _pad(uint256 value, uint256 width) private pure returns (string memory text) {
        text = Strings.toString(value);
        // Bounded by `width` (at most 4 here).
        for (uint256 length = bytes(text).length; length < width; ++length) text = string.concat("0", text);
    }
}
