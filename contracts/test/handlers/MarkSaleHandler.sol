// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "../utils/Test.sol";
import {MockPriceFeed} from "../mocks/MockPriceFeed.sol";
import {MarkToken} from "../../token/MarkToken.sol";
import {MarkSale} from "../../sale/MarkSale.sol";

/// @title MarkSaleHandler
/// @notice Test-only: random purchases, claims, proceeds withdrawals, price moves, time jumps
/// and the finalization of a `MarkSale`. Each action first checks that it is allowed, so every
/// call succeeds; the ghost record counts ETH kept and withdrawn and MRK bought and delivered,
/// measured from balances rather than from the sale's own accounting.
contract MarkSaleHandler is Test {
    MarkSale public immutable sale;
    MarkToken public immutable token;
    MockPriceFeed public immutable feed;
    address[] public actors;

    /// @notice The handler's clock: set again at the start of every action, so time only moves
    /// through `warp` whether or not the runner keeps block timestamps between calls.
    uint256 public clock;
    int256 public price;
    uint256 public ethKept;
    uint256 public ethWithdrawn;
    uint256 public tokensBought;
    uint256 public purchases;

    constructor(MarkSale sale_, MockPriceFeed feed_, int256 price_, string[] memory names) {
        sale = sale_;
        token = MarkToken(address(sale_.token()));
        feed = feed_;
        price = price_;
        clock = block.timestamp;
        for (uint256 i; i < names.length; ++i) {
            address actor = vm.addr(keyOf(names[i]));
            actors.push(actor);
            vm.deal(actor, 1e9 ether);
        }
    }

    function actorCount() external view returns (uint256) {
        return actors.length;
    }

    /// @notice Four purchases in one action, so a campaign can sell the sale out.
    function buyBatch(uint256 seed) external {
        for (uint256 i; i < 4; ++i) {
            buy(uint256(keccak256(abi.encode(seed, i))), uint256(keccak256(abi.encode(i, seed))));
        }
    }

    function buy(uint256 actorSeed, uint256 value) public {
        vm.warp(clock);
        if (block.timestamp < sale.opensAt() || block.timestamp >= sale.closesAt()) return;
        if (sale.finalized() || sale.tokensLeft() == 0) return;
        feed.push(price, block.timestamp);
        value = bound(value, sale.MIN_PURCHASE(), 5_000 ether);
        (uint256 tokens, , , ) = sale.quote(value);
        if (tokens > sale.MAX_PURCHASE()) {
            uint256 want = sale.MAX_PURCHASE() - 1e6 ether;
            value = sale.quoteTokens(want < sale.tokensLeft() ? want : sale.tokensLeft());
            (tokens, , , ) = sale.quote(value);
        }
        if (tokens == 0 || value < sale.MIN_PURCHASE()) return;
        address buyer = actors[actorSeed % actors.length];
        uint256 ethBefore = buyer.balance;
        uint256 mrkBefore = token.balanceOf(buyer) + sale.claimable(buyer);
        uint256 soldBefore = sale.sold();

        vm.prank(buyer);
        uint256 bought = sale.buy{value: value}(tokens);

        uint256 charged = ethBefore - buyer.balance;
        assertLe(charged, value, "charged at most the value");
        assertEq(bought, tokens, "buy = quote");
        assertLe(bought, sale.MAX_PURCHASE(), "purchase limit");
        assertEq(token.balanceOf(buyer) + sale.claimable(buyer), mrkBefore + bought, "buyer credited");
        assertEq(sale.sold(), soldBefore + bought, "sold");
        ethKept += charged;
        tokensBought += bought;
        ++purchases;
    }

    function claim(uint256 actorSeed) external {
        vm.warp(clock);
        address account = actors[actorSeed % actors.length];
        uint256 owed = sale.claimable(account);
        if (block.timestamp < sale.tokensReleaseAt() || owed == 0) return;
        uint256 before = token.balanceOf(account);
        vm.prank(account);
        sale.claim();
        assertEq(token.balanceOf(account), before + owed, "claimed");
    }

    function withdrawProceeds(uint8 purpose) external {
        vm.warp(clock);
        purpose = uint8(bound(purpose, 0, sale.PURPOSE_COUNT() - 1));
        uint256 amount = sale.releasable(purpose);
        if (amount == 0) return;
        address payee = sale.payees(purpose);
        uint256 before = payee.balance;
        sale.withdrawProceeds(purpose);
        assertEq(payee.balance, before + amount, "payee paid");
        ethWithdrawn += amount;
    }

    function finalize() external {
        vm.warp(clock);
        if (sale.finalized()) return;
        if (block.timestamp < sale.closesAt() && sale.tokensLeft() != 0) return;
        sale.finalize();
    }

    /// @notice Moves the oracle by up to ±10 % (the deviation limit) in a fresh round.
    function movePrice(uint256 bps) external {
        vm.warp(clock);
        bps = bound(bps, 9_000, 11_000);
        price = (price * int256(bps)) / 10_000;
        if (price < 100e8) price = 100e8; // keep ETH above 100 USD
        feed.push(price, block.timestamp);
        feed.push(price, block.timestamp);
    }

    function warp(uint256 secondsAhead) external {
        clock += bound(secondsAhead, 0, 3 days);
        vm.warp(clock);
        feed.push(price, block.timestamp);
    }
}
