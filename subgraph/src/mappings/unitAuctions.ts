import { Address, BigInt, Bytes, ethereum, log } from "@graphprotocol/graph-ts";
import { AuctionCancelled, AuctionCreated, AuctionSettled, BidPlaced } from "../../generated/UnitAuctions/UnitAuctions";
import { Auction, AuctionBid } from "../../generated/schema";
import { getOrCreateAccount, isZeroAddress } from "../helpers/accounts";
import { eventId } from "../helpers/events";
import { recordSale } from "./unitExchange";

/** The auction id as the 32 bytes an `ExchangeSale.orderHash` holds. */
function auctionKey(id: BigInt): Bytes {
  return ethereum.encode(ethereum.Value.fromUnsignedBigInt(id))!;
}

function loadAuction(id: BigInt, handler: string, event: ethereum.Event): Auction | null {
  let auction = Auction.load(id.toString());
  if (auction == null)
    log.error("{}: auction {} is missing (tx {})", [handler, id.toString(), event.transaction.hash.toHexString()]);
  return auction;
}

export function handleAuctionCreated(event: AuctionCreated): void {
  let params = event.params;
  let seller = getOrCreateAccount(params.seller, event.block.number);
  seller.save();
  let auction = new Auction(params.auctionId.toString());
  auction.auctionId = params.auctionId;
  auction.status = "Open";
  auction.seller = seller.id;
  auction.unit = params.unitId.toString();
  auction.reserve = params.reserve;
  auction.duration = params.duration.toI32();
  if (!isZeroAddress(params.agency)) auction.agency = params.agency;
  auction.agencyFeeBps = params.agencyFeeBps;
  auction.bidCount = 0;
  auction.createdAtBlock = event.block.number;
  auction.createdAtTimestamp = event.block.timestamp;
  auction.save();
}

export function handleBidPlaced(event: BidPlaced): void {
  let params = event.params;
  let auction = loadAuction(params.auctionId, "handleBidPlaced", event);
  if (auction == null) return;
  let bidder = getOrCreateAccount(params.bidder, event.block.number);
  bidder.save();
  auction.highBid = params.amount;
  auction.highBidder = bidder.id;
  auction.endsAt = params.endsAt;
  auction.bidCount = auction.bidCount + 1;
  auction.save();

  let bid = new AuctionBid(eventId(event));
  bid.auction = auction.id;
  bid.bidder = bidder.id;
  bid.amount = params.amount;
  bid.endsAt = params.endsAt;
  bid.blockNumber = event.block.number;
  bid.blockTimestamp = event.block.timestamp;
  bid.transactionHash = event.transaction.hash;
  bid.save();
}

export function handleAuctionSettled(event: AuctionSettled): void {
  let params = event.params;
  let auction = loadAuction(params.auctionId, "handleAuctionSettled", event);
  if (auction == null) return;
  let units = new Array<BigInt>();
  units.push(BigInt.fromString(auction.unit));
  let sale = recordSale(
    event,
    "Auction",
    auctionKey(params.auctionId),
    Address.fromBytes(auction.seller),
    params.winner,
    units,
    params.price,
    params.platformFee,
    params.agency,
    params.agencyFee,
    "handleAuctionSettled",
    auction.id,
  );
  auction.status = "Settled";
  auction.sale = sale.id;
  auction.closedAtBlock = event.block.number;
  auction.closedAtTimestamp = event.block.timestamp;
  auction.save();
}

export function handleAuctionCancelled(event: AuctionCancelled): void {
  let auction = loadAuction(event.params.auctionId, "handleAuctionCancelled", event);
  if (auction == null) return;
  auction.status = "Cancelled";
  auction.closedAtBlock = event.block.number;
  auction.closedAtTimestamp = event.block.timestamp;
  auction.save();
}
