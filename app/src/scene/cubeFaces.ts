/**
 * Where each face of a cube map published by the render network sits around the eye: the
 * tracer's own face frames (`render-network/src/tracer/camera.ts`: forward, up, right = forward ×
 * up; pixel row 0 at the top). Each face becomes a quad at `forward` spanning ±right and ±up, so
 * the viewer needs no cube-map orientation convention of its own: what the tracer saw in a
 * direction is drawn in that direction.
 */
export type Vec3 = readonly [number, number, number];

/** In the order of a result's `faces`: +x −x +y −y +z −z. */
export const CUBE_FACE_FRAMES: readonly { forward: Vec3; up: Vec3 }[] = [
  { forward: [1, 0, 0], up: [0, 1, 0] },
  { forward: [-1, 0, 0], up: [0, 1, 0] },
  { forward: [0, 1, 0], up: [0, 0, 1] },
  { forward: [0, -1, 0], up: [0, 0, -1] },
  { forward: [0, 0, 1], up: [0, 1, 0] },
  { forward: [0, 0, -1], up: [0, 1, 0] },
];

function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

/**
 * The quad of face `face` at distance `size`: four corners (top-left, top-right, bottom-left,
 * bottom-right) with texture coordinates for an image whose first row is its top (three.js
 * flips images so v = 1 is the top row), and the two triangles' indices.
 */
export function cubeFaceQuad(face: number, size: number) {
  const frame = CUBE_FACE_FRAMES[face];
  if (!frame) throw new RangeError(`Cube face ${face} is not 0–5`);
  const { forward, up } = frame;
  const right = cross(forward, up);
  const corner = (sx: number, sy: number) =>
    [0, 1, 2].map((axis) => size * (forward[axis]! + sx * right[axis]! + sy * up[axis]!));
  const positions = new Float32Array([...corner(-1, 1), ...corner(1, 1), ...corner(-1, -1), ...corner(1, -1)]);
  const uvs = new Float32Array([0, 1, 1, 1, 0, 0, 1, 0]);
  const indices = [0, 2, 1, 1, 2, 3];
  return { positions, uvs, indices };
}

/** Unit vector from `from` to `to` (a hotspot's direction), or undefined when they coincide. */
export function directionTo(from: Vec3, to: Vec3): Vec3 | undefined {
  const d: Vec3 = [to[0] - from[0], to[1] - from[1], to[2] - from[2]];
  const length = Math.hypot(d[0], d[1], d[2]);
  return length < 1e-9 ? undefined : [d[0] / length, d[1] / length, d[2] / length];
}
