import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { CID } from "multiformats/cid";
import * as raw from "multiformats/codecs/raw";
import { identity } from "multiformats/hashes/identity";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { addBytes, addJson, computeRawCid, fetchVerified, fetchVerifiedJson } from "./client.ts";
import {
  IpfsContentTooLargeError,
  IpfsInvalidCidError,
  IpfsProtocolError,
  IpfsRequestError,
  IpfsUnsupportedCidError,
  IpfsVerificationError,
} from "./errors.ts";
import type { IpfsNode } from "./node.ts";
import { makeTempDir, startTestNode } from "./testing.ts";

/** A tiny HTTP server on 127.0.0.1 standing in for a dishonest or odd gateway/API. */
async function fakeServer(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe("client against the embedded node", () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let node: IpfsNode;
  beforeAll(async () => {
    dir = await makeTempDir();
    node = await startTestNode(dir.path);
  });
  afterAll(async () => {
    await node.stop();
    await dir.remove();
  });

  it("adds bytes as a single raw block and fetches them back verified", async () => {
    const bytes = Uint8Array.from({ length: 10_000 }, (_, i) => i % 256);
    const cid = await addBytes(node.apiUrl, bytes, { name: "ramp.bin" });
    expect(cid).toBe(await computeRawCid(bytes));
    expect(CID.parse(cid).code).toBe(raw.code);
    expect(await fetchVerified(node.gatewayUrl, cid, { maxBytes: 20_000 })).toEqual(bytes);
  });

  it("adds JSON and reads it back", async () => {
    const value = { version: 1, name: "a room", list: [1, 2, 3] };
    const cid = await addJson(`${node.apiUrl}/`, value);
    expect(await fetchVerifiedJson(`${node.gatewayUrl}/`, cid, { maxBytes: 1000 })).toEqual(value);
  });

  it("accepts an API URL that already ends in /api/v0", async () => {
    const bytes = new TextEncoder().encode("with prefix");
    expect(await addBytes(`${node.apiUrl}/api/v0`, bytes)).toBe(await computeRawCid(bytes));
  });

  it("refuses content over maxBytes", async () => {
    const cid = await addBytes(node.apiUrl, new Uint8Array(5000));
    await expect(fetchVerified(node.gatewayUrl, cid, { maxBytes: 4999 })).rejects.toBeInstanceOf(
      IpfsContentTooLargeError,
    );
  });

  it("reports a CID the gateway does not have as a request error with its status", async () => {
    const cid = await computeRawCid(new TextEncoder().encode("never added"));
    const error = await fetchVerified(node.gatewayUrl, cid, { maxBytes: 100 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IpfsRequestError);
    expect((error as IpfsRequestError).status).toBe(404);
  });
});

describe("fetchVerified against a dishonest gateway", () => {
  const good = new TextEncoder().encode("the real scene manifest");
  let server: Awaited<ReturnType<typeof fakeServer>>;
  let requests: string[] = [];
  let answer: (res: ServerResponse) => void;
  beforeAll(async () => {
    server = await fakeServer((req, res) => {
      requests.push(`${req.url} ${req.headers.accept}`);
      answer(res);
    });
  });
  afterEach(() => {
    requests = [];
  });
  afterAll(async () => {
    await server.close();
  });

  it("accepts the right bytes and asks for a trustless raw block", async () => {
    const cid = await computeRawCid(good);
    answer = (res) => res.end(good);
    expect(await fetchVerified(server.url, cid, { maxBytes: 1000 })).toEqual(good);
    expect(requests).toEqual([`/ipfs/${cid}?format=raw application/vnd.ipld.raw`]);
  });

  it("rejects tampered bytes, naming the CID", async () => {
    const cid = await computeRawCid(good);
    answer = (res) => res.end(new TextEncoder().encode("the real scene manifesT"));
    const error = await fetchVerified(server.url, cid, { maxBytes: 1000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IpfsVerificationError);
    expect((error as IpfsVerificationError).cid).toBe(cid);
    expect((error as Error).message).toContain(cid);
  });

  it("stops reading a body that grows past maxBytes even without Content-Length", async () => {
    const cid = await computeRawCid(good);
    answer = (res) => {
      res.writeHead(200, { "Transfer-Encoding": "chunked" });
      res.write(new Uint8Array(600));
      res.end(new Uint8Array(600));
    };
    await expect(fetchVerified(server.url, cid, { maxBytes: 1000 })).rejects.toBeInstanceOf(IpfsContentTooLargeError);
  });

  it("rejects CIDs it cannot verify before asking the gateway", async () => {
    const dagPb = "QmZULkCELmmk5XNfCgTnCyFgAVxBRBXyDHGGMVoLFLiXEN";
    await expect(fetchVerified(server.url, dagPb, { maxBytes: 1000 })).rejects.toBeInstanceOf(IpfsUnsupportedCidError);
    await expect(fetchVerified(server.url, "nonsense", { maxBytes: 1000 })).rejects.toBeInstanceOf(IpfsInvalidCidError);
    expect(requests).toEqual([]);
  });

  it("returns identity-hashed content from the CID itself", async () => {
    const cid = CID.createV1(raw.code, identity.digest(good)).toString();
    expect(await fetchVerified(server.url, cid, { maxBytes: 1000 })).toEqual(good);
    expect(requests).toEqual([]);
  });

  it("rejects verified bytes that are not JSON in fetchVerifiedJson", async () => {
    const cid = await computeRawCid(good);
    answer = (res) => res.end(good);
    await expect(fetchVerifiedJson(server.url, cid, { maxBytes: 1000 })).rejects.toThrow(/not UTF-8 JSON/);
  });
});

describe("addBytes against an odd API", () => {
  it("refuses an answer whose CID does not match the bytes", async () => {
    const server = await fakeServer((_req, res) => {
      res.setHeader("Content-Type", "application/json");
      res.end(
        `${JSON.stringify({ Name: "x", Hash: "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy", Size: "1" })}\n`,
      );
    });
    try {
      await expect(addBytes(server.url, new TextEncoder().encode("x"))).rejects.toBeInstanceOf(IpfsProtocolError);
    } finally {
      await server.close();
    }
  });

  it("turns Kubo's JSON error into a request error carrying the message", async () => {
    const server = await fakeServer((_req, res) => {
      res.writeHead(500, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ Message: "pinning quota exceeded", Code: 0, Type: "error" }));
    });
    try {
      const error = await addBytes(server.url, new Uint8Array(1)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IpfsRequestError);
      expect((error as IpfsRequestError).details).toBe("pinning quota exceeded");
    } finally {
      await server.close();
    }
  });

  it("sends the options Kubo needs for single-block raw CIDs", async () => {
    let seen = "";
    const bytes = new TextEncoder().encode("opts");
    const cid = await computeRawCid(bytes);
    const server = await fakeServer((req, res) => {
      seen = `${req.method} ${req.url} ${req.headers.authorization}`;
      res.end(`${JSON.stringify({ Name: "file", Hash: cid, Size: "4" })}\n`);
    });
    try {
      await addBytes(server.url, bytes, { headers: { Authorization: "Bearer t" } });
      expect(seen).toBe("POST /api/v0/add?cid-version=1&raw-leaves=true&chunker=size-1048576&pin=true Bearer t");
    } finally {
      await server.close();
    }
  });

  it("reports an unreachable API without a status", async () => {
    const server = await fakeServer(() => {});
    await server.close();
    const error = await addBytes(server.url, new Uint8Array(1)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IpfsRequestError);
    expect((error as IpfsRequestError).status).toBeUndefined();
  });
});
