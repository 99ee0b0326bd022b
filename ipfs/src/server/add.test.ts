import { connect } from "node:net";
import * as dagPb from "@ipld/dag-pb";
import { CID } from "multiformats/cid";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { computeRawCid } from "../client.ts";
import type { IpfsNode, StartIpfsNodeParameters } from "../node.ts";
import {
  kuboAdd,
  makeTempDir,
  multipartBody,
  rawConnection,
  rawHttp,
  rawPostHead,
  startTestNode,
  watchUnhandledRejections,
} from "../testing.ts";

const text = (value: string) => new TextEncoder().encode(value);

/** Bytes that differ per seed, so each test adds content no other test stored. */
const pattern = (length: number, seed: number) => new Uint8Array(length).map((_, i) => (i * seed + seed) % 251);

/** A node of its own for each group, so limits and usage do not leak between groups. */
function useNode(options: Partial<StartIpfsNodeParameters> = {}) {
  const state = {} as { node: IpfsNode; dir: Awaited<ReturnType<typeof makeTempDir>> };
  let rejections: ReturnType<typeof watchUnhandledRejections>;
  beforeAll(async () => {
    state.dir = await makeTempDir();
    state.node = await startTestNode(state.dir.path, options);
  });
  afterAll(async () => {
    await state.node.stop();
    await state.dir.remove();
  });
  beforeEach(() => {
    rejections = watchUnhandledRejections();
  });
  afterEach(async () => {
    expect(await rejections.stop()).toEqual([]);
  });
  return state;
}

async function post(node: IpfsNode, command: string, query = "") {
  return fetch(`${node.apiUrl}/api/v0/${command}${query ? `?${query}` : ""}`, { method: "POST" });
}

async function repoSize(node: IpfsNode): Promise<number> {
  return ((await (await post(node, "repo/stat")).json()) as { RepoSize: number }).RepoSize;
}

async function eventually(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("add", () => {
  describe("streaming", () => {
    const state = useNode();

    it("stores blocks while the upload is still arriving", async () => {
      const { node } = state;
      const bytes = pattern(40_000, 3);
      const { body, contentType } = multipartBody([{ name: "stream.bin", bytes }]);
      const query = "cid-version=1&chunker=size-1000&pin=false";
      const head = rawPostHead(node.apiUrl, `/api/v0/add?${query}`, {
        "Content-Type": contentType,
        "Content-Length": body.length,
      });
      // Send the part headers and 30 000 bytes of content, then hold the rest back.
      const cut = body.indexOf(Buffer.from(bytes.subarray(0, 16))) + 30_000;
      const upload = await rawConnection(node.apiUrl, [head, body.subarray(0, cut)]);
      const firstLeaf = CID.parse(await computeRawCid(bytes.subarray(0, 1000)));
      await eventually(() => node.helia.blockstore.has(firstLeaf), "the first leaf is stored");
      upload.socket.write(body.subarray(cut));
      const response = await upload.response;
      expect(response.status).toBe(200);
      const line = JSON.parse(response.body.trim()) as { Hash: string };
      expect(line.Hash).toBe(
        (
          await kuboAdd(node.apiUrl, [{ name: "x", bytes }], {
            "cid-version": "1",
            chunker: "size-1000",
            "only-hash": "true",
          })
        ).lines[0]?.Hash,
      );
    });

    it("reports Kubo's cumulative Size for files and the wrapping directory", async () => {
      const { node } = state;
      const { lines } = await kuboAdd(
        node.apiUrl,
        [
          { name: "a.bin", bytes: pattern(2500, 5) },
          { name: "b.txt", bytes: text("b\n") },
        ],
        { "cid-version": "1", chunker: "size-1000", "wrap-with-directory": "true" },
      );
      expect(lines.map((line) => line.Name)).toEqual(["a.bin", "b.txt", ""]);
      for (const line of lines) {
        const block = new Uint8Array(await (await post(node, "block/get", `arg=${String(line.Hash)}`)).arrayBuffer());
        const cid = CID.parse(String(line.Hash));
        const expected =
          cid.code === dagPb.code
            ? dagPb.decode(block).Links.reduce((sum, link) => sum + (link.Tsize ?? 0), block.length)
            : block.length;
        expect(line.Size, String(line.Name)).toBe(String(expected));
      }
    });

    it("adds a part without a file name under its CID, and directory parts as directories", async () => {
      const { node } = state;
      const form = new FormData();
      form.append("file", "a plain field");
      const nameless = await fetch(`${node.apiUrl}/api/v0/add?cid-version=1`, { method: "POST", body: form });
      const [line] = (await nameless.text())
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as { Name: string; Hash: string });
      expect(line?.Hash).toBe(await computeRawCid(text("a plain field")));
      expect(line?.Name).toBe(line?.Hash);

      const { lines } = await kuboAdd(
        node.apiUrl,
        [
          { name: "site", bytes: new Uint8Array(), type: "application/x-directory" },
          { name: "site/empty", bytes: new Uint8Array(), type: "application/x-directory" },
          { name: "site/a.txt", bytes: text("a") },
        ],
        { "cid-version": "1" },
      );
      // The importer answers for files and non-empty directories; the empty one is linked all the same.
      expect(lines.map((l) => l.Name)).toEqual(["site/a.txt", "site"]);
      const empty = await fetch(`${node.gatewayUrl}/ipfs/${String(lines[1]?.Hash)}/empty/`);
      expect(empty.status).toBe(200);
    });
  });

  describe("bad uploads", () => {
    const state = useNode({ maxRequestBytes: 200_000 });

    async function expectError(
      response: { status: number | undefined; body: string },
      status: number,
      message: string | RegExp,
    ) {
      expect(response.status).toBe(status);
      const body = JSON.parse(response.body.trim()) as { Message: string; Code: number; Type: string };
      expect(body.Type).toBe("error");
      expect(body.Code).toBe(status < 500 ? 1 : 0);
      expect(body.Message).toMatch(message);
      expect((await post(state.node, "version")).status).toBe(200);
    }

    async function send(body: Buffer | string, headers: Record<string, string | number>, query = "") {
      const head = rawPostHead(state.node.apiUrl, `/api/v0/add${query}`, {
        "Content-Length": Buffer.byteLength(body),
        ...headers,
      });
      return rawHttp(state.node.apiUrl, [head, body]);
    }

    it("answers 400 to a body that is not multipart, or has no boundary", async () => {
      await expectError(await send("hello", { "Content-Type": "text/plain" }), 400, /multipart\/form-data/);
      await expectError(await send("x=1", { "Content-Type": "application/x-www-form-urlencoded" }), 400, /multipart/);
      await expectError(
        await send("hello", { "Content-Type": "multipart/form-data; charset=utf-8" }),
        400,
        /Boundary not found/,
      );
      await expectError(await send("", {}), 400, /multipart/);
    });

    it("answers 400 to a multipart body cut before its closing boundary", async () => {
      const { body, contentType } = multipartBody([{ name: "cut.txt", bytes: pattern(5000, 7) }]);
      await expectError(await send(body.subarray(0, 3000), { "Content-Type": contentType }), 400, /multipart/);
    });

    it("answers 400 when the body holds no part of the declared boundary", async () => {
      const { contentType } = multipartBody([], "expected");
      const { body } = multipartBody([{ name: "x", bytes: text("x") }], "another");
      await expectError(await send(body, { "Content-Type": contentType }), 400, /no files|multipart/);
    });

    it("answers 400 to malformed part headers and to . or .. in a file name", async () => {
      const boundary = "b";
      const garbage = `--${boundary}\r\nthis is not a header\r\n\r\ncontent\r\n--${boundary}--\r\n`;
      await expectError(
        await send(garbage, { "Content-Type": `multipart/form-data; boundary=${boundary}` }),
        400,
        /no files|multipart/,
      );
      const { body, contentType } = multipartBody([{ name: "../escape.txt", bytes: text("x") }]);
      await expectError(await send(body, { "Content-Type": contentType }), 400, /"\.\."|segment/);
    });

    it("answers 400 to bad options before reading the body", async () => {
      const { body, contentType } = multipartBody([{ name: "x", bytes: text("x") }]);
      const bad: Array<[string, RegExp]> = [
        ["?cid-version=2", /unknown CID version 2/],
        ["?cid-version=one", /whole number/],
        ["?raw-leaves=maybe", /true or false/],
        ["?chunker=size-0", /chunk/],
        ["?chunker=size-99999999999999999999", /chunk/],
        ["?chunker=buzhash", /unsupported chunker/],
        ["?hash=blake3", /unsupported hash/],
      ];
      for (const [query, message] of bad)
        await expectError(await send(body, { "Content-Type": contentType }, query), 400, message);
    });

    it("answers 413 to a body over the limit, declared or streamed, and keeps none of it", async () => {
      const before = await repoSize(state.node);
      const { body, contentType } = multipartBody([{ name: "big.bin", bytes: pattern(300_000, 11) }]);
      await expectError(
        await send(body, { "Content-Type": contentType }),
        413,
        /200000-byte limit.*--max-request-bytes/,
      );
      // Chunked, so the size is only known once the bytes pass the limit.
      const head = rawPostHead(state.node.apiUrl, "/api/v0/add?cid-version=1&chunker=size-1000", {
        "Content-Type": contentType,
        "Transfer-Encoding": "chunked",
      });
      const chunks = [head];
      for (let offset = 0; offset < body.length; offset += 16_384) {
        const piece = body.subarray(offset, offset + 16_384);
        chunks.push(`${piece.length.toString(16)}\r\n`, piece as unknown as string, "\r\n");
      }
      chunks.push("0\r\n\r\n");
      await expectError(await rawHttp(state.node.apiUrl, chunks), 413, /200000-byte limit/);
      expect(await repoSize(state.node)).toBe(before);
    });

    it("answers a refused upload that keeps sending, then ends its connection", async () => {
      const { contentType } = multipartBody([]);
      const head = rawPostHead(state.node.apiUrl, "/api/v0/add", {
        "Content-Type": contentType,
        "Transfer-Encoding": "chunked",
      });
      const socket = connect({ host: "127.0.0.1", port: Number(new URL(state.node.apiUrl).port) });
      socket.on("error", () => {});
      await new Promise((resolve) => socket.once("connect", resolve));
      socket.write(head);
      let answer = "";
      socket.on("data", (chunk: Buffer) => (answer += chunk.toString("latin1")));
      let ended = false;
      socket.on("end", () => (ended = true));
      // 4 MiB in 64 KiB chunks, far past the 200 000-byte limit, and no last chunk: the body never ends.
      const chunk = Buffer.concat([Buffer.from("10000\r\n"), Buffer.alloc(0x10000, 0x61), Buffer.from("\r\n")]);
      for (let i = 0; i < 64; i++) socket.write(chunk);
      await eventually(() => ended, "the server ends the connection");
      expect(answer).toMatch(/^HTTP\/1\.1 413 /);
      socket.destroy();
      expect((await post(state.node, "version")).status).toBe(200);
    });

    it("drops an upload the client abandons and keeps none of its blocks", async () => {
      const before = await repoSize(state.node);
      const bytes = pattern(100_000, 13);
      const { body, contentType } = multipartBody([{ name: "gone.bin", bytes }]);
      const head = rawPostHead(state.node.apiUrl, "/api/v0/add?cid-version=1&chunker=size-1000", {
        "Content-Type": contentType,
        "Content-Length": body.length,
      });
      const upload = await rawConnection(state.node.apiUrl, [head, body.subarray(0, 60_000)]);
      const firstLeaf = CID.parse(await computeRawCid(bytes.subarray(0, 1000)));
      await eventually(() => state.node.helia.blockstore.has(firstLeaf), "the first leaf is stored");
      upload.socket.destroy();
      await eventually(async () => !(await state.node.helia.blockstore.has(firstLeaf)), "the leaf is removed again");
      expect(await repoSize(state.node)).toBe(before);
      expect((await post(state.node, "version")).status).toBe(200);
    });

    it("ends a request whose body stops short of its Content-Length when the client closes", async () => {
      const { body, contentType } = multipartBody([{ name: "short.bin", bytes: pattern(10_000, 17) }]);
      const head = rawPostHead(state.node.apiUrl, "/api/v0/add", {
        "Content-Type": contentType,
        "Content-Length": body.length + 500,
      });
      const upload = await rawConnection(state.node.apiUrl, [head, body]);
      upload.socket.end();
      await upload.response;
      expect((await post(state.node, "version")).status).toBe(200);
    });
  });

  describe("limits", () => {
    const state = useNode({ maxConcurrentAdds: 1, maxQueuedAdds: 1, uploadIdleTimeoutMs: 400 });

    /** Starts an add whose body is sent in part; `finish()` sends the rest. */
    async function partialAdd(bytes: Uint8Array) {
      const { body, contentType } = multipartBody([{ name: "slow.bin", bytes }]);
      const head = rawPostHead(state.node.apiUrl, "/api/v0/add?cid-version=1", {
        "Content-Type": contentType,
        "Content-Length": body.length,
      });
      const upload = await rawConnection(state.node.apiUrl, [head, body.subarray(0, 100)]);
      return { ...upload, finish: () => upload.socket.write(body.subarray(100)) };
    }

    it("runs one add at a time, queues one more and refuses the next with 503", async () => {
      const first = await partialAdd(pattern(1000, 19));
      await new Promise((resolve) => setTimeout(resolve, 50));
      const second = await partialAdd(pattern(1000, 23));
      await new Promise((resolve) => setTimeout(resolve, 50));
      const third = await kuboAdd(state.node.apiUrl, [{ name: "x", bytes: text("third") }]);
      expect(third.status).toBe(503);
      expect(third.lines[0]).toMatchObject({ Code: 0, Type: "error" });
      expect(String(third.lines[0]?.Message)).toContain("1 running and 1 waiting");
      expect(String(third.lines[0]?.Message)).toContain("--max-concurrent-adds");

      first.finish();
      expect((await first.response).status).toBe(200);
      second.finish();
      expect((await second.response).status).toBe(200);
      expect((await kuboAdd(state.node.apiUrl, [{ name: "x", bytes: text("fourth") }])).status).toBe(200);
    });

    it("sends Retry-After with the 503", async () => {
      const first = await partialAdd(pattern(1000, 29));
      await new Promise((resolve) => setTimeout(resolve, 50));
      const second = await partialAdd(pattern(1000, 31));
      await new Promise((resolve) => setTimeout(resolve, 50));
      const { body, contentType } = multipartBody([{ name: "x", bytes: text("x") }]);
      const refused = await rawHttp(state.node.apiUrl, [
        rawPostHead(state.node.apiUrl, "/api/v0/add", { "Content-Type": contentType, "Content-Length": body.length }),
        body,
      ]);
      expect(refused.status).toBe(503);
      expect(refused.headers["retry-after"]).toBe("1");
      first.finish();
      second.finish();
      await Promise.all([first.response, second.response]);
    });

    it("answers 408 to an upload that stalls, and frees its slot", async () => {
      const before = await repoSize(state.node);
      const stalled = await partialAdd(pattern(5000, 37));
      const response = await stalled.response;
      expect(response.status).toBe(408);
      expect(JSON.parse(response.body.trim()).Message).toContain("no bytes arrived for 400 ms");
      expect(await repoSize(state.node)).toBe(before);
      expect((await kuboAdd(state.node.apiUrl, [{ name: "x", bytes: text("after a stall") }])).status).toBe(200);
    });
  });

  describe("storage quota", () => {
    const state = useNode({ maxStorageBytes: 100_000 });

    it("refuses an add that would pass the quota with 507, keeps none of it, and takes smaller adds", async () => {
      const { node } = state;
      const fits = await kuboAdd(node.apiUrl, [{ name: "a.bin", bytes: pattern(60_000, 41) }], {
        "cid-version": "1",
        chunker: "size-10000",
      });
      expect(fits.status).toBe(200);
      const used = await repoSize(node);
      expect(used).toBeGreaterThan(60_000);

      const tooBig = pattern(60_000, 43);
      const refused = await kuboAdd(node.apiUrl, [{ name: "b.bin", bytes: tooBig }], {
        "cid-version": "1",
        chunker: "size-10000",
      });
      expect(refused.status).toBe(507);
      expect(refused.lines[0]).toMatchObject({ Code: 0, Type: "error" });
      expect(String(refused.lines[0]?.Message)).toContain("100000-byte quota");
      expect(String(refused.lines[0]?.Message)).toContain("--max-storage-bytes");
      expect(await repoSize(node)).toBe(used);
      const firstLeaf = CID.parse(await computeRawCid(tooBig.subarray(0, 10_000)));
      expect(await node.helia.blockstore.has(firstLeaf)).toBe(false);

      expect(
        (await kuboAdd(node.apiUrl, [{ name: "c", bytes: pattern(5000, 47) }], { "cid-version": "1" })).status,
      ).toBe(200);
      // Content already stored costs nothing more.
      expect(
        (
          await kuboAdd(node.apiUrl, [{ name: "again", bytes: pattern(60_000, 41) }], {
            "cid-version": "1",
            chunker: "size-10000",
          })
        ).status,
      ).toBe(200);
    });

    it("reports usage and the quota in repo/stat", async () => {
      const stat = (await (await post(state.node, "repo/stat")).json()) as Record<string, number>;
      expect(stat.StorageMax).toBe(100_000);
      expect(stat.RepoSize).toBeGreaterThan(0);
      expect(stat.RepoSize).toBeLessThanOrEqual(100_000);
      expect(stat.NumObjects).toBeGreaterThan(0);
    });

    it("lets only-hash compute CIDs of content bigger than the quota", async () => {
      const big = pattern(150_000, 53);
      const { status } = await kuboAdd(state.node.apiUrl, [{ name: "h", bytes: big }], { "only-hash": "true" });
      expect(status).toBe(200);
    });
  });
});
