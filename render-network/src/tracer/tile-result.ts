/**
 * A finished tile as the network sees it: the quantized sRGB bytes, their hash, and the work done.
 */
import type { PreparedScene } from "./integrator.ts";
import { quantizePixels } from "./quantize.ts";
import { renderTile, type ImageSpec, type Tile } from "./render-tile.ts";
import { tileHash } from "./tile-hash.ts";
import { RENDERER_VERSION } from "./version.ts";

export type TileResult = {
  tile: Tile;
  /** Three bytes per pixel, row-major, sRGB. */
  rgb: Uint8Array;
  /** `tileHash` of `rgb` under `RENDERER_VERSION`. */
  hash: `0x${string}`;
  rays: number;
};

/** Renders, quantizes and hashes one tile. */
export function renderTileResult(prepared: PreparedScene, spec: ImageSpec, tile: Tile): TileResult {
  const { pixels, rays } = renderTile(prepared, spec, tile);
  const rgb = quantizePixels(pixels);
  const hash = tileHash({ width: tile.width, height: tile.height, rgb, rendererVersion: RENDERER_VERSION });
  return { tile, rgb, hash, rays };
}
