import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeRawCid } from "@markspace/ipfs/client";
import { IpfsVerificationError } from "@markspace/ipfs/errors";
import { EMPTY_ROOM } from "@markspace/ipfs/manifest";
import { decodeSceneManifest, imageMimeType, isGlb, loadSceneManifest, UnitContentError } from "./verifiedContent.ts";

const encoder = new TextEncoder();
const manifestBytes = encoder.encode(JSON.stringify({ ...EMPTY_ROOM, name: "Test room", objects: undefined }));
let manifestCid: string;
let tamperedCid: string;

/** A path gateway serving one good block and one whose bytes do not match its CID. */
let server: Server;
let gateway: string;

beforeAll(async () => {
  manifestCid = await computeRawCid(manifestBytes);
  tamperedCid = await computeRawCid(encoder.encode("the original"));
  server = createServer((req, res) => {
    const cid = new URL(req.url ?? "/", "http://x").pathname.replace("/ipfs/", "");
    if (cid === manifestCid) res.writeHead(200).end(manifestBytes);
    else if (cid === tamperedCid) res.writeHead(200).end(encoder.encode("something else"));
    else res.writeHead(404).end("not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  gateway = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

describe("loadSceneManifest", () => {
  it("returns a verified manifest with its defaults filled in", async () => {
    const manifest = await loadSceneManifest(gateway, manifestCid);
    expect(manifest.name).toBe("Test room");
    expect(manifest.objects).toEqual([]);
  });

  it("refuses bytes that do not hash to the CID", async () => {
    await expect(loadSceneManifest(gateway, tamperedCid)).rejects.toBeInstanceOf(IpfsVerificationError);
  });
});

describe("decodeSceneManifest", () => {
  it("explains JSON that is not a manifest of a version it knows", () => {
    const bytes = encoder.encode(JSON.stringify({ version: 99 }));
    const error = (() => {
      try {
        decodeSceneManifest("bafk-test", bytes);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UnitContentError);
    expect((error as UnitContentError).shortMessage).toBe("The scene manifest bafk-test is not a valid scene manifest");
    expect((error as UnitContentError).details).toMatch(/version/);
  });

  it("explains bytes that are not JSON", () => {
    expect(() => decodeSceneManifest("bafk-test", new Uint8Array([0xff, 0xfe]))).toThrow(/not UTF-8 JSON/);
  });
});

describe("asset sniffing", () => {
  it("recognises PNG and JPEG signatures only", () => {
    expect(imageMimeType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe("image/png");
    expect(imageMimeType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe("image/jpeg");
    expect(imageMimeType(encoder.encode("<svg></svg>"))).toBeUndefined();
  });

  it("recognises binary glTF 2.0", () => {
    const header = new Uint8Array([0x67, 0x6c, 0x54, 0x46, 2, 0, 0, 0, 12, 0, 0, 0]);
    expect(isGlb(header)).toBe(true);
    expect(isGlb(encoder.encode('{"asset":{"version":"2.0"}}'))).toBe(false);
  });
});
