import { deflateSync } from "node:zlib";
import jpeg from "jpeg-js";
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decodeImage } from "./image-decode.ts";
import { encodePng } from "./png.ts";

const WIDTH = 5;
const HEIGHT = 4;
const rgb = Uint8Array.from({ length: WIDTH * HEIGHT * 3 }, (_, i) => (i * 37 + 11) & 0xff);

/** A PNG whose rows use filter `y % 5` (none, sub, up, average, Paeth), as encoders mix them. */
function mixedFilterPng(): Uint8Array {
  const bpp = 3;
  const stride = WIDTH * bpp;
  const raw = new Uint8Array((stride + 1) * HEIGHT);
  for (let y = 0; y < HEIGHT + 0; y++) {
    const filter = y % 5;
    raw[y * (stride + 1)] = filter;
    for (let x = 0; x < stride; x++) {
      const value = rgb[y * stride + x]!;
      const a = x >= bpp ? rgb[y * stride + x - bpp]! : 0;
      const b = y > 0 ? rgb[(y - 1) * stride + x]! : 0;
      const c = x >= bpp && y > 0 ? rgb[(y - 1) * stride + x - bpp]! : 0;
      const p = a + b - c;
      const paeth =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
          ? a
          : Math.abs(p - b) <= Math.abs(p - c)
            ? b
            : c;
      const predicted = [0, a, b, (a + b) >> 1, paeth][filter]!;
      raw[y * (stride + 1) + 1 + x] = (value - predicted) & 0xff;
    }
  }
  // Reuse encodePng's chunks, swapping its IDAT for ours.
  const plain = encodePng(WIDTH, HEIGHT, rgb);
  const ihdr = plain.subarray(8, 33);
  const chunk = (type: string, data: Uint8Array) => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, "latin1");
    out.set(data, 8);
    out.writeUInt32BE(0, 8 + data.length); // CRC is not checked by the decoder
    return out;
  };
  return Buffer.concat([plain.subarray(0, 8), ihdr, chunk("IDAT", deflateSync(raw)), chunk("IEND", new Uint8Array())]);
}

describe("decodeImage", () => {
  it("decodes an 8-bit RGB PNG losslessly", () => {
    expect(decodeImage(encodePng(WIDTH, HEIGHT, rgb), "png")).toEqual({ width: WIDTH, height: HEIGHT, rgb });
  });

  it("undoes all five PNG row filters", () => {
    expect(decodeImage(mixedFilterPng(), "filters").rgb).toEqual(rgb);
  });

  it("decodes a JPEG with the pinned jpeg-js to the same bytes every time", () => {
    const rgba = new Uint8Array(16 * 16 * 4).map((_, i) => (i % 4 === 3 ? 255 : (i * 7) & 0xff));
    const bytes = jpeg.encode({ width: 16, height: 16, data: rgba }, 90).data;
    const decoded = decodeImage(bytes, "jpeg");
    expect(decoded.width).toBe(16);
    expect(decoded.height).toBe(16);
    // Pins jpeg-js 0.4.4's decoder output bit for bit: a new decoder version must change this and the renderer version.
    expect(createHash("sha256").update(decoded.rgb).digest("hex")).toMatchInlineSnapshot(
      `"6a0eea3806d6bbbe21173aef8c5bfe8a5043580b10d1824461cd605cd02434b2"`,
    );
  });

  it("refuses other bytes naming the asset", () => {
    expect(() => decodeImage(new Uint8Array([1, 2, 3, 4]), "bafy-image")).toThrow(
      /Image bafy-image could not be decoded: neither PNG nor JPEG/,
    );
  });
});
