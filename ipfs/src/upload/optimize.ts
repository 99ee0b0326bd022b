/**
 * Makes an uploaded model cheaper to download and draw without changing how it looks:
 * duplicate data merged (dedup), the scene flattened and primitives that share a material joined
 * (fewer draw calls), vertices welded, unused data pruned, textures shrunk to the texture budget
 * (sharp/libvips, keeping their format) and, when asked, the geometry quantized and
 * compressed with EXT_meshopt_compression (meshoptimizer), typically a third of the size again.
 *
 * Meshopt is off by default: the app's viewer decodes it (`app/src/scene/sceneAssets.ts` loads
 * three's `MeshoptDecoder` for a model that uses it), but the render network's tracer (`render-network/src/tracer/gltf-model.ts`)
 * reads glTF without extensions and would refuse such a model, and with it every render job of
 * the unit. Switch the default once the tracer registers EXT_meshopt_compression and
 * KHR_mesh_quantization with the meshopt decoder.
 */
import { Logger, type Document } from "@gltf-transform/core";
import { dedup, flatten, join, meshopt, prune, textureCompress, weld } from "@gltf-transform/functions";
import { MeshoptEncoder } from "meshoptimizer";
import sharp from "sharp";
import { UNIT_BUDGET } from "./budget.ts";

export type OptimizeModelOptions = {
  /** Longest side a texture may keep, pixels (larger ones are scaled down, aspect kept). */
  textureSize?: number;
  /** Quantize and compress geometry with EXT_meshopt_compression (default false, see above). */
  meshopt?: boolean;
};

/** Optimizes `document` in place (see the module comment) and returns it. */
export async function optimizeModel(document: Document, options: OptimizeModelOptions = {}): Promise<Document> {
  const textureSize = options.textureSize ?? UNIT_BUDGET.textureSize;
  // The transforms log each step at INFO; an upload path only wants warnings.
  document.setLogger(new Logger(Logger.Verbosity.WARN));
  await document.transform(dedup(), flatten(), join(), weld(), prune({ keepAttributes: false, keepLeaves: false }));
  const textures = document.getRoot().listTextures();
  if (textures.length > 0) {
    const originals = textures.map((texture) => ({
      texture,
      image: texture.getImage(),
      mimeType: texture.getMimeType(),
      fits: Math.max(...(texture.getSize() ?? [Infinity])) <= textureSize,
    }));
    await document.transform(textureCompress({ encoder: sharp, resize: [textureSize, textureSize] }));
    // Re-encoding a texture that was already small enough can make it larger (a well-packed
    // PNG): keep such a texture as it came.
    for (const { texture, image, mimeType, fits } of originals) {
      const now = texture.getImage();
      if (fits && image && now && now.byteLength > image.byteLength) texture.setImage(image).setMimeType(mimeType);
    }
  }
  if (options.meshopt ?? false) {
    await MeshoptEncoder.ready;
    await document.transform(meshopt({ encoder: MeshoptEncoder, level: "medium" }));
  }
  return document;
}
