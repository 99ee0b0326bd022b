/**
 * For the GraphQL tests: a real in-memory store (the same Database and EntityStore code the
 * indexer uses) under a schema, blocks committed by hand, and GraphQL services over it whose
 * SQL statements are recorded, so tests can count them.
 */
import type { Hex } from "viem";
import { parseSchema, type SchemaModel } from "../schema/model.ts";
import { Database, type BlockPointer, type IndexingError } from "../store/database.ts";
import { EntityStore } from "../store/entityStore.ts";
import { openPostgres } from "../store/postgres.ts";
import type { SqlClient } from "../store/sqlClient.ts";
import { postgresAvailable, startTestPostgres } from "../testing/postgresServer.ts";
import type { QueryBackend } from "./backend.ts";
import { graphqlOptions, type GraphQLOptionsInput } from "./options.ts";
import { GraphQLService } from "./service.ts";

export type TestStore = {
  model: SchemaModel;
  db: Database;
  /** Every SQL statement the services ran, in order. */
  statements: string[];
  pointer(): BlockPointer | null;
  setIndexingError(error: IndexingError | null): void;
  /** Commits block `number` with whatever `write` does to the entity store. */
  commitBlock(number: number, write: (store: EntityStore) => unknown): Promise<void>;
  /** Reverts to `number` (as a reorg would) and makes it the head again. */
  revertTo(number: number): Promise<void>;
  /** A service over the store; `sqlDelayMs` makes every statement that much slower. */
  service(options?: GraphQLOptionsInput, test?: { sqlDelayMs?: number }): GraphQLService;
  close(): Promise<void>;
};

export type TestResponse<T> = {
  status: number;
  cache: string;
  data?: T;
  errors?: Array<{ message: string; locations?: unknown }>;
};

/** Block hashes of the test chain; blocks indexed again after a revert get new ones. */
export function blockHash(number: number, fork = 0): Hex {
  return `0x${fork.toString(16).padStart(8, "0")}${number.toString(16).padStart(56, "0")}`;
}

export type TestBackend = "pglite" | "postgres";

/** PGlite always; a real PostgreSQL server too when its binaries are installed. */
export const TEST_BACKENDS: readonly TestBackend[] = postgresAvailable() ? ["pglite", "postgres"] : ["pglite"];

export async function openTestStore(schemaSource: string, backend: TestBackend = "pglite"): Promise<TestStore> {
  const model = parseSchema(schemaSource);
  const server = backend === "postgres" ? await startTestPostgres() : undefined;
  const db = await Database.open({
    ...(server ? { sql: await openPostgres({ url: server.url, schema: "subgraph_test" }) } : {}),
    schema: model,
    deployment: "QmTest",
    log: () => {},
  });
  const store = new EntityStore(model, db);
  const statements: string[] = [];
  const blocks = new Map<number, BlockPointer>();
  let pointer: BlockPointer | null = null;
  let error: IndexingError | null = null;
  let fork = 0;
  const recording = (delayMs: number): SqlClient => ({
    kind: db.sql.kind,
    query: async (text, params) => {
      statements.push(text);
      if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
      return db.sql.query(text, params);
    },
    exec: (text) => db.sql.exec(text),
    transaction: (fn) => db.sql.transaction(fn),
    close: () => db.sql.close(),
  });
  const queryBackend = (sql: SqlClient): QueryBackend => ({
    sql,
    deployment: "QmTest",
    pointer: () => pointer,
    error: () => error,
    blockByHash: async (hash) => [...blocks.values()].find((b) => b.hash === hash) ?? null,
    blockByNumber: async (number) => blocks.get(number) ?? null,
  });
  return {
    model,
    db,
    statements,
    pointer: () => pointer,
    setIndexingError: (e) => {
      error = e;
    },
    async commitBlock(number, write) {
      store.beginBlock(number);
      await write(store);
      await store.commitBlock();
      const next: BlockPointer = {
        number,
        hash: blockHash(number, fork),
        parentHash: blocks.get(number - 1)?.hash ?? blockHash(number - 1, fork),
        timestamp: BigInt(number),
      };
      await db.commit(store.pending(), next, [next], []);
      store.markCommitted();
      blocks.set(number, next);
      pointer = next;
    },
    async revertTo(number) {
      const ancestor = blocks.get(number) ?? null;
      await db.revert(ancestor);
      store.reset();
      for (const b of [...blocks.keys()]) if (b > number) blocks.delete(b);
      pointer = ancestor;
      fork++;
    },
    service: (options = {}, test = {}) =>
      new GraphQLService(model, queryBackend(recording(test.sqlDelayMs ?? 0)), graphqlOptions(options)),
    close: async () => {
      await db.close();
      await server?.stop();
    },
  };
}

/** Runs `query` through `service` and parses the response. */
export async function runQuery<T = Record<string, unknown>>(
  service: GraphQLService,
  query: string,
  variables?: Record<string, unknown>,
  operationName?: string,
): Promise<TestResponse<T>> {
  const response = await service.execute({ query, variables, operationName });
  return {
    status: response.status,
    cache: response.cache,
    ...(JSON.parse(response.body.toString("utf8")) as { data?: T; errors?: Array<{ message: string }> }),
  };
}
