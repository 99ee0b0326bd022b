/**
 * The SQL connection the store and the GraphQL server share, over either database the host
 * runs on: embedded PGlite (the default) or a PostgreSQL server given by URL. Both adapters
 * return column values in one shape, so nothing above this file knows which one it talks to:
 *
 *   text → string   int4 → number   int8 → bigint   numeric → string   bool → boolean
 *   bytea → Uint8Array   arrays → arrays of those   jsonb → parsed JSON
 */
import { existsSync, readdirSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
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

/**
 * A freshly initialised PGlite data folder, as a tarball: `initdb` takes seconds, unpacking this
 * a fraction of that. Made once per PGlite version and kept in the system temp folder.
 */
async function pristineDataDir(): Promise<Blob> {
  const version = await pgliteVersion();
  const folder = join(tmpdir(), "markspace-pglite");
  const file = join(folder, `initdb-${version}.tar`);
  const cached = await readFile(file).catch(() => undefined);
  if (cached) return new Blob([cached]);
  const pg = await PGlite.create();
  const dump = await pg.dumpDataDir("none");
  await pg.close();
  const bytes = new Uint8Array(await dump.arrayBuffer());
  await mkdir(folder, { recursive: true });
  // Written under a unique name, then renamed: several processes may race to make it.
  const partial = `${file}.${process.pid}.${Date.now()}`;
  await writeFile(partial, bytes);
  await rename(partial, file);
  return new Blob([bytes]);
}

/** The installed PGlite's version (its package.json is not exported: found beside its entry point). */
async function pgliteVersion(): Promise<string> {
  let dir = dirname(createRequire(import.meta.url).resolve("@electric-sql/pglite"));
  while (dir !== dirname(dir)) {
    const text = await readFile(join(dir, "package.json"), "utf8").catch(() => undefined);
    const parsed = text ? (JSON.parse(text) as { name?: string; version?: string }) : undefined;
    if (parsed?.name === "@electric-sql/pglite" && parsed.version) return parsed.version;
    dir = dirname(dir);
  }
  return "unknown";
}

function isEmptyFolder(path: string): boolean {
  return !existsSync(path) || readdirSync(path).length === 0;
}

/** PGlite (embedded Postgres in WebAssembly): on disk in `dataDir`, in memory without one. */
export async function openPglite(dataDir: string | undefined): Promise<SqlClient> {
  const parsers = { [types.INT8]: (value: string) => BigInt(value) };
  // A new database starts from the pristine data folder instead of running initdb.
  const fresh = dataDir === undefined || isEmptyFolder(dataDir);
  const loadDataDir = fresh ? await pristineDataDir() : undefined;
  const pg = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(loadDataDir ? { loadDataDir } : {}),
    parsers,
  });
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
