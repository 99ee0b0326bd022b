import { CID } from "multiformats/cid";
import { identity } from "multiformats/hashes/identity";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { computeRawCid } from "../client.ts";
import type { IpfsNode } from "../node.ts";
import { kuboAdd, makeTempDir, rawHttp, startTestNode, watchUnhandledRejections } from "../testing.ts";

const hello = new TextEncoder().encode("hello\n");

describe("Kubo RPC API", () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let node: IpfsNode;
  beforeAll(async () => {
    dir = await makeTempDir();
    node = await startTestNode(dir.path, { maxRequestBytes: 512 * 1024 });
  });
  afterAll(async () => {
    await node.stop();
    await dir.remove();
  });

  const post = (command: string, query = "", init: RequestInit = {}) =>
    fetch(`${node.apiUrl}/api/v0/${command}${query ? `?${query}` : ""}`, { method: "POST", ...init });

  describe("add", () => {
    it("answers with Kubo's CID and NDJSON line for Kubo's defaults (CIDv0, 256 KiB chunks)", async () => {
      // `echo hello | ipfs add` in Kubo gives QmZULk… with cumulative size 14.
      const { status, lines, contentType } = await kuboAdd(node.apiUrl, [{ name: "hello.txt", bytes: hello }]);
      expect(status).toBe(200);
      expect(contentType).toBe("application/json");
      expect(lines).toEqual([
        { Name: "hello.txt", Hash: "QmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEN", Size: "14" },
      ]);
    });

    it("makes a single raw block with cid-version=1 (raw leaves by default)", async () => {
      const { lines } = await kuboAdd(node.apiUrl, [{ name: "hello.txt", bytes: hello }], { "cid-version": "1" });
      expect(lines).toEqual([{ Name: "hello.txt", Hash: await computeRawCid(hello), Size: "6" }]);
    });

    it("reports the cumulative DAG size of a multi-chunk file, as Kubo does", async () => {
      const bytes = new Uint8Array(300_000).fill(7);
      const { lines } = await kuboAdd(node.apiUrl, [{ name: "big.bin", bytes }], {
        "cid-version": "1",
        chunker: "size-100000",
      });
      const size = Number(lines[0]?.Size);
      expect(String(lines[0]?.Hash)).toMatch(/^bafybei/); // dag-pb root
      expect(size).toBeGreaterThan(300_000); // leaves plus the root node's own bytes
      expect(size).toBeLessThan(300_200);
    });

    it("answers one line per file, then directories, then the wrapping directory", async () => {
      const { lines } = await kuboAdd(
        node.apiUrl,
        [
          { name: "a.txt", bytes: hello },
          { name: "b.txt", bytes: new TextEncoder().encode("b") },
        ],
        { "cid-version": "1", "wrap-with-directory": "true" },
      );
      expect(lines.map((line) => line.Name)).toEqual(["a.txt", "b.txt", ""]);
      for (const line of lines) expect(Object.keys(line).sort()).toEqual(["Hash", "Name", "Size"]);
      const dir = String(lines[2]?.Hash);
      const response = await fetch(`${node.gatewayUrl}/ipfs/${dir}/a.txt`);
      expect(await response.text()).toBe("hello\n");
    });

    it("only computes the CID with only-hash, storing nothing", async () => {
      const bytes = new TextEncoder().encode(`only-hash ${Math.random()}`);
      const { lines } = await kuboAdd(node.apiUrl, [{ name: "x", bytes }], { "cid-version": "1", "only-hash": "true" });
      expect(lines[0]?.Hash).toBe(await computeRawCid(bytes));
      expect((await fetch(`${node.gatewayUrl}/ipfs/${String(lines[0]?.Hash)}`)).status).toBe(404);
    });

    it("pins by default and not with pin=false", async () => {
      const pinned = await kuboAdd(node.apiUrl, [{ name: "p", bytes: new TextEncoder().encode("pin me") }], {
        "cid-version": "1",
      });
      const unpinned = await kuboAdd(node.apiUrl, [{ name: "u", bytes: new TextEncoder().encode("leave me") }], {
        "cid-version": "1",
        pin: "false",
      });
      const pins: string[] = [];
      for await (const pin of node.helia.pins.ls()) pins.push(pin.cid.toString());
      expect(pins).toContain(pinned.lines[0]?.Hash);
      expect(pins).not.toContain(unpinned.lines[0]?.Hash);
    });

    it("keeps binary bytes intact", async () => {
      const bytes = Uint8Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256);
      const { lines } = await kuboAdd(node.apiUrl, [{ name: "bin", bytes }], { "cid-version": "1" });
      expect(lines[0]?.Hash).toBe(await computeRawCid(bytes));
    });

    it("refuses a chunker over 1 MiB and unknown chunkers with Kubo's error shape", async () => {
      for (const chunker of ["size-2000000", "rabin-1-2-3"]) {
        const { status, lines } = await kuboAdd(node.apiUrl, [{ name: "x", bytes: hello }], { chunker });
        expect(status).toBe(400);
        expect(lines[0]).toMatchObject({ Code: 1, Type: "error" });
        expect(String(lines[0]?.Message)).toContain("chunk");
      }
    });

    it("refuses a body over the limit with 413 and a clear message", async () => {
      const { status, lines } = await kuboAdd(node.apiUrl, [{ name: "big", bytes: new Uint8Array(600 * 1024) }]);
      expect(status).toBe(413);
      expect(lines[0]).toEqual({
        Message:
          "request body exceeds the 524288-byte limit; raise it with --max-request-bytes (maxRequestBytes in startIpfsNode)",
        Code: 1,
        Type: "error",
      });
    });

    it("refuses a body that is not multipart", async () => {
      const response = await post("add", "", { body: "hello", headers: { "Content-Type": "text/plain" } });
      expect(response.status).toBe(400);
      expect((await response.json()).Message).toContain("multipart/form-data");
    });
  });

  it("answers 405 in Kubo's error shape to GET", async () => {
    const response = await fetch(`${node.apiUrl}/api/v0/add`);
    expect(response.status).toBe(405);
    expect(await response.json()).toMatchObject({ Code: 1, Type: "error" });
  });

  it("answers 404 to an unknown command and 400 to a missing argument", async () => {
    expect((await post("swarm/connect")).status).toBe(404);
    const missing = await post("cat");
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ Message: 'argument "ipfs-path" is required', Code: 1, Type: "error" });
  });

  it("refuses cross-origin browser requests like Kubo, by Origin or by Referer", async () => {
    const refused: Array<Record<string, string>> = [
      { Origin: "http://evil.example" },
      { Origin: "null" },
      { Referer: "http://evil.example/page" },
    ];
    for (const headers of refused) {
      const response = await post("version", "", { headers });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ Code: 1, Type: "error" });
    }
    const sameOrigin = await post("version", "", { headers: { Origin: node.apiUrl } });
    expect(sameOrigin.status).toBe(200);
  });

  it("cats a file, a path inside a directory and a byte window", async () => {
    const { lines } = await kuboAdd(node.apiUrl, [{ name: "d/hello.txt", bytes: hello }], { "cid-version": "1" });
    const file = String(lines[0]?.Hash);
    const dir = String(lines[1]?.Hash);
    expect(await (await post("cat", `arg=${file}`)).text()).toBe("hello\n");
    expect(await (await post("cat", `arg=/ipfs/${dir}/hello.txt`)).text()).toBe("hello\n");
    expect(await (await post("cat", `arg=${file}&offset=1&length=3`)).text()).toBe("ell");
  });

  it("answers 404 at once for a block it does not hold, on every command that reads one", async () => {
    const cid = await computeRawCid(new TextEncoder().encode(`absent ${Math.random()}`));
    for (const command of ["cat", "block/get", "block/stat", "pin/add"]) {
      const response = await post(command, `arg=${cid}`);
      expect(response.status, command).toBe(404);
      const body = await response.json();
      expect(body).toMatchObject({ Code: 3, Type: "error" });
      expect(body.Message).toContain("not found locally");
    }
    expect((await post("version")).status).toBe(200);
  });

  it("answers 400 naming a malformed CID", async () => {
    const response = await post("block/get", "arg=zzz");
    expect(response.status).toBe(400);
    expect((await response.json()).Message).toContain('invalid CID "zzz"');
  });

  it("gets and stats raw blocks", async () => {
    const cid = await computeRawCid(hello);
    await kuboAdd(node.apiUrl, [{ name: "h", bytes: hello }], { "cid-version": "1" });
    expect(new Uint8Array(await (await post("block/get", `arg=${cid}`)).arrayBuffer())).toEqual(hello);
    expect(await (await post("block/stat", `arg=${cid}`)).json()).toEqual({ Key: cid, Size: 6 });
  });

  it("pins content added without a pin", async () => {
    const bytes = new TextEncoder().encode("pin later");
    const { lines } = await kuboAdd(node.apiUrl, [{ name: "l", bytes }], { "cid-version": "1", pin: "false" });
    const cid = String(lines[0]?.Hash);
    expect(await (await post("pin/add", `arg=${cid}`)).json()).toEqual({ Pins: [cid] });
    expect(await node.helia.pins.isPinned((await import("multiformats/cid")).CID.parse(cid))).toBe(true);
  });

  it("reports its identity and version", async () => {
    const id = await (await post("id")).json();
    expect(id.ID).toMatch(/^12D3KooW/);
    expect(id.ID).toBe(node.identity.peerId);
    expect(id.Addresses).toEqual([]);
    const version = await (await post("version")).json();
    expect(version.Version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  describe("bad requests", () => {
    let rejections: ReturnType<typeof watchUnhandledRejections>;
    beforeEach(() => {
      rejections = watchUnhandledRejections();
    });
    afterEach(async () => {
      expect(await rejections.stop()).toEqual([]);
    });

    /** A file, a directory holding it, and a multi-block file, all held by the node. */
    const held = { file: "", dir: "", big: "", bigBytes: new Uint8Array() };
    beforeAll(async () => {
      const { lines } = await kuboAdd(node.apiUrl, [{ name: "d/hello.txt", bytes: hello }], { "cid-version": "1" });
      held.file = String(lines[0]?.Hash);
      held.dir = String(lines[1]?.Hash);
      held.bigBytes = new Uint8Array(400_000).map((_, i) => (i * 7) % 256);
      const big = await kuboAdd(node.apiUrl, [{ name: "big", bytes: held.bigBytes }], {
        "cid-version": "1",
        chunker: "size-16384",
      });
      held.big = String(big.lines[0]?.Hash);
    });

    /** Asserts a Kubo-shaped error, then that the node still answers. */
    async function expectError(response: Response, status: number, message: RegExp, label: string) {
      expect(response.status, label).toBe(status);
      expect(response.headers.get("content-type"), label).toBe("application/json");
      const body = (await response.json()) as { Message: string; Code: number; Type: string };
      expect(body.Type, label).toBe("error");
      expect(body.Code, label).toBe(status === 404 ? 3 : status < 500 ? 1 : 0);
      expect(body.Message, label).toMatch(message);
      expect((await post("version")).status, `version after ${label}`).toBe(200);
    }

    it("answers every command's missing and malformed arguments with a 4xx", async () => {
      const absent = await computeRawCid(new TextEncoder().encode("absent from this node"));
      // dag-cbor inside an identity CID: the block is "held", but it is not UnixFS.
      const cbor = CID.createV1(0x71, identity.digest(Uint8Array.of(0xa1, 0x61, 0x61, 0x01))).toString();
      const cases: Array<[string, string, number, RegExp]> = [
        ["cat", "", 400, /argument "ipfs-path" is required/],
        ["cat", "arg=", 400, /argument "ipfs-path" is required/],
        ["cat", "arg=zzz", 400, /invalid CID "zzz"/],
        ["cat", "arg=%", 400, /invalid CID "%"/],
        ["cat", "arg=/ipns/example.com", 400, /\/ipfs\/ paths only/],
        ["cat", `arg=${held.dir}/../hello.txt`, 400, /"\." and "\.\."/],
        ["cat", `arg=${held.dir}/nope.txt`, 404, /nope|not/],
        ["cat", `arg=${held.file}/deeper`, 404, /./],
        ["cat", `arg=${held.dir}`, 400, /is a directory/],
        ["cat", `arg=${held.big}/inside/a-file`, 404, /is a file, not a directory/],
        ["cat", `arg=${held.file}&offset=x`, 400, /"offset" must be a whole number/],
        ["cat", `arg=${held.file}&offset=-1`, 400, /"offset" must be a whole number/],
        ["cat", `arg=${held.file}&offset=99999999999999999999`, 400, /"offset" must be a whole number/],
        ["cat", `arg=${held.file}&offset=100`, 400, /offset was past the end of file \(100 > 6\)/],
        ["cat", `arg=${held.file}&length=1e3`, 400, /"length" must be a whole number/],
        ["cat", `arg=${cbor}`, 400, /./],
        ["block/get", "", 400, /argument "cid" is required/],
        ["block/get", "arg=not-a-cid", 400, /invalid CID/],
        ["block/get", `arg=${absent}`, 404, /not found locally/],
        ["block/get", `arg=${held.dir}/nope`, 404, /./],
        ["block/stat", "", 400, /argument "cid" is required/],
        ["block/stat", "arg=Qm", 400, /invalid CID/],
        ["block/stat", `arg=${absent}`, 404, /not found locally/],
        ["pin/add", "", 400, /argument "ipfs-path" is required/],
        ["pin/add", "arg=zzz", 400, /invalid CID/],
        ["pin/add", `arg=${absent}`, 404, /not found locally/],
        ["pin/add", `arg=${held.file}&arg=${absent}`, 404, /not found locally/],
        ["pin/add", `arg=${held.file}&recursive=maybe`, 400, /"recursive" must be true or false/],
        ["pin/add", `arg=${cbor}`, 400, /neither raw nor dag-pb/],
        ["swarm/peers", "", 404, /unknown command/],
        ["", "", 404, /unknown command/],
      ];
      for (const [command, query, status, message] of cases) {
        await expectError(await post(command, query), status, message, `${command}?${query}`);
      }
    });

    it("ignores unknown options on commands without arguments", async () => {
      expect((await post("id", "arg=zzz&foo=bar")).status).toBe(200);
      expect((await post("version", "number=true")).status).toBe(200);
      expect((await post("repo/stat", "size-only=maybe")).status).toBe(200);
    });

    it("answers 405 to every method but POST, on every command", async () => {
      for (const command of ["add", "cat", "block/get", "block/stat", "pin/add", "repo/stat", "id", "version"]) {
        for (const method of ["GET", "PUT", "DELETE"]) {
          const response = await fetch(`${node.apiUrl}/api/v0/${command}`, { method });
          await expectError(response, 405, /accepts POST only/, `${method} ${command}`);
        }
      }
    });

    it("refuses a pin of a DAG with a block missing, and pins nothing of it", async () => {
      const bytes = new Uint8Array(50_000).map((_, i) => (i * 13) % 256);
      const { lines } = await kuboAdd(node.apiUrl, [{ name: "p", bytes }], {
        "cid-version": "1",
        chunker: "size-10000",
        pin: "false",
      });
      const root = CID.parse(String(lines[0]?.Hash));
      const lastLeaf = CID.parse(await computeRawCid(bytes.subarray(40_000)));
      await node.helia.blockstore.delete(lastLeaf);
      await expectError(await post("pin/add", `arg=${root}`), 404, /not found locally/, "partial DAG");
      expect(await node.helia.pins.isPinned(root)).toBe(false);
    });

    it("stays up when a client leaves in the middle of a download", async () => {
      for (const command of ["cat", "block/get"]) {
        const controller = new AbortController();
        const response = await post(command, `arg=${held.big}`, { signal: controller.signal });
        const reader = response.body!.getReader();
        await reader.read();
        controller.abort();
        await reader.read().catch(() => undefined);
      }
      const whole = await post("cat", `arg=${held.big}`);
      expect(new Uint8Array(await whole.arrayBuffer())).toEqual(held.bigBytes);
    });

    it("answers requests node:http cannot parse with a 4xx in Kubo's shape", async () => {
      const host = new URL(node.apiUrl).host;
      const huge = await rawHttp(node.apiUrl, [
        `POST /api/v0/version HTTP/1.1\r\nHost: ${host}\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`,
      ]);
      expect(huge.status).toBe(431);
      expect(JSON.parse(huge.body)).toMatchObject({ Code: 1, Type: "error" });
      expect(JSON.parse(huge.body).Message).toContain("byte limit");

      const twoFramings = await rawHttp(node.apiUrl, [
        `POST /api/v0/version HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
      ]);
      expect(twoFramings.status).toBe(400);
      expect(JSON.parse(twoFramings.body)).toMatchObject({ Code: 1, Type: "error" });

      const garbage = await rawHttp(node.apiUrl, ["HELLO THERE\r\n\r\n"]);
      expect(garbage.status).toBe(400);
      expect(JSON.parse(garbage.body).Message).toContain("malformed HTTP request");
      expect((await post("version")).status).toBe(200);
    });
  });

  describe("Host check (DNS rebinding)", () => {
    const request = (host: string) =>
      rawHttp(node.apiUrl, [`POST /api/v0/version HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 0\r\n\r\n`]);
    const port = () => new URL(node.apiUrl).port;

    it("answers loopback names with any port", async () => {
      for (const host of [`localhost:${port()}`, `127.0.0.1:${port()}`, `[::1]:${port()}`, "localhost"]) {
        expect((await request(host)).status, host).toBe(200);
      }
    });

    it("refuses any other name with 403 and a message naming the flag", async () => {
      for (const host of [`evil.example:${port()}`, `localhost.evil.example:${port()}`, `10.0.0.1:${port()}`]) {
        const response = await request(host);
        expect(response.status, host).toBe(403);
        const body = JSON.parse(response.body) as { Message: string; Code: number };
        expect(body.Code).toBe(1);
        expect(body.Message).toContain(`host "${host}" is not allowed`);
        expect(body.Message).toContain("--api-allowed-hosts");
      }
      const noHost = await rawHttp(node.apiUrl, ["POST /api/v0/version HTTP/1.0\r\n\r\n"]);
      expect(noHost.status).toBe(403);
    });

    it("answers names given in apiAllowedHosts", async () => {
      const otherDir = await makeTempDir();
      const other = await startTestNode(otherDir.path, { apiAllowedHosts: ["ipfs.internal"] });
      try {
        const allowed = await rawHttp(other.apiUrl, [
          `POST /api/v0/version HTTP/1.1\r\nHost: ipfs.internal:5001\r\nContent-Length: 0\r\n\r\n`,
        ]);
        expect(allowed.status).toBe(200);
      } finally {
        await other.stop();
        await otherDir.remove();
      }
    });
  });
});
