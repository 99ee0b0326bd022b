/** A lossless JSON form of entities, for data source contexts kept in the database. */
import { BigDecimal } from "../runtime/bigDecimal.ts";
import { bytesToHex, hexToBytes, type Entity, type StoreValue } from "./values.ts";

type JsonValue = { kind: StoreValue["kind"]; value?: unknown };

function toJson(value: StoreValue): JsonValue {
  switch (value.kind) {
    case "Null":
      return { kind: "Null" };
    case "Bytes":
      return { kind: "Bytes", value: bytesToHex(value.value) };
    case "Array":
      return { kind: "Array", value: value.value.map(toJson) };
    case "BigInt":
    case "Int8":
    case "Timestamp":
    case "BigDecimal":
      return { kind: value.kind, value: value.value.toString() };
    default:
      return { kind: value.kind, value: value.value };
  }
}

function fromJson(json: JsonValue): StoreValue {
  switch (json.kind) {
    case "Null":
      return { kind: "Null" };
    case "Bytes":
      return { kind: "Bytes", value: hexToBytes(json.value as string) };
    case "Array":
      return { kind: "Array", value: (json.value as JsonValue[]).map(fromJson) };
    case "BigInt":
    case "Int8":
    case "Timestamp":
      return { kind: json.kind, value: BigInt(json.value as string) };
    case "BigDecimal":
      return { kind: "BigDecimal", value: BigDecimal.fromString(json.value as string) };
    case "String":
      return { kind: "String", value: json.value as string };
    case "Int":
      return { kind: "Int", value: json.value as number };
    case "Bool":
      return { kind: "Bool", value: json.value as boolean };
  }
}

export function entityToJson(entity: Entity): Array<[string, JsonValue]> {
  return [...entity].map(([key, value]) => [key, toJson(value)]);
}

export function entityFromJson(json: unknown): Entity {
  return new Map(((json as Array<[string, JsonValue]>) ?? []).map(([key, value]) => [key, fromJson(value)]));
}

/** A manifest `context:` entry (`{ type: "String", data: "…" }`) as a store value. */
export function manifestContextValue(entry: { type: string; data: unknown }): StoreValue {
  switch (entry.type) {
    case "Bool":
      return { kind: "Bool", value: Boolean(entry.data) };
    case "String":
      return { kind: "String", value: String(entry.data) };
    case "Int":
      return { kind: "Int", value: Number(entry.data) };
    case "Int8":
      return { kind: "Int8", value: BigInt(entry.data as string) };
    case "BigInt":
      return { kind: "BigInt", value: BigInt(entry.data as string) };
    case "BigDecimal":
      return { kind: "BigDecimal", value: BigDecimal.fromString(String(entry.data)) };
    case "Bytes":
      return { kind: "Bytes", value: hexToBytes(String(entry.data)) };
    case "List":
      return { kind: "Array", value: (entry.data as Array<{ type: string; data: unknown }>).map(manifestContextValue) };
    default:
      throw new Error(`unsupported context value type ${entry.type}`);
  }
}
