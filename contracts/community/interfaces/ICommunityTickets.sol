// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title ICommunityTickets
/// @notice Tickets of community events as ERC-1155 tokens, one token id per event. An organizer
/// (a community treasury, by proposal) creates an event with a time, a unit, a price in MRK and
/// a capacity; tickets are sold until the event starts, for MRK paid straight to the organizer,
/// never beyond capacity. Holding a ticket is being checked in.
interface ICommunityTickets {
    /// @notice An event. Slot layout: organizer (160) | startsAt (48) | capacity (32); unitId;
    /// price (128) | sold (32).
    struct TicketedEvent {
        address organizer;
        uint48 startsAt;
        uint32 capacity;
        uint256 unitId;
        uint128 price;
        uint32 sold;
    }

    /// @notice Emitted when `organizer` creates event `eventId` (also its ticket's token id).
    event EventCreated(
        uint256 indexed eventId,
        address indexed organizer,
        uint256 indexed unitId,
        uint48 startsAt,
        uint128 price,
        uint32 capacity,
        string uri
    );

    /// @notice Emitted when `buyer` buys `quantity` tickets of `eventId` for `paid` MRK.
    event TicketsBought(uint256 indexed eventId, address indexed buyer, uint32 quantity, uint256 paid);

    /// @notice Thrown when no event has id `eventId`.
    error TicketsUnknownEvent(uint256 eventId);
    /// @notice Thrown by `createEvent` for a start in the past or a capacity of zero.
    error TicketsInvalidEvent(uint48 startsAt, uint32 capacity);
    /// @notice Thrown by `buy` once the event has started.
    error TicketsSalesClosed(uint256 eventId, uint48 startsAt);
    /// @notice Thrown by `buy` for zero tickets or more than remain.
    error TicketsBeyondCapacity(uint256 eventId, uint32 quantity, uint32 remaining);

    /// @notice Creates an event organized by the caller, who receives the ticket sales.
    /// @param startsAt When the event starts (Unix seconds); sales close then.
    /// @param unitId The unit where it takes place.
    /// @param price Price of one ticket in MRK wei (0: free tickets).
    /// @param capacity Tickets on sale.
    /// @param uri The event's ERC-1155 metadata URI.
    function createEvent(
        uint48 startsAt,
        uint256 unitId,
        uint128 price,
        uint32 capacity,
        string calldata uri
    ) external returns (uint256 eventId);

    /// @notice Buys `quantity` tickets of `eventId`; their price goes to the organizer in MRK.
    function buy(uint256 eventId, uint32 quantity) external;

    /// @notice The event `eventId`.
    function eventOf(uint256 eventId) external view returns (TicketedEvent memory);

    /// @notice Whether `account` holds a ticket of `eventId` (check-in is holding one).
    function isCheckedIn(uint256 eventId, address account) external view returns (bool);

    /// @notice The number of events created (ids run from 1).
    function eventCount() external view returns (uint256);
}
