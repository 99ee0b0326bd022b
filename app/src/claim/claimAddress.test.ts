import { describe, expect, it } from "vitest";
import { decodeUnitId, encodeUnitId } from "@markspace/contracts/unit-address";
import {
  claimTargetFromFields,
  firstUnclaimed,
  parseClaimAddress,
  randomResidentialAddress,
  randomResidentialCandidates,
} from "./claimAddress.ts";

/** A deterministic `Math.random` stand-in cycling through the given values. */
function sequence(...values: number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length]!;
}

describe("parseClaimAddress", () => {
  it("parses the human form into the token id", () => {
    const result = parseClaimAddress(" r-0042-07-12-03 ");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.target.address).toBe("R-0042-07-12-003");
    expect(result.target.unitId).toBe(
      encodeUnitId({ district: 1, neighbourhood: 42, building: 7, floor: 12, unit: 3 }),
    );
  });

  it("refuses other districts, since free claims are residential", () => {
    expect(parseClaimAddress("B-0042-07-12-03")).toEqual({
      ok: false,
      message: "B-0042-07-12-03 is not residential; free claims need an address starting with R-.",
    });
  });

  it("names the field that is out of range", () => {
    const result = parseClaimAddress("R-0042-36-12-03");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/building/);
  });

  it("asks for an address when the input is empty or malformed", () => {
    expect(parseClaimAddress("").ok).toBe(false);
    const result = parseClaimAddress("42-7-12-3");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/expected e\.g\. R-0042-07-12-003/);
  });
});

describe("claimTargetFromFields", () => {
  it("builds a residential target", () => {
    const result = claimTargetFromFields({ neighbourhood: 1295, building: 35, floor: 35, unit: 624 });
    expect(result.ok && result.target.address).toBe("R-1295-35-35-624");
  });

  it("names a field out of range", () => {
    expect(claimTargetFromFields({ neighbourhood: 1296, building: 0, floor: 0, unit: 0 })).toEqual({
      ok: false,
      message: "neighbourhood must be a whole number from 0 to 1295.",
    });
  });
});

describe("random residential addresses", () => {
  it("spans each field's whole range and stays inside it", () => {
    expect(randomResidentialAddress(sequence(0))).toEqual({
      district: 1,
      neighbourhood: 0,
      building: 0,
      floor: 0,
      unit: 0,
    });
    expect(randomResidentialAddress(sequence(0.999999999))).toEqual({
      district: 1,
      neighbourhood: 1295,
      building: 35,
      floor: 35,
      unit: 624,
    });
  });

  it("proposes distinct valid candidates", () => {
    const candidates = randomResidentialCandidates(8);
    expect(new Set(candidates.map((c) => c.unitId)).size).toBe(8);
    for (const candidate of candidates) expect(decodeUnitId(candidate.unitId).district).toBe(1);
  });

  it("gives up instead of looping when the random source repeats itself", () => {
    expect(randomResidentialCandidates(3, sequence(0.5))).toHaveLength(1);
  });

  it("picks the first candidate the subgraph does not list", () => {
    const candidates = randomResidentialCandidates(3, sequence(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7));
    const claimed = new Set([candidates[0]!.unitId.toString()]);
    expect(firstUnclaimed(candidates, claimed)).toBe(candidates[1]);
    expect(firstUnclaimed(candidates, new Set(candidates.map((c) => c.unitId.toString())))).toBeUndefined();
  });
});
