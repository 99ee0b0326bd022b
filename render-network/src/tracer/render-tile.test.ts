import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { computeRendererVersion } from "../renderer-version.ts";
import { encodePng } from "./png.ts";
import { quantizePixels } from "./quantize.ts";
import { referenceCamera, referenceCubeCamera, referenceScene } from "./reference-scene.ts";
import { prepareScene, renderTile, type ImageSpec } from "./render-tile.ts";
import { tileHash } from "./tile-hash.ts";
import { renderTileResult } from "./tile-result.ts";
import { RENDERER_VERSION } from "./version.ts";

const prepared = prepareScene(referenceScene());
const spec: ImageSpec = {
  camera: referenceCamera,
  width: 64,
  height: 48,
  samplesPerPixel: 4,
  maxDepth: 6,
  seed: 1,
  view: 0,
};
const tile = { x: 24, y: 16, width: 16, height: 16 };

describe("RENDERER_VERSION", () => {
  it("is the hash of the tracer's sources (bump it with the value printed here)", () => {
    const current = computeRendererVersion();
    expect(RENDERER_VERSION, `set RENDERER_VERSION in render-network/src/tracer/version.ts to "${current}"`).toBe(
      current,
    );
  });
});

describe("renderTile", () => {
  it("renders the reference tile to these exact pixels (known answer)", () => {
    const result = renderTileResult(prepared, spec, tile);
    // Pixels alone, under a fixed version string: changes only when the image changes.
    expect(tileHash({ width: 16, height: 16, rgb: result.rgb, rendererVersion: "known-answer" })).toMatchInlineSnapshot(
      `"0x682179b2f821a363b972afd4c6a3f59cd2919baa2bc5250b9b38b2ff5ca5133e"`,
    );
    // What workers commit to: changes with every change to the tracer's sources.
    expect({ version: RENDERER_VERSION, hash: result.hash }).toMatchInlineSnapshot(`
      {
        "hash": "0xa6233cc3f9728fe3de8bc07efba29b481fa3fdd4eeec863e1f18a65af76d0c68",
        "version": "0xa11bcfad3fd9299e009d896fcfebbd8c5ad0bb36828d2242d8916c9af3b1b44c",
      }
    `);
  });

  it("gives a pixel the same value whatever tile it is rendered in", () => {
    const whole = renderTile(prepared, spec, { x: 16, y: 8, width: 32, height: 32 }).pixels;
    const part = renderTile(prepared, spec, tile).pixels;
    for (let row = 0; row < 16; row++) {
      const offset = 3 * ((row + 8) * 32 + 8);
      expect(part.subarray(row * 48, row * 48 + 48)).toEqual(whole.subarray(offset, offset + 48));
    }
  });

  it("renders cube-map faces, and a different seed gives a different image", () => {
    const face = { ...spec, camera: referenceCubeCamera, width: 32, height: 32 };
    const a = renderTileResult(prepared, face, { x: 0, y: 0, width: 8, height: 8 });
    const b = renderTileResult(prepared, { ...face, seed: 2 }, { x: 0, y: 0, width: 8, height: 8 });
    expect(a.hash).not.toBe(b.hash);
    expect(renderTileResult(prepared, face, { x: 0, y: 0, width: 8, height: 8 }).hash).toBe(a.hash);
  });

  it("refuses a tile outside its image, naming it", () => {
    expect(() => renderTile(prepared, spec, { x: 60, y: 0, width: 8, height: 8 })).toThrow(
      /tile \(60, 0, 8 × 8\) out of range/,
    );
    expect(() => renderTile(prepared, { ...spec, samplesPerPixel: 0 }, tile)).toThrow(/samplesPerPixel 0/);
  });
});

describe("encodePng", () => {
  it("stores exactly the quantized pixels", () => {
    const rgb = quantizePixels(renderTile(prepared, spec, tile).pixels);
    const png = encodePng(16, 16, rgb);
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    const idatLength = png.readUInt32BE(33);
    expect(png.subarray(37, 41).toString("latin1")).toBe("IDAT");
    const raw = inflateSync(png.subarray(41, 41 + idatLength));
    const rows = Array.from({ length: 16 }, (_, y) => raw.subarray(y * 49 + 1, y * 49 + 49));
    expect(Buffer.concat(rows).equals(Buffer.from(rgb))).toBe(true);
    expect(encodePng(16, 16, rgb).equals(png)).toBe(true);
  });
});
