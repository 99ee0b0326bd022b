import { describe, expect, it } from "vitest";
import {
  buildingEntityId,
  cityPath,
  districtSlug,
  districtTitle,
  floorEntityId,
  parseCitySegments,
  parseDistrictSegment,
} from "./citySegments.ts";

describe("cityPath", () => {
  it("writes each level with the widths of a unit's address", () => {
    expect(cityPath()).toBe("/city");
    expect(cityPath({ district: 1 })).toBe("/city/residential");
    expect(cityPath({ district: 2, neighbourhood: 42 })).toBe("/city/business/n0042");
    expect(cityPath({ district: 4, neighbourhood: 1295, building: 7 })).toBe("/city/shopping/n1295/b07");
    expect(cityPath({ district: 3, neighbourhood: 0, building: 35, floor: 0 })).toBe("/city/community/n0000/b35/f00");
  });

  it("takes a unit's address parts and stops at the floor", () => {
    expect(cityPath({ district: 1, neighbourhood: 42, building: 7, floor: 12, unit: 3 })).toBe(
      "/city/residential/n0042/b07/f12",
    );
  });

  it("names districts governance opened d5, d6, …", () => {
    expect(districtSlug(5)).toBe("d5");
    expect(districtTitle(5)).toBe("District 5");
    expect(districtTitle(2)).toBe("Business");
  });
});

describe("parseCitySegments", () => {
  it("reads back what cityPath writes", () => {
    for (const place of [
      { district: 1 },
      { district: 2, neighbourhood: 42 },
      { district: 4, neighbourhood: 1295, building: 7 },
      { district: 3, neighbourhood: 9, building: 0, floor: 35 },
      { district: 7, neighbourhood: 1, building: 2, floor: 3 },
    ]) {
      expect(parseCitySegments(cityPath(place).split("/").slice(2))).toEqual(place);
    }
  });

  it("accepts any case and unpadded numbers", () => {
    expect(parseCitySegments(["Residential", "N42", "B7", "F12"])).toEqual({
      district: 1,
      neighbourhood: 42,
      building: 7,
      floor: 12,
    });
  });

  it("refuses segments out of the world's shape or at the wrong depth", () => {
    expect(parseCitySegments([])).toBeUndefined();
    expect(parseCitySegments(["downtown"])).toBeUndefined();
    expect(parseCitySegments(["d4"])).toBeUndefined(); // the seed's districts have names
    expect(parseCitySegments(["d256"])).toBeUndefined();
    expect(parseCitySegments(["residential", "n1296"])).toBeUndefined();
    expect(parseCitySegments(["residential", "b07"])).toBeUndefined();
    expect(parseCitySegments(["residential", "n0001", "b36"])).toBeUndefined();
    expect(parseCitySegments(["residential", "n0001", "b01", "f36"])).toBeUndefined();
    expect(parseCitySegments(["residential", "n0001", "b01", "f01", "x"])).toBeUndefined();
    expect(parseDistrictSegment("d5")).toBe(5);
  });
});

describe("entity ids", () => {
  it("match the subgraph's documented ids", () => {
    expect(buildingEntityId({ district: 1, neighbourhood: 42, building: 7 })).toBe("1-42-7");
    expect(floorEntityId({ district: 1, neighbourhood: 42, building: 7, floor: 12 })).toBe("1-42-7-12");
  });
});
