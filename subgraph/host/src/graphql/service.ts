/**
 * Runs GraphQL requests the way graph-node does, in this order:
 *
 * 1. Result cache: a response is keyed by the query text, variables and operation name and by
 *    the hash of the indexed head and the indexing-error flag, so a new block (or a reorg, or an
 *    indexing error) changes every key and nothing stale is ever served; `_meta` stays live.
 *    Concurrent identical requests share one execution. Responses with errors are not cached.
 * 2. Document cache: the parsed and validated document of a query text.
 * 3. Depth and complexity, measured before validation (`queryCost.ts`): an exponential query
 *    is refused before any work proportional to its expansion.
 * 4. Prefetch (`prefetch.ts`): one SQL statement per relation and nesting level, at most
 *    `maxConcurrentQueries` queries on the database at once, the deadline checked between
 *    statements.
 * 5. graphql-js shapes the response from the prefetched rows (synchronously; no I/O), after
 *    the size of what it will produce has been checked.
 *
 * Errors in the query are answered with HTTP 200 and `{ "errors": [...] }`, as graph-node does;
 * a request that is not a GraphQL request at all gets a 4xx (`request.ts`).
 */
import {
  GraphQLError,
  executeSync,
  getVariableValues,
  parse,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
} from "graphql";
import type { SchemaModel } from "../schema/model.ts";
import type { BlockPointer } from "../store/database.ts";
import type { QueryBackend } from "./backend.ts";
import { buildGraphQLSchema } from "./buildSchema.ts";
import { collectFields } from "./collectFields.ts";
import { expandedSize } from "./entityRow.ts";
import type { GraphQLOptions } from "./options.ts";
import { Permits } from "./permits.ts";
import { Prefetcher, type RootField } from "./prefetch.ts";
import { QueryError, resultTooBig } from "./queryError.ts";
import { checkQueryCost, introspectionListSizes, selectOperation } from "./queryCost.ts";
import type { GraphQLRequest } from "./request.ts";
import { WeightedLru } from "./weightedLru.ts";

export type GraphQLResponse = {
  status: number;
  /** The JSON body, serialised once (and shared by every cache hit). */
  body: Buffer;
  /** `hit`: from the cache; `shared`: joined an identical request in flight; `miss`: executed. */
  cache: "hit" | "shared" | "miss";
};

export type GraphQLServiceStats = { hits: number; shared: number; misses: number; cachedBytes: number };

/** Most tokens graphql-js will parse in one query. */
const MAX_TOKENS = 20_000;

type CachedDocument = { document: DocumentNode } | { errors: ReturnType<GraphQLError["toJSON"]>[] };

function json(status: number, body: unknown): { status: number; body: Buffer } {
  return { status, body: Buffer.from(JSON.stringify(body)) };
}

function errorBody(errors: ReadonlyArray<{ message: string }>): unknown {
  return { errors: errors.map((e) => (e instanceof GraphQLError ? e.toJSON() : { message: e.message })) };
}

export class GraphQLService {
  readonly schema: GraphQLSchema;
  private readonly model: SchemaModel;
  private readonly backend: QueryBackend;
  private readonly options: GraphQLOptions;
  private readonly log: (line: string) => void;
  private readonly rootFields: Map<string, RootField>;
  private readonly introspectionSizes: Map<string, number>;
  private readonly documents: WeightedLru<CachedDocument> | null;
  private readonly results: WeightedLru<Buffer> | null;
  private readonly inflight = new Map<string, Promise<GraphQLResponse>>();
  private readonly permits: Permits;
  private readonly counters = { hits: 0, shared: 0, misses: 0 };

  constructor(
    model: SchemaModel,
    backend: QueryBackend,
    options: GraphQLOptions,
    log: (line: string) => void = () => {},
  ) {
    this.model = model;
    this.backend = backend;
    this.options = options;
    this.log = log;
    const built = buildGraphQLSchema(model);
    this.schema = built.schema;
    this.rootFields = built.rootFields;
    this.introspectionSizes = introspectionListSizes(this.schema);
    this.documents = options.documentCacheEntries > 0 ? new WeightedLru(options.documentCacheEntries) : null;
    // As graph-node (GRAPH_QUERY_CACHE_MAX_ENTRY_RATIO), one response may take at most a third.
    this.results =
      options.resultCacheBytes > 0 ? new WeightedLru(options.resultCacheBytes, options.resultCacheBytes / 3) : null;
    this.permits = new Permits(options.maxConcurrentQueries);
  }

  stats(): GraphQLServiceStats {
    return { ...this.counters, cachedBytes: this.results?.weight ?? 0 };
  }

  /** Answers one request; never rejects for anything the request contains. */
  async execute(request: GraphQLRequest): Promise<GraphQLResponse> {
    const latest = this.backend.pointer();
    const hasIndexingErrors = this.backend.error() !== null;
    if (!this.results || !latest) return { ...(await this.run(request, latest, hasIndexingErrors)), cache: "miss" };
    const key = [
      latest.hash,
      hasIndexingErrors ? "1" : "0",
      request.operationName ?? "",
      JSON.stringify(request.variables ?? null),
      request.query,
    ].join("\n");
    const cached = this.results.get(key);
    if (cached) {
      this.counters.hits++;
      return { status: 200, body: cached, cache: "hit" };
    }
    const pending = this.inflight.get(key);
    if (pending) {
      this.counters.shared++;
      return { ...(await pending), cache: "shared" };
    }
    this.counters.misses++;
    const running = (async (): Promise<GraphQLResponse> => {
      const { status, body, cacheable } = await this.run(request, latest, hasIndexingErrors);
      // Only if the head did not move while the query ran: a reorg under way may have been read.
      const now = this.backend.pointer();
      const unchanged = now?.hash === latest.hash && (this.backend.error() !== null) === hasIndexingErrors;
      if (cacheable && unchanged) this.results!.set(key, body, body.length + Buffer.byteLength(key) + 64);
      return { status, body, cache: "miss" };
    })();
    this.inflight.set(key, running);
    try {
      return await running;
    } finally {
      this.inflight.delete(key);
    }
  }

  private async run(
    request: GraphQLRequest,
    latest: BlockPointer | null,
    hasIndexingErrors: boolean,
  ): Promise<{ status: number; body: Buffer; cacheable: boolean }> {
    const started = performance.now();
    const cached = this.documents?.get(request.query);
    let document: DocumentNode;
    if (cached && "errors" in cached) return { ...json(200, { errors: cached.errors }), cacheable: false };
    if (cached) document = cached.document;
    else {
      try {
        document = parse(request.query, { maxTokens: MAX_TOKENS });
      } catch (error) {
        if (!(error instanceof GraphQLError)) throw error;
        this.documents?.set(request.query, { errors: [error.toJSON()] }, 1);
        return { ...json(200, errorBody([error])), cacheable: false };
      }
    }
    const variables = request.variables ?? {};
    try {
      checkQueryCost(this.schema, document, request.operationName, variables, this.options, this.introspectionSizes);
    } catch (error) {
      if (error instanceof QueryError) return { ...json(error.status, errorBody([error])), cacheable: false };
      throw error;
    }
    if (!cached) {
      const errors = validate(this.schema, document);
      const entry: CachedDocument = errors.length ? { errors: errors.map((e) => e.toJSON()) } : { document };
      this.documents?.set(request.query, entry, 1);
      if ("errors" in entry) return { ...json(200, { errors: entry.errors }), cacheable: false };
    }

    const release = await this.permits.acquire();
    try {
      return await this.executeValid(document, request, variables, latest, hasIndexingErrors, started);
    } finally {
      release();
    }
  }

  private async executeValid(
    document: DocumentNode,
    request: GraphQLRequest,
    variables: Record<string, unknown>,
    latest: BlockPointer | null,
    hasIndexingErrors: boolean,
    started: number,
  ): Promise<{ status: number; body: Buffer; cacheable: boolean }> {
    const operation = selectOperation(document, request.operationName);
    const queryType = this.schema.getQueryType()!;
    let root: Map<string, unknown> = new Map();
    if (operation && operation.operation === "query") {
      const coerced = getVariableValues(this.schema, operation.variableDefinitions ?? [], variables);
      if (coerced.errors) return { ...json(200, errorBody(coerced.errors)), cacheable: false };
      const fragments: Record<string, FragmentDefinitionNode> = {};
      for (const d of document.definitions) if (d.kind === "FragmentDefinition") fragments[d.name.value] = d;
      const selection = { schema: this.schema, fragments, variables: coerced.coerced };
      const prefetcher = new Prefetcher({
        model: this.model,
        schema: this.schema,
        rootFields: this.rootFields,
        backend: this.backend,
        selection,
        latest,
        hasIndexingErrors,
        maxFirst: this.options.maxFirst,
        maxSkip: this.options.maxSkip,
        deadline: started + this.options.queryTimeoutMs,
      });
      try {
        root = await prefetcher.root(queryType, collectFields(selection, queryType, operation.selectionSet));
      } catch (error) {
        if (error instanceof QueryError) return { ...json(error.status, errorBody([error])), cacheable: false };
        const message = error instanceof Error ? error.message.split("\n")[0]! : String(error);
        this.log(`graphql: store error: ${message}`);
        return { ...json(200, errorBody([{ message: `Store error: ${message}` }])), cacheable: false };
      }
      const estimate = expandedSize(root);
      if (estimate > this.options.maxResultBytes)
        return { ...json(200, errorBody([resultTooBig(estimate, this.options.maxResultBytes)])), cacheable: false };
    }
    const result = executeSync({
      schema: this.schema,
      document,
      rootValue: root,
      variableValues: variables,
      ...(request.operationName !== undefined ? { operationName: request.operationName } : {}),
    });
    const out: Record<string, unknown> = {};
    if (result.errors?.length) out["errors"] = result.errors.map((e) => e.toJSON());
    if (result.data !== undefined) out["data"] = result.data;
    const body = Buffer.from(JSON.stringify(out));
    if (body.length > this.options.maxResultBytes)
      return { ...json(200, errorBody([resultTooBig(body.length, this.options.maxResultBytes)])), cacheable: false };
    return { status: 200, body, cacheable: !result.errors?.length };
  }
}
