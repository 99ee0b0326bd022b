import { Bytes, ethereum, log } from "@graphprotocol/graph-ts";
import { UnitNameCleared, UnitNamed } from "../../generated/UnitNames/UnitNames";
import { Unit, UnitNameChange } from "../../generated/schema";
import { eventId } from "../helpers/events";

/** `UnitNamed`: the unit takes a name (after `UnitNameCleared` of its old one when it is a rename). */
export function handleUnitNamed(event: UnitNamed): void {
  let unit = loadUnit(event.params.unitId.toString(), "handleUnitNamed", event);
  if (unit == null) return;
  unit.name = event.params.label;
  touch(unit, event);
  unit.save();
  saveChange(unit.id, event.params.label, event.params.node, true, event);
}

/** `UnitNameCleared`: the unit gives its name up, which frees it for any unit. */
export function handleUnitNameCleared(event: UnitNameCleared): void {
  let unit = loadUnit(event.params.unitId.toString(), "handleUnitNameCleared", event);
  if (unit == null) return;
  let current = unit.name;
  if (current != null && current == event.params.label) unit.name = null;
  touch(unit, event);
  unit.save();
  saveChange(unit.id, event.params.label, event.params.node, false, event);
}

function saveChange(unitId: string, name: string, node: Bytes, named: boolean, event: ethereum.Event): void {
  let change = new UnitNameChange(eventId(event));
  change.unit = unitId;
  change.name = name;
  change.node = node;
  change.named = named;
  change.sender = event.transaction.from;
  change.blockNumber = event.block.number;
  change.blockTimestamp = event.block.timestamp;
  change.transactionHash = event.transaction.hash;
  change.save();
}

function loadUnit(id: string, handler: string, event: ethereum.Event): Unit | null {
  let unit = Unit.load(id);
  if (unit == null) log.error("{}: unit {} is missing (tx {})", [handler, id, event.transaction.hash.toHexString()]);
  return unit;
}

function touch(unit: Unit, event: ethereum.Event): void {
  unit.updatedAtBlock = event.block.number;
  unit.updatedAtTimestamp = event.block.timestamp;
}
