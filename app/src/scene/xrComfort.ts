/**
 * How a visitor moves in VR, as pure decisions `XrLocomotion` acts on.
 *
 * Comfort defaults follow headset makers' advice: teleport to move and snap turns to turn, since
 * smooth motion the body does not feel is what makes people sick. Smooth movement and smooth
 * turning are opt-in (`XrComfort`), and while either runs the edge of the view is dimmed (a
 * vignette). Moving keeps the visitor's head, not the play-area origin, where they aimed: a
 * teleport puts the head over the chosen point, a turn pivots around the head.
 */
import { z } from "zod";

export const xrComfortSchema = z.object({
  /** Teleport only, or the left thumbstick also walks smoothly. */
  locomotion: z.enum(["teleport", "smooth"]),
  /** Right thumbstick: turn in steps, or smoothly. */
  turn: z.enum(["snap", "smooth"]),
  snapDegrees: z.union([z.literal(30), z.literal(45), z.literal(90)]),
});
export type XrComfort = z.infer<typeof xrComfortSchema>;

export const DEFAULT_XR_COMFORT: XrComfort = { locomotion: "teleport", turn: "snap", snapDegrees: 45 };

/** The choices the toolbar offers, most comfortable first. */
export const XR_COMFORT_PRESETS: readonly { id: string; label: string; comfort: XrComfort }[] = [
  { id: "teleport-45", label: "Teleport, snap turn 45°", comfort: DEFAULT_XR_COMFORT },
  { id: "teleport-30", label: "Teleport, snap turn 30°", comfort: { ...DEFAULT_XR_COMFORT, snapDegrees: 30 } },
  {
    id: "smooth-snap",
    label: "Smooth movement, snap turn",
    comfort: { locomotion: "smooth", turn: "snap", snapDegrees: 45 },
  },
  {
    id: "smooth-smooth",
    label: "Smooth movement and turning",
    comfort: { locomotion: "smooth", turn: "smooth", snapDegrees: 45 },
  },
];

export const XR_COMFORT_STORAGE_KEY = "markspace-xr-comfort";

/** The stored choice, or the defaults when there is none or it no longer parses. */
export function readXrComfort(storage: Pick<Storage, "getItem"> | undefined): XrComfort {
  try {
    const raw = storage?.getItem(XR_COMFORT_STORAGE_KEY);
    if (!raw) return DEFAULT_XR_COMFORT;
    const parsed = xrComfortSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : DEFAULT_XR_COMFORT;
  } catch {
    return DEFAULT_XR_COMFORT;
  }
}

export function presetOf(comfort: XrComfort): string {
  return (
    XR_COMFORT_PRESETS.find(
      (preset) =>
        preset.comfort.locomotion === comfort.locomotion &&
        preset.comfort.turn === comfort.turn &&
        (comfort.turn === "smooth" || preset.comfort.snapDegrees === comfort.snapDegrees),
    )?.id ?? XR_COMFORT_PRESETS[0]!.id
  );
}

/** A walkable floor: a room's rectangle (centre x/z, size) at its level. */
export type Floor = { center: readonly [number, number]; width: number; depth: number; level: number };

/** How close (metres) a hit must be to a floor's level to count as standing on it. */
const FLOOR_TOLERANCE = 0.05;
/** Teleport and walking keep the head this far from the walls. */
const WALL_MARGIN = 0.2;

function inside(floor: Floor, x: number, z: number, margin: number): boolean {
  return (
    Math.abs(x - floor.center[0]) <= floor.width / 2 - margin &&
    Math.abs(z - floor.center[1]) <= floor.depth / 2 - margin
  );
}

/** The floor a pointer hit lands on (table tops, walls and ceilings are not floors), if any. */
export function floorAt(floors: readonly Floor[], point: { x: number; y: number; z: number }): Floor | undefined {
  return floors.find(
    (floor) => Math.abs(point.y - floor.level) <= FLOOR_TOLERANCE && inside(floor, point.x, point.z, WALL_MARGIN),
  );
}

/** Whether a head at (x, z) stands over some floor, clear of its walls. */
export function onSomeFloor(floors: readonly Floor[], x: number, z: number): boolean {
  return floors.some((floor) => inside(floor, x, z, WALL_MARGIN));
}

export type Pose = { x: number; y: number; z: number; yaw: number };

/**
 * The origin that puts the head (now at `head`, world) over `point` on its floor: the origin
 * moves by the difference, height set to the floor's level.
 */
export function teleportOrigin(
  origin: Pose,
  head: { x: number; z: number },
  point: { x: number; z: number },
  level: number,
): Pose {
  return { x: origin.x + point.x - head.x, y: level, z: origin.z + point.z - head.z, yaw: origin.yaw };
}

/** The origin turned by `angle` radians (counter-clockwise seen from above) around the head. */
export function turnAroundHead(origin: Pose, head: { x: number; z: number }, angle: number): Pose {
  const dx = origin.x - head.x;
  const dz = origin.z - head.z;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  // A rotation about +y: x' = x cos + z sin, z' = −x sin + z cos (three.js convention).
  return { x: head.x + dx * cos + dz * sin, y: origin.y, z: head.z - dx * sin + dz * cos, yaw: origin.yaw + angle };
}

/**
 * The origin after smooth walking by `velocity` (m/s, world, horizontal) for `seconds`, or the
 * same origin when the head would leave every floor (the visitor slides along nothing: simple and
 * predictable).
 */
export function walkOrigin(
  origin: Pose,
  head: { x: number; z: number },
  velocity: { x: number; z: number },
  seconds: number,
  floors: readonly Floor[],
): Pose {
  const dx = velocity.x * seconds;
  const dz = velocity.z * seconds;
  if (!onSomeFloor(floors, head.x + dx, head.z + dz)) return origin;
  return { ...origin, x: origin.x + dx, z: origin.z + dz };
}
