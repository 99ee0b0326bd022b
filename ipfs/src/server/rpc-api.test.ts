import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeRawCid } from "../client.ts";
import type { IpfsNode } from "../node.ts";
import { kuboAdd, makeTempDir, startTestNode } from "../testing.ts";

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

  it("refuses cross-origin browser requests like Kubo", async () => {
    const response = await post("version", "", { headers: { Origin: "http://evil.example" } });
    expect(response.status).toBe(403);
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
});
