// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Test} from "./utils/Test.sol";
import {DevPriceFeed} from "../dev/DevPriceFeed.sol";

contract DevPriceFeedTest is Test {
    DevPriceFeed internal feed;
    address internal owner;

    function setUp() public {
        vm.warp(1_800_000_000);
        owner = makeAddr("owner");
        feed = new DevPriceFeed(owner, 3_000e8);
    }

    function test_latestRoundData_ReadsAsUpdatedNow() public {
        vm.warp(1_800_000_000 + 30 days);
        (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound) = feed
            .latestRoundData();
        assertEq(roundId, 1, "roundId");
        assertEq(uint256(answer), 3_000e8, "answer");
        assertEq(updatedAt, block.timestamp, "updatedAt");
        assertEq(startedAt, block.timestamp, "startedAt");
        assertEq(answeredInRound, 1, "answeredInRound");
        assertEq(feed.decimals(), 8, "decimals");
    }

    function test_setPrice_StartsANewRoundAndKeepsThePrevious() public {
        vm.warp(1_800_000_100);
        vm.prank(owner);
        feed.setPrice(2_500e8);
        (uint80 roundId, int256 answer, , , ) = feed.latestRoundData();
        assertEq(roundId, 2, "roundId");
        assertEq(uint256(answer), 2_500e8, "answer");
        (, int256 previous, , uint256 previousAt, ) = feed.getRoundData(1);
        assertEq(uint256(previous), 3_000e8, "previous answer");
        assertEq(previousAt, 1_800_000_000, "previous updatedAt");
    }

    function test_getRoundData_RevertWhen_NoSuchRound() public {
        vm.expectRevert(abi.encodeWithSelector(DevPriceFeed.DevFeedNoData.selector, uint80(0)));
        feed.getRoundData(0);
        vm.expectRevert(abi.encodeWithSelector(DevPriceFeed.DevFeedNoData.selector, uint80(2)));
        feed.getRoundData(2);
    }

    function test_setPrice_RevertWhen_NotTheOwner() public {
        address stranger = makeAddr("stranger");
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, stranger));
        vm.prank(stranger);
        feed.setPrice(1);
    }

    function test_setPrice_RevertWhen_NotPositive() public {
        vm.startPrank(owner);
        vm.expectRevert(abi.encodeWithSelector(DevPriceFeed.DevFeedInvalidPrice.selector, int256(0)));
        feed.setPrice(0);
        vm.expectRevert(abi.encodeWithSelector(DevPriceFeed.DevFeedInvalidPrice.selector, int256(-1)));
        feed.setPrice(-1);
        vm.stopPrank();
    }
}
