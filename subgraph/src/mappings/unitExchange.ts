import { Address, BigInt, Bytes, ethereum, log } from "@graphprotocol/graph-ts";
import {
  AssetCancelled,
  CounterIncremented,
  ListingFilled,
  ListingPosted,
  OfferAccepted,
  OrderCancelled,
} from "../../generated/UnitExchange/UnitExchange";
import {
  Account,
  Agency,
  ExchangeSale,
  Listing,
  Offer,
  OrderCancellation,
  Unit,
  UnitPricePoint,
} from "../../generated/schema";
import { getOrCreateAccount, isZeroAddress } from "../helpers/accounts";
import { getOrCreateAgency } from "../helpers/agencies";
import { firstTupleArgument } from "../helpers/calldata";
import { eventId } from "../helpers/events";
import { countOpenListing } from "../helpers/listings";

/** keccak256("Transfer(address,address,uint256)"): ERC-20 and ERC-721 share it; ERC-721's has 4 topics. */
const TRANSFER_TOPIC = Bytes.fromHexString("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef");

const LISTING_TUPLE = "(address,uint256,uint32,bytes32,uint256,address,address,uint16,uint64,uint64,uint256)";
const OFFER_TUPLE = "(address,uint8,uint256,uint32,uint256,address,uint16,uint64,uint64,uint256)";
const PERMIT_TUPLE = "(uint256,uint256,uint8,bytes32,bytes32)";

/** A listing first seen now: active, with only what every event knows. */
function newListing(orderHash: Bytes, seller: Address, event: ethereum.Event): Listing {
  let account = getOrCreateAccount(seller, event.block.number);
  account.save();
  let listing = new Listing(orderHash);
  listing.status = "Active";
  listing.posted = false;
  listing.seller = account.id;
  listing.bundleUnits = [];
  listing.bundleUnitIds = [];
  listing.isBundle = false;
  listing.createdAtBlock = event.block.number;
  listing.createdAtTimestamp = event.block.timestamp;
  return listing;
}

/** Copies the terms of a `Listing` tuple (as `ListingPosted` carries it, or as a call takes it). */
function setListingTerms(listing: Listing, terms: ethereum.Tuple): void {
  let unitId = terms[1].toBigInt();
  listing.isBundle = unitId.isZero();
  if (!listing.isBundle) listing.unit = unitId.toString();
  listing.nonce = terms[2].toI32();
  listing.price = terms[4].toBigInt();
  let buyer = terms[5].toAddress();
  if (!isZeroAddress(buyer)) listing.buyer = buyer;
  let agency = terms[6].toAddress();
  if (!isZeroAddress(agency)) listing.agency = agency;
  listing.agencyFeeBps = terms[7].toI32();
  listing.deadline = terms[8].toBigInt();
  listing.counter = terms[9].toBigInt();
}

function unitIds(ids: BigInt[]): string[] {
  let out = new Array<string>();
  for (let i = 0; i < ids.length; i++) out.push(ids[i].toString());
  return out;
}

export function handleListingPosted(event: ListingPosted): void {
  let listing = newListing(event.params.orderHash, event.params.seller, event);
  listing.posted = true;
  setListingTerms(listing, event.params.listing);
  listing.bundleUnits = unitIds(event.params.unitIds);
  listing.bundleUnitIds = event.params.unitIds;
  listing.save();
  if (!listing.isBundle) countOpenListing(event.params.listing.unitId);
}

/**
 * The units a bundle's fill moved: the ERC-721 `Transfer`s from `seller` to `buyer` in the
 * transaction after the exchange's previous event (if any) and before `event`.
 */
function bundleUnitsOf(event: ethereum.Event, seller: Address, buyer: Address): BigInt[] {
  let units = new Array<BigInt>();
  let receipt = event.receipt;
  if (receipt == null) return units;
  let logs = receipt.logs;
  for (let i = 0; i < logs.length; i++) {
    let entry = logs[i];
    if (entry.logIndex.ge(event.logIndex)) break;
    if (entry.address.equals(event.address)) {
      units = new Array<BigInt>(); // an earlier fill of the same transaction
      continue;
    }
    let topics = entry.topics;
    if (topics.length != 4 || !topics[0].equals(TRANSFER_TOPIC)) continue;
    if (!Address.fromBytes(Bytes.fromUint8Array(topics[1].subarray(12))).equals(seller)) continue;
    if (!Address.fromBytes(Bytes.fromUint8Array(topics[2].subarray(12))).equals(buyer)) continue;
    units.push(ethereum.decode("uint256", topics[3])!.toBigInt());
  }
  return units;
}

/** Credits an agency's exchange fee; null when the order named none. */
function creditAgency(agency: Address, fee: BigInt): Agency | null {
  if (isZeroAddress(agency)) return null;
  let entity = getOrCreateAgency(agency);
  entity.saleCount = entity.saleCount + 1;
  entity.saleEarnings = entity.saleEarnings.plus(fee);
  entity.totalEarnings = entity.saleEarnings.plus(entity.rentEarnings);
  entity.save();
  return entity;
}

/** Records a sale and one price point per unit sold (`auction`: the id of the auction settled). */
export function recordSale(
  event: ethereum.Event,
  kind: string,
  orderHash: Bytes,
  seller: Address,
  buyer: Address,
  units: BigInt[],
  price: BigInt,
  platformFee: BigInt,
  agency: Address,
  agencyFee: BigInt,
  handler: string,
  auction: string | null = null,
): ExchangeSale {
  getOrCreateAccount(seller, event.block.number).save();
  getOrCreateAccount(buyer, event.block.number).save();
  let sale = new ExchangeSale(eventId(event));
  sale.kind = kind;
  sale.orderHash = orderHash;
  if (kind == "Listing") sale.listing = orderHash;
  else if (kind == "Offer") sale.offer = orderHash;
  else if (auction != null) sale.auction = auction;
  sale.seller = seller;
  sale.buyer = buyer;
  sale.units = unitIds(units);
  sale.unitIds = units;
  sale.unitCount = units.length;
  sale.price = price;
  sale.platformFee = platformFee;
  let agencyEntity = creditAgency(agency, agencyFee);
  if (agencyEntity != null) sale.agency = agencyEntity.id;
  sale.agencyFee = agencyFee;
  sale.proceeds = price.minus(platformFee).minus(agencyFee);
  sale.blockNumber = event.block.number;
  sale.blockTimestamp = event.block.timestamp;
  sale.transactionHash = event.transaction.hash;
  sale.save();

  for (let i = 0; i < units.length; i++) {
    let unit = Unit.load(units[i].toString());
    if (unit == null) {
      log.error("{}: unit {} is missing (tx {})", [handler, units[i].toString(), event.transaction.hash.toHexString()]);
      continue;
    }
    let point = new UnitPricePoint(sale.id.concatI32(i));
    point.sale = sale.id;
    point.unit = unit.id;
    point.building = unit.buildingRef;
    point.price = price;
    point.unitCount = units.length;
    point.seller = seller;
    point.buyer = buyer;
    point.blockNumber = event.block.number;
    point.blockTimestamp = event.block.timestamp;
    point.transactionHash = event.transaction.hash;
    point.save();
  }
  return sale;
}

export function handleListingFilled(event: ListingFilled): void {
  let params = event.params;
  let listing = Listing.load(params.orderHash);
  if (listing == null) {
    listing = newListing(params.orderHash, params.seller, event);
    listing.isBundle = params.unitId.isZero();
    if (!listing.isBundle) listing.unit = params.unitId.toString();
    listing.price = params.price;
    if (!isZeroAddress(params.agency)) listing.agency = params.agency;
  }
  let units = new Array<BigInt>();
  if (!params.unitId.isZero()) units.push(params.unitId);
  else units = bundleUnitsOf(event, params.seller, params.buyer);
  if (listing.isBundle) {
    listing.bundleUnits = unitIds(units);
    listing.bundleUnitIds = units;
  }
  let sale = recordSale(
    event,
    "Listing",
    params.orderHash,
    params.seller,
    params.buyer,
    units,
    params.price,
    params.platformFee,
    params.agency,
    params.agencyFee,
    "handleListingFilled",
  );
  listing.status = "Filled";
  listing.sale = sale.id;
  listing.closedAtBlock = event.block.number;
  listing.closedAtTimestamp = event.block.timestamp;
  listing.save();
}

/** Copies an `Offer` tuple's terms the events do not carry. */
function setOfferTerms(offer: Offer, terms: ethereum.Tuple): void {
  offer.scope = terms[1].toI32() == 0 ? "Unit" : "Building";
  offer.target = terms[2].toBigInt();
  offer.price = terms[4].toBigInt();
  let agency = terms[5].toAddress();
  if (!isZeroAddress(agency)) offer.agency = agency;
  offer.agencyFeeBps = terms[6].toI32();
  offer.deadline = terms[7].toBigInt();
}

function newOffer(orderHash: Bytes, buyer: Address, status: string, event: ethereum.Event): Offer {
  let account = getOrCreateAccount(buyer, event.block.number);
  account.save();
  let offer = new Offer(orderHash);
  offer.status = status;
  offer.buyer = account.id;
  offer.closedAtBlock = event.block.number;
  offer.closedAtTimestamp = event.block.timestamp;
  return offer;
}

export function handleOfferAccepted(event: OfferAccepted): void {
  let params = event.params;
  let offer = newOffer(params.orderHash, params.buyer, "Accepted", event);
  let terms = firstTupleArgument(
    event,
    "acceptOffer(" + OFFER_TUPLE + ",bytes,uint256," + PERMIT_TUPLE + ")",
    OFFER_TUPLE,
    10,
  );
  if (terms != null) setOfferTerms(offer, terms);
  offer.price = params.price;
  if (!isZeroAddress(params.agency)) offer.agency = params.agency;
  offer.unit = params.unitId.toString();
  let units = new Array<BigInt>();
  units.push(params.unitId);
  let sale = recordSale(
    event,
    "Offer",
    params.orderHash,
    params.seller,
    params.buyer,
    units,
    params.price,
    params.platformFee,
    params.agency,
    params.agencyFee,
    "handleOfferAccepted",
  );
  offer.sale = sale.id;
  offer.save();
}

export function handleOrderCancelled(event: OrderCancelled): void {
  let orderHash = event.params.orderHash;
  let cancellation = new OrderCancellation(eventId(event));
  cancellation.orderHash = orderHash;
  cancellation.signer = event.params.signer;
  cancellation.blockNumber = event.block.number;
  cancellation.blockTimestamp = event.block.timestamp;
  cancellation.transactionHash = event.transaction.hash;
  cancellation.save();

  let listing = Listing.load(orderHash);
  if (listing == null) {
    let terms = firstTupleArgument(event, "cancelListing(" + LISTING_TUPLE + ")", LISTING_TUPLE, 11);
    if (terms != null) {
      listing = newListing(orderHash, event.params.signer, event);
      setListingTerms(listing, terms);
    }
  }
  if (listing != null) {
    listing.status = "Cancelled";
    listing.closedAtBlock = event.block.number;
    listing.closedAtTimestamp = event.block.timestamp;
    listing.save();
    return;
  }
  let terms = firstTupleArgument(event, "cancelOffer(" + OFFER_TUPLE + ")", OFFER_TUPLE, 10);
  if (terms == null) return; // a cancel by hash through a contract: only the cancellation is known
  let offer = newOffer(orderHash, event.params.signer, "Cancelled", event);
  setOfferTerms(offer, terms);
  offer.save();
}

/** Marks `listing` cancelled now if it is still active. */
function closeIfActive(listing: Listing, event: ethereum.Event): void {
  if (listing.status != "Active") return;
  listing.status = "Cancelled";
  listing.closedAtBlock = event.block.number;
  listing.closedAtTimestamp = event.block.timestamp;
  listing.save();
}

/**
 * `AssetCancelled` for a unit by its owner: the unit moved to its owner, so the owner's posted
 * listings of it signed at a lower transfer count are dead. (Bidders' unit and building offers are
 * off chain: nothing to update.)
 */
export function handleAssetCancelled(event: AssetCancelled): void {
  let asset = event.params.asset;
  if (asset.rightShift(255).gt(BigInt.zero())) return; // building offers
  let unit = Unit.load(asset.toString());
  if (unit == null) return;
  let listings = unit.listings.load();
  for (let i = 0; i < listings.length; i++) {
    let listing = listings[i];
    if (!listing.seller.equals(event.params.signer) || listing.nonce >= event.params.nonce.toI32()) continue;
    // The cancel moved the unit to its owner just before this event, and that `Transfer` marked
    // the listings `Stale`: the cancellation is what ended them.
    let closedNow = listing.closedAtBlock;
    if (listing.status == "Stale" && closedNow !== null && closedNow.equals(event.block.number)) {
      listing.status = "Active";
    }
    closeIfActive(listing, event);
  }
}

/** `CounterIncremented`: every posted listing the seller signed with a lower counter is dead. */
export function handleCounterIncremented(event: CounterIncremented): void {
  let account = Account.load(event.params.signer);
  if (account == null) return;
  let listings = account.listings.load();
  for (let i = 0; i < listings.length; i++) {
    let listing = listings[i];
    let counter = listing.counter;
    if (counter === null || counter.ge(event.params.counter)) continue;
    closeIfActive(listing, event);
  }
}
