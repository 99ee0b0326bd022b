/**
 * Reads everything a query asks for before graphql-js shapes the response, the way graph-node's
 * prefetch does: one SQL statement per root field and per relation at each nesting level,
 * batched over all parents of that level (per implementing type for interfaces), never one per
 * parent. Relations resolve at their root field's block. Between statements the deadline is
 * checked and the event loop gets a turn, so the indexer sharing the connection is never held
 * up by more than one statement.
 */
import {
  getArgumentValues,
  type FieldNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
} from "graphql";
import type { BlockPointer } from "../store/database.ts";
import type { EntityDef, FieldDef, SchemaModel } from "../schema/model.ts";
import { concreteTypes } from "../schema/model.ts";
import { sqlType } from "../store/sql.ts";
import { resolveBlockNumber, resolveMeta, type BlockHeightArg, type QueryBackend } from "./backend.ts";
import { collectSubfields, type FieldsByKey, type SelectionContext } from "./collectFields.ts";
import { entityRow, idKey, type EntityRow, type PrefetchedRoot } from "./entityRow.ts";
import {
  ENTITY_ID,
  PARENT,
  TYPENAME,
  entitiesById,
  entityPage,
  interfacePage,
  type CollectionArgs,
  type ParentLink,
  type SqlStatement,
} from "./entitySql.ts";
import { sqlValue } from "./filters.ts";
import { QueryError, queryTimedOut, rangeArgument } from "./queryError.ts";

/** What a root query field serves: one entity by id, a collection, or `_meta`. */
export type RootField = { kind: "single" | "collection"; typeName: string } | { kind: "meta" };

export type PrefetchOptions = {
  model: SchemaModel;
  schema: GraphQLSchema;
  rootFields: ReadonlyMap<string, RootField>;
  backend: QueryBackend;
  selection: SelectionContext;
  /** The indexed head when the query started: every root field without `block:` reads it. */
  latest: BlockPointer | null;
  hasIndexingErrors: boolean;
  maxFirst: number;
  maxSkip: number;
  /** `performance.now()` after which the query is abandoned. */
  deadline: number;
};

type Row = Record<string, unknown>;

/** Parents that select one relation the same way, answered by one statement. */
type RelationGroup = {
  key: string;
  field: FieldDef;
  definition: GraphQLField<unknown, unknown>;
  nodes: FieldNode[];
  parents: Set<EntityRow>;
};

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The columns to read for `entity` so the fields in `fields` can be served: id, scalars, stored references. */
function columnsFor(entity: EntityDef, fields: FieldsByKey): string[] {
  const columns = new Set(["id"]);
  for (const nodes of fields.values()) {
    const field = entity.fields.get(nodes[0]!.name.value);
    if (field && !field.derivedFrom) columns.add(field.name);
  }
  return [...columns];
}

function idSqlType(entity: { idType: FieldDef["storeScalar"] }): string {
  return sqlType({ storeScalar: entity.idType, list: false });
}

export class Prefetcher {
  private readonly options: PrefetchOptions;
  private readonly nodeIds = new WeakMap<FieldNode, number>();
  private nextNodeId = 0;

  constructor(options: PrefetchOptions) {
    this.options = options;
  }

  /** Prefetches every root field of `operationType`'s selection. */
  async root(type: GraphQLObjectType, fields: FieldsByKey): Promise<PrefetchedRoot> {
    const root: PrefetchedRoot = new Map();
    for (const [key, nodes] of fields) {
      const node = nodes[0]!;
      const root_ = this.options.rootFields.get(node.name.value);
      if (!root_) continue; // __typename, introspection: graphql-js answers those
      const definition = type.getFields()[node.name.value]!;
      const args = this.args(definition, node);
      if (root_.kind === "meta") {
        const block = args["block"] as BlockHeightArg | null | undefined;
        root.set(
          key,
          await resolveMeta(this.options.backend, this.options.latest, this.options.hasIndexingErrors, block),
        );
        continue;
      }
      const block = await resolveBlockNumber(
        this.options.backend,
        this.options.latest,
        args["block"] as BlockHeightArg | null,
      );
      if (root_.kind === "single") {
        const rows = await this.byId(root_.typeName, args["id"] as string, block, nodes);
        root.set(key, rows[0] ?? null);
        await this.children(rows, nodes, block);
      } else {
        const rows = await this.collection(root_.typeName, this.collectionArgs(args), block, nodes);
        root.set(key, rows);
        await this.children(rows, nodes, block);
      }
    }
    return root;
  }

  private args(definition: GraphQLField<unknown, unknown>, node: FieldNode): Record<string, unknown> {
    return getArgumentValues(definition, node, this.options.selection.variables);
  }

  private collectionArgs(args: Record<string, unknown>): CollectionArgs {
    const first = args["first"] as number;
    const skip = args["skip"] as number;
    if (first < 0 || first > this.options.maxFirst) throw rangeArgument("first", this.options.maxFirst, first);
    if (skip < 0 || skip > this.options.maxSkip) throw rangeArgument("skip", this.options.maxSkip, skip);
    return {
      first,
      skip,
      orderBy: args["orderBy"] as string | null | undefined,
      orderDirection: args["orderDirection"] as "asc" | "desc" | null | undefined,
      where: args["where"] as Record<string, unknown> | null | undefined,
    };
  }

  /** Runs one statement: checks the deadline and lets the event loop (and the indexer) in first. */
  private async run(statement: SqlStatement): Promise<Row[]> {
    if (performance.now() > this.options.deadline) throw queryTimedOut();
    await yieldToEventLoop();
    if (performance.now() > this.options.deadline) throw queryTimedOut();
    return (await this.options.backend.sql.query<Row>(statement.sql, statement.params)).rows;
  }

  private objectType(name: string): GraphQLObjectType {
    return this.options.schema.getType(name) as GraphQLObjectType;
  }

  /** The columns `entity` rows need for the selection below `nodes`. */
  private columns(entity: EntityDef, nodes: readonly FieldNode[]): string[] {
    return columnsFor(entity, collectSubfields(this.options.selection, this.objectType(entity.name), nodes));
  }

  /** Rows of the entity or interface `typeName` with the given ids, keyed by id. */
  private async fetchByIds(
    typeName: string,
    ids: readonly unknown[],
    block: number,
    nodes: readonly FieldNode[],
  ): Promise<Map<string, EntityRow>> {
    const found = new Map<string, EntityRow>();
    if (!ids.length) return found;
    for (const entity of concreteTypes(this.options.model, typeName)) {
      const rows = await this.run(entitiesById(entity, ids, block, this.columns(entity, nodes)));
      for (const row of rows) found.set(idKey(row["id"]), entityRow(entity.name, row));
    }
    return found;
  }

  private async byId(typeName: string, id: string, block: number, nodes: readonly FieldNode[]): Promise<EntityRow[]> {
    const types = concreteTypes(this.options.model, typeName);
    if (!types.length) return [];
    let value: unknown;
    try {
      value = sqlValue({ storeScalar: types[0]!.idType }, id);
    } catch {
      throw new QueryError(`Invalid id \`${id}\` for ${typeName}: expected ${types[0]!.idType}`);
    }
    const found = await this.fetchByIds(typeName, [value], block, nodes);
    return [...found.values()].slice(0, 1);
  }

  /** One page of a root collection (an entity type or an interface). */
  private async collection(
    typeName: string,
    args: CollectionArgs,
    block: number,
    nodes: readonly FieldNode[],
  ): Promise<EntityRow[]> {
    const { model } = this.options;
    const entity = model.entities.get(typeName);
    if (entity) {
      const rows = await this.run(entityPage(model, entity, args, block, this.columns(entity, nodes)));
      return rows.map((row) => entityRow(entity.name, row));
    }
    const implementers = concreteTypes(model, typeName);
    if (!implementers.length) return [];
    const page = await this.run(interfacePage(model, typeName, implementers, args, block));
    return this.rowsOfPage(page, block, nodes).then((rows) => rows.map((r) => r.row));
  }

  /** Reads the rows an interface page names, per implementing type, keeping page order. */
  private async rowsOfPage(
    page: Row[],
    block: number,
    nodes: readonly FieldNode[],
  ): Promise<Array<{ parent: unknown; row: EntityRow }>> {
    const idsByType = new Map<string, unknown[]>();
    for (const entry of page) {
      const typename = entry[TYPENAME] as string;
      const ids = idsByType.get(typename) ?? [];
      ids.push(entry[ENTITY_ID]);
      idsByType.set(typename, ids);
    }
    const rowsByType = new Map<string, Map<string, EntityRow>>();
    for (const [typename, ids] of idsByType)
      rowsByType.set(typename, await this.fetchByIds(typename, [...new Set(ids)], block, nodes));
    return page.flatMap((entry) => {
      const row = rowsByType.get(entry[TYPENAME] as string)?.get(idKey(entry[ENTITY_ID]));
      return row ? [{ parent: entry[PARENT], row }] : [];
    });
  }

  private groupId(nodes: readonly FieldNode[]): string {
    return nodes
      .map((node) => {
        let id = this.nodeIds.get(node);
        if (id === undefined) this.nodeIds.set(node, (id = this.nextNodeId++));
        return id;
      })
      .join(",");
  }

  /**
   * Prefetches the relations selected below `nodes` for `rows`, level by level: at each level
   * every parent that selects a relation the same way (the same field nodes, whichever path led
   * there, whichever implementing type it has) shares one statement.
   */
  private async children(rows: readonly EntityRow[], nodes: readonly FieldNode[], block: number): Promise<void> {
    let level: Array<{ parents: readonly EntityRow[]; nodes: readonly FieldNode[] }> = [{ parents: rows, nodes }];
    while (level.length) {
      const groups = new Map<string, RelationGroup>();
      for (const entry of level) this.group(entry.parents, entry.nodes, groups);
      const next: typeof level = [];
      for (const group of groups.values()) {
        const parents = [...group.parents];
        const children = await this.relation(group.key, group.field, group.definition, group.nodes, parents, block);
        if (children.length) next.push({ parents: children, nodes: group.nodes });
      }
      level = next;
    }
  }

  /** Adds the relations `parents` select below `nodes` to `groups`. */
  private group(parents: readonly EntityRow[], nodes: readonly FieldNode[], groups: Map<string, RelationGroup>): void {
    const byType = new Map<string, EntityRow[]>();
    for (const parent of parents) {
      const list = byType.get(parent.typename);
      if (list) list.push(parent);
      else byType.set(parent.typename, [parent]);
    }
    for (const [typename, rows] of byType) {
      const entity = this.options.model.entities.get(typename)!;
      const type = this.objectType(typename);
      for (const [key, fieldNodes] of collectSubfields(this.options.selection, type, nodes)) {
        const field = entity.fields.get(fieldNodes[0]!.name.value);
        if (!field || field.category !== "entity") continue;
        const groupKey = [
          key,
          field.name,
          field.typeName,
          field.derivedFrom ?? "",
          field.list,
          entity.idType,
          this.groupId(fieldNodes),
        ].join("|");
        const group = groups.get(groupKey);
        if (group) for (const row of rows) group.parents.add(row);
        else
          groups.set(groupKey, {
            key,
            field,
            definition: type.getFields()[field.name]!,
            nodes: fieldNodes,
            parents: new Set(rows),
          });
      }
    }
  }

  /** Loads one relation for all `parents`; returns every child row (for the next level). */
  private async relation(
    key: string,
    field: FieldDef,
    definition: GraphQLField<unknown, unknown>,
    nodes: readonly FieldNode[],
    parents: readonly EntityRow[],
    block: number,
  ): Promise<EntityRow[]> {
    if (!field.list && !field.derivedFrom) {
      const ids = new Map<string, unknown>();
      for (const parent of parents) {
        const value = parent.values[field.name];
        if (value !== null && value !== undefined) ids.set(idKey(value), value);
      }
      const found = await this.fetchByIds(field.typeName, [...ids.values()], block, nodes);
      for (const parent of parents) {
        const value = parent.values[field.name];
        parent.children.set(key, value === null || value === undefined ? null : (found.get(idKey(value)) ?? null));
      }
      return [...found.values()];
    }

    // A collection per parent: a derived field, or a stored list of ids.
    const args = field.list
      ? this.collectionArgs(this.args(definition, nodes[0]!))
      : { first: 1, skip: 0, orderBy: null, orderDirection: null, where: null };
    const parentEntity = this.options.model.entities.get(parents[0]!.typename)!;
    const parentIdType = idSqlType(parentEntity);
    let link: ParentLink;
    if (field.derivedFrom) {
      const parentIds = new Map<string, unknown>();
      for (const parent of parents) parentIds.set(idKey(parent.values["id"]), parent.values["id"]);
      link = { kind: "derived", backField: field.derivedFrom, parentIds: [...parentIds.values()], parentIdType };
    } else {
      const pairs = new Map<string, [unknown, unknown]>();
      for (const parent of parents)
        for (const child of (parent.values[field.name] as unknown[] | null) ?? [])
          if (child !== null) pairs.set(`${idKey(parent.values["id"])}|${idKey(child)}`, [parent.values["id"], child]);
      link = {
        kind: "list",
        parentIds: [...pairs.values()].map(([p]) => p),
        childIds: [...pairs.values()].map(([, c]) => c),
        parentIdType,
        childIdType: sqlType({ storeScalar: field.storeScalar, list: false }),
      };
    }

    const byParent = new Map<string, EntityRow[]>();
    const all: EntityRow[] = [];
    const add = (parentId: unknown, row: EntityRow) => {
      const k = idKey(parentId);
      const list = byParent.get(k);
      if (list) list.push(row);
      else byParent.set(k, [row]);
      all.push(row);
    };
    const hasParents = link.parentIds.length > 0;
    const { model } = this.options;
    const entity = model.entities.get(field.typeName);
    if (hasParents && entity) {
      const rows = await this.run(entityPage(model, entity, args, block, this.columns(entity, nodes), link));
      for (const row of rows) {
        const parentId = row[PARENT];
        delete row[PARENT];
        add(parentId, entityRow(entity.name, row));
      }
    } else if (hasParents) {
      const implementers = concreteTypes(model, field.typeName);
      if (implementers.length) {
        const page = await this.run(interfacePage(model, field.typeName, implementers, args, block, link));
        for (const { parent, row } of await this.rowsOfPage(page, block, nodes)) add(parent, row);
      }
    }
    for (const parent of parents) {
      const rows = byParent.get(idKey(parent.values["id"])) ?? [];
      parent.children.set(key, field.list ? rows : (rows[0] ?? null));
    }
    return all;
  }
}
