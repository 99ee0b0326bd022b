/**
 * The network's render and the app show the same room: one cube face of a viewpoint rendered by
 * the tracer, and a screenshot of the same camera (same position, 90° square, same forward and up)
 * in headless Chromium drawing the app's own scene components (`test/scene-parity/page.tsx`,
 * served by Vite, assets verified from `/ipfs/<cid>` on the same origin). Lighting differs by
 * design (the app's spot and fill lights against the tracer's panel), so the images are compared
 * by structure, not pixels: the pixels of a green glTF box and of a magenta picture are segmented
 * in both, and each mask must overlap (IoU) with its centroid close by. A negative control moves
 * the box in the tracer's manifest and requires the same check to fail.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser } from "playwright-core";
import { launchChromium } from "../scripts/lib/chromium.ts";
import { createServer, type Plugin, type ViteDevServer } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeRawCid } from "@markspace/ipfs/client";
import { EMPTY_ROOM, parseSceneManifest, type SceneManifest } from "@markspace/ipfs/manifest";
import { boxGlb } from "../render-network/src/testing/gltf-fixtures.ts";
import {
  CUBE_FACES,
  encodePng,
  prepareScene,
  renderTileResult,
  type CubeFace,
} from "../render-network/src/tracer/index.ts";
import { decodeImage } from "../render-network/src/tracer/image-decode.ts";
import { loadManifestScene } from "../render-network/src/tracer/manifest-scene.ts";

const SIZE = 96;
const FACE: CubeFace = 5; // −z: towards the north wall
const EYE: [number, number, number] = [0, 1.5, 2];
/** Thresholds: masks must overlap by this much (intersection over union) … */
const MIN_IOU = 0.75;
/** … and their centroids be this close, in pixels of the 96 × 96 face. */
const MAX_CENTROID_PX = 2.5;

let server: ViteDevServer;
let browser: Browser;
const assets = new Map<string, Uint8Array>();
let manifest: SceneManifest;

/** Serves `/ipfs/<cid>` from memory, as a path gateway serves raw blocks. */
function gateway(): Plugin {
  return {
    name: "markspace-test-gateway",
    configureServer(dev) {
      dev.middlewares.use((request, response, next) => {
        const match = /^\/ipfs\/([a-z0-9]+)/.exec(request.url ?? "");
        const bytes = match ? assets.get(match[1]!) : undefined;
        if (!match) return next();
        if (!bytes) {
          response.statusCode = 404;
          return response.end();
        }
        response.setHeader("Content-Type", "application/vnd.ipld.raw");
        response.end(Buffer.from(bytes));
      });
    },
  };
}

/** A solid magenta picture with a lighter border: no other surface in the room has its hue. */
function picturePng(): Uint8Array {
  const width = 48;
  const height = 36;
  const rgb = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) {
    const x = i % width;
    const y = Math.floor(i / width);
    const edge = x < 3 || y < 3 || x >= width - 3 || y >= height - 3;
    rgb.set(edge ? [230, 90, 230] : [200, 30, 200], 3 * i);
  }
  return encodePng(width, height, rgb);
}

type Mask = { pixels: Uint8Array; count: number; cx: number; cy: number };

function mask(rgb: Uint8Array, channels: number, test: (r: number, g: number, b: number) => boolean): Mask {
  const pixels = new Uint8Array(SIZE * SIZE);
  let count = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < SIZE * SIZE; i++) {
    if (test(rgb[channels * i]!, rgb[channels * i + 1]!, rgb[channels * i + 2]!)) {
      pixels[i] = 1;
      count++;
      sx += i % SIZE;
      sy += Math.floor(i / SIZE);
    }
  }
  return { pixels, count, cx: sx / Math.max(1, count), cy: sy / Math.max(1, count) };
}

/** Saturated (HSV saturation over 0.35), not dark, with green the largest channel. */
function green(r: number, g: number, b: number): boolean {
  const min = Math.min(r, b);
  return g > 30 && g > r && g > b && (g - min) / g > 0.35;
}

/** Saturated, not dark, green the smallest channel and red and blue both strong. */
function magenta(r: number, g: number, b: number): boolean {
  const max = Math.max(r, b);
  return max > 30 && g < r && g < b && (max - g) / max > 0.35 && Math.min(r, b) > 0.6 * max;
}

function compare(a: Mask, b: Mask): { iou: number; centroidPx: number } {
  let both = 0;
  let either = 0;
  for (let i = 0; i < a.pixels.length; i++) {
    both += a.pixels[i]! & b.pixels[i]!;
    either += a.pixels[i]! | b.pixels[i]!;
  }
  return { iou: either === 0 ? 0 : both / either, centroidPx: Math.hypot(a.cx - b.cx, a.cy - b.cy) };
}

function matches(result: { iou: number; centroidPx: number }): boolean {
  return result.iou >= MIN_IOU && result.centroidPx <= MAX_CENTROID_PX;
}

async function tracerFace(scene: SceneManifest): Promise<Uint8Array> {
  const triangles = await loadManifestScene(scene, async (cid) => assets.get(cid)!);
  const spec = {
    camera: { kind: "cube-face" as const, position: EYE, face: FACE },
    width: SIZE,
    height: SIZE,
    samplesPerPixel: 32,
    maxDepth: 4,
    seed: 1,
    view: FACE,
  };
  return renderTileResult(prepareScene(triangles), spec, { x: 0, y: 0, width: SIZE, height: SIZE }).rgb;
}

beforeAll(async () => {
  const glb = await boxGlb({
    size: [0.7, 0.7, 0.7],
    baseColor: [0.05, 0.6, 0.05, 1],
    roughness: 0.7,
    parent: { translation: [0, 0.35, 0] },
  });
  const picture = picturePng();
  const modelCid = await computeRawCid(glb);
  const pictureCid = await computeRawCid(picture);
  assets.set(modelCid, glb);
  assets.set(pictureCid, picture);
  manifest = parseSceneManifest({
    ...EMPTY_ROOM,
    floor: { color: "#8c8c8c", roughness: 0.9 },
    walls: { color: "#d6d6d6", roughness: 0.95 },
    objects: [{ name: "green box", model: modelCid, position: [0.9, 0, -1.2], rotation: [0, 0.5, 0] }],
    images: [{ title: "magenta", image: pictureCid, wall: "north", offset: [-1.3, 1.7], width: 1.4, height: 1 }],
  });
  server = await createServer({
    root: fileURLToPath(new URL("./scene-parity/", import.meta.url)),
    configFile: false,
    logLevel: "warn",
    plugins: [gateway()],
    server: { host: "127.0.0.1", port: 0, fs: { allow: [fileURLToPath(new URL("..", import.meta.url))] } },
    oxc: { jsx: { runtime: "automatic" } },
    optimizeDeps: {
      noDiscovery: true,
      include: [
        "react",
        "react/jsx-runtime",
        "react/jsx-dev-runtime",
        "react-dom/client",
        "@react-three/fiber",
        "@react-three/drei",
        "three",
        "three/examples/jsm/loaders/GLTFLoader.js",
      ],
    },
  });
  await server.listen();
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("a viewpoint rendered by the tracer and by the app", () => {
  it("shows the glTF object and the picture in the same places, and not when the object moves", async () => {
    const face = CUBE_FACES[FACE]!;
    const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 });
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    const view = { manifest, position: EYE, forward: face.forward, up: face.up, size: SIZE };
    const address = server.resolvedUrls!.local[0]!;
    await page.goto(`${address}#${encodeURIComponent(JSON.stringify(view))}`);
    await page
      .waitForFunction(() => (window as { parityReady?: boolean }).parityReady === true, undefined, { timeout: 40_000 })
      .catch((error: unknown) => {
        throw new Error(`The app page never got ready: ${errors.join("; ") || String(error)}`);
      });
    // A few more frames: shadow maps and the environment map settle after the first one.
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          let n = 0;
          const step = () => (++n >= 10 ? resolve() : requestAnimationFrame(step));
          requestAnimationFrame(step);
        }),
    );
    const screenshot = decodeImage(await page.locator("canvas").screenshot(), "app screenshot");
    await page.close();
    expect(errors).toEqual([]);
    expect([screenshot.width, screenshot.height]).toEqual([SIZE, SIZE]);

    const traced = await tracerFace(manifest);
    const out = process.env.SCENE_PARITY_OUT; // a folder to keep both images in, for a person to look at
    if (out) {
      writeFileSync(join(out, "app.png"), encodePng(SIZE, SIZE, screenshot.rgb));
      writeFileSync(join(out, "tracer.png"), encodePng(SIZE, SIZE, traced));
    }
    const appBox = mask(screenshot.rgb, 3, green);
    const appPicture = mask(screenshot.rgb, 3, magenta);
    const tracedBox = mask(traced, 3, green);
    const tracedPicture = mask(traced, 3, magenta);
    const box = compare(appBox, tracedBox);
    const picture = compare(appPicture, tracedPicture);
    console.log(
      `scene parity: box ${tracedBox.count}/${appBox.count} px IoU ${box.iou.toFixed(3)} Δ ${box.centroidPx.toFixed(2)} px; ` +
        `picture ${tracedPicture.count}/${appPicture.count} px IoU ${picture.iou.toFixed(3)} Δ ${picture.centroidPx.toFixed(2)} px`,
    );
    expect(appBox.count).toBeGreaterThan(50);
    expect(appPicture.count).toBeGreaterThan(50);
    expect(box.iou).toBeGreaterThanOrEqual(MIN_IOU);
    expect(box.centroidPx).toBeLessThanOrEqual(MAX_CENTROID_PX);
    expect(picture.iou).toBeGreaterThanOrEqual(MIN_IOU);
    expect(picture.centroidPx).toBeLessThanOrEqual(MAX_CENTROID_PX);

    // Negative control: the same check fails once the tracer's object stands 40 cm further left.
    const moved = {
      ...manifest,
      objects: manifest.objects.map((object) => ({ ...object, position: [0.5, 0, -1.2] as [number, number, number] })),
    };
    const movedBox = compare(appBox, mask(await tracerFace(moved), 3, green));
    console.log(`scene parity, box moved 0.4 m: IoU ${movedBox.iou.toFixed(3)} Δ ${movedBox.centroidPx.toFixed(2)} px`);
    expect(matches(movedBox)).toBe(false);
  }, 300_000);
});
