/**
 * What a render job asks of each tile, as every Worker and the Scheduler must read it the same
 * way: a job (its scene manifest, output spec and id) → viewpoints → cube faces → tiles, and for
 * tile `i` the image spec and rectangle to render. The chain numbers tiles
 * `viewpoints × 6 faces × ⌈faceSize / tileSize⌉²` (`RenderJobs.tileCountOf`); tile `i` is tile
 * `i mod perFace` (`splitIntoTiles` order) of face `⌊i / perFace⌋ mod 6` of viewpoint
 * `⌊i / (6 · perFace)⌋`.
 */
import type { SceneManifest } from "@markspace/ipfs/manifest";
import { cubeMapSpecs } from "./cube-map.ts";
import { RenderInvalidInputError } from "./errors.ts";
import { splitIntoTiles } from "./tiles.ts";
import type { ImageSpec, Tile, Vec3 } from "./tracer/index.ts";

/** Path depth every job renders with (part of the protocol: changing it changes every hash). */
export const JOB_MAX_DEPTH = 6;
/** Eye height of the viewpoints after the first, in metres. */
export const VIEWPOINT_EYE_HEIGHT = 1.6;

/** The on-chain output spec (`IRenderJobs.OutputSpec`). */
export type JobOutputSpec = { viewpoints: number; faceSize: number; samplesPerPixel: number; tileSize: number };

export type JobTile = {
  viewpoint: number;
  /** Cube face 0–5: +x −x +y −y +z −z. */
  face: number;
  /** Index of the tile within its face. */
  faceTile: number;
  spec: ImageSpec;
  tile: Tile;
};

/** The output spec as the chain returns it (`jobOf(id).spec`), in plain numbers. */
export function jobSpecOf(onChain: {
  viewpoints: number | bigint;
  faceSize: number | bigint;
  samplesPerPixel: number | bigint;
  tileSize: number | bigint;
}): JobOutputSpec {
  return {
    viewpoints: Number(onChain.viewpoints),
    faceSize: Number(onChain.faceSize),
    samplesPerPixel: Number(onChain.samplesPerPixel),
    tileSize: Number(onChain.tileSize),
  };
}

/** Largest tile side a Worker renders: a larger tile's payload exceeds one IPFS block (1 MiB). */
export const MAX_JOB_TILE_SIDE = 590;
/** Most camera samples in one tile (about half a minute on one core today). */
export const MAX_TILE_SAMPLES = 2 ** 24;

/**
 * Refuses a spec no Worker should take on: tiles too large to store as one block, or so many
 * samples per tile that one tile would hold a Worker for long (the chain bounds only the tile
 * count). A Scheduler declines such a job; a Worker drawn for one gives it up.
 */
export function checkJobSpec(spec: JobOutputSpec): void {
  const { faceSize, tileSize, samplesPerPixel, viewpoints } = spec;
  for (const [name, value] of [
    ["viewpoints", viewpoints],
    ["face size", faceSize],
    ["tile size", tileSize],
    ["samples per pixel", samplesPerPixel],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new RenderInvalidInputError({ shortMessage: `The job's ${name} ${value} is not a whole number ≥ 1` });
    }
  }
  const side = Math.min(tileSize, faceSize);
  if (side > MAX_JOB_TILE_SIDE) {
    throw new RenderInvalidInputError({
      shortMessage: `The job's ${side}-pixel tiles are larger than ${MAX_JOB_TILE_SIDE} pixels (one IPFS block)`,
    });
  }
  if (side * side * samplesPerPixel > MAX_TILE_SAMPLES) {
    throw new RenderInvalidInputError({
      shortMessage: `A ${side} × ${side} tile at ${samplesPerPixel} samples a pixel is ${side * side * samplesPerPixel} samples, above ${MAX_TILE_SAMPLES}`,
    });
  }
}

/** The random seed of a job's pixels: its id's low 32 bits (every job draws its own numbers). */
export function jobSeed(jobId: bigint): number {
  return Number(jobId & 0xffffffffn);
}

/**
 * Where the viewer stands for each viewpoint: the first is the visitor's arrival point (the
 * manifest's `spawn`, else where the app places a visitor); the others lie on a grid across the
 * room at eye height, 1 m clear of the walls, row by row from the north-west.
 */
export function jobViewpoints(manifest: SceneManifest, count: number): Vec3[] {
  if (!Number.isInteger(count) || count < 1 || count > 65535) {
    throw new RenderInvalidInputError({ shortMessage: `Viewpoint count ${count} is not an integer from 1 to 65535` });
  }
  const { width, depth } = manifest.room;
  const arrival: Vec3 = manifest.spawn?.position ?? [0, VIEWPOINT_EYE_HEIGHT, depth / 2 - 0.5];
  const points: Vec3[] = [arrival];
  const others = count - 1;
  if (others === 0) return points;
  const columns = Math.ceil(Math.sqrt(others));
  const rows = Math.ceil(others / columns);
  const inset = (size: number) => Math.min(1, size / 4);
  const along = (size: number, cells: number, index: number) =>
    cells === 1 ? 0 : -size / 2 + inset(size) + ((size - 2 * inset(size)) * index) / (cells - 1);
  for (let i = 0; i < others; i++) {
    points.push([
      along(width, columns, i % columns),
      VIEWPOINT_EYE_HEIGHT,
      along(depth, rows, Math.floor(i / columns)),
    ]);
  }
  return points;
}

/** Tiles of one cube face. */
export function tilesPerFace(spec: JobOutputSpec): number {
  return Math.ceil(spec.faceSize / spec.tileSize) ** 2;
}

/** The tile count `RenderJobs.tileCountOf` gives for `spec`. */
export function jobTileCount(spec: JobOutputSpec): number {
  return spec.viewpoints * 6 * tilesPerFace(spec);
}

/** What tile `index` of job `jobId` renders. */
export function jobTile(params: {
  jobId: bigint;
  manifest: SceneManifest;
  spec: JobOutputSpec;
  index: number;
}): JobTile {
  const { jobId, manifest, spec, index } = params;
  const perFace = tilesPerFace(spec);
  if (!Number.isInteger(index) || index < 0 || index >= jobTileCount(spec)) {
    throw new RenderInvalidInputError({
      shortMessage: `Tile ${index} is not a tile of a job with ${jobTileCount(spec)} tiles`,
    });
  }
  const image = Math.floor(index / perFace);
  const viewpoint = Math.floor(image / 6);
  const face = image % 6;
  const faceTile = index % perFace;
  const position = jobViewpoints(manifest, spec.viewpoints)[viewpoint]!;
  const faceSpec = cubeMapSpecs({
    position,
    faceSize: spec.faceSize,
    viewpoint,
    seed: jobSeed(jobId),
    samplesPerPixel: spec.samplesPerPixel,
    maxDepth: JOB_MAX_DEPTH,
  })[face]!;
  const tile = splitIntoTiles(spec.faceSize, spec.faceSize, spec.tileSize)[faceTile]!;
  return { viewpoint, face, faceTile, spec: faceSpec, tile };
}
