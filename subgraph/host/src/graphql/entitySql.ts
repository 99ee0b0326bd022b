/**
 * The SQL statements the query layer runs: one per collection and nesting level, whatever the
 * number of parents. Every statement reads the version tables "as of" the block in `$1`.
 *
 * - A root collection is a plain `select … order by … limit … offset …`.
 * - A nested collection (a derived field, or a stored list of ids) runs once for all parents:
 *   the parents' ids are unnested and each one gets its own page through a lateral subquery
 *   (`cross join lateral (… order by … limit first offset skip)`), so `first`, `skip`, `orderBy`
 *   and `where` apply per parent, as in graph-node.
 * - For an interface the page is chosen over the union of its implementers' tables (type name,
 *   id and sort value only); the rows themselves are then read per type by id.
 */
import type { EntityDef, FieldDef, SchemaModel } from "../schema/model.ts";
import { concreteTypes } from "../schema/model.ts";
import { quote, sqlType, tableName } from "../store/sql.ts";
import { FilterCompiler, visibleAt, type SqlParams } from "./filters.ts";
import { orderByNotSupported } from "./queryError.ts";

export type CollectionArgs = {
  first: number;
  skip: number;
  orderBy?: string | null | undefined;
  orderDirection?: "asc" | "desc" | null | undefined;
  where?: Record<string, unknown> | null | undefined;
};

/** How the rows of a nested collection hang off their parents. */
export type ParentLink =
  /** Children whose `backField` refers to the parent (`@derivedFrom`). */
  | { kind: "derived"; backField: string; parentIds: unknown[]; parentIdType: string }
  /** Children whose ids the parent stores in a list field: one (parent, child) pair per element. */
  | { kind: "list"; parentIds: unknown[]; childIds: unknown[]; parentIdType: string; childIdType: string };

export type SqlStatement = { sql: string; params: SqlParams };

/** Column `"__parent"` holds the parent's id on rows of a nested collection. */
export const PARENT = "__parent";
/** Columns of an interface page: the concrete type and id of each entity. */
export const TYPENAME = "__typename";
export const ENTITY_ID = "__id";

function selectList(alias: string, columns: readonly string[]): string {
  return columns.map((c) => `${alias}.${quote(c)}`).join(", ");
}

/** The SQL expression `orderBy` sorts rows of `entity` by (null: by id only). */
function sortExpression(
  model: SchemaModel,
  ownerName: string,
  entity: EntityDef,
  alias: string,
  orderBy: string | null | undefined,
  compiler: FilterCompiler,
): string | null {
  if (!orderBy || orderBy === "id") return null;
  const [parentName, childName] = orderBy.split("__") as [string, string | undefined];
  const field = entity.fields.get(parentName);
  if (!field) throw orderByNotSupported(ownerName, orderBy);
  if (childName === undefined) {
    if (field.list || field.derivedFrom) throw orderByNotSupported(ownerName, orderBy);
    return `${alias}.${quote(field.name)}`;
  }
  if (field.category !== "entity" || field.list) throw orderByNotSupported(ownerName, orderBy);
  const lookups = concreteTypes(model, field.typeName).map((child) => {
    const childField = child.fields.get(childName);
    if (!childField || childField.list || childField.category === "entity")
      throw orderByNotSupported(child.name, childName);
    const c = compiler.newAlias();
    if (field.derivedFrom) {
      const back = child.fields.get(field.derivedFrom)!;
      const link = back.list
        ? `${c}.${quote(back.name)} @> array[${alias}."id"]`
        : `${c}.${quote(back.name)} = ${alias}."id"`;
      return `(select ${c}.${quote(childName)} from ${tableName(child)} ${c} where ${link} and ${visibleAt(c, "$1")} order by ${c}."id" limit 1)`;
    }
    return `(select ${c}.${quote(childName)} from ${tableName(child)} ${c} where ${c}."id" = ${alias}.${quote(field.name)} and ${visibleAt(c, "$1")})`;
  });
  return lookups.length === 1 ? lookups[0]! : `coalesce(${lookups.join(", ")})`;
}

/** The condition tying a child row (`alias`) to the parent `p` of the lateral join. */
function linkCondition(entity: EntityDef, alias: string, link: ParentLink): string {
  if (link.kind === "list") return `${alias}."id" in (select y.child from pairs y where y.parent = p.id)`;
  const back: FieldDef = entity.fields.get(link.backField)!;
  return back.list ? `${alias}.${quote(back.name)} @> array[p.id]` : `${alias}.${quote(back.name)} = p.id`;
}

/** Wraps a per-parent subquery into the statement over every parent. */
function overParents(inner: string, link: ParentLink, params: SqlParams): string {
  if (link.kind === "derived") {
    params.push(link.parentIds);
    return `select p.id as ${quote(PARENT)}, c.* from unnest($${params.length}::${link.parentIdType}[]) as p(id) cross join lateral (${inner}) c`;
  }
  params.push(link.parentIds, link.childIds);
  const parents = `$${params.length - 1}::${link.parentIdType}[]`;
  const children = `$${params.length}::${link.childIdType}[]`;
  return (
    `with pairs as (select * from unnest(${parents}, ${children}) as x(parent, child)) ` +
    `select p.id as ${quote(PARENT)}, c.* from (select distinct parent as id from pairs) p cross join lateral (${inner}) c`
  );
}

/**
 * One page of entities of `entity` at block `$1` (per parent when `link` is given): rows with
 * `columns` (and `__parent`).
 */
export function entityPage(
  model: SchemaModel,
  entity: EntityDef,
  args: CollectionArgs,
  block: number,
  columns: readonly string[],
  link?: ParentLink,
): SqlStatement {
  const compiler = new FilterCompiler(model);
  const params: SqlParams = [block];
  const t = compiler.newAlias();
  const direction = args.orderDirection === "desc" ? "desc" : "asc";
  const conditions = [visibleAt(t, "$1")];
  if (link) conditions.push(linkCondition(entity, t, link));
  conditions.push(compiler.compile(entity, t, args.where, params, "$1"));
  const sort = sortExpression(model, entity.name, entity, t, args.orderBy, compiler);
  const order = `${sort ? `${sort} ${direction} nulls last, ` : ""}${t}."id" ${direction}`;
  const inner =
    `select ${selectList(t, columns)} from ${tableName(entity)} ${t} where ${conditions.join(" and ")}` +
    ` order by ${order} limit ${args.first} offset ${args.skip}`;
  return { sql: link ? overParents(inner, link, params) : inner, params };
}

/**
 * One page of an interface's entities across its implementers at block `$1` (per parent when
 * `link` is given): rows with `__typename` and `__id` (and `__parent`), in page order.
 */
export function interfacePage(
  model: SchemaModel,
  interfaceName: string,
  implementers: readonly EntityDef[],
  args: CollectionArgs,
  block: number,
  link?: ParentLink,
): SqlStatement {
  const compiler = new FilterCompiler(model);
  const params: SqlParams = [block];
  const direction = args.orderDirection === "desc" ? "desc" : "asc";
  const sorted = !!args.orderBy && args.orderBy !== "id";
  const branches = implementers.map((entity) => {
    const t = compiler.newAlias();
    const conditions = [visibleAt(t, "$1")];
    if (link) conditions.push(linkCondition(entity, t, link));
    conditions.push(compiler.compile(entity, t, args.where, params, "$1"));
    const sort = sorted ? sortExpression(model, interfaceName, entity, t, args.orderBy, compiler) : null;
    params.push(entity.name);
    const select = `$${params.length}::text as ${quote(TYPENAME)}, ${t}."id" as ${quote(ENTITY_ID)}${sort ? `, ${sort} as "__sort"` : ""}`;
    return `select ${select} from ${tableName(entity)} ${t} where ${conditions.join(" and ")}`;
  });
  const order = `${sorted ? `u."__sort" ${direction} nulls last, ` : ""}u.${quote(ENTITY_ID)} ${direction}`;
  const inner =
    `select u.${quote(TYPENAME)}, u.${quote(ENTITY_ID)} from (${branches.join(" union all ")}) u` +
    ` order by ${order} limit ${args.first} offset ${args.skip}`;
  return { sql: link ? overParents(inner, link, params) : inner, params };
}

/** Rows of `entity` with the given ids, at block `$1`. */
export function entitiesById(entity: EntityDef, ids: readonly unknown[], block: number, columns: readonly string[]) {
  return {
    sql: `select ${selectList("t", columns)} from ${tableName(entity)} t where t."id" = any($2::${sqlType({ storeScalar: entity.idType, list: false })}[]) and ${visibleAt("t", "$1")}`,
    params: [block, ids],
  };
}
