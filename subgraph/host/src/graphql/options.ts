/**
 * Limits and caches of the GraphQL server, `startSubgraphHost({ graphql: { … } })`. The limits
 * are graph-node's (its environment variable in brackets); where graph-node has no limit by
 * default, ours is one a local host serving an app can live with.
 */
import { z } from "zod";

export const graphqlOptionsSchema = z
  .object({
    /** Deepest nesting of selection sets and fragments (GRAPH_GRAPHQL_MAX_DEPTH, default 255 as graph-node). */
    maxDepth: z.number().int().min(1).max(255).default(255),
    /**
     * Most entities a query may potentially return, computed before it runs (GRAPH_GRAPHQL_MAX_COMPLEXITY;
     * unlimited in graph-node). Two nested pages of 1,000 are just over it.
     */
    maxComplexity: z.number().int().min(1).default(1_000_000),
    /** Largest `first` (GRAPH_GRAPHQL_MAX_FIRST, default 1000 as graph-node). */
    maxFirst: z.number().int().min(1).default(1_000),
    /** Largest `skip` (GRAPH_GRAPHQL_MAX_SKIP; unlimited in graph-node, 5000 on The Graph's hosted service). */
    maxSkip: z.number().int().min(0).default(5_000),
    /** Largest response body in bytes (GRAPH_GRAPHQL_ERROR_RESULT_SIZE; unlimited in graph-node). */
    maxResultBytes: z.number().int().min(1_024).default(50_000_000),
    /** Time a query may take, checked between SQL statements (GRAPH_GRAPHQL_QUERY_TIMEOUT, seconds there). */
    queryTimeoutMs: z.number().int().min(1).default(10_000),
    /** Longest query text in bytes; longer requests get 413. */
    maxQueryBytes: z
      .number()
      .int()
      .min(1_024)
      .default(256 * 1024),
    /** Memory for cached responses, in bytes (GRAPH_QUERY_CACHE_MAX_MEM); 0 turns the result cache off. */
    resultCacheBytes: z
      .number()
      .int()
      .min(0)
      .default(64 * 1024 * 1024),
    /** Parsed and validated query documents kept; 0 turns the document cache off. */
    documentCacheEntries: z.number().int().min(0).default(1_000),
    /**
     * Queries reading the database at once; the others wait their turn, so the indexer (which
     * shares the connection) never queues behind more than this many statements.
     */
    maxConcurrentQueries: z.number().int().min(1).default(4),
  })
  .strict();

export type GraphQLOptionsInput = z.input<typeof graphqlOptionsSchema>;
export type GraphQLOptions = z.output<typeof graphqlOptionsSchema>;

/** The defaults, for callers that build a GraphQL service directly (tests, the bench). */
export function graphqlOptions(input: GraphQLOptionsInput = {}): GraphQLOptions {
  return graphqlOptionsSchema.parse(input);
}
