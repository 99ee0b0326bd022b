// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {AggregatorV3Interface} from "../interfaces/AggregatorV3Interface.sol";
import {IMarkParameters} from "../interfaces/IMarkParameters.sol";
import {IMarkSale} from "../interfaces/IMarkSale.sol";

/// @title MarkSale
/// @notice The MRK crowdsale: 970,000,000 MRK in five stages priced in USD (0.06, 0.08, 0.085,
/// 0.09 and 0.10 USD per MRK, i.e. 40, 20, 15, 10 and 0 % off the 0.10 USD base price), paid in
/// ETH at the Chainlink USD/ETH price. A purchase that crosses a stage boundary is priced per
/// stage; ETH beyond what the tokens cost is refunded in the same transaction. Tokens bought
/// before `tokensReleaseAt` are claimed after it; later purchases are delivered at once.
/// Unsold MRK goes to the rendering fund (up to 200,000,000) and the treasury at `finalize`;
/// the ETH proceeds are split by purpose and pulled by each purpose's payee.
/// @dev The sale sells what it holds: MRK may arrive before or after construction, and a
/// purchase that would need more than the contract holds (beyond buyers' unclaimed tokens)
/// reverts with `SaleInsufficientTokens`. Amounts in USD carry 18 decimals; stage prices are
/// USD (18 decimals) per whole MRK, so `tokens * price` is an exact USD amount with 36 decimals
/// ("fine" units below), which keeps every rounding to one place.
contract MarkSale is IMarkSale, ReentrancyGuard {
    using SafeERC20 for IERC20;

    // --- Constants -------------------------------------------------------------------------------

    /// @notice All MRK on sale, the sum of the five stages (wei units, 18 decimals).
    uint256 public constant CAP = 970_000_000 ether;

    /// @notice Number of price stages.
    uint8 public constant STAGE_COUNT = 5;

    /// @notice The undiscounted price: 0.10 USD per MRK (18 decimals).
    uint256 public constant BASE_PRICE_USD = 0.1 ether;

    /// @notice Smallest purchase, in wei.
    uint256 public constant MIN_PURCHASE = 0.001 ether;

    /// @notice Most MRK one purchase may buy.
    uint256 public constant MAX_PURCHASE = 30_000_000 ether;

    /// @notice Most unsold MRK the rendering fund receives at `finalize`.
    uint256 public constant RENDERING_FUND_MAX = 200_000_000 ether;

    /// @notice Parameter key: the oldest oracle price accepted, in seconds.
    bytes32 public constant MAX_PRICE_AGE_KEY = keccak256("sale.maxPriceAge");

    /// @notice Parameter key: the largest move from the previous round's price, in basis points.
    bytes32 public constant MAX_PRICE_DEVIATION_KEY = keccak256("sale.maxPriceDeviationBps");

    /// @notice Number of proceeds purposes (indices below).
    uint8 public constant PURPOSE_COUNT = 7;
    /// @notice Proceeds purpose 0: core team, 4 %.
    uint8 public constant PURPOSE_CORE_TEAM = 0;
    /// @notice Proceeds purpose 1: participators, 6 %.
    uint8 public constant PURPOSE_PARTICIPATORS = 1;
    /// @notice Proceeds purpose 2: research, 7 %.
    uint8 public constant PURPOSE_RESEARCH = 2;
    /// @notice Proceeds purpose 3: development, 33 %.
    uint8 public constant PURPOSE_DEVELOPMENT = 3;
    /// @notice Proceeds purpose 4: marketing, 36 %.
    uint8 public constant PURPOSE_MARKETING = 4;
    /// @notice Proceeds purpose 5: indirect costs (office, salaries, legal), 10 %.
    uint8 public constant PURPOSE_INDIRECT = 5;
    /// @notice Proceeds purpose 6: technology infrastructure, 4 %.
    uint8 public constant PURPOSE_INFRASTRUCTURE = 6;

    uint256 private constant _BPS = 10_000;
    /// @dev USD amounts above this (about 3.4e20 USD, far beyond the whole sale) buy the same as it.
    uint256 private constant _USD_CLAMP = type(uint128).max;

    // --- Configuration ---------------------------------------------------------------------------

    /// @notice MRK.
    IERC20 public immutable token;
    /// @notice Chainlink USD-per-ETH feed.
    AggregatorV3Interface public immutable priceFeed;
    /// @notice Governance's parameter store.
    IMarkParameters public immutable parameters;
    /// @notice First second at which `buy` is accepted.
    uint64 public immutable opensAt;
    /// @notice First second at which `buy` is refused again.
    uint64 public immutable closesAt;
    /// @notice Purchased MRK cannot leave the sale before this second.
    uint64 public immutable tokensReleaseAt;
    /// @notice Receives up to `RENDERING_FUND_MAX` unsold MRK at `finalize`.
    address public immutable renderingFund;
    /// @notice Receives the remaining unsold MRK at `finalize`.
    address public immutable treasury;
    /// @notice `10 ** priceFeed.decimals()`, read once at construction.
    uint256 public immutable priceScale;

    address[7] private _payees;

    // --- State -----------------------------------------------------------------------------------

    /// @dev Everything `buy` updates on every purchase, in one storage slot.
    struct State {
        uint96 sold;
        uint128 weiRaised;
        bool finalized;
    }

    State private _state;

    /// @notice MRK bought before the release time and not yet claimed, in total.
    uint256 public totalUnclaimed;

    /// @notice MRK `account` bought before the release time and has not claimed yet.
    mapping(address account => uint256) public claimable;

    uint256[7] private _withdrawn;

    /// @dev The outcome of spending an amount of ETH from a position in the stage table.
    struct Purchase {
        uint256 tokens;
        uint256 fineCost; // USD with 36 decimals: sum of tokens * stage price
        uint256 charged; // wei
        uint8 firstStage;
        uint8 lastStage;
        uint256[5] perStage;
    }

    /// @param config See `IMarkSale.SaleConfig`.
    constructor(SaleConfig memory config) {
        if (address(config.token) == address(0)) revert SaleZeroAddress("token");
        if (address(config.priceFeed) == address(0)) revert SaleZeroAddress("priceFeed");
        if (address(config.parameters) == address(0)) revert SaleZeroAddress("parameters");
        if (config.renderingFund == address(0)) revert SaleZeroAddress("renderingFund");
        if (config.treasury == address(0)) revert SaleZeroAddress("treasury");
        for (uint8 i; i < PURPOSE_COUNT; ++i) {
            if (config.payees[i] == address(0)) revert SaleZeroPayee(i);
        }
        if (config.opensAt >= config.closesAt) revert SaleInvalidSchedule(config.opensAt, config.closesAt);
        uint8 feedDecimals = config.priceFeed.decimals();
        if (feedDecimals > 18) revert SaleInvalidFeedDecimals(feedDecimals);

        token = config.token;
        priceFeed = config.priceFeed;
        parameters = config.parameters;
        opensAt = config.opensAt;
        closesAt = config.closesAt;
        tokensReleaseAt = config.tokensReleaseAt;
        renderingFund = config.renderingFund;
        treasury = config.treasury;
        priceScale = 10 ** feedDecimals;
        _payees = config.payees;
    }

    // =============================================================================================
    // Buying and claiming
    // =============================================================================================

    /// @notice Buys MRK with all of `msg.value` the current stages can take; the excess (when
    /// the sale sells out, or below one token wei) is refunded to the caller at once.
    /// @param minTokens The fewest MRK (wei units) the caller accepts (slippage guard).
    /// @return tokens MRK bought: delivered now after `tokensReleaseAt`, claimable later before it.
    function buy(uint256 minTokens) external payable nonReentrant returns (uint256 tokens) {
        if (block.timestamp < opensAt) revert SaleNotOpen(block.timestamp, opensAt);
        if (block.timestamp >= closesAt) revert SaleClosed(block.timestamp, closesAt);
        State memory state = _state;
        if (state.finalized) revert SaleAlreadyFinalized();
        if (state.sold >= CAP) revert SaleSoldOut(CAP);
        if (msg.value < MIN_PURCHASE) revert SaleBelowMinimum(msg.value, MIN_PURCHASE);

        uint256 price = _price();
        Purchase memory p = _purchase(state.sold, msg.value, price);
        tokens = p.tokens;
        if (tokens == 0) revert SaleNoTokens(msg.value);
        if (tokens > MAX_PURCHASE) revert SaleAboveMaxPurchase(tokens, MAX_PURCHASE);
        if (tokens < minTokens) revert SaleBelowMinTokens(tokens, minTokens);
        uint256 unclaimed = totalUnclaimed;
        uint256 available = _spare(unclaimed);
        if (tokens > available) revert SaleInsufficientTokens(tokens, available);

        // Effects. `sold` stays below CAP < 2**96; `weiRaised` is bounded by all ETH in existence.
        uint256 soldAfter = state.sold + tokens;
        _state = State({sold: uint96(soldAfter), weiRaised: state.weiRaised + uint128(p.charged), finalized: false});
        bool deliver = block.timestamp >= tokensReleaseAt;
        if (!deliver) {
            claimable[msg.sender] += tokens;
            totalUnclaimed = unclaimed + tokens;
        }
        for (uint8 i = p.firstStage; i <= p.lastStage; ++i) {
            if (soldAfter >= _stageEnd(i)) emit StageFilled(i);
        }
        emit TokensPurchased(msg.sender, tokens, p.charged, p.fineCost / 1e18, price, p.firstStage, p.lastStage);

        // Interactions.
        if (deliver) token.safeTransfer(msg.sender, tokens);
        uint256 refund = msg.value - p.charged;
        if (refund != 0) {
            (bool ok, ) = msg.sender.call{value: refund}("");
            if (!ok) revert SaleRefundFailed(msg.sender, refund);
        }
    }

    /// @notice Sends the caller the MRK it bought before `tokensReleaseAt`; only from that time.
    /// @return tokens MRK sent.
    function claim() external nonReentrant returns (uint256 tokens) {
        if (block.timestamp < tokensReleaseAt) revert SaleTokensLocked(tokensReleaseAt);
        tokens = claimable[msg.sender];
        if (tokens == 0) revert SaleNothingToClaim(msg.sender);
        claimable[msg.sender] = 0;
        totalUnclaimed -= tokens;
        emit TokensClaimed(msg.sender, tokens);
        token.safeTransfer(msg.sender, tokens);
    }

    // =============================================================================================
    // Ending the sale
    // =============================================================================================

    /// @notice Ends the sale (anyone, once, after `closesAt` or when sold out): the unsold MRK the
    /// contract can spare beside buyers' unclaimed tokens goes to the rendering fund, up to
    /// `RENDERING_FUND_MAX`, and the rest to the treasury. Buying is impossible afterwards.
    function finalize() external nonReentrant {
        State memory state = _state;
        if (state.finalized) revert SaleAlreadyFinalized();
        if (block.timestamp < closesAt && state.sold < CAP) revert SaleNotOver(closesAt, CAP - state.sold);
        uint256 unsold = Math.min(CAP - state.sold, _spare(totalUnclaimed));
        uint256 toRenderingFund = Math.min(unsold, RENDERING_FUND_MAX);
        uint256 toTreasury = unsold - toRenderingFund;
        _state.finalized = true;
        emit SaleFinalized(state.sold, toRenderingFund, toTreasury);
        if (toRenderingFund != 0) token.safeTransfer(renderingFund, toRenderingFund);
        if (toTreasury != 0) token.safeTransfer(treasury, toTreasury);
    }

    // =============================================================================================
    // Proceeds
    // =============================================================================================

    /// @notice Sends the proceeds releasable to `purpose` to its payee (anyone may trigger it).
    /// A payee that rejects ETH only blocks its own withdrawal.
    /// @return amount Wei sent.
    function withdrawProceeds(uint8 purpose) external nonReentrant returns (uint256 amount) {
        amount = releasable(purpose);
        if (amount == 0) revert SaleNothingReleasable(purpose);
        _withdrawn[purpose] += amount;
        address payee = _payees[purpose];
        emit ProceedsWithdrawn(purpose, payee, amount);
        (bool ok, ) = payee.call{value: amount}("");
        if (!ok) revert SaleWithdrawFailed(purpose, payee, amount);
    }

    /// @notice Wei `purpose` may withdraw now: its share of `weiRaised` minus what it withdrew.
    /// @dev Shares come from cumulative basis points, so the seven add up to exactly the amount
    /// shared. Until `finalize`, only the part of `weiRaised` that is a multiple of 10,000 wei is
    /// shared, which makes every share exact and never shrink as `weiRaised` grows (cumulative
    /// rounding alone can take one wei back from a purpose that already withdrew it); the last
    /// < 10,000 wei are shared at `finalize`, when `weiRaised` is final.
    function releasable(uint8 purpose) public view returns (uint256) {
        uint256 share = proceedsShare(purpose); // checks `purpose`
        return share - _withdrawn[purpose];
    }

    /// @notice `purpose`'s share of the proceeds shared so far (withdrawn or not); see `releasable`.
    function proceedsShare(uint8 purpose) public view returns (uint256) {
        if (purpose >= PURPOSE_COUNT) revert SaleInvalidPurpose(purpose);
        State memory state = _state;
        uint256 shared = state.finalized ? state.weiRaised : state.weiRaised - (state.weiRaised % _BPS);
        return (shared * _cumulativeBps(purpose + 1)) / _BPS - (shared * _cumulativeBps(purpose)) / _BPS;
    }

    /// @notice Wei already withdrawn for `purpose`.
    function proceedsWithdrawn(uint8 purpose) external view returns (uint256) {
        if (purpose >= PURPOSE_COUNT) revert SaleInvalidPurpose(purpose);
        return _withdrawn[purpose];
    }

    /// @notice `purpose`'s share of the proceeds, in basis points.
    function proceedsBps(uint8 purpose) external pure returns (uint256) {
        if (purpose >= PURPOSE_COUNT) revert SaleInvalidPurpose(purpose);
        return _cumulativeBps(purpose + 1) - _cumulativeBps(purpose);
    }

    /// @notice The address `purpose`'s proceeds go to.
    function payees(uint8 purpose) external view returns (address) {
        if (purpose >= PURPOSE_COUNT) revert SaleInvalidPurpose(purpose);
        return _payees[purpose];
    }

    // =============================================================================================
    // Views
    // =============================================================================================

    /// @notice MRK sold so far (wei units).
    function sold() external view returns (uint256) {
        return _state.sold;
    }

    /// @notice ETH kept from purchases (after refunds), in wei, withdrawn or not.
    function weiRaised() external view returns (uint256) {
        return _state.weiRaised;
    }

    /// @notice Whether `finalize` ran.
    function finalized() external view returns (bool) {
        return _state.finalized;
    }

    /// @notice USD value (18 decimals, rounded down) of the MRK sold, at their stage prices.
    /// @dev Derived from `sold` instead of stored, which saves `buy` a storage write.
    function usdRaised() external view returns (uint256) {
        return _fineCost(0, _state.sold) / 1e18;
    }

    /// @notice MRK not sold yet.
    function tokensLeft() external view returns (uint256) {
        return CAP - _state.sold;
    }

    /// @notice The stage the next purchase starts in (0-based), its price (USD per MRK, 18
    /// decimals) and the MRK left in it. Once sold out: the last stage with nothing left.
    function currentStage() external view returns (uint8 index, uint256 priceUsd, uint256 tokensLeftInStage) {
        uint256 position = _state.sold;
        index = _stageAt(position);
        if (index == STAGE_COUNT) return (STAGE_COUNT - 1, _stagePrice(STAGE_COUNT - 1), 0);
        return (index, _stagePrice(index), _stageEnd(index) - position);
    }

    /// @notice Stage `index` (0-based): discount off `BASE_PRICE_USD` in basis points, price (USD
    /// per MRK, 18 decimals), size and MRK sold in it.
    function stage(
        uint8 index
    ) external view returns (uint256 discountBps, uint256 priceUsd, uint256 size, uint256 soldInStage) {
        if (index >= STAGE_COUNT) revert SaleInvalidStage(index);
        priceUsd = _stagePrice(index);
        discountBps = ((BASE_PRICE_USD - priceUsd) * _BPS) / BASE_PRICE_USD;
        uint256 start = index == 0 ? 0 : _stageEnd(index - 1);
        size = _stageEnd(index) - start;
        uint256 position = _state.sold;
        soldInStage = position <= start ? 0 : Math.min(position, _stageEnd(index)) - start;
    }

    /// @notice What `buy` would do now with `weiAmount`, at the current oracle price (reverting
    /// like `buy` on a bad price). Opening hours, the purchase limits and the contract's MRK
    /// balance are not checked: compare `tokens` with `MAX_PURCHASE` and `minTokens` yourself.
    /// @return tokens MRK bought.
    /// @return weiCharged Wei kept.
    /// @return refund Wei returned.
    /// @return tokensPerStage MRK bought in each stage.
    function quote(
        uint256 weiAmount
    ) external view returns (uint256 tokens, uint256 weiCharged, uint256 refund, uint256[5] memory tokensPerStage) {
        Purchase memory p = _purchase(_state.sold, weiAmount, _price());
        return (p.tokens, p.charged, weiAmount - p.charged, p.perStage);
    }

    /// @notice Wei that buys at least `tokens` MRK from the current position at the current
    /// oracle price (rounded up; `buy` with it may yield a few token wei more).
    function quoteTokens(uint256 tokens) external view returns (uint256 weiCost) {
        uint256 position = _state.sold;
        if (tokens > CAP - position) revert SaleInsufficientTokens(tokens, CAP - position);
        uint256 usd = Math.ceilDiv(_fineCost(position, position + tokens), 1e18);
        return Math.mulDiv(usd, priceScale, _price(), Math.Rounding.Ceil);
    }

    // =============================================================================================
    // Internals
    // =============================================================================================

    /// @dev The checked oracle price (feed decimals). The previous round (`roundId - 1`) is the
    /// reference for the deviation check; the check is skipped only when that round does not
    /// exist: `roundId` is 0, `getRoundData` reverts (Chainlink's "No data present", e.g. the
    /// first round of a feed or of a new proxy phase) or it returns `updatedAt == 0`. A previous
    /// round that exists with a price ≤ 0 counts as an unbounded deviation.
    function _price() private view returns (uint256) {
        (uint80 roundId, int256 answer, , uint256 updatedAt, uint80 answeredInRound) = priceFeed.latestRoundData();
        if (answer <= 0) revert SaleInvalidPrice(answer);
        if (updatedAt > block.timestamp) revert SaleFuturePrice(updatedAt, block.timestamp);
        if (answeredInRound < roundId) revert SaleIncompleteRound(roundId, answeredInRound);
        uint256 maxAge = parameters.get(MAX_PRICE_AGE_KEY);
        if (block.timestamp - updatedAt > maxAge) revert SaleStalePrice(updatedAt, maxAge);
        if (roundId != 0) {
            try priceFeed.getRoundData(roundId - 1) returns (uint80, int256 previous, uint256, uint256 at, uint80) {
                if (at != 0) {
                    uint256 maxBps = parameters.get(MAX_PRICE_DEVIATION_KEY);
                    if (previous <= 0) revert SalePriceDeviation(answer, previous, maxBps);
                    uint256 now_ = uint256(answer);
                    uint256 before = uint256(previous);
                    uint256 move = now_ > before ? now_ - before : before - now_;
                    if (move * _BPS > maxBps * before) revert SalePriceDeviation(answer, previous, maxBps);
                }
            } catch {
                // No previous round: nothing to compare with.
            }
        }
        return uint256(answer);
    }

    /// @dev Spends `weiAmount` at `price` from position `from` of the stage table.
    function _purchase(uint256 from, uint256 weiAmount, uint256 price) private view returns (Purchase memory p) {
        uint256 usd = Math.min(Math.mulDiv(weiAmount, price, priceScale), _USD_CLAMP);
        uint256 budget = usd * 1e18; // fine units
        uint8 i = _stageAt(from);
        p.firstStage = i;
        p.lastStage = i;
        uint256 position = from;
        while (i < STAGE_COUNT) {
            uint256 stagePrice = _stagePrice(i);
            uint256 room = _stageEnd(i) - position;
            uint256 take = Math.min(budget / stagePrice, room);
            if (take != 0) {
                p.perStage[i] = take;
                p.tokens += take;
                p.fineCost += take * stagePrice;
                budget -= take * stagePrice;
                position += take;
                p.lastStage = i;
            }
            // Budget left is below one token wei here, and later stages cost more.
            if (take < room) break;
            ++i;
        }
        // Rounded up: the ETH kept is always worth at least the tokens' USD cost.
        p.charged = Math.ceilDiv(Math.mulDiv(p.fineCost, priceScale, price, Math.Rounding.Ceil), 1e18);
    }

    /// @dev USD (36 decimals) of the MRK between positions `from` and `to` of the stage table.
    function _fineCost(uint256 from, uint256 to) private pure returns (uint256 cost) {
        uint256 position = from;
        for (uint8 i = _stageAt(from); position < to; ++i) {
            uint256 end = Math.min(_stageEnd(i), to);
            cost += (end - position) * _stagePrice(i);
            position = end;
        }
    }

    /// @dev MRK the contract holds beyond buyers' unclaimed tokens.
    function _spare(uint256 unclaimed) private view returns (uint256) {
        uint256 balance = token.balanceOf(address(this));
        return balance > unclaimed ? balance - unclaimed : 0;
    }

    /// @dev The stage containing position `position` (`STAGE_COUNT` when sold out).
    function _stageAt(uint256 position) private pure returns (uint8) {
        if (position < 250_000_000 ether) return 0;
        if (position < 500_000_000 ether) return 1;
        if (position < 700_000_000 ether) return 2;
        if (position < 870_000_000 ether) return 3;
        if (position < CAP) return 4;
        return STAGE_COUNT;
    }

    /// @dev Cumulative MRK at the end of stage `i` (250M, 250M, 200M, 170M and 100M MRK).
    function _stageEnd(uint8 i) private pure returns (uint256) {
        if (i == 0) return 250_000_000 ether;
        if (i == 1) return 500_000_000 ether;
        if (i == 2) return 700_000_000 ether;
        if (i == 3) return 870_000_000 ether;
        return CAP;
    }

    /// @dev USD per MRK (18 decimals) in stage `i`.
    function _stagePrice(uint8 i) private pure returns (uint256) {
        if (i == 0) return 0.06 ether;
        if (i == 1) return 0.08 ether;
        if (i == 2) return 0.085 ether;
        if (i == 3) return 0.09 ether;
        return BASE_PRICE_USD;
    }

    /// @dev Basis points of the purposes before `purpose` (400, 600, 700, 3300, 3600, 1000, 400).
    function _cumulativeBps(uint256 purpose) private pure returns (uint256) {
        if (purpose == 0) return 0;
        if (purpose == 1) return 400;
        if (purpose == 2) return 1_000;
        if (purpose == 3) return 1_700;
        if (purpose == 4) return 5_000;
        if (purpose == 5) return 8_600;
        if (purpose == 6) return 9_600;
        return _BPS;
    }
}
