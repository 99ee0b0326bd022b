import { describe, expect, it } from "vitest";
import { assembleTiles } from "./assemble.ts";
import { splitIntoTiles } from "./tiles.ts";

/** A tile whose every byte encodes its pixel's position in the whole image. */
function fakeTile(tile: { x: number; y: number; width: number; height: number }, imageWidth: number) {
  const rgb = new Uint8Array(tile.width * tile.height * 3);
  for (let row = 0; row < tile.height; row++) {
    for (let column = 0; column < tile.width; column++) {
      const index = (tile.y + row) * imageWidth + tile.x + column;
      rgb.set([index & 0xff, index >> 8, 7], (row * tile.width + column) * 3);
    }
  }
  return { tile, rgb };
}

describe("assembleTiles", () => {
  it("puts every tile's pixels where they belong, whatever the order", () => {
    const tiles = splitIntoTiles(20, 12, 8)
      .map((tile) => fakeTile(tile, 20))
      .reverse();
    const image = assembleTiles(20, 12, tiles);
    for (let index = 0; index < 20 * 12; index++) {
      expect([...image.subarray(index * 3, index * 3 + 3)]).toEqual([index & 0xff, index >> 8, 7]);
    }
  });

  it("refuses a missing or doubled tile, naming the first pixel in question", () => {
    const tiles = splitIntoTiles(20, 12, 8).map((tile) => fakeTile(tile, 20));
    expect(() => assembleTiles(20, 12, tiles.slice(1))).toThrow(/Pixel \(0, 0\) is covered by 0 tiles/);
    expect(() => assembleTiles(20, 12, [...tiles, tiles[0]!])).toThrow(/Pixel \(0, 0\) is covered by 2 tiles/);
  });
});
