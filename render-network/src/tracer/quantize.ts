/**
 * Linear RGB → 8-bit sRGB: ACES filmic tone curve (Narkowicz's rational fit), the sRGB transfer
 * function with our deterministic `pow`, and rounding to the nearest of 256 levels. The result is
 * what a tile hash covers and what the PNG stores.
 */
import { pow } from "./detmath.ts";

/** Maps linear radiance (≥ 0) to [0, 1] with a filmic shoulder; NaN and negatives map to 0. */
export function tonemap(x: number): number {
  if (!(x > 0)) return 0;
  const y = (x * (2.51 * x + 0.03)) / (x * (2.43 * x + 0.59) + 0.14);
  return y < 1 ? y : 1;
}

/** The sRGB opto-electronic transfer function on [0, 1]. */
export function linearToSrgb(x: number): number {
  return x <= 0.0031308 ? 12.92 * x : 1.055 * pow(x, 1 / 2.4) - 0.055;
}

/** Tone-maps and quantizes linear RGB (three numbers per pixel) to 8-bit sRGB. */
export function quantizePixels(linear: Float64Array, exposure = 1): Uint8Array {
  const out = new Uint8Array(linear.length);
  for (let i = 0; i < linear.length; i++) {
    const v = Math.floor(linearToSrgb(tonemap((linear[i] as number) * exposure)) * 255 + 0.5);
    out[i] = v < 0 ? 0 : v > 255 ? 255 : v;
  }
  return out;
}
