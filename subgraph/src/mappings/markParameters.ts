import { ParameterDefined, ParameterSet } from "../../generated/MarkParameters/MarkParameters";
import { Parameter, ParameterChange } from "../../generated/schema";
import { eventId } from "../helpers/events";

/** `ParameterDefined`: a new key with its fixed bounds and first value. */
export function handleParameterDefined(event: ParameterDefined): void {
  let parameter = new Parameter(event.params.key);
  parameter.name = event.params.name;
  parameter.min = event.params.min;
  parameter.max = event.params.max;
  parameter.value = event.params.value;
  parameter.definedAtBlock = event.block.number;
  parameter.updatedAtBlock = event.block.number;
  parameter.save();
}

/** `ParameterSet`: a change of value, passed by governance. */
export function handleParameterSet(event: ParameterSet): void {
  let parameter = Parameter.load(event.params.key);
  if (parameter == null) return;
  parameter.value = event.params.newValue;
  parameter.updatedAtBlock = event.block.number;
  parameter.save();
  let change = new ParameterChange(eventId(event));
  change.parameter = parameter.id;
  change.oldValue = event.params.oldValue;
  change.newValue = event.params.newValue;
  change.blockNumber = event.block.number;
  change.blockTimestamp = event.block.timestamp;
  change.transactionHash = event.transaction.hash;
  change.save();
}
