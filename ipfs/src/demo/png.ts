/**
 * A minimal PNG encoder for images made in code: 8-bit RGB, no interlace, each scanline
 * filtered with the filter (None or Sub) that compresses it best, zlib via node:zlib.
 */
import { crc32, deflateSync } from "node:zlib";

const SIGNATURE = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** An RGB image: `pixels` holds width × height × 3 bytes, row by row from the top. */
export type RgbImage = { width: number; height: number; pixels: Uint8Array };

export function encodePng(image: RgbImage): Uint8Array {
  const { width, height, pixels } = image;
  if (pixels.length !== width * height * 3) {
    throw new Error(`expected ${width * height * 3} bytes for a ${width}×${height} RGB image, got ${pixels.length}`);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: truecolour
  ihdr[10] = 0; // compression: deflate
  ihdr[11] = 0; // filter method 0
  ihdr[12] = 0; // no interlace
  const stride = width * 3;
  const filtered = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = pixels.subarray(y * stride, (y + 1) * stride);
    const out = filtered.subarray(y * (stride + 1), (y + 1) * (stride + 1));
    // Sub (1) stores each byte minus the byte 3 to its left: smooth gradients become runs.
    const sub = Buffer.alloc(stride);
    for (let i = 0; i < stride; i++) sub[i] = (row[i] as number) - (i >= 3 ? (row[i - 3] as number) : 0);
    if (cost(sub) < cost(row)) {
      out[0] = 1;
      out.set(sub, 1);
    } else {
      out[0] = 0;
      out.set(row, 1);
    }
  }
  const idat = deflateSync(filtered, { level: 9 });
  const png = Buffer.concat([SIGNATURE, chunk("IHDR", ihdr), chunk("IDAT", idat), chunk("IEND", Buffer.alloc(0))]);
  return new Uint8Array(png); // a copy: callers get a plain Uint8Array, not a view into a Buffer pool
}

/** Sum of absolute signed values: the usual heuristic for picking a PNG filter. */
function cost(bytes: Uint8Array): number {
  let total = 0;
  for (const byte of bytes) total += byte < 128 ? byte : 256 - byte;
  return total;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "ascii");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}
