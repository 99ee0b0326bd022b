import type { ContractReturnType } from "@nomicfoundation/hardhat-viem/types";
import hre from "hardhat";
import { beforeAll, describe, expect, it } from "vitest";
import {
  DISTRICTS,
  SPACES,
  UnitAddressError,
  WORLD_LIMITS,
  buildingIdOf,
  decodeUnitId,
  encodeUnitId,
  findInvalidField,
  floorIdOf,
  formatUnitAddress,
  parseUnitAddress,
  type Space,
  type UnitAddressParts,
} from "./unit-address.ts";
import { expectRevert } from "./test/utils/expect-revert.ts";

const FIELDS = ["space", "district", "neighbourhood", "building", "floor", "unit"] as const;
type Parts = Required<UnitAddressParts>;
/** Largest value of each field (the unit's for an interior unit, so MAX itself is not an address). */
const MAX: Parts = {
  space: SPACES.external,
  district: WORLD_LIMITS.districts,
  neighbourhood: WORLD_LIMITS.neighbourhoods - 1,
  building: WORLD_LIMITS.buildings - 1,
  floor: WORLD_LIMITS.floors - 1,
  unit: WORLD_LIMITS.units - 1,
};
/** Width of each field's Solidity type (`uint8`, except `uint16` for the neighbourhood and unit). */
const TYPE_MAX: Record<(typeof FIELDS)[number], number> = {
  space: 255,
  district: 255,
  neighbourhood: 65535,
  building: 255,
  floor: 255,
  unit: 65535,
};
const HOME: Parts = { space: 0, district: 1, neighbourhood: 42, building: 7, floor: 12, unit: 3 };
/** Facade panel 17 of HOME's floor. */
const PANEL: Parts = { ...HOME, space: 1, unit: 17 };

/** Deterministic PRNG (mulberry32) so every run checks the same "random" vectors. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function int(random: () => number, maxInclusive: number): number {
  return Math.floor(random() * (maxInclusive + 1));
}

function bits(random: () => number, width: number): bigint {
  let value = 0n;
  for (let i = 0; i < width; i += 32) value = (value << 32n) | BigInt(Math.floor(random() * 2 ** 32));
  return value & ((1n << BigInt(width)) - 1n);
}

function randomParts(random: () => number): Parts {
  const space = int(random, 1) as Space;
  return {
    space,
    district: 1 + int(random, 254),
    neighbourhood: int(random, MAX.neighbourhood),
    building: int(random, MAX.building),
    floor: int(random, MAX.floor),
    unit: int(random, space === SPACES.external ? WORLD_LIMITS.externalUnits - 1 : MAX.unit),
  };
}

/** Valid addresses, each field at 0 / max / max+1 / type max, and random parts of every kind. */
function encodeVectors(): Parts[] {
  const random = prng(0x6d61726b);
  const vectors: Parts[] = [
    HOME,
    PANEL,
    MAX,
    { ...MAX, space: 0 },
    { ...HOME, district: 1, neighbourhood: 0, unit: 0 },
  ];
  for (const field of FIELDS) {
    for (const value of [0, MAX[field], MAX[field] + 1, TYPE_MAX[field]]) {
      // One past the district's maximum does not fit its uint8: only the TypeScript side sees it.
      if (value <= TYPE_MAX[field]) vectors.push({ ...HOME, [field]: value });
    }
  }
  vectors.push({ ...PANEL, unit: WORLD_LIMITS.externalUnits - 1 }, { ...PANEL, unit: WORLD_LIMITS.externalUnits });
  for (let i = 0; i < 60; i++) {
    vectors.push(randomParts(random));
    const space = int(random, 2) as Space;
    const maxUnit = space === SPACES.external ? WORLD_LIMITS.externalUnits - 1 : MAX.unit;
    vectors.push({
      space,
      district: int(random, 2),
      neighbourhood: MAX.neighbourhood - 1 + int(random, 3),
      building: MAX.building - 1 + int(random, 3),
      floor: MAX.floor - 1 + int(random, 3),
      unit: maxUnit - 1 + int(random, 3),
    });
    vectors.push({
      space: int(random, 255) as Space,
      district: int(random, 255),
      neighbourhood: int(random, 65535),
      building: int(random, 255),
      floor: int(random, 255),
      unit: int(random, 65535),
    });
  }
  return vectors;
}

/** Ids of valid units, ids with one field or one high bit wrong, and random 64- and 256-bit ids. */
function decodeVectors(): bigint[] {
  const random = prng(0x73706163);
  const vectors: bigint[] = [
    0n,
    1n,
    (1n << 64n) - 1n,
    2n ** 256n - 1n,
    0x00_01_002a_07_0c_0003n,
    0x01_ff_050f_23_23_007cn,
  ];
  for (const bit of [47n, 63n, 64n, 100n, 255n]) vectors.push(0x00_01_002a_07_0c_0003n | (1n << bit));
  vectors.push(
    0x02_01_0000_00_00_0000n, // space 2
    0x00_00_0000_00_00_0000n, // district 0
    0x00_01_0510_00_00_0000n, // neighbourhood 1296
    0x00_01_0000_24_00_0000n, // building 36
    0x00_01_0000_00_24_0000n, // floor 36
    0x00_01_0000_00_00_0271n, // interior unit 625
    0x01_01_0000_00_00_007dn, // external unit 125
  );
  for (let i = 0; i < 60; i++) vectors.push(encodeUnitId(randomParts(random)), bits(random, 64), bits(random, 256));
  return vectors;
}

describe("unit-address", () => {
  describe("encodeUnitId / decodeUnitId", () => {
    it("packs the documented example, field by field in hex", () => {
      expect(encodeUnitId(HOME)).toBe(0x00_01_002a_07_0c_0003n);
      expect(decodeUnitId(0x00_01_002a_07_0c_0003n)).toEqual(HOME);
      expect(encodeUnitId(PANEL)).toBe(0x01_01_002a_07_0c_0011n);
      expect(`0x${encodeUnitId(HOME).toString(16).padStart(16, "0")}`).toBe("0x0001002a070c0003");
    });

    it("treats a missing space as an interior unit", () => {
      const { space: _space, ...withoutSpace } = HOME;
      expect(encodeUnitId(withoutSpace)).toBe(encodeUnitId(HOME));
    });

    it("round-trips every field at its maximum and random valid addresses", () => {
      const random = prng(1);
      const samples: Parts[] = [
        { ...MAX, space: 0 },
        { ...MAX, unit: WORLD_LIMITS.externalUnits - 1 },
        ...FIELDS.map((field) => ({ ...HOME, [field]: MAX[field] })),
      ];
      for (let i = 0; i < 500; i++) samples.push(randomParts(random));
      for (const parts of samples) {
        const id = encodeUnitId(parts);
        expect(id >> 64n).toBe(0n);
        expect(decodeUnitId(id)).toEqual(parts);
      }
    });

    it("round-trips every valid 64-bit id it decodes", () => {
      const random = prng(2);
      for (let i = 0; i < 2000; i++) {
        const id = bits(random, 64);
        let parts: UnitAddressParts;
        try {
          parts = decodeUnitId(id);
        } catch (error) {
          expect(error).toBeInstanceOf(UnitAddressError);
          continue;
        }
        expect(encodeUnitId(parts)).toBe(id);
      }
    });

    for (const field of FIELDS) {
      it(`names "${field}" when it is one past its maximum`, () => {
        const parts = { ...HOME, [field]: MAX[field] + 1 };
        expect(findInvalidField(parts)).toBe(field);
        expect(() => encodeUnitId(parts)).toThrow(new RegExp(`field "${field}" is out of range: ${MAX[field] + 1}`));
        expect(() => formatUnitAddress(parts)).toThrow(UnitAddressError);
      });

      it(`names "${field}" when it is negative or not an integer`, () => {
        expect(() => encodeUnitId({ ...HOME, [field]: -1 })).toThrow(`"${field}"`);
        expect(() => encodeUnitId({ ...HOME, [field]: 1.5 })).toThrow(`"${field}"`);
        expect(() => encodeUnitId({ ...HOME, [field]: Number.NaN })).toThrow(`"${field}"`);
      });
    }

    it("accepts interior units 0..624 and external surfaces 0..124", () => {
      expect(findInvalidField({ ...HOME, unit: 624 })).toBeUndefined();
      expect(findInvalidField({ ...HOME, unit: 625 })).toBe("unit");
      expect(findInvalidField({ ...PANEL, unit: 124 })).toBeUndefined();
      expect(findInvalidField({ ...PANEL, unit: 125 })).toBe("unit");
    });

    it('names "district" when it is 0', () => {
      expect(() => encodeUnitId({ ...HOME, district: 0 })).toThrow(/field "district" is out of range: 0/);
    });

    it("names the bad field of a malformed id", () => {
      expect(() => decodeUnitId(0x00_01_0000_00_24_0000n)).toThrow(/field "floor" is 36/);
      expect(() => decodeUnitId(0x00_01_0510_00_00_0000n)).toThrow(/field "neighbourhood" is 1296/);
      expect(() => decodeUnitId(0x00_01_0000_00_00_0271n)).toThrow(/field "unit" is 625/);
      expect(() => decodeUnitId(0x02_01_0000_00_00_0000n)).toThrow(/field "space" is 2/);
      expect(() => decodeUnitId(0n)).toThrow(/field "district" is 0/);
    });

    it("rejects ids with bits above 63 and negative ids", () => {
      expect(() => decodeUnitId(0x00_01_002a_07_0c_0003n | (1n << 64n))).toThrow(UnitAddressError);
      expect(() => decodeUnitId(2n ** 256n - 1n)).toThrow(/Not a unit id/);
      expect(() => decodeUnitId(-1n)).toThrow(UnitAddressError);
    });

    it("finds a unit's floor and building", () => {
      const home = encodeUnitId(HOME);
      expect(floorIdOf(home)).toBe(encodeUnitId({ ...HOME, unit: 0 }));
      expect(floorIdOf(home) + 624n).toBe(encodeUnitId({ ...HOME, unit: 624 }));
      expect(buildingIdOf(home)).toBe(encodeUnitId({ ...HOME, floor: 0, unit: 0 }));
    });
  });

  describe("formatUnitAddress / parseUnitAddress", () => {
    it("formats with a district code and zero padding", () => {
      expect(formatUnitAddress(HOME)).toBe("R-0042-07-12-003");
      expect(formatUnitAddress(PANEL)).toBe("R-0042-07-12-X017");
      expect(formatUnitAddress({ ...HOME, district: 4, neighbourhood: 1295, building: 35, floor: 35, unit: 624 })).toBe(
        "S-1295-35-35-624",
      );
      expect(formatUnitAddress({ ...HOME, district: 5 })).toBe("D5-0042-07-12-003");
    });

    it("round-trips every district", () => {
      for (const district of [...Object.values(DISTRICTS), 5, 255]) {
        const parts = { ...HOME, district };
        expect(parseUnitAddress(formatUnitAddress(parts))).toEqual(parts);
        expect(parseUnitAddress(formatUnitAddress({ ...PANEL, district }))).toEqual({ ...PANEL, district });
      }
      expect(parseUnitAddress("  B-0000-00-00-000 ")).toEqual({
        space: 0,
        district: 2,
        neighbourhood: 0,
        building: 0,
        floor: 0,
        unit: 0,
      });
    });

    it("rejects malformed text with an example of the format", () => {
      expect(() => parseUnitAddress("X-0042-07-12-003")).toThrow(/expected e\.g\. R-0042-07-12-003/);
      expect(() => parseUnitAddress("R-42-07-12-003")).toThrow(UnitAddressError);
      expect(() => parseUnitAddress("D4-0042-07-12-003")).toThrow(/written S/);
    });

    it("names the field out of range in well-formed text", () => {
      expect(() => parseUnitAddress("R-1296-07-12-003")).toThrow(/field "neighbourhood"/);
      expect(() => parseUnitAddress("R-0042-07-12-625")).toThrow(/field "unit"/);
      expect(() => parseUnitAddress("R-0042-07-12-X125")).toThrow(/field "unit"/);
    });
  });

  describe("against the Solidity library (UnitAddressHarness)", () => {
    let harness: ContractReturnType<"UnitAddressHarness">;

    beforeAll(async () => {
      const conn = await hre.network.connect();
      harness = await conn.viem.deployContract("UnitAddressHarness");
    });

    it("encodes the same vectors to the same ids, and rejects the same ones", async () => {
      const vectors = encodeVectors();
      let accepted = 0;
      for (const parts of vectors) {
        const bad = findInvalidField(parts);
        if (bad === undefined) {
          expect(await harness.read.encode([parts]), JSON.stringify(parts)).toBe(encodeUnitId(parts));
          accepted++;
        } else {
          expect(() => encodeUnitId(parts)).toThrow(`"${bad}"`);
          await expectRevert(harness.read.encode([parts]), "UnitAddressInvalid", [
            parts.space,
            parts.district,
            parts.neighbourhood,
            parts.building,
            parts.floor,
            parts.unit,
          ]);
        }
      }
      // The vectors must exercise both outcomes in earnest.
      expect(accepted).toBeGreaterThan(60);
      expect(vectors.length - accepted).toBeGreaterThan(60);
    });

    it("decodes the same vectors to the same parts, and rejects the same ones", async () => {
      const vectors = decodeVectors();
      let accepted = 0;
      for (const id of vectors) {
        let expected: UnitAddressParts | undefined;
        try {
          expected = decodeUnitId(id);
        } catch (error) {
          expect(error).toBeInstanceOf(UnitAddressError);
        }
        if (expected) {
          expect(await harness.read.decode([id]), `id ${id}`).toEqual(expected);
          accepted++;
        } else {
          await expectRevert(harness.read.decode([id]), "UnitIdInvalid", [id]);
        }
      }
      expect(accepted).toBeGreaterThan(60);
      expect(vectors.length - accepted).toBeGreaterThan(60);
    });
  });
});
