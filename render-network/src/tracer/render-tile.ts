/**
 * Renders one tile of one image to linear RGB: for each pixel, `samplesPerPixel` jittered camera
 * rays, each with its own random stream seeded from (job seed, view, pixel, sample), averaged.
 */
import { RenderInvalidInputError } from "../errors.ts";
import { buildBvh } from "./bvh.ts";
import { cameraFrame, cameraRay, type Camera } from "./camera.ts";
import { lightFrames, traceRadiance, type PreparedScene } from "./integrator.ts";
import { Rng } from "./rng.ts";
import type { TriangleScene } from "./scene.ts";

/** What every tile of an image shares. */
export type ImageSpec = {
  camera: Camera;
  /** Size of the whole image (a cube face is square). */
  width: number;
  height: number;
  samplesPerPixel: number;
  /** Longest path, in bounces after the camera ray. */
  maxDepth: number;
  /** The job's seed (a 32-bit unsigned integer). */
  seed: number;
  /** Which image of the job (viewpoint × 6 + face, or 0): part of every pixel's seed. */
  view: number;
};

/** A rectangle of the image, in pixels; (x, y) is its top-left corner. */
export type Tile = { x: number; y: number; width: number; height: number };

export type RenderTileReturnType = {
  /** Linear RGB, row-major, three numbers per pixel. */
  pixels: Float64Array;
  /** Rays cast (camera, bounce and shadow). */
  rays: number;
};

/** Builds the BVH and light constants of a scene, once per scene and thread. */
export function prepareScene(scene: TriangleScene): PreparedScene {
  return { scene, bvh: buildBvh(scene.positions), lightFrame: lightFrames(scene.lights) };
}

function isUint(value: number, max: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= max;
}

/** Throws `RenderInvalidInputError` when the spec or the tile is out of range. */
export function checkTile(spec: ImageSpec, tile: Tile): void {
  const problems: string[] = [];
  if (!isUint(spec.width, 65536) || spec.width === 0) problems.push(`width ${spec.width}`);
  if (!isUint(spec.height, 65536) || spec.height === 0) problems.push(`height ${spec.height}`);
  if (!isUint(spec.samplesPerPixel, 1 << 20) || spec.samplesPerPixel === 0)
    problems.push(`samplesPerPixel ${spec.samplesPerPixel}`);
  if (!isUint(spec.maxDepth, 64)) problems.push(`maxDepth ${spec.maxDepth}`);
  if (!isUint(spec.seed, 0xffffffff)) problems.push(`seed ${spec.seed}`);
  if (!isUint(spec.view, 0xffffffff)) problems.push(`view ${spec.view}`);
  if (
    !isUint(tile.x, spec.width) ||
    !isUint(tile.y, spec.height) ||
    !isUint(tile.width, spec.width - tile.x) ||
    !isUint(tile.height, spec.height - tile.y) ||
    tile.width === 0 ||
    tile.height === 0
  ) {
    problems.push(`tile (${tile.x}, ${tile.y}, ${tile.width} × ${tile.height})`);
  }
  if (problems.length) {
    throw new RenderInvalidInputError({
      shortMessage: `Cannot render: ${problems.join(", ")} out of range`,
      hint: "Sizes and counts are positive integers; a tile lies inside its image; seed and view fit in 32 bits.",
    });
  }
}

/** Renders `tile` of the image described by `spec`. Same inputs, same bits, on any machine. */
export function renderTile(prepared: PreparedScene, spec: ImageSpec, tile: Tile): RenderTileReturnType {
  checkTile(spec, tile);
  const frame = cameraFrame(spec.camera, spec.width, spec.height);
  const [ox, oy, oz] = frame.origin;
  const pixels = new Float64Array(tile.width * tile.height * 3);
  const sum = new Float64Array(3);
  const dir = new Float64Array(3);
  const rng = new Rng();
  const counter = { rays: 0 };
  const inv = 1 / spec.samplesPerPixel;
  for (let row = 0; row < tile.height; row++) {
    const y = tile.y + row;
    for (let column = 0; column < tile.width; column++) {
      const x = tile.x + column;
      sum.fill(0);
      for (let sample = 0; sample < spec.samplesPerPixel; sample++) {
        rng.seed(spec.seed, spec.view, x, y, sample);
        cameraRay(frame, spec.width, spec.height, x + rng.nextFloat(), y + rng.nextFloat(), dir);
        traceRadiance(
          prepared,
          ox,
          oy,
          oz,
          dir[0] as number,
          dir[1] as number,
          dir[2] as number,
          rng,
          spec.maxDepth,
          counter,
          sum,
        );
      }
      const o = 3 * (row * tile.width + column);
      pixels[o] = (sum[0] as number) * inv;
      pixels[o + 1] = (sum[1] as number) * inv;
      pixels[o + 2] = (sum[2] as number) * inv;
    }
  }
  return { pixels, rays: counter.rays };
}
