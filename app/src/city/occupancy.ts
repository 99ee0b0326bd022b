/**
 * How full a part of the city is, for the maps: counts per cell from the subgraph's sparse
 * entities (only places with owned units exist there), the shade a count gets, and the state of
 * each of a floor's 625 cells.
 */
import { FLOOR_GRID, WORLD_LIMITS } from "@markspace/contracts/unit-address";

/** Interior units in one place of each level (what a map cell can hold). */
export const CAPACITY = {
  floor: WORLD_LIMITS.units,
  building: WORLD_LIMITS.units * WORLD_LIMITS.floors,
  neighbourhood: WORLD_LIMITS.units * WORLD_LIMITS.floors * WORLD_LIMITS.buildings,
} as const;

/** Spreads sparse `{ number, ownedUnits }` rows over `size` cells (missing cells own nothing). */
export function countsByNumber(
  rows: readonly { number: number; ownedUnits: number | bigint | string }[],
  size: number,
): number[] {
  const counts = new Array<number>(size).fill(0);
  for (const row of rows) {
    if (Number.isInteger(row.number) && row.number >= 0 && row.number < size)
      counts[row.number] = Number(row.ownedUnits);
  }
  return counts;
}

/**
 * 0 for nothing owned, 1 for full, on a log scale so that one unit in a neighbourhood of 810,000
 * still shows (a map of linear fractions would look empty until a whole building sold).
 */
export function occupancyLevel(owned: number, capacity: number): number {
  if (owned <= 0) return 0;
  if (owned >= capacity) return 1;
  return Math.max(0.3, Math.log1p(owned) / Math.log1p(capacity));
}

/** The shade of a map cell: pale for empty, deepening to the brand colour when full. */
export function occupancyColour(level: number): string {
  const clamped = Math.min(1, Math.max(0, level));
  const lightness = Math.round(94 - clamped * 58);
  const saturation = clamped === 0 ? 10 : 55;
  return `hsl(222, ${saturation}%, ${lightness}%)`;
}

export type FloorCellState = "free" | "owned" | "yours";

export type FloorCell = {
  /** Index on the floor (row × 25 + column). */
  unit: number;
  row: number;
  column: number;
  state: FloorCellState;
  /** Owned and its storage has run out: the app shows its content as lapsed. */
  lapsed: boolean;
  /** Shown on maps: public units; unlisted and private ones are marked owned but not linked. */
  listed: boolean;
  name: string | null;
};

export type FloorUnitRow = {
  unit: number;
  owner: string;
  privacy: string;
  storagePaidUntil: bigint;
  name: string | null;
};

/** The 625 cells of a floor plan from the floor's owned units; `account` marks the viewer's own. */
export function floorCells(
  units: readonly FloorUnitRow[],
  { account, now }: { account?: string | undefined; now: bigint },
): FloorCell[] {
  const byIndex = new Map(units.map((unit) => [unit.unit, unit]));
  const viewer = account?.toLowerCase();
  return Array.from({ length: WORLD_LIMITS.units }, (_, unit) => {
    const row = Math.floor(unit / FLOOR_GRID);
    const column = unit % FLOOR_GRID;
    const owned = byIndex.get(unit);
    if (!owned) return { unit, row, column, state: "free", lapsed: false, listed: true, name: null };
    const yours = viewer !== undefined && owned.owner.toLowerCase() === viewer;
    return {
      unit,
      row,
      column,
      state: yours ? "yours" : "owned",
      lapsed: owned.storagePaidUntil <= now,
      listed: yours || owned.privacy === "Public",
      name: yours || owned.privacy === "Public" ? owned.name : null,
    };
  });
}
