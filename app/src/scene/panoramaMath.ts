/**
 * Geometry of a 360° equirectangular panorama: where a hotspot at (yaw, pitch) floats around the
 * eye, and which part of a stereo image is the left eye's.
 */
export type Vec3 = [number, number, number];

/**
 * Unit vector from the eye towards a hotspot. `heading` is the compass direction of the image's
 * centre column (radians clockwise from north, −z); `yaw` is measured from that column, positive
 * to the right (clockwise seen from above); `pitch` positive up.
 */
export function hotspotDirection(yaw: number, pitch: number, heading: number): Vec3 {
  const bearing = heading + yaw;
  const horizontal = Math.cos(pitch);
  return [Math.sin(bearing) * horizontal, Math.sin(pitch), -Math.cos(bearing) * horizontal];
}

/**
 * Y rotation of the panorama sphere so the image's centre column faces `heading`. three.js'
 * SphereGeometry puts u = 0.5 (the centre column) towards +x; the sphere is mirrored in x (scale
 * −1, so the photo reads the right way round from inside), which moves it to −x; turning by
 * −π/2 − heading then brings it to the bearing `heading` (north −z, east +x).
 */
export function panoramaRotationY(heading: number): number {
  return -Math.PI / 2 - heading;
}

/** Where the centre column looks after `panoramaRotationY`: the mirrored −x axis turned about y. */
export function centreColumnDirection(heading: number): Vec3 {
  const angle = panoramaRotationY(heading);
  return [-Math.cos(angle), 0, Math.sin(angle)];
}

/** Texture repeat and offset that select the left eye of a stereo layout (the whole image for mono). */
export function leftEyeWindow(stereo: "mono" | "top-bottom" | "left-right"): {
  repeat: [number, number];
  offset: [number, number];
} {
  if (stereo === "top-bottom") return { repeat: [1, 0.5], offset: [0, 0.5] }; // left eye on top (v up)
  if (stereo === "left-right") return { repeat: [0.5, 1], offset: [0, 0] };
  return { repeat: [1, 1], offset: [0, 0] };
}
