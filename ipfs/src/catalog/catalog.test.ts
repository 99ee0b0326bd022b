import { NodeIO } from "@gltf-transform/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchVerified, fetchVerifiedJson, MAX_SINGLE_BLOCK_BYTES } from "../client.ts";
import type { IpfsNode } from "../node.ts";
import { makeTempDir, startTestNode } from "../testing.ts";
import { UNIT_BUDGET } from "../upload/budget.ts";
import { prepareModel } from "../upload/prepare.ts";
import { validateGltf } from "../upload/validate.ts";
import { buildCatalog, catalogIndexSchema, publishCatalog, type CatalogFile, type CatalogIndex } from "./catalog.ts";

let catalog: { index: CatalogIndex; files: CatalogFile[] };

beforeAll(async () => {
  catalog = await buildCatalog();
});

describe("starter catalog", () => {
  it("has furniture, decor, appliances and frames", () => {
    const ids = catalog.index.items.map((item) => item.id);
    for (const id of ["dining-table", "dining-chair", "sofa", "double-bed", "bookshelf", "floor-lamp"]) {
      expect(ids).toContain(id);
    }
    for (const id of ["potted-plant", "rug", "vase", "fridge", "television", "picture-frame"])
      expect(ids).toContain(id);
    const categories = new Set(catalog.index.items.map((item) => item.category));
    expect([...categories].sort()).toEqual(["appliances", "decor", "frames", "furniture"]);
    expect(catalogIndexSchema.parse(JSON.parse(JSON.stringify(catalog.index)))).toEqual(catalog.index);
  });

  it("passes the Khronos validator with no errors or warnings, model by model", async () => {
    for (const { item, glb } of catalog.files) {
      const report = await validateGltf(`${item.id}.glb`, glb);
      expect(report.errors, item.id).toEqual([]);
      expect(report.warnings, item.id).toEqual([]);
    }
  });

  it("keeps each model within the unit budget and one IPFS block, measured honestly", async () => {
    const io = new NodeIO();
    for (const { item, glb } of catalog.files) {
      expect(item.bytes).toBe(glb.byteLength);
      expect(item.bytes).toBeLessThanOrEqual(MAX_SINGLE_BLOCK_BYTES);
      expect(item.triangles, item.id).toBeGreaterThan(0);
      expect(item.triangles, item.id).toBeLessThanOrEqual(UNIT_BUDGET.triangles / 10);
      expect(item.drawCalls, item.id).toBeLessThanOrEqual(UNIT_BUDGET.drawCalls);
      const doc = await io.readBinary(glb);
      const primitives = doc
        .getRoot()
        .listMeshes()
        .flatMap((mesh) => mesh.listPrimitives());
      expect(primitives).toHaveLength(item.drawCalls);
      let triangles = 0;
      let lowest = Infinity;
      for (const primitive of primitives) {
        triangles += primitive.getIndices()!.getCount() / 3;
        lowest = Math.min(lowest, primitive.getAttribute("POSITION")!.getMin([])[1]!);
        // PBR: every primitive has normals, texture coordinates and a metallic-roughness material.
        expect(primitive.getAttribute("NORMAL")?.getCount()).toBe(primitive.getAttribute("POSITION")!.getCount());
        expect(primitive.getAttribute("TEXCOORD_0")?.getCount()).toBe(primitive.getAttribute("POSITION")!.getCount());
        const material = primitive.getMaterial()!;
        expect(material.getRoughnessFactor()).toBeGreaterThan(0);
        expect(material.getMetallicFactor()).toBeGreaterThanOrEqual(0);
      }
      expect(triangles).toBe(item.triangles);
      // It stands on the floor.
      expect(lowest, item.id).toBeCloseTo(0, 5);
      expect(Math.max(...item.size), item.id).toBeLessThanOrEqual(2.2);
    }
  });

  it("textures the rug and the picture with PNG images", async () => {
    const io = new NodeIO();
    for (const id of ["rug", "picture-frame"]) {
      const doc = await io.readBinary(catalog.files.find((file) => file.item.id === id)!.glb);
      const textures = doc.getRoot().listTextures();
      expect(textures).toHaveLength(1);
      expect(textures[0]!.getMimeType()).toBe("image/png");
      expect(textures[0]!.getSize()![0]).toBeGreaterThan(0);
      // The picture covers the face once: texture coordinates run 0–1 across it, not a repeat.
      const uv = doc
        .getRoot()
        .listMeshes()[0]!
        .listPrimitives()
        .find((p) => p.getMaterial()?.getBaseColorTexture());
      expect(uv!.getAttribute("TEXCOORD_0")!.getMin([])).toEqual([0, 0]);
      expect(
        uv!
          .getAttribute("TEXCOORD_0")!
          .getMax([])
          .map((value) => Math.round(value * 1000) / 1000),
      ).toEqual([1, 1]);
    }
  });

  it("goes through the upload pipeline unrefused and no larger, with and without meshopt", async () => {
    for (const { item, glb } of catalog.files) {
      for (const meshopt of [false, true]) {
        const prepared = await prepareModel(`${item.id}.glb`, glb, { meshopt });
        expect(prepared.after.bytes, `${item.id} meshopt ${meshopt}`).toBeLessThanOrEqual(item.bytes);
        expect(prepared.after.triangles, item.id).toBe(item.triangles);
        expect(prepared.after.drawCalls, item.id).toBeLessThanOrEqual(item.drawCalls);
      }
    }
  });

  it("generates the same bytes, so the same CIDs, every time", async () => {
    const again = await buildCatalog();
    expect(again.index).toEqual(catalog.index);
    for (const [i, file] of again.files.entries())
      expect(Buffer.from(file.glb).equals(Buffer.from(catalog.files[i]!.glb))).toBe(true);
    // Pinned: a change here means every published catalog CID changes; update it on purpose.
    expect(catalog.index.items.find((item) => item.id === "double-bed")!.model).toBe(PINNED_BED_CID);
  });
});

/** The double bed's CID as this code generates it. */
const PINNED_BED_CID = "bafkreiakbqaq6csx4u44rjm64qhxpk7gpbbs6lcpb2xsmgokh6f7u7yyeq";

describe("publishing the catalog", () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let node: IpfsNode;

  beforeAll(async () => {
    dir = await makeTempDir();
    node = await startTestNode(dir.path);
  });

  afterAll(async () => {
    await node?.stop();
    await dir?.remove();
  });

  it("adds every model and an index that lists their CIDs, all fetchable and verified", async () => {
    const lines: string[] = [];
    const published = await publishCatalog(node.apiUrl, {}, (line) => lines.push(line));
    expect(published.index).toEqual(catalog.index);
    const index = catalogIndexSchema.parse(
      await fetchVerifiedJson(node.gatewayUrl, published.indexCid, { maxBytes: 65536 }),
    );
    expect(index).toEqual(catalog.index);
    for (const item of index.items) {
      const bytes = await fetchVerified(node.gatewayUrl, item.model, { maxBytes: MAX_SINGLE_BLOCK_BYTES });
      expect(bytes.byteLength).toBe(item.bytes);
    }
    expect(lines.at(-1)).toBe(`catalog index (${index.items.length} items) → ${published.indexCid}`);
    // Publishing again gives the same index CID.
    expect((await publishCatalog(node.apiUrl)).indexCid).toBe(published.indexCid);
  });
});
