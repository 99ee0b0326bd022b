import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { SubgraphQueryError, SubgraphResponseError, SubgraphUnreachableError } from "./errors.ts";
import { requestGraphql } from "./requestGraphql.ts";

/** A tiny GraphQL-shaped server: the request's `query` chooses the answer. */
let server: Server;
let url: string;
const received: unknown[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      const request = JSON.parse(body) as { query: string; variables: unknown };
      received.push(request);
      const answers: Record<string, [number, string]> = {
        ok: [200, JSON.stringify({ data: { value: 7 } })],
        errors: [200, JSON.stringify({ errors: [{ message: "Type `Query` has no field `nope`" }] })],
        shape: [200, JSON.stringify({ data: { value: "seven" } })],
        http: [502, "Bad Gateway"],
      };
      const [status, text] = answers[request.query] ?? [500, "?"];
      res.writeHead(status, { "content-type": "application/json" }).end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/subgraphs/name/markspace`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

const schema = z.object({ value: z.number() });

describe("requestGraphql", () => {
  it("posts the query with its variables and returns validated data", async () => {
    await expect(requestGraphql({ url, query: "ok", variables: { first: 3 }, schema })).resolves.toEqual({ value: 7 });
    expect(received.at(-1)).toEqual({ query: "ok", variables: { first: 3 } });
  });

  it("raises the subgraph's GraphQL errors", async () => {
    const error = await requestGraphql({ url, query: "errors", schema }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SubgraphQueryError);
    expect((error as SubgraphQueryError).shortMessage).toBe(
      "The subgraph rejected the query: Type `Query` has no field `nope`",
    );
  });

  it("names the field when the data has the wrong shape", async () => {
    const error = await requestGraphql({ url, query: "shape", schema }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SubgraphResponseError);
    expect((error as SubgraphResponseError).details).toMatch(/^value: /);
  });

  it("reports an HTTP error status", async () => {
    const error = await requestGraphql({ url, query: "http", schema }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SubgraphUnreachableError);
    expect((error as SubgraphUnreachableError).status).toBe(502);
  });

  it("reports an endpoint nobody listens on, with a hint", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await requestGraphql({ url: `http://127.0.0.1:${port}/x`, query: "ok", schema }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SubgraphUnreachableError);
    expect((error as SubgraphUnreachableError).shortMessage).toBe(
      `Cannot reach the subgraph at http://127.0.0.1:${port}/x`,
    );
    expect((error as SubgraphUnreachableError).hint).toMatch(/MARKSPACE_SUBGRAPH_URL/);
  });
});
