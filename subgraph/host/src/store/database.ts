/**
 * Entities in Postgres (embedded PGlite, or a server given by URL), graph-node style: one table
 * per entity type, one row per entity version with the block range `[__block_from, __block_to)`
 * it is valid for (`__block_to` null = still current). Updates close the old row and insert a
 * new one, so queries at any indexed block work and a revert is a delete plus a reopen.
 *
 * Also kept: the block pointer, the indexing error, the hashes of blocks seen (to find a common
 * ancestor after a reorg) and data sources created from templates. Nothing is held in memory
 * here: the entity store reads current versions by id as it needs them.
 */
import type { Hex } from "viem";
import type { EntityDef, FieldDef, SchemaModel } from "../schema/model.ts";
import type { BlockChanges } from "./entityStore.ts";
import { openPglite, type SqlClient, type SqlQueryable } from "./sqlClient.ts";
import { BLOCK_FROM, BLOCK_TO, quote, rowToEntity, sqlType, tableName, toJsonColumn, VID } from "./sql.ts";
import type { Entity } from "./values.ts";

export type BlockPointer = { number: number; hash: Hex; parentHash: Hex; timestamp: bigint };

export type IndexingError = {
  block: number;
  blockHash: Hex | null;
  message: string;
  handler: string | null;
  /** Always true for a recorded error: transient failures are retried, never recorded. */
  deterministic?: boolean;
};

export type StoredDataSource = {
  template: string;
  address: Hex;
  context: unknown;
  createdBlock: number;
};

/** Bumped when the table layout changes: an older database is rebuilt from the chain. */
const SCHEMA_VERSION = 3;

function pointerToJson(pointer: BlockPointer): unknown {
  return { ...pointer, timestamp: pointer.timestamp.toString() };
}

function pointerFromJson(value: unknown): BlockPointer | null {
  if (!value) return null;
  const v = value as { number: number; hash: Hex; parentHash: Hex; timestamp: string };
  return { number: v.number, hash: v.hash, parentHash: v.parentHash, timestamp: BigInt(v.timestamp) };
}

type BlockRow = { number: number; hash: Hex; parent_hash: Hex; timestamp: bigint | number | string };

function blockFromRow(row: BlockRow): BlockPointer {
  return { number: row.number, hash: row.hash, parentHash: row.parent_hash, timestamp: BigInt(row.timestamp) };
}

export type OpenDatabaseOptions = {
  /** A ready connection (PGlite or PostgreSQL); otherwise PGlite in `dataDir` (in memory without one). */
  sql?: SqlClient;
  dataDir?: string | undefined;
  schema: SchemaModel;
  deployment: string;
  log: (line: string) => void;
};

export class Database {
  readonly sql: SqlClient;
  private readonly schema: SchemaModel;

  private constructor(sql: SqlClient, schema: SchemaModel) {
    this.sql = sql;
    this.schema = schema;
  }

  /**
   * Opens (or creates) the database. A database written for another deployment (different
   * build) is wiped, since its entities belong to another subgraph.
   */
  static async open(options: OpenDatabaseOptions): Promise<Database> {
    const sql = options.sql ?? (await openPglite(options.dataDir));
    const db = new Database(sql, options.schema);
    try {
      await sql.exec(`create table if not exists subgraph_meta (key text primary key, value jsonb)`);
      const stored = await db.meta("deployment");
      const version = await db.meta("schemaVersion");
      if (stored !== options.deployment || version !== SCHEMA_VERSION) {
        if (stored) options.log(`database holds deployment ${String(stored)}; starting over for ${options.deployment}`);
        await sql.transaction(async (tx) => {
          await db.wipe(tx);
          await db.createTables(tx);
          await db.setMeta(tx, "deployment", options.deployment);
          await db.setMeta(tx, "schemaVersion", SCHEMA_VERSION);
        });
      }
    } catch (error) {
      await sql.close();
      throw error;
    }
    return db;
  }

  private async wipe(tx: SqlQueryable): Promise<void> {
    const tables = await tx.query<{ tablename: string }>(
      `select tablename from pg_tables where schemaname = current_schema() and tablename <> 'subgraph_meta'`,
    );
    for (const { tablename } of tables.rows) await tx.exec(`drop table ${quote(tablename)} cascade`);
    await tx.exec(`delete from subgraph_meta`);
  }

  private async createTables(tx: SqlQueryable): Promise<void> {
    const statements = [
      `create table subgraph_blocks (number int4 primary key, hash text not null, parent_hash text not null, timestamp int8 not null)`,
      `create table subgraph_data_sources (vid serial primary key, template text not null, address text not null, context jsonb, created_block int4 not null)`,
    ];
    for (const entity of this.schema.entities.values()) {
      const table = tableName(entity);
      const columns = entity.storedFields.map(
        (f) =>
          `${quote(f.name)} ${sqlType(f)}${f.storeScalar === "String" || f.storeScalar === "ID" ? ` collate "C"` : ""}`,
      );
      statements.push(
        `create table ${table} (${VID} bigserial primary key, ${BLOCK_FROM} int4 not null, ${BLOCK_TO} int4, ${columns.join(", ")})`,
        `create unique index on ${table} ("id") where ${BLOCK_TO} is null`,
        `create index on ${table} ("id", ${BLOCK_FROM})`,
        `create index on ${table} (${BLOCK_FROM})`,
        `create index on ${table} (${BLOCK_TO})`,
      );
      // References, for the GraphQL layer's derived fields and nested filters (one lookup per
      // parent inside a batched statement): btree on a reference, GIN on a list of them.
      for (const field of entity.storedFields) {
        if (field.category !== "entity" || field.name === "id") continue;
        statements.push(`create index on ${table} ${field.list ? "using gin " : ""}(${quote(field.name)})`);
      }
    }
    await tx.exec(statements.join(";\n"));
  }

  async meta(key: string): Promise<unknown> {
    const result = await this.sql.query<{ value: unknown }>(`select value from subgraph_meta where key = $1`, [key]);
    return result.rows[0]?.value ?? null;
  }

  private async setMeta(q: SqlQueryable, key: string, value: unknown): Promise<void> {
    await q.query(
      `insert into subgraph_meta (key, value) values ($1, $2::jsonb) on conflict (key) do update set value = excluded.value`,
      [key, JSON.stringify(value)],
    );
  }

  async pointer(): Promise<BlockPointer | null> {
    return pointerFromJson(await this.meta("pointer"));
  }

  async indexingError(): Promise<IndexingError | null> {
    return (await this.meta("error")) as IndexingError | null;
  }

  async setIndexingError(error: IndexingError | null): Promise<void> {
    await this.setMeta(this.sql, "error", error);
  }

  /** Current versions of `keys` (store keys: lower-case 0x hex for Bytes ids). */
  async getCurrent(entity: EntityDef, keys: readonly string[]): Promise<Map<string, Entity>> {
    const out = new Map<string, Entity>();
    if (!keys.length) return out;
    // One key (a handler's load) is the hot path: a plain equality plans fastest.
    const rows =
      keys.length === 1
        ? await this.sql.query<Record<string, unknown>>(
            `select * from ${tableName(entity)} where ${BLOCK_TO} is null and "id" = ${idScalar(entity, "$1")}`,
            [idParams(entity, keys)[0]],
          )
        : await this.sql.query<Record<string, unknown>>(
            `select * from ${tableName(entity)} where ${BLOCK_TO} is null and "id" = any(${idArray(entity, "$1")})`,
            [idParams(entity, keys)],
          );
    for (const row of rows.rows) out.set(entityKey(entity, row["id"]), rowToEntity(entity, row));
    return out;
  }

  /** Calls `visit` with the key of every stored version's id (paged, so memory stays flat). */
  async forEachId(entity: EntityDef, visit: (key: string) => void): Promise<void> {
    const page = 50_000;
    let after = 0n;
    while (true) {
      const rows = await this.sql.query<{ id: unknown; vid: bigint }>(
        `select "id" as id, ${VID} as vid from ${tableName(entity)} where ${VID} > $1 order by ${VID} limit ${page}`,
        [after.toString()],
      );
      for (const row of rows.rows) visit(entityKey(entity, row.id));
      if (rows.rows.length < page) return;
      after = BigInt(rows.rows[rows.rows.length - 1]!.vid);
    }
  }

  /** Current versions of `child` whose `back` reference (or list of references) holds `parentKey`. */
  async loadDerived(child: EntityDef, back: FieldDef, parentKey: string): Promise<Array<[string, Entity]>> {
    const column = quote(back.name);
    const parent = idArray({ idType: back.storeScalar } as EntityDef, "$1");
    const condition = back.list ? `${column} && ${parent}` : `${column} = any(${parent})`;
    const rows = await this.sql.query<Record<string, unknown>>(
      `select * from ${tableName(child)} where ${BLOCK_TO} is null and ${condition}`,
      [idParams({ idType: back.storeScalar } as EntityDef, [parentKey])],
    );
    return rows.rows.map((row) => [entityKey(child, row["id"]), rowToEntity(child, row)]);
  }

  /** Current entities across every type (the index-node API's entityCount). */
  async entityCount(): Promise<bigint> {
    let total = 0n;
    for (const entity of this.schema.entities.values()) {
      const rows = await this.sql.query<{ count: bigint | number | string }>(
        `select count(*) as count from ${tableName(entity)} where ${BLOCK_TO} is null`,
      );
      total += BigInt(rows.rows[0]?.count ?? 0);
    }
    return total;
  }

  async dataSources(): Promise<StoredDataSource[]> {
    const rows = await this.sql.query<{ template: string; address: Hex; context: unknown; created_block: number }>(
      `select template, address, context, created_block from subgraph_data_sources order by vid`,
    );
    return rows.rows.map((r) => ({
      template: r.template,
      address: r.address,
      context: r.context,
      createdBlock: r.created_block,
    }));
  }

  async blockHash(number: number): Promise<Hex | null> {
    const rows = await this.sql.query<{ hash: Hex }>(`select hash from subgraph_blocks where number = $1`, [number]);
    return rows.rows[0]?.hash ?? null;
  }

  async blockByHash(hash: string): Promise<BlockPointer | null> {
    const rows = await this.sql.query<BlockRow>(`select * from subgraph_blocks where hash = $1`, [hash.toLowerCase()]);
    const row = rows.rows[0];
    return row ? blockFromRow(row) : null;
  }

  /** Stored blocks at or below `number`, newest first. */
  async blocksAtOrBelow(number: number, limit: number): Promise<BlockPointer[]> {
    const rows = await this.sql.query<BlockRow>(
      `select * from subgraph_blocks where number <= $1 order by number desc limit $2`,
      [number, limit],
    );
    return rows.rows.map(blockFromRow);
  }

  /** Stored block numbers in `[from, to]`, ascending (candidates for a binary search). */
  async blockNumbersBetween(from: number, to: number): Promise<number[]> {
    const rows = await this.sql.query<{ number: number }>(
      `select number from subgraph_blocks where number between $1 and $2 order by number`,
      [from, to],
    );
    return rows.rows.map((r) => r.number);
  }

  async storedBlock(number: number): Promise<BlockPointer | null> {
    const rows = await this.sql.query<BlockRow>(`select * from subgraph_blocks where number = $1`, [number]);
    const row = rows.rows[0];
    return row ? blockFromRow(row) : null;
  }

  /**
   * Commits the changes of finished blocks, the blocks seen, new data sources and the new block
   * pointer in one transaction.
   */
  async commit(
    blocks: readonly BlockChanges[],
    pointer: BlockPointer,
    seenBlocks: readonly BlockPointer[],
    dataSources: readonly StoredDataSource[],
  ): Promise<void> {
    await this.sql.transaction(async (tx) => {
      for (const [type, byKey] of groupChanges(blocks)) {
        await writeVersions(tx, this.schema.entities.get(type)!, byKey);
      }
      const seen = new Map<number, BlockPointer>();
      for (const block of [...seenBlocks, pointer]) seen.set(block.number, block);
      await tx.query(
        `insert into subgraph_blocks (number, hash, parent_hash, timestamp)
         select * from jsonb_to_recordset($1::jsonb) as r(number int4, hash text, parent_hash text, timestamp int8)
         on conflict (number) do update set hash = excluded.hash, parent_hash = excluded.parent_hash, timestamp = excluded.timestamp`,
        [
          JSON.stringify(
            [...seen.values()].map((b) => ({
              number: b.number,
              hash: b.hash.toLowerCase(),
              parent_hash: b.parentHash.toLowerCase(),
              timestamp: b.timestamp.toString(),
            })),
          ),
        ],
      );
      for (const ds of dataSources) {
        await tx.query(
          `insert into subgraph_data_sources (template, address, context, created_block) values ($1, $2, $3::jsonb, $4)`,
          [ds.template, ds.address, JSON.stringify(ds.context ?? null), ds.createdBlock],
        );
      }
      await this.setMeta(tx, "pointer", pointerToJson(pointer));
    });
  }

  /**
   * Reverts to `ancestor` (null: before the first indexed block): deletes versions that start
   * after it, reopens versions closed after it, forgets later blocks and data sources, clears an
   * indexing error recorded after it, and moves the pointer.
   */
  async revert(ancestor: BlockPointer | null): Promise<void> {
    const keep = ancestor?.number ?? -1;
    await this.sql.transaction(async (tx) => {
      for (const entity of this.schema.entities.values()) {
        const table = tableName(entity);
        await tx.query(`delete from ${table} where ${BLOCK_FROM} > $1`, [keep]);
        await tx.query(`update ${table} set ${BLOCK_TO} = null where ${BLOCK_TO} > $1`, [keep]);
      }
      await tx.query(`delete from subgraph_blocks where number > $1`, [keep]);
      await tx.query(`delete from subgraph_data_sources where created_block > $1`, [keep]);
      await this.setMeta(tx, "pointer", ancestor ? pointerToJson(ancestor) : null);
      const error = (
        await tx.query<{ value: IndexingError | null }>(`select value from subgraph_meta where key = 'error'`)
      ).rows[0]?.value;
      if (error && error.block > keep) await this.setMeta(tx, "error", null);
    });
  }

  async close(): Promise<void> {
    await this.sql.close();
  }
}

/** The store key of an id column value. */
export function entityKey(entity: Pick<EntityDef, "idType">, raw: unknown): string {
  if (entity.idType === "Bytes") return `0x${Buffer.from(raw as Uint8Array).toString("hex")}`;
  return String(raw);
}

/** Ids as one text-array parameter (bytea travels as hex and is decoded in SQL: portable across drivers). */
function idParams(entity: Pick<EntityDef, "idType">, keys: readonly string[]): string[] {
  return entity.idType === "Bytes" ? keys.map((key) => key.slice(2)) : [...keys];
}

function idScalar(entity: Pick<EntityDef, "idType">, param: string): string {
  if (entity.idType === "Bytes") return `decode(${param}::text, 'hex')`;
  if (entity.idType === "Int8") return `${param}::int8`;
  return `${param}::text`;
}

function idArray(entity: Pick<EntityDef, "idType">, param: string): string {
  if (entity.idType === "Bytes") return `array(select decode(x, 'hex') from unnest(${param}::text[]) as x)`;
  if (entity.idType === "Int8") return `${param}::int8[]`;
  return `${param}::text[]`;
}

type Version = { block: number; entity: Entity | null };

/** type → key → { versions in block order, whether a current row existed before the first }. */
function groupChanges(
  blocks: readonly BlockChanges[],
): Map<string, Map<string, { versions: Version[]; closeExisting: boolean }>> {
  const out = new Map<string, Map<string, { versions: Version[]; closeExisting: boolean }>>();
  for (const { block, changes } of blocks) {
    for (const change of changes) {
      let byKey = out.get(change.type);
      if (!byKey) out.set(change.type, (byKey = new Map()));
      const entry = byKey.get(change.key);
      if (entry) entry.versions.push({ block, entity: change.entity });
      else
        byKey.set(change.key, {
          versions: [{ block, entity: change.entity }],
          closeExisting: change.prevExists,
        });
    }
  }
  return out;
}

async function writeVersions(
  tx: SqlQueryable,
  entity: EntityDef,
  byKey: Map<string, { versions: Version[]; closeExisting: boolean }>,
): Promise<void> {
  const table = tableName(entity);
  const closes: Array<{ id: string; b: number }> = [];
  const rows: Array<Record<string, unknown>> = [];
  for (const [key, { versions, closeExisting }] of byKey) {
    if (closeExisting) closes.push({ id: entity.idType === "Bytes" ? key.slice(2) : key, b: versions[0]!.block });
    for (let i = 0; i < versions.length; i++) {
      const version = versions[i]!;
      if (!version.entity) continue;
      const row: Record<string, unknown> = {
        __block_from: version.block,
        __block_to: versions[i + 1]?.block ?? null,
      };
      for (const field of entity.storedFields) row[field.name] = toJsonColumn(version.entity.get(field.name));
      rows.push(row);
    }
  }
  if (closes.length) {
    const idExpr = entity.idType === "Bytes" ? `decode(r.id, 'hex')` : entity.idType === "Int8" ? `r.id::int8` : `r.id`;
    await tx.query(
      `update ${table} t set ${BLOCK_TO} = r.b
       from jsonb_to_recordset($1::jsonb) as r(id text, b int4)
       where t."id" = ${idExpr} and t.${BLOCK_TO} is null`,
      [JSON.stringify(closes)],
    );
  }
  if (rows.length) {
    const columns = [`__block_from`, `__block_to`, ...entity.storedFields.map((f) => f.name)];
    const types = [`int4`, `int4`, ...entity.storedFields.map((f) => sqlType(f))];
    await tx.query(
      `insert into ${table} (${columns.map(quote).join(", ")})
       select * from jsonb_to_recordset($1::jsonb) as r(${columns.map((c, i) => `${quote(c)} ${types[i]}`).join(", ")})`,
      [JSON.stringify(rows)],
    );
  }
}
