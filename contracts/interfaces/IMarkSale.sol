// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {AggregatorV3Interface} from "./AggregatorV3Interface.sol";
import {IMarkParameters} from "./IMarkParameters.sol";

/// @title IMarkSale
/// @notice Types, events and errors of the MRK crowdsale (`MarkSale`).
interface IMarkSale {
    /// @notice Everything the sale is built with; nothing of it changes afterwards.
    /// @param token MRK.
    /// @param priceFeed Chainlink USD-per-ETH feed (at most 18 decimals).
    /// @param parameters Governance's parameter store (`sale.maxPriceAge`, `sale.maxPriceDeviationBps`).
    /// @param opensAt First second at which `buy` is accepted.
    /// @param closesAt First second at which `buy` is refused again.
    /// @param tokensReleaseAt Purchased MRK cannot leave the sale before this second.
    /// @param renderingFund Receives up to 200,000,000 unsold MRK at `finalize`.
    /// @param treasury Receives the rest of the unsold MRK at `finalize`.
    /// @param payees ETH proceeds recipients, one per purpose (see `MarkSale.PURPOSE_COUNT`).
    struct SaleConfig {
        IERC20 token;
        AggregatorV3Interface priceFeed;
        IMarkParameters parameters;
        uint64 opensAt;
        uint64 closesAt;
        uint64 tokensReleaseAt;
        address renderingFund;
        address treasury;
        address[7] payees;
    }

    // --- Events ----------------------------------------------------------------------------------

    /// @notice `buyer` bought `tokens` MRK for `weiPaid` (after the refund), worth `usdValue`
    /// (18 decimals) at stage prices, with the oracle at `price` (feed decimals). The purchase
    /// ran from stage `firstStage` to stage `lastStage` (0-based).
    event TokensPurchased(
        address indexed buyer,
        uint256 tokens,
        uint256 weiPaid,
        uint256 usdValue,
        uint256 price,
        uint8 firstStage,
        uint8 lastStage
    );

    /// @notice Stage `stage` (0-based) has no tokens left; the next purchase starts in `stage + 1`
    /// (after the last stage, the sale is sold out).
    event StageFilled(uint8 stage);

    /// @notice `account` received `tokens` MRK it bought before the release time.
    event TokensClaimed(address indexed account, uint256 tokens);

    /// @notice The sale ended with `sold` MRK sold; the unsold MRK went to the rendering fund
    /// and the treasury.
    event SaleFinalized(uint256 sold, uint256 toRenderingFund, uint256 toTreasury);

    /// @notice `amount` wei of proceeds for `purpose` went to its payee.
    event ProceedsWithdrawn(uint8 indexed purpose, address indexed payee, uint256 amount);

    // --- Errors: construction --------------------------------------------------------------------

    /// @notice The constructor argument `field` is the zero address.
    error SaleZeroAddress(string field);

    /// @notice The payee of `purpose` is the zero address.
    error SaleZeroPayee(uint8 purpose);

    /// @notice `opensAt` is not before `closesAt`.
    error SaleInvalidSchedule(uint64 opensAt, uint64 closesAt);

    /// @notice The price feed has more than 18 decimals.
    error SaleInvalidFeedDecimals(uint8 decimals);

    // --- Errors: buying --------------------------------------------------------------------------

    /// @notice The sale opens at `opensAt`; it is `timestamp`.
    error SaleNotOpen(uint256 timestamp, uint256 opensAt);

    /// @notice The sale closed at `closesAt`; it is `timestamp`.
    error SaleClosed(uint256 timestamp, uint256 closesAt);

    /// @notice `finalize` already ran.
    error SaleAlreadyFinalized();

    /// @notice All `cap` MRK are sold.
    error SaleSoldOut(uint256 cap);

    /// @notice `value` wei is below the smallest purchase, `minimum` wei.
    error SaleBelowMinimum(uint256 value, uint256 minimum);

    /// @notice The oracle's price is zero or negative.
    error SaleInvalidPrice(int256 price);

    /// @notice The oracle's price is dated `updatedAt`, later than the block's `timestamp`.
    error SaleFuturePrice(uint256 updatedAt, uint256 timestamp);

    /// @notice The oracle's latest round `roundId` was answered in an earlier round.
    error SaleIncompleteRound(uint80 roundId, uint80 answeredInRound);

    /// @notice The oracle's price, dated `updatedAt`, is older than `maxAge` seconds.
    error SaleStalePrice(uint256 updatedAt, uint256 maxAge);

    /// @notice The oracle's `price` moved more than `maxBps` basis points from the previous
    /// round's `previousPrice`.
    error SalePriceDeviation(int256 price, int256 previousPrice, uint256 maxBps);

    /// @notice `value` wei buys no whole token wei.
    error SaleNoTokens(uint256 value);

    /// @notice The purchase of `tokens` MRK exceeds the per-purchase limit `max`.
    error SaleAboveMaxPurchase(uint256 tokens, uint256 max);

    /// @notice The purchase yields `tokens` MRK, fewer than the buyer's `minTokens`.
    error SaleBelowMinTokens(uint256 tokens, uint256 minTokens);

    /// @notice The sale holds only `available` MRK for new buyers but `tokens` are wanted.
    error SaleInsufficientTokens(uint256 tokens, uint256 available);

    /// @notice Returning `amount` wei of excess to `buyer` failed.
    error SaleRefundFailed(address buyer, uint256 amount);

    // --- Errors: claiming, finalizing, proceeds -------------------------------------------------

    /// @notice Purchased tokens are locked until `releaseAt`.
    error SaleTokensLocked(uint256 releaseAt);

    /// @notice `account` has no tokens to claim.
    error SaleNothingToClaim(address account);

    /// @notice The sale is neither past `closesAt` nor sold out (`tokensLeft` MRK remain).
    error SaleNotOver(uint256 closesAt, uint256 tokensLeft);

    /// @notice There is no stage `index`.
    error SaleInvalidStage(uint8 index);

    /// @notice There is no proceeds purpose `purpose`.
    error SaleInvalidPurpose(uint8 purpose);

    /// @notice Nothing is releasable to `purpose` now.
    error SaleNothingReleasable(uint8 purpose);

    /// @notice Sending `amount` wei to `payee`, the payee of `purpose`, failed.
    error SaleWithdrawFailed(uint8 purpose, address payee, uint256 amount);
}
