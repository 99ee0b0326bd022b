/**
 * The hash three workers compare: SHA-256 over a header (format tag, width, height, renderer
 * version) and the quantized 8-bit RGB pixels, never over PNG bytes (which depend on the encoder).
 */
import { RenderInvalidInputError } from "../errors.ts";
import { createHash } from "node:crypto";

/** Bumped if the hashed layout itself changes. */
const HEADER_TAG = "markspace-tile-rgb8-v1";

export type TileHashParameters = {
  width: number;
  height: number;
  /** Three bytes per pixel, row-major, sRGB. */
  rgb: Uint8Array;
  rendererVersion: string;
};

/** `0x`-prefixed SHA-256 of the header and pixels. */
export function tileHash({ width, height, rgb, rendererVersion }: TileHashParameters): `0x${string}` {
  if (rgb.length !== width * height * 3) {
    throw new RenderInvalidInputError({
      shortMessage: `tileHash: ${rgb.length} bytes given for ${width} × ${height} RGB pixels`,
      hint: "Pass three bytes per pixel, row by row.",
    });
  }
  const header = Buffer.alloc(8);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  const hash = createHash("sha256")
    .update(`${HEADER_TAG}\0`)
    .update(header)
    .update(`${rendererVersion}\0`)
    .update(rgb)
    .digest("hex");
  return `0x${hash}`;
}
