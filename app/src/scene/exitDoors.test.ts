import { describe, expect, it } from "vitest";
import type { Side } from "../city/unitExits.ts";
import { doorPlacement } from "./ExitDoors.tsx";

const room = { width: 8, depth: 6, height: 3 };
const sides: Side[] = ["north", "east", "south", "west"];

describe("doorPlacement", () => {
  it("puts each door in its wall, facing into the room", () => {
    for (const side of sides) {
      const { position, rotationY } = doorPlacement(side, room, "right");
      const [x, , z] = position;
      // Local +z turned by rotationY: where the door faces.
      const facing = [Math.sin(rotationY), Math.cos(rotationY)];
      // The door is on its wall, and stepping through it from inside means walking towards the wall.
      if (side === "north") expect([z, facing[1]]).toEqual([expect.closeTo(-3, 1), expect.closeTo(1, 6)]);
      if (side === "south") expect([z, facing[1]]).toEqual([expect.closeTo(3, 1), expect.closeTo(-1, 6)]);
      if (side === "east") expect([x, facing[0]]).toEqual([expect.closeTo(4, 1), expect.closeTo(-1, 6)]);
      if (side === "west") expect([x, facing[0]]).toEqual([expect.closeTo(-4, 1), expect.closeTo(1, 6)]);
      expect(Math.abs(x)).toBeLessThanOrEqual(room.width / 2);
      expect(Math.abs(z)).toBeLessThanOrEqual(room.depth / 2);
    }
  });

  it("keeps the corridor door at the other end of the south wall from the south neighbour's", () => {
    const neighbour = doorPlacement("south", room, "right").position[0];
    const corridor = doorPlacement("south", room, "left").position[0];
    expect(Math.sign(neighbour)).toBe(-Math.sign(corridor));
    // Doors 0.9 m wide, a clear metre and more apart.
    expect(Math.abs(neighbour - corridor)).toBeGreaterThan(2);
  });

  it("centres the door in a wall too short to inset it", () => {
    const narrow = { width: 1.5, depth: 1.5, height: 2.4 };
    expect(doorPlacement("north", narrow, "right").position[0]).toBe(0);
  });
});
