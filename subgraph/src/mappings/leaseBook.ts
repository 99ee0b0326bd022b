import { Address, BigInt, Bytes, ethereum, log, ValueKind } from "@graphprotocol/graph-ts";
import {
  CounterIncremented,
  DepositSettled,
  Leased,
  LeaseEnded,
  Listed,
  ListingCancelled,
  RentClaimed,
  RentCredited,
} from "../../generated/LeaseBook/LeaseBook";
import { Account, Lease, LeaseEvent, LeasePayment, RentalListing, Unit } from "../../generated/schema";
import { getOrCreateAccount, isZeroAddress } from "../helpers/accounts";
import { getOrCreateAgency } from "../helpers/agencies";
import { firstTupleArgument } from "../helpers/calldata";
import { eventId } from "../helpers/events";
import { countOpenListing } from "../helpers/listings";

const LISTING_TUPLE =
  "(uint256,address,uint32,address,uint16,uint96,uint16,uint16,uint96,uint16,bool,uint64,uint64,uint256)";
const LISTING_WORDS = 14;
const SECONDS_PER_DAY = 86_400;
const PERMIT_TUPLE = "(uint256,uint256,uint8,bytes32,bytes32)";

function getOrCreateListing(id: Bytes, unitId: BigInt, event: ethereum.Event): RentalListing {
  let listing = RentalListing.load(id);
  if (listing == null) {
    listing = new RentalListing(id);
    listing.status = "Listed";
    listing.posted = false;
    listing.unit = unitId.toString();
    listing.createdAtBlock = event.block.number;
  }
  listing.updatedAtBlock = event.block.number;
  return listing;
}

/** Copies a `Listing` tuple's terms (from `Listed`, or from a `rent` or `cancel` call's input). */
function setListingTerms(listing: RentalListing, terms: ethereum.Tuple, event: ethereum.Event): void {
  let owner = getOrCreateAccount(terms[1].toAddress(), event.block.number);
  owner.save();
  listing.owner = owner.id;
  let agent = terms[3].toAddress();
  if (!isZeroAddress(agent)) listing.agent = agent;
  listing.agentFeeBps = terms[4].toI32();
  listing.pricePerDay = terms[5].toBigInt();
  listing.minDays = terms[6].toI32();
  listing.maxDays = terms[7].toI32();
  listing.deposit = terms[8].toBigInt();
  listing.penaltyBps = terms[9].toI32();
  listing.mayDecorate = terms[10].toBoolean();
  listing.transferCount = terms[2].toI32();
  listing.counter = terms[11].toBigInt();
  listing.deadline = terms[12].toBigInt();
}

export function handleListed(event: Listed): void {
  let listing = getOrCreateListing(event.params.listingId, event.params.unitId, event);
  listing.posted = true;
  setListingTerms(listing, event.params.listing, event);
  listing.save();
  countOpenListing(event.params.unitId);
}

export function handleListingCancelled(event: ListingCancelled): void {
  let listing = getOrCreateListing(event.params.listingId, event.params.unitId, event);
  if (!listing.posted) {
    let terms = firstTupleArgument(event, "cancel(" + LISTING_TUPLE + ")", LISTING_TUPLE, LISTING_WORDS);
    if (terms != null) setListingTerms(listing, terms, event);
  }
  listing.status = "Cancelled";
  listing.save();
}

/** The lease `id`, or null (logged with `handler`) when its start was never seen. */
function loadLease(id: Bytes, handler: string, event: ethereum.Event): Lease | null {
  let lease = Lease.load(id);
  if (lease == null)
    log.error("{}: lease {} is missing (tx {})", [handler, id.toHexString(), event.transaction.hash.toHexString()]);
  return lease;
}

/** A timeline entry of `kind` for the lease, with the state it left. */
function leaseEvent(lease: Lease, kind: string, amount: BigInt, event: ethereum.Event): LeaseEvent {
  let entry = new LeaseEvent(eventId(event));
  entry.lease = lease.id;
  entry.kind = kind;
  entry.settledDays = lease.settledDays;
  entry.amount = amount;
  entry.blockNumber = event.block.number;
  entry.blockTimestamp = event.block.timestamp;
  entry.transactionHash = event.transaction.hash;
  return entry;
}

export function handleLeased(event: Leased): void {
  let id = event.params.leaseId;
  let p = event.params;
  let listing = getOrCreateListing(id, p.unitId, event);
  if (!listing.posted) {
    // A signed listing's terms are only in the call: by allowance or with a permit.
    let terms = firstTupleArgument(event, "rent(" + LISTING_TUPLE + ",bytes,uint16)", LISTING_TUPLE, LISTING_WORDS);
    if (terms == null) {
      terms = firstTupleArgument(
        event,
        "rentWithPermit(" + LISTING_TUPLE + ",bytes,uint16," + PERMIT_TUPLE + ")",
        LISTING_TUPLE,
        LISTING_WORDS,
      );
    }
    if (terms != null) setListingTerms(listing, terms, event);
  }
  listing.status = "Rented";
  listing.lease = id;
  listing.save();

  getOrCreateAccount(p.lessor, event.block.number).save();
  getOrCreateAccount(p.tenant, event.block.number).save();
  let lease = new Lease(id);
  lease.unit = p.unitId.toString();
  lease.listing = id;
  lease.lessor = p.lessor;
  lease.tenant = p.tenant;
  if (!isZeroAddress(p.agent)) {
    let agency = getOrCreateAgency(p.agent);
    agency.save();
    lease.agency = agency.id;
  }
  lease.agentFeeBps = p.agentFeeBps;
  lease.penaltyBps = p.penaltyBps;
  lease.pricePerDay = p.pricePerDay;
  lease.deposit = p.deposit;
  // A nullable Boolean reads as false when unset: look at the stored value itself.
  let mayDecorate = listing.get("mayDecorate");
  if (mayDecorate != null && mayDecorate.kind == ValueKind.BOOL) lease.mayDecorate = mayDecorate.toBoolean();
  lease.status = "Active";
  // The event leaves out what the block tells (see `ILeaseBook.Leased`).
  lease.start = event.block.timestamp;
  lease.expires = event.block.timestamp.plus(BigInt.fromI32(p.rentDays).times(BigInt.fromI32(SECONDS_PER_DAY)));
  lease.daysPaid = p.rentDays;
  lease.rentDays = p.rentDays;
  lease.settledDays = 0;
  lease.paid = p.pricePerDay.times(BigInt.fromI32(p.rentDays)).plus(p.deposit);
  lease.rentCredited = BigInt.zero();
  lease.lessorEarned = BigInt.zero();
  lease.agencyEarned = BigInt.zero();
  lease.platformFees = BigInt.zero();
  lease.depositSettled = p.deposit.isZero();
  lease.createdAtBlock = event.block.number;
  lease.updatedAtBlock = event.block.number;
  lease.save();
  leaseEvent(lease, "Started", lease.paid, event).save();

  // The registry's `UpdateUser` follows in the same transaction and sets the unit's tenant.
  let unit = Unit.load(lease.unit);
  if (unit == null) {
    log.error("handleLeased: unit {} is missing (tx {})", [lease.unit, event.transaction.hash.toHexString()]);
    return;
  }
  unit.lease = id;
  unit.save();
}

export function handleRentClaimed(event: RentClaimed): void {
  let lease = loadLease(event.params.leaseId, "handleRentClaimed", event);
  if (lease == null) return;
  lease.settledDays = event.params.lease.settledDays;
  lease.updatedAtBlock = event.block.number;
  lease.save();
  leaseEvent(lease, "RentClaimed", BigInt.zero(), event).save();
}

export function handleLeaseEnded(event: LeaseEnded): void {
  let lease = loadLease(event.params.leaseId, "handleLeaseEnded", event);
  if (lease == null) return;
  let state = event.params.lease;
  lease.status = "EndedEarly";
  lease.expires = state.end;
  lease.rentDays = state.rentDays;
  lease.settledDays = state.settledDays;
  lease.refund = event.params.refund;
  lease.penalty = event.params.penalty;
  lease.updatedAtBlock = event.block.number;
  lease.save();
  let entry = leaseEvent(lease, "EndedEarly", event.params.refund, event);
  entry.penalty = event.params.penalty;
  entry.save();
}

export function handleRentCredited(event: RentCredited): void {
  let lease = loadLease(event.params.leaseId, "handleRentCredited", event);
  if (lease == null) return;
  let params = event.params;
  lease.rentCredited = lease.rentCredited.plus(params.amount);
  lease.lessorEarned = lease.lessorEarned.plus(params.lessorShare);
  lease.agencyEarned = lease.agencyEarned.plus(params.agentFee);
  lease.platformFees = lease.platformFees.plus(params.platformFee);
  lease.updatedAtBlock = event.block.number;
  lease.save();

  let payment = new LeasePayment(eventId(event));
  payment.lease = lease.id;
  let agencyId = lease.agency;
  if (agencyId !== null) {
    let agency = getOrCreateAgency(Address.fromBytes(agencyId));
    agency.rentEarnings = agency.rentEarnings.plus(params.agentFee);
    agency.totalEarnings = agency.saleEarnings.plus(agency.rentEarnings);
    agency.save();
    payment.agency = agency.id;
  }
  payment.amount = params.amount;
  payment.lessorShare = params.lessorShare;
  payment.agentFee = params.agentFee;
  payment.platformFee = params.platformFee;
  payment.blockNumber = event.block.number;
  payment.blockTimestamp = event.block.timestamp;
  payment.transactionHash = event.transaction.hash;
  payment.save();
}

export function handleDepositSettled(event: DepositSettled): void {
  let lease = loadLease(event.params.leaseId, "handleDepositSettled", event);
  if (lease == null) return;
  lease.depositSettled = true;
  lease.depositClaimed = event.params.claimed;
  lease.depositReturned = event.params.returned;
  lease.updatedAtBlock = event.block.number;
  lease.save();
  let entry = leaseEvent(lease, "DepositSettled", event.params.returned, event);
  entry.depositClaimed = event.params.claimed;
  entry.save();
}

/** `CounterIncremented`: the owner's listings on chain signed with a lower counter are dead. */
export function handleCounterIncremented(event: CounterIncremented): void {
  let account = Account.load(event.params.owner);
  if (account == null) return;
  let listings = account.rentalListings.load();
  for (let i = 0; i < listings.length; i++) {
    let listing = listings[i];
    let counter = listing.counter;
    if (listing.status != "Listed" || counter === null || counter.ge(event.params.counter)) continue;
    listing.status = "Cancelled";
    listing.updatedAtBlock = event.block.number;
    listing.save();
  }
}
