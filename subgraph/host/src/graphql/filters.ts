/**
 * graph-node `where` filters (`<Type>_filter` inputs): which filter fields a schema field gets
 * (`graph/src/schema/api.rs`, `field_filter_ops` and friends) and how they compile to SQL over
 * the version tables. Every value is a bound parameter; identifiers come from the schema only.
 */
import type { EntityDef, FieldDef, SchemaModel } from "../schema/model.ts";
import { concreteTypes } from "../schema/model.ts";
import { BLOCK_FROM, BLOCK_TO, quote, sqlType, tableName } from "../store/sql.ts";
import { hexToBytes } from "../store/values.ts";
import { QueryError } from "./queryError.ts";

export type SqlParams = unknown[];

/** Suffixes by the kind of field they apply to, in graph-node's order. */
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
export const BOOLEAN_OPS = ["", "_not", "_in", "_not_in"] as const;
export const ENUM_OPS = ["", "_not", "_in", "_not_in"] as const;
export const LIST_OPS = ["", "_not", "_contains", "_contains_nocase", "_not_contains", "_not_contains_nocase"] as const;
export const LIST_OPS_CASED = ["", "_not", "_contains", "_not_contains"] as const;

/** Longest first, so `_not_contains_nocase` is tried before `_contains_nocase` and `_nocase`. */
const ALL_OPS = [...new Set<string>([...STRING_OPS, ...LIST_OPS, ...BYTES_OPS])]
  .filter(Boolean)
  .sort((a, b) => b.length - a.length);

/**
 * The scalar a filter on `field` compares with: the field's own scalar, or for a reference the
 * scalar graph-node uses for ids in filters (`String` for String and Bytes ids, `Int` for Int8).
 */
export function filterScalarName(field: FieldDef): string {
  if (field.category !== "entity") return field.typeName;
  return field.storeScalar === "Int8" ? "Int" : "String";
}

/** The filter suffixes a field gets; `field_` (child filters) is added for every entity field on top. */
export function operatorsFor(field: FieldDef): readonly string[] {
  if (field.category === "entity" && field.derivedFrom) return [];
  if (field.list) {
    const element = filterScalarName(field);
    return element === "String" && !(field.category === "entity" && field.storeScalar === "Bytes")
      ? LIST_OPS
      : LIST_OPS_CASED;
  }
  if (field.category === "enum") return ENUM_OPS;
  switch (filterScalarName(field)) {
    case "Boolean":
      return BOOLEAN_OPS;
    case "Bytes":
      return BYTES_OPS;
    case "String":
      return STRING_OPS;
    default:
      return SCALAR_OPS;
  }
}

/** `alias` is visible at `block`. */
export function visibleAt(alias: string, blockParam: string): string {
  return `${alias}.${BLOCK_FROM} <= ${blockParam} and (${alias}.${BLOCK_TO} is null or ${alias}.${BLOCK_TO} > ${blockParam})`;
}

/** Converts a GraphQL input value to the SQL parameter of a column holding `storeScalar`. */
export function sqlValue(field: Pick<FieldDef, "storeScalar">, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map((v) => sqlValue(field, v));
  switch (field.storeScalar) {
    case "Bytes":
      try {
        return hexToBytes(String(value));
      } catch {
        throw new QueryError(`Failed to decode \`Bytes\` value: \`invalid hex ${JSON.stringify(value)}\``);
      }
    case "BigInt":
    case "BigDecimal":
    case "Int8":
    case "Timestamp":
      return String(value);
    default:
      return value;
  }
}

function unknownFilter(key: string, typeName: string): QueryError {
  return new QueryError(`Type \`${typeName}_filter\` has no field \`${key}\``);
}

export class FilterCompiler {
  private readonly model: SchemaModel;
  private aliasCounter = 0;

  constructor(model: SchemaModel) {
    this.model = model;
  }

  newAlias(): string {
    return `t${this.aliasCounter++}`;
  }

  /** A parameter placeholder for `value`, optionally cast to `type`. */
  param(params: SqlParams, value: unknown, type?: string): string {
    params.push(value);
    return type ? `$${params.length}::${type}` : `$${params.length}`;
  }

  /** The SQL condition for `where` on rows of `entity` aliased `alias`, read at `blockParam`. */
  compile(
    entity: EntityDef,
    alias: string,
    where: Record<string, unknown> | null | undefined,
    params: SqlParams,
    blockParam: string,
  ): string {
    if (!where) return "true";
    const clauses: string[] = [];
    for (const [key, value] of Object.entries(where)) {
      if (value === undefined) continue;
      if (key === "and" || key === "or") {
        if (value === null) continue;
        const parts = (value as Array<Record<string, unknown> | null>).map(
          (w) => `(${this.compile(entity, alias, w, params, blockParam)})`,
        );
        if (parts.length) clauses.push(`(${parts.join(key === "and" ? " and " : " or ")})`);
        continue;
      }
      if (key === "_change_block") {
        if (value === null) continue;
        const gte = (value as { number_gte: number }).number_gte;
        clauses.push(`${alias}.${BLOCK_FROM} >= ${this.param(params, gte)}`);
        continue;
      }
      if (key.endsWith("_") && entity.fields.get(key.slice(0, -1))?.category === "entity") {
        if (value === null) continue;
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
    if (direct && operatorsFor(direct).includes("")) return { field: direct, op: "" };
    for (const op of ALL_OPS) {
      if (key.endsWith(op)) {
        const field = entity.fields.get(key.slice(0, -op.length));
        if (field && operatorsFor(field).includes(op)) return { field, op };
      }
    }
    throw unknownFilter(key, entity.name);
  }

  private comparison(field: FieldDef, column: string, op: string, raw: unknown, params: SqlParams): string {
    if (field.list) return this.listComparison(field, column, op, raw as unknown[] | null, params);
    const stringOp = op !== "" && !(SCALAR_OPS as readonly string[]).includes(op);
    // A reference to Bytes ids filtered with graph-node's String operators compares the 0x hex text.
    if (stringOp && field.category === "entity" && field.storeScalar === "Bytes")
      return this.textComparison(field, `('0x' || encode(${column}, 'hex'))`, op, String(raw).toLowerCase(), params);
    const value = sqlValue(field, raw);
    const p = () => this.param(params, value);
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
        return `${column} = any(${this.param(params, value, `${sqlType({ ...field, list: true })}`)})`;
      case "_not_in":
        return `not (${column} = any(${this.param(params, value, `${sqlType({ ...field, list: true })}`)}))`;
    }
    if (field.storeScalar === "Bytes") {
      if (op === "_contains") return `position(${p()}::bytea in ${column}) > 0`;
      if (op === "_not_contains") return `position(${p()}::bytea in ${column}) = 0`;
      throw unknownFilter(`${field.name}${op}`, "");
    }
    return this.textComparison(field, column, op, value, params);
  }

  private textComparison(field: FieldDef, column: string, op: string, value: unknown, params: SqlParams): string {
    const nocase = op.endsWith("_nocase");
    const base = nocase ? op.slice(0, -"_nocase".length) : op;
    const col = nocase ? `lower(${column})` : column;
    const p = this.param(params, value, "text");
    const val = nocase ? `lower(${p})` : p;
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
    throw new QueryError(`Filter \`${field.name}${op}\` is not supported`);
  }

  private listComparison(
    field: FieldDef,
    column: string,
    op: string,
    raw: unknown[] | null,
    params: SqlParams,
  ): string {
    const value = sqlValue(field, raw) as unknown[] | null;
    const p = () => this.param(params, value, sqlType(field));
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
        const lowered = `(select array_agg(lower(x)) from unnest(${column}) x) @> (select array_agg(lower(y)) from unnest(${this.param(params, value, "text[]")}) y)`;
        return op === "_contains_nocase" ? `coalesce(${lowered}, false)` : `not coalesce(${lowered}, false)`;
      }
    }
    throw new QueryError(`Filter \`${field.name}${op}\` is not supported`);
  }

  /**
   * `field_: { … }`: a filter on the entities a reference (or derived field) points to; for an
   * interface-typed field, on any of its implementers.
   */
  private nested(
    entity: EntityDef,
    alias: string,
    fieldName: string,
    where: Record<string, unknown>,
    params: SqlParams,
    blockParam: string,
  ): string {
    const field = entity.fields.get(fieldName)!;
    const branches = concreteTypes(this.model, field.typeName).map((child) => {
      const c = this.newAlias();
      const inner = `${visibleAt(c, blockParam)} and ${this.compile(child, c, where, params, blockParam)}`;
      if (field.derivedFrom) {
        const back = child.fields.get(field.derivedFrom)!;
        const link = back.list
          ? `${c}.${quote(back.name)} @> array[${alias}."id"]`
          : `${c}.${quote(back.name)} = ${alias}."id"`;
        return `exists (select 1 from ${tableName(child)} ${c} where ${link} and ${inner})`;
      }
      const column = `${alias}.${quote(field.name)}`;
      if (field.list) return `${column} && array(select ${c}."id" from ${tableName(child)} ${c} where ${inner})`;
      return `${column} in (select ${c}."id" from ${tableName(child)} ${c} where ${inner})`;
    });
    return branches.length ? `(${branches.join(" or ")})` : "false";
  }
}
