import { BigInt, ethereum, log } from "@graphprotocol/graph-ts";
import { Unit } from "../../generated/schema";

/**
 * Notes that a sale or rental listing of `unitId` was posted on chain, so that the unit's next
 * change of hands looks for listings to mark `Stale` (and a unit never listed costs nothing more).
 */
export function countOpenListing(unitId: BigInt): void {
  let unit = Unit.load(unitId.toString());
  if (unit == null) {
    log.error("countOpenListing: unit {} is unknown", [unitId.toString()]);
    return;
  }
  unit.openListingCount = unit.openListingCount + 1;
  unit.save();
}

/**
 * After `unit` changed hands (its `transferCount` already raised): every posted sale or rental
 * listing still open that was signed at a lower transfer count can never be filled. Marks them
 * `Stale` and leaves `openListingCount` at what is still open.
 */
export function markListingsStale(unit: Unit, event: ethereum.Event): void {
  let open = 0;
  let listings = unit.listings.load();
  for (let i = 0; i < listings.length; i++) {
    let listing = listings[i];
    if (listing.status != "Active") continue;
    // Posted listings always carry their terms (a nullable Int reads as 0 when unset).
    if (listing.nonce >= unit.transferCount) {
      open++;
      continue;
    }
    listing.status = "Stale";
    listing.closedAtBlock = event.block.number;
    listing.closedAtTimestamp = event.block.timestamp;
    listing.save();
  }
  let rentals = unit.rentalListings.load();
  for (let i = 0; i < rentals.length; i++) {
    let rental = rentals[i];
    if (rental.status != "Listed") continue;
    if (rental.transferCount >= unit.transferCount) {
      open++;
      continue;
    }
    rental.status = "Stale";
    rental.updatedAtBlock = event.block.number;
    rental.save();
  }
  unit.openListingCount = open;
}
