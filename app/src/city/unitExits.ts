/**
 * The ways out of a unit, as a visitor walking the building expects them: doors to the units
 * beside it on the floor's 25 × 25 grid, the corridor (the floor's plan) and the lift to the
 * floors above and below. External surfaces (facades, common area) have no neighbours by door:
 * only the corridor and the lift.
 */
import {
  FLOOR_GRID,
  formatUnitAddress,
  gridPosition,
  SPACES,
  WORLD_LIMITS,
  type UnitAddressParts,
} from "@markspace/contracts/unit-address";
import { cityPath } from "./citySegments.ts";

export type Side = "north" | "east" | "south" | "west";

export type UnitExits = {
  /** Units behind each wall, in the order north, east, south, west; a unit on the floor's edge has fewer. */
  doors: Array<{ side: Side; address: string; href: string }>;
  /** The floor's plan. */
  corridor: { floor: number; href: string };
  /** The same place one floor up and one down, where the building has such a floor. */
  lift: Array<{ direction: "up" | "down"; floor: number; href: string }>;
};

/** Row and column steps of each side: row 0 is the floor's north edge, column 0 its west edge. */
const STEPS: Record<Side, [row: number, column: number]> = {
  north: [-1, 0],
  east: [0, 1],
  south: [1, 0],
  west: [0, -1],
};

export function unitExits(parts: Required<UnitAddressParts>): UnitExits {
  const doors: UnitExits["doors"] = [];
  if (parts.space === SPACES.interior) {
    const { row, column } = gridPosition(parts.unit);
    for (const [side, [dRow, dColumn]] of Object.entries(STEPS) as Array<[Side, [number, number]]>) {
      const r = row + dRow;
      const c = column + dColumn;
      if (r < 0 || c < 0 || r >= FLOOR_GRID || c >= FLOOR_GRID) continue;
      const address = formatUnitAddress({ ...parts, unit: r * FLOOR_GRID + c });
      doors.push({ side, address, href: `/units/${address}` });
    }
  }
  const lift: UnitExits["lift"] = [];
  for (const [direction, floor] of [
    ["up", parts.floor + 1],
    ["down", parts.floor - 1],
  ] as const) {
    if (floor < 0 || floor >= WORLD_LIMITS.floors) continue;
    lift.push({ direction, floor, href: cityPath({ ...parts, floor }) });
  }
  return { doors, corridor: { floor: parts.floor, href: cityPath(parts) }, lift };
}
