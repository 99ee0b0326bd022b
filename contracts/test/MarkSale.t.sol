// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {Test} from "./utils/Test.sol";
import {MockPriceFeed} from "./mocks/MockPriceFeed.sol";
import {MockParameters} from "./mocks/MockParameters.sol";
import {EthRejecter, ReentrantBuyer} from "./mocks/SaleActors.sol";
import {IMarkParameters} from "../interfaces/IMarkParameters.sol";
import {AggregatorV3Interface} from "../interfaces/AggregatorV3Interface.sol";
import {IMarkSale} from "../interfaces/IMarkSale.sol";
import {IMarkToken} from "../interfaces/IMarkToken.sol";
import {MarkToken} from "../token/MarkToken.sol";
import {MarkSale} from "../sale/MarkSale.sol";

/// @notice Shared set-up: MRK with the sale's 970M parked at a funder (moved in after the sale
/// is built), a mock 8-decimal feed at 2,000 USD/ETH and a parameter store stand-in.
/// At 2,000 USD/ETH every whole-MRK amount in any stage costs an exact number of wei, so the
/// tests can move the sale to exact positions.
abstract contract MarkSaleBase is Test {
    uint256 internal constant MRK = 1 ether;
    uint256 internal constant CAP = 970_000_000 * MRK;
    int256 internal constant ETH_USD = 2_000e8;
    uint256 internal constant MAX_AGE = 1 hours;
    uint256 internal constant MAX_DEVIATION_BPS = 1_000;
    uint64 internal constant OPENS = 1_800_000_000;
    uint64 internal constant CLOSES = OPENS + 30 days;
    uint64 internal constant RELEASE = OPENS + 14 days;

    MarkToken internal token;
    MockPriceFeed internal feed;
    MockParameters internal params;
    MarkSale internal sale;
    address internal funder;
    address internal others;
    address internal renderingFund;
    address internal treasury;
    address[7] internal payees;
    address internal alice;
    address internal bob;
    address internal whale;

    function setUp() public virtual {
        vm.warp(OPENS - 1 days);
        funder = makeAddr("funder");
        others = makeAddr("others");
        renderingFund = makeAddr("renderingFund");
        treasury = makeAddr("treasury");
        for (uint256 i; i < 7; ++i) {
            payees[i] = makeAddr(string.concat("payee", _digit(i)));
        }
        alice = makeAddr("alice");
        bob = makeAddr("bob");
        whale = makeAddr("whale");

        IMarkToken.Allocation[] memory lines = new IMarkToken.Allocation[](2);
        lines[0] = IMarkToken.Allocation(funder, CAP);
        lines[1] = IMarkToken.Allocation(others, 3_000_000_000 * MRK - CAP);
        token = new MarkToken(lines);
        feed = new MockPriceFeed(8);
        params = new MockParameters();
        params.set(keccak256("sale.maxPriceAge"), MAX_AGE);
        params.set(keccak256("sale.maxPriceDeviationBps"), MAX_DEVIATION_BPS);
        _setPrice(ETH_USD);
        sale = new MarkSale(_config());
        vm.prank(funder);
        token.transfer(address(sale), CAP);

        vm.deal(alice, 1_000_000 ether);
        vm.deal(bob, 1_000_000 ether);
        vm.deal(whale, 100_000_000 ether);
    }

    function _config() internal view returns (IMarkSale.SaleConfig memory) {
        return
            IMarkSale.SaleConfig({
                token: IERC20(address(token)),
                priceFeed: AggregatorV3Interface(address(feed)),
                parameters: IMarkParameters(address(params)),
                opensAt: OPENS,
                closesAt: CLOSES,
                tokensReleaseAt: RELEASE,
                renderingFund: renderingFund,
                treasury: treasury,
                payees: payees
            });
    }

    /// @dev Two fresh rounds at `price`, so the deviation check compares equal prices.
    function _setPrice(int256 price) internal {
        feed.push(price, block.timestamp);
        feed.push(price, block.timestamp);
    }

    function _warp(uint256 timestamp) internal {
        vm.warp(timestamp);
        _setPrice(ETH_USD);
    }

    function _buy(address buyer, uint256 value) internal returns (uint256) {
        vm.prank(buyer);
        return sale.buy{value: value}(0);
    }

    /// @dev Moves the sale to `target` MRK sold with whale purchases within one stage each:
    /// exactly when it starts from a whole number of MRK (every whole-MRK amount costs an exact
    /// number of wei at 2,000 USD/ETH), else at most a few token wei beyond.
    function _fillTo(uint256 target) internal {
        bool exact = sale.sold() % MRK == 0;
        while (sale.sold() < target) {
            (, , uint256 leftInStage) = sale.currentStage();
            uint256 chunk = _min(_min(29_000_000 * MRK, target - sale.sold()), leftInStage);
            uint256 cost = sale.quoteTokens(chunk);
            assertGe(_buy(whale, cost), chunk, "fill chunk");
        }
        if (exact) assertEq(sale.sold(), target, "filled to target");
    }

    function _min(uint256 a, uint256 b) internal pure returns (uint256) {
        return a < b ? a : b;
    }

    function _digit(uint256 i) internal pure returns (string memory) {
        return string(abi.encodePacked(bytes1(uint8(48 + i))));
    }
}

contract MarkSaleTest is MarkSaleBase {
    function setUp() public override {
        super.setUp();
        _warp(OPENS);
    }

    // =========================================================================================
    // Construction and stage table
    // =========================================================================================

    function test_constructor_StoresTheConfiguration() public view {
        assertEq(address(sale.token()), address(token), "token");
        assertEq(address(sale.priceFeed()), address(feed), "feed");
        assertEq(address(sale.parameters()), address(params), "parameters");
        assertEq(sale.opensAt(), OPENS, "opensAt");
        assertEq(sale.closesAt(), CLOSES, "closesAt");
        assertEq(sale.tokensReleaseAt(), RELEASE, "release");
        assertEq(sale.renderingFund(), renderingFund, "renderingFund");
        assertEq(sale.treasury(), treasury, "treasury");
        assertEq(sale.priceScale(), 1e8, "priceScale");
        for (uint8 i; i < 7; ++i) assertEq(sale.payees(i), payees[i], "payee");
        assertEq(token.balanceOf(address(sale)), CAP, "funded");
    }

    function test_constructor_RevertWhen_AnAddressIsZero() public {
        IMarkSale.SaleConfig memory config = _config();
        config.token = IERC20(address(0));
        vm.expectRevert(abi.encodeWithSelector(IMarkSale.SaleZeroAddress.selector, "token"));
        new MarkSale(config);

        config = _config();
        config.priceFeed = AggregatorV3Interface(address(0));
        vm.expectRevert(abi.encodeWithSelector(IMarkSale.SaleZeroAddress.selector, "priceFeed"));
        new MarkSale(config);

        config = _config();
        config.parameters = IMarkParameters(address(0));
        vm.expectRevert(abi.encodeWithSelector(IMarkSale.SaleZeroAddress.selector, "parameters"));
        new MarkSale(config);

        config = _config();
        config.renderingFund = address(0);
        vm.expectRevert(abi.encodeWithSelector(IMarkSale.SaleZeroAddress.selector, "renderingFund"));
        new MarkSale(config);

        config = _config();
        config.treasury = address(0);
        vm.expectRevert(abi.encodeWithSelector(IMarkSale.SaleZeroAddress.selector, "treasury"));
        new MarkSale(config);

        config = _config();
        config.payees[5] = address(0);
        vm.expectRevert(abi.encodeWithSelector(IMarkSale.SaleZeroPayee.selector, 5));
        new MarkSale(config);
    }

    function test_constructor_RevertWhen_OpensAtIsNotBeforeClosesAt() public {
        IMarkSale.SaleConfig memory config = _config();
        config.closesAt = OPENS;
        vm.expectRevert(abi.encodeWithSelector(IMarkSale.SaleInvalidSchedule.selector, OPENS, OPENS));
        new MarkSale(config);
    }

    function test_constructor_RevertWhen_FeedHasMoreThan18Decimals() public {
        IMarkSale.SaleConfig memory config = _config();
        config.priceFeed = AggregatorV3Interface(address(new MockPriceFeed(19)));
        vm.expectRevert(abi.encodeWithSelector(IMarkSale.SaleInvalidFeedDecimals.selector, 19));
        new MarkSale(config);
    }

    function test_stage_TableFromTheWhitepaper() public view {
        uint256[5] memory discounts = [uint256(4_000), 2_000, 1_500, 1_000, 0];
        uint256[5] memory prices = [uint256(0.06 ether), 0.08 ether, 0.085 ether, 0.09 ether, 0.1 ether];
        uint256[5] memory sizes = [uint256(250_000_000 * MRK), 250_000_000 * MRK, 200_000_000 * MRK, 170_000_000 * MRK, 100_000_000 * MRK];
        uint256 total;
        uint256 usd;
        for (uint8 i; i < 5; ++i) {
            (uint256 discount, uint256 price, uint256 size, uint256 soldIn) = sale.stage(i);
            assertEq(discount, discounts[i], "discount");
            assertEq(price, prices[i], "price");
            assertEq(size, sizes[i], "size");
            assertEq(soldIn, 0, "sold");
            total += size;
            usd += (size * price) / 1e18;
        }
        assertEq(total, CAP, "cap");
        assertEq(usd, 77_300_000 ether, "hard cap in USD");
    }

    function test_stage_RevertWhen_IndexOutOfRange() public {
        vm.expectRevert(abi.encodeWithSelector(IMarkSale.SaleInvalidStage.selector, 5));
        sale.stage(5);
    }

    function test_currentStage_PricePerStage() public {
        uint256[5] memory prices = [uint256(0.06 ether), 0.08 ether, 0.085 ether, 0.09 ether, 0.1 ether];
        uint256[5] memory ends = [uint256(250_000_000 * MRK), 500_000_000 * MRK, 700_000_000 * MRK, 870_000_000 * MRK, CAP];
        for (uint8 i; i < 5; ++i) {
            (uint8 index, uint256 price, uint256 left) = sale.currentStage();
            assertEq(index, i, "index");
            assertEq(price, prices[i], "price");
            assertEq(left, ends[i] - sale.sold(), "left in stage");
            _fillTo(ends[i]);
        }
        (uint8 last, uint256 lastPrice, uint256 none) = sale.currentStage();
        assertEq(last, 4, "sold out: last stage");
        assertEq(lastPrice, 0.1 ether, "sold out: last price");
        assertEq(none, 0, "sold out: nothing left");
        assertEq(sale.tokensLeft(), 0, "tokensLeft");
        assertEq(sale.usdRaised(), 77_300_000 ether, "usdRaised");
        // 77.3M USD at 2,000 USD/ETH
        assertEq(sale.weiRaised(), 38_650 ether, "weiRaised");
    }

    // =========================================================================================
    // Buying
    // =========================================================================================

    /// @notice 1 ETH = 2,000 USD buys 2,000 / 0.06 = 33,333.333… MRK, floored to the token wei.
    function test_buy_WithinTheFirstStage() public {
        uint256 expected = 33_333_333333333333333333;
        vm.expectEmit(address(sale));
        emit IMarkSale.TokensPurchased(alice, expected, 1 ether, 1_999_999_999999999999999, uint256(ETH_USD), 0, 0);
        uint256 tokens = _buy(alice, 1 ether);
        assertEq(tokens, expected, "tokens");
        assertEq(sale.sold(), expected, "sold");
        // 33,333.333…333 MRK × 0.06 USD = 1,999.99999999999999999998 USD: 1 ETH, rounded up
        assertEq(sale.weiRaised(), 1 ether, "weiRaised");
        assertEq(address(sale).balance, 1 ether, "kept");
        assertEq(alice.balance, 1_000_000 ether - 1 ether, "no refund");
        assertEq(sale.claimable(alice), expected, "claimable before release");
        assertEq(sale.totalUnclaimed(), expected, "unclaimed");
        assertEq(token.balanceOf(alice), 0, "nothing delivered before release");
    }

    /// @notice From 240M: 1,000 ETH = 2,000,000 USD buys the last 10M of stage 0 for 600,000 USD
    /// and 1,400,000 / 0.08 = 17,500,000 MRK of stage 1.
    function test_buy_AcrossTwoStages() public {
        _fillTo(240_000_000 * MRK);
        vm.expectEmit(address(sale));
        emit IMarkSale.StageFilled(0);
        vm.expectEmit(address(sale));
        emit IMarkSale.TokensPurchased(alice, 27_500_000 * MRK, 1_000 ether, 2_000_000 ether, uint256(ETH_USD), 0, 1);
        uint256 tokens = _buy(alice, 1_000 ether);
        assertEq(tokens, 27_500_000 * MRK, "tokens");
        assertEq(sale.sold(), 267_500_000 * MRK, "sold");
        (uint8 index, uint256 price, uint256 left) = sale.currentStage();
        assertEq(index, 1, "stage");
        assertEq(price, 0.08 ether, "price");
        assertEq(left, 232_500_000 * MRK, "left in stage 1");
        (, , , uint256 soldIn0) = sale.stage(0);
        (, , , uint256 soldIn1) = sale.stage(1);
        assertEq(soldIn0, 250_000_000 * MRK, "stage 0 full");
        assertEq(soldIn1, 17_500_000 * MRK, "stage 1 sold");
    }

    /// @notice A purchase within the 30M limit cannot span three stages (every stage holds at
    /// least 100M), so the three-stage walk is checked through `quote`, which runs the same code
    /// without the limit. From 490M, 10,000 ETH = 20,000,000 USD buys 10M of stage 1 (800,000
    /// USD), all 200M of stage 2 (17,000,000 USD) and 2,200,000 / 0.09 = 24,444,444.444… MRK of
    /// stage 3 (floored to the token wei; 2,199,999.99999999999999999996 USD).
    function test_quote_AcrossThreeStages() public {
        _fillTo(490_000_000 * MRK);
        (uint256 tokens, uint256 charged, uint256 refund, uint256[5] memory perStage) = sale.quote(10_000 ether);
        assertEq(perStage[0], 0, "stage 0");
        assertEq(perStage[1], 10_000_000 * MRK, "stage 1");
        assertEq(perStage[2], 200_000_000 * MRK, "stage 2");
        assertEq(perStage[3], 24_444_444_444444444444444444, "stage 3");
        assertEq(perStage[4], 0, "stage 4");
        assertEq(tokens, 234_444_444_444444444444444444, "tokens");
        assertEq(charged, 10_000 ether, "charged, rounded up");
        assertEq(refund, 0, "refund");
        vm.expectRevert(
            abi.encodeWithSelector(IMarkSale.SaleAboveMaxPurchase.selector, tokens, 30_000_000 * MRK)
        );
        _buy(alice, 10_000 ether);
    }

    function test_buy_SellsOutAndRefundsTheExcess() public {
        _fillTo(960_000_000 * MRK);
        uint256 before = alice.balance;
        vm.expectEmit(address(sale));
        emit IMarkSale.StageFilled(4);
        // The last 10M MRK at 0.10 USD = 1,000,000 USD = 500 ETH; 100 ETH come back.
        vm.expectEmit(address(sale));
        emit IMarkSale.TokensPurchased(alice, 10_000_000 * MRK, 500 ether, 1_000_000 ether, uint256(ETH_USD), 4, 4);
        uint256 tokens = _buy(alice, 600 ether);
        assertEq(tokens, 10_000_000 * MRK, "the rest");
        assertEq(alice.balance, before - 500 ether, "refunded 100 ETH");
        assertEq(sale.sold(), CAP, "sold out");
        assertEq(sale.tokensLeft(), 0, "nothing left");

        vm.expectRevert(abi.encodeWithSelector(IMarkSale.SaleSoldOut.selector, CAP));
        _buy(bob, 1 ether);
    }

    function test_buy_RefundsWhatBuysNoWholeTokenWei() public {
        // The extra wei buys 33,333 token wei; the rounding remainder is refunded.
        (uint256 tokens, uint256 charged, uint256 refund, ) = sale.quote(1 ether + 1);
        assertEq(tokens, 33_333_333333333333333333 + 33_333, "tokens");
        assertEq(charged + refund, 1 ether + 1, "charged + refund");
        uint256 before = alice.balance;
        assertEq(_buy(alice, 1 ether + 1), tokens, "buy = quote");
        assertEq(alice.balance, before - charged, "refund paid");
    }

    function test_buy_DeliversAtOnceAfterRelease() public {
        _warp(RELEASE);
        uint256 tokens = _buy(alice, 1 ether);
        assertEq(token.balanceOf(alice), tokens, "delivered");
        assertEq(sale.claimable(alice), 0, "nothing to claim");
        assertEq(sale.totalUnclaimed(), 0, "unclaimed");
    }

    function test_buy_WorksWhenFundedAfterConstruction() public {
        MarkSale fresh = new MarkSale(_config());
        vm.expectRevert(abi.encodeWithSelector(IMarkSale.SaleInsufficientTokens.selector, 33_333_333333333333333333, 0));
        vm.prank(alice);
        fresh.buy{value: 1 ether}(0);

        _buy(alice, 1 ether); // alice's claim in `sale` is not `fresh`'s business
        vm.prank(whale);
        sale.buy{value: 1 ether}(0);
        // Give the fresh sale 1,000 MRK: it sells only what it holds beyond unclaimed tokens.
        vm.prank(address(sale));
        token.transfer(address(fresh), 1_000 * MRK);
        vm.prank(bob);
        fresh.buy{value: 0.03 ether}(0); // 60 USD = 1,000 MRK
        assertEq(fresh.claimable(bob), 1_000 * MRK, "bob's claim");
        vm.expectRevert(abi.encodeWithSelector(IMarkSale.SaleInsufficientTokens.selector, 33_333333333333333333, 0));
        vm.prank(alice);
        fresh.buy{value: 0.001 ether}(0);
    }

    function test_buy_QuoteMatchesBuy() public {
        _fillTo(249_990_000 * MRK);
        (uint256 tokens, uint256 charged, uint256 refund, uint256[5] memory perStage) = sale.quote(123.456789 ether);
        uint256 before = alice.balance;
        assertEq(_buy(alice, 123.456789 ether), tokens, "tokens");
        assertEq(alice.balance, before - charged, "charged");
        assertEq(charged + refund, 123.456789 ether, "refund");
        assertEq(perStage[0], 10_000 * MRK, "rest of stage 0");
        assertEq(perStage[0] + perStage[1], tokens, "per stage");
    }

    function test_quoteTokens_BuysAtLeastThatMany() public {
        _fillTo(249_990_000 * MRK);
        uint256 want = 12_345_678_901234567890123456;
        uint256 cost = sale.quoteTokens(want);
        uint256 tokens = _buy(alice, cost);
        assertGe(tokens, want, "at least");
        // Less than one wei's worth more: 1 wei buys 25,000 token wei in stage 1.
        assertLt(tokens - want, 25_000, "at most one wei's worth more");
        // The cost is the least that works: one wei less buys fewer.
        uint256 next = 7_654_321_012345678901234567;
        uint256 nextCost = sale.quoteTokens(next);
        (uint256 fewer, , , ) = sale.quote(nextCost - 1);
        assertLt(fewer, next, "one wei less is not enough");
        assertEq(sale.quoteTokens(0), 0, "zero");
    }

    function test_quoteTokens_RevertWhen_MoreThanLeft() public {
        vm.expectRevert(abi.encodeWithSelector(IMarkSale.SaleInsufficientTokens.selector, CAP + 1, CAP));
        sale.quoteTokens(CAP + 1);
    }

    function test_buy_SlippageGuardAcceptsTheExactAmount() public {
        vm.prank(alice);
        assertEq(sale.buy{value: 1 ether}(33_333_333333333333333333), 33_333_333333333333333333);
    }

    // =========================================================================================
    // Buying: every refusal
    // =========================================================================================

    function test_buy_RevertWhen_BeforeOpening() public {
        _warp(OPENS - 1);
        vm.expectRevert(abi.encodeWithSelector(IMarkSale.SaleNotOpen.selector, OPENS - 1, OPENS));
        _buy(alice, 1 ether);
    }

    function test_buy_RevertWhen_AtOrAfterClosing() public {
        _warp(CLOSES);
        vm.expectRevert(abi.encodeWithSelector(IMarkSale.SaleClosed.selector, CLOSES, CLOSES));
        _buy(alice, 1 ether);
        _warp(CLOSES + 1 days);
        vm.expectRevert(abi.encodeWithSelector(IMarkSale.SaleClosed.selector, CLOSES + 1 days, CLOSES));
        _buy(alice, 1 ether);
    }

    function test_buy_RevertWhen_Finalized() public {
        _fillTo(CAP);
        sale.finalize();
        // Sold out and finalized: finalization is checked first.
        vm.expectRevert(IMarkSale.SaleAlreadyFinalized.selector);
        _buy(alice, 1 ether);
    }

    function test_buy_RevertWhen_ValueIsZero() public {
        vm.expectRevert(abi.encodeWithSelector(IMarkSale.SaleBelowMinimum.selector, 0, 0.001 ether));
        _buy(alice, 0);
    }

    function test_buy_RevertWhen_BelowMinimum() public {
        vm.expectRevert(abi.encodeWithSelector(IMarkSale.SaleBelowMinimum.selector, 0.001 ether - 1, 0.001 ether));
        _buy(alice, 0.001 ether - 1);
        _buy(alice, 0.001 ether); // the minimum itself is fine
    }

    function test_buy_RevertWhen_AboveMaxPurchase() public {
        // 900 ETH buys exactly 30M at 0.06; one more wei buys 33,333 token wei too many.
        _buy(alice, 900 ether);
        vm.expectRevert(
            abi.encodeWithSelector(IMarkSale.SaleAboveMaxPurchase.selector, 30_000_000 * MRK + 33_333, 30_000_000 * MRK)
        );
        _buy(bob, 900 ether + 1);
    }

    function test_buy_RevertWhen_BelowMinTokens() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IMarkSale.SaleBelowMinTokens.selector,
                33_333_333333333333333333,
                33_333_333333333333333334
            )
        );
        vm.prank(alice);
        sale.buy{value: 1 ether}(33_333_333333333333333334);
    }

    function test_buy_RevertWhen_PriceIsZeroOrNegative() public {
        feed.push(0, block.timestamp);
        vm.expectRevert(abi.encodeWithSelector(IMarkSale.SaleInvalidPrice.selector, int256(0)));
        _buy(alice, 1 ether);
        feed.push(-1, block.timestamp);
        vm.expectRevert(abi.encodeWithSelector(IMarkSale.SaleInvalidPrice.selector, int256(-1)));
        _buy(alice, 1 ether);
    }

    function test_buy_RevertWhen_PriceIsStale() public {
        uint256 updatedAt = block.timestamp;
        vm.warp(updatedAt + MAX_AGE); // exactly the max age is still fine
        _buy(alice, 1 ether);
        vm.warp(updatedAt + MAX_AGE + 1);
        vm.expectRevert(abi.encodeWithSelector(IMarkSale.SaleStalePrice.selector, updatedAt, MAX_AGE));
        _buy(alice, 1 ether);
    }

    function test_buy_RevertWhen_PriceIsFromTheFuture() public {
        feed.push(ETH_USD, block.timestamp + 1);
        vm.expectRevert(
            abi.encodeWithSelector(IMarkSale.SaleFuturePrice.selector, block.timestamp + 1, block.timestamp)
        );
        _buy(alice, 1 ether);
    }

    function test_buy_RevertWhen_RoundIsIncomplete() public {
        feed.setRound(10, ETH_USD, block.timestamp, block.timestamp, 9);
        vm.expectRevert(abi.encodeWithSelector(IMarkSale.SaleIncompleteRound.selector, 10, 9));
        _buy(alice, 1 ether);
    }

    function test_buy_RevertWhen_PriceDeviatesFromThePreviousRound() public {
        // +10 % exactly is allowed, one unit more is not; the same downwards.
        feed.push((ETH_USD * 11) / 10, block.timestamp);
        _buy(alice, 1 ether);
        _setPrice(ETH_USD);
        feed.push((ETH_USD * 11) / 10 + 1, block.timestamp);
        vm.expectRevert(
            abi.encodeWithSelector(IMarkSale.SalePriceDeviation.selector, (ETH_USD * 11) / 10 + 1, ETH_USD, 1_000)
        );
        _buy(alice, 1 ether);
        _setPrice(ETH_USD);
        feed.push((ETH_USD * 9) / 10 - 1, block.timestamp);
        vm.expectRevert(
            abi.encodeWithSelector(IMarkSale.SalePriceDeviation.selector, (ETH_USD * 9) / 10 - 1, ETH_USD, 1_000)
        );
        _buy(alice, 1 ether);
    }

    function test_buy_RevertWhen_PreviousRoundHasANonPositivePrice() public {
        feed.push(-5, block.timestamp);
        feed.push(ETH_USD, block.timestamp);
        vm.expectRevert(abi.encodeWithSelector(IMarkSale.SalePriceDeviation.selector, ETH_USD, int256(-5), 1_000));
        _buy(alice, 1 ether);
    }

    function test_buy_SkipsTheDeviationCheckWithoutAPreviousRound() public {
        // A first round (a new phase's round 1 has no round 0), and a feed whose history reverts.
        MockPriceFeed fresh = new MockPriceFeed(8);
        fresh.setRound(1, ETH_USD * 3, block.timestamp, block.timestamp, 1);
        IMarkSale.SaleConfig memory config = _config();
        config.priceFeed = AggregatorV3Interface(address(fresh));
        MarkSale other = new MarkSale(config);
        vm.prank(address(sale));
        token.transfer(address(other), 1_000_000 * MRK);
        vm.prank(alice);
        other.buy{value: 1 ether}(0);

        fresh.setRound(0x10000000000000001, ETH_USD * 5, block.timestamp, block.timestamp, 0x10000000000000001);
        vm.prank(alice);
        other.buy{value: 1 ether}(0);

        fresh.push(ETH_USD * 100, block.timestamp);
        fresh.setRevertGetRoundData(true);
        vm.prank(alice);
        other.buy{value: 0.001 ether}(0);
    }

    function test_buy_RevertWhen_ParameterIsUndefined() public {
        MockParameters empty = new MockParameters();
        IMarkSale.SaleConfig memory config = _config();
        config.parameters = IMarkParameters(address(empty));
        MarkSale other = new MarkSale(config);
        vm.expectRevert(
            abi.encodeWithSelector(IMarkParameters.ParameterUnknown.selector, keccak256("sale.maxPriceAge"))
        );
        vm.prank(alice);
        other.buy{value: 1 ether}(0);
    }

    function test_buy_RevertWhen_NoTokens() public {
        // Only a USD value of 0 buys nothing: reached with an 18-decimal feed answering 1.
        MockPriceFeed tiny = new MockPriceFeed(18);
        tiny.setRound(1, 1, block.timestamp, block.timestamp, 1);
        IMarkSale.SaleConfig memory config = _config();
        config.priceFeed = AggregatorV3Interface(address(tiny));
        MarkSale other = new MarkSale(config);
        // 0.001 ETH × 1e-18 USD/ETH = 1e-21 USD: 0 USD wei.
        vm.expectRevert(abi.encodeWithSelector(IMarkSale.SaleNoTokens.selector, 0.001 ether));
        vm.prank(alice);
        other.buy{value: 0.001 ether}(0);
    }

    function test_buy_RevertWhen_RefundIsRejected() public {
        EthRejecter rejecter = new EthRejecter();
        vm.deal(address(rejecter), 10 ether);
        _fillTo(969_999_000 * MRK); // 1,000 MRK left = 100 USD = 0.05 ETH
        vm.expectRevert(abi.encodeWithSelector(IMarkSale.SaleRefundFailed.selector, address(rejecter), 0.95 ether));
        rejecter.buy{value: 1 ether}(sale, 0);
        assertEq(sale.sold(), 969_999_000 * MRK, "nothing sold");
        // Without a refund the same buyer is fine.
        assertEq(rejecter.buy{value: 0.05 ether}(sale, 0), 1_000 * MRK, "exact amount");
    }

    // =========================================================================================
    // Re-entrancy
    // =========================================================================================

    function test_buy_ReentrantBuyerIsStoppedDuringItsRefund() public {
        ReentrantBuyer buyer = new ReentrantBuyer(sale);
        vm.deal(address(buyer), 10 ether);
        _fillTo(969_999_000 * MRK);
        uint256 tokens = buyer.buy{value: 1 ether}(0);
        assertEq(tokens, 1_000 * MRK, "bought the rest");
        assertEq(buyer.callbacks(), 1, "one refund");
        bytes memory guard = abi.encodeWithSelector(ReentrancyGuard.ReentrancyGuardReentrantCall.selector);
        assertFalse(buyer.buySucceeded(), "nested buy");
        assertFalse(buyer.claimSucceeded(), "nested claim");
        assertFalse(buyer.withdrawSucceeded(), "nested withdraw");
        assertEq(buyer.buyError(), guard, "buy error");
        assertEq(buyer.claimError(), guard, "claim error");
        assertEq(buyer.withdrawError(), guard, "withdraw error");
        assertEq(sale.claimable(address(buyer)), 1_000 * MRK, "credited once");
        assertEq(sale.sold(), CAP, "sold");
        assertEq(address(buyer).balance, 10 ether + 0.95 ether, "refund kept");
        assertEq(address(sale).balance, sale.weiRaised(), "ETH accounted");
    }

    function test_buy_ReentrantBuyerThatBubblesLosesItsPurchase() public {
        ReentrantBuyer buyer = new ReentrantBuyer(sale);
        buyer.setBubble(true);
        vm.deal(address(buyer), 10 ether);
        _fillTo(969_999_000 * MRK); // a sell-out forces a real refund
        uint256 soldBefore = sale.sold();
        vm.expectRevert(abi.encodeWithSelector(IMarkSale.SaleRefundFailed.selector, address(buyer), 0.95 ether));
        buyer.buy{value: 1 ether}(0);
        assertEq(sale.sold(), soldBefore, "nothing sold");
        assertEq(sale.claimable(address(buyer)), 0, "nothing credited");
    }

    // =========================================================================================
    // Claiming
    // =========================================================================================

    function test_claim_AfterRelease() public {
        uint256 tokens = _buy(alice, 1 ether);
        _buy(alice, 2 ether);
        uint256 total = sale.claimable(alice);
        assertEq(total, tokens + 66_666_666666666666666666, "two purchases");
        _warp(RELEASE);
        vm.expectEmit(address(sale));
        emit IMarkSale.TokensClaimed(alice, total);
        vm.prank(alice);
        assertEq(sale.claim(), total, "claimed");
        assertEq(token.balanceOf(alice), total, "received");
        assertEq(sale.claimable(alice), 0, "cleared");
        assertEq(sale.totalUnclaimed(), 0, "unclaimed");
        vm.expectRevert(abi.encodeWithSelector(IMarkSale.SaleNothingToClaim.selector, alice));
        vm.prank(alice);
        sale.claim();
    }

    function test_claim_RevertWhen_BeforeRelease() public {
        _buy(alice, 1 ether);
        vm.warp(RELEASE - 1);
        vm.expectRevert(abi.encodeWithSelector(IMarkSale.SaleTokensLocked.selector, RELEASE));
        vm.prank(alice);
        sale.claim();
    }

    function test_claim_RevertWhen_NothingBought() public {
        _warp(RELEASE);
        vm.expectRevert(abi.encodeWithSelector(IMarkSale.SaleNothingToClaim.selector, bob));
        vm.prank(bob);
        sale.claim();
    }

    // =========================================================================================
    // Finalizing
    // =========================================================================================

    function test_finalize_MoreThan200MUnsold() public {
        _buy(alice, 900 ether); // 30M, unclaimed
        _warp(CLOSES);
        vm.expectEmit(address(sale));
        emit IMarkSale.SaleFinalized(30_000_000 * MRK, 200_000_000 * MRK, 740_000_000 * MRK);
        sale.finalize();
        assertEq(token.balanceOf(renderingFund), 200_000_000 * MRK, "rendering fund");
        assertEq(token.balanceOf(treasury), 740_000_000 * MRK, "treasury");
        assertEq(token.balanceOf(address(sale)), 30_000_000 * MRK, "alice's unclaimed stay");
        assertTrue(sale.finalized(), "finalized");
        vm.prank(alice);
        sale.claim();
        assertEq(token.balanceOf(alice), 30_000_000 * MRK, "claimed after finalize");
    }

    function test_finalize_LessThan200MUnsold() public {
        _fillTo(850_000_000 * MRK);
        _warp(CLOSES);
        sale.finalize();
        assertEq(token.balanceOf(renderingFund), 120_000_000 * MRK, "all unsold");
        assertEq(token.balanceOf(treasury), 0, "nothing for the treasury");
    }

    function test_finalize_WhenSoldOutBeforeClosing() public {
        _fillTo(CAP);
        vm.expectEmit(address(sale));
        emit IMarkSale.SaleFinalized(CAP, 0, 0);
        sale.finalize();
    }

    function test_finalize_NeverTakesUnclaimedTokens() public {
        _buy(alice, 900 ether);
        // Someone drains the sale's spare MRK (impossible in practice; simulates an underfunded sale).
        vm.prank(address(sale));
        token.transfer(others, CAP - 30_000_000 * MRK - 50_000_000 * MRK);
        _warp(CLOSES);
        vm.expectEmit(address(sale));
        emit IMarkSale.SaleFinalized(30_000_000 * MRK, 50_000_000 * MRK, 0);
        sale.finalize();
        assertEq(token.balanceOf(address(sale)), 30_000_000 * MRK, "unclaimed kept");
    }

    function test_finalize_RevertWhen_TooEarly() public {
        _buy(alice, 1 ether);
        vm.warp(CLOSES - 1);
        vm.expectRevert(abi.encodeWithSelector(IMarkSale.SaleNotOver.selector, CLOSES, CAP - 33_333_333333333333333333));
        sale.finalize();
    }

    function test_finalize_RevertWhen_Twice() public {
        _warp(CLOSES);
        sale.finalize();
        vm.expectRevert(IMarkSale.SaleAlreadyFinalized.selector);
        sale.finalize();
    }

    // =========================================================================================
    // Proceeds
    // =========================================================================================

    function test_proceeds_SplitExactlyAndWithdrawnOnce() public {
        _buy(alice, 12.3456789 ether + 7); // 7 wei of dust below the 10,000-wei sharing step
        uint256 raised = sale.weiRaised();
        assertEq(raised, 12.3456789 ether + 7, "kept all");
        uint256[7] memory bps = [uint256(400), 600, 700, 3_300, 3_600, 1_000, 400];
        // Before finalize only the multiple of 10,000 wei is shared.
        uint256 shared = raised - (raised % 10_000);
        for (uint8 i; i < 7; ++i) {
            assertEq(sale.proceedsBps(i), bps[i], "bps");
            assertEq(sale.releasable(i), (shared * bps[i]) / 10_000, "exact share");
        }
        _warp(CLOSES);
        sale.finalize();
        uint256 sum;
        for (uint8 i; i < 7; ++i) {
            uint256 amount = sale.releasable(i);
            uint256 before = payees[i].balance;
            vm.expectEmit(address(sale));
            emit IMarkSale.ProceedsWithdrawn(i, payees[i], amount);
            vm.prank(bob); // anyone may trigger it
            assertEq(sale.withdrawProceeds(i), amount, "withdrawn");
            assertEq(payees[i].balance, before + amount, "payee paid");
            assertEq(sale.proceedsWithdrawn(i), amount, "recorded");
            sum += amount;
            vm.expectRevert(abi.encodeWithSelector(IMarkSale.SaleNothingReleasable.selector, i));
            sale.withdrawProceeds(i);
        }
        assertEq(sum, raised, "no dust lost");
        assertEq(address(sale).balance, 0, "empty");
    }

    function test_proceeds_WithdrawBeforeAndAfterMorePurchases() public {
        _buy(alice, 1 ether);
        sale.withdrawProceeds(3);
        assertEq(payees[3].balance, 0.33 ether, "development 33 %");
        _buy(bob, 2 ether);
        assertEq(sale.releasable(3), 0.66 ether, "the new part");
        sale.withdrawProceeds(3);
        assertEq(payees[3].balance, 0.99 ether, "total");
    }

    function test_withdrawProceeds_RevertWhen_NothingReleasable() public {
        vm.expectRevert(abi.encodeWithSelector(IMarkSale.SaleNothingReleasable.selector, 0));
        sale.withdrawProceeds(0);
    }

    function test_withdrawProceeds_RevertWhen_PurposeOutOfRange() public {
        vm.expectRevert(abi.encodeWithSelector(IMarkSale.SaleInvalidPurpose.selector, 7));
        sale.withdrawProceeds(7);
        vm.expectRevert(abi.encodeWithSelector(IMarkSale.SaleInvalidPurpose.selector, 255));
        sale.releasable(255);
    }

    function test_withdrawProceeds_RejectingPayeeBlocksOnlyItself() public {
        EthRejecter rejecter = new EthRejecter();
        IMarkSale.SaleConfig memory config = _config();
        config.payees[2] = address(rejecter);
        MarkSale other = new MarkSale(config);
        vm.prank(address(sale));
        token.transfer(address(other), 1_000_000 * MRK);
        vm.prank(alice);
        other.buy{value: 1 ether}(0);

        vm.expectRevert(
            abi.encodeWithSelector(IMarkSale.SaleWithdrawFailed.selector, 2, address(rejecter), 0.07 ether)
        );
        other.withdrawProceeds(2);
        for (uint8 i; i < 7; ++i) {
            if (i != 2) other.withdrawProceeds(i);
        }
        assertEq(address(other).balance, 0.07 ether, "only the rejected share stays");
        assertEq(other.releasable(2), 0.07 ether, "still releasable");
    }

    // =========================================================================================
    // Fuzz
    // =========================================================================================

    /// @notice Any amount at any price from a position near any stage boundary: the tokens cost
    /// no more USD than the ETH is worth, the sale keeps at most `msg.value`, the rest comes
    /// back, and neither the purchase limit nor the cap is exceeded.
    function testFuzz_buy_NeverOverchargesOrOversells(uint256 value, uint256 price, uint256 start) public {
        uint256[6] memory starts = [uint256(0), 240_000_000 * MRK, 490_000_000 * MRK, 690_000_000 * MRK, 860_000_000 * MRK, 960_000_000 * MRK];
        _fillTo(starts[start % 6]);
        price = bound(price, 1e8, 100_000e8); // 1 to 100,000 USD per ETH
        _setPrice(int256(price));
        value = bound(value, 0.001 ether, 10_000 ether);
        (uint256 tokens, uint256 charged, uint256 refund, ) = sale.quote(value);
        vm.assume(tokens != 0);
        if (tokens > 30_000_000 * MRK) {
            vm.expectRevert(abi.encodeWithSelector(IMarkSale.SaleAboveMaxPurchase.selector, tokens, 30_000_000 * MRK));
            _buy(alice, value);
            return;
        }
        uint256 usdBefore = sale.usdRaised();
        uint256 soldBefore = sale.sold();
        uint256 balanceBefore = alice.balance;

        assertEq(_buy(alice, value), tokens, "buy = quote");

        uint256 paid = balanceBefore - alice.balance;
        assertEq(paid, charged, "charged = quote");
        assertLe(charged, value, "charged <= value");
        assertEq(charged + refund, value, "charged + refund = value");
        assertEq(address(sale).balance, sale.weiRaised(), "ETH kept");
        uint256 usdIn = (value * price) / 1e8;
        uint256 usdCost = sale.usdRaised() - usdBefore; // within 1 USD wei of the exact cost
        assertLe(usdCost, usdIn, "tokens cost no more than the ETH is worth");
        assertGe((charged * price) / 1e8 + 1, usdCost, "the ETH kept covers the cost");
        assertEq(sale.sold(), soldBefore + tokens, "sold");
        assertLe(sale.sold(), CAP, "cap");
    }

    // =========================================================================================
    // Gas
    // =========================================================================================

    /// @notice Gas of `buy` measured with gasleft() around the call (the test is one transaction,
    /// so accounts and slots touched earlier in it are warm; see the report for cold figures).
    function test_gas_buy() public {
        _buy(bob, 1 ether); // first purchase ever: zero-to-non-zero writes out of the way
        vm.prank(alice);
        uint256 start = gasleft();
        sale.buy{value: 1 ether}(0);
        uint256 withinBefore = start - gasleft();

        _fillTo(240_000_000 * MRK);
        vm.prank(bob);
        start = gasleft();
        sale.buy{value: 1_000 ether}(0);
        uint256 acrossBefore = start - gasleft();

        _warp(RELEASE);
        vm.prank(alice);
        start = gasleft();
        sale.buy{value: 1 ether}(0);
        uint256 withinAfter = start - gasleft();

        _fillTo(499_000_000 * MRK);
        vm.prank(alice);
        start = gasleft();
        sale.buy{value: 1_000 ether}(0);
        uint256 acrossAfter = start - gasleft();

        assertLe(withinBefore, 120_000, "within a stage, before release");
        assertLe(acrossBefore, 120_000, "across two stages, before release");
        assertLe(withinAfter, 120_000, "within a stage, after release");
        assertLe(acrossAfter, 120_000, "across two stages, after release");
        // The four figures are in the GasUsed event (read them from a trace).
        emit GasUsed(withinBefore, acrossBefore, withinAfter, acrossAfter);
    }

    event GasUsed(uint256 withinBefore, uint256 acrossBefore, uint256 withinAfter, uint256 acrossAfter);
}
