// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {AggregatorV3Interface} from "../interfaces/AggregatorV3Interface.sol";

/// @title DevPriceFeed
/// @notice The local chain's stand-in for Chainlink's ETH/USD feed (8 decimals). Its owner
/// sets the price; each new price is a new round. The latest round always reads as updated
/// in the current block, so a demo chain left idle, or moved forward in time, never has a
/// stale price. Deployed on the local chain only; real networks use Chainlink's feed.
contract DevPriceFeed is AggregatorV3Interface, Ownable {
    /// @notice `getRoundData` found no round `roundId`, as Chainlink's feeds revert.
    error DevFeedNoData(uint80 roundId);

    /// @notice `answer` is not a positive price.
    error DevFeedInvalidPrice(int256 answer);

    /// @notice Emitted for every new price, like Chainlink aggregators' event of the same name.
    event AnswerUpdated(int256 indexed current, uint256 indexed roundId, uint256 updatedAt);

    struct Round {
        int256 answer;
        uint256 updatedAt;
    }

    /// @notice The latest round's id (rounds count from 1).
    uint80 public latestRound;
    mapping(uint80 roundId => Round) private _rounds;

    /// @param owner Who may set the price.
    /// @param initialPrice The first round's price, USD per ETH with 8 decimals.
    constructor(address owner, int256 initialPrice) Ownable(owner) {
        _push(initialPrice);
    }

    /// @notice Starts a new round at `answer` (USD per ETH, 8 decimals).
    function setPrice(int256 answer) external onlyOwner {
        _push(answer);
    }

    /// @inheritdoc AggregatorV3Interface
    function decimals() external pure returns (uint8) {
        return 8;
    }

    /// @inheritdoc AggregatorV3Interface
    function description() external pure returns (string memory) {
        return "ETH / USD (local development feed)";
    }

    /// @inheritdoc AggregatorV3Interface
    function version() external pure returns (uint256) {
        return 4;
    }

    /// @inheritdoc AggregatorV3Interface
    function getRoundData(uint80 roundId) external view returns (uint80, int256, uint256, uint256, uint80) {
        Round memory round = _rounds[roundId];
        if (round.updatedAt == 0) revert DevFeedNoData(roundId);
        return (roundId, round.answer, round.updatedAt, round.updatedAt, roundId);
    }

    /// @inheritdoc AggregatorV3Interface
    /// @dev Reports the current block's time as `updatedAt`: see the contract's notice.
    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80) {
        uint80 roundId = latestRound;
        return (roundId, _rounds[roundId].answer, block.timestamp, block.timestamp, roundId);
    }

    function _push(int256 answer) private {
        if (answer <= 0) revert DevFeedInvalidPrice(answer);
        uint80 roundId = latestRound + 1;
        latestRound = roundId;
        _rounds[roundId] = Round(answer, block.timestamp);
        emit AnswerUpdated(answer, roundId, block.timestamp);
    }
}
