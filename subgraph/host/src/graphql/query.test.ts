/**
 * graph-node query semantics over a small schema: filters, nested filters, ordering,
 * pagination, time travel and naming. Entities go in through the same store and database code
 * the indexer uses.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BigDecimal } from "../runtime/bigDecimal.ts";
import type { Entity, StoreValue } from "../store/values.ts";
import type { GraphQLService } from "./service.ts";
import { openTestStore, runQuery, TEST_BACKENDS, type TestStore } from "./testing.ts";

const SCHEMA = `
  enum Colour { red green blue }
  type Shop @entity(immutable: false) {
    id: ID!
    name: String!
    rating: Int!
    revenue: BigInt!
    price: BigDecimal!
    tag: Bytes!
    colour: Colour!
    open: Boolean!
    labels: [String!]!
    owner: Owner!
    items: [Item!]! @derivedFrom(field: "shop")
  }
  type Owner @entity(immutable: false) {
    id: Bytes!
    name: String!
    shops: [Shop!]! @derivedFrom(field: "owner")
  }
  type Item @entity(immutable: true) {
    id: Int8!
    shop: Shop!
    weight: Int!
  }
`;

describe.each(TEST_BACKENDS)("on %s", (backend) => {
  let store: TestStore;
  let service: GraphQLService;
  const ALICE = "0x00000000000000000000000000000000000000a1";
  const BOB = "0x00000000000000000000000000000000000000b0";

  const s = (value: string): StoreValue => ({ kind: "String", value });
  const shop = (
    name: string,
    rating: number,
    revenue: bigint,
    price: string,
    owner: string,
    extra: Partial<Record<string, StoreValue>> = {},
  ): Entity =>
    new Map<string, StoreValue>(
      Object.entries({
        name: s(name),
        rating: { kind: "Int", value: rating },
        revenue: { kind: "BigInt", value: revenue },
        price: { kind: "BigDecimal", value: BigDecimal.fromString(price) },
        tag: { kind: "Bytes", value: Buffer.from(name) },
        colour: s(rating > 3 ? "green" : "red"),
        open: { kind: "Bool", value: rating % 2 === 1 },
        labels: { kind: "Array", value: [s(name.toLowerCase()), s("shop")] },
        owner: { kind: "Bytes", value: Buffer.from(owner.slice(2), "hex") },
        ...extra,
      }) as Array<[string, StoreValue]>,
    );

  async function query<T = Record<string, unknown>>(
    text: string,
  ): Promise<{ data?: T; errors?: Array<{ message: string }> }> {
    return runQuery<T>(service, text);
  }

  async function ids(text: string): Promise<string[]> {
    const result = await query<Record<string, Array<{ id: string }>>>(text);
    expect(result.errors).toBeUndefined();
    return Object.values(result.data!)[0]!.map((row) => row.id);
  }

  beforeAll(async () => {
    store = await openTestStore(SCHEMA, backend);
    await store.commitBlock(1, async (entities) => {
      await entities.set("Owner", ALICE, new Map([["name", s("Alice")]]));
      await entities.set("Owner", BOB, new Map([["name", s("bob")]]));
      await entities.set("Shop", "s1", shop("Apples", 5, 10n ** 20n, "1.5", ALICE));
      await entities.set("Shop", "s2", shop("Bakery", 2, 9n, "0.25", BOB));
      await entities.set("Shop", "s3", shop("Candles", 4, 100n, "10", ALICE));
    });
    await store.commitBlock(2, async (entities) => {
      await entities.set("Shop", "s2", new Map([["rating", { kind: "Int", value: 3 }]]));
      for (let i = 0; i < 120; i++)
        await entities.set(
          "Item",
          String(i),
          new Map<string, StoreValue>([
            ["shop", s(i % 2 ? "s1" : "s3")],
            ["weight", { kind: "Int", value: i }],
          ]),
        );
    });
    await store.commitBlock(3, (entities) => entities.remove("Shop", "s3"));
    service = store.service();
  });

  afterAll(async () => {
    await store?.close();
  });

  describe("filters", () => {
    it("compares scalars", async () => {
      expect(await ids(`{ shops(where: { rating_gt: 2 }) { id } }`)).toEqual(["s1", "s2"]);
      expect(await ids(`{ shops(where: { revenue_gte: "10" }) { id } }`)).toEqual(["s1"]);
      expect(await ids(`{ shops(where: { price_lt: "1" }) { id } }`)).toEqual(["s2"]);
      expect(await ids(`{ shops(where: { id_in: ["s2", "s9"] }) { id } }`)).toEqual(["s2"]);
      expect(await ids(`{ shops(where: { id_not_in: ["s2"] }) { id } }`)).toEqual(["s1"]);
      expect(await ids(`{ shops(where: { open: false }) { id } }`)).toEqual(["s2"]);
      expect(await ids(`{ shops(where: { colour: red }) { id } }`)).toEqual(["s2"]);
    });

    it("matches strings, with and without case", async () => {
      expect(await ids(`{ shops(where: { name_contains: "ppl" }) { id } }`)).toEqual(["s1"]);
      expect(await ids(`{ shops(where: { name_contains: "APP" }) { id } }`)).toEqual([]);
      expect(await ids(`{ shops(where: { name_contains_nocase: "APP" }) { id } }`)).toEqual(["s1"]);
      expect(await ids(`{ shops(where: { name_starts_with: "Bak" }) { id } }`)).toEqual(["s2"]);
      expect(await ids(`{ shops(where: { name_ends_with_nocase: "RY" }) { id } }`)).toEqual(["s2"]);
      expect(await ids(`{ shops(where: { name_not_starts_with: "Bak" }) { id } }`)).toEqual(["s1"]);
      expect(await ids(`{ shops(where: { name_not: "Apples" }) { id } }`)).toEqual(["s2"]);
    });

    it("matches Bytes and lists", async () => {
      const hex = `0x${Buffer.from("ppl").toString("hex")}`;
      expect(await ids(`{ shops(where: { tag_contains: "${hex}" }) { id } }`)).toEqual(["s1"]);
      expect(await ids(`{ shops(where: { labels_contains: ["bakery"] }) { id } }`)).toEqual(["s2"]);
      expect(await ids(`{ shops(where: { labels_not_contains: ["bakery"] }) { id } }`)).toEqual(["s1"]);
      expect(await ids(`{ shops(where: { owner: "${ALICE}" }) { id } }`)).toEqual(["s1"]);
    });

    it("filters through references, derived fields, and/or", async () => {
      expect(await ids(`{ shops(where: { owner_: { name: "bob" } }) { id } }`)).toEqual(["s2"]);
      expect(await ids(`{ owners(where: { shops_: { rating_gte: 5 } }) { id } }`)).toEqual([ALICE]);
      expect(await ids(`{ shops(where: { or: [{ rating: 5 }, { name: "Bakery" }] }) { id } }`)).toEqual(["s1", "s2"]);
      expect(await ids(`{ shops(where: { and: [{ rating_gt: 1 }, { open: true }] }) { id } }`)).toEqual(["s1"]);
      expect(await ids(`{ shops(where: { _change_block: { number_gte: 2 } }) { id } }`)).toEqual(["s2"]);
    });
  });

  describe("ordering and pagination", () => {
    it("orders numerically and by a referenced field, id breaking ties", async () => {
      expect(await ids(`{ shops(orderBy: revenue, orderDirection: desc) { id } }`)).toEqual(["s1", "s2"]);
      expect(await ids(`{ shops(orderBy: owner__name) { id } }`)).toEqual(["s1", "s2"]);
      expect(await ids(`{ shops(orderBy: open) { id } }`)).toEqual(["s2", "s1"]);
    });

    it("pages with first (default 100, at most 1000) and skip", async () => {
      expect(await ids(`{ items { id } }`)).toHaveLength(100);
      const page = await ids(`{ items(orderBy: weight, orderDirection: desc, first: 3, skip: 2) { id } }`);
      expect(page).toEqual(["117", "116", "115"]);
      expect((await query(`{ items(first: 1001) { id } }`)).errors?.[0]?.message).toBe(
        "The `first` argument must be between 0 and 1000, but is 1001",
      );
      expect((await query(`{ items(skip: 5001) { id } }`)).errors?.[0]?.message).toMatch(/`skip` argument/);
    });

    it("serialises scalars like graph-node and resolves derived lists with their own arguments", async () => {
      const { data } = await query<{ shop: Record<string, unknown> }>(
        `{ shop(id: "s1") { revenue price tag colour labels owner { id name } items(first: 2, orderBy: weight) { id weight } } }`,
      );
      expect(data!.shop).toEqual({
        revenue: "100000000000000000000",
        price: "1.5",
        tag: `0x${Buffer.from("Apples").toString("hex")}`,
        colour: "green",
        labels: ["apples", "shop"],
        owner: { id: ALICE, name: "Alice" },
        items: [
          { id: "1", weight: 1 },
          { id: "3", weight: 3 },
        ],
      });
    });
  });

  describe("time travel", () => {
    it("reads versions as of a block", async () => {
      const result = await query<{ old: { rating: number }; now: { rating: number }; gone: unknown; was: unknown }>(
        `{ old: shop(id: "s2", block: { number: 1 }) { rating } now: shop(id: "s2") { rating }
           gone: shop(id: "s3") { id } was: shop(id: "s3", block: { number: 2 }) { id } }`,
      );
      expect(result.data).toEqual({ old: { rating: 2 }, now: { rating: 3 }, gone: null, was: { id: "s3" } });
      expect((await query(`{ shops(block: { number_gte: 9 }) { id } }`)).errors?.[0]?.message).toMatch(
        /has only indexed up to block number 3/,
      );
    });
  });
});
