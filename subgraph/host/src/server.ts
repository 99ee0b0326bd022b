/**
 * GraphQL over HTTP the way graph-node serves it: `POST` JSON `{query, variables,
 * operationName}` (and, beyond graph-node, `GET ?query=&variables=&operationName=`) at
 * `/subgraphs/name/<name>` and `/subgraphs/id/<deployment>`, CORS open for browsers.
 *
 * Status codes follow graph-node: anything about the query itself (syntax, validation, limits,
 * execution) is a 200 with `{ "errors": [{ "message", "locations"? }] }`; a request that is not
 * a GraphQL request at all is a 4xx with the same body shape — no Content-Type (400), a body
 * that is not JSON (400, or 415 when it was not sent as JSON either), no body (400), `query`
 * missing or not a string, `variables` not a JSON object (400), a body or query too large (413),
 * nesting deeper than any query needs (400), another method (405), another path (404). A 500
 * means a bug in the host.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { graphql, type GraphQLSchema } from "graphql";
import type { AddressInfo } from "node:net";
import { SubgraphHostError } from "./errors.ts";
import { QueryError, badRequest } from "./graphql/queryError.ts";
import { MAX_NESTING, parseGraphQLRequest } from "./graphql/request.ts";
import type { GraphQLService } from "./graphql/service.ts";

export type GraphQLServerOptions = {
  /** The service answering queries; undefined while the host is still starting (answers 503). */
  service: () => GraphQLService | undefined;
  /** graph-node's index-node status API, served at `/graphql`; undefined while starting. */
  indexNode?: () => GraphQLSchema | undefined;
  /** Longest query text accepted (413 beyond). */
  maxQueryBytes: number;
  name: string;
  deployment: string;
  host: string;
  port: number;
  log: (line: string) => void;
};

export type GraphQLServer = { url: string; port: number; close: () => Promise<void> };

const CORS_HEADERS = {
  "access-control-allow-origin": "*",
  "access-control-allow-headers": "Content-Type, User-Agent, Authorization",
  "access-control-allow-methods": "GET, OPTIONS, POST",
};

/** Largest request body read. */
const MAX_BODY = 1 << 20;

function send(response: ServerResponse, status: number, body: Buffer, extra: Record<string, string> = {}): void {
  response.writeHead(status, {
    ...CORS_HEADERS,
    "content-type": "application/json; charset=utf-8",
    "content-length": String(body.length),
    ...extra,
  });
  response.end(body);
}

function sendError(response: ServerResponse, status: number, message: string, extra: Record<string, string> = {}) {
  send(response, status, Buffer.from(JSON.stringify({ errors: [{ message }] })), extra);
}

/** Reads the body; past MAX_BODY the rest is drained and ignored, so the 413 still reaches the client. */
function readBody(request: IncomingMessage): Promise<Buffer> {
  const declared = Number(request.headers["content-length"]);
  if (declared > MAX_BODY)
    return Promise.reject(badRequest(`The request body is ${declared} bytes, more than ${MAX_BODY}`, 413));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    request.on("data", (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > MAX_BODY) {
        refused = true;
        reject(badRequest(`The request body is more than ${MAX_BODY} bytes`, 413));
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => {
      if (!refused) resolve(Buffer.concat(chunks));
    });
    request.on("error", reject);
  });
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    // A RangeError (nesting too deep for the parser) is the client's too.
    throw badRequest(`${what} is not valid JSON: ${(error as Error).message}`);
  }
}

/** The GraphQL request a GET or POST carries, or a QueryError with its 4xx status. */
async function requestBody(request: IncomingMessage, url: URL): Promise<unknown> {
  if (request.method === "GET") {
    const variables = url.searchParams.get("variables");
    return {
      query: url.searchParams.get("query") ?? undefined,
      variables: variables ? parseJson(variables, "The `variables` parameter") : undefined,
      operationName: url.searchParams.get("operationName") ?? undefined,
    };
  }
  const contentType = request.headers["content-type"];
  if (!contentType) throw badRequest("Content-Type header is required");
  const body = await readBody(request);
  if (!body.length) throw badRequest("Body is required");
  const text = body.toString("utf8");
  // graph-node reads any body as JSON whatever its Content-Type; a body that is not JSON and was
  // not declared as JSON is answered 415 rather than 400, to say what to send instead.
  const declaredJson = /^application\/(.+\+)?json\b/i.test(contentType.trim());
  if (!declaredJson) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw badRequest(`Content-Type \`${contentType}\` is not supported; send a JSON body as application/json`, 415);
    }
  }
  return parseJson(text, "The request body");
}

export async function startGraphQLServer(options: GraphQLServerOptions): Promise<GraphQLServer> {
  const paths = new Set([`/subgraphs/name/${options.name}`, `/subgraphs/id/${options.deployment}`]);
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    const path = url.pathname.replace(/\/+$/, "");
    if (request.method === "OPTIONS") {
      response.writeHead(204, CORS_HEADERS);
      response.end();
      return;
    }
    const indexNode = path === "/graphql" && options.indexNode !== undefined;
    if (!paths.has(path) && !indexNode) {
      sendError(
        response,
        404,
        `No subgraph at ${path}; try /subgraphs/name/${options.name} (or /graphql for the indexing status)`,
      );
      return;
    }
    if (request.method !== "GET" && request.method !== "POST") {
      sendError(response, 405, `Method ${request.method} is not allowed; use POST (or GET)`, { allow: "GET, POST" });
      return;
    }
    const service = options.service();
    const statusSchema = indexNode ? options.indexNode!() : undefined;
    if (!service || (indexNode && !statusSchema)) {
      sendError(response, 503, "The subgraph host is starting; try again shortly");
      return;
    }
    try {
      const graphqlRequest = parseGraphQLRequest(await requestBody(request, url), options.maxQueryBytes);
      if (statusSchema) {
        // The status API: a handful of small fields, answered directly (no cache, no limits needed).
        const result = await graphql({
          schema: statusSchema,
          source: graphqlRequest.query,
          variableValues: graphqlRequest.variables ?? null,
          operationName: graphqlRequest.operationName ?? null,
        });
        send(response, 200, Buffer.from(JSON.stringify(result)));
        return;
      }
      const result = await service.execute(graphqlRequest);
      send(response, result.status, result.body);
    } catch (error) {
      if (!(error instanceof QueryError)) throw error;
      // A refused body (too large) is not read to its end: close the connection after answering.
      sendError(response, error.status, error.shortMessage, error.status === 413 ? { connection: "close" } : {});
    }
  };
  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (error instanceof RangeError) {
        // The call stack ran out on some input: the client's doing, never the host's.
        if (!response.headersSent) sendError(response, 400, `The request nests deeper than ${MAX_NESTING} levels`);
        return;
      }
      options.log(`graphql: ${error instanceof Error ? error.message : String(error)}`);
      if (!response.headersSent) sendError(response, 500, "Internal error");
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE")
        reject(
          new SubgraphHostError("PORT_IN_USE", `Port ${options.port} on ${options.host} is already in use`, {
            details: "the GraphQL server could not listen",
            hint: "stop the process using it or choose another port (--port)",
          }),
        );
      else reject(error);
    });
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(":") ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}/subgraphs/name/${options.name}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
