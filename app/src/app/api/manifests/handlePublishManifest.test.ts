import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeRawCid, fetchVerifiedJson } from "@markspace/ipfs/client";
import { EMPTY_ROOM, parseSceneManifest } from "@markspace/ipfs/manifest";
import type { IpfsNode } from "@markspace/ipfs/node";
import { makeTempDir, startTestNode } from "../../../../../ipfs/src/testing.ts";
import { testUploadGuard } from "../_lib/testUploadGuard.ts";
import { handlePublishManifest } from "./handlePublishManifest.ts";

let node: IpfsNode;
let dir: Awaited<ReturnType<typeof makeTempDir>>;
beforeAll(async () => {
  dir = await makeTempDir();
  node = await startTestNode(dir.path);
});
afterAll(async () => {
  await node?.stop();
  await dir?.remove();
});

const { guard, sign } = testUploadGuard();
const post = async (body: string, headers?: Record<string, string>) =>
  handlePublishManifest(
    new Request("http://app.test/api/manifests", {
      method: "POST",
      body,
      headers: headers ?? (await sign("publish-manifest")),
    }),
    { guard, ipfsApiUrl: () => node.apiUrl },
  );

describe("POST /api/manifests", () => {
  it("stores a version 1 manifest migrated to the newest version", async () => {
    const model = await computeRawCid(new TextEncoder().encode("model"));
    const v1 = {
      version: 1,
      name: "Old flat",
      room: { width: 6, depth: 6, height: 3 },
      floor: { color: "#aaaaaa" },
      walls: { color: "#eeeeee" },
      objects: [{ name: "Chair", model, position: [0, 0, 0] }],
    };
    const response = await post(JSON.stringify(v1));
    expect(response.status).toBe(200);
    const { cid } = (await response.json()) as { cid: string };
    const stored = parseSceneManifest(await fetchVerifiedJson(node.gatewayUrl, cid, { maxBytes: 1024 * 1024 }));
    expect(stored).toMatchObject({ version: 2, name: "Old flat", objects: [{ name: "Chair", model }] });
  });

  it("refuses a request without a signature, or signed for uploads, before reading the manifest", async () => {
    const unsigned = await post(JSON.stringify(EMPTY_ROOM), {});
    expect(unsigned.status).toBe(401);
    expect(await unsigned.json()).toMatchObject({ field: "authorization" });
    const forUploads = await post(JSON.stringify(EMPTY_ROOM), await sign("upload"));
    expect(forUploads.status).toBe(401);
    expect((await forUploads.json()).error).toBe('The signature allows "upload", not "publish-manifest"');
  });

  it("refuses an invalid manifest naming the field, and a body that is not JSON", async () => {
    const bad = await post(
      JSON.stringify({ ...EMPTY_ROOM, objects: [{ name: "x", model: "nope", position: [0, 0, 0] }] }),
    );
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ field: "objects.0.model" });
    const notJson = await post("{");
    expect(notJson.status).toBe(400);
    const huge = await post(JSON.stringify({ ...EMPTY_ROOM, description: "x".repeat(600 * 1024) }));
    expect(huge.status).toBe(413);
  });
});
