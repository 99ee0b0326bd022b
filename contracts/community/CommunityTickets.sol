// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ERC1155} from "@openzeppelin/contracts/token/ERC1155/ERC1155.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ICommunityTickets} from "./interfaces/ICommunityTickets.sol";

/// @title CommunityTickets
/// @notice Tickets of every community's events, one ERC-1155 token id per event (a single
/// contract for all communities: creating a community costs nothing here, and wallets and the
/// subgraph follow one collection). An event's organizer is the account that created it, a
/// community treasury when a proposal did; sales go to it in MRK the moment a ticket is bought.
contract CommunityTickets is ERC1155, ReentrancyGuardTransient, ICommunityTickets {
    using SafeERC20 for IERC20;

    /// @notice MRK, the tickets' currency.
    IERC20 public immutable mrk;

    /// @inheritdoc ICommunityTickets
    uint256 public eventCount;

    mapping(uint256 eventId => TicketedEvent) private _events;
    mapping(uint256 eventId => string) private _uris;

    /// @param mrk_ MRK.
    constructor(IERC20 mrk_) ERC1155("") {
        mrk = mrk_;
    }

    /// @inheritdoc ICommunityTickets
    function createEvent(
        uint48 startsAt,
        uint256 unitId,
        uint128 price,
        uint32 capacity,
        string calldata uri_
    ) external returns (uint256 eventId) {
        if (startsAt <= block.timestamp || capacity == 0) revert TicketsInvalidEvent(startsAt, capacity);
        eventId = ++eventCount;
        _events[eventId] = TicketedEvent({
            organizer: msg.sender,
            startsAt: startsAt,
            capacity: capacity,
            unitId: unitId,
            price: price,
            sold: 0
        });
        _uris[eventId] = uri_;
        emit EventCreated(eventId, msg.sender, unitId, startsAt, price, capacity, uri_);
        emit URI(uri_, eventId);
    }

    /// @inheritdoc ICommunityTickets
    function buy(uint256 eventId, uint32 quantity) external nonReentrant {
        TicketedEvent storage ticketed = _existing(eventId);
        uint48 startsAt = ticketed.startsAt;
        if (block.timestamp >= startsAt) revert TicketsSalesClosed(eventId, startsAt);
        uint32 remaining = ticketed.capacity - ticketed.sold;
        if (quantity == 0 || quantity > remaining) revert TicketsBeyondCapacity(eventId, quantity, remaining);

        ticketed.sold += quantity;
        uint256 paid = uint256(ticketed.price) * quantity;
        emit TicketsBought(eventId, msg.sender, quantity, paid);

        if (paid != 0) mrk.safeTransferFrom(msg.sender, ticketed.organizer, paid);
        // Last: a contract buyer's `onERC1155Received` runs here, with every count already final.
        _mint(msg.sender, eventId, quantity, "");
    }

    /// @inheritdoc ICommunityTickets
    function eventOf(uint256 eventId) external view returns (TicketedEvent memory) {
        return _existing(eventId);
    }

    /// @inheritdoc ICommunityTickets
    function isCheckedIn(uint256 eventId, address account) external view returns (bool) {
        _existing(eventId);
        return balanceOf(account, eventId) != 0;
    }

    /// @notice The metadata URI of event `eventId`'s tickets.
    function uri(uint256 eventId) public view override returns (string memory) {
        return _uris[eventId];
    }

    function _existing(uint256 eventId) private view returns (TicketedEvent storage ticketed) {
        ticketed = _events[eventId];
        if (ticketed.organizer == address(0)) revert TicketsUnknownEvent(eventId);
    }
}
