/** How entity fields map to Postgres columns, and values to and from them. */
import { BigDecimal } from "../runtime/bigDecimal.ts";
import type { EntityDef, FieldDef, ScalarName } from "../schema/model.ts";
import type { Entity, StoreValue } from "./values.ts";

/** Columns every entity table has besides its fields; `__` names cannot clash with GraphQL fields. */
export const VID = `"__vid"`;
export const BLOCK_FROM = `"__block_from"`;
export const BLOCK_TO = `"__block_to"`;

const SQL_TYPE: Record<ScalarName, string> = {
  ID: "text",
  String: "text",
  Int: "int4",
  Int8: "int8",
  BigInt: "numeric",
  BigDecimal: "numeric",
  Boolean: "bool",
  Bytes: "bytea",
  Timestamp: "int8",
};

export function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function tableName(entity: EntityDef): string {
  return quote(`entity_${entity.name}`);
}

export function sqlType(field: Pick<FieldDef, "storeScalar" | "list">): string {
  const base = SQL_TYPE[field.storeScalar];
  return field.list ? `${base}[]` : base;
}

export function idSqlType(entity: EntityDef): string {
  return SQL_TYPE[entity.idType];
}

/** A store value as JSON for `jsonb_to_recordset` (bytea as `\x…` text, big numbers as text). */
export function toJsonColumn(value: StoreValue | undefined): unknown {
  if (value === undefined) return null;
  switch (value.kind) {
    case "Null":
      return null;
    case "String":
    case "Int":
    case "Bool":
      return value.value;
    case "Bytes":
      return `\\x${Buffer.from(value.value.buffer, value.value.byteOffset, value.value.byteLength).toString("hex")}`;
    case "BigInt":
    case "Int8":
    case "Timestamp":
      return value.value.toString();
    case "BigDecimal":
      return value.value.toString();
    case "Array":
      return value.value.map(toJsonColumn);
  }
}

/** A query parameter for a column of `scalar` (PGlite serialises Uint8Array as bytea). */
export function toSqlParam(value: StoreValue): unknown {
  switch (value.kind) {
    case "Bytes":
      return value.value;
    case "BigInt":
    case "Int8":
    case "Timestamp":
    case "BigDecimal":
      return value.value.toString();
    case "Array":
      return value.value.map(toSqlParam);
    case "Null":
      return null;
    default:
      return value.value;
  }
}

/** A column value PGlite returned, as the store value of `scalar`. */
export function fromColumn(scalar: ScalarName, raw: unknown): StoreValue {
  if (raw === null || raw === undefined) return { kind: "Null" };
  switch (scalar) {
    case "ID":
    case "String":
      return { kind: "String", value: raw as string };
    case "Int":
      return { kind: "Int", value: Number(raw) };
    case "Int8":
      return { kind: "Int8", value: BigInt(raw as string | number | bigint) };
    case "Timestamp":
      return { kind: "Timestamp", value: BigInt(raw as string | number | bigint) };
    case "BigInt":
      return { kind: "BigInt", value: BigInt(raw as string) };
    case "BigDecimal":
      return { kind: "BigDecimal", value: BigDecimal.fromString(String(raw)) };
    case "Boolean":
      return { kind: "Bool", value: Boolean(raw) };
    case "Bytes":
      return { kind: "Bytes", value: raw as Uint8Array };
  }
}

export function rowToEntity(entity: EntityDef, row: Record<string, unknown>): Entity {
  const out: Entity = new Map();
  for (const field of entity.storedFields) {
    const raw = row[field.name];
    if (raw === null || raw === undefined) continue;
    out.set(
      field.name,
      field.list
        ? { kind: "Array", value: (raw as unknown[]).map((element) => fromColumn(field.storeScalar, element)) }
        : fromColumn(field.storeScalar, raw),
    );
  }
  return out;
}
