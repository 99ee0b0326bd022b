/**
 * Textures: 8-bit sRGB texels looked up bilinearly in integer texel space with `+ − × ÷` and
 * `Math.floor` only, each texel turned linear through a 256-entry table built once with our `pow`,
 * so a texel's value is the same bits on every machine.
 */
import { pow } from "./detmath.ts";

/** How texture coordinates outside [0, 1] map back in (glTF sampler wrap modes). */
export const WRAP_REPEAT = 0;
export const WRAP_CLAMP = 1;
export const WRAP_MIRROR = 2;
export type Wrap = typeof WRAP_REPEAT | typeof WRAP_CLAMP | typeof WRAP_MIRROR;

/**
 * An image as a texture: `rgb` holds three sRGB bytes per texel, row 0 at the top of the image.
 * Texture coordinates follow glTF: (0, 0) is the top-left corner of texel (0, 0), u runs right
 * and v down.
 */
export type Texture = { width: number; height: number; rgb: Uint8Array; wrapS: Wrap; wrapT: Wrap };

/** An 8-bit sRGB value to linear: the IEC 61966-2-1 curve, computed once per value with detmath's `pow`. */
export const SRGB_TO_LINEAR: Float64Array = Float64Array.from({ length: 256 }, (_, i) => {
  const c = i / 255;
  return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
});

function wrapIndex(i: number, n: number, wrap: Wrap): number {
  if (wrap === WRAP_CLAMP) return i < 0 ? 0 : i >= n ? n - 1 : i;
  if (wrap === WRAP_REPEAT) {
    const r = i % n;
    return r < 0 ? r + n : r;
  }
  const period = 2 * n;
  let r = i % period;
  if (r < 0) r += period;
  return r < n ? r : period - 1 - r;
}

/**
 * Writes the linear RGB of `texture` at (u, v) into `out[0..2]`: bilinear between the four
 * nearest texel centres, interpolated after the sRGB decode (as GPUs filter sRGB textures).
 */
export function sampleTexture(texture: Texture, u: number, v: number, out: Float64Array): Float64Array {
  const { width, height, rgb } = texture;
  let x = u * width - 0.5;
  let y = v * height - 0.5;
  // NaN or absurd coordinates (a degenerate triangle) read texel (0, 0) instead of failing.
  if (!(x > -1e9 && x < 1e9)) x = 0;
  if (!(y > -1e9 && y < 1e9)) y = 0;
  const xf = Math.floor(x);
  const yf = Math.floor(y);
  const fx = x - xf;
  const fy = y - yf;
  const x0 = wrapIndex(xf, width, texture.wrapS);
  const x1 = wrapIndex(xf + 1, width, texture.wrapS);
  const y0 = wrapIndex(yf, height, texture.wrapT);
  const y1 = wrapIndex(yf + 1, height, texture.wrapT);
  const w00 = (1 - fx) * (1 - fy);
  const w10 = fx * (1 - fy);
  const w01 = (1 - fx) * fy;
  const w11 = fx * fy;
  const p00 = 3 * (y0 * width + x0);
  const p10 = 3 * (y0 * width + x1);
  const p01 = 3 * (y1 * width + x0);
  const p11 = 3 * (y1 * width + x1);
  for (let c = 0; c < 3; c++) {
    out[c] =
      (SRGB_TO_LINEAR[rgb[p00 + c] as number] as number) * w00 +
      (SRGB_TO_LINEAR[rgb[p10 + c] as number] as number) * w10 +
      (SRGB_TO_LINEAR[rgb[p01 + c] as number] as number) * w01 +
      (SRGB_TO_LINEAR[rgb[p11 + c] as number] as number) * w11;
  }
  return out;
}
