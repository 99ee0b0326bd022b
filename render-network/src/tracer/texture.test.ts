import { describe, expect, it } from "vitest";
import { sampleTexture, SRGB_TO_LINEAR, WRAP_CLAMP, WRAP_MIRROR, WRAP_REPEAT, type Texture } from "./texture.ts";

// 2 × 2 texels, row 0 on top: black, white / 128 grey, red.
const texture = (wrap: Texture["wrapS"]): Texture => ({
  width: 2,
  height: 2,
  rgb: Uint8Array.from([0, 0, 0, 255, 255, 255, 128, 128, 128, 255, 0, 0]),
  wrapS: wrap,
  wrapT: wrap,
});
const out = new Float64Array(3);

describe("SRGB_TO_LINEAR", () => {
  it("decodes the sRGB curve: 0 → 0, 255 → 1, 128 → 0.2158605", () => {
    expect(SRGB_TO_LINEAR[0]).toBe(0);
    expect(SRGB_TO_LINEAR[255]).toBeCloseTo(1, 14);
    expect(SRGB_TO_LINEAR[128]).toBeCloseTo(0.2158605, 6);
    expect(SRGB_TO_LINEAR[10]).toBe(10 / 255 / 12.92);
  });
});

describe("sampleTexture", () => {
  it("returns a texel exactly at its centre (glTF UVs: v runs down)", () => {
    expect(Array.from(sampleTexture(texture(WRAP_CLAMP), 0.25, 0.25, out))).toEqual([0, 0, 0]);
    expect(Array.from(sampleTexture(texture(WRAP_CLAMP), 0.75, 0.25, out))).toEqual(
      [1, 1, 1].map((_, i) => SRGB_TO_LINEAR[255]! + i * 0),
    );
    expect(Array.from(sampleTexture(texture(WRAP_CLAMP), 0.75, 0.75, out))).toEqual([SRGB_TO_LINEAR[255], 0, 0]);
  });

  it("blends the four nearest texels bilinearly in linear space", () => {
    const grey = SRGB_TO_LINEAR[128]!;
    const white = SRGB_TO_LINEAR[255]!;
    sampleTexture(texture(WRAP_CLAMP), 0.5, 0.5, out);
    expect(out[0]).toBeCloseTo((0 + white + grey + white) / 4, 15);
    expect(out[1]).toBeCloseTo((0 + white + grey + 0) / 4, 15);
  });

  it("clamps, repeats or mirrors outside [0, 1]", () => {
    expect(Array.from(sampleTexture(texture(WRAP_CLAMP), -3.75, 0.25, out))).toEqual([0, 0, 0]);
    expect(Array.from(sampleTexture(texture(WRAP_REPEAT), 1.75, 0.25, out))[0]).toBe(SRGB_TO_LINEAR[255]);
    expect(Array.from(sampleTexture(texture(WRAP_MIRROR), 1.25, 0.25, out))[0]).toBe(SRGB_TO_LINEAR[255]);
    expect(Array.from(sampleTexture(texture(WRAP_MIRROR), 1.75, 0.25, out))[0]).toBe(0);
  });

  it("reads texel (0, 0) for NaN coordinates instead of failing", () => {
    expect(Array.from(sampleTexture(texture(WRAP_REPEAT), Number.NaN, Number.NaN, out)).every(Number.isFinite)).toBe(
      true,
    );
  });
});
