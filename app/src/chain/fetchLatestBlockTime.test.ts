import { describe, expect, it } from "vitest";
import { fetchLatestBlockTime } from "./fetchLatestBlockTime.ts";

const answer = (body: unknown, status = 200): typeof fetch =>
  (async () => new Response(JSON.stringify(body), { status })) as typeof fetch;

describe("fetchLatestBlockTime", () => {
  it("returns the latest block's timestamp in seconds", async () => {
    const requests: unknown[] = [];
    const fetch: typeof globalThis.fetch = async (_url, init) => {
      requests.push(JSON.parse(String(init?.body)));
      return new Response(JSON.stringify({ jsonrpc: "2.0", id: 1, result: { timestamp: "0x6553f100" } }));
    };
    await expect(fetchLatestBlockTime({ rpcUrl: "http://rpc", fetch })).resolves.toBe(1_700_000_000n);
    expect(requests).toEqual([{ jsonrpc: "2.0", id: 1, method: "eth_getBlockByNumber", params: ["latest", false] }]);
  });

  it("fails with the node's message on a JSON-RPC error", async () => {
    const fetch = answer({ jsonrpc: "2.0", id: 1, error: { code: -32000, message: "boom" } });
    await expect(fetchLatestBlockTime({ rpcUrl: "http://rpc", fetch })).rejects.toThrow("http://rpc: boom");
  });

  it("fails on an HTTP error", async () => {
    await expect(fetchLatestBlockTime({ rpcUrl: "http://rpc", fetch: answer({}, 502) })).rejects.toThrow("HTTP 502");
  });
});
