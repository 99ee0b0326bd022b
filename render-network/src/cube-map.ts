/**
 * A cube-map panorama at one viewpoint as six image specs, one per face (+x, −x, +y, −y, +z, −z).
 * Face `f` of viewpoint `v` is image `view = 6v + f` of the job: part of every pixel's random seed,
 * so no two faces of a job share random numbers.
 */
import { RenderInvalidInputError } from "./errors.ts";
import type { CubeFace, ImageSpec, Vec3 } from "./tracer/index.ts";

export type CubeMapParameters = {
  /** Where the viewer's eye is, in scene metres. */
  position: Vec3;
  /** Side of each square face, in pixels. */
  faceSize: number;
  /** Index of this viewpoint in the job. */
  viewpoint: number;
  seed: number;
  samplesPerPixel: number;
  maxDepth: number;
};

/** The six face specs of a cube map, in face order. */
export function cubeMapSpecs({
  position,
  faceSize,
  viewpoint,
  seed,
  samplesPerPixel,
  maxDepth,
}: CubeMapParameters): ImageSpec[] {
  if (!Number.isInteger(viewpoint) || viewpoint < 0 || viewpoint * 6 + 5 > 0xffffffff) {
    throw new RenderInvalidInputError({ shortMessage: `Viewpoint ${viewpoint} is not an integer from 0 to 715827882` });
  }
  return ([0, 1, 2, 3, 4, 5] as const).map((face: CubeFace): ImageSpec => ({
    camera: { kind: "cube-face", position, face },
    width: faceSize,
    height: faceSize,
    samplesPerPixel,
    maxDepth,
    seed,
    view: viewpoint * 6 + face,
  }));
}
