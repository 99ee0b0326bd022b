/**
 * An entity as the query layer holds it between the SQL batches and the graphql-js pass that
 * shapes the response: its concrete type, the columns that were read, and the relations that
 * were prefetched for it, by response key (alias or field name).
 */
import { BigDecimal } from "../runtime/bigDecimal.ts";
import type { FieldDef } from "../schema/model.ts";
import { bytesToHex } from "../store/values.ts";

export type EntityRow = {
  readonly typename: string;
  readonly values: Record<string, unknown>;
  /** Prefetched relations: response key → row, rows or null. */
  readonly children: Map<string, EntityRow | EntityRow[] | null>;
};

/** The root of a prefetched query: response key → value of that root field. */
export type PrefetchedRoot = Map<string, unknown>;

export function entityRow(typename: string, values: Record<string, unknown>): EntityRow {
  return { typename, values, children: new Map() };
}

/** A map key for an id column value (text, bytea or int8). */
export function idKey(value: unknown): string {
  if (value instanceof Uint8Array) return bytesToHex(value);
  return String(value);
}

/** A column value as graph-node serialises it: Bytes as 0x hex, big numbers as strings. */
export function outputValue(field: Pick<FieldDef, "storeScalar" | "list">, raw: unknown): unknown {
  if (raw === null || raw === undefined) return null;
  const convert = (value: unknown): unknown => {
    if (value === null || value === undefined) return null;
    switch (field.storeScalar) {
      case "Bytes":
        return bytesToHex(value as Uint8Array);
      case "BigInt":
      case "Int8":
      case "Timestamp":
        return String(value);
      case "BigDecimal":
        return BigDecimal.fromString(String(value)).toString();
      default:
        return value;
    }
  };
  return field.list ? (raw as unknown[]).map(convert) : convert(raw);
}

/** Approximate size in bytes of a column value once serialised as JSON. */
export function valueSize(value: unknown): number {
  if (value === null || value === undefined) return 4;
  if (typeof value === "string") return value.length + 2;
  if (value instanceof Uint8Array) return value.byteLength * 2 + 4;
  if (Array.isArray(value)) return value.reduce<number>((sum, v) => sum + valueSize(v) + 1, 2);
  if (typeof value === "bigint") return value.toString().length + 2;
  return 8;
}

/**
 * The approximate size of the response a prefetched value expands to. Rows shared by several
 * parents (a single reference many parents point to) count once per parent, as in the response;
 * each row is measured once, so this stays linear in the rows read however large the response.
 */
export function expandedSize(value: unknown, memo = new Map<EntityRow, number>()): number {
  if (value === null || value === undefined) return 4;
  if (Array.isArray(value)) return value.reduce<number>((sum, v) => sum + expandedSize(v, memo) + 1, 2);
  if (value instanceof Map) {
    let sum = 2;
    for (const [key, v] of value) sum += key.length + 3 + expandedSize(v, memo);
    return sum;
  }
  if (typeof value === "object" && "children" in value && "values" in value) {
    const row = value as EntityRow;
    const known = memo.get(row);
    if (known !== undefined) return known;
    let size = 2;
    for (const [key, v] of Object.entries(row.values)) size += key.length + 4 + valueSize(v);
    for (const [key, child] of row.children) size += key.length + 4 + expandedSize(child, memo);
    memo.set(row, size);
    return size;
  }
  return valueSize(value);
}
