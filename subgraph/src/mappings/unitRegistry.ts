import { ethereum, log } from "@graphprotocol/graph-ts";
import { Transfer, UnitClaimed, UnitContentSet } from "../../generated/UnitRegistry/UnitRegistry";
import { Unit, UnitClaim, UnitContentChange, UnitTransfer } from "../../generated/schema";
import { getOrCreateAccount, isZeroAddress } from "../helpers/accounts";
import { eventId } from "../helpers/events";
import { setUnitAddress } from "../helpers/unitAddress";

/**
 * ERC-721 `Transfer`: mints create the unit, every transfer moves it between accounts.
 * A claim emits `Transfer` (mint) before `UnitClaimed`, so the unit exists when the claim arrives.
 */
export function handleTransfer(event: Transfer): void {
  let tokenId = event.params.tokenId;
  let id = tokenId.toString();
  let unit = Unit.load(id);
  if (unit == null) {
    unit = new Unit(id);
    unit.tokenId = tokenId;
    setUnitAddress(unit, tokenId);
    unit.claimedAtBlock = event.block.number;
    unit.claimedAtTimestamp = event.block.timestamp;
  } else {
    let previous = getOrCreateAccount(event.params.from, event.block.number);
    previous.unitCount = previous.unitCount - 1;
    previous.save();
  }
  let account = getOrCreateAccount(event.params.to, event.block.number);
  if (!isZeroAddress(event.params.to)) account.unitCount = account.unitCount + 1;
  account.save();

  unit.owner = event.params.to;
  unit.account = account.id;
  touch(unit, event);
  unit.save();

  let transfer = new UnitTransfer(eventId(event));
  transfer.unit = id;
  transfer.from = event.params.from;
  transfer.to = event.params.to;
  transfer.blockNumber = event.block.number;
  transfer.blockTimestamp = event.block.timestamp;
  transfer.transactionHash = event.transaction.hash;
  transfer.save();
}

/** `UnitClaimed`: records the free claim and marks the account's free claim as used. */
export function handleUnitClaimed(event: UnitClaimed): void {
  let id = event.params.unitId.toString();
  let unit = Unit.load(id);
  if (unit == null) {
    log.error("handleUnitClaimed: unit {} is missing (tx {})", [id, event.transaction.hash.toHexString()]);
    return;
  }
  unit.claimedAtBlock = event.block.number;
  unit.claimedAtTimestamp = event.block.timestamp;
  touch(unit, event);
  unit.save();

  let account = getOrCreateAccount(event.params.owner, event.block.number);
  account.hasClaimedFree = true;
  account.save();

  let claim = new UnitClaim(eventId(event));
  claim.unit = id;
  claim.owner = event.params.owner;
  claim.account = account.id;
  claim.blockNumber = event.block.number;
  claim.blockTimestamp = event.block.timestamp;
  claim.transactionHash = event.transaction.hash;
  claim.save();
}

/** `UnitContentSet`: points the unit at its new scene manifest; an empty CID clears it. */
export function handleUnitContentSet(event: UnitContentSet): void {
  let id = event.params.unitId.toString();
  let unit = Unit.load(id);
  if (unit == null) {
    log.error("handleUnitContentSet: unit {} is missing (tx {})", [id, event.transaction.hash.toHexString()]);
    return;
  }
  let cid = event.params.cid;
  if (cid.length == 0) unit.contentCid = null;
  else unit.contentCid = cid;
  touch(unit, event);
  unit.save();

  let change = new UnitContentChange(eventId(event));
  change.unit = id;
  change.editor = event.params.editor;
  change.cid = cid;
  change.blockNumber = event.block.number;
  change.blockTimestamp = event.block.timestamp;
  change.transactionHash = event.transaction.hash;
  change.save();
}

function touch(unit: Unit, event: ethereum.Event): void {
  unit.updatedAtBlock = event.block.number;
  unit.updatedAtTimestamp = event.block.timestamp;
}
