/**
 * Cuts an image into tiles: row by row, left to right, `size` × `size` pixels, smaller at the right
 * and bottom edges. The order is the tile index a job refers to.
 */
import { RenderInvalidInputError } from "./errors.ts";
import type { Tile } from "./tracer/index.ts";

/** The tiles of a `width` × `height` image, `size` pixels square (edge tiles are cut to fit). */
export function splitIntoTiles(width: number, height: number, size: number): Tile[] {
  for (const [name, value] of [
    ["width", width],
    ["height", height],
    ["tile size", size],
  ] as const) {
    if (!Number.isInteger(value) || value < 1 || value > 65536) {
      throw new RenderInvalidInputError({ shortMessage: `Image ${name} ${value} is not an integer from 1 to 65536` });
    }
  }
  const tiles: Tile[] = [];
  for (let y = 0; y < height; y += size) {
    for (let x = 0; x < width; x += size) {
      tiles.push({ x, y, width: Math.min(size, width - x), height: Math.min(size, height - y) });
    }
  }
  return tiles;
}
