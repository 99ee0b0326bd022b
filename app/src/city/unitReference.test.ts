import { describe, expect, it } from "vitest";
import { encodeUnitId } from "@markspace/contracts/unit-address";
import { parseUnitReference, unitPath } from "./unitReference.ts";

const parts = { space: 0, district: 1, neighbourhood: 1, building: 12, floor: 7, unit: 3 } as const;
const tokenId = encodeUnitId(parts);

describe("parseUnitReference", () => {
  it("reads the old decimal token id", () => {
    expect(parseUnitReference(tokenId.toString())).toEqual({
      kind: "id",
      tokenId,
      parts,
      address: "R-0001-12-07-003",
    });
  });

  it("reads the address formatUnitAddress writes, the two-digit unit and lower case", () => {
    for (const text of ["R-0001-12-07-003", "R-0001-12-07-03", "r-0001-12-07-03", "R-0001-12-07-003%20"]) {
      expect(parseUnitReference(text)).toMatchObject({ kind: "address", tokenId, address: "R-0001-12-07-003" });
    }
    expect(parseUnitReference("S-0042-07-12-X017")).toMatchObject({ kind: "address", address: "S-0042-07-12-X017" });
  });

  it("takes anything else shaped like a name as a name, in lower case", () => {
    expect(parseUnitReference("Alice-Shop")).toEqual({ kind: "name", name: "alice-shop" });
    // Digits that are not a unit's id can still be a name.
    expect(parseUnitReference("123")).toEqual({ kind: "name", name: "123" });
  });

  it("refuses what can be none of the three", () => {
    for (const text of ["ab", "-shop", "shop-", "xn--shop", "a b c", "%E0%A4%A", "shop.eth"]) {
      expect(parseUnitReference(text)).toBeUndefined();
    }
  });
});

describe("unitPath", () => {
  it("links by address", () => {
    expect(unitPath(parts)).toBe("/units/R-0001-12-07-003");
  });
});
