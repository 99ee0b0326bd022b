/**
 * The API schema against graph-node's `graph/src/schema/api.rs`: root field names, the filter
 * fields (and their input types) each kind of field gets, and the orderBy values.
 */
import { describe, expect, it } from "vitest";
import { GraphQLEnumType, GraphQLInputObjectType, GraphQLObjectType, type GraphQLSchema } from "graphql";
import { parseSchema } from "../schema/model.ts";
import { buildGraphQLSchema } from "./buildSchema.ts";

const schema: GraphQLSchema = buildGraphQLSchema(
  parseSchema(`
    enum Colour { red green }
    interface Named { id: ID! name: String! }
    type Shop implements Named @entity {
      id: ID!
      name: String!
      open: Boolean!
      tag: Bytes!
      colour: Colour!
      revenue: BigInt!
      labels: [String!]!
      sizes: [Int!]!
      owner: Owner!
      counter: Counter
      wallets: [Owner!]!
      items: [Item!]! @derivedFrom(field: "shop")
    }
    type Owner @entity { id: Bytes! name: String! }
    type Counter @entity { id: Int8! value: Int! }
    type Item @entity(immutable: true) { id: ID! shop: Shop! }
    type Stats @entity { id: ID! count: Int! }
    type PairDayData @entity { id: ID! count: Int! }
  `),
).schema;

/** `field: Type` for every input field of `name`, in order. */
function inputFields(name: string): string[] {
  const type = schema.getType(name) as GraphQLInputObjectType;
  return Object.values(type.getFields()).map((f) => `${f.name}: ${f.type.toString()}`);
}

/** The filter fields of `field` (`field`, `field_not`, …, `field_`). */
function fieldsOf(field: string, name: string): string[] {
  return inputFields(name).filter((f) => {
    const key = f.split(":")[0]!;
    return key === field || key.startsWith(`${field}_`);
  });
}

describe("API schema", () => {
  it("names root fields like graph-node, for entity types and interfaces", () => {
    const fields = Object.keys(schema.getQueryType()!.getFields());
    expect(fields).toEqual(
      expect.arrayContaining([
        "shop",
        "shops",
        "stats",
        "stats_collection",
        "pairDayData",
        "pairDayDatas",
        "named",
        "nameds",
        "_meta",
      ]),
    );
    expect(fields).not.toContain("statses");
    expect(fields).not.toContain("pairDayData_collection");
  });

  it("gives each kind of field graph-node's filter fields and input types", () => {
    const ops = (field: string, type: string, suffixes: string[]) =>
      suffixes.map((s) => `${field}${s}: ${s === "_in" || s === "_not_in" ? `[${type}!]` : type}`);
    const scalar = ["", "_not", "_gt", "_lt", "_gte", "_lte", "_in", "_not_in"];
    const text = [
      ...scalar,
      ...["_contains", "_not_contains", "_starts_with", "_not_starts_with", "_ends_with", "_not_ends_with"].flatMap(
        (op) => [op, `${op}_nocase`],
      ),
    ];
    expect(fieldsOf("id", "Shop_filter")).toEqual(ops("id", "ID", scalar));
    expect(fieldsOf("name", "Shop_filter")).toEqual(ops("name", "String", text));
    expect(fieldsOf("open", "Shop_filter")).toEqual(ops("open", "Boolean", ["", "_not", "_in", "_not_in"]));
    expect(fieldsOf("tag", "Shop_filter")).toEqual(ops("tag", "Bytes", [...scalar, "_contains", "_not_contains"]));
    expect(fieldsOf("colour", "Shop_filter")).toEqual(ops("colour", "Colour", ["", "_not", "_in", "_not_in"]));
    expect(fieldsOf("revenue", "Shop_filter")).toEqual(ops("revenue", "BigInt", scalar));
    // Lists: every operator takes a list; `_nocase` only for String elements.
    expect(fieldsOf("labels", "Shop_filter")).toEqual(
      ["", "_not", "_contains", "_contains_nocase", "_not_contains", "_not_contains_nocase"].map(
        (s) => `labels${s}: [String!]`,
      ),
    );
    expect(fieldsOf("sizes", "Shop_filter")).toEqual(
      ["", "_not", "_contains", "_not_contains"].map((s) => `sizes${s}: [Int!]`),
    );
    // References filter by id as String (Bytes ids too) or Int (Int8 ids), plus a child filter.
    expect(fieldsOf("owner", "Shop_filter")).toEqual([...ops("owner", "String", text), "owner_: Owner_filter"]);
    expect(fieldsOf("counter", "Shop_filter")).toEqual([...ops("counter", "Int", scalar), "counter_: Counter_filter"]);
    expect(fieldsOf("wallets", "Shop_filter")).toEqual([
      ...["", "_not", "_contains", "_not_contains"].map((s) => `wallets${s}: [String!]`),
      "wallets_: Owner_filter",
    ]);
    // A derived field only gets the child filter.
    expect(fieldsOf("items", "Shop_filter")).toEqual(["items_: Item_filter"]);
    expect(inputFields("Shop_filter").slice(-3)).toEqual([
      "_change_block: BlockChangedFilter",
      "and: [Shop_filter]",
      "or: [Shop_filter]",
    ]);
    expect(inputFields("Named_filter")).toContain("name_starts_with_nocase: String");
  });

  it("lists every field and each reference's scalar children as orderBy values", () => {
    const values = (schema.getType("Shop_orderBy") as GraphQLEnumType).getValues().map((v) => v.name);
    expect(values).toEqual(
      expect.arrayContaining(["labels", "items", "wallets", "owner", "owner__id", "owner__name", "counter__value"]),
    );
    expect(values).not.toContain("wallets__name");
    expect((schema.getType("Named_orderBy") as GraphQLEnumType).getValues().map((v) => v.name)).toEqual(["id", "name"]);
  });

  it("gives list relations graph-node's collection arguments", () => {
    const shop = schema.getType("Shop") as GraphQLObjectType;
    expect(shop.getFields()["items"]!.args.map((a) => a.name)).toEqual([
      "skip",
      "first",
      "orderBy",
      "orderDirection",
      "where",
    ]);
    expect(shop.getFields()["labels"]!.args).toEqual([]);
  });
});
