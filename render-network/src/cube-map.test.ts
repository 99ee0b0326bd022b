import { describe, expect, it } from "vitest";
import { cubeMapSpecs } from "./cube-map.ts";
import { cameraFrame, cameraRay, Rng } from "./tracer/index.ts";

const specs = cubeMapSpecs({
  position: [0, 1.6, 0],
  faceSize: 64,
  viewpoint: 3,
  seed: 1,
  samplesPerPixel: 4,
  maxDepth: 4,
});
const frames = specs.map((spec) => cameraFrame(spec.camera, spec.width, spec.height));
const dot = (a: readonly number[], b: readonly number[]) => a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!;

describe("cubeMapSpecs", () => {
  it("gives six faces with their own view numbers", () => {
    expect(specs.map((spec) => spec.view)).toEqual([18, 19, 20, 21, 22, 23]);
  });

  it("looks along each face's axis through the face's centre", () => {
    const out = new Float64Array(3);
    const axes = [
      [1, 0, 0],
      [-1, 0, 0],
      [0, 1, 0],
      [0, -1, 0],
      [0, 0, 1],
      [0, 0, -1],
    ];
    frames.forEach((frame, face) => expect([...cameraRay(frame, 64, 64, 32, 32, out)]).toEqual(axes[face]));
  });

  it("covers every direction with exactly one face (no gaps, no overlaps)", () => {
    const rng = new Rng().seed(1, 0, 0, 0, 0);
    for (let i = 0; i < 2000; i++) {
      const d = [rng.nextFloat() - 0.5, rng.nextFloat() - 0.5, rng.nextFloat() - 0.5];
      const seen = frames.filter((frame) => {
        const ahead = dot(d, frame.forward);
        return ahead > 0 && Math.abs(dot(d, frame.right)) <= ahead && Math.abs(dot(d, frame.up)) <= ahead;
      });
      expect(seen).toHaveLength(1);
    }
  });

  it("refuses a negative viewpoint", () => {
    expect(() =>
      cubeMapSpecs({ position: [0, 0, 0], faceSize: 8, viewpoint: -1, seed: 1, samplesPerPixel: 1, maxDepth: 1 }),
    ).toThrow(/Viewpoint -1/);
  });
});
