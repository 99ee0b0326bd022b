import { describe, expect, it } from "vitest";
import { splitIntoTiles } from "./tiles.ts";

describe("splitIntoTiles", () => {
  it("covers the image row by row, cutting the edge tiles to fit", () => {
    const tiles = splitIntoTiles(70, 40, 32);
    expect(tiles).toEqual([
      { x: 0, y: 0, width: 32, height: 32 },
      { x: 32, y: 0, width: 32, height: 32 },
      { x: 64, y: 0, width: 6, height: 32 },
      { x: 0, y: 32, width: 32, height: 8 },
      { x: 32, y: 32, width: 32, height: 8 },
      { x: 64, y: 32, width: 6, height: 8 },
    ]);
    expect(tiles.reduce((sum, tile) => sum + tile.width * tile.height, 0)).toBe(70 * 40);
  });

  it("refuses a size that is not a positive integer, naming it", () => {
    expect(() => splitIntoTiles(64, 64, 0)).toThrow(/tile size 0/);
    expect(() => splitIntoTiles(64.5, 64, 8)).toThrow(/width 64.5/);
  });
});
