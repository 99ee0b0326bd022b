// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Test} from "./utils/Test.sol";
import {MarkSaleHandler} from "./handlers/MarkSaleHandler.sol";
import {MockPriceFeed} from "./mocks/MockPriceFeed.sol";
import {MockParameters} from "./mocks/MockParameters.sol";
import {IMarkParameters} from "../interfaces/IMarkParameters.sol";
import {AggregatorV3Interface} from "../interfaces/AggregatorV3Interface.sol";
import {IMarkSale} from "../interfaces/IMarkSale.sol";
import {IMarkToken} from "../interfaces/IMarkToken.sol";
import {MarkToken} from "../token/MarkToken.sol";
import {MarkSale} from "../sale/MarkSale.sol";

/// @notice Whatever sequence of purchases, claims, price moves, time jumps, withdrawals and the
/// finalization happens, no MRK or ETH is created or lost: the sale holds exactly the unclaimed
/// and unsold MRK, and the ETH it kept is either still there or withdrawn by a payee.
contract MarkSaleInvariantTest is Test {
    uint256 internal constant CAP = 970_000_000 ether;
    uint256 internal constant SUPPLY = 3_000_000_000 ether;
    uint64 internal constant OPENS = 1_800_000_000;

    MarkToken internal token;
    MockPriceFeed internal feed;
    MarkSale internal sale;
    MarkSaleHandler internal handler;
    address internal others;
    address internal renderingFund;
    address internal treasury;
    address[7] internal payees;

    function setUp() public {
        vm.warp(OPENS);
        others = makeAddr("others");
        renderingFund = makeAddr("renderingFund");
        treasury = makeAddr("treasury");
        for (uint256 i; i < 7; ++i) {
            payees[i] = makeAddr(string(abi.encodePacked("payee", bytes1(uint8(48 + i)))));
        }
        IMarkToken.Allocation[] memory lines = new IMarkToken.Allocation[](1);
        lines[0] = IMarkToken.Allocation(others, SUPPLY);
        token = new MarkToken(lines);
        feed = new MockPriceFeed(8);
        feed.push(2_000e8, block.timestamp);
        feed.push(2_000e8, block.timestamp);
        MockParameters params = new MockParameters();
        params.set(keccak256("sale.maxPriceAge"), 1 hours);
        params.set(keccak256("sale.maxPriceDeviationBps"), 1_000);
        sale = new MarkSale(
            IMarkSale.SaleConfig({
                token: IERC20(address(token)),
                priceFeed: AggregatorV3Interface(address(feed)),
                parameters: IMarkParameters(address(params)),
                opensAt: OPENS,
                closesAt: OPENS + 30 days,
                tokensReleaseAt: OPENS + 10 days,
                renderingFund: renderingFund,
                treasury: treasury,
                payees: payees
            })
        );
        vm.prank(others);
        token.transfer(address(sale), CAP);

        string[] memory names = new string[](3);
        names[0] = "alice";
        names[1] = "bob";
        names[2] = "carol";
        // solhint-disable-next-line reentrancy
        handler = new MarkSaleHandler(sale, feed, 2_000e8, names);

        targetContract(address(handler));
        bytes4[] memory actions = new bytes4[](7);
        actions[0] = MarkSaleHandler.buy.selector;
        actions[1] = MarkSaleHandler.claim.selector;
        actions[2] = MarkSaleHandler.withdrawProceeds.selector;
        actions[3] = MarkSaleHandler.finalize.selector;
        actions[4] = MarkSaleHandler.movePrice.selector;
        actions[5] = MarkSaleHandler.warp.selector;
        actions[6] = MarkSaleHandler.buyBatch.selector;
        targetSelectors(address(handler), actions);
    }

    /// hardhat-config: invariant.runs = 16
    /// hardhat-config: invariant.depth = 120
    /// hardhat-config: invariant.failOnRevert = true
    function invariant_MrkIsConservedAndTheSaleHoldsUnclaimedPlusUnsold() public {
        vm.warp(handler.clock());
        uint256 held = token.balanceOf(address(sale)) +
            token.balanceOf(others) +
            token.balanceOf(renderingFund) +
            token.balanceOf(treasury);
        uint256 unclaimed;
        for (uint256 i; i < handler.actorCount(); ++i) {
            address actor = handler.actors(i);
            held += token.balanceOf(actor);
            unclaimed += sale.claimable(actor);
        }
        assertEq(held, SUPPLY, "every MRK is somewhere");
        assertEq(sale.totalUnclaimed(), unclaimed, "totalUnclaimed = sum of claimable");
        uint256 unsold = sale.finalized() ? 0 : CAP - sale.sold();
        assertEq(token.balanceOf(address(sale)), unclaimed + unsold, "sale holds unclaimed + unsold");
        assertEq(sale.sold(), handler.tokensBought(), "sold = bought");
        assertLe(sale.sold(), CAP, "sold within the cap");
    }

    /// hardhat-config: invariant.runs = 16
    /// hardhat-config: invariant.depth = 120
    /// hardhat-config: invariant.failOnRevert = true
    function invariant_EthKeptIsHeldOrWithdrawn() public {
        vm.warp(handler.clock());
        assertEq(sale.weiRaised(), handler.ethKept(), "weiRaised = ETH kept");
        uint256 withdrawn;
        uint256 releasable;
        for (uint8 i; i < 7; ++i) {
            withdrawn += sale.proceedsWithdrawn(i);
            releasable += sale.releasable(i);
        }
        assertEq(withdrawn, handler.ethWithdrawn(), "withdrawn = paid to payees");
        assertEq(withdrawn + address(sale).balance, sale.weiRaised(), "withdrawn + balance = weiRaised");
        assertLe(releasable, address(sale).balance, "every releasable wei is there");
        if (sale.finalized()) assertEq(releasable, address(sale).balance, "all shared after finalize");
    }
}
