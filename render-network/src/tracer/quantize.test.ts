import { describe, expect, it } from "vitest";
import { linearToSrgb, quantizePixels, tonemap } from "./quantize.ts";

describe("quantizePixels", () => {
  it("maps black to 0, bright light to 255 and keeps the curve monotonic", () => {
    const ramp = Float64Array.from({ length: 1000 }, (_, i) => i / 100);
    const out = quantizePixels(ramp);
    expect(out[0]).toBe(0);
    expect(out[999]).toBe(255);
    for (let i = 1; i < out.length; i++) expect(out[i]! >= out[i - 1]!).toBe(true);
  });

  it("treats NaN and negative radiance as black", () => {
    expect([...quantizePixels(Float64Array.from([NaN, -1, Infinity]))]).toEqual([0, 0, 255]);
  });

  it("follows the sRGB curve", () => {
    expect(linearToSrgb(0.5)).toBeCloseTo(1.055 * Math.pow(0.5, 1 / 2.4) - 0.055, 14);
    expect(tonemap(1)).toBeCloseTo(0.8037, 3);
  });
});
