/** The CLI as the launcher runs it: a child process with tsx. */
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildMarkspaceSubgraph } from "./testing/subgraphBuilds.ts";

const cli = fileURLToPath(new URL("./cli.ts", import.meta.url));
// tsx's loader in this process's Node, not the tsx CLI: the CLI relays signals to a child of its
// own and SIGKILLs it when it does not answer within 30 ms, which a loaded machine can miss.
const tsxLoader = fileURLToPath(new URL("../../../node_modules/tsx/dist/loader.mjs", import.meta.url));

/** A minimal JSON-RPC chain: an empty chain at block 0. */
const chain = createServer((request, response) => {
  let body = "";
  request.on("data", (chunk: Buffer) => (body += chunk.toString()));
  request.on("end", () => {
    const calls = JSON.parse(body) as { id: number; method: string } | Array<{ id: number; method: string }>;
    const answer = (call: { id: number; method: string }) => {
      const results: Record<string, unknown> = {
        eth_chainId: "0x7a69",
        eth_blockNumber: "0x0",
      };
      return { jsonrpc: "2.0", id: call.id, result: results[call.method] ?? null };
    };
    response.setHeader("content-type", "application/json");
    response.end(JSON.stringify(Array.isArray(calls) ? calls.map(answer) : answer(calls)));
  });
});
let rpcUrl: string;
let buildDir: string;

beforeAll(async () => {
  await new Promise<void>((resolve) => chain.listen(0, "127.0.0.1", resolve));
  rpcUrl = `http://127.0.0.1:${(chain.address() as AddressInfo).port}`;
  ({ buildDir } = await buildMarkspaceSubgraph({
    network: "hardhat",
    UnitRegistry: { address: "0x00000000000000000000000000000000000000aa", startBlock: 5 },
  }));
});

afterAll(() => new Promise<void>((resolve) => chain.close(() => resolve())));

function run(args: string[], onLine?: (line: string, kill: () => void) => void) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(process.execPath, ["--import", pathToFileURL(tsxLoader).href, cli, ...args], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      for (const line of chunk.toString().split("\n")) onLine?.(line, () => child.kill("SIGTERM"));
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.on("close", (code) => resolve({ code, output }));
  });
}

describe("subgraph host CLI", () => {
  it("names a bad flag", async () => {
    const { code, output } = await run(["--rpc-url", rpcUrl, "--build-dir", buildDir, "--name", "x", "--prot", "1"]);
    expect(code).toBe(2);
    expect(output).toMatch(/Unknown option '--prot'/);
    const badPort = await run(["--rpc-url", rpcUrl, "--build-dir", buildDir, "--name", "x", "--port", "eighty"]);
    expect(badPort.output).toMatch(/--port must be a non-negative integer, got "eighty"/);
  });

  it("prints its ready line, answers queries and stops on SIGTERM", async () => {
    let url = "";
    let answer: unknown;
    const { code, output } = await run(
      ["--rpc-url", rpcUrl, "--build-dir", buildDir, "--name", "markspace", "--port", "0", "--poll-interval", "50"],
      (line, kill) => {
        const match = /^subgraph host ready: (\S+)$/.exec(line);
        if (!match) return;
        url = match[1]!;
        void fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ query: "{ units { id } }" }),
        })
          .then((r) => r.json())
          .then((body) => {
            answer = body;
            kill();
          });
      },
    );
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/subgraphs\/name\/markspace$/);
    expect(answer).toEqual({ data: { units: [] } });
    expect(output).toMatch(/SIGTERM, stopping/);
    expect(code).toBe(0);
  });
});
