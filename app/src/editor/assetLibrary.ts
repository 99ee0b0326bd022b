/**
 * What the editor knows about each asset a scene may name: catalog models and the draft's
 * uploads (models, pictures, panoramas, videos, audio), with the cost the upload route or the catalog index measured. The budget meters read
 * their costs from here; the asset panel lists the uploads again after a reload.
 */
import { z } from "zod";
import { cidString } from "@markspace/ipfs/manifest";
import type { AssetCost } from "@markspace/ipfs/budget";

export const assetKindSchema = z.enum(["model", "image", "panorama", "video", "audio"]);
export type AssetKind = z.infer<typeof assetKindSchema>;

export const libraryAssetSchema = z.object({
  cid: cidString,
  kind: assetKindSchema,
  name: z.string().min(1).max(200),
  bytes: z.number().int().nonnegative(),
  drawCalls: z.number().int().nonnegative().default(0),
  triangles: z.number().int().nonnegative().default(0),
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
  /** For video and audio: the type the upload route read from the file. */
  mimeType: z.string().max(40).optional(),
  /** Where it came from: the starter catalog or an upload from this browser. */
  origin: z.enum(["catalog", "upload"]),
});

export type LibraryAsset = z.infer<typeof libraryAssetSchema>;

/** Adds `asset`, replacing an earlier entry of the same CID (the same bytes are the same asset). */
export function withAsset(library: readonly LibraryAsset[], asset: LibraryAsset): LibraryAsset[] {
  return [...library.filter((entry) => entry.cid !== asset.cid), asset];
}

/** The costs `measureSceneBudget` needs, by CID. */
export function costsOf(library: readonly LibraryAsset[]): Map<string, AssetCost> {
  return new Map(
    library.map((asset) => [asset.cid, { drawCalls: asset.drawCalls, triangles: asset.triangles, bytes: asset.bytes }]),
  );
}
