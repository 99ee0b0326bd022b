/**
 * Entities in PGlite (embedded Postgres), graph-node style: one table per entity type, one row
 * per entity version with the block range `[__block_from, __block_to)` it is valid for
 * (`__block_to` null = still current). Updates close the old row and insert a new one, so
 * queries at any indexed block work and a revert is a delete plus a reopen.
 *
 * Also kept: the block pointer, the indexing error, the hashes of blocks seen (to find a common
 * ancestor after a reorg) and data sources created from templates.
 */
import type { Hex } from "viem";
import type { EntityDef, SchemaModel } from "../schema/model.ts";
import type { CurrentState, PendingVersions } from "./entityStore.ts";
import { openPglite, type SqlClient, type SqlQueryable } from "./sqlClient.ts";
import { BLOCK_FROM, BLOCK_TO, idSqlType, quote, rowToEntity, sqlType, tableName, toJsonColumn, VID } from "./sql.ts";
import type { Entity } from "./values.ts";

export type BlockPointer = { number: number; hash: Hex; parentHash: Hex; timestamp: bigint };

export type IndexingError = { block: number; blockHash: Hex | null; message: string; handler: string | null };

export type StoredDataSource = {
  template: string;
  address: Hex;
  context: unknown;
  createdBlock: number;
};

const SCHEMA_VERSION = 1;

function pointerToJson(pointer: BlockPointer): unknown {
  return { ...pointer, timestamp: pointer.timestamp.toString() };
}

function pointerFromJson(value: unknown): BlockPointer | null {
  if (!value) return null;
  const v = value as { number: number; hash: Hex; parentHash: Hex; timestamp: string };
  return { number: v.number, hash: v.hash, parentHash: v.parentHash, timestamp: BigInt(v.timestamp) };
}

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
  static async open(
    dataDir: string | undefined,
    schema: SchemaModel,
    deployment: string,
    log: (line: string) => void,
  ): Promise<Database> {
    const pg = await openPglite(dataDir);
    const db = new Database(pg, schema);
    await pg.exec(`create table if not exists subgraph_meta (key text primary key, value jsonb)`);
    const stored = await db.meta("deployment");
    const version = await db.meta("schemaVersion");
    if (stored !== deployment || version !== SCHEMA_VERSION) {
      if (stored) log(`data dir holds deployment ${String(stored)}; starting over for ${deployment}`);
      await db.wipe();
      await db.createTables();
      await db.setMeta(pg, "deployment", deployment);
      await db.setMeta(pg, "schemaVersion", SCHEMA_VERSION);
    }
    return db;
  }

  private async wipe(): Promise<void> {
    const tables = await this.sql.query<{ tablename: string }>(
      `select tablename from pg_tables where schemaname = 'public' and tablename <> 'subgraph_meta'`,
    );
    for (const { tablename } of tables.rows) await this.sql.exec(`drop table ${quote(tablename)} cascade`);
    await this.sql.exec(`delete from subgraph_meta`);
  }

  private async createTables(): Promise<void> {
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
    }
    await this.sql.exec(statements.join(";\n"));
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

  /** The latest version of every entity, for the handlers' in-memory view. */
  async loadCurrent(): Promise<CurrentState> {
    const state: CurrentState = new Map();
    for (const entity of this.schema.entities.values()) {
      const rows = await this.sql.query<Record<string, unknown>>(
        `select * from ${tableName(entity)} where ${BLOCK_TO} is null`,
      );
      const byId = new Map<string, Entity>();
      for (const row of rows.rows) {
        const e = rowToEntity(entity, row);
        byId.set(entityKey(entity, row["id"]), e);
      }
      state.set(entity.name, byId);
    }
    return state;
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
    const rows = await this.sql.query<{ number: number; hash: Hex; parent_hash: Hex; timestamp: bigint | number }>(
      `select * from subgraph_blocks where hash = $1`,
      [hash.toLowerCase()],
    );
    const row = rows.rows[0];
    return row
      ? { number: row.number, hash: row.hash, parentHash: row.parent_hash, timestamp: BigInt(row.timestamp) }
      : null;
  }

  /** Stored blocks at or below `number`, newest first: candidates for the common ancestor. */
  async blocksAtOrBelow(number: number, limit: number): Promise<BlockPointer[]> {
    const rows = await this.sql.query<{ number: number; hash: Hex; parent_hash: Hex; timestamp: bigint | number }>(
      `select * from subgraph_blocks where number <= $1 order by number desc limit $2`,
      [number, limit],
    );
    return rows.rows.map((row) => ({
      number: row.number,
      hash: row.hash,
      parentHash: row.parent_hash,
      timestamp: BigInt(row.timestamp),
    }));
  }

  /**
   * Commits the versions of finished blocks, the blocks seen, new data sources and the new
   * block pointer in one transaction.
   */
  async commit(
    versions: PendingVersions,
    existed: Map<string, Set<string>>,
    pointer: BlockPointer,
    blocks: BlockPointer[],
    dataSources: StoredDataSource[],
  ): Promise<void> {
    await this.sql.transaction(async (tx) => {
      for (const [type, byId] of versions) {
        const entity = this.schema.entities.get(type)!;
        await writeVersions(tx, entity, byId, existed.get(type) ?? new Set());
      }
      const seen = new Map<number, BlockPointer>();
      for (const block of [...blocks, pointer]) seen.set(block.number, block);
      if (seen.size) {
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
      }
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

/** The in-memory key of an id column value. */
export function entityKey(entity: EntityDef, raw: unknown): string {
  if (entity.idType === "Bytes") return `0x${Buffer.from(raw as Uint8Array).toString("hex")}`;
  return String(raw);
}

async function writeVersions(
  tx: SqlQueryable,
  entity: EntityDef,
  byId: Map<string, { block: number; entity: Entity | null }[]>,
  existed: Set<string>,
): Promise<void> {
  const table = tableName(entity);
  const idType = idSqlType(entity);
  const closes: Array<{ id: unknown; b: number }> = [];
  const rows: Array<Record<string, unknown>> = [];
  for (const [id, versions] of byId) {
    const idColumn = entity.idType === "Bytes" ? `\\x${id.slice(2)}` : id;
    if (existed.has(id)) closes.push({ id: idColumn, b: versions[0]!.block });
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
    await tx.query(
      `update ${table} t set ${BLOCK_TO} = r.b
       from jsonb_to_recordset($1::jsonb) as r(id ${idType}, b int4)
       where t."id" = r.id and t.${BLOCK_TO} is null`,
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
