/**
 * Entity values as the host keeps them: graph-ts `Value` kinds (`common/value.ts`), tagged so a
 * BigInt, an Int8 and a Timestamp stay distinct.
 */
import type { BigDecimal } from "../runtime/bigDecimal.ts";

export const StoreValueKind = {
  String: 0,
  Int: 1,
  BigDecimal: 2,
  Bool: 3,
  Array: 4,
  Null: 5,
  Bytes: 6,
  BigInt: 7,
  Int8: 8,
  Timestamp: 9,
} as const;

export type StoreValue =
  | { kind: "String"; value: string }
  | { kind: "Int"; value: number }
  | { kind: "BigDecimal"; value: BigDecimal }
  | { kind: "Bool"; value: boolean }
  | { kind: "Array"; value: StoreValue[] }
  | { kind: "Null" }
  | { kind: "Bytes"; value: Uint8Array }
  | { kind: "BigInt"; value: bigint }
  | { kind: "Int8"; value: bigint }
  | { kind: "Timestamp"; value: bigint };

/** An entity: field name → value. `Null` values mean "unset". */
export type Entity = Map<string, StoreValue>;

export function bytesToHex(bytes: Uint8Array): string {
  return `0x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex")}`;
}

export function hexToBytes(hex: string): Uint8Array {
  const body = hex.startsWith("0x") || hex.startsWith("0X") ? hex.slice(2) : hex;
  if (body.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(body)) throw new Error(`invalid hex "${hex}"`);
  return Uint8Array.from(Buffer.from(body, "hex"));
}

/** Readable form for error messages. */
export function describeValue(value: StoreValue): string {
  switch (value.kind) {
    case "Null":
      return "null";
    case "Bytes":
      return bytesToHex(value.value);
    case "Array":
      return `[${value.value.map(describeValue).join(", ")}]`;
    case "String":
      return JSON.stringify(value.value);
    default:
      return String(value.value);
  }
}

export function valuesEqual(a: StoreValue, b: StoreValue): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case "Null":
      return true;
    case "Bytes":
      return Buffer.compare(a.value, (b as typeof a).value) === 0;
    case "BigDecimal":
      return a.value.equals((b as typeof a).value);
    case "Array": {
      const other = (b as typeof a).value;
      return a.value.length === other.length && a.value.every((v, i) => valuesEqual(v, other[i]!));
    }
    default:
      return a.value === (b as typeof a).value;
  }
}
