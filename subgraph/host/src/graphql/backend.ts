/**
 * What the query layer needs from the rest of the host: the SQL connection it shares with the
 * indexer, the indexed head and error, and block lookups for `block: { hash }` and `_meta`.
 * Also how a `block:` argument and `_meta` resolve against a snapshot of the indexed head, so one
 * query reads one consistent block however long it runs.
 */
import type { Hex } from "viem";
import type { BlockPointer, IndexingError } from "../store/database.ts";
import type { SqlClient } from "../store/sqlClient.ts";
import { QueryError } from "./queryError.ts";

export type QueryBackend = {
  sql: SqlClient;
  deployment: string;
  pointer: () => BlockPointer | null;
  error: () => IndexingError | null;
  /** Resolves a block hash to its pointer (stored blocks first, then the chain). */
  blockByHash: (hash: Hex) => Promise<BlockPointer | null>;
  blockByNumber: (number: number) => Promise<BlockPointer | null>;
};

export type BlockHeightArg = { hash?: string | null; number?: number | null; number_gte?: number | null };

export type MetaValue = {
  block: { number: number; hash: string | null; parentHash: string | null; timestamp: number | null };
  deployment: string;
  hasIndexingErrors: boolean;
};

function notStarted(deployment: string): QueryError {
  return new QueryError(`Subgraph \`${deployment}\` has not started syncing yet`);
}

function notYet(deployment: string, number: number, indexed: number): QueryError {
  return new QueryError(
    `Failed to decode \`block.number\` value: \`subgraph ${deployment} has only indexed up to block number ${indexed} and data for block number ${number} is therefore not yet available\``,
  );
}

/** The block number a root field reads at, given the head `latest` the query started with. */
export async function resolveBlockNumber(
  backend: QueryBackend,
  latest: BlockPointer | null,
  block: BlockHeightArg | null | undefined,
): Promise<number> {
  const given = block && (block.number != null || block.hash != null || block.number_gte != null);
  if (!given) return latest ? latest.number : -1;
  if (!latest) throw notStarted(backend.deployment);
  if (block.hash != null) {
    const found = await backend.blockByHash(block.hash.toLowerCase() as Hex);
    if (!found) throw new QueryError("Failed to decode `block.hash` value: `no block with that hash found`");
    if (found.number > latest.number) throw notYet(backend.deployment, found.number, latest.number);
    return found.number;
  }
  if (block.number != null) {
    if (block.number < 0) throw new QueryError("Failed to decode `block.number` value: must be non-negative");
    if (block.number > latest.number) throw notYet(backend.deployment, block.number, latest.number);
    return block.number;
  }
  if (block.number_gte! > latest.number) throw notYet(backend.deployment, block.number_gte!, latest.number);
  return latest.number;
}

/** `_meta`: the head the query reads (or the block asked for), deployment and error flag. */
export async function resolveMeta(
  backend: QueryBackend,
  latest: BlockPointer | null,
  hasIndexingErrors: boolean,
  block: BlockHeightArg | null | undefined,
): Promise<MetaValue> {
  if (!latest) throw notStarted(backend.deployment);
  const meta = (b: MetaValue["block"]): MetaValue => ({ block: b, deployment: backend.deployment, hasIndexingErrors });
  let pointer: BlockPointer | null = latest;
  if (block && (block.number != null || block.hash != null)) {
    const number = await resolveBlockNumber(backend, latest, block);
    pointer = number === latest.number ? latest : await backend.blockByNumber(number);
    if (!pointer) return meta({ number, hash: null, parentHash: null, timestamp: null });
  }
  return meta({
    number: pointer.number,
    hash: pointer.hash,
    parentHash: pointer.parentHash,
    timestamp: Number(pointer.timestamp),
  });
}
