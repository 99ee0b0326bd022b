import { describe, expect, it } from "vitest";
import { CAPACITY, countsByNumber, floorCells, occupancyColour, occupancyLevel } from "./occupancy.ts";

describe("countsByNumber", () => {
  it("spreads sparse rows over every cell and ignores numbers outside", () => {
    expect(
      countsByNumber(
        [
          { number: 1, ownedUnits: "3" },
          { number: 3, ownedUnits: 625 },
          { number: 9, ownedUnits: 1n },
        ],
        4,
      ),
    ).toEqual([0, 3, 0, 625]);
  });
});

describe("occupancyLevel", () => {
  it("is 0 when empty, 1 when full and visible for a single unit in a neighbourhood", () => {
    expect(occupancyLevel(0, CAPACITY.neighbourhood)).toBe(0);
    expect(occupancyLevel(CAPACITY.floor, CAPACITY.floor)).toBe(1);
    expect(occupancyLevel(1, CAPACITY.neighbourhood)).toBeGreaterThanOrEqual(0.3);
    expect(occupancyLevel(625, CAPACITY.neighbourhood)).toBeGreaterThan(occupancyLevel(1, CAPACITY.neighbourhood));
  });

  it("gives darker shades to fuller places", () => {
    expect(occupancyColour(0)).toBe("hsl(222, 10%, 94%)");
    expect(occupancyColour(1)).toBe("hsl(222, 55%, 36%)");
  });
});

describe("floorCells", () => {
  const alice = "0x00000000000000000000000000000000000000a1";
  const bob = "0x00000000000000000000000000000000000000b0";
  const cells = floorCells(
    [
      { unit: 0, owner: alice, privacy: "Public", storagePaidUntil: 2_000n, name: "home" },
      { unit: 26, owner: bob, privacy: "Unlisted", storagePaidUntil: 2_000n, name: "hidden" },
      { unit: 624, owner: bob, privacy: "Public", storagePaidUntil: 1_000n, name: null },
    ],
    { account: alice.toUpperCase().replace("0X", "0x"), now: 1_500n },
  );

  it("has the 625 cells of the 25 × 25 grid in order", () => {
    expect(cells).toHaveLength(625);
    expect(cells[26]).toMatchObject({ row: 1, column: 1 });
    expect(cells[1]).toMatchObject({ state: "free", lapsed: false, listed: true });
  });

  it("marks the viewer's units, others' units, and lapsed storage", () => {
    expect(cells[0]).toMatchObject({ state: "yours", lapsed: false, name: "home" });
    expect(cells[624]).toMatchObject({ state: "owned", lapsed: true, listed: true });
  });

  it("does not list or name a unit its owner keeps off the maps", () => {
    expect(cells[26]).toMatchObject({ state: "owned", listed: false, name: null });
  });

  it("marks nothing as yours without a wallet", () => {
    expect(
      floorCells([{ unit: 0, owner: alice, privacy: "Public", storagePaidUntil: 0n, name: null }], { now: 1n })[0]!
        .state,
    ).toBe("owned");
  });
});
