/**
 * Compiles graph-node `where` filters (`<Type>_filter` inputs) to SQL over the version tables.
 * Every value is a bound parameter; identifiers come from the schema only.
 */
import type { EntityDef, FieldDef, SchemaModel } from "../schema/model.ts";
import { BLOCK_FROM, BLOCK_TO, quote, tableName } from "../store/sql.ts";
import { hexToBytes } from "../store/values.ts";

export type SqlParams = unknown[];

/** Operators by the kind of field they apply to (graph-node `graph/src/schema/api.rs`). */
export const SCALAR_OPS = ["", "_not", "_gt", "_lt", "_gte", "_lte", "_in", "_not_in"] as const;
export const BYTES_OPS = [...SCALAR_OPS, "_contains", "_not_contains"] as const;
const STRING_EXTRA = [
  "_contains",
  "_not_contains",
  "_starts_with",
  "_not_starts_with",
  "_ends_with",
  "_not_ends_with",
] as const;
export const STRING_OPS = [...SCALAR_OPS, ...STRING_EXTRA.flatMap((op) => [op, `${op}_nocase`])] as const;
export const ENUM_OPS = ["", "_not", "_in", "_not_in"] as const;
export const LIST_OPS = ["", "_not", "_contains", "_contains_nocase", "_not_contains", "_not_contains_nocase"] as const;

/** The operators a field supports in filters. */
export function operatorsFor(field: FieldDef): readonly string[] {
  if (field.derivedFrom) return [];
  if (field.list) return LIST_OPS;
  if (field.category === "enum") return ENUM_OPS;
  if (field.name === "id") return field.storeScalar === "Bytes" ? BYTES_OPS : SCALAR_OPS;
  if (field.storeScalar === "String") return STRING_OPS;
  if (field.storeScalar === "Bytes") return BYTES_OPS;
  if (field.storeScalar === "Boolean") return ["", "_not", "_in", "_not_in"];
  return SCALAR_OPS;
}

/** `t` is visible at `block`. */
export function visibleAt(alias: string, blockParam: string): string {
  return `${alias}.${BLOCK_FROM} <= ${blockParam} and (${alias}.${BLOCK_TO} is null or ${alias}.${BLOCK_TO} > ${blockParam})`;
}

export class FilterCompiler {
  private readonly schema: SchemaModel;
  private aliasCounter = 0;

  constructor(schema: SchemaModel) {
    this.schema = schema;
  }

  newAlias(): string {
    return `t${this.aliasCounter++}`;
  }

  /** A parameter placeholder for `value`. */
  param(params: SqlParams, value: unknown): string {
    params.push(value);
    return `$${params.length}`;
  }

  /** Converts a GraphQL input value to the SQL parameter of `field`'s column. */
  sqlValue(field: Pick<FieldDef, "storeScalar">, value: unknown): unknown {
    if (value === null || value === undefined) return null;
    if (Array.isArray(value)) return value.map((v) => this.sqlValue(field, v));
    switch (field.storeScalar) {
      case "Bytes":
        return hexToBytes(String(value));
      case "BigInt":
      case "BigDecimal":
      case "Int8":
      case "Timestamp":
        return String(value);
      default:
        return value;
    }
  }

  compile(
    entity: EntityDef,
    alias: string,
    where: Record<string, unknown> | undefined,
    params: SqlParams,
    blockParam: string,
  ): string {
    if (!where) return "true";
    const clauses: string[] = [];
    for (const [key, value] of Object.entries(where)) {
      if (value === undefined) continue;
      if (key === "and" || key === "or") {
        const parts = (value as Record<string, unknown>[]).map(
          (w) => `(${this.compile(entity, alias, w, params, blockParam)})`,
        );
        if (parts.length) clauses.push(`(${parts.join(key === "and" ? " and " : " or ")})`);
        continue;
      }
      if (key === "_change_block") {
        const gte = (value as { number_gte: number }).number_gte;
        clauses.push(`${alias}.${BLOCK_FROM} >= ${this.param(params, gte)}`);
        continue;
      }
      if (key.endsWith("_")) {
        clauses.push(
          this.nested(entity, alias, key.slice(0, -1), value as Record<string, unknown>, params, blockParam),
        );
        continue;
      }
      const { field, op } = this.splitKey(entity, key);
      clauses.push(this.comparison(field, `${alias}.${quote(field.name)}`, op, value, params));
    }
    return clauses.length ? clauses.join(" and ") : "true";
  }

  private splitKey(entity: EntityDef, key: string): { field: FieldDef; op: string } {
    const direct = entity.fields.get(key);
    if (direct) return { field: direct, op: "" };
    // Longest operator first: `_not_contains_nocase` before `_contains_nocase` before `_nocase`…
    const ops = [...new Set([...STRING_OPS, ...LIST_OPS, ...BYTES_OPS])]
      .filter(Boolean)
      .sort((a, b) => b.length - a.length);
    for (const op of ops) {
      if (key.endsWith(op)) {
        const field = entity.fields.get(key.slice(0, -op.length));
        if (field) return { field, op };
      }
    }
    throw new Error(`Unknown filter \`${key}\` on ${entity.name}`);
  }

  private comparison(field: FieldDef, column: string, op: string, raw: unknown, params: SqlParams): string {
    const value = this.sqlValue(field, raw);
    if (field.list) return this.listComparison(field, column, op, value as unknown[] | null, params);
    const p = () => this.param(params, value);
    const isText = field.storeScalar === "String";
    switch (op) {
      case "":
        return value === null ? `${column} is null` : `${column} = ${p()}`;
      case "_not":
        return value === null ? `${column} is not null` : `${column} is distinct from ${p()}`;
      case "_gt":
        return `${column} > ${p()}`;
      case "_lt":
        return `${column} < ${p()}`;
      case "_gte":
        return `${column} >= ${p()}`;
      case "_lte":
        return `${column} <= ${p()}`;
      case "_in":
        return `${column} = any(${p()})`;
      case "_not_in":
        return `not (${column} = any(${p()}))`;
    }
    if (!isText) {
      // Bytes
      if (op === "_contains") return `position(${p()}::bytea in ${column}) > 0`;
      if (op === "_not_contains") return `position(${p()}::bytea in ${column}) = 0`;
      throw new Error(`Filter ${op} is not supported on ${field.name}`);
    }
    const nocase = op.endsWith("_nocase");
    const base = nocase ? op.slice(0, -"_nocase".length) : op;
    const col = nocase ? `lower(${column})` : column;
    const val = nocase ? `lower(${p()})` : p();
    switch (base) {
      case "_contains":
        return `strpos(${col}, ${val}) > 0`;
      case "_not_contains":
        return `strpos(${col}, ${val}) = 0`;
      case "_starts_with":
        return `starts_with(${col}, ${val})`;
      case "_not_starts_with":
        return `not starts_with(${col}, ${val})`;
      case "_ends_with":
        return `right(${col}, length(${val})) = ${val}`;
      case "_not_ends_with":
        return `right(${col}, length(${val})) <> ${val}`;
    }
    throw new Error(`Filter ${op} is not supported on ${field.name}`);
  }

  private listComparison(
    field: FieldDef,
    column: string,
    op: string,
    value: unknown[] | null,
    params: SqlParams,
  ): string {
    const p = () => this.param(params, value);
    switch (op) {
      case "":
        return value === null ? `${column} is null` : `${column} = ${p()}`;
      case "_not":
        return value === null ? `${column} is not null` : `${column} is distinct from ${p()}`;
      case "_contains":
        return `${column} @> ${p()}`;
      case "_not_contains":
        return `not (${column} @> ${p()})`;
      case "_contains_nocase":
      case "_not_contains_nocase": {
        const lowered = `(select array_agg(lower(x)) from unnest(${column}) x) @> (select array_agg(lower(y)) from unnest(${p()}::text[]) y)`;
        return op === "_contains_nocase" ? `coalesce(${lowered}, false)` : `not coalesce(${lowered}, false)`;
      }
    }
    throw new Error(`Filter ${op} is not supported on ${field.name}`);
  }

  /** `field_: { … }`: a filter on the entities a reference (or derived field) points to. */
  private nested(
    entity: EntityDef,
    alias: string,
    fieldName: string,
    where: Record<string, unknown>,
    params: SqlParams,
    blockParam: string,
  ): string {
    const field = entity.fields.get(fieldName);
    if (!field || field.category !== "entity") throw new Error(`Unknown filter \`${fieldName}_\` on ${entity.name}`);
    const child = this.schema.entities.get(field.typeName)!;
    const c = this.newAlias();
    const inner = `${visibleAt(c, blockParam)} and ${this.compile(child, c, where, params, blockParam)}`;
    if (field.derivedFrom) {
      const back = child.fields.get(field.derivedFrom)!;
      const link = back.list
        ? `${alias}."id" = any(${c}.${quote(back.name)})`
        : `${c}.${quote(back.name)} = ${alias}."id"`;
      return `exists (select 1 from ${tableName(child)} ${c} where ${link} and ${inner})`;
    }
    const column = `${alias}.${quote(field.name)}`;
    if (field.list) return `${column} && array(select ${c}."id" from ${tableName(child)} ${c} where ${inner})`;
    return `${column} in (select ${c}."id" from ${tableName(child)} ${c} where ${inner})`;
  }
}
