/**
 * The graphql-js schema graph-node would serve for a subgraph schema: entity object types,
 * `<Type>_filter` and `<Type>_orderBy` inputs, singular and plural root fields, `_meta`, and the
 * custom scalars (BigInt, BigDecimal, Int8 and Timestamp as strings, Bytes as 0x hex).
 */
import {
  GraphQLBoolean,
  GraphQLEnumType,
  GraphQLError,
  GraphQLID,
  GraphQLInputObjectType,
  GraphQLInt,
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
import type { EntityDef, FieldDef, SchemaModel } from "../schema/model.ts";
import { operatorsFor } from "./filters.ts";
import { collectionNames } from "./names.ts";
import type { QueryResolvers } from "./resolvers.ts";

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

export type BuiltSchema = { schema: GraphQLSchema };

export function buildGraphQLSchema(model: SchemaModel, resolvers: QueryResolvers): BuiltSchema {
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

  const objects = new Map<string, GraphQLObjectType>();
  const filters = new Map<string, GraphQLInputObjectType>();
  const orderBys = new Map<string, GraphQLEnumType>();

  const scalarType = (field: FieldDef): GraphQLInputType & GraphQLOutputType => {
    if (field.category === "enum") return enums.get(field.typeName)!;
    switch (field.typeName) {
      case "ID":
        return GraphQLID;
      case "String":
        return GraphQLString;
      case "Int":
        return GraphQLInt;
      case "Boolean":
        return GraphQLBoolean;
      default:
        return scalars[field.typeName as keyof typeof scalars];
    }
  };
  /** The filter value type of a field: its scalar, or the referenced entity's id scalar. */
  const filterScalar = (field: FieldDef): GraphQLInputType => {
    if (field.category !== "entity") return scalarType(field);
    return field.storeScalar === "Bytes" ? scalars.Bytes : field.storeScalar === "Int8" ? scalars.Int8 : GraphQLString;
  };

  const collectionArgs = (entity: EntityDef): GraphQLFieldConfigArgumentMap => ({
    skip: { type: GraphQLInt, defaultValue: 0 },
    first: { type: GraphQLInt, defaultValue: 100 },
    orderBy: { type: orderBys.get(entity.name)! },
    orderDirection: { type: orderDirection },
    where: { type: filters.get(entity.name)! },
  });

  for (const entity of model.entities.values()) {
    orderBys.set(
      entity.name,
      new GraphQLEnumType({
        name: `${entity.name}_orderBy`,
        values: Object.fromEntries(orderByValues(model, entity).map((v) => [v, { value: v }])),
      }),
    );
    filters.set(
      entity.name,
      new GraphQLInputObjectType({
        name: `${entity.name}_filter`,
        fields: () => {
          const fields: GraphQLInputFieldConfigMap = {};
          for (const field of entity.fields.values()) {
            const base = filterScalar(field);
            for (const op of operatorsFor(field)) {
              const many = op === "_in" || op === "_not_in";
              let type: GraphQLInputType = base;
              if (field.list || many) type = new GraphQLList(new GraphQLNonNull(base));
              fields[`${field.name}${op}`] = { type };
            }
            if (field.category === "entity") fields[`${field.name}_`] = { type: filters.get(field.typeName)! };
          }
          fields["_change_block"] = { type: blockChangedFilter, description: "Filter for the block changed event." };
          fields["and"] = { type: new GraphQLList(filters.get(entity.name)!) };
          fields["or"] = { type: new GraphQLList(filters.get(entity.name)!) };
          return fields;
        },
      }),
    );
  }

  for (const entity of model.entities.values()) {
    objects.set(
      entity.name,
      new GraphQLObjectType({
        name: entity.name,
        ...(entity.description ? { description: entity.description } : {}),
        fields: () => {
          const fields: GraphQLFieldConfigMap<unknown, unknown> = {};
          for (const field of entity.fields.values()) {
            if (field.category === "entity") {
              const target = objects.get(field.typeName)!;
              if (field.list || field.derivedFrom) {
                const list = new GraphQLList(new GraphQLNonNull(target));
                fields[field.name] = {
                  type: field.nonNull ? new GraphQLNonNull(list) : list,
                  args: collectionArgs(model.entities.get(field.typeName)!),
                  resolve: (parent, args) => resolvers.relationList(entity, field, parent, args),
                };
              } else {
                fields[field.name] = {
                  type: field.nonNull ? new GraphQLNonNull(target) : target,
                  resolve: (parent) => resolvers.relationOne(entity, field, parent),
                };
              }
              continue;
            }
            let type: GraphQLOutputType = scalarType(field);
            if (field.list) {
              type = new GraphQLList(field.elementNonNull ? new GraphQLNonNull(type) : type);
            }
            if (field.nonNull) type = new GraphQLNonNull(type);
            fields[field.name] = { type, resolve: (parent) => resolvers.scalar(field, parent) };
          }
          return fields;
        },
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

  const queryFields: GraphQLFieldConfigMap<unknown, unknown> = {};
  for (const entity of model.entities.values()) {
    const { single, plural } = collectionNames(entity.name);
    const object = objects.get(entity.name)!;
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
      type: object,
      args: { id: { type: new GraphQLNonNull(GraphQLID) }, ...common },
      resolve: (_root, args) => resolvers.single(entity, args as never),
    };
    queryFields[plural] = {
      type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(object))),
      args: { ...collectionArgs(entity), ...common },
      resolve: (_root, args) => resolvers.collection(entity, args as never),
    };
  }
  queryFields["_meta"] = {
    type: metaType,
    description: "Access to subgraph metadata",
    args: { block: { type: blockHeight } },
    resolve: (_root, args) => resolvers.meta(args as never),
  };

  return { schema: new GraphQLSchema({ query: new GraphQLObjectType({ name: "Query", fields: queryFields }) }) };
}

/** `orderBy` values: every single-valued field, plus `ref__field` for a reference's scalar fields. */
export function orderByValues(model: SchemaModel, entity: EntityDef): string[] {
  const values: string[] = [];
  for (const field of entity.fields.values()) {
    if (field.list || field.derivedFrom) continue;
    values.push(field.name);
    if (field.category === "entity") {
      const target = model.entities.get(field.typeName)!;
      for (const child of target.fields.values())
        if (child.category !== "entity" && !child.list && !child.derivedFrom)
          values.push(`${field.name}__${child.name}`);
    }
  }
  return values;
}
