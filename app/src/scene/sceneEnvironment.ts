/**
 * What the manifest's time of day and weather look like: the sky colour behind the room, the fog
 * and the sun (direction, colour, strength) that lights what is outdoors and comes in through
 * openings. Pure numbers, so the look is tested without a renderer.
 */
import type { SceneManifest } from "@markspace/ipfs/manifest";

type Environment = NonNullable<SceneManifest["environment"]>;
type Weather = Environment["weather"];
export type Vec3 = [number, number, number];

export type EnvironmentLook = {
  /** Background colour, sRGB hex. */
  sky: string;
  /** Linear fog from `near` to `far` metres, absent in clear air. */
  fog: { color: string; near: number; far: number } | undefined;
  /** Unit vector from the scene towards the sun (y < 0 once it has set). */
  sunDirection: Vec3;
  /** Sunlight in lux-like units for a directional light, 0 at night. */
  sunIntensity: number;
  sunColor: string;
  /** Sky fill for a hemisphere light. */
  ambientIntensity: number;
};

/** Sun elevation in radians for a time of day: up at 6, highest (about 60°) at 12, down at 18. */
export function sunElevation(timeOfDay: number): number {
  return Math.sin(((timeOfDay - 6) / 12) * Math.PI) * (Math.PI / 3);
}

const CLOUD_DIMMING: Record<Weather, number> = {
  clear: 1,
  cloudy: 0.7,
  overcast: 0.4,
  rain: 0.3,
  snow: 0.45,
  fog: 0.35,
};

const FOG_RANGE: Partial<Record<Weather, [number, number]>> = {
  rain: [8, 45],
  snow: [6, 35],
  fog: [1.5, 16],
  overcast: [20, 90],
};

export function environmentLook(environment: SceneManifest["environment"]): EnvironmentLook {
  const timeOfDay = environment?.timeOfDay ?? 12;
  const weather = environment?.weather ?? "clear";
  const elevation = sunElevation(timeOfDay);
  // The sun rises in the east (+x) and sets in the west (−x), passing south (+z) at noon.
  const azimuth = ((timeOfDay - 6) / 12) * Math.PI;
  const horizontal = Math.cos(elevation);
  const sunDirection: Vec3 = [
    Math.cos(azimuth) * horizontal,
    Math.sin(elevation),
    Math.sin(azimuth) * horizontal * 0.6,
  ];
  const length = Math.hypot(...sunDirection);
  const direction = sunDirection.map((value) => value / length) as Vec3;
  const daylight = clamp01(Math.sin(elevation) / Math.sin(Math.PI / 3));
  const twilight = clamp01(1 - Math.abs(Math.sin(elevation)) / 0.25) * (elevation > -0.25 ? 1 : 0);
  const dimming = CLOUD_DIMMING[weather];

  const day: Vec3 = [0.53, 0.72, 0.92];
  const dusk: Vec3 = [0.93, 0.55, 0.36];
  const night: Vec3 = [0.03, 0.04, 0.09];
  const grey: Vec3 = [0.62, 0.64, 0.67];
  let sky = mix(night, day, daylight);
  sky = mix(sky, dusk, twilight * 0.7);
  sky = mix(sky, mix(night, grey, Math.max(daylight, 0.1)), 1 - dimming);

  const range = FOG_RANGE[weather];
  const fog = range ? { color: toHex(sky), near: range[0], far: range[1] } : undefined;
  return {
    sky: toHex(sky),
    fog,
    sunDirection: direction,
    sunIntensity: round(3 * daylight * dimming),
    sunColor: toHex(mix([1, 0.97, 0.9], [1, 0.62, 0.35], twilight)),
    ambientIntensity: round(0.15 + 0.75 * daylight * (0.5 + dimming / 2)),
  };
}

function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}

function mix(a: Vec3, b: Vec3, t: number): Vec3 {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

function toHex(color: Vec3): string {
  return `#${color
    .map((c) =>
      Math.round(clamp01(c) * 255)
        .toString(16)
        .padStart(2, "0"),
    )
    .join("")}`;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
