import { CarReader } from "@ipld/car";
import { CID } from "multiformats/cid";
import { identity } from "multiformats/hashes/identity";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { computeRawCid } from "../client.ts";
import { encodePng } from "../demo/png.ts";
import { MeshBuilder } from "../demo/mesh.ts";
import type { IpfsNode } from "../node.ts";
import { kuboAdd, makeTempDir, rawHttp, startTestNode, watchUnhandledRejections } from "../testing.ts";

const UNKNOWN_CID = "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy";

describe("path gateway", () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let node: IpfsNode;
  const files: Record<string, { bytes: Uint8Array; cid: string }> = {};

  /** Adds one file as Kubo would with CIDv1 + raw leaves and remembers its CID. */
  async function add(key: string, bytes: Uint8Array, query: Record<string, string> = {}) {
    const { lines } = await kuboAdd(node.apiUrl, [{ name: key, bytes }], { "cid-version": "1", ...query });
    const cid = String(lines.at(-1)?.Hash);
    files[key] = { bytes, cid };
    return cid;
  }

  beforeAll(async () => {
    dir = await makeTempDir();
    node = await startTestNode(dir.path);
    await add("json", new TextEncoder().encode(JSON.stringify({ version: 1, name: "room" })));
    await add("gltf", new TextEncoder().encode(JSON.stringify({ asset: { version: "2.0" }, scenes: [] })));
    await add("png", encodePng({ width: 2, height: 2, pixels: new Uint8Array(12).fill(200) }));
    await add(
      "glb",
      await new MeshBuilder({ m: { color: "#ff0000", roughness: 1, metalness: 0 } })
        .box("m", [1, 1, 1], { at: [0, 0.5, 0] })
        .toGlb("cube"),
    );
    await add("jpeg", Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]));
    // Larger than one chunk: a balanced dag-pb file with raw leaves, streamed in ranges.
    const big = new Uint8Array(300_000).map((_, i) => (i * 31) % 251);
    await add("big", big, { chunker: "size-65536" });
  });
  afterAll(async () => {
    await node.stop();
    await dir.remove();
  });

  const get = (path: string, init?: RequestInit) => fetch(`${node.gatewayUrl}${path}`, init);

  it("serves the bytes that were added, with CIDv1 raw CIDs for single-block files", async () => {
    for (const key of ["json", "png", "glb", "jpeg"]) {
      const { bytes, cid } = files[key]!;
      expect(cid).toBe(await computeRawCid(bytes));
      const response = await get(`/ipfs/${cid}`);
      expect(response.status).toBe(200);
      expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes);
    }
  });

  it("sniffs the content type from the bytes", async () => {
    const types: Record<string, string> = {
      json: "application/json",
      gltf: "model/gltf+json",
      png: "image/png",
      glb: "model/gltf-binary",
      jpeg: "image/jpeg",
      big: "application/octet-stream",
    };
    for (const [key, type] of Object.entries(types)) {
      expect((await get(`/ipfs/${files[key]!.cid}`, { method: "HEAD" })).headers.get("content-type")).toBe(type);
    }
  });

  it("sends length, immutable caching, the CID as ETag and CORS headers", async () => {
    const { cid, bytes } = files.png!;
    const response = await get(`/ipfs/${cid}`);
    expect(response.headers.get("content-length")).toBe(String(bytes.length));
    expect(response.headers.get("etag")).toBe(`"${cid}"`);
    expect(response.headers.get("cache-control")).toContain("immutable");
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("x-ipfs-path")).toBe(`/ipfs/${cid}`);
  });

  it("answers HEAD with the headers of GET and no body", async () => {
    const { cid, bytes } = files.glb!;
    const response = await get(`/ipfs/${cid}`, { method: "HEAD" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-length")).toBe(String(bytes.length));
    expect((await response.arrayBuffer()).byteLength).toBe(0);
  });

  it("answers a CORS preflight", async () => {
    const response = await get(`/ipfs/${files.png!.cid}`, {
      method: "OPTIONS",
      headers: { Origin: "http://localhost:3000", "Access-Control-Request-Method": "GET" },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-allow-headers")).toContain("Range");
  });

  it("serves byte ranges of small and multi-block files", async () => {
    const small = files.json!;
    const partial = await get(`/ipfs/${small.cid}`, { headers: { Range: "bytes=2-5" } });
    expect(partial.status).toBe(206);
    expect(partial.headers.get("content-range")).toBe(`bytes 2-5/${small.bytes.length}`);
    expect(new Uint8Array(await partial.arrayBuffer())).toEqual(small.bytes.subarray(2, 6));

    const big = files.big!;
    expect(CID.parse(big.cid).code).toBe(0x70); // dag-pb root over several raw leaves
    const middle = await get(`/ipfs/${big.cid}`, { headers: { Range: "bytes=65000-200000" } });
    expect(middle.status).toBe(206);
    expect(middle.headers.get("content-length")).toBe("135001");
    expect(new Uint8Array(await middle.arrayBuffer())).toEqual(big.bytes.subarray(65000, 200001));
    const suffix = await get(`/ipfs/${big.cid}`, { headers: { Range: "bytes=-10" } });
    expect(new Uint8Array(await suffix.arrayBuffer())).toEqual(big.bytes.subarray(big.bytes.length - 10));
    const whole = await get(`/ipfs/${big.cid}`);
    expect(new Uint8Array(await whole.arrayBuffer())).toEqual(big.bytes);
  });

  it("answers 416 for a range past the end", async () => {
    const response = await get(`/ipfs/${files.json!.cid}`, { headers: { Range: "bytes=9999-" } });
    expect(response.status).toBe(416);
    expect(response.headers.get("content-range")).toBe(`bytes */${files.json!.bytes.length}`);
  });

  it("answers 304 when the ETag matches", async () => {
    const { cid } = files.png!;
    const response = await get(`/ipfs/${cid}`, { headers: { "If-None-Match": `"${cid}"` } });
    expect(response.status).toBe(304);
  });

  it("answers 404 at once for content it does not hold", async () => {
    const started = performance.now();
    const response = await get(`/ipfs/${UNKNOWN_CID}`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain(UNKNOWN_CID);
    expect(performance.now() - started).toBeLessThan(2000);
    expect((await get(`/ipfs/${UNKNOWN_CID}?format=raw`)).status).toBe(404);
    expect((await get(`/ipfs/${UNKNOWN_CID}?format=car`)).status).toBe(404);
  });

  it("answers 400 naming a malformed CID", async () => {
    const response = await get("/ipfs/not-a-cid");
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('invalid CID "not-a-cid"');
  });

  it("answers 405 to methods other than GET and HEAD", async () => {
    const response = await get(`/ipfs/${files.json!.cid}`, { method: "POST" });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toContain("GET");
  });

  it("answers 404 outside /ipfs/ and 400 for an unknown format", async () => {
    expect((await get("/ipns/example.com")).status).toBe(404);
    expect((await get(`/ipfs/${files.json!.cid}?format=tar`)).status).toBe(400);
  });

  describe("trustless responses", () => {
    it("returns the raw block for ?format=raw and for Accept: application/vnd.ipld.raw", async () => {
      const { cid, bytes } = files.png!;
      for (const response of [
        await get(`/ipfs/${cid}?format=raw`),
        await get(`/ipfs/${cid}`, { headers: { Accept: "application/vnd.ipld.raw" } }),
      ]) {
        expect(response.status).toBe(200);
        expect(response.headers.get("content-type")).toBe("application/vnd.ipld.raw");
        expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes);
      }
    });

    it("returns the dag-pb root block, not the file, for a multi-block file", async () => {
      const response = await get(`/ipfs/${files.big!.cid}?format=raw`);
      const block = new Uint8Array(await response.arrayBuffer());
      expect(block.length).toBeLessThan(1000);
      expect(block.length).toBeGreaterThan(0);
    });

    it("returns a CAR with every block of the DAG for ?format=car", async () => {
      const { cid, bytes } = files.big!;
      const response = await get(`/ipfs/${cid}?format=car`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toContain("application/vnd.ipld.car");
      const reader = await CarReader.fromBytes(new Uint8Array(await response.arrayBuffer()));
      expect((await reader.getRoots()).map(String)).toEqual([cid]);
      const leaves: Uint8Array[] = [];
      for await (const block of reader.blocks()) if (block.cid.code === 0x55) leaves.push(block.bytes);
      expect(leaves).toHaveLength(5); // 300 000 bytes in 65 536-byte chunks
      expect(Buffer.concat(leaves)).toEqual(Buffer.from(bytes));
      expect(response.headers.get("content-type")).toBe("application/vnd.ipld.car; version=1; order=dfs; dups=n");
    });

    it("honours dag-scope: all and entity send the whole file, block only the root", async () => {
      const { cid } = files.big!;
      const blocksOf = async (query: string) => {
        const response = await get(`/ipfs/${cid}?format=car&${query}`);
        expect(response.status).toBe(200);
        const reader = await CarReader.fromBytes(new Uint8Array(await response.arrayBuffer()));
        const cids: string[] = [];
        for await (const block of reader.blocks()) cids.push(block.cid.toString());
        return cids;
      };
      const all = await blocksOf("dag-scope=all");
      expect(all).toHaveLength(6); // the dag-pb root and five leaves
      expect(await blocksOf("dag-scope=entity")).toEqual(all);
      expect(await blocksOf("dag-scope=block")).toEqual([cid]);
      const bad = await get(`/ipfs/${cid}?format=car&dag-scope=everything`);
      expect(bad.status).toBe(400);
      expect(await bad.text()).toMatch(/unsupported dag-scope "everything"/);
    });
  });

  describe("directories", () => {
    let dirCid: string;
    beforeAll(async () => {
      const { lines } = await kuboAdd(
        node.apiUrl,
        [
          { name: "site/index.html", bytes: new TextEncoder().encode("<!doctype html><p>hi</p>") },
          { name: "site/models/cube.glb", bytes: files.glb!.bytes },
          { name: "site/scene.json", bytes: files.json!.bytes },
        ],
        { "cid-version": "1", "wrap-with-directory": "true" },
      );
      dirCid = String(lines.at(-1)?.Hash);
    });

    it("serves files by path with the type from their extension", async () => {
      const response = await get(`/ipfs/${dirCid}/site/models/cube.glb`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("model/gltf-binary");
      expect(response.headers.get("etag")).toBe(`"${files.glb!.cid}"`);
      expect(new Uint8Array(await response.arrayBuffer())).toEqual(files.glb!.bytes);
      expect((await get(`/ipfs/${dirCid}/site/scene.json`)).headers.get("content-type")).toBe("application/json");
    });

    it("redirects a directory to its trailing-slash URL and serves index.html there", async () => {
      const redirect = await get(`/ipfs/${dirCid}/site`, { redirect: "manual" });
      expect(redirect.status).toBe(301);
      expect(redirect.headers.get("location")).toBe(`/ipfs/${dirCid}/site/`);
      const index = await get(`/ipfs/${dirCid}/site/`);
      expect(index.headers.get("content-type")).toContain("text/html");
      expect(await index.text()).toContain("<p>hi</p>");
    });

    it("lists a directory without index.html", async () => {
      const listing = await get(`/ipfs/${dirCid}/site/models/`);
      expect(await listing.text()).toContain("cube.glb");
    });

    it("answers 404 for a missing path", async () => {
      const response = await get(`/ipfs/${dirCid}/site/nope.png`);
      expect(response.status).toBe(404);
    });
  });

  describe("user HTML", () => {
    const page = "<!doctype html><title>t</title><script>document.cookie='x=1'</script><p>hi</p>";
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
    let dirCid: string;
    beforeAll(async () => {
      await add("html-sniffed", new TextEncoder().encode(page));
      const { lines } = await kuboAdd(
        node.apiUrl,
        [
          { name: "user/page.html", bytes: new TextEncoder().encode(page) },
          { name: "user/logo.svg", bytes: new TextEncoder().encode(svg) },
          { name: "user/app/index.html", bytes: new TextEncoder().encode(page) },
          { name: "user/list/a.txt", bytes: new TextEncoder().encode("a") },
        ],
        { "cid-version": "1", "wrap-with-directory": "true" },
      );
      dirCid = String(lines.at(-1)?.Hash);
    });

    it("serves HTML and SVG with a sandboxing CSP and nosniff, so no script runs on the gateway's origin", async () => {
      for (const path of [
        `/ipfs/${files["html-sniffed"]!.cid}`,
        `/ipfs/${dirCid}/user/page.html`,
        `/ipfs/${dirCid}/user/logo.svg`,
        `/ipfs/${dirCid}/user/app/`,
        `/ipfs/${dirCid}/user/list/`,
      ]) {
        const response = await get(path);
        expect(response.status, path).toBe(200);
        expect(response.headers.get("content-type"), path).toMatch(/^(text\/html|image\/svg\+xml)/);
        const csp = response.headers.get("content-security-policy");
        expect(csp, path).toBe("sandbox");
        expect(csp, path).not.toContain("allow-same-origin");
        expect(response.headers.get("x-content-type-options"), path).toBe("nosniff");
      }
    });

    it("sends the same two headers on every other answer too", async () => {
      for (const path of [`/ipfs/${files.png!.cid}`, `/ipfs/${files.png!.cid}?format=raw`, "/ipfs/not-a-cid", "/"]) {
        const response = await get(path);
        expect(response.headers.get("content-security-policy"), path).toBe("sandbox");
        expect(response.headers.get("x-content-type-options"), path).toBe("nosniff");
      }
    });
  });

  describe("bad requests", () => {
    let rejections: ReturnType<typeof watchUnhandledRejections>;
    beforeEach(() => {
      rejections = watchUnhandledRejections();
    });
    afterEach(async () => {
      expect(await rejections.stop()).toEqual([]);
      expect((await get(`/ipfs/${files.json!.cid}`)).status).toBe(200);
    });

    it("answers bad paths with a 4xx naming the problem", async () => {
      const dag = CID.createV1(0x71, identity.digest(Uint8Array.of(0xa0))); // dag-cbor {}, inline
      const cases: Array<[string, number, RegExp]> = [
        ["/ipfs/", 404, /serves \/ipfs\/<cid>/],
        ["/ipfs/%zz", 400, /percent-encoded/],
        ["/ipfs/Qm", 400, /invalid CID "Qm"/],
        [`/ipfs/${files.json!.cid}/deeper`, 404, /not found/],
        [`/ipfs/${files.big!.cid}/inside/a-file`, 404, /is a file, not a directory/],
        [`/ipfs/${files.json!.cid}/%0A`, 404, /not found/],
        [`/ipfs/${files.json!.cid}/..%2F..%2Fetc`, 404, /not found/],
        [`/ipfs/${dag}`, 501, /not UnixFS/],
        [`/ipfs/${dag}?format=car`, 501, /neither raw nor dag-pb/],
        [`/ipfs/${files.json!.cid}?format=`, 400, /unsupported format/],
      ];
      for (const [path, status, message] of cases) {
        const response = await get(path);
        expect(response.status, path).toBe(status);
        expect(await response.text(), path).toMatch(message);
      }
    });

    it("serves names outside Latin-1 and encodes them in X-Ipfs-Path", async () => {
      const { lines } = await kuboAdd(
        node.apiUrl,
        [{ name: "名前/ファイル.txt", bytes: new TextEncoder().encode("unicode") }],
        { "cid-version": "1" },
      );
      const dir = String(lines.at(-1)?.Hash);
      const response = await get(`/ipfs/${dir}/${encodeURIComponent("ファイル.txt")}`);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe("unicode");
      expect(response.headers.get("x-ipfs-path")).toBe(`/ipfs/${dir}/${encodeURIComponent("ファイル.txt")}`);
    });

    it("answers odd Range headers with the whole body, a part or 416, never an error", async () => {
      const { cid, bytes } = files.big!;
      const cases: Array<[string, number]> = [
        ["bytes=0-0,5-6", 200],
        ["bytes=abc", 200],
        ["items=0-10", 200],
        ["bytes=-", 200],
        ["bytes = 1-2", 200],
        ["bytes=0-", 206],
        ["bytes=0-99999999999999999999", 206],
        ["bytes=-99999999999999999999", 206],
        ["bytes=99999999999999999999-", 416],
        ["bytes=5-2", 416],
        ["bytes=-0", 416],
      ];
      for (const [range, status] of cases) {
        for (const path of [`/ipfs/${cid}`, `/ipfs/${files.json!.cid}`]) {
          const response = await get(path, { headers: { Range: range } });
          expect(response.status, `${range} ${path}`).toBe(status);
          await response.arrayBuffer();
        }
      }
      const whole = await get(`/ipfs/${cid}`, { headers: { Range: "bytes=0-" } });
      expect(new Uint8Array(await whole.arrayBuffer())).toEqual(bytes);
    });

    it("stays up when a client leaves in the middle of a file or a CAR", async () => {
      for (const path of [`/ipfs/${files.big!.cid}`, `/ipfs/${files.big!.cid}?format=car`]) {
        const controller = new AbortController();
        const response = await get(path, { signal: controller.signal });
        const reader = response.body!.getReader();
        await reader.read();
        controller.abort();
        await reader.read().catch(() => undefined);
      }
    });

    it("answers requests node:http cannot parse with a 4xx in plain text", async () => {
      const host = new URL(node.gatewayUrl).host;
      const huge = await rawHttp(node.gatewayUrl, [
        `GET / HTTP/1.1\r\nHost: ${host}\r\nCookie: ${"c".repeat(20_000)}\r\n\r\n`,
      ]);
      expect(huge.status).toBe(431);
      expect(huge.headers["content-type"]).toContain("text/plain");
      expect(huge.body).toContain("byte limit");
      const garbage = await rawHttp(node.gatewayUrl, ["GET /ipfs/\u0000 NOPE\r\n\r\n"]);
      expect(garbage.status).toBe(400);
    });
  });
});
