import { describe, expect, it } from "vitest";
import { Euler, Vector3 } from "three";
import { clampToRoom, PICTURE_GAP, roomFrame, wallPlacement } from "./wallPlacement.ts";

const room = { width: 8, depth: 6, height: 3 };

/** The direction a picture faces (its plane's +z normal after the Y rotation). */
function facing(rotationY: number): [number, number, number] {
  const v = new Vector3(0, 0, 1).applyEuler(new Euler(0, rotationY, 0));
  return [Math.round(v.x), Math.round(v.y), Math.round(v.z)];
}

describe("wallPlacement", () => {
  it("hangs pictures on their wall, facing into the room", () => {
    const north = wallPlacement({ wall: "north", offset: [0, 1.5] }, room);
    expect(north.position).toEqual([0, 1.5, -3 + PICTURE_GAP]);
    expect(facing(north.rotationY)).toEqual([0, 0, 1]);

    const south = wallPlacement({ wall: "south", offset: [0, 1.5] }, room);
    expect(south.position[2]).toBeCloseTo(3 - PICTURE_GAP);
    expect(facing(south.rotationY)).toEqual([0, 0, -1]);

    const east = wallPlacement({ wall: "east", offset: [0, 1.5] }, room);
    expect(east.position[0]).toBeCloseTo(4 - PICTURE_GAP);
    expect(facing(east.rotationY)).toEqual([-1, 0, 0]);

    const west = wallPlacement({ wall: "west", offset: [0, 1.5] }, room);
    expect(west.position[0]).toBeCloseTo(-4 + PICTURE_GAP);
    expect(facing(west.rotationY)).toEqual([1, 0, 0]);
  });

  it("moves a positive offset to the right of a visitor facing the wall", () => {
    // Facing north (−z) the right hand points to +x; facing east (+x) it points to +z.
    expect(wallPlacement({ wall: "north", offset: [1, 1.5] }, room).position[0]).toBe(1);
    expect(wallPlacement({ wall: "south", offset: [1, 1.5] }, room).position[0]).toBe(-1);
    expect(wallPlacement({ wall: "east", offset: [1, 1.5] }, room).position[2]).toBe(1);
    expect(wallPlacement({ wall: "west", offset: [1, 1.5] }, room).position[2]).toBe(-1);
  });
});

describe("clampToRoom", () => {
  it("keeps a walker a margin away from the walls", () => {
    expect(clampToRoom(10, -10, room, 0.5)).toEqual([3.5, -2.5]);
    expect(clampToRoom(1, 1, room, 0.5)).toEqual([1, 1]);
  });
});

describe("roomFrame", () => {
  const manifest = {
    room: { width: 6, depth: 5, height: 3 },
    rooms: [
      { id: "loft", name: "Loft", center: [1, -1] as [number, number], level: 3, width: 4, depth: 3, height: 2.5 },
    ],
  };
  it("gives the main room at the origin and an extra room at its centre and level", () => {
    expect(roomFrame(manifest, undefined)).toEqual({ size: manifest.room, origin: [0, 0, 0] });
    expect(roomFrame(manifest, "loft")).toEqual({ size: { width: 4, depth: 3, height: 2.5 }, origin: [1, 3, -1] });
    expect(roomFrame(manifest, "cellar")).toBeUndefined();
  });
});
