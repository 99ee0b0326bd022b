/**
 * GraphQL over HTTP the way graph-node serves it: `POST` JSON `{query, variables,
 * operationName}` or `GET ?query=` at `/subgraphs/name/<name>` (and `/subgraphs/id/<deployment>`),
 * CORS open for browsers, errors as `{ "errors": [{ "message", "locations" }] }`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { execute, GraphQLError, parse, validate, type GraphQLSchema } from "graphql";
import { SubgraphHostError } from "./errors.ts";

export type GraphQLServerOptions = {
  /** The schema to serve; undefined while the host is still starting (answers 503). */
  schema: () => GraphQLSchema | undefined;
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

const MAX_BODY = 1 << 20;

type Request = { query?: unknown; variables?: unknown; operationName?: unknown };

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { ...CORS_HEADERS, "content-type": "application/json; charset=utf-8" });
  response.end(text);
}

function errorBody(message: string) {
  return { errors: [{ message }] };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error("request body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export async function runQuery(schema: GraphQLSchema, body: Request): Promise<{ status: number; body: unknown }> {
  if (typeof body.query !== "string" || !body.query.trim())
    return { status: 400, body: errorBody("The request must contain a `query` string") };
  let document;
  try {
    document = parse(body.query);
  } catch (error) {
    return { status: 200, body: { errors: [(error as GraphQLError).toJSON()] } };
  }
  const validationErrors = validate(schema, document);
  if (validationErrors.length) return { status: 200, body: { errors: validationErrors.map((e) => e.toJSON()) } };
  const variables =
    body.variables && typeof body.variables === "object" ? (body.variables as Record<string, unknown>) : undefined;
  const result = await execute({
    schema,
    document,
    ...(variables ? { variableValues: variables } : {}),
    ...(typeof body.operationName === "string" ? { operationName: body.operationName } : {}),
  });
  const out: Record<string, unknown> = {};
  if (result.errors?.length) out["errors"] = result.errors.map((e) => e.toJSON());
  if (result.data !== undefined) out["data"] = result.data;
  return { status: 200, body: out };
}

export async function startGraphQLServer(options: GraphQLServerOptions): Promise<GraphQLServer> {
  const paths = new Set([`/subgraphs/name/${options.name}`, `/subgraphs/id/${options.deployment}`]);
  const server: Server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? "/", "http://localhost");
      const path = url.pathname.replace(/\/+$/, "");
      if (request.method === "OPTIONS") {
        response.writeHead(204, CORS_HEADERS);
        response.end();
        return;
      }
      if (!paths.has(path)) {
        send(response, 404, errorBody(`No subgraph at ${path}; try /subgraphs/name/${options.name}`));
        return;
      }
      let body: Request;
      if (request.method === "GET") {
        const variables = url.searchParams.get("variables");
        body = {
          query: url.searchParams.get("query") ?? undefined,
          variables: variables ? JSON.parse(variables) : undefined,
          operationName: url.searchParams.get("operationName") ?? undefined,
        };
      } else if (request.method === "POST") {
        try {
          body = JSON.parse(await readBody(request)) as Request;
        } catch (error) {
          send(response, 400, errorBody(`Invalid request body: ${(error as Error).message}`));
          return;
        }
      } else {
        send(response, 405, errorBody(`Method ${request.method} is not allowed`));
        return;
      }
      const schema = options.schema();
      if (!schema) {
        send(response, 503, errorBody("The subgraph host is starting; try again shortly"));
        return;
      }
      const result = await runQuery(schema, body ?? {});
      send(response, result.status, result.body);
    })().catch((error: unknown) => {
      options.log(`graphql: ${error instanceof Error ? error.message : String(error)}`);
      if (!response.headersSent) send(response, 500, errorBody("Internal error"));
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
