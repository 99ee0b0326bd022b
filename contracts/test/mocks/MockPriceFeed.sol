// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AggregatorV3Interface} from "../../interfaces/AggregatorV3Interface.sol";

/// @title MockPriceFeed
/// @notice Test-only Chainlink-style feed: rounds are set by hand, `latestRoundData` returns
/// the latest one and `getRoundData` reverts for a round that has no data, like Chainlink's.
contract MockPriceFeed is AggregatorV3Interface {
    /// @notice One stored round.
    struct Round {
        int256 answer;
        uint256 startedAt;
        uint256 updatedAt;
        uint80 answeredInRound;
    }

    /// @notice `getRoundData` found no data for `roundId`.
    error MockFeedNoData(uint80 roundId);

    uint8 public immutable decimals;
    uint80 public latestRound;
    /// @notice When set, `getRoundData` always reverts.
    bool public revertGetRoundData;
    mapping(uint80 roundId => Round) public rounds;

    constructor(uint8 decimals_) {
        decimals = decimals_;
    }

    /// @notice Stores round `roundId` and makes it the latest.
    function setRound(
        uint80 roundId,
        int256 answer,
        uint256 startedAt,
        uint256 updatedAt,
        uint80 answeredInRound
    ) public {
        rounds[roundId] = Round(answer, startedAt, updatedAt, answeredInRound);
        latestRound = roundId;
    }

    /// @notice Adds the round after the latest with `answer` updated at `updatedAt`.
    function push(int256 answer, uint256 updatedAt) external {
        uint80 roundId = latestRound + 1;
        setRound(roundId, answer, updatedAt, updatedAt, roundId);
    }

    /// @notice Makes every `getRoundData` call revert (or not).
    function setRevertGetRoundData(bool value) external {
        revertGetRoundData = value;
    }

    function description() external pure returns (string memory) {
        return "ETH / USD (mock)";
    }

    function version() external pure returns (uint256) {
        return 4;
    }

    function getRoundData(uint80 roundId) external view returns (uint80, int256, uint256, uint256, uint80) {
        Round memory round = rounds[roundId];
        if (revertGetRoundData || round.updatedAt == 0) revert MockFeedNoData(roundId);
        return (roundId, round.answer, round.startedAt, round.updatedAt, round.answeredInRound);
    }

    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80) {
        Round memory round = rounds[latestRound];
        return (latestRound, round.answer, round.startedAt, round.updatedAt, round.answeredInRound);
    }
}
