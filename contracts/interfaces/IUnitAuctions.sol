// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IUnitAuctions
/// @notice English auctions of single units for MRK, with a reserve price, a clock that starts
/// with the first bid at or above the reserve, and an extension against sniping: a bid in the last
/// `EXTENSION` seconds moves the end to `EXTENSION` seconds after it. The unit is held by the
/// auction house from creation to settlement (a lease on it runs on: the registry keeps it across
/// transfers). Outbid bidders' MRK is credited to them (pull, `withdraw`) and counts towards their
/// next bid. Settlement pays the platform fee to the treasury, the optional agency fee and the
/// seller, and hands the unit to the winner, in one transaction anyone may send.
interface IUnitAuctions {
    /// @notice One auction, in four storage words. `endsAt` is 0 until the first bid;
    /// `highBidder` is then the leader. Unit ids use the low 64 bits (`UnitAddress`); MRK amounts
    /// fit 96 bits (the supply is 10^27 wei).
    struct Auction {
        address seller;
        uint64 endsAt;
        uint32 duration;
        address highBidder;
        uint96 highBid;
        address agency;
        uint96 reserve;
        uint64 unitId;
        uint16 agencyFeeBps;
    }

    /// @notice The same permit fields as the exchange's; `deadline` 0 means none (use the allowance).
    struct Permit {
        uint256 value;
        uint256 deadline;
        uint8 v;
        bytes32 r;
        bytes32 s;
    }

    event AuctionCreated(
        uint256 indexed auctionId,
        address indexed seller,
        uint256 indexed unitId,
        uint256 reserve,
        uint32 duration,
        address agency,
        uint16 agencyFeeBps
    );
    /// @notice A new leading bid; `endsAt` is the auction's end after it (extended or started).
    event BidPlaced(uint256 indexed auctionId, address indexed bidder, uint256 amount, uint64 endsAt);
    event AuctionSettled(
        uint256 indexed auctionId,
        address indexed winner,
        uint256 price,
        uint256 platformFee,
        address agency,
        uint256 agencyFee
    );
    /// @notice The seller took the unit back before any bid.
    event AuctionCancelled(uint256 indexed auctionId);
    event Withdrawn(address indexed bidder, uint256 amount);
    /// @notice Governance sent on MRK or a unit that reached the contract outside an auction.
    event Recovered(address indexed to, uint256 amount, uint256 unitId);

    error AuctionZeroAddress();
    error AuctionNotOwner(uint256 unitId, address caller);
    error AuctionUnitNotForSale(uint256 unitId);
    error AuctionDurationInvalid(uint32 duration);
    error AuctionReserveInvalid(uint256 reserve);
    error AuctionAgencyFeeInvalid(uint16 agencyFeeBps, uint256 cap);
    error AuctionUnknown(uint256 auctionId);
    error AuctionEnded(uint256 auctionId, uint64 endsAt);
    error AuctionNotEnded(uint256 auctionId, uint64 endsAt);
    error AuctionHasBids(uint256 auctionId);
    error AuctionNotSeller(uint256 auctionId, address caller);
    error AuctionBidTooLow(uint256 auctionId, uint256 amount, uint256 minimum);
    error AuctionSellerBid(uint256 auctionId);
    error AuctionNothingToWithdraw(address bidder);
    error AuctionUnitInAuction(uint256 unitId, uint256 auctionId);

    /// @notice Puts the caller's unit `unitId` up for auction (the house must be approved for it).
    /// @param reserve The lowest first bid, in MRK wei (> 0).
    /// @param duration Seconds the auction runs from its first bid (1 hour to 30 days).
    /// @param agency An agency paid `agencyFeeBps` of the price, or zero with a fee of 0.
    function createAuction(
        uint256 unitId,
        uint256 reserve,
        uint32 duration,
        address agency,
        uint16 agencyFeeBps
    ) external returns (uint256 auctionId);

    /// @notice Bids `amount` MRK; the caller's credit from earlier outbid bids is used first, the
    /// rest is taken from its balance (with `permit` when its allowance is short).
    function bid(uint256 auctionId, uint256 amount, Permit calldata permit) external;

    /// @notice After the end: the unit to the winner, the price to the treasury, agency and seller.
    function settle(uint256 auctionId) external;

    /// @notice The seller takes the unit back; only before the first bid.
    function cancel(uint256 auctionId) external;

    /// @notice Sends the caller its credit (outbid bids).
    function withdraw() external;

    /// @notice The auction `auctionId` (seller zero once settled or cancelled, or never created).
    function auctionOf(uint256 auctionId) external view returns (Auction memory);

    /// @notice The least the next bid on `auctionId` may be.
    function minimumBid(uint256 auctionId) external view returns (uint256);

    /// @notice MRK `bidder` may withdraw (or bid with).
    function creditOf(address bidder) external view returns (uint256);

    /// @notice The live auction of `unitId`, 0 for none.
    function auctionOfUnit(uint256 unitId) external view returns (uint256);
}
