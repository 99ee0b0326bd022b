/**
 * Directions on a 360° equirectangular panorama, as the scene format states them: `yaw` in radians
 * from the image's centre column (positive to the right), `pitch` from the horizon (positive up).
 * The editor draws the photo on the inside of a sphere (three.js `SphereGeometry`, mirrored in x
 * so it reads the right way round) and converts between the texture coordinates a click hits and
 * yaw/pitch, and back to a direction for the hotspot markers.
 */

/** Texture coordinates of a click on the sphere: `u` 0–1 left to right, `v` 0 at the bottom, 1 at the top. */
export type PanoramaPick = { u: number; v: number };

export function anglesOf(pick: PanoramaPick): { yaw: number; pitch: number } {
  return { yaw: (pick.u - 0.5) * 2 * Math.PI, pitch: (pick.v - 0.5) * Math.PI };
}

/**
 * The unit vector from the sphere's centre through `yaw`/`pitch`, in the sphere's own frame: the
 * point the mirrored `SphereGeometry` shows that part of the photo at (centre column towards −x).
 */
export function directionOf(angles: { yaw: number; pitch: number }): [number, number, number] {
  const phi = (angles.yaw / (2 * Math.PI) + 0.5) * 2 * Math.PI;
  const theta = (0.5 - angles.pitch / Math.PI) * Math.PI;
  return [Math.cos(phi) * Math.sin(theta), Math.cos(theta), Math.sin(phi) * Math.sin(theta)];
}
