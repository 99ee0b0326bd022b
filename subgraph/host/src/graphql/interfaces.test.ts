/**
 * Interfaces as graph-node serves them: root fields over every implementer (ordered and paged
 * across types), interface-typed references, derived fields and stored lists, `__typename` and
 * inline fragments, filters and ordering through them — plus the schema rules for implementers.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSchema } from "../schema/model.ts";
import type { StoreValue } from "../store/values.ts";
import type { GraphQLService } from "./service.ts";
import { openTestStore, runQuery, TEST_BACKENDS, type TestStore } from "./testing.ts";

const SCHEMA = `
  interface Event {
    id: ID!
    account: Account!
    amount: BigInt!
  }
  type Deposit implements Event @entity(immutable: true) {
    id: ID!
    account: Account!
    amount: BigInt!
    note: String!
  }
  type Withdrawal implements Event @entity(immutable: true) {
    id: ID!
    account: Account!
    amount: BigInt!
    fee: BigInt!
  }
  type Account @entity {
    id: ID!
    name: String!
    events: [Event!]! @derivedFrom(field: "account")
    latest: Event
    pinned: [Event!]!
  }
`;

const str = (value: string): StoreValue => ({ kind: "String", value });
const big = (value: number): StoreValue => ({ kind: "BigInt", value: BigInt(value) });
const event = (account: string, amount: number, extra: [string, StoreValue]) =>
  new Map<string, StoreValue>([["account", str(account)], ["amount", big(amount)], extra]);

describe.each(TEST_BACKENDS)("on %s", (backend) => {
  let store: TestStore;
  let service: GraphQLService;

  beforeAll(async () => {
    store = await openTestStore(SCHEMA, backend);
    await store.commitBlock(1, async (entities) => {
      const account = (name: string, latest: string, pinned: string[]) =>
        new Map<string, StoreValue>([
          ["name", str(name)],
          ["latest", str(latest)],
          ["pinned", { kind: "Array", value: pinned.map(str) }],
        ]);
      await entities.set("Account", "a", account("alice", "w1", ["d3", "w3", "w1"]));
      await entities.set("Account", "b", account("bob", "d2", []));
      await entities.set("Deposit", "d1", event("a", 10, ["note", str("first")]));
      await entities.set("Deposit", "d2", event("b", 30, ["note", str("second")]));
      await entities.set("Deposit", "d3", event("a", 50, ["note", str("third")]));
      await entities.set("Withdrawal", "w1", event("a", 20, ["fee", big(1)]));
      await entities.set("Withdrawal", "w2", event("b", 40, ["fee", big(2)]));
      await entities.set("Withdrawal", "w3", event("a", 5, ["fee", big(3)]));
    });
    await store.commitBlock(2, (entities) => entities.set("Deposit", "d4", event("b", 60, ["note", str("fourth")])));
    service = store.service({ resultCacheBytes: 0 });
  });

  afterAll(async () => {
    await store?.close();
  });

  describe("interface root fields", () => {
    it("orders and pages across implementers, with __typename and inline fragments", async () => {
      const { data, errors } = await runQuery(
        service,
        `{
          events(orderBy: amount, orderDirection: desc, first: 3, skip: 1) {
            __typename id amount
            ... on Deposit { note }
            ... on Withdrawal { fee }
            account { name }
          }
        }`,
      );
      expect(errors).toBeUndefined();
      expect(data!["events"]).toEqual([
        { __typename: "Deposit", id: "d3", amount: "50", note: "third", account: { name: "alice" } },
        { __typename: "Withdrawal", id: "w2", amount: "40", fee: "2", account: { name: "bob" } },
        { __typename: "Deposit", id: "d2", amount: "30", note: "second", account: { name: "bob" } },
      ]);
    });

    it("finds one entity of any implementer by id, at any block", async () => {
      const { data } = await runQuery(
        service,
        `{ w1: event(id: "w1") { __typename ... on Withdrawal { fee } } none: event(id: "x") { id }
           then: events(block: { number: 1 }, orderBy: id) { id } }`,
      );
      expect(data).toEqual({
        w1: { __typename: "Withdrawal", fee: "1" },
        none: null,
        then: ["d1", "d2", "d3", "w1", "w2", "w3"].map((id) => ({ id })),
      });
    });

    it("filters on interface fields and through references", async () => {
      const { data } = await runQuery(
        service,
        `{ events(where: { account_: { name: "bob" }, amount_lt: 60 }, orderBy: id) { id } }`,
      );
      expect(data).toEqual({ events: [{ id: "d2" }, { id: "w2" }] });
    });
  });

  describe("interface-typed relations", () => {
    it("resolves derived fields, references and stored lists per parent, one statement per type and level", async () => {
      const before = store.statements.length;
      const { data, errors } = await runQuery(
        service,
        `{
          accounts(orderBy: name) {
            name
            events(where: { amount_gt: 5 }, orderBy: amount) { id }
            latest { __typename id }
            pinned(orderBy: amount) { id }
          }
        }`,
      );
      expect(errors).toBeUndefined();
      expect(data).toEqual({
        accounts: [
          {
            name: "alice",
            events: [{ id: "d1" }, { id: "w1" }, { id: "d3" }],
            latest: { __typename: "Withdrawal", id: "w1" },
            pinned: [{ id: "w3" }, { id: "w1" }, { id: "d3" }],
          },
          {
            name: "bob",
            events: [{ id: "d2" }, { id: "w2" }, { id: "d4" }],
            latest: { __typename: "Deposit", id: "d2" },
            pinned: [],
          },
        ],
      });
      // accounts; events: page + Deposit + Withdrawal rows; latest: Deposit + Withdrawal; pinned: page + 2 types.
      expect(store.statements.length - before).toBe(9);
    });

    it("filters and orders by an interface-typed reference", async () => {
      const { data } = await runQuery(
        service,
        `{ rich: accounts(where: { latest_: { amount_gte: 30 } }) { name }
           byLatest: accounts(orderBy: latest__amount, orderDirection: desc) { name } }`,
      );
      expect(data).toEqual({ rich: [{ name: "bob" }], byLatest: [{ name: "bob" }, { name: "alice" }] });
    });
  });
});

describe("interface schema rules", () => {
  it("refuses implementers without the interface's fields, mixed id types and unknown interfaces", () => {
    expect(() => parseSchema(`interface I { id: ID! x: Int! } type A implements I @entity { id: ID! }`)).toThrow(
      expect.objectContaining({
        details: "Entity type `A` does not satisfy interface `I` because it is missing the following fields: x: Int!",
      }),
    );
    expect(() =>
      parseSchema(
        `interface I { x: Int } type A implements I @entity { id: ID! x: Int } type B implements I @entity { id: Bytes! x: Int }`,
      ),
    ).toThrow(
      expect.objectContaining({
        details:
          "Implementors of interface `I` use different id types `String, Bytes`. They must all use the same type",
      }),
    );
    expect(() => parseSchema(`type A implements Nope @entity { id: ID! }`)).toThrow(
      expect.objectContaining({ details: "Interface `Nope` not defined" }),
    );
  });

  it("types a reference to an interface like a reference to its implementers", () => {
    const model = parseSchema(SCHEMA);
    expect(model.interfaces.get("Event")).toMatchObject({ implementers: ["Deposit", "Withdrawal"], idType: "String" });
    expect(model.entities.get("Account")!.fields.get("latest")).toMatchObject({
      category: "entity",
      typeName: "Event",
      storeScalar: "String",
    });
    expect(model.entities.get("Deposit")!.interfaces).toEqual(["Event"]);
  });
});
