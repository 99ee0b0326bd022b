import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addBytes } from "@markspace/ipfs/client";
import { IpfsContentTooLargeError, IpfsUnsupportedCidError, IpfsVerificationError } from "@markspace/ipfs/errors";
import type { IpfsNode } from "@markspace/ipfs/node";
import { makeTempDir, startTestNode } from "../../../ipfs/src/testing.ts";
import { loadVerifiedModel } from "../scene/sceneAssets.ts";
import { fetchVerifiedContent, type ContentProgress } from "./fetchVerifiedContent.ts";
import { bigGlb } from "./testing/bigGlb.ts";

const TEN_MIB = 10 * 1024 * 1024;

let dir: Awaited<ReturnType<typeof makeTempDir>>;
let node: IpfsNode;
let glb: Uint8Array;
let glbCid: string;
let smallCid: string;
const small = new TextEncoder().encode("one small block");

/**
 * A gateway in front of the real one that alters its answers: `flip` changes one byte at that
 * offset of the body, `cut` stops the body after that many bytes, `append` adds bytes at the end.
 */
let proxy: Server;
let proxyUrl: string;
let alter: { flip?: number; cut?: number; append?: Uint8Array } = {};

beforeAll(async () => {
  dir = await makeTempDir();
  node = await startTestNode(dir.path);
  glb = bigGlb(TEN_MIB);
  glbCid = await addBytes(node.apiUrl, glb, { name: "big.glb" });
  smallCid = await addBytes(node.apiUrl, small);
  proxy = createServer((req, res) => {
    void (async () => {
      const upstream = await fetch(`${node.gatewayUrl}${req.url}`, {
        headers: { accept: req.headers.accept ?? "*/*" },
      });
      let body = new Uint8Array(await upstream.arrayBuffer());
      if (alter.flip !== undefined) {
        body = body.slice();
        body[alter.flip] = body[alter.flip]! ^ 0xff;
      }
      if (alter.cut !== undefined) body = body.subarray(0, alter.cut);
      if (alter.append) body = Buffer.concat([body, alter.append]);
      res.writeHead(upstream.status, { "content-type": upstream.headers.get("content-type") ?? "" }).end(body);
    })();
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => proxy.close(resolve));
  await node.stop();
  await dir.remove();
});

describe("fetchVerifiedContent", () => {
  it("loads a 10 MiB GLB stored as many blocks, verified block by block, with progress", async () => {
    expect(glbCid).toMatch(/^bafybei/); // dag-pb root: more than one block
    const progress: ContentProgress[] = [];
    const bytes = await fetchVerifiedContent(node.gatewayUrl, glbCid, {
      maxBytes: TEN_MIB + 1024,
      onProgress: (p) => progress.push(p),
    });
    expect(bytes.length).toBe(glb.length);
    expect(Buffer.from(bytes).equals(Buffer.from(glb))).toBe(true);
    // One report per verified leaf (10 of 1 MiB and a rest) plus the root and the end.
    expect(progress.length).toBeGreaterThanOrEqual(11);
    expect(progress.at(-1)).toEqual({ received: glb.length, total: glb.length });
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i]!.received).toBeGreaterThanOrEqual(progress[i - 1]!.received);
    }
    expect(progress.filter((p) => p.total === glb.length).length).toBeGreaterThan(5);
  });

  it("parses the multi-block GLB into a model (the scene's loader)", async () => {
    const gltf = await loadVerifiedModel(node.gatewayUrl, glbCid);
    let vertices = 0;
    gltf.scene.traverse((child) => {
      const geometry = (child as { geometry?: { attributes: { position: { count: number } } } }).geometry;
      if (geometry) vertices += geometry.attributes.position.count;
    });
    expect(vertices).toBe(Math.floor((TEN_MIB - 4096) / 36) * 3);
  });

  it("refuses a CAR in which one block was altered", async () => {
    alter = { flip: 5 * 1024 * 1024 };
    try {
      const error = await fetchVerifiedContent(proxyUrl, glbCid, { maxBytes: TEN_MIB + 1024 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IpfsVerificationError);
      expect((error as Error).message).toMatch(/expected sha2-256/);
    } finally {
      alter = {};
    }
  });

  it("refuses a CAR that leaves blocks out", async () => {
    alter = { cut: 3 * 1024 * 1024 };
    try {
      await expect(fetchVerifiedContent(proxyUrl, glbCid, { maxBytes: TEN_MIB + 1024 })).rejects.toBeInstanceOf(
        IpfsVerificationError,
      );
    } finally {
      alter = {};
    }
  });

  it("refuses a block no verified block links to", async () => {
    // A valid CAR section for an unrelated raw block, appended to the real CAR.
    const { CID } = await import("multiformats/cid");
    const { sha256 } = await import("multiformats/hashes/sha2");
    const { varint } = await import("multiformats");
    const extra = new TextEncoder().encode("not part of the file");
    const cid = CID.createV1(0x55, await sha256.digest(extra));
    const length = cid.bytes.length + extra.length;
    const section = new Uint8Array(varint.encodingLength(length) + length);
    varint.encodeTo(length, section, 0);
    section.set(cid.bytes, varint.encodingLength(length));
    section.set(extra, varint.encodingLength(length) + cid.bytes.length);
    alter = { append: section };
    try {
      await expect(fetchVerifiedContent(proxyUrl, glbCid, { maxBytes: TEN_MIB + 1024 })).rejects.toThrow(
        /no verified block links to/,
      );
    } finally {
      alter = {};
    }
  });

  it("refuses content larger than allowed from the root's declared size", async () => {
    const error = await fetchVerifiedContent(node.gatewayUrl, glbCid, { maxBytes: 1024 * 1024 }).catch((e) => e);
    expect(error).toBeInstanceOf(IpfsContentTooLargeError);
    expect((error as IpfsContentTooLargeError).size).toBe(glb.length);
  });

  it("verifies single raw blocks and refuses an altered one", async () => {
    expect(smallCid).toMatch(/^bafkrei/);
    const bytes = await fetchVerifiedContent(node.gatewayUrl, smallCid, { maxBytes: 1024 });
    expect(new TextDecoder().decode(bytes)).toBe("one small block");
    alter = { flip: 0 };
    try {
      await expect(fetchVerifiedContent(proxyUrl, smallCid, { maxBytes: 1024 })).rejects.toBeInstanceOf(
        IpfsVerificationError,
      );
    } finally {
      alter = {};
    }
  });

  it("refuses codecs it cannot verify as a file", async () => {
    const dagCbor = "bafyreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku";
    await expect(fetchVerifiedContent(node.gatewayUrl, dagCbor, { maxBytes: 1024 })).rejects.toBeInstanceOf(
      IpfsUnsupportedCidError,
    );
  });
});
