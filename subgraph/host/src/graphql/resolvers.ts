/**
 * Resolves graph-node-style queries against the version tables: every row is read "as of" a
 * block (the latest indexed one unless `block:` says otherwise), and relations resolve at the
 * same block as their parent.
 */
import { GraphQLError } from "graphql";
import type { Hex } from "viem";
import type { EntityDef, FieldDef, SchemaModel } from "../schema/model.ts";
import { BigDecimal } from "../runtime/bigDecimal.ts";
import type { BlockPointer, IndexingError } from "../store/database.ts";
import type { SqlClient } from "../store/sqlClient.ts";
import { quote, tableName } from "../store/sql.ts";
import { bytesToHex } from "../store/values.ts";
import { FilterCompiler, visibleAt, type SqlParams } from "./filters.ts";

/** Hidden on every row: the block it was read at. */
const AT_BLOCK = Symbol("atBlock");
type Row = Record<string, unknown> & { [AT_BLOCK]: number };

export type BlockHeightArg = { hash?: string; number?: number; number_gte?: number };
export type CollectionArgs = {
  skip: number;
  first: number;
  orderBy?: string;
  orderDirection?: "asc" | "desc";
  where?: Record<string, unknown>;
  block?: BlockHeightArg;
};

export type QueryBackend = {
  sql: SqlClient;
  deployment: string;
  pointer: () => BlockPointer | null;
  error: () => IndexingError | null;
  /** Resolves a block hash to its pointer (stored blocks first, then the chain). */
  blockByHash: (hash: Hex) => Promise<BlockPointer | null>;
  blockByNumber: (number: number) => Promise<BlockPointer | null>;
};

export const MAX_FIRST = 1000;
export const MAX_SKIP = 5000;

export class QueryResolvers {
  private readonly model: SchemaModel;
  private readonly backend: QueryBackend;

  constructor(model: SchemaModel, backend: QueryBackend) {
    this.model = model;
    this.backend = backend;
  }

  private latest(): BlockPointer {
    const pointer = this.backend.pointer();
    if (!pointer) throw new GraphQLError(`Subgraph \`${this.backend.deployment}\` has not started syncing yet`);
    return pointer;
  }

  private notYet(number: number, indexed: number): GraphQLError {
    return new GraphQLError(
      `Failed to decode \`block.number\` value: \`subgraph ${this.backend.deployment} has only indexed up to block number ${indexed} and data for block number ${number} is therefore not yet available\``,
    );
  }

  /** The block number a query reads at. */
  private async blockNumber(block: BlockHeightArg | undefined): Promise<number> {
    if (!block || (block.number === undefined && block.hash === undefined && block.number_gte === undefined)) {
      const pointer = this.backend.pointer();
      return pointer ? pointer.number : -1;
    }
    const latest = this.latest();
    if (block.hash !== undefined) {
      const found = await this.backend.blockByHash(block.hash.toLowerCase() as Hex);
      if (!found) throw new GraphQLError(`Failed to decode \`block.hash\` value: \`no block with that hash found\``);
      if (found.number > latest.number) throw this.notYet(found.number, latest.number);
      return found.number;
    }
    if (block.number !== undefined) {
      if (block.number < 0) throw new GraphQLError("Failed to decode `block.number` value: must be non-negative");
      if (block.number > latest.number) throw this.notYet(block.number, latest.number);
      return block.number;
    }
    if (block.number_gte! > latest.number) throw this.notYet(block.number_gte!, latest.number);
    return latest.number;
  }

  private idParam(entity: EntityDef, id: string): unknown {
    const compiler = new FilterCompiler(this.model);
    try {
      return compiler.sqlValue({ storeScalar: entity.idType }, id);
    } catch {
      throw new GraphQLError(`Invalid id \`${id}\` for ${entity.name}: expected ${entity.idType}`);
    }
  }

  private async select(sql: string, params: SqlParams, block: number): Promise<Row[]> {
    const result = await this.backend.sql.query<Record<string, unknown>>(sql, params);
    return result.rows.map((row) => Object.assign(row, { [AT_BLOCK]: block }) as Row);
  }

  async single(entity: EntityDef, args: { id: string; block?: BlockHeightArg }): Promise<Row | null> {
    const block = await this.blockNumber(args.block);
    const params: SqlParams = [block, this.idParam(entity, args.id)];
    const rows = await this.select(
      `select * from ${tableName(entity)} t where ${visibleAt("t", "$1")} and t."id" = $2`,
      params,
      block,
    );
    return rows[0] ?? null;
  }

  async collection(entity: EntityDef, args: CollectionArgs): Promise<Row[]> {
    const block = await this.blockNumber(args.block);
    return this.query(entity, args, block, undefined);
  }

  /** A collection query at `block`, optionally restricted by `link(alias, params)`. */
  private async query(
    entity: EntityDef,
    args: CollectionArgs,
    block: number,
    link: ((alias: string, params: SqlParams) => string) | undefined,
  ): Promise<Row[]> {
    if (args.first < 0 || args.first > MAX_FIRST)
      throw new GraphQLError(`The \`first\` argument must be between 0 and ${MAX_FIRST}, but is ${args.first}`);
    if (args.skip < 0 || args.skip > MAX_SKIP)
      throw new GraphQLError(`The \`skip\` argument must be between 0 and ${MAX_SKIP}, but is ${args.skip}`);
    const compiler = new FilterCompiler(this.model);
    const params: SqlParams = [block];
    const alias = compiler.newAlias();
    let where: string;
    try {
      where = compiler.compile(entity, alias, args.where, params, "$1");
    } catch (error) {
      throw new GraphQLError((error as Error).message);
    }
    const linkSql = link ? ` and ${link(alias, params)}` : "";
    const direction = args.orderDirection === "desc" ? "desc" : "asc";
    const order = this.orderBy(entity, alias, args.orderBy, direction, compiler);
    const sql =
      `select ${alias}.* from ${tableName(entity)} ${alias} where ${visibleAt(alias, "$1")} and ${where}${linkSql}` +
      ` order by ${order} limit ${args.first} offset ${args.skip}`;
    return this.select(sql, params, block);
  }

  private orderBy(
    entity: EntityDef,
    alias: string,
    orderBy: string | undefined,
    direction: "asc" | "desc",
    compiler: FilterCompiler,
  ): string {
    const tie = `${alias}."id" ${direction}`;
    if (!orderBy || orderBy === "id") return tie;
    const [parentName, childName] = orderBy.split("__");
    const field = entity.fields.get(parentName!)!;
    if (childName) {
      const child = this.model.entities.get(field.typeName)!;
      const c = compiler.newAlias();
      const value = `(select ${c}.${quote(childName)} from ${tableName(child)} ${c} where ${c}."id" = ${alias}.${quote(field.name)} and ${visibleAt(c, "$1")})`;
      return `${value} ${direction} nulls last, ${tie}`;
    }
    return `${alias}.${quote(field.name)} ${direction} nulls last, ${tie}`;
  }

  async relationOne(_entity: EntityDef, field: FieldDef, parent: unknown): Promise<Row | null> {
    const row = parent as Row;
    const value = row[field.name];
    if (value === null || value === undefined) return null;
    const target = this.model.entities.get(field.typeName)!;
    const rows = await this.select(
      `select * from ${tableName(target)} t where ${visibleAt("t", "$1")} and t."id" = $2`,
      [row[AT_BLOCK], value],
      row[AT_BLOCK],
    );
    return rows[0] ?? null;
  }

  async relationList(_entity: EntityDef, field: FieldDef, parent: unknown, args: unknown): Promise<Row[]> {
    const row = parent as Row;
    const target = this.model.entities.get(field.typeName)!;
    const collectionArgs = args as CollectionArgs;
    if (field.derivedFrom) {
      const back = target.fields.get(field.derivedFrom)!;
      return this.query(target, collectionArgs, row[AT_BLOCK], (alias, params) => {
        params.push(row["id"]);
        const p = `$${params.length}`;
        return back.list ? `${p} = any(${alias}.${quote(back.name)})` : `${alias}.${quote(back.name)} = ${p}`;
      });
    }
    const ids = row[field.name] as unknown[] | null;
    if (!ids?.length) return [];
    return this.query(target, collectionArgs, row[AT_BLOCK], (alias, params) => {
      params.push(ids);
      return `${alias}."id" = any($${params.length})`;
    });
  }

  scalar(field: FieldDef, parent: unknown): unknown {
    const raw = (parent as Row)[field.name];
    if (raw === null || raw === undefined) return null;
    const convert = (value: unknown): unknown => {
      if (value === null || value === undefined) return null;
      switch (field.storeScalar) {
        case "Bytes":
          return bytesToHex(value as Uint8Array);
        case "BigInt":
        case "Int8":
        case "Timestamp":
          return String(value);
        case "BigDecimal":
          return BigDecimal.fromString(String(value)).toString();
        default:
          return value;
      }
    };
    return field.list ? (raw as unknown[]).map(convert) : convert(raw);
  }

  async meta(args: { block?: BlockHeightArg }): Promise<unknown> {
    const latest = this.latest();
    let pointer: BlockPointer | null = latest;
    if (args.block && (args.block.number !== undefined || args.block.hash !== undefined)) {
      const number = await this.blockNumber(args.block);
      pointer = number === latest.number ? latest : await this.backend.blockByNumber(number);
      if (!pointer) return this.metaOf({ number, hash: null, parentHash: null, timestamp: null });
    }
    return this.metaOf({
      number: pointer.number,
      hash: pointer.hash,
      parentHash: pointer.parentHash,
      timestamp: Number(pointer.timestamp),
    });
  }

  private metaOf(block: { number: number; hash: string | null; parentHash: string | null; timestamp: number | null }) {
    return { block, deployment: this.backend.deployment, hasIndexingErrors: this.backend.error() !== null };
  }
}
