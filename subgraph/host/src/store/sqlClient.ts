/**
 * The SQL connection the store and the GraphQL server share, over either database the host
 * runs on: embedded PGlite (the default) or a PostgreSQL server given by URL. Both adapters
 * return column values in one shape, so nothing above this file knows which one it talks to:
 *
 *   text → string   int4 → number   int8 → bigint   numeric → string   bool → boolean
 *   bytea → Uint8Array   arrays → arrays of those   jsonb → parsed JSON
 */
import { PGlite, types } from "@electric-sql/pglite";

export type SqlRows<T> = { rows: T[] };

/** Statements that can run on the connection or inside a transaction. */
export type SqlQueryable = {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<SqlRows<T>>;
  /** Runs one or more statements without parameters. */
  exec(sql: string): Promise<void>;
};

export type SqlClient = SqlQueryable & {
  readonly kind: "pglite" | "postgres";
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

/** PGlite (embedded Postgres in WebAssembly): on disk in `dataDir`, in memory without one. */
export async function openPglite(dataDir: string | undefined): Promise<SqlClient> {
  const parsers = { [types.INT8]: (value: string) => BigInt(value) };
  const pg = dataDir ? await PGlite.create({ dataDir, parsers }) : await PGlite.create({ parsers });
  const exec = async (target: Pick<PGlite, "exec">, sql: string) => {
    await target.exec(sql);
  };
  return {
    kind: "pglite",
    query: async <T>(sql: string, params?: unknown[]) => ({ rows: (await pg.query<T>(sql, params)).rows }),
    exec: (sql) => exec(pg, sql),
    transaction: (fn) =>
      pg.transaction((tx) =>
        fn({
          query: async <T>(sql: string, params?: unknown[]) => ({ rows: (await tx.query<T>(sql, params)).rows }),
          exec: (sql) => exec(tx, sql),
        }),
      ),
    close: () => pg.close(),
  };
}
