/**
 * Ray–triangle intersection (Möller–Trumbore) on the flat position array, and the triangle's
 * geometric normal. Hot path: scalars only, no allocation.
 */

/** Hits closer than this are ignored, so a ray leaving a surface does not hit it again. */
export const T_MIN = 1e-7;

/**
 * Distance t along `o + t·d` at which the ray crosses triangle `tri`, or Infinity when it misses
 * (or t ≤ T_MIN). Both faces count.
 */
export function intersectTriangle(
  positions: Float64Array,
  tri: number,
  ox: number,
  oy: number,
  oz: number,
  dx: number,
  dy: number,
  dz: number,
): number {
  const p = 9 * tri;
  const ax = positions[p] as number;
  const ay = positions[p + 1] as number;
  const az = positions[p + 2] as number;
  const e1x = (positions[p + 3] as number) - ax;
  const e1y = (positions[p + 4] as number) - ay;
  const e1z = (positions[p + 5] as number) - az;
  const e2x = (positions[p + 6] as number) - ax;
  const e2y = (positions[p + 7] as number) - ay;
  const e2z = (positions[p + 8] as number) - az;
  const px = dy * e2z - dz * e2y;
  const py = dz * e2x - dx * e2z;
  const pz = dx * e2y - dy * e2x;
  const det = e1x * px + e1y * py + e1z * pz;
  if (det > -1e-12 && det < 1e-12) return Infinity;
  const inv = 1 / det;
  const sx = ox - ax;
  const sy = oy - ay;
  const sz = oz - az;
  const u = (sx * px + sy * py + sz * pz) * inv;
  if (u < 0 || u > 1) return Infinity;
  const qx = sy * e1z - sz * e1y;
  const qy = sz * e1x - sx * e1z;
  const qz = sx * e1y - sy * e1x;
  const v = (dx * qx + dy * qy + dz * qz) * inv;
  if (v < 0 || u + v > 1) return Infinity;
  const t = (e2x * qx + e2y * qy + e2z * qz) * inv;
  return t > T_MIN ? t : Infinity;
}

/** Writes the unit normal `(b − a) × (c − a)` of triangle `tri` into `out[0..2]`. */
export function triangleNormal(positions: Float64Array, tri: number, out: Float64Array): Float64Array {
  const p = 9 * tri;
  const ax = positions[p] as number;
  const ay = positions[p + 1] as number;
  const az = positions[p + 2] as number;
  const e1x = (positions[p + 3] as number) - ax;
  const e1y = (positions[p + 4] as number) - ay;
  const e1z = (positions[p + 5] as number) - az;
  const e2x = (positions[p + 6] as number) - ax;
  const e2y = (positions[p + 7] as number) - ay;
  const e2z = (positions[p + 8] as number) - az;
  const nx = e1y * e2z - e1z * e2y;
  const ny = e1z * e2x - e1x * e2z;
  const nz = e1x * e2y - e1y * e2x;
  const inv = 1 / Math.sqrt(nx * nx + ny * ny + nz * nz);
  out[0] = nx * inv;
  out[1] = ny * inv;
  out[2] = nz * inv;
  return out;
}
