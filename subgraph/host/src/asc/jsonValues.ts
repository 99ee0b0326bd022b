/**
 * graph-ts `JSONValue`: AscEnum with kinds Null 0, Bool 1, Number 2 (payload: the number's
 * source text), String 3, Array 4, Object 5 (`TypedMap<string, JSONValue>`). Numbers keep their
 * exact text, as graph-node does, so big integers survive.
 */
import type { AscHeap } from "./heap.ts";

class JsonNumber {
  constructor(readonly numberText: string) {}
}
export type Json = null | boolean | string | JsonNumber | Json[] | { [key: string]: Json };

/** Parses JSON keeping every number's source text (JSON.parse source text access). */
export function parseJsonKeepingNumbers(text: string): Json {
  return JSON.parse(text, function (this: unknown, _key: string, value: unknown, context?: { source?: string }) {
    if (typeof value === "number") return new JsonNumber(context?.source ?? String(value));
    return value;
  }) as Json;
}

export function writeJsonValue(heap: AscHeap, value: Json): number {
  if (value === null) return heap.writeEnum("JsonValue", 0, 0);
  if (typeof value === "boolean") return heap.writeEnum("JsonValue", 1, value ? 1 : 0);
  if (typeof value === "string") return heap.writeEnum("JsonValue", 3, heap.writeString(value));
  if (Array.isArray(value)) {
    const elements = value.map((v) => writeJsonValue(heap, v));
    return heap.writeEnum("JsonValue", 4, heap.writePointerArray(elements, "ArrayJsonValue"));
  }
  if (value instanceof JsonNumber) return heap.writeEnum("JsonValue", 2, heap.writeString(value.numberText));
  const entries = Object.entries(value).map(([key, v]) =>
    heap.writeStruct("TypedMapEntryStringJsonValue", [heap.writeString(key), writeJsonValue(heap, v)]),
  );
  const map = heap.writeStruct("TypedMapStringJsonValue", [
    heap.writePointerArray(entries, "ArrayTypedMapEntryStringJsonValue"),
  ]);
  return heap.writeEnum("JsonValue", 5, map);
}
