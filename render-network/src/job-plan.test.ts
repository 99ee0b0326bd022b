import { describe, expect, it } from "vitest";
import { sceneManifestSchema } from "@markspace/ipfs/manifest";
import {
  checkJobSpec,
  JOB_MAX_DEPTH,
  jobSeed,
  jobTile,
  jobTileCount,
  jobViewpoints,
  tilesPerFace,
} from "./job-plan.ts";

const manifest = sceneManifestSchema.parse({
  version: 1,
  name: "Plan room",
  room: { width: 8, depth: 6, height: 3 },
  floor: { color: "#808080" },
  walls: { color: "#ffffff" },
});

describe("job plan", () => {
  it("counts tiles as RenderJobs.tileCountOf does", () => {
    expect(tilesPerFace({ viewpoints: 2, faceSize: 100, samplesPerPixel: 1, tileSize: 32 })).toBe(16);
    expect(jobTileCount({ viewpoints: 2, faceSize: 100, samplesPerPixel: 1, tileSize: 32 })).toBe(2 * 6 * 16);
    expect(jobTileCount({ viewpoints: 1, faceSize: 64, samplesPerPixel: 1, tileSize: 64 })).toBe(6);
  });

  it("numbers tiles face by face, viewpoint by viewpoint, and seeds pixels from the job and the face", () => {
    const spec = { viewpoints: 2, faceSize: 40, samplesPerPixel: 8, tileSize: 32 };
    const last = jobTile({ jobId: 7n, manifest, spec, index: jobTileCount(spec) - 1 });
    expect(last).toMatchObject({ viewpoint: 1, face: 5, faceTile: 3, tile: { x: 32, y: 32, width: 8, height: 8 } });
    expect(last.spec).toMatchObject({
      width: 40,
      height: 40,
      samplesPerPixel: 8,
      maxDepth: JOB_MAX_DEPTH,
      seed: 7,
      view: 11,
    });
    const fifth = jobTile({ jobId: 7n, manifest, spec, index: 5 });
    expect(fifth).toMatchObject({ viewpoint: 0, face: 1, faceTile: 1, tile: { x: 32, y: 0 } });
    expect(() => jobTile({ jobId: 7n, manifest, spec, index: 48 })).toThrow(/not a tile of a job with 48 tiles/);
    expect(jobSeed(2n ** 40n + 5n)).toBe(5);
  });

  it("places the first viewpoint where a visitor arrives and the others inside the room", () => {
    const points = jobViewpoints(manifest, 5);
    expect(points[0]).toEqual([0, 1.6, 2.5]);
    for (const [x, y, z] of points.slice(1)) {
      expect(Math.abs(x)).toBeLessThanOrEqual(3);
      expect(Math.abs(z)).toBeLessThanOrEqual(2);
      expect(y).toBe(1.6);
    }
    expect(new Set(points.map((point) => point.join())).size).toBe(5);
    expect(jobViewpoints({ ...manifest, spawn: { position: [1, 1.5, 0], lookAt: [0, 1.5, -1] } }, 1)).toEqual([
      [1, 1.5, 0],
    ]);
    expect(() => jobViewpoints(manifest, 0)).toThrow(/Viewpoint count 0/);
  });
});

describe("checkJobSpec", () => {
  it("accepts the demo job and refuses tiles too large for one block or too many samples a tile", () => {
    expect(() => checkJobSpec({ viewpoints: 1, faceSize: 128, samplesPerPixel: 16, tileSize: 32 })).not.toThrow();
    // A tile side above the face side is cut to the face.
    expect(() => checkJobSpec({ viewpoints: 1, faceSize: 64, samplesPerPixel: 16, tileSize: 65_536 })).not.toThrow();
    expect(() => checkJobSpec({ viewpoints: 1, faceSize: 4096, samplesPerPixel: 1, tileSize: 600 })).toThrow(
      /600-pixel tiles are larger than 590 pixels/,
    );
    expect(() => checkJobSpec({ viewpoints: 1, faceSize: 4096, samplesPerPixel: 4096, tileSize: 256 })).toThrow(
      /256 × 256 tile at 4096 samples a pixel is 268435456 samples, above 16777216/,
    );
    expect(() => checkJobSpec({ viewpoints: 0, faceSize: 64, samplesPerPixel: 1, tileSize: 8 })).toThrow(
      /viewpoints 0 is not a whole number/,
    );
  });
});
