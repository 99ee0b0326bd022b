/**
 * Cameras: a pinhole camera and the six 90° faces of a cube map at a viewpoint. A camera becomes a
 * `CameraFrame` (origin, and the forward/right/up vectors scaled to the image plane), and
 * `cameraRay` maps a continuous image position to a unit ray direction. Image rows go top to
 * bottom; `right = forward × up` (right-handed, y up).
 */
import { RenderInvalidInputError } from "../errors.ts";
import { tan } from "./detmath.ts";
import type { Vec3 } from "./scene.ts";

/** A pinhole camera looking from `position` at `target`, `verticalFovDegrees` wide vertically. */
export type PinholeCamera = {
  kind: "pinhole";
  position: Vec3;
  target: Vec3;
  up?: Vec3;
  verticalFovDegrees: number;
};

/** One face of a cube map centred on `position` (faces: +x, −x, +y, −y, +z, −z). */
export type CubeFaceCamera = { kind: "cube-face"; position: Vec3; face: CubeFace };

export type CubeFace = 0 | 1 | 2 | 3 | 4 | 5;
export type Camera = PinholeCamera | CubeFaceCamera;

/** The forward and up vectors of each cube face; a stitcher uses the same table. */
export const CUBE_FACES: readonly { name: string; forward: Vec3; up: Vec3 }[] = [
  { name: "+x", forward: [1, 0, 0], up: [0, 1, 0] },
  { name: "-x", forward: [-1, 0, 0], up: [0, 1, 0] },
  { name: "+y", forward: [0, 1, 0], up: [0, 0, 1] },
  { name: "-y", forward: [0, -1, 0], up: [0, 0, -1] },
  { name: "+z", forward: [0, 0, 1], up: [0, 1, 0] },
  { name: "-z", forward: [0, 0, -1], up: [0, 1, 0] },
];

/** Origin and image-plane vectors: direction = forward + sx·right + sy·up, sx, sy ∈ [−1, 1]. */
export type CameraFrame = { origin: Vec3; forward: Vec3; right: Vec3; up: Vec3 };

function normalize(v: Vec3): Vec3 {
  const l = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
  return [v[0] / l, v[1] / l, v[2] / l];
}

function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

function scale(v: Vec3, s: number): Vec3 {
  return [v[0] * s, v[1] * s, v[2] * s];
}

/** The frame of a camera for an image of `width` × `height` pixels. */
export function cameraFrame(camera: Camera, width: number, height: number): CameraFrame {
  if (camera.kind === "cube-face") {
    const face = CUBE_FACES[camera.face];
    if (!face || width !== height) {
      throw new RenderInvalidInputError({
        shortMessage: `Cube face ${camera.face} at ${width} × ${height} is not a square face 0–5`,
      });
    }
    return { origin: camera.position, forward: face.forward, right: cross(face.forward, face.up), up: face.up };
  }
  if (!(camera.verticalFovDegrees > 0 && camera.verticalFovDegrees < 180)) {
    throw new RenderInvalidInputError({
      shortMessage: `Vertical field of view ${camera.verticalFovDegrees}° is outside (0°, 180°)`,
    });
  }
  const forward = normalize([
    camera.target[0] - camera.position[0],
    camera.target[1] - camera.position[1],
    camera.target[2] - camera.position[2],
  ]);
  const right = normalize(cross(forward, camera.up ?? [0, 1, 0]));
  const up = cross(right, forward);
  const halfHeight = tan((camera.verticalFovDegrees * 3.141592653589793) / 360);
  const halfWidth = (halfHeight * width) / height;
  return { origin: camera.position, forward, right: scale(right, halfWidth), up: scale(up, halfHeight) };
}

/**
 * Writes the unit direction through image position (px, py) (pixel units, (0, 0) the top-left
 * corner) into `out[0..2]`.
 */
export function cameraRay(
  frame: CameraFrame,
  width: number,
  height: number,
  px: number,
  py: number,
  out: Float64Array,
): Float64Array {
  const sx = (2 * px) / width - 1;
  const sy = 1 - (2 * py) / height;
  const { forward, right, up } = frame;
  const x = forward[0] + sx * right[0] + sy * up[0];
  const y = forward[1] + sx * right[1] + sy * up[1];
  const z = forward[2] + sx * right[2] + sy * up[2];
  const inv = 1 / Math.sqrt(x * x + y * y + z * z);
  out[0] = x * inv;
  out[1] = y * inv;
  out[2] = z * inv;
  return out;
}
