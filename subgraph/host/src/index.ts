/**
 * The embedded subgraph host: runs a `graph build` output against a JSON-RPC chain, keeps the
 * entities in PGlite and serves graph-node-compatible GraphQL.
 *
 *   const host = await startSubgraphHost({ rpcUrl, buildDir: "subgraph/build", name: "markspace", port: 8000 });
 *   await host.waitForBlock(42);
 *   // query host.url …
 *   await host.stop();
 */
import type { GraphQLSchema } from "graphql";
import { http, type Hex, type Transport } from "viem";
import { z } from "zod";
import { SubgraphHostError } from "./errors.ts";
import { Rpc } from "./chain/rpc.ts";
import { graphqlOptionsSchema } from "./graphql/options.ts";
import { GraphQLService } from "./graphql/service.ts";
import { Indexer } from "./indexer/indexer.ts";
import { loadManifest } from "./manifest.ts";
import { startGraphQLServer } from "./server.ts";
import { buildIndexNodeSchema } from "./status/indexNodeSchema.ts";
import { Database, type BlockPointer } from "./store/database.ts";
import { openPostgres, schemaNameFor } from "./store/postgres.ts";

export { SubgraphHostError, MappingError } from "./errors.ts";

/** Reported by the status API's `version`. */
const HOST_VERSION = "0.1.0";
import type { IndexerStatus } from "./indexer/indexer.ts";
export type { IndexerStatus } from "./indexer/indexer.ts";

export const subgraphHostOptionsSchema = z
  .object({
    /** JSON-RPC URL of the chain (ignored when `transport` is given). */
    rpcUrl: z.url().optional(),
    /** A viem transport instead of `rpcUrl` (tests pass `custom(provider)`). */
    transport: z.custom<Transport>((value) => typeof value === "function", "a viem Transport").optional(),
    /** Folder of a `graph build` output (contains subgraph.yaml). */
    buildDir: z.string().min(1),
    /** Served at /subgraphs/name/<name>. */
    name: z
      .string()
      .regex(/^[a-zA-Z0-9][a-zA-Z0-9_-]*(\/[a-zA-Z0-9][a-zA-Z0-9_-]*)?$/, "letters, digits, - and _, at most one /"),
    /** PGlite data folder; in memory when omitted. Ignored with `databaseUrl`. */
    dataDir: z.string().min(1).optional(),
    /** A PostgreSQL server instead of the embedded PGlite: `postgres://user:pass@host:5432/db`. */
    databaseUrl: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "a postgres:// or postgresql:// URL")
      .optional(),
    /** Schema for this subgraph's tables on that server (default `subgraph_<name>`). */
    databaseSchema: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,62}$/, "lower-case letters, digits and _, starting with a letter")
      .optional(),
    /** Committed entities cached in memory by the indexer. */
    entityCacheSize: z.number().int().min(1).max(10_000_000).default(10_000),
    port: z.number().int().min(0).max(65_535),
    host: z.string().min(1).default("127.0.0.1"),
    pollIntervalMs: z.number().int().min(10).max(600_000).default(1_000),
    /** Largest eth_getLogs block range. */
    blockRange: z.number().int().min(1).max(100_000).default(2_000),
    log: z.custom<(line: string) => void>((value) => typeof value === "function", "a function").optional(),
    /** GraphQL limits and caches (depth, complexity, first/skip, result size, timeout, cache sizes). */
    graphql: graphqlOptionsSchema.prefault({}),
  })
  .refine((o) => o.rpcUrl !== undefined || o.transport !== undefined, {
    message: "either rpcUrl or transport is required",
    path: ["rpcUrl"],
  });

export type SubgraphHostOptions = z.input<typeof subgraphHostOptionsSchema>;

export type SubgraphHostStatus = IndexerStatus & { name: string; deployment: string; url: string };

export type SubgraphHost = {
  /** Full GraphQL URL, ending in /subgraphs/name/<name>. */
  url: string;
  deployment: string;
  status(): SubgraphHostStatus;
  /** Resolves once block `number` is indexed; rejects on an indexing error before it, or after `timeoutMs`. */
  waitForBlock(number: number, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
};

export async function startSubgraphHost(input: SubgraphHostOptions): Promise<SubgraphHost> {
  const parsed = subgraphHostOptionsSchema.safeParse(input);
  if (!parsed.success)
    throw new SubgraphHostError("INVALID_OPTIONS", "Invalid subgraph host options", {
      details: parsed.error.issues.map((i) => `${i.path.join(".") || "options"}: ${i.message}`).join("; "),
    });
  const options = parsed.data;
  const log = options.log ?? ((line: string) => console.log(line));
  const manifest = await loadManifest(options.buildDir);
  const transport = options.transport ?? http(options.rpcUrl!, { batch: { batchSize: 50, wait: 0 }, retryCount: 2 });
  const rpc = new Rpc(transport);
  try {
    await rpc.chainId();
  } catch (error) {
    throw new SubgraphHostError("CHAIN_UNAVAILABLE", "The chain's JSON-RPC endpoint does not answer", {
      details: `${options.rpcUrl ?? "transport"}: ${(error as Error).message.split("\n")[0]}`,
      hint: "start the chain first or pass the right --rpc-url",
      cause: error,
    });
  }
  // Listen first, so a taken port is refused before anything else starts.
  const ready: { service?: GraphQLService; indexNode?: GraphQLSchema } = {};
  const server = await startGraphQLServer({
    service: () => ready.service,
    indexNode: () => ready.indexNode,
    maxQueryBytes: options.graphql.maxQueryBytes,
    name: options.name,
    deployment: manifest.deployment,
    host: options.host,
    port: options.port,
    log,
  });
  let db: Database | undefined;
  let indexer: Indexer;
  try {
    db = await Database.open({
      ...(options.databaseUrl
        ? {
            sql: await openPostgres({
              url: options.databaseUrl,
              schema: options.databaseSchema ?? schemaNameFor(options.name),
            }),
          }
        : { dataDir: options.dataDir }),
      schema: manifest.schema,
      deployment: manifest.deployment,
      log,
    });
    indexer = await Indexer.create({
      manifest,
      db,
      rpc,
      pollIntervalMs: options.pollIntervalMs,
      blockRange: options.blockRange,
      entityCacheSize: options.entityCacheSize,
      log,
    });
  } catch (error) {
    await db?.close();
    await server.close();
    throw error;
  }
  const database = db;
  const backend = {
    sql: database.sql,
    deployment: manifest.deployment,
    pointer: () => indexer.currentPointer(),
    error: () => indexer.currentError(),
    blockByHash: async (hash: Hex) => {
      const stored = await database.blockByHash(hash);
      if (stored) return stored;
      const block = await rpc.blockByHash(hash).catch(() => null);
      return block ? toPointer(block) : null;
    },
    blockByNumber: async (number: number) => {
      const hash = await database.blockHash(number);
      if (hash) return database.blockByHash(hash);
      const block = await rpc.block(number, false).catch(() => null);
      return block ? toPointer(block) : null;
    },
  };
  ready.service = new GraphQLService(manifest.schema, backend, options.graphql, log);
  ready.indexNode = buildIndexNodeSchema({
    name: options.name,
    deployment: manifest.deployment,
    network: manifest.network,
    startBlock: Math.min(...manifest.dataSources.map((ds) => ds.startBlock)),
    status: () => indexer.status(),
    entityCount: () => database.entityCount(),
    version: HOST_VERSION,
  });
  indexer.start();
  log(
    `subgraph host: ${manifest.deployment} (${manifest.dataSources.map((d) => d.name).join(", ")}) on ${manifest.network}`,
  );
  let stopping: Promise<void> | undefined;
  return {
    url: server.url,
    deployment: manifest.deployment,
    status: () => ({ ...indexer.status(), name: options.name, deployment: manifest.deployment, url: server.url }),
    waitForBlock: (number, timeoutMs) => indexer.waitForBlock(number, timeoutMs),
    stop: () =>
      (stopping ??= (async () => {
        await server.close();
        await indexer.stop();
        await database.close();
      })()),
  };
}

function toPointer(block: { number: Hex; hash: Hex; parentHash: Hex; timestamp: Hex }): BlockPointer {
  return {
    number: Number(block.number),
    hash: block.hash.toLowerCase() as Hex,
    parentHash: block.parentHash.toLowerCase() as Hex,
    timestamp: BigInt(block.timestamp),
  };
}
