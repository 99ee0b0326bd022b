import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { UNIT_BUDGET, UploadBudgetExceededError } from "./budget.ts";
import { prepareImage, UploadInvalidImageError } from "./image.ts";

/**
 * A JPEG photo-like image of `width` × `height` with camera EXIF tags: a small pattern scaled up
 * by sharp (fast even for panorama sizes).
 */
async function photo(width: number, height: number, options: { orientation?: number } = {}): Promise<Uint8Array> {
  const [w, h] = [Math.ceil(width / 10), Math.ceil(height / 10)];
  const pixels = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) pixels.set([(x * 7) % 256, (y * 3) % 256, ((x + y) * 5) % 256], (y * w + x) * 3);
  }
  const buffer = await sharp(pixels, { raw: { width: w, height: h, channels: 3 } })
    .resize(width, height, { kernel: "nearest" })
    .withExif({ IFD0: { Make: "Markspace Test Camera", Model: "T-1" } })
    .withMetadata({ orientation: options.orientation ?? 1 })
    .jpeg({ quality: 90 })
    .toBuffer();
  return new Uint8Array(buffer);
}

describe("prepareImage", () => {
  it("scales a large picture down to the image budget, upright, without its metadata", async () => {
    const bytes = await photo(3000, 2000);
    const prepared = await prepareImage("holiday.jpg", bytes, { kind: "picture" });
    expect(prepared).toMatchObject({ mimeType: "image/jpeg", width: 2048, height: 1365 });
    expect(prepared.original).toEqual({ bytes: bytes.byteLength, width: 3000, height: 2000, format: "jpeg" });
    const metadata = await sharp(prepared.bytes).metadata();
    expect([metadata.width, metadata.height]).toEqual([2048, 1365]);
    expect(metadata.exif).toBeUndefined();
    expect(Buffer.from(prepared.bytes).includes("Markspace Test Camera")).toBe(false);
  });

  it("turns a photo upright by its EXIF orientation", async () => {
    // Orientation 6: stored landscape, shown portrait.
    const prepared = await prepareImage("phone.jpg", await photo(400, 300, { orientation: 6 }), { kind: "picture" });
    expect([prepared.width, prepared.height]).toEqual([300, 400]);
  });

  it("keeps a small picture's size and a transparent one as PNG", async () => {
    const png = await sharp({
      create: { width: 64, height: 32, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0.5 } },
    })
      .png()
      .toBuffer();
    const prepared = await prepareImage("logo.png", new Uint8Array(png), { kind: "picture" });
    expect(prepared).toMatchObject({ mimeType: "image/png", width: 64, height: 32 });
  });

  it("resizes an equirectangular panorama to the panorama budget and keeps it 2:1", async () => {
    // A smaller budget than the real 4096 px keeps the test quick; the arithmetic is the same.
    const budget = { ...UNIT_BUDGET, panoramaWidth: 1024 };
    const prepared = await prepareImage("room-360.jpg", await photo(2400, 1200), { kind: "panorama", budget });
    expect([prepared.width, prepared.height]).toEqual([1024, 512]);
    const stereo = await prepareImage("stereo.jpg", await photo(1000, 1000), {
      kind: "panorama",
      layout: "top-bottom",
    });
    expect([stereo.width, stereo.height]).toEqual([1000, 1000]);
  });

  it("refuses a panorama that is not 2:1, naming its size", async () => {
    const error = await prepareImage("wide.jpg", await photo(3000, 1000), { kind: "panorama" }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(UploadInvalidImageError);
    expect((error as Error).message).toMatch(/wide\.jpg is 3000 × 1000 pixels; a mono equirectangular panorama is 2:1/);
  });

  it("refuses what is not a JPEG, PNG or WebP", async () => {
    const garbage = await prepareImage("notes.txt", new TextEncoder().encode("hello"), { kind: "picture" }).catch(
      (e: Error) => e,
    );
    expect(garbage).toBeInstanceOf(UploadInvalidImageError);
    expect((garbage as Error).message).toMatch(/notes\.txt is not an image that can be read/);
    const gif = await sharp({ create: { width: 4, height: 4, channels: 3, background: "#ff0000" } })
      .gif()
      .toBuffer();
    const refused = await prepareImage("anim.gif", new Uint8Array(gif), { kind: "picture" }).catch((e: Error) => e);
    expect((refused as Error).message).toMatch(/anim\.gif is a gif image; upload a JPEG, PNG or WebP/);
  });

  it("refuses an image still over the byte budget after resizing", async () => {
    const error = await prepareImage("noise.jpg", await photo(800, 600), {
      kind: "picture",
      budget: { ...UNIT_BUDGET, bytes: 10_000 },
    }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(UploadBudgetExceededError);
    expect((error as Error).message).toMatch(/noise\.jpg has [\d,]+ bytes .* over the unit limit of 10,000 bytes/);
  });
});
