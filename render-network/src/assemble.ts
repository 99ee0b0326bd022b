/**
 * Stitches rendered tiles (8-bit RGB) back into one image, as the scheduler will before publishing
 * a face. Tiles may come in any order; every pixel must be covered exactly once.
 */
import { RenderInvalidInputError } from "./errors.ts";
import type { Tile } from "./tracer/index.ts";

/** A tile's pixels: three bytes per pixel, row-major within the tile. */
export type RgbTile = { tile: Tile; rgb: Uint8Array };

/** Returns the `width` × `height` RGB image made of `tiles`. */
export function assembleTiles(width: number, height: number, tiles: readonly RgbTile[]): Uint8Array {
  const image = new Uint8Array(width * height * 3);
  const covered = new Uint8Array(width * height);
  for (const { tile, rgb } of tiles) {
    if (tile.x + tile.width > width || tile.y + tile.height > height || rgb.length !== tile.width * tile.height * 3) {
      throw new RenderInvalidInputError({
        shortMessage: `Tile (${tile.x}, ${tile.y}, ${tile.width} × ${tile.height}) does not fit a ${width} × ${height} image`,
      });
    }
    for (let row = 0; row < tile.height; row++) {
      const y = tile.y + row;
      image.set(rgb.subarray(row * tile.width * 3, (row + 1) * tile.width * 3), (y * width + tile.x) * 3);
      for (let i = y * width + tile.x; i < y * width + tile.x + tile.width; i++)
        covered[i] = (covered[i] as number) + 1;
    }
  }
  const gap = covered.findIndex((count) => count !== 1);
  if (gap >= 0) {
    throw new RenderInvalidInputError({
      shortMessage: `Pixel (${gap % width}, ${Math.floor(gap / width)}) is covered by ${covered[gap]} tiles, not 1`,
    });
  }
  return image;
}
