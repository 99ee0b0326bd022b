import { describe, expect, it } from "vitest";
import { parseUnitAddress } from "@markspace/contracts/unit-address";
import { unitExits } from "./unitExits.ts";

describe("unitExits", () => {
  it("opens four doors from a unit inside the floor, the lift both ways, and the corridor to the floor plan", () => {
    // Unit 26: row 1, column 1.
    const exits = unitExits(parseUnitAddress("R-0042-07-12-026"));
    expect(exits.doors).toEqual([
      { side: "north", address: "R-0042-07-12-001", href: "/units/R-0042-07-12-001" },
      { side: "east", address: "R-0042-07-12-027", href: "/units/R-0042-07-12-027" },
      { side: "south", address: "R-0042-07-12-051", href: "/units/R-0042-07-12-051" },
      { side: "west", address: "R-0042-07-12-025", href: "/units/R-0042-07-12-025" },
    ]);
    expect(exits.corridor).toEqual({ floor: 12, href: "/city/residential/n0042/b07/f12" });
    expect(exits.lift).toEqual([
      { direction: "up", floor: 13, href: "/city/residential/n0042/b07/f13" },
      { direction: "down", floor: 11, href: "/city/residential/n0042/b07/f11" },
    ]);
  });

  it("has no door through the floor's edges, and no lift past the ground or top floor", () => {
    // Unit 0 is the north-west corner of the ground floor.
    const corner = unitExits(parseUnitAddress("B-0000-00-00-000"));
    expect(corner.doors.map((door) => [door.side, door.address])).toEqual([
      ["east", "B-0000-00-00-001"],
      ["south", "B-0000-00-00-025"],
    ]);
    expect(corner.lift.map((stop) => stop.floor)).toEqual([1]);
    // Unit 624 is the south-east corner of the top floor (35).
    const top = unitExits(parseUnitAddress("C-1295-35-35-624"));
    expect(top.doors.map((door) => door.side)).toEqual(["north", "west"]);
    expect(top.lift).toEqual([{ direction: "down", floor: 34, href: "/city/community/n1295/b35/f34" }]);
  });

  it("gives an external surface the corridor and the lift but no doors", () => {
    const facade = unitExits(parseUnitAddress("S-0003-01-05-X017"));
    expect(facade.doors).toEqual([]);
    expect(facade.corridor.href).toBe("/city/shopping/n0003/b01/f05");
    expect(facade.lift.map((stop) => stop.direction)).toEqual(["up", "down"]);
  });
});
