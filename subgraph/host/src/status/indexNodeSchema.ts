/**
 * The part of graph-node's index-node API (`/graphql`, port 8030 on graph-node) that tools and
 * people use to see how indexing goes: `indexingStatuses`, `indexingStatusForCurrentVersion`,
 * `indexingStatusesForSubgraphName` and `version`, with graph-node's field names and shapes:
 *
 *   { indexingStatusForCurrentVersion(subgraphName: "markspace") {
 *       synced health fatalError { message block { number hash } handler deterministic }
 *       chains { network chainHeadBlock { number } latestBlock { number } } entityCount } }
 */
import { buildSchema, type GraphQLSchema } from "graphql";
import type { IndexerStatus } from "../indexer/indexer.ts";

export type IndexNodeSource = {
  /** The name served at /subgraphs/name/<name>. */
  name: string;
  deployment: string;
  network: string;
  startBlock: number;
  status: () => IndexerStatus;
  /** Current entities across every type (counted when asked). */
  entityCount: () => Promise<bigint>;
  version: string;
};

const SDL = /* GraphQL */ `
  scalar BigInt
  scalar Bytes

  type Query {
    indexingStatusForCurrentVersion(subgraphName: String!): SubgraphIndexingStatus
    indexingStatusForPendingVersion(subgraphName: String!): SubgraphIndexingStatus
    indexingStatusesForSubgraphName(subgraphName: String!): [SubgraphIndexingStatus!]!
    indexingStatuses(subgraphs: [String!]): [SubgraphIndexingStatus!]!
    version: Version!
  }

  type Version {
    version: String!
    commit: String!
  }

  enum Health {
    "Subgraph syncing normally"
    healthy
    "Subgraph syncing but with errors"
    unhealthy
    "Subgraph halted due to errors"
    failed
  }

  type SubgraphIndexingStatus {
    subgraph: String!
    synced: Boolean!
    health: Health!
    fatalError: SubgraphError
    nonFatalErrors: [SubgraphError!]!
    chains: [ChainIndexingStatus!]!
    entityCount: BigInt!
    node: String
    paused: Boolean
    historyBlocks: Int!
  }

  interface ChainIndexingStatus {
    network: String!
    chainHeadBlock: Block
    earliestBlock: EarliestBlock
    latestBlock: Block
    lastHealthyBlock: Block
  }

  type EthereumIndexingStatus implements ChainIndexingStatus {
    network: String!
    chainHeadBlock: Block
    earliestBlock: EarliestBlock
    latestBlock: Block
    lastHealthyBlock: Block
  }

  type Block {
    hash: Bytes!
    number: BigInt!
  }

  type EarliestBlock {
    hash: Bytes!
    number: BigInt!
  }

  type SubgraphError {
    message: String!
    block: Block
    handler: String
    deterministic: Boolean!
  }
`;

const ZERO_HASH = `0x${"0".repeat(64)}`;

/** The index-node schema with its resolvers bound to `source`. */
export function buildIndexNodeSchema(source: IndexNodeSource): GraphQLSchema {
  const schema = buildSchema(SDL);
  const statusFor = () => {
    const status = source.status();
    const latest = status.block ? { hash: status.block.hash, number: String(status.block.number) } : null;
    const fatalError = status.error
      ? {
          message: status.error.message,
          block: status.error.blockHash ? { hash: status.error.blockHash, number: String(status.error.block) } : null,
          handler: status.error.handler,
          deterministic: status.error.deterministic ?? true,
        }
      : null;
    return {
      subgraph: source.deployment,
      synced: status.synced,
      // graph-node: failed with a fatal error; unhealthy with non-fatal ones. Retrying an
      // unavailable chain or database is reported as unhealthy too, so it is never silent.
      health: fatalError ? "failed" : status.retrying ? "unhealthy" : "healthy",
      fatalError,
      nonFatalErrors: status.retrying
        ? [{ message: `retrying: ${status.retrying.message}`, block: null, handler: null, deterministic: false }]
        : [],
      chains: [
        {
          __typename: "EthereumIndexingStatus",
          network: source.network,
          chainHeadBlock: status.chainHead === null ? null : { hash: ZERO_HASH, number: String(status.chainHead) },
          earliestBlock: { hash: "0x0", number: String(source.startBlock) },
          latestBlock: latest,
          lastHealthyBlock: fatalError ? latest : null,
        },
      ],
      entityCount: source.entityCount().then(String),
      node: "embedded",
      paused: false,
      historyBlocks: 2_147_483_647,
    };
  };
  const matches = (name: string) => name === source.name || name === source.deployment;
  const resolvers: Record<string, (args: Record<string, unknown>) => unknown> = {
    indexingStatusForCurrentVersion: (args) => (matches(String(args["subgraphName"])) ? statusFor() : null),
    indexingStatusForPendingVersion: () => null,
    indexingStatusesForSubgraphName: (args) => (matches(String(args["subgraphName"])) ? [statusFor()] : []),
    indexingStatuses: (args) => {
      const wanted = args["subgraphs"] as string[] | null | undefined;
      return !wanted || wanted.some(matches) ? [statusFor()] : [];
    },
    version: () => ({ version: source.version, commit: "embedded" }),
  };
  const query = schema.getQueryType()!;
  for (const [name, resolve] of Object.entries(resolvers))
    query.getFields()[name]!.resolve = (_root, args) => resolve(args);
  return schema;
}
