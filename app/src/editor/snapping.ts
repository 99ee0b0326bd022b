/**
 * Snapping for the editor's gizmos: positions to a grid, angles to a step, scales to a step, and
 * objects kept inside the room. Steps of 0 (or less) switch snapping off for that measure.
 */

export type Vec3 = [number, number, number];

export type SnapSettings = {
  enabled: boolean;
  /** Grid step for positions, metres. */
  grid: number;
  /** Angle step, degrees. */
  angleDegrees: number;
  /** Scale step (0.1 = 10 %). */
  scale: number;
};

export const DEFAULT_SNAP: SnapSettings = { enabled: true, grid: 0.25, angleDegrees: 15, scale: 0.1 };

/** Rounds away the float noise of a snapped value (0.1 + 0.2) so manifests stay readable. */
function tidy(value: number): number {
  const rounded = Math.round(value * 1e6) / 1e6;
  return Object.is(rounded, -0) ? 0 : rounded;
}

/** `value` on the nearest multiple of `step`. */
export function snapValue(value: number, step: number): number {
  if (!(step > 0)) return tidy(value);
  return tidy(Math.round(value / step) * step);
}

export function snapPosition(position: readonly number[], settings: SnapSettings): Vec3 {
  const step = settings.enabled ? settings.grid : 0;
  return [snapValue(position[0]!, step), snapValue(position[1]!, step), snapValue(position[2]!, step)];
}

/** Euler angles (radians) on the nearest angle step, each wrapped into (−π, π]. */
export function snapRotation(rotation: readonly number[], settings: SnapSettings): Vec3 {
  const step = settings.enabled ? (settings.angleDegrees * Math.PI) / 180 : 0;
  return [0, 1, 2].map((axis) => wrapAngle(snapValue(rotation[axis]!, step))) as Vec3;
}

/** A uniform scale on the scale step, never below one step (or 0.01 without snapping). */
export function snapScale(scale: number, settings: SnapSettings): number {
  const step = settings.enabled ? settings.scale : 0;
  const floor = step > 0 ? step : 0.01;
  return Math.max(floor, snapValue(scale, step));
}

export function wrapAngle(angle: number): number {
  let wrapped = angle % (2 * Math.PI);
  // A micro-radian of rounding at ±π must not flip a half turn to its other sign.
  if (wrapped <= -Math.PI + 1e-6) wrapped += 2 * Math.PI;
  if (wrapped > Math.PI + 1e-6) wrapped -= 2 * Math.PI;
  return tidy(wrapped);
}

/** Keeps a point on or above the floor and inside a room of `room`'s size (centred on the origin). */
export function clampIntoRoom(
  position: readonly number[],
  room: { width: number; depth: number; height: number },
): Vec3 {
  const clamp = (value: number, half: number) => Math.min(half, Math.max(-half, value));
  return [
    tidy(clamp(position[0]!, room.width / 2)),
    tidy(Math.min(room.height, Math.max(0, position[1]!))),
    tidy(clamp(position[2]!, room.depth / 2)),
  ];
}
