/**
 * The starter catalog: every model of `CATALOG_MODELS` written as a GLB, measured, and listed in
 * an index a new owner's editor reads to furnish a room at once. Generation is deterministic:
 * the same code always writes the same bytes, so the same CIDs.
 */
import { NodeIO } from "@gltf-transform/core";
import { z } from "zod";
import { addBytes, addJson, computeRawCid, MAX_SINGLE_BLOCK_BYTES, type IpfsRequestOptions } from "../client.ts";
import { IpfsError } from "../errors.ts";
import { cidString } from "../manifest/common.ts";
import { checkBudget } from "../upload/budget.ts";
import { measureModel } from "../upload/inspect.ts";
import { CATALOG_CATEGORIES, CATALOG_MODELS } from "./models.ts";

export const catalogItemSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/),
  name: z.string().min(1).max(80),
  category: z.enum(CATALOG_CATEGORIES),
  /** The GLB's CID (raw, single block). */
  model: cidString,
  /** Size of the GLB file, bytes. */
  bytes: z.number().int().positive(),
  triangles: z.number().int().nonnegative(),
  drawCalls: z.number().int().positive(),
  /** Bounding box of the model standing at the origin: width (x), height (y), depth (z), metres. */
  size: z.tuple([z.number().nonnegative(), z.number().nonnegative(), z.number().nonnegative()]),
});

/** The catalog index: a JSON document on IPFS listing every item. */
export const catalogIndexSchema = z.object({
  version: z.literal(1),
  kind: z.literal("markspace-catalog"),
  name: z.string().min(1).max(120),
  items: z.array(catalogItemSchema).max(1000),
});

export type CatalogItem = z.infer<typeof catalogItemSchema>;
export type CatalogIndex = z.infer<typeof catalogIndexSchema>;
export type CatalogFile = { item: CatalogItem; glb: Uint8Array };

const GENERATOR = "Markspace starter catalog";

/**
 * Builds every catalog model and its index entry (the CIDs are raw-codec CIDv1s, what an IPFS
 * node with raw leaves gives for a file of one block). Throws if a model is over the unit budget
 * or more than one block.
 */
export async function buildCatalog(): Promise<{ index: CatalogIndex; files: CatalogFile[] }> {
  const io = new NodeIO();
  const files: CatalogFile[] = [];
  for (const model of CATALOG_MODELS) {
    const glb = await model.build().toGlb(model.id, GENERATOR);
    const document = await io.readBinary(glb);
    const measures = measureModel(document, glb.byteLength);
    checkBudget(`catalog model ${model.id}`, measures);
    if (glb.byteLength > MAX_SINGLE_BLOCK_BYTES) {
      throw new IpfsError({ shortMessage: `Catalog model ${model.id} is ${glb.byteLength} bytes, over one block` });
    }
    const min = [Infinity, Infinity, Infinity];
    const max = [-Infinity, -Infinity, -Infinity];
    for (const primitive of document
      .getRoot()
      .listMeshes()
      .flatMap((mesh) => mesh.listPrimitives())) {
      const position = primitive.getAttribute("POSITION")!;
      position.getMin([]).forEach((value, axis) => (min[axis] = Math.min(min[axis]!, value)));
      position.getMax([]).forEach((value, axis) => (max[axis] = Math.max(max[axis]!, value)));
    }
    const size = [0, 1, 2].map((axis) => Math.round((max[axis]! - min[axis]!) * 1000) / 1000) as [
      number,
      number,
      number,
    ];
    files.push({
      glb,
      item: {
        id: model.id,
        name: model.name,
        category: model.category,
        model: await computeRawCid(glb),
        bytes: glb.byteLength,
        triangles: measures.triangles,
        drawCalls: measures.drawCalls,
        size,
      },
    });
  }
  const index = catalogIndexSchema.parse({
    version: 1,
    kind: "markspace-catalog",
    name: "Markspace starter catalog",
    items: files.map((file) => file.item),
  });
  return { index, files };
}

export type PublishedCatalog = { indexCid: string; index: CatalogIndex };

/** Adds every catalog model and then the index through a Kubo-RPC `add` endpoint; returns the index's CID. */
export async function publishCatalog(
  apiUrl: string,
  request: IpfsRequestOptions = {},
  onProgress: (line: string) => void = () => {},
): Promise<PublishedCatalog> {
  const { index, files } = await buildCatalog();
  for (const { item, glb } of files) {
    // addBytes checks the node's answer against the raw CID the index already holds.
    const cid = await addBytes(apiUrl, glb, { ...request, name: `${item.id}.glb` });
    onProgress(`catalog ${item.id} (${item.triangles} triangles, ${(item.bytes / 1024).toFixed(1)} KiB) → ${cid}`);
  }
  const indexCid = await addJson(apiUrl, index, { ...request, name: "catalog.json" });
  onProgress(`catalog index (${index.items.length} items) → ${indexCid}`);
  return { indexCid, index };
}
