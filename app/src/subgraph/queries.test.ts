import { describe, expect, it } from "vitest";
import { encodeUnitId } from "@markspace/contracts/unit-address";
import { toUnitsPage, unitDataSchema, unitsPageDataSchema, unitsPageVariables } from "./queries.ts";

const id = encodeUnitId({ district: 1, neighbourhood: 42, building: 7, floor: 12, unit: 3 }).toString();

function rawUnit(overrides: Record<string, unknown> = {}) {
  return {
    id,
    tokenId: id,
    district: 1,
    neighbourhood: 42,
    building: 7,
    floor: 12,
    unit: 3,
    owner: "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266",
    contentCid: null,
    claimedAtBlock: "12",
    claimedAtTimestamp: "1700000000",
    updatedAtBlock: "12",
    ...overrides,
  };
}

const meta = { block: { number: 20 }, hasIndexingErrors: false };

describe("unitsPageVariables", () => {
  it("asks for one unit more than a page to learn whether another page follows", () => {
    expect(unitsPageVariables(1, 24)).toEqual({ first: 25, skip: 0 });
    expect(unitsPageVariables(3, 10)).toEqual({ first: 11, skip: 20 });
  });

  it("refuses page numbers below one and oversized pages", () => {
    expect(() => unitsPageVariables(0)).toThrow(/page must be/);
    expect(() => unitsPageVariables(1.5)).toThrow(/page must be/);
    expect(() => unitsPageVariables(1, 1000)).toThrow(/pageSize/);
  });
});

describe("units page answers", () => {
  it("turns raw entities into records with a human address and a checksummed owner", () => {
    const data = unitsPageDataSchema.parse({ units: [rawUnit({ contentCid: "bafkreiabc" })], _meta: meta });
    const page = toUnitsPage(data, 24);
    expect(page.hasNextPage).toBe(false);
    expect(page.indexedBlock).toBe(20);
    expect(page.units[0]).toMatchObject({
      id,
      tokenId: BigInt(id),
      address: "R-0042-07-12-003",
      owner: "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
      contentCid: "bafkreiabc",
      claimedAtBlock: 12n,
    });
  });

  it("drops the extra unit and reports a next page", () => {
    const units = [rawUnit(), rawUnit(), rawUnit()];
    const page = toUnitsPage(unitsPageDataSchema.parse({ units, _meta: meta }), 2);
    expect(page.units).toHaveLength(2);
    expect(page.hasNextPage).toBe(true);
  });

  it("treats an empty content CID as no content", () => {
    const { unit } = unitDataSchema.parse({ unit: rawUnit({ contentCid: "" }), _meta: meta });
    expect(unit?.contentCid).toBeNull();
  });

  it("rejects an entity whose fields disagree with its token id", () => {
    const result = unitDataSchema.safeParse({ unit: rawUnit({ floor: 13 }), _meta: meta });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/floor is 13 but the token id encodes 12/);
  });

  it("rejects an id that is not a unit", () => {
    const result = unitDataSchema.safeParse({ unit: rawUnit({ id: "5", tokenId: "5" }), _meta: meta });
    expect(result.success).toBe(false);
  });

  it("accepts a missing unit as null", () => {
    expect(unitDataSchema.parse({ unit: null, _meta: meta }).unit).toBeNull();
  });
});
