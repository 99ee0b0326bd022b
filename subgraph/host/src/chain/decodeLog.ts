/** Splits a log into an event's parameters the way graph-node hands them to a handler. */
import { decodeAbiParameters, type AbiEvent, type AbiParameter, type Hex } from "viem";
import type { EventParamData } from "../asc/ethereumEvent.ts";

function isDynamic(parameter: AbiParameter): boolean {
  return (
    parameter.type === "string" ||
    parameter.type === "bytes" ||
    parameter.type.endsWith("]") ||
    parameter.type.startsWith("tuple")
  );
}

/** Decoded parameters in ABI order; indexed dynamic values are their topic hash (FixedBytes). */
export function decodeEventParams(event: AbiEvent, topics: readonly Hex[], data: Hex): EventParamData[] {
  const nonIndexed = event.inputs.filter((input) => !input.indexed);
  const decoded = nonIndexed.length ? decodeAbiParameters(nonIndexed, data) : [];
  const out: EventParamData[] = [];
  let topic = 1;
  let position = 0;
  for (const input of event.inputs) {
    const name = input.name ?? "";
    if (input.indexed) {
      const value = topics[topic++]!;
      if (isDynamic(input)) out.push({ name, parameter: input, topicHash: value });
      else out.push({ name, parameter: input, value: decodeAbiParameters([input], value)[0] });
    } else {
      out.push({ name, parameter: input, value: decoded[position++] });
    }
  }
  return out;
}
