/**
 * The graphql-js schema graph-node would serve for a subgraph schema (`graph/src/schema/api.rs`):
 * entity object types and interfaces, `<Type>_filter` and `<Type>_orderBy` inputs, singular and
 * plural root fields for every entity type and interface, `_meta`, and the custom scalars
 * (BigInt, BigDecimal, Int8 and Timestamp as strings, Bytes as 0x hex).
 *
 * Resolvers never touch the database: the prefetch (`prefetch.ts`) reads everything a query
 * needs first, and graphql-js only shapes the response from what it read.
 */
import {
  GraphQLBoolean,
  GraphQLEnumType,
  GraphQLError,
  GraphQLID,
  GraphQLInputObjectType,
  GraphQLInt,
  GraphQLInterfaceType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  GraphQLSchema,
  GraphQLString,
  Kind,
  type GraphQLFieldConfigArgumentMap,
  type GraphQLFieldConfigMap,
  type GraphQLInputFieldConfigMap,
  type GraphQLInputType,
  type GraphQLOutputType,
} from "graphql";
import type { FieldDef, SchemaModel } from "../schema/model.ts";
import { outputValue, type EntityRow, type PrefetchedRoot } from "./entityRow.ts";
import { filterScalarName, operatorsFor } from "./filters.ts";
import { collectionNames } from "./names.ts";
import type { RootField } from "./prefetch.ts";

function stringScalar(name: string, description: string, accept: (value: unknown) => boolean): GraphQLScalarType {
  const parse = (value: unknown) => {
    if (!accept(value)) throw new GraphQLError(`Invalid ${name} value: ${JSON.stringify(value)}`);
    return String(value);
  };
  return new GraphQLScalarType({
    name,
    description,
    serialize: (value) => String(value),
    parseValue: parse,
    parseLiteral: (ast) => {
      if (ast.kind === Kind.STRING || ast.kind === Kind.INT) return parse(ast.value);
      throw new GraphQLError(`${name} must be given as a string`);
    },
  });
}

const integer = (value: unknown) => /^-?\d+$/.test(String(value));

export const scalars = {
  BigInt: stringScalar("BigInt", "Arbitrary-size integer, as a decimal string", integer),
  BigDecimal: stringScalar("BigDecimal", "Arbitrary-precision decimal, as a string", (v) =>
    /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(String(v)),
  ),
  Bytes: stringScalar("Bytes", "Byte array, as 0x-prefixed hex", (v) => /^(0x)?([0-9a-fA-F]{2})*$/.test(String(v))),
  Int8: stringScalar("Int8", "8-byte signed integer", integer),
  Timestamp: stringScalar("Timestamp", "Microseconds since the Unix epoch", integer),
};

export type BuiltSchema = {
  schema: GraphQLSchema;
  /** What each root query field serves, for the prefetch. */
  rootFields: Map<string, RootField>;
};

/** An entity type or an interface: a name and its fields. */
type Owner = { name: string; fields: Map<string, FieldDef>; description?: string };

/** A prefetched relation of `row`, by the response key graphql-js resolves it under. */
function relation(row: EntityRow, key: string | number, list: boolean): EntityRow | EntityRow[] | null {
  return row.children.get(String(key)) ?? (list ? [] : null);
}

export function buildGraphQLSchema(model: SchemaModel): BuiltSchema {
  const orderDirection = new GraphQLEnumType({
    name: "OrderDirection",
    description: "Defines the order direction, either ascending or descending",
    values: { asc: {}, desc: {} },
  });
  const errorPolicy = new GraphQLEnumType({
    name: "_SubgraphErrorPolicy_",
    values: {
      allow: { description: "Data will be returned even if the subgraph has indexing errors" },
      deny: { description: "If the subgraph has indexing errors, data will be omitted. The default." },
    },
  });
  const blockHeight = new GraphQLInputObjectType({
    name: "Block_height",
    fields: { hash: { type: scalars.Bytes }, number: { type: GraphQLInt }, number_gte: { type: GraphQLInt } },
  });
  const blockChangedFilter = new GraphQLInputObjectType({
    name: "BlockChangedFilter",
    fields: { number_gte: { type: new GraphQLNonNull(GraphQLInt) } },
  });
  const enums = new Map<string, GraphQLEnumType>();
  for (const [name, values] of model.enums)
    enums.set(name, new GraphQLEnumType({ name, values: Object.fromEntries(values.map((v) => [v, { value: v }])) }));

  const owners: Owner[] = [...model.entities.values(), ...model.interfaces.values()];
  const objects = new Map<string, GraphQLObjectType>();
  const interfaces = new Map<string, GraphQLInterfaceType>();
  const outputType = (name: string): GraphQLObjectType | GraphQLInterfaceType =>
    objects.get(name) ?? interfaces.get(name)!;
  const filters = new Map<string, GraphQLInputObjectType>();
  const orderBys = new Map<string, GraphQLEnumType>();

  const scalarType = (typeName: string): GraphQLInputType & GraphQLOutputType => {
    const enumType = enums.get(typeName);
    if (enumType) return enumType;
    switch (typeName) {
      case "ID":
        return GraphQLID;
      case "String":
        return GraphQLString;
      case "Int":
        return GraphQLInt;
      case "Boolean":
        return GraphQLBoolean;
      default:
        return scalars[typeName as keyof typeof scalars];
    }
  };

  const collectionArgs = (typeName: string): GraphQLFieldConfigArgumentMap => ({
    skip: { type: GraphQLInt, defaultValue: 0 },
    first: { type: GraphQLInt, defaultValue: 100 },
    orderBy: { type: orderBys.get(typeName)! },
    orderDirection: { type: orderDirection },
    where: { type: filters.get(typeName)! },
  });

  for (const owner of owners) {
    orderBys.set(
      owner.name,
      new GraphQLEnumType({
        name: `${owner.name}_orderBy`,
        values: Object.fromEntries(orderByValues(model, owner.name).map((v) => [v, { value: v }])),
      }),
    );
    filters.set(
      owner.name,
      new GraphQLInputObjectType({
        name: `${owner.name}_filter`,
        fields: () => {
          const fields: GraphQLInputFieldConfigMap = {};
          for (const field of owner.fields.values()) {
            const base = scalarType(filterScalarName(field));
            for (const op of operatorsFor(field)) {
              const many = field.list || op === "_in" || op === "_not_in";
              fields[`${field.name}${op}`] = { type: many ? new GraphQLList(new GraphQLNonNull(base)) : base };
            }
            if (field.category === "entity") fields[`${field.name}_`] = { type: filters.get(field.typeName)! };
          }
          fields["_change_block"] = { type: blockChangedFilter, description: "Filter for the block changed event." };
          fields["and"] = { type: new GraphQLList(filters.get(owner.name)!) };
          fields["or"] = { type: new GraphQLList(filters.get(owner.name)!) };
          return fields;
        },
      }),
    );
  }

  /** The output fields of an entity type or interface; resolvers read prefetched rows. */
  const outputFields = (owner: Owner): GraphQLFieldConfigMap<EntityRow, unknown> => {
    const fields: GraphQLFieldConfigMap<EntityRow, unknown> = {};
    for (const field of owner.fields.values()) {
      if (field.category === "entity") {
        const target = outputType(field.typeName);
        if (field.list || field.derivedFrom) {
          const list = new GraphQLList(new GraphQLNonNull(target));
          fields[field.name] = {
            type: field.nonNull ? new GraphQLNonNull(list) : list,
            ...(field.list ? { args: collectionArgs(field.typeName) } : {}),
            resolve: (row, _args, _context, info) => relation(row, info.path.key, field.list),
          };
        } else {
          fields[field.name] = {
            type: field.nonNull ? new GraphQLNonNull(target) : target,
            resolve: (row, _args, _context, info) => relation(row, info.path.key, false),
          };
        }
        continue;
      }
      let type: GraphQLOutputType = scalarType(field.typeName);
      if (field.list) type = new GraphQLList(field.elementNonNull ? new GraphQLNonNull(type) : type);
      if (field.nonNull) type = new GraphQLNonNull(type);
      fields[field.name] = { type, resolve: (row) => outputValue(field, row.values[field.name]) };
    }
    return fields;
  };

  for (const intf of model.interfaces.values()) {
    interfaces.set(
      intf.name,
      new GraphQLInterfaceType({
        name: intf.name,
        ...(intf.description !== undefined ? { description: intf.description } : {}),
        fields: () => outputFields(intf),
        resolveType: (row: EntityRow) => row.typename,
      }),
    );
  }
  for (const entity of model.entities.values()) {
    objects.set(
      entity.name,
      new GraphQLObjectType<EntityRow>({
        name: entity.name,
        ...(entity.description !== undefined ? { description: entity.description } : {}),
        interfaces: () => (entity.interfaces ?? []).map((name) => interfaces.get(name)!),
        fields: () => outputFields(entity),
      }),
    );
  }

  const blockType = new GraphQLObjectType({
    name: "_Block_",
    fields: {
      hash: { type: scalars.Bytes, description: "The hash of the block" },
      number: { type: new GraphQLNonNull(GraphQLInt), description: "The block number" },
      timestamp: {
        type: GraphQLInt,
        description: "Integer representation of the timestamp stored in blocks for the chain",
      },
      parentHash: { type: scalars.Bytes, description: "The hash of the parent block" },
    },
  });
  const metaType = new GraphQLObjectType({
    name: "_Meta_",
    description: "The type for the top-level _meta field",
    fields: {
      block: { type: new GraphQLNonNull(blockType) },
      deployment: { type: new GraphQLNonNull(GraphQLString), description: "The deployment ID" },
      hasIndexingErrors: {
        type: new GraphQLNonNull(GraphQLBoolean),
        description: "If `true`, the subgraph encountered indexing errors at some past block",
      },
    },
  });

  const fromRoot = (root: PrefetchedRoot, key: string | number) => root.get(String(key));
  const queryFields: GraphQLFieldConfigMap<PrefetchedRoot, unknown> = {};
  const rootFields = new Map<string, RootField>();
  for (const owner of owners) {
    const { single, plural } = collectionNames(owner.name);
    const type = outputType(owner.name);
    const common = {
      block: {
        type: blockHeight,
        description:
          "The block at which the query should be executed. Can either be a `{ hash: Bytes }` value containing a block hash, a `{ number: Int }` containing the block number, or a `{ number_gte: Int }` containing the minimum block number. In the case of `number_gte`, the query will be executed on the latest block only if the subgraph has progressed to or past the minimum block number. Defaults to the latest block when omitted.",
      },
      subgraphError: {
        type: new GraphQLNonNull(errorPolicy),
        defaultValue: "deny",
        description: "Set to `allow` to receive data even if the subgraph has skipped over errors while syncing.",
      },
    };
    queryFields[single] = {
      type,
      args: { id: { type: new GraphQLNonNull(GraphQLID) }, ...common },
      resolve: (root, _args, _context, info) => fromRoot(root, info.path.key),
    };
    queryFields[plural] = {
      type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(type))),
      args: { ...collectionArgs(owner.name), ...common },
      resolve: (root, _args, _context, info) => fromRoot(root, info.path.key),
    };
    rootFields.set(single, { kind: "single", typeName: owner.name });
    rootFields.set(plural, { kind: "collection", typeName: owner.name });
  }
  queryFields["_meta"] = {
    type: metaType,
    description: "Access to subgraph metadata",
    args: { block: { type: blockHeight } },
    resolve: (root, _args, _context, info) => fromRoot(root, info.path.key),
  };
  rootFields.set("_meta", { kind: "meta" });

  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({ name: "Query", fields: queryFields }),
    types: [...objects.values()],
  });
  return { schema, rootFields };
}

/**
 * `<Type>_orderBy` values, as graph-node lists them: every field, and `field__child` for each
 * scalar child of a single (non-list) reference. Ordering by a list or derived field is refused
 * when a query asks for it, with graph-node's message.
 */
export function orderByValues(model: SchemaModel, typeName: string): string[] {
  const owner = model.entities.get(typeName) ?? model.interfaces.get(typeName)!;
  const values: string[] = [];
  for (const field of owner.fields.values()) {
    values.push(field.name);
    if (field.category !== "entity" || field.list) continue;
    const target = model.entities.get(field.typeName) ?? model.interfaces.get(field.typeName)!;
    for (const child of target.fields.values())
      if (child.category !== "entity" && !child.list) values.push(`${field.name}__${child.name}`);
  }
  return values;
}
