import { describe, expect, it } from "vitest";
import {
  DEFAULT_XR_COMFORT,
  floorAt,
  presetOf,
  readXrComfort,
  teleportOrigin,
  turnAroundHead,
  walkOrigin,
  XR_COMFORT_PRESETS,
  XR_COMFORT_STORAGE_KEY,
  type Floor,
} from "./xrComfort.ts";

const floors: Floor[] = [
  { center: [0, 0], width: 6, depth: 5, level: 0 },
  { center: [0, -3.25], width: 3, depth: 1.5, level: 0.4 },
];
const storage = (value: string | null) => ({
  getItem: (key: string) => (key === XR_COMFORT_STORAGE_KEY ? value : null),
});

describe("VR comfort settings", () => {
  it("default to teleport and 45° snap turns, and read back only a valid stored choice", () => {
    expect(DEFAULT_XR_COMFORT).toEqual({ locomotion: "teleport", turn: "snap", snapDegrees: 45 });
    expect(readXrComfort(undefined)).toEqual(DEFAULT_XR_COMFORT);
    expect(readXrComfort(storage(null))).toEqual(DEFAULT_XR_COMFORT);
    expect(readXrComfort(storage("{not json"))).toEqual(DEFAULT_XR_COMFORT);
    expect(readXrComfort(storage(JSON.stringify({ locomotion: "fly", turn: "snap", snapDegrees: 45 })))).toEqual(
      DEFAULT_XR_COMFORT,
    );
    expect(readXrComfort(storage(JSON.stringify({ locomotion: "teleport", turn: "snap", snapDegrees: 17 })))).toEqual(
      DEFAULT_XR_COMFORT,
    );
    const smooth = { locomotion: "smooth", turn: "smooth", snapDegrees: 45 };
    expect(readXrComfort(storage(JSON.stringify(smooth)))).toEqual(smooth);
    const throwing = {
      getItem: () => {
        throw new Error("denied");
      },
    };
    expect(readXrComfort(throwing)).toEqual(DEFAULT_XR_COMFORT);
  });

  it("maps every preset back to itself", () => {
    for (const preset of XR_COMFORT_PRESETS) expect(presetOf(preset.comfort)).toBe(preset.id);
    expect(presetOf({ locomotion: "teleport", turn: "snap", snapDegrees: 90 })).toBe(XR_COMFORT_PRESETS[0]!.id);
  });
});

describe("moving in VR", () => {
  it("teleports only onto a floor, clear of the walls, at the floor's level", () => {
    expect(floorAt(floors, { x: 1, y: 0, z: 1 })).toBe(floors[0]);
    expect(floorAt(floors, { x: 1, y: 0.03, z: 1 })).toBe(floors[0]);
    // A table top, a wall, a point outside, too near a wall.
    expect(floorAt(floors, { x: 1, y: 0.75, z: 1 })).toBeUndefined();
    expect(floorAt(floors, { x: 3, y: 1.2, z: 0 })).toBeUndefined();
    expect(floorAt(floors, { x: 4, y: 0, z: 0 })).toBeUndefined();
    expect(floorAt(floors, { x: 2.95, y: 0, z: 0 })).toBeUndefined();
    // The raised alcove.
    expect(floorAt(floors, { x: 0.5, y: 0.4, z: -3.3 })).toBe(floors[1]);
  });

  it("puts the head, not the origin, over the teleport point", () => {
    const origin = { x: 1, y: 0, z: 2, yaw: 0.3 };
    const head = { x: 1.4, z: 1.7 }; // the visitor stands 0.4 m right, 0.3 m ahead of the origin
    const next = teleportOrigin(origin, head, { x: -1, z: -1 }, 0.4);
    expect(next.x + (head.x - origin.x)).toBeCloseTo(-1);
    expect(next.z + (head.z - origin.z)).toBeCloseTo(-1);
    expect(next.y).toBe(0.4);
    expect(next.yaw).toBe(0.3);
  });

  it("turns around the head: the head stays, the origin swings, yaw adds up", () => {
    const origin = { x: 0, y: 0, z: 0, yaw: 0 };
    const head = { x: 1, z: 0 };
    const turned = turnAroundHead(origin, head, Math.PI / 2);
    // The origin, 1 m to the head's −x, ends 1 m to its +z after a quarter turn counter-clockwise.
    expect(turned.x).toBeCloseTo(1);
    expect(turned.z).toBeCloseTo(1);
    expect(turned.yaw).toBeCloseTo(Math.PI / 2);
    const back = turnAroundHead(turned, head, -Math.PI / 2);
    expect(back.x).toBeCloseTo(0);
    expect(back.z).toBeCloseTo(0);
    // Eight 45° snaps come back to the start.
    let pose = origin;
    for (let i = 0; i < 8; i++) pose = turnAroundHead(pose, { x: 0.3, z: -0.2 }, Math.PI / 4);
    expect(pose.x).toBeCloseTo(0);
    expect(pose.z).toBeCloseTo(0);
  });

  it("walks smoothly while the head stays over a floor, and stops at the walls", () => {
    const origin = { x: 0, y: 0, z: 0, yaw: 0 };
    const moved = walkOrigin(origin, { x: 0, z: 0 }, { x: 1.5, z: 0 }, 0.1, floors);
    expect(moved.x).toBeCloseTo(0.15);
    const atWall = walkOrigin(origin, { x: 2.75, z: 0 }, { x: 1.5, z: 0 }, 0.1, floors);
    expect(atWall).toBe(origin);
  });
});
