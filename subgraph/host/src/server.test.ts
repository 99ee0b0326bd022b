/**
 * The HTTP surface: what graph-node answers 200 (anything about the query) and what is the
 * client's mistake and gets a 4xx with `{ "errors": [{ "message" }] }` — never a 500.
 */
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSchema } from "./schema/model.ts";
import type { SqlClient } from "./store/sqlClient.ts";
import { graphqlOptions } from "./graphql/options.ts";
import { GraphQLService } from "./graphql/service.ts";
import { startGraphQLServer, type GraphQLServer } from "./server.ts";

const noSql: SqlClient = {
  kind: "pglite",
  query: () => Promise.reject(new Error("these tests run no SQL")),
  exec: () => Promise.reject(new Error("these tests run no SQL")),
  transaction: () => Promise.reject(new Error("these tests run no SQL")),
  close: async () => {},
};

const service = new GraphQLService(
  parseSchema(`type Unit @entity { id: ID! owner: Unit }`),
  {
    sql: noSql,
    deployment: "QmTest",
    pointer: () => ({
      number: 7,
      hash: `0x${"07".padStart(64, "0")}`,
      parentHash: `0x${"0".repeat(64)}`,
      timestamp: 70n,
    }),
    error: () => null,
    blockByHash: async () => null,
    blockByNumber: async () => null,
  },
  graphqlOptions({ maxQueryBytes: 4_096, maxDepth: 10 }),
);

let server: GraphQLServer;
let starting: GraphQLServer;

type Reply = { status: number; headers: Record<string, string | string[] | undefined>; body: unknown };

/** Sends exactly these bytes and headers (fetch would add a Content-Type of its own). */
function send(
  method: string,
  path: string,
  options: { body?: string | Buffer; headers?: Record<string, string>; base?: GraphQLServer } = {},
): Promise<Reply> {
  const url = new URL(path, (options.base ?? server).url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers: options.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({ status: res.statusCode!, headers: res.headers, body: text ? (JSON.parse(text) as unknown) : null });
      });
    });
    req.on("error", reject);
    if (options.body !== undefined) req.end(options.body);
    else req.end();
  });
}

const json = { "content-type": "application/json" };
const post = (body: string, headers: Record<string, string> = json) => send("POST", "", { body, headers });
const get = (query: string) => send("GET", `?${query}`);
const error = (message: string | RegExp) => ({ errors: [{ message: expect.stringMatching(message) }] });

beforeAll(async () => {
  server = await startGraphQLServer({
    service: () => service,
    maxQueryBytes: 4_096,
    name: "test",
    deployment: "QmTest",
    host: "127.0.0.1",
    port: 0,
    log: () => {},
  });
  starting = await startGraphQLServer({
    service: () => undefined,
    maxQueryBytes: 4_096,
    name: "test",
    deployment: "QmTest",
    host: "127.0.0.1",
    port: 0,
    log: () => {},
  });
});

afterAll(async () => {
  await server?.close();
  await starting?.close();
});

describe("requests graph-node answers with 200", () => {
  it("answers a POST and a GET", async () => {
    expect(await post(JSON.stringify({ query: "{ _meta { block { number } } }" }))).toMatchObject({
      status: 200,
      body: { data: { _meta: { block: { number: 7 } } } },
    });
    expect(
      await get(
        `query=${encodeURIComponent("query Q($x: Boolean!) { __typename @include(if: $x) }")}&variables=${encodeURIComponent('{"x":true}')}`,
      ),
    ).toMatchObject({
      status: 200,
      body: { data: { __typename: "Query" } },
    });
  });

  it("reads a JSON body whatever its Content-Type, as graph-node does", async () => {
    const reply = await post(JSON.stringify({ query: "{ __typename }" }), { "content-type": "text/plain" });
    expect(reply).toMatchObject({ status: 200, body: { data: { __typename: "Query" } } });
  });

  it("reports syntax, validation and limit errors in the body with status 200", async () => {
    const syntax = await post(JSON.stringify({ query: "{ units(" }));
    expect(syntax.status).toBe(200);
    expect(syntax.body).toEqual({
      errors: [{ message: expect.stringMatching(/^Syntax Error/), locations: [{ line: 1, column: 9 }] }],
    });
    expect(await post(JSON.stringify({ query: "{ units { nope } }" }))).toMatchObject({
      status: 200,
      body: error('Cannot query field "nope" on type "Unit".'),
    });
    const deep = `{ units { ${"owner { ".repeat(12)}id${" }".repeat(12)} } }`;
    expect(await post(JSON.stringify({ query: deep }))).toMatchObject({
      status: 200,
      body: error("query has a depth that exceeds the limit of `10`"),
    });
  });
});

describe("requests that are not GraphQL requests get a 4xx", () => {
  it("refuses GET variables that are not a JSON object", async () => {
    const query = `query=${encodeURIComponent("{ __typename }")}`;
    expect(await get(`${query}&variables=not-json`)).toMatchObject({
      status: 400,
      body: error(/^The `variables` parameter is not valid JSON/),
    });
    expect(await get(`${query}&variables=${encodeURIComponent("[1,2]")}`)).toMatchObject({
      status: 400,
      body: error("Invalid query variables provided"),
    });
    expect(await get(`${query}&variables=${encodeURIComponent('"x"')}`)).toMatchObject({ status: 400 });
    expect(await get("variables={}")).toMatchObject({
      status: 400,
      body: error('The "query" field is missing in request data'),
    });
  });

  it("refuses POSTs without a Content-Type, without a body, or with a body that is not JSON", async () => {
    expect(await send("POST", "", { body: '{"query":"{ __typename }"}' })).toMatchObject({
      status: 400,
      body: error("Content-Type header is required"),
    });
    expect(await post("")).toMatchObject({ status: 400, body: error("Body is required") });
    expect(await post("{ __typename }")).toMatchObject({
      status: 400,
      body: error(/^The request body is not valid JSON/),
    });
    expect(await post("query=%7B__typename%7D", { "content-type": "application/x-www-form-urlencoded" })).toMatchObject(
      {
        status: 415,
        body: error(/^Content-Type `application\/x-www-form-urlencoded` is not supported/),
      },
    );
    expect(await post("[1]")).toMatchObject({ status: 400, body: error("Request data is not an object") });
    expect(await post('{"query": 1}')).toMatchObject({ status: 400, body: error('The "query" field is not a string') });
    expect(await post('{"query": "{ __typename }", "variables": 3}')).toMatchObject({
      status: 400,
      body: error("Invalid query variables provided"),
    });
  });

  it("refuses queries, bodies and nesting beyond the limits", async () => {
    const long = `{ __typename ${" ".repeat(5_000)}}`;
    expect(await post(JSON.stringify({ query: long }))).toMatchObject({
      status: 413,
      body: error(/^The query is \d+ bytes long, more than the limit of 4096 bytes/),
    });
    const huge = Buffer.alloc(2 * 1024 * 1024, " ");
    expect(await send("POST", "", { body: huge, headers: json })).toMatchObject({ status: 413 });
    const nested = `${"a{".repeat(600)}b${"}".repeat(600)}`;
    expect(await post(JSON.stringify({ query: nested }))).toMatchObject({
      status: 400,
      body: error(/^The query nests brackets more than 512 levels deep/),
    });
    const deepInput = "[".repeat(600) + "]".repeat(600);
    expect(await post(`{"query": "{ __typename }", "variables": {"x": ${deepInput}}}`)).toMatchObject({
      status: 400,
      body: error(/^The query variables nest more than 512 levels deep/),
    });
    const deepJson = "[".repeat(200_000) + "]".repeat(200_000);
    expect((await post(`{"query": "{ __typename }", "variables": {"x": ${deepJson}}}`)).status).toBe(400);
  });

  it("answers other methods, other paths and a host still starting", async () => {
    expect(await send("PUT", "", { body: "{}", headers: json })).toMatchObject({ status: 405 });
    expect(await send("POST", "/subgraphs/name/other", { body: "{}", headers: json })).toMatchObject({ status: 404 });
    expect((await send("OPTIONS", "")).status).toBe(204);
    expect(await send("POST", "", { body: '{"query":"{ __typename }"}', headers: json, base: starting })).toMatchObject(
      {
        status: 503,
        body: error(/starting/),
      },
    );
  });
});
