/**
 * Decodes PNG and JPEG bytes into 8-bit sRGB texels for `texture.ts`. PNG is lossless, so any
 * correct decoder gives the same bytes; this one inflates with `node:zlib` and undoes the five
 * filters itself. JPEG decoders differ (IDCT, chroma upsampling), so JPEG goes through jpeg-js,
 * pinned to one exact version in package.json: that version is part of the renderer. Alpha is
 * dropped (the app draws pictures and glTF materials opaque), as are colour profiles and gamma
 * chunks.
 */
import { inflateSync } from "node:zlib";
import jpeg from "jpeg-js";
import { RenderInvalidInputError } from "../errors.ts";

/** Largest texture side, and largest texel count, the tracer accepts. */
export const MAX_TEXTURE_SIDE = 8192;
export const MAX_TEXTURE_TEXELS = 16 * 1024 * 1024;

export type DecodedImage = { width: number; height: number; rgb: Uint8Array };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Decodes a PNG or JPEG; `name` (a CID) is named in the error when the bytes are neither or broken. */
export function decodeImage(bytes: Uint8Array, name: string): DecodedImage {
  let image: DecodedImage;
  try {
    if (PNG_SIGNATURE.every((byte, i) => bytes[i] === byte)) image = decodePng(bytes);
    else if (bytes[0] === 0xff && bytes[1] === 0xd8) image = decodeJpeg(bytes);
    else throw new Error("neither PNG nor JPEG");
  } catch (error) {
    throw new RenderInvalidInputError({
      shortMessage: `Image ${name} could not be decoded: ${error instanceof Error ? error.message : String(error)}`,
      cause: error,
    });
  }
  return image;
}

function checkSize(width: number, height: number): void {
  if (width < 1 || height < 1 || width > MAX_TEXTURE_SIDE || height > MAX_TEXTURE_SIDE) {
    throw new Error(`${width} × ${height} texels is outside 1…${MAX_TEXTURE_SIDE} per side`);
  }
  if (width * height > MAX_TEXTURE_TEXELS) throw new Error(`${width} × ${height} is over ${MAX_TEXTURE_TEXELS} texels`);
}

function decodeJpeg(bytes: Uint8Array): DecodedImage {
  const decoded = jpeg.decode(bytes, {
    useTArray: true,
    formatAsRGBA: true,
    maxResolutionInMP: MAX_TEXTURE_TEXELS / 1e6,
    maxMemoryUsageInMB: 512,
  });
  checkSize(decoded.width, decoded.height);
  const n = decoded.width * decoded.height;
  const rgb = new Uint8Array(n * 3);
  for (let i = 0; i < n; i++) {
    rgb[3 * i] = decoded.data[4 * i] as number;
    rgb[3 * i + 1] = decoded.data[4 * i + 1] as number;
    rgb[3 * i + 2] = decoded.data[4 * i + 2] as number;
  }
  return { width: decoded.width, height: decoded.height, rgb };
}

/** Channels per pixel of each PNG colour type. */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

function decodePng(bytes: Uint8Array): DecodedImage {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 8;
  let width = 0;
  let height = 0;
  let bitDepth = 0;
  let colourType = -1;
  let palette: Uint8Array | undefined;
  const idat: Uint8Array[] = [];
  while (offset + 8 <= bytes.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    if (data.length !== length) throw new Error(`truncated ${type} chunk`);
    if (type === "IHDR") {
      width = view.getUint32(offset + 8);
      height = view.getUint32(offset + 12);
      bitDepth = data[8] as number;
      colourType = data[9] as number;
      if (data[12] !== 0) throw new Error("interlaced PNGs are not supported");
    } else if (type === "PLTE") palette = data;
    else if (type === "IDAT") idat.push(data);
    else if (type === "IEND") break;
    offset += 12 + length;
  }
  checkSize(width, height);
  const channels = CHANNELS[colourType];
  if (channels === undefined) throw new Error(`unknown PNG colour type ${colourType}`);
  if (bitDepth !== 8 && bitDepth !== 16) throw new Error(`PNG bit depth ${bitDepth} is not supported (8 or 16)`);
  if (colourType === 3 && (bitDepth !== 8 || !palette)) throw new Error("palette PNG without PLTE or not 8-bit");
  const bpp = (channels * bitDepth) / 8;
  const stride = width * bpp;
  const raw = inflateSync(Buffer.concat(idat), { maxOutputLength: (stride + 1) * height + 1 });
  if (raw.length < (stride + 1) * height) throw new Error("image data shorter than the image");
  const pixels = unfilter(raw, stride, height, bpp);
  const rgb = new Uint8Array(width * height * 3);
  const step = bitDepth / 8; // 16-bit samples keep their high byte
  for (let i = 0; i < width * height; i++) {
    const p = i * bpp;
    if (colourType === 3) {
      const entry = 3 * (pixels[p] as number);
      rgb[3 * i] = palette![entry] ?? 0;
      rgb[3 * i + 1] = palette![entry + 1] ?? 0;
      rgb[3 * i + 2] = palette![entry + 2] ?? 0;
    } else if (channels >= 3) {
      rgb[3 * i] = pixels[p] as number;
      rgb[3 * i + 1] = pixels[p + step] as number;
      rgb[3 * i + 2] = pixels[p + 2 * step] as number;
    } else {
      const grey = pixels[p] as number;
      rgb[3 * i] = grey;
      rgb[3 * i + 1] = grey;
      rgb[3 * i + 2] = grey;
    }
  }
  return { width, height, rgb };
}

/** Undoes the per-row filters (none, sub, up, average, Paeth) in place into a new buffer. */
function unfilter(raw: Uint8Array, stride: number, height: number, bpp: number): Uint8Array {
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)] as number;
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    const prev = row - stride;
    for (let x = 0; x < stride; x++) {
      const value = raw[src + x] as number;
      const a = x >= bpp ? (out[row + x - bpp] as number) : 0;
      const b = y > 0 ? (out[prev + x] as number) : 0;
      const c = x >= bpp && y > 0 ? (out[prev + x - bpp] as number) : 0;
      let predicted: number;
      switch (filter) {
        case 0:
          predicted = 0;
          break;
        case 1:
          predicted = a;
          break;
        case 2:
          predicted = b;
          break;
        case 3:
          predicted = (a + b) >> 1;
          break;
        case 4: {
          const p = a + b - c;
          const pa = Math.abs(p - a);
          const pb = Math.abs(p - b);
          const pc = Math.abs(p - c);
          predicted = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
          break;
        }
        default:
          throw new Error(`unknown PNG filter ${filter} in row ${y}`);
      }
      out[row + x] = (value + predicted) & 0xff;
    }
  }
  return out;
}
