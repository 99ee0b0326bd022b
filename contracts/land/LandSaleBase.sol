// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IUnitRegistry} from "../interfaces/IUnitRegistry.sol";
import {IMarkParameters} from "../interfaces/IMarkParameters.sol";
import {LandRights} from "./LandRights.sol";
import {MrkPermit} from "../libraries/MrkPermit.sol";

/// @title LandSaleBase
/// @notice What the paid land offices share: prices and storage fees from governance parameters,
/// and payment in MRK (allowance, or an EIP-2612 permit in the same transaction) split between
/// the treasury and the rendering fund. Buyers name the most they will pay, so a price change
/// by governance between signing and mining cannot overcharge them.
abstract contract LandSaleBase is ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @notice Storage is prepaid for at most this many days at once (100 years).
    uint32 public constant MAX_STORAGE_DAYS = 36_500;
    uint256 private constant BPS = 10_000;
    uint256 private constant DAYS_PER_YEAR = 365;

    IUnitRegistry public immutable registry;
    IERC20 public immutable mrk;
    IMarkParameters public immutable parameters;
    /// @notice Receives the treasury's share of every payment.
    address public immutable treasury;
    /// @notice Receives the rendering fund's share (`land.renderingFundShareBps`).
    address public immutable renderingFund;

    /// @notice An EIP-2612 permit for the payment, used when the allowance is short.
    struct Permit {
        uint256 value;
        uint256 deadline;
        uint8 v;
        bytes32 r;
        bytes32 s;
    }

    /// @notice Emitted for every payment: `kind` 0 unit, 1 floor, 2 building, 3 rooms, 4 storage.
    event LandPaid(
        address indexed payer,
        uint256 indexed unitId,
        uint8 indexed kind,
        uint256 amount,
        uint256 toTreasury,
        uint256 toRenderingFund
    );

    error LandPriceAboveLimit(uint256 price, uint256 maxPrice);
    error LandStorageDaysInvalid(uint32 storageDays);
    error LandSaleZeroAddress();

    constructor(
        IUnitRegistry registry_,
        IERC20 mrk_,
        IMarkParameters parameters_,
        address treasury_,
        address renderingFund_
    ) {
        if (
            address(registry_) == address(0) ||
            address(mrk_) == address(0) ||
            address(parameters_) == address(0) ||
            treasury_ == address(0) ||
            renderingFund_ == address(0)
        ) revert LandSaleZeroAddress();
        registry = registry_;
        mrk = mrk_;
        parameters = parameters_;
        treasury = treasury_;
        renderingFund = renderingFund_;
    }

    /// @notice Price of one unit of `unitType` now, in MRK wei.
    function unitPrice(IUnitRegistry.UnitType unitType) public view returns (uint256) {
        return parameters.get(LandRights.priceKey(unitType));
    }

    /// @notice Price of one extra room in a unit of `unitType` (External surfaces have none).
    function roomPrice(IUnitRegistry.UnitType unitType) public view returns (uint256) {
        bytes32 key = LandRights.roomPriceKey(unitType);
        return key == bytes32(0) ? 0 : parameters.get(key);
    }

    /// @notice Storage for `storageDays` days of units worth `value` MRK wei in total:
    /// `value × land.storageFeeBps / 10,000` per 365 days, rounded up.
    function storageFee(uint256 value, uint32 storageDays) public view returns (uint256) {
        return
            Math.mulDiv(
                value,
                parameters.get(LandRights.STORAGE_FEE_BPS) * storageDays,
                BPS * DAYS_PER_YEAR,
                Math.Rounding.Ceil
            );
    }

    /// @dev The paid-until time `storageDays` days after `current` or now, whichever is later,
    /// so days already paid are never paid again.
    function _paidUntil(uint40 current, uint32 storageDays) internal view returns (uint40) {
        if (storageDays > MAX_STORAGE_DAYS) revert LandStorageDaysInvalid(storageDays);
        uint256 start = current > block.timestamp ? current : block.timestamp;
        return uint40(start + uint256(storageDays) * 1 days);
    }

    /// @dev Takes `amount` MRK from the caller (using `permit` first when given and the allowance is
    /// short) and sends the shares to the treasury and the rendering fund. Checks `maxPrice` first.
    function _collect(uint256 unitId, uint8 kind, uint256 amount, uint256 maxPrice, Permit calldata permit) internal {
        if (amount > maxPrice) revert LandPriceAboveLimit(amount, maxPrice);
        if (amount == 0) return;
        MrkPermit.useIfShort(mrk, amount, permit.value, permit.deadline, permit.v, permit.r, permit.s);
        uint256 toRenderingFund = Math.mulDiv(amount, parameters.get(LandRights.RENDERING_FUND_SHARE_BPS), BPS);
        uint256 toTreasury = amount - toRenderingFund;
        if (toTreasury != 0) mrk.safeTransferFrom(msg.sender, treasury, toTreasury);
        if (toRenderingFund != 0) mrk.safeTransferFrom(msg.sender, renderingFund, toRenderingFund);
        emit LandPaid(msg.sender, unitId, kind, amount, toTreasury, toRenderingFund);
    }
}
