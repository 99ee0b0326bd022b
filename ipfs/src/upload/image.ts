/**
 * Prepares an uploaded picture or 360° panorama: decoded with sharp (libvips), turned upright by
 * its EXIF orientation, scaled down to the budget, and written again as JPEG (or PNG when it has
 * transparency) without its metadata, so a photo's camera and GPS tags never reach IPFS.
 */
import sharp, { type Metadata } from "sharp";
import { IpfsError } from "../errors.ts";
import { checkBudget, UNIT_BUDGET, type UnitBudget } from "./budget.ts";

/** `picture`: a wall image or poster; `panorama`: an equirectangular 360° photo (mono, or stereo stacked/side by side). */
export type ImageKind = "picture" | "panorama";
export type PanoramaLayout = "mono" | "top-bottom" | "left-right";

export type PreparedImage = {
  bytes: Uint8Array;
  mimeType: "image/jpeg" | "image/png";
  width: number;
  height: number;
  /** Size and dimensions as uploaded. */
  original: { bytes: number; width: number; height: number; format: string };
};

/** An upload that is not an image this code accepts, or a panorama of the wrong shape. */
export class UploadInvalidImageError extends IpfsError {
  override name = "UploadInvalidImageError";
}

const ACCEPTED_FORMATS = new Set(["jpeg", "png", "webp"]);
/** Width over height of each panorama layout; 1 % slack for odd pixel counts. */
const PANORAMA_ASPECT: Record<PanoramaLayout, number> = { mono: 2, "top-bottom": 1, "left-right": 4 };
/** libvips refuses to decode more pixels than this (a decompression bomb guard): 16k × 8k. */
const MAX_INPUT_PIXELS = 16384 * 8192;
const JPEG_QUALITY = 85;

export type PrepareImageOptions = { kind: ImageKind; layout?: PanoramaLayout; budget?: UnitBudget };

/** Validates, resizes and re-encodes `bytes`, the image named `asset`; throws naming the problem. */
export async function prepareImage(
  asset: string,
  bytes: Uint8Array,
  options: PrepareImageOptions,
): Promise<PreparedImage> {
  const budget = options.budget ?? UNIT_BUDGET;
  const layout = options.layout ?? "mono";
  let metadata: Metadata;
  try {
    metadata = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
  } catch (error) {
    throw new UploadInvalidImageError({
      shortMessage: `${asset} is not an image that can be read`,
      details: (error as Error).message,
      hint: "Upload a JPEG, PNG or WebP file.",
      cause: error,
    });
  }
  const format = metadata.format ?? "unknown";
  if (!ACCEPTED_FORMATS.has(format) || !metadata.width || !metadata.height) {
    throw new UploadInvalidImageError({
      shortMessage: `${asset} is a ${format} image; upload a JPEG, PNG or WebP`,
    });
  }
  // EXIF orientations 5–8 swap width and height once the image is turned upright.
  const turned = (metadata.orientation ?? 1) >= 5;
  const [width, height] = turned ? [metadata.height, metadata.width] : [metadata.width, metadata.height];

  let box: { width: number; height: number };
  if (options.kind === "panorama") {
    const aspect = PANORAMA_ASPECT[layout];
    if (Math.abs(width / height - aspect) > aspect * 0.01) {
      throw new UploadInvalidImageError({
        shortMessage: `${asset} is ${width} × ${height} pixels; a ${layout} equirectangular panorama is ${aspect}:1`,
        hint: "Export the 360° photo as an equirectangular image (most cameras' and apps' default).",
      });
    }
    const outWidth = Math.min(width, budget.panoramaWidth * (layout === "left-right" ? 2 : 1));
    box = { width: outWidth, height: Math.round(outWidth / aspect) };
  } else {
    const scale = Math.min(1, budget.imageSize / Math.max(width, height));
    box = { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
  }

  const png = metadata.hasAlpha === true;
  const pipeline = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS })
    .rotate()
    .resize(box.width, box.height, { fit: "fill", kernel: "lanczos3" });
  const output = png
    ? await pipeline.png({ compressionLevel: 9, adaptiveFiltering: true }).toBuffer({ resolveWithObject: true })
    : await pipeline.jpeg({ quality: JPEG_QUALITY, mozjpeg: true }).toBuffer({ resolveWithObject: true });
  const prepared = new Uint8Array(output.data.buffer, output.data.byteOffset, output.data.byteLength);
  checkBudget(asset, { drawCalls: 0, triangles: 0, bytes: prepared.byteLength }, budget);
  return {
    bytes: prepared,
    mimeType: png ? "image/png" : "image/jpeg",
    width: output.info.width,
    height: output.info.height,
    original: { bytes: bytes.byteLength, width, height, format },
  };
}
