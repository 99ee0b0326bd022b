// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";
import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IUnitAuctions} from "../interfaces/IUnitAuctions.sol";
import {IUnitRegistry} from "../interfaces/IUnitRegistry.sol";
import {IMarkParameters} from "../interfaces/IMarkParameters.sol";
import {LandRights} from "../land/LandRights.sol";
import {MrkPermit} from "../libraries/MrkPermit.sol";

/// @title UnitAuctions
/// @notice The exchange's English auctions (see `IUnitAuctions`).
/// @dev Custody. Unlike fixed-price orders, an auction holds the unit from creation: bidders lock
/// MRK for days and must know the unit will be there to hand over. The seller can take it back
/// only before the first bid. A lease on the unit runs on through both moves.
///
/// Money. The house holds exactly the leading bid of every live auction plus every bidder's
/// credit (`_held` tracks the sum; the invariant tests check it against the balance). An outbid
/// bid becomes its bidder's credit, withdrawn when it likes or spent on its next bid (pull: no
/// bid can fail because a previous bidder cannot receive). Settlement pays the treasury, the agency
/// and the seller straight from the leading bid, like the exchange; MRK is `MarkToken`, which moves
/// exactly the amount asked and calls nobody back (the exchange's note on the token applies).
///
/// Fees are the exchange's parameters: `exchange.platformFeeBps` read at settlement, and
/// `exchange.agencyFeeCapBps` bounding the agency fee at creation.
contract UnitAuctions is IUnitAuctions, AccessManaged, ReentrancyGuardTransient, IERC721Receiver {
    using SafeERC20 for IERC20;

    bytes32 public constant PLATFORM_FEE_BPS = keccak256("exchange.platformFeeBps");
    bytes32 public constant AGENCY_FEE_CAP_BPS = keccak256("exchange.agencyFeeCapBps");

    uint32 public constant MIN_DURATION = 1 hours;
    uint32 public constant MAX_DURATION = 30 days;
    /// @notice A bid this close to the end moves the end to this long after the bid.
    uint64 public constant EXTENSION = 15 minutes;
    /// @notice Each bid beats the leading one by at least this share (and at least 1 wei).
    uint256 public constant MIN_INCREMENT_BPS = 500;
    uint256 private constant BPS = 10_000;

    IUnitRegistry public immutable registry;
    IERC20 public immutable mrk;
    IMarkParameters public immutable parameters;
    address public immutable treasury;

    uint256 public auctionCount;
    mapping(uint256 auctionId => Auction) private _auctions;
    mapping(uint256 unitId => uint256 auctionId) private _liveAuctionOf;
    mapping(address bidder => uint256) private _credits;
    /// @dev Leading bids of live auctions plus credits: what this contract owes.
    uint256 private _held;

    /// @param authority The `AccessManager` whose admin (governance) may `recover` strays.
    constructor(
        address authority,
        IUnitRegistry registry_,
        IERC20 mrk_,
        IMarkParameters parameters_,
        address treasury_
    ) AccessManaged(authority) {
        if (
            address(registry_) == address(0) ||
            address(mrk_) == address(0) ||
            address(parameters_) == address(0) ||
            treasury_ == address(0)
        ) revert AuctionZeroAddress();
        registry = registry_;
        mrk = mrk_;
        parameters = parameters_;
        treasury = treasury_;
    }

    /// @inheritdoc IUnitAuctions
    function createAuction(
        uint256 unitId,
        uint256 reserve,
        uint32 duration,
        address agency,
        uint16 agencyFeeBps
    ) external nonReentrant returns (uint256 auctionId) {
        if (registry.ownerOf(unitId) != msg.sender) revert AuctionNotOwner(unitId, msg.sender);
        (, uint256 rights) = registry.rightsOf(unitId);
        if (rights & LandRights.SELL == 0 || unitId > type(uint64).max) revert AuctionUnitNotForSale(unitId);
        if (duration < MIN_DURATION || duration > MAX_DURATION) revert AuctionDurationInvalid(duration);
        if (reserve == 0 || reserve > type(uint96).max) revert AuctionReserveInvalid(reserve);
        if (agencyFeeBps != 0) {
            uint256 cap = parameters.get(AGENCY_FEE_CAP_BPS);
            if (agency == address(0) || agencyFeeBps > cap) revert AuctionAgencyFeeInvalid(agencyFeeBps, cap);
        } else {
            agency = address(0);
        }

        auctionId = ++auctionCount;
        _auctions[auctionId] = Auction({
            seller: msg.sender,
            endsAt: 0,
            duration: duration,
            highBidder: address(0),
            highBid: 0,
            agency: agency,
            reserve: uint96(reserve),
            unitId: uint64(unitId),
            agencyFeeBps: agencyFeeBps
        });
        _liveAuctionOf[unitId] = auctionId;
        emit AuctionCreated(auctionId, msg.sender, unitId, reserve, duration, agency, agencyFeeBps);
        registry.transferFrom(msg.sender, address(this), unitId);
    }

    /// @inheritdoc IUnitAuctions
    function bid(uint256 auctionId, uint256 amount, Permit calldata permit) external nonReentrant {
        Auction storage auction = _live(auctionId);
        uint64 endsAt = auction.endsAt;
        if (endsAt != 0 && block.timestamp >= endsAt) revert AuctionEnded(auctionId, endsAt);
        if (msg.sender == auction.seller) revert AuctionSellerBid(auctionId);
        uint256 minimum = _minimumBid(auction);
        if (amount < minimum || amount > type(uint96).max) revert AuctionBidTooLow(auctionId, amount, minimum);

        // The bid it beats becomes its bidder's credit (the caller's own, when raising).
        address previous = auction.highBidder;
        uint256 previousBid = auction.highBid;
        if (previous != address(0)) _credits[previous] += previousBid;
        uint256 credit = _credits[msg.sender];
        uint256 fromCredit = credit < amount ? credit : amount;
        if (fromCredit != 0) _credits[msg.sender] = credit - fromCredit;
        uint256 fresh = amount - fromCredit;
        _held += fresh;

        auction.highBidder = msg.sender;
        auction.highBid = uint96(amount);
        if (endsAt == 0) {
            endsAt = uint64(block.timestamp) + auction.duration;
        } else if (endsAt - block.timestamp < EXTENSION) {
            endsAt = uint64(block.timestamp) + EXTENSION;
        }
        auction.endsAt = endsAt;
        emit BidPlaced(auctionId, msg.sender, amount, endsAt);

        if (fresh != 0) {
            MrkPermit.useIfShort(mrk, fresh, permit.value, permit.deadline, permit.v, permit.r, permit.s);
            mrk.safeTransferFrom(msg.sender, address(this), fresh);
        }
    }

    /// @inheritdoc IUnitAuctions
    function settle(uint256 auctionId) external nonReentrant {
        Auction memory auction = _live(auctionId);
        if (auction.endsAt == 0 || block.timestamp < auction.endsAt) revert AuctionNotEnded(auctionId, auction.endsAt);
        delete _auctions[auctionId];
        delete _liveAuctionOf[auction.unitId];
        uint256 price = auction.highBid;
        _held -= price;
        // Both shares are bounded by their parameters' maxima (10 % and 20 %).
        uint256 platformFee = (price * parameters.get(PLATFORM_FEE_BPS)) / BPS;
        uint256 agencyFee = (price * auction.agencyFeeBps) / BPS;
        emit AuctionSettled(auctionId, auction.highBidder, price, platformFee, auction.agency, agencyFee);

        // `transferFrom`, not the safe variant: a winner whose hook refuses cannot block the sale.
        registry.transferFrom(address(this), auction.highBidder, auction.unitId);
        if (platformFee != 0) mrk.safeTransfer(treasury, platformFee);
        if (agencyFee != 0) mrk.safeTransfer(auction.agency, agencyFee);
        mrk.safeTransfer(auction.seller, price - platformFee - agencyFee);
    }

    /// @inheritdoc IUnitAuctions
    function cancel(uint256 auctionId) external nonReentrant {
        Auction memory auction = _live(auctionId);
        if (msg.sender != auction.seller) revert AuctionNotSeller(auctionId, msg.sender);
        if (auction.endsAt != 0) revert AuctionHasBids(auctionId);
        delete _auctions[auctionId];
        delete _liveAuctionOf[auction.unitId];
        emit AuctionCancelled(auctionId);
        registry.transferFrom(address(this), auction.seller, auction.unitId);
    }

    /// @inheritdoc IUnitAuctions
    function withdraw() external nonReentrant {
        uint256 amount = _credits[msg.sender];
        if (amount == 0) revert AuctionNothingToWithdraw(msg.sender);
        _credits[msg.sender] = 0;
        _held -= amount;
        emit Withdrawn(msg.sender, amount);
        mrk.safeTransfer(msg.sender, amount);
    }

    /// @notice Sends on MRK beyond what the house owes (sent here by a plain transfer).
    function recover(address to) external restricted {
        uint256 stray = mrk.balanceOf(address(this)) - _held;
        emit Recovered(to, stray, 0);
        mrk.safeTransfer(to, stray);
    }

    /// @notice Sends on a unit that reached the house outside an auction (a plain `transferFrom`).
    function recoverUnit(uint256 unitId, address to) external restricted {
        uint256 live = _liveAuctionOf[unitId];
        if (live != 0) revert AuctionUnitInAuction(unitId, live);
        emit Recovered(to, 0, unitId);
        registry.transferFrom(address(this), to, unitId);
    }

    /// @notice Units come only through `createAuction`: safe transfers are refused.
    function onERC721Received(address, address, uint256, bytes calldata) external pure returns (bytes4) {
        return bytes4(0);
    }

    /// @inheritdoc IUnitAuctions
    function auctionOf(uint256 auctionId) external view returns (Auction memory) {
        return _auctions[auctionId];
    }

    /// @inheritdoc IUnitAuctions
    function minimumBid(uint256 auctionId) external view returns (uint256) {
        return _minimumBid(_live(auctionId));
    }

    /// @inheritdoc IUnitAuctions
    function creditOf(address bidder) external view returns (uint256) {
        return _credits[bidder];
    }

    /// @inheritdoc IUnitAuctions
    function auctionOfUnit(uint256 unitId) external view returns (uint256) {
        return _liveAuctionOf[unitId];
    }

    function _live(uint256 auctionId) private view returns (Auction storage auction) {
        auction = _auctions[auctionId];
        if (auction.seller == address(0)) revert AuctionUnknown(auctionId);
    }

    function _minimumBid(Auction storage auction) private view returns (uint256) {
        uint256 high = auction.highBid;
        if (auction.highBidder == address(0)) return auction.reserve;
        uint256 step = (high * MIN_INCREMENT_BPS) / BPS;
        return high + (step == 0 ? 1 : step);
    }
}
