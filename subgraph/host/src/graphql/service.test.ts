/**
 * The GraphQL service over a real store: how many SQL statements a query costs (one per
 * relation and level, whatever the number of parents), what the result cache serves across new
 * blocks, `block:` arguments, indexing errors and reorgs, and every limit's error.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EntityStore } from "../store/entityStore.ts";
import type { StoreValue } from "../store/values.ts";
import type { GraphQLService } from "./service.ts";
import { openTestStore, runQuery, TEST_BACKENDS, type TestStore } from "./testing.ts";

const SCHEMA = `
  type Account @entity {
    id: Bytes!
    name: String!
    units: [Unit!]! @derivedFrom(field: "account")
    favourites: [Unit!]!
  }
  type Unit @entity {
    id: ID!
    number: Int!
    account: Account!
    next: Unit
    transfers: [Transfer!]! @derivedFrom(field: "unit")
    fans: [Account!]! @derivedFrom(field: "favourites")
  }
  type Transfer @entity(immutable: true) {
    id: ID!
    unit: Unit!
    amount: BigInt!
  }
`;

const ACCOUNTS = 4;
const UNITS = 40;
const accountId = (k: number) => `0x${String(k + 1).padStart(40, "0")}`;
const unitId = (i: number) => `u${String(i).padStart(2, "0")}`;
const str = (value: string): StoreValue => ({ kind: "String", value });
const int = (value: number): StoreValue => ({ kind: "Int", value });
const bytes = (hex: string): StoreValue => ({ kind: "Bytes", value: Buffer.from(hex.slice(2), "hex") });

/** Unit i belongs to account i % 4 (unit 0 moves to account 1 at block 2) and has two transfers. */
async function writeWorld(entities: EntityStore): Promise<void> {
  for (let k = 0; k < ACCOUNTS; k++)
    await entities.set(
      "Account",
      accountId(k),
      new Map<string, StoreValue>([
        ["name", str(`A${k}`)],
        ["favourites", { kind: "Array", value: [k, k + 4, k + 8].map((i) => str(unitId(i))) }],
      ]),
    );
  for (let i = 0; i < UNITS; i++) {
    await entities.set(
      "Unit",
      unitId(i),
      new Map<string, StoreValue>([
        ["number", int(i)],
        ["account", bytes(accountId(i % ACCOUNTS))],
        ["next", str(unitId(i))],
      ]),
    );
    for (let j = 0; j < 2; j++)
      await entities.set(
        "Transfer",
        `${unitId(i)}-${j}`,
        new Map<string, StoreValue>([
          ["unit", str(unitId(i))],
          ["amount", { kind: "BigInt", value: BigInt(i * 10 + j) }],
        ]),
      );
  }
}

describe.each(TEST_BACKENDS)("on %s", (backend) => {
  let store: TestStore;
  let service: GraphQLService;

  /** Statements the services ran while `run` ran. */
  async function counted<T>(run: () => Promise<T>): Promise<{ result: T; statements: number }> {
    const before = store.statements.length;
    const result = await run();
    return { result, statements: store.statements.length - before };
  }

  beforeAll(async () => {
    store = await openTestStore(SCHEMA, backend);
    await store.commitBlock(1, writeWorld);
    await store.commitBlock(2, async (entities) => {
      await entities.set("Account", accountId(0), new Map([["name", str("A0-renamed")]]));
      await entities.set("Unit", unitId(0), new Map([["account", bytes(accountId(1))]]));
    });
    service = store.service();
  });

  afterAll(async () => {
    await store?.close();
  });

  describe("batching", () => {
    type Page = {
      units: Array<{
        id: string;
        account: {
          id: string;
          name: string;
          units: Array<{ id: string; transfers: Array<{ amount: string }> }>;
          favourites: Array<{ id: string }>;
        };
      }>;
    };

    it("runs one statement per relation and level, with first/skip/orderBy/where per parent", async () => {
      const { result, statements } = await counted(() =>
        runQuery<Page>(
          store.service({ resultCacheBytes: 0 }),
          `{
            units(first: 40, orderBy: number) {
              id
              account {
                id
                name
                units(first: 2, orderBy: number, orderDirection: desc) { id transfers(orderBy: amount) { amount } }
                favourites(first: 2, skip: 1, where: { number_gte: 4 }, orderBy: number) { id }
              }
            }
          }`,
        ),
      );
      expect(result.errors).toBeUndefined();
      // units, their accounts, the accounts' units, those units' transfers, the accounts' favourites.
      expect(statements).toBe(5);
      const units = result.data!.units;
      expect(units).toHaveLength(UNITS);
      const ownerOf = (i: number) => (i === 0 ? 1 : i % ACCOUNTS);
      for (const [i, unit] of units.entries()) {
        const k = ownerOf(i);
        expect(unit.account.id).toBe(accountId(k));
        const owned = Array.from({ length: UNITS }, (_, n) => n).filter((n) => ownerOf(n) === k);
        const lastTwo = owned.slice(-2).reverse();
        expect(unit.account.units.map((u) => u.id)).toEqual(lastTwo.map(unitId));
        expect(unit.account.units[0]!.transfers.map((t) => t.amount)).toEqual([
          String(lastTwo[0]! * 10),
          String(lastTwo[0]! * 10 + 1),
        ]);
        // Favourites k, k+4, k+8: number ≥ 4 leaves k+4 and k+8 (and k for k ≥ 4, none here); skip 1.
        expect(unit.account.favourites.map((u) => u.id)).toEqual([unitId(k + 8)]);
      }
      expect(units[0]!.account.name).toBe("A1");
    });

    it("resolves a field derived from a list of references in one statement", async () => {
      const { result, statements } = await counted(() =>
        runQuery<{ units: Array<{ id: string; fans: Array<{ id: string }> }> }>(
          store.service({ resultCacheBytes: 0 }),
          `{ units(first: 13, orderBy: number) { id fans { id } } }`,
        ),
      );
      expect(statements).toBe(2);
      // Account k lists units k, k+4 and k+8 as favourites.
      expect(result.data!.units.map((u) => u.fans.map((f) => f.id))).toEqual([
        ...Array.from({ length: 12 }, (_, i) => [accountId(i % ACCOUNTS)]),
        [],
      ]);
    });

    it("resolves relations at the root field's block", async () => {
      const { data, errors } = await runQuery<{
        old: Array<{ account: { name: string; units: Array<{ id: string }> } }>;
        now: Array<{ account: { name: string; units: Array<{ id: string }> } }>;
      }>(
        service,
        `{
          old: units(first: 1, orderBy: number, block: { number: 1 }) { account { name units(first: 100) { id } } }
          now: units(first: 1, orderBy: number) { account { name units(first: 100) { id } } }
        }`,
      );
      expect(errors).toBeUndefined();
      expect(data!.old[0]!.account.name).toBe("A0");
      expect(data!.old[0]!.account.units).toHaveLength(10);
      expect(data!.now[0]!.account.name).toBe("A1");
      expect(data!.now[0]!.account.units).toHaveLength(11);
    });

    it("costs a statement per level, not per path, for aliases repeated through fragments", async () => {
      const depth = 12;
      const fragments = Array.from({ length: depth }, (_, n) =>
        n === depth - 1
          ? `fragment F${n} on Unit { number }`
          : `fragment F${n} on Unit { a: next { ...F${n + 1} } b: next { ...F${n + 1} } }`,
      ).join("\n");
      const { result, statements } = await counted(() =>
        runQuery(store.service({ resultCacheBytes: 0 }), `{ unit(id: "u07") { ...F0 } }\n${fragments}`),
      );
      expect(result.errors).toBeUndefined();
      expect(JSON.stringify(result.data).match(/"number":7/g)).toHaveLength(2 ** (depth - 1));
      expect(statements).toBe(1 + 2 * (depth - 1));
    });
  });

  describe("result cache", () => {
    const meta = `{ units(first: 2, orderBy: number) { id account { name } } _meta { block { number } hasIndexingErrors } }`;

    it("serves a repeated query from the cache until the head moves, and keeps _meta live", async () => {
      const cached = store.service();
      const first = await counted(() => runQuery<{ _meta: { block: { number: number } } }>(cached, meta));
      expect(first.result.cache).toBe("miss");
      expect(first.statements).toBeGreaterThan(0);
      const again = await counted(() => runQuery(cached, meta));
      expect(again.result.cache).toBe("hit");
      expect(again.statements).toBe(0);
      expect(again.result.data).toEqual(first.result.data);

      const head = store.pointer()!.number;
      await store.commitBlock(head + 1, (entities) =>
        entities.set("Account", accountId(1), new Map([["name", str(`A1@${head + 1}`)]])),
      );
      const after = await runQuery<{
        units: Array<{ account: { name: string } }>;
        _meta: { block: { number: number } };
      }>(cached, meta);
      expect(after.cache).toBe("miss");
      expect(after.data!._meta.block.number).toBe(head + 1);
      expect(after.data!.units[0]!.account.name).toBe(`A1@${head + 1}`);
    });

    it("keys by variables and operation, and keeps a block: query's answer", async () => {
      const cached = store.service();
      const text = `query One($n: Int!) { units(first: $n, block: { number: 1 }) { id account { name } } }
                    query Two { units(first: 1) { id } }`;
      const one = await runQuery<{ units: unknown[] }>(cached, text, { n: 1 }, "One");
      const three = await runQuery<{ units: unknown[] }>(cached, text, { n: 3 }, "One");
      const two = await runQuery<{ units: unknown[] }>(cached, text, { n: 1 }, "Two");
      expect([one.cache, three.cache, two.cache]).toEqual(["miss", "miss", "miss"]);
      expect([one.data!.units.length, three.data!.units.length]).toEqual([1, 3]);
      const again = await runQuery(cached, text, { n: 3 }, "One");
      expect(again.cache).toBe("hit");
      expect(again.data).toEqual(three.data);
      expect((three.data!.units[0] as { account: { name: string } }).account.name).toBe("A0");
    });

    it("misses when the indexing-error flag changes, and after a revert to a new branch", async () => {
      const cached = store.service();
      const before = await runQuery<{ _meta: { hasIndexingErrors: boolean } }>(cached, meta);
      store.setIndexingError({ block: 99, blockHash: null, message: "boom", handler: null });
      const failed = await runQuery<{ _meta: { hasIndexingErrors: boolean } }>(cached, meta);
      store.setIndexingError(null);
      expect(before.data!._meta.hasIndexingErrors).toBe(false);
      expect(failed.cache).toBe("miss");
      expect(failed.data!._meta.hasIndexingErrors).toBe(true);

      const head = store.pointer()!.number;
      const newest = `{ account(id: "${accountId(1)}") { name } }`;
      expect((await runQuery<{ account: { name: string } }>(cached, newest)).data!.account.name).toBe(`A1@${head}`);
      await store.revertTo(head - 1);
      await store.commitBlock(head, (entities) =>
        entities.set("Account", accountId(1), new Map([["name", str("A1 on the new branch")]])),
      );
      const reorged = await runQuery<{ account: { name: string } }>(cached, newest);
      expect(reorged.cache).toBe("miss");
      expect(reorged.data!.account.name).toBe("A1 on the new branch");
    });

    it("runs identical concurrent requests once", async () => {
      const cached = store.service();
      const text = `{ accounts(orderBy: name) { name units(first: 3) { id } } }`;
      const { result, statements } = await counted(() =>
        Promise.all(Array.from({ length: 5 }, () => runQuery(cached, text))),
      );
      expect(result.map((r) => r.cache).sort()).toEqual(["miss", "shared", "shared", "shared", "shared"]);
      expect(statements).toBe(2);
      for (const r of result) expect(r.data).toEqual(result[0]!.data);
    });

    it("never caches errors, evicts the least recently used by size, and can be turned off", async () => {
      const cached = store.service({ resultCacheBytes: 1_200 });
      const tooMany = `{ units(first: 1001) { id } }`;
      expect((await runQuery(cached, tooMany)).cache).toBe("miss");
      expect((await runQuery(cached, tooMany)).cache).toBe("miss");

      const page = (skip: number) => `{ units(first: 5, skip: ${skip}, orderBy: number) { id } }`;
      for (let skip = 0; skip < 8; skip++) expect((await runQuery(cached, page(skip))).cache).toBe("miss");
      expect((await runQuery(cached, page(7))).cache).toBe("hit");
      expect((await runQuery(cached, page(0))).cache).toBe("miss");
      expect(cached.stats().cachedBytes).toBeLessThanOrEqual(1_200);

      const uncached = store.service({ resultCacheBytes: 0 });
      await runQuery(uncached, page(0));
      expect((await runQuery(uncached, page(0))).cache).toBe("miss");
    });
  });

  describe("limits", () => {
    it("refuses a query deeper than maxDepth", async () => {
      const shallow = store.service({ maxDepth: 2 });
      expect((await runQuery(shallow, `{ units(first: 1) { id } }`)).errors).toBeUndefined();
      const deep = await runQuery(shallow, `{ units(first: 1) { account { id } } }`);
      expect(deep.status).toBe(200);
      expect(deep.errors).toEqual([{ message: "query has a depth that exceeds the limit of `2`" }]);
    });

    it("refuses a query that could return more entities than maxComplexity, before running it", async () => {
      const { result, statements } = await counted(() =>
        runQuery(service, `{ accounts(first: 1000) { units(first: 1000) { id } } }`),
      );
      expect(result.errors).toEqual([
        {
          message:
            "query potentially returns `1001000` entities or more and thereby exceeds the limit of `1000000` entities. Possible solutions are reducing the depth of the query, querying fewer relationships or using `first` to return smaller collections",
        },
      ]);
      expect(statements).toBe(0);
      const withVariable = await runQuery(
        service,
        `query ($n: Int) { accounts(first: $n) { units(first: 1000) { id } } }`,
        {
          n: 1000,
        },
      );
      expect(withVariable.errors?.[0]?.message).toMatch(/potentially returns `1001000` entities/);
    });

    it("refuses an exponential query of nested fragments before any SQL, while blocks commit", async () => {
      const depth = 40;
      const fragments = Array.from({ length: depth }, (_, n) =>
        n === depth - 1
          ? `fragment F${n} on Unit { id number }`
          : `fragment F${n} on Unit { a: next { ...F${n + 1} } b: next { ...F${n + 1} } }`,
      ).join("\n");
      const head = store.pointer()!.number;
      const [{ result, statements }] = await Promise.all([
        counted(() => runQuery(service, `{ units { ...F0 } }\n${fragments}`)),
        store.commitBlock(head + 1, (entities) =>
          entities.set("Account", accountId(2), new Map([["name", str("A2+")]])),
        ),
      ]);
      expect(result.errors?.[0]?.message).toMatch(/^query potentially returns `\d+` entities or more/);
      expect(statements).toBe(0);
      expect(store.pointer()!.number).toBe(head + 1);
    });

    it("reports a fragment cycle as graph-node does", async () => {
      const result = await runQuery(
        service,
        `{ units { ...A } } fragment A on Unit { next { ...B } } fragment B on Unit { next { ...A } }`,
      );
      expect(result.errors).toEqual([{ message: "query has fragment cycle including `A`" }]);
    });

    it("bounds first and skip, at the root and in nested collections", async () => {
      expect((await runQuery(service, `{ units(first: 1001) { id } }`)).errors).toEqual([
        { message: "The `first` argument must be between 0 and 1000, but is 1001" },
      ]);
      expect((await runQuery(service, `{ accounts { units(skip: 5001) { id } } }`)).errors).toEqual([
        { message: "The `skip` argument must be between 0 and 5000, but is 5001" },
      ]);
      const strict = store.service({ maxFirst: 10, maxSkip: 20 });
      expect((await runQuery(strict, `{ units(first: 11) { id } }`)).errors?.[0]?.message).toBe(
        "The `first` argument must be between 0 and 10, but is 11",
      );
    });

    it("refuses a response larger than maxResultBytes", async () => {
      const small = store.service({ maxResultBytes: 2_000 });
      const result = await runQuery(small, `{ units(first: 40) { id number account { id name } } }`);
      expect(result.data).toBeUndefined();
      expect(result.errors?.[0]?.message).toMatch(/^the result size of \d+ is larger than the allowed limit of 2000$/);
      expect((await runQuery(small, `{ units(first: 2) { id } }`)).errors).toBeUndefined();
    });

    it("abandons a query that runs past its deadline between statements", async () => {
      const slow = store.service({ queryTimeoutMs: 10, resultCacheBytes: 0 }, { sqlDelayMs: 30 });
      const result = await runQuery(slow, `{ units(first: 2) { account { id units { id } } } }`);
      expect(result.errors).toEqual([{ message: "Query timed out" }]);
    });
  });
});
