/**
 * The `SqlClient` over a PostgreSQL server (node-postgres pool), for operators who outgrow the
 * embedded PGlite: `--database-url postgres://user:pass@host:5432/db`. Each subgraph keeps its
 * tables in its own schema (`search_path` of every pooled connection), so several hosts can
 * share one database. Column values are parsed into the same shapes as the PGlite adapter
 * (int8 → bigint, bytea → Uint8Array, numeric → string), and the pool lets GraphQL queries run
 * on other connections while the indexer writes.
 */
import pg from "pg";
import { SubgraphHostError } from "../errors.ts";
import type { SqlClient, SqlQueryable } from "./sqlClient.ts";

const INT8 = 20;
const INT8_ARRAY = 1016;

/** node-postgres parses int8 as text by default (it can exceed a double); the store wants bigint. */
const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (format !== "binary" && oid === INT8) return (value: string) => BigInt(value);
    if (format !== "binary" && oid === INT8_ARRAY) {
      const parseArray = pg.types.getTypeParser(INT8_ARRAY as never, "text") as (value: string) => Array<string | null>;
      return (value: string) => parseArray(value).map((v) => (v === null ? null : BigInt(v)));
    }
    return pg.types.getTypeParser(oid as never, format as "text");
  },
};

export type OpenPostgresOptions = {
  url: string;
  /** Schema holding this subgraph's tables (created when missing). */
  schema: string;
  /** Connections in the pool: one for indexing, the rest for queries. */
  poolSize?: number;
};

/** Letters, digits and underscores, starting with a letter: safe to quote as a schema name. */
export function schemaNameFor(subgraphName: string): string {
  return `subgraph_${subgraphName.replace(/[^a-zA-Z0-9]/g, "_").toLowerCase()}`.slice(0, 63);
}

export async function openPostgres(options: OpenPostgresOptions): Promise<SqlClient> {
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(options.schema))
    throw new SubgraphHostError("INVALID_OPTIONS", `Invalid database schema name "${options.schema}"`, {
      hint: "use lower-case letters, digits and underscores, starting with a letter",
    });
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 6,
    options: `-c search_path=${options.schema}`,
    types,
    // Loopback or LAN databases answer quickly; a dead one should fail fast and be retried.
    connectionTimeoutMillis: 10_000,
  });
  // An idle pooled connection that breaks must not crash the process.
  pool.on("error", () => {});
  try {
    await pool.query(`create schema if not exists "${options.schema}"`);
  } catch (error) {
    await pool.end().catch(() => {});
    throw new SubgraphHostError("DATABASE_UNAVAILABLE", "The PostgreSQL database does not answer", {
      details: `${redact(options.url)}: ${(error as Error).message}`,
      hint: "check --database-url, or leave it out to use the embedded PGlite database",
      cause: error,
    });
  }
  const on = (target: Pick<pg.Pool, "query"> | pg.PoolClient): SqlQueryable => ({
    query: async <T>(sql: string, params?: unknown[]) => {
      const result = await target.query(sql, params as unknown[] | undefined);
      return { rows: result.rows as T[] };
    },
    exec: async (sql: string) => {
      await target.query(sql);
    },
  });
  return {
    kind: "postgres",
    ...on(pool),
    async transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query("begin");
        const result = await fn(on(client));
        await client.query("commit");
        return result;
      } catch (error) {
        await client.query("rollback").catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** The URL without its password, for messages. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable URL)";
  }
}
