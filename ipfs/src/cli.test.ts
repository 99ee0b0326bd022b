import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseCliArgs } from "./cli.ts";
import { computeRawCid } from "./client.ts";
import { kuboAdd, makeTempDir, multipartBody, rawConnection, rawHttp, rawPostHead } from "./testing.ts";

// tsx's loader in the node process itself, not the tsx CLI: that CLI relays signals through a
// parent process that gives the child 30 ms to acknowledge one, then kills it (flaky under load).
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
const cli = fileURLToPath(new URL("./cli.ts", import.meta.url));

/** Runs the CLI with tsx's loader; resolves when it prints the ready line or exits. */
function run(args: string[]) {
  const child = spawn(process.execPath, ["--import", tsxLoader, cli, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const ready = new Promise<RegExpMatchArray | undefined>((resolve) => {
    child.stdout.on("data", () => {
      const match = /ipfs ready: api (\S+) gateway (\S+)/.exec(stdout);
      if (match) resolve(match);
    });
    void exited.then(() => resolve(undefined));
  });
  return { child, ready, exited, output: () => ({ stdout, stderr }) };
}

describe("ipfs CLI", () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let child: ChildProcess | undefined;
  beforeEach(async () => {
    dir = await makeTempDir();
  });
  afterEach(async () => {
    if (child && child.exitCode === null) child.kill("SIGKILL");
    await dir.remove();
  });

  it("prints the ready line with working URLs and stops on SIGTERM", async () => {
    const proc = run(["--data-dir", dir.path, "--api-port", "0", "--gateway-port", "0", "--host", "127.0.0.1"]);
    child = proc.child;
    const match = await proc.ready;
    expect(match, proc.output().stderr).toBeDefined();
    const [, api, gateway] = match!;
    expect((await fetch(`${api}/api/v0/id`, { method: "POST" })).status).toBe(200);
    expect((await fetch(`${gateway}/`)).status).toBe(200);
    proc.child.kill("SIGTERM");
    expect(await proc.exited).toBe(0);
  });

  it("stays up under bad requests: pin/add of a CID it does not hold gets an error, the next request an answer", async () => {
    const proc = run([
      "--data-dir",
      dir.path,
      "--api-port",
      "0",
      "--gateway-port",
      "0",
      "--max-request-bytes",
      "100000",
      "--upload-idle-timeout-ms",
      "300",
    ]);
    child = proc.child;
    const match = await proc.ready;
    expect(match, proc.output().stderr).toBeDefined();
    const [, api, gateway] = match as RegExpMatchArray as [string, string, string];
    const post = (path: string, init: RequestInit = {}) => fetch(`${api}/api/v0/${path}`, { method: "POST", ...init });
    const absent = await computeRawCid(new TextEncoder().encode("not on this node"));

    // The request that used to end the process.
    const pin = await post(`pin/add?arg=${absent}`);
    expect(pin.status).toBe(404);
    expect(await pin.json()).toMatchObject({ Code: 3, Type: "error" });
    expect((await post("version")).status).toBe(200);

    // Everything else a careless or hostile client can send.
    const { lines } = await kuboAdd(api, [{ name: "f", bytes: new Uint8Array(50_000).fill(1) }], {
      "cid-version": "1",
      chunker: "size-10000",
    });
    const big = String(lines[0]?.Hash);
    const statuses: number[] = [];
    for (const path of [
      "cat",
      "cat?arg=zzz",
      `cat?arg=${big}&offset=-5`,
      `cat?arg=${absent}`,
      "block/get?arg=",
      `block/stat?arg=${absent}`,
      "pin/add?arg=/ipns/x",
      `pin/add?arg=${big}&recursive=perhaps`,
      "no/such/command",
    ]) {
      statuses.push((await post(path)).status);
    }
    statuses.push((await post("add", { body: "plain", headers: { "Content-Type": "text/plain" } })).status);
    statuses.push((await kuboAdd(api, [{ name: "big", bytes: new Uint8Array(200_000) }])).status);
    statuses.push((await fetch(`${api}/api/v0/version`)).status);
    statuses.push((await post("version", { headers: { Origin: "http://evil.example" } })).status);
    const host = new URL(api).host;
    const rebinding = await rawHttp(api, [`POST /api/v0/version HTTP/1.1\r\nHost: evil.example\r\n\r\n`]);
    statuses.push(rebinding.status ?? 0);
    const hugeHeader = await rawHttp(api, [
      `POST /api/v0/id HTTP/1.1\r\nHost: ${host}\r\nX: ${"x".repeat(40_000)}\r\n\r\n`,
    ]);
    statuses.push(hugeHeader.status ?? 0);
    const { body, contentType } = multipartBody([{ name: "cut.bin", bytes: new Uint8Array(30_000).fill(2) }]);
    const head = rawPostHead(api, "/api/v0/add", { "Content-Type": contentType, "Content-Length": body.length });
    statuses.push(
      (await rawHttp(api, [head.replace(String(body.length), "9000"), body.subarray(0, 9000)])).status ?? 0,
    );
    const stalled = await rawConnection(api, [head, body.subarray(0, 2000)]);
    statuses.push((await stalled.response).status ?? 0);
    const abandoned = await rawConnection(api, [head, body.subarray(0, 20_000)]);
    abandoned.socket.destroy();
    for (const path of [`/ipfs/${absent}`, "/ipfs/zzz", `/ipfs/${big}/a/b`]) {
      statuses.push((await fetch(`${gateway}${path}`)).status);
    }
    statuses.push((await fetch(`${gateway}/ipfs/${big}`, { headers: { Range: "bytes=9-3" } })).status);
    const download = new AbortController();
    const partial = await fetch(`${api}/api/v0/cat?arg=${big}`, { method: "POST", signal: download.signal });
    await partial.body!.getReader().read();
    download.abort();

    expect(statuses).toEqual([
      400, 400, 400, 404, 400, 404, 400, 400, 404, 400, 413, 405, 403, 403, 431, 400, 408, 404, 400, 404, 416,
    ]);
    await new Promise((resolve) => setTimeout(resolve, 500)); // time for a late crash to show
    expect(proc.child.exitCode, proc.output().stderr).toBeNull();
    expect((await post("version")).status).toBe(200);
    expect((await fetch(`${gateway}/ipfs/${big}`)).status).toBe(200);
    expect(proc.output().stderr).toBe("");
    proc.child.kill("SIGTERM");
    expect(await proc.exited).toBe(0);
  });

  it("stops on SIGINT too", async () => {
    const proc = run(["--data-dir", dir.path, "--api-port", "0", "--gateway-port", "0"]);
    child = proc.child;
    expect(await proc.ready).toBeDefined();
    proc.child.kill("SIGINT");
    expect(await proc.exited).toBe(0);
  });

  it("exits 2 naming a bad flag", async () => {
    const proc = run(["--data-dir", dir.path, "--api-prot", "1"]);
    child = proc.child;
    expect(await proc.exited).toBe(2);
    expect(proc.output().stderr).toContain("--api-prot");
  });

  it("exits 1 naming a port that is taken", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const proc = run(["--data-dir", dir.path, "--api-port", String(port), "--gateway-port", "0"]);
      child = proc.child;
      expect(await proc.exited).toBe(1);
      expect(proc.output().stderr).toContain(`port ${port}`);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});

describe("parseCliArgs", () => {
  it("uses Kubo's ports by default", () => {
    expect(parseCliArgs(["--data-dir", "d"])).toEqual({
      dataDir: "d",
      apiPort: 5001,
      gatewayPort: 8080,
      host: "127.0.0.1",
      apiAllowedHosts: [],
      maxRequestBytes: 64 * 1024 * 1024,
      maxConcurrentAdds: 4,
      maxQueuedAdds: 32,
      maxStorageBytes: 10 * 1024 * 1024 * 1024,
      uploadIdleTimeoutMs: 30_000,
    });
  });

  it("reads the limits and the allowed hosts", () => {
    const options = parseCliArgs([
      "--data-dir",
      "d",
      "--max-concurrent-adds",
      "2",
      "--max-queued-adds",
      "0",
      "--max-storage-bytes",
      "1000000",
      "--upload-idle-timeout-ms",
      "500",
      "--api-allowed-hosts",
      "ipfs.internal, proxy.lan",
      "--api-allowed-hosts",
      "[fd00::1]",
    ]);
    expect(options).toMatchObject({
      maxConcurrentAdds: 2,
      maxQueuedAdds: 0,
      maxStorageBytes: 1_000_000,
      uploadIdleTimeoutMs: 500,
      apiAllowedHosts: ["ipfs.internal", "proxy.lan", "[fd00::1]"],
    });
  });

  it("names the flag with a bad value", () => {
    expect(() => parseCliArgs(["--data-dir", "d", "--gateway-port", "http"])).toThrow(/--gateway-port .*"http"/);
    expect(() => parseCliArgs(["--data-dir", "d", "--api-port", "70000"])).toThrow(/--api-port/);
    expect(() => parseCliArgs([])).toThrow(/--data-dir is required/);
    expect(() => parseCliArgs(["--data-dir", "d", "--max-concurrent-adds", "0"])).toThrow(
      /--max-concurrent-adds .*"0"/,
    );
    expect(() => parseCliArgs(["--data-dir", "d", "--max-storage-bytes", "10GB"])).toThrow(/--max-storage-bytes/);
  });
});
