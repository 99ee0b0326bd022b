import { createServer, type AddressInfo } from "node:net";
import { Document } from "@gltf-transform/core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchVerified } from "@markspace/ipfs/client";
import { gltfIo } from "@markspace/ipfs/upload";
import type { IpfsNode } from "@markspace/ipfs/node";
import { makeTempDir, startTestNode } from "../../../../../ipfs/src/testing.ts";
import type { ApiErrorBody } from "../_lib/apiError.ts";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { createRateLimiter } from "../_lib/rateLimiter.ts";
import { TEST_UNIT, testUploadGuard } from "../_lib/testUploadGuard.ts";
import { handleUpload, type UploadDependencies, type UploadResult } from "./handleUpload.ts";
import { wavFile } from "./testMedia.ts";

/** A real GLB: one flat grid of `quads` × `quads` quads (2 triangles each) in one primitive. */
async function gridGlb(quads: number): Promise<Uint8Array> {
  const doc = new Document();
  const buffer = doc.createBuffer();
  const positions: number[] = [];
  const indices: number[] = [];
  for (let i = 0; i <= quads; i++) for (let j = 0; j <= quads; j++) positions.push(i / quads, 0, j / quads);
  for (let i = 0; i < quads; i++) {
    for (let j = 0; j < quads; j++) {
      const a = i * (quads + 1) + j;
      const b = a + quads + 1;
      indices.push(a, a + 1, b, b, a + 1, b + 1);
    }
  }
  const primitive = doc
    .createPrimitive()
    .setAttribute(
      "POSITION",
      doc.createAccessor().setType("VEC3").setArray(new Float32Array(positions)).setBuffer(buffer),
    )
    .setIndices(doc.createAccessor().setType("SCALAR").setArray(new Uint32Array(indices)).setBuffer(buffer))
    .setMaterial(doc.createMaterial("paint").setBaseColorFactor([0.7, 0.5, 0.3, 1]));
  doc.createScene("scene").addChild(doc.createNode("grid").setMesh(doc.createMesh("grid").addPrimitive(primitive)));
  return (await gltfIo()).writeBinary(doc);
}

function form(fields: Record<string, string>, file?: { name: string; bytes: Uint8Array; type?: string }): Request {
  const body = new FormData();
  for (const [key, value] of Object.entries(fields)) body.append(key, value);
  if (file)
    body.append(
      "file",
      new Blob([new Uint8Array(file.bytes)], { type: file.type ?? "application/octet-stream" }),
      file.name,
    );
  return new Request("http://app.test/api/uploads", { method: "POST", body });
}

let node: IpfsNode;
let dir: Awaited<ReturnType<typeof makeTempDir>>;
const { guard, sign } = testUploadGuard();
const deps = () => ({ guard, ipfsApiUrl: () => node.apiUrl });
/** The route called with `request` signed by the unit's decorator. */
async function upload(request: Request, dependencies: Partial<UploadDependencies> = {}): Promise<Response> {
  for (const [name, value] of Object.entries(await sign("upload"))) request.headers.set(name, value);
  return handleUpload(request, { ...deps(), ...dependencies });
}

beforeAll(async () => {
  dir = await makeTempDir();
  node = await startTestNode(dir.path);
});
afterAll(async () => {
  await node?.stop();
  await dir?.remove();
});

describe("POST /api/uploads", () => {
  it("validates, measures and stores a GLB on IPFS", async () => {
    const glb = await gridGlb(10);
    const response = await upload(form({ kind: "model" }, { name: "grid.glb", bytes: glb }));
    expect(response.status).toBe(200);
    const result = (await response.json()) as UploadResult;
    expect(result).toMatchObject({ kind: "model", name: "grid.glb", triangles: 200, drawCalls: 1 });
    expect(Array.isArray(result.warnings)).toBe(true);
    const stored = await fetchVerified(node.gatewayUrl, result.cid, { maxBytes: 1024 * 1024 });
    expect(stored.byteLength).toBe(result.bytes);
    expect(new TextDecoder().decode(stored.subarray(0, 4))).toBe("glTF");
  });

  it("stores a PNG picture and a panorama with their sizes, resizing the panorama to the budget", async () => {
    const png = await sharp({ create: { width: 300, height: 200, channels: 3, background: "#336699" } })
      .png()
      .toBuffer();
    const picture = await upload(form({ kind: "image" }, { name: "p.png", bytes: png }));
    expect(picture.status).toBe(200);
    expect(await picture.json()).toMatchObject({ kind: "image", width: 300, height: 200, warnings: [] });

    const wide = await sharp({ create: { width: 8192, height: 4096, channels: 3, background: "#88aacc" } })
      .jpeg()
      .toBuffer();
    const panorama = await upload(form({ kind: "panorama" }, { name: "room.jpg", bytes: wide }));
    const result = (await panorama.json()) as UploadResult;
    expect(result).toMatchObject({ kind: "panorama", width: 4096, height: 2048 });
    expect(result.warnings[0]).toMatch(/Resized from 8192 × 4096/);
  });

  it("stores audio and video as uploaded, with the type read from the container", async () => {
    const wav = wavFile();
    const audio = await upload(form({ kind: "audio" }, { name: "tone.wav", bytes: wav, type: "video/mp4" }));
    expect(audio.status).toBe(200);
    const result = (await audio.json()) as UploadResult;
    expect(result).toMatchObject({ kind: "audio", name: "tone.wav", mimeType: "audio/wav", bytes: wav.byteLength });
    const stored = await fetchVerified(node.gatewayUrl, result.cid, { maxBytes: 1024 * 1024 });
    expect(stored).toEqual(wav);
    const video = await upload(form({ kind: "video" }, { name: "tone.mp4", bytes: wav }));
    expect(video.status).toBe(415);
    expect(await video.json()).toMatchObject({ field: "file", error: "tone.mp4 is not an MP4 or WebM video" });
  });

  it("refuses an unsigned request, another account's, and a client over its rate", async () => {
    const png = await sharp({ create: { width: 20, height: 20, channels: 3, background: "#ffffff" } })
      .png()
      .toBuffer();
    const unsigned = await handleUpload(form({ kind: "image" }, { name: "a.png", bytes: png }), deps());
    expect(unsigned.status).toBe(401);
    expect(await unsigned.json()).toMatchObject({ field: "authorization", error: expect.stringMatching(/not signed/) });

    const stranger = privateKeyToAccount(generatePrivateKey());
    const request = form({ kind: "image" }, { name: "a.png", bytes: png });
    for (const [name, value] of Object.entries(await sign("upload", stranger))) request.headers.set(name, value);
    const refused = await handleUpload(request, deps());
    expect(refused.status).toBe(403);
    expect((await refused.json()).error).toMatch(`${stranger.address} may not decorate unit ${TEST_UNIT}`);

    const strict = { ...guard, rateLimiter: createRateLimiter({ capacity: 1, refillPerMinute: 1 }) };
    const first = await handleUpload(form({ kind: "image" }, { name: "a.png", bytes: png }), {
      ...deps(),
      guard: strict,
    });
    expect(first.status).toBe(401);
    const second = await handleUpload(form({ kind: "image" }, { name: "a.png", bytes: png }), {
      ...deps(),
      guard: strict,
    });
    expect(second.status).toBe(429);
    expect(second.headers.get("retry-after")).toBe("60");
    expect(await second.json()).toMatchObject({ field: "rate" });
  });

  it("refuses a model over the triangle budget naming the limit", async () => {
    const response = await upload(form({ kind: "model" }, { name: "big.glb", bytes: await gridGlb(180) }));
    expect(response.status).toBe(422);
    const body = (await response.json()) as ApiErrorBody;
    expect(body).toMatchObject({ field: "triangles", measured: 64_800, limit: 60_000 });
    expect(body.error).toMatch(/big\.glb has 64,800 triangles, over the unit limit of 60,000 triangles/);
  });

  it("refuses a body over the size limit before reading it", async () => {
    const request = new Request("http://app.test/api/uploads", {
      method: "POST",
      headers: { "content-type": "multipart/form-data; boundary=x", "content-length": String(50 * 1024 * 1024) },
      body: "--x--",
    });
    const response = await upload(request);
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ field: "file", limit: 40 * 1024 * 1024 });
  });

  it("refuses a streamed body that passes the limit while it arrives", async () => {
    const chunk = new Uint8Array(64 * 1024);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.byteLength;
        if (sent > 2 * 1024 * 1024) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const request = new Request("http://app.test/api/uploads", {
      method: "POST",
      headers: { "content-type": "multipart/form-data; boundary=x" },
      body,
      duplex: "half",
    } as RequestInit);
    const response = await upload(request, { maxFileBytes: 512 * 1024 });
    expect(response.status).toBe(413);
    expect(sent).toBeLessThan(2 * 1024 * 1024);
  });

  it("names the bad field: kind, file, a broken model, a panorama of the wrong shape", async () => {
    const png = await sharp({ create: { width: 300, height: 200, channels: 3, background: "#000000" } })
      .png()
      .toBuffer();
    const cases: Array<[Request, number, string]> = [
      [form({ kind: "sculpture" }, { name: "a.png", bytes: png }), 400, "kind"],
      [form({ kind: "video" }, { name: "a.mp4", bytes: png }), 415, "file"],
      [form({ kind: "audio" }, { name: "a.mp3", bytes: png }), 415, "file"],
      [form({}, { name: "a.png", bytes: png }), 400, "kind"],
      [form({ kind: "image" }), 400, "file"],
      [form({ kind: "model" }, { name: "x.glb", bytes: new TextEncoder().encode("glTF but not really") }), 422, "file"],
      [form({ kind: "image" }, { name: "x.png", bytes: new TextEncoder().encode("no image") }), 422, "file"],
      [form({ kind: "panorama" }, { name: "flat.png", bytes: png }), 422, "file"],
      [new Request("http://app.test/api/uploads", { method: "POST", body: "{}" }), 415, "body"],
    ];
    for (const [request, status, field] of cases) {
      const response = await upload(request);
      const body = (await response.json()) as ApiErrorBody;
      expect({ status: response.status, field: body.field }, body.error).toEqual({ status, field });
    }
  });

  it("answers 502 when the IPFS node cannot store a valid file", async () => {
    const png = await sharp({ create: { width: 20, height: 20, channels: 3, background: "#ffffff" } })
      .png()
      .toBuffer();
    // A port that was just free: nothing listens there.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const response = await upload(form({ kind: "image" }, { name: "a.png", bytes: png }), {
      ipfsApiUrl: () => `http://127.0.0.1:${port}`,
    });
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ field: "file", error: expect.stringMatching(/could not be stored/) });
  });
});
