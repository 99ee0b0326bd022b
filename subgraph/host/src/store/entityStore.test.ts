/**
 * The entity store's semantics (graph-node's EntityCache) on a real PGlite database: merges,
 * removals, immutability, generated ids, unchanged writes, loadRelated across pending and
 * committed versions and across an interface's implementers, and reads after a restart.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { MappingError } from "../errors.ts";
import { parseSchema } from "../schema/model.ts";
import { Database } from "./database.ts";
import { EntityStore } from "./entityStore.ts";
import type { Entity, StoreValue } from "./values.ts";

const SCHEMA = parseSchema(/* GraphQL */ `
  type Account @entity(immutable: false) {
    id: ID!
    name: String
    balance: BigInt!
    events: [Event!]! @derivedFrom(field: "account")
    favourite: Event
  }
  interface Event {
    id: ID!
    account: Account!
  }
  type Deposit implements Event @entity(immutable: true) {
    id: ID!
    account: Account!
    amount: BigInt!
  }
  type Withdrawal implements Event @entity(immutable: false) {
    id: ID!
    account: Account!
    amount: BigInt!
  }
  type Tick @entity(immutable: true) {
    id: Int8!
    n: Int!
  }
  type Mark @entity(immutable: true) {
    id: Bytes!
    n: Int!
  }
`);

const str = (value: string): StoreValue => ({ kind: "String", value });
const big = (value: bigint): StoreValue => ({ kind: "BigInt", value });
const entity = (fields: Record<string, StoreValue>): Entity => new Map(Object.entries(fields));

let db: Database;
let store: EntityStore;

async function block(number: number, work: () => unknown): Promise<void> {
  store.beginBlock(number);
  await work();
  await store.commitBlock();
}

async function commit(number: number): Promise<void> {
  const pointer = {
    number,
    hash: `0x${number.toString(16).padStart(64, "0")}`,
    parentHash: "0x00",
    timestamp: 0n,
  } as const;
  await db.commit(store.pending(), pointer as never, [], []);
  store.markCommitted();
}

/** Every version of Account `id` in the database, oldest first. */
async function versions(id: string): Promise<Array<{ from: number; to: number | null; balance: string }>> {
  const rows = await db.sql.query<{ __block_from: number; __block_to: number | null; balance: string }>(
    `select __block_from, __block_to, balance from "entity_Account" where id = $1 order by __block_from`,
    [id],
  );
  return rows.rows.map((r) => ({ from: r.__block_from, to: r.__block_to, balance: r.balance }));
}

beforeAll(async () => {
  db = await Database.open({ schema: SCHEMA, deployment: "QmStoreTest", log: () => {} });
});

// One database for the file (opening PGlite takes seconds); each test starts from it emptied.
beforeEach(async () => {
  await db.revert(null);
  store = new EntityStore(SCHEMA, db);
  await store.loadIds();
});

afterAll(async () => {
  await db.close();
});

describe("set and get", () => {
  it("merges a partial update with the stored version; a null removes a field", async () => {
    await block(1, () => store.set("Account", "a", entity({ name: str("Ada"), balance: big(5n) })));
    await commit(1);
    // A partial update (no balance) is valid only merged with the stored version.
    await block(2, () => store.set("Account", "a", entity({ name: { kind: "Null" } })));
    await commit(2);
    const fresh = new EntityStore(SCHEMA, db);
    const loaded = await fresh.get("Account", "a");
    expect(loaded?.get("balance")).toEqual(big(5n));
    expect(loaded?.has("name")).toBe(false);
  });

  it("refuses an update that is invalid even merged, naming the field", async () => {
    store.beginBlock(1);
    await expect(async () => store.set("Account", "new", entity({ name: str("x") }))).rejects.toThrow(
      /Entity Account\[new\]: missing value for non-nullable field `balance`/,
    );
  });

  it("writes no version for a set that changes nothing, and closes the old one otherwise", async () => {
    await block(1, () => store.set("Account", "a", entity({ balance: big(1n) })));
    await block(2, () => store.set("Account", "a", entity({ balance: big(1n) })));
    await block(3, () => store.set("Account", "a", entity({ balance: big(2n) })));
    await commit(3);
    expect(await versions("a")).toEqual([
      { from: 1, to: 3, balance: "1" },
      { from: 3, to: null, balance: "2" },
    ]);
  });

  it("sees a removal in the same block and after it, and set after remove overwrites", async () => {
    await block(1, () => store.set("Account", "a", entity({ name: str("Ada"), balance: big(1n) })));
    await commit(1);
    store.beginBlock(2);
    store.remove("Account", "a");
    expect(await store.get("Account", "a")).toBeNull();
    await store.set("Account", "a", entity({ balance: big(9n) }));
    // An overwrite: the old name is gone.
    expect([...(await store.get("Account", "a"))!.keys()].sort()).toEqual(["balance", "id"]);
    await store.commitBlock();
    await commit(2);
    expect(await versions("a")).toEqual([
      { from: 1, to: 2, balance: "1" },
      { from: 2, to: null, balance: "9" },
    ]);
  });

  it("refuses to change an immutable entity that already exists", async () => {
    const deposit = () => entity({ account: str("a"), amount: big(1n) });
    await block(1, () => store.set("Deposit", "d1", deposit()));
    await commit(1);
    store.beginBlock(2);
    await expect(async () => store.set("Deposit", "d1", deposit())).rejects.toThrow(
      /Deposit\[d1\] is immutable and already exists/,
    );
    expect(() => store.remove("Deposit", "d1")).toThrow(MappingError);
  });

  it("generates ids for 'auto': block number high, one sequence per block across types", async () => {
    await block(7, async () => {
      await store.set("Tick", "auto", entity({ n: { kind: "Int", value: 1 } }));
      await store.set("Mark", "auto", entity({ n: { kind: "Int", value: 2 } }));
      await store.set("Tick", "auto", entity({ n: { kind: "Int", value: 3 } }));
    });
    expect(store.pending()[0]!.changes.map((c) => [c.type, c.key])).toEqual([
      ["Tick", String(7n << 32n)],
      ["Tick", String((7n << 32n) + 2n)],
      ["Mark", "0x0000000700000001"],
    ]);
    store.beginBlock(8);
    await expect(async () => store.set("Account", "auto", entity({ balance: big(1n) }))).rejects.toThrow(
      /String does not support generating ids/,
    );
  });
});

describe("loadRelated", () => {
  it("finds derived entities of every implementer, committed, pending and in the block", async () => {
    await block(1, async () => {
      await store.set("Account", "a", entity({ balance: big(0n) }));
      await store.set("Deposit", "d1", entity({ account: str("a"), amount: big(10n) }));
      await store.set("Withdrawal", "w1", entity({ account: str("a"), amount: big(3n) }));
    });
    await commit(1);
    // Pending (finished, not committed): a deposit moves to another account.
    await block(2, async () => {
      await store.set("Withdrawal", "w1", entity({ account: str("b"), amount: big(3n) }));
      await store.set("Deposit", "d2", entity({ account: str("a"), amount: big(4n) }));
    });
    store.beginBlock(3);
    await store.set("Withdrawal", "w2", entity({ account: str("a"), amount: big(1n) }));
    const related = await store.loadRelated("Account", "a", "events");
    expect(related.map((e) => (e.get("id") as { value: string }).value).sort()).toEqual(["d1", "d2", "w2"]);
  });

  it("loads a stored interface-typed reference from whichever implementer holds the id", async () => {
    await block(1, async () => {
      await store.set("Withdrawal", "w9", entity({ account: str("a"), amount: big(2n) }));
      await store.set("Account", "a", entity({ balance: big(0n), favourite: str("w9") }));
    });
    await commit(1);
    const [favourite] = await new EntityStore(SCHEMA, db).loadRelated("Account", "a", "favourite");
    expect(favourite?.get("amount")).toEqual(big(2n));
  });
});

describe("memory", () => {
  it("answers an id that was never stored without a query, after a restart too", async () => {
    await block(1, () => store.set("Account", "known", entity({ balance: big(1n) })));
    await commit(1);
    const restarted = new EntityStore(SCHEMA, db, { cacheSize: 1 });
    await restarted.loadIds();
    let queries = 0;
    const query = db.sql.query.bind(db.sql);
    db.sql.query = ((...args: Parameters<typeof query>) => {
      queries++;
      return query(...args);
    }) as typeof query;
    try {
      expect(await restarted.get("Account", "never-stored")).toBeNull();
      expect(queries).toBe(0);
      expect((await restarted.get("Account", "known"))?.get("balance")).toEqual(big(1n));
      expect(queries).toBe(1);
    } finally {
      db.sql.query = query;
    }
  });
});
