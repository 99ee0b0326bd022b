import type { ContractReturnType } from "@nomicfoundation/hardhat-viem/types";
import hre from "hardhat";
import { beforeAll, describe, expect, it } from "vitest";
import {
  DISTRICTS,
  UnitAddressError,
  WORLD_LIMITS,
  decodeUnitId,
  encodeUnitId,
  findInvalidField,
  formatUnitAddress,
  parseUnitAddress,
  type UnitAddressParts,
} from "./unit-address.ts";
import { expectRevert } from "./test/utils/expect-revert.ts";

const FIELDS = ["district", "neighbourhood", "building", "floor", "unit"] as const;
/** Largest valid value of each field. */
const MAX: UnitAddressParts = {
  district: Object.keys(DISTRICTS).length,
  neighbourhood: WORLD_LIMITS.neighbourhoods - 1,
  building: WORLD_LIMITS.buildings - 1,
  floor: WORLD_LIMITS.floors - 1,
  unit: WORLD_LIMITS.units - 1,
};
/** Width of each field's Solidity type (`uint8`, except `uint16` for the neighbourhood). */
const TYPE_MAX: UnitAddressParts = { district: 255, neighbourhood: 65535, building: 255, floor: 255, unit: 255 };
const HOME: UnitAddressParts = { district: 1, neighbourhood: 42, building: 7, floor: 12, unit: 3 };

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

/** Valid addresses, each field at 0 / max / max+1 / type max, and random parts of every kind. */
function encodeVectors(): UnitAddressParts[] {
  const random = prng(0x6d61726b);
  const vectors: UnitAddressParts[] = [HOME, MAX, { district: 1, neighbourhood: 0, building: 0, floor: 0, unit: 0 }];
  for (const field of FIELDS) {
    for (const value of [0, MAX[field], MAX[field] + 1, TYPE_MAX[field]]) vectors.push({ ...HOME, [field]: value });
  }
  for (let i = 0; i < 60; i++) {
    vectors.push({
      district: 1 + int(random, 3),
      neighbourhood: int(random, MAX.neighbourhood),
      building: int(random, MAX.building),
      floor: int(random, MAX.floor),
      unit: int(random, MAX.unit),
    });
    vectors.push({
      district: int(random, 6),
      neighbourhood: MAX.neighbourhood - 1 + int(random, 3),
      building: MAX.building - 1 + int(random, 3),
      floor: MAX.floor - 1 + int(random, 3),
      unit: MAX.unit - 1 + int(random, 3),
    });
    vectors.push({
      district: int(random, 255),
      neighbourhood: int(random, 65535),
      building: int(random, 255),
      floor: int(random, 255),
      unit: int(random, 255),
    });
  }
  return vectors;
}

/** Ids of valid units, ids with one field or one high bit wrong, and random 48- and 256-bit ids. */
function decodeVectors(): bigint[] {
  const random = prng(0x73706163);
  const vectors: bigint[] = [0n, 1n, (1n << 48n) - 1n, 2n ** 256n - 1n, 0x01_002a_07_0c_03n, 0x04_050f_23_23_23n];
  for (const bit of [40n, 47n, 48n, 100n, 255n]) vectors.push(0x01_002a_07_0c_03n | (1n << bit));
  vectors.push(0x05_0000_00_00_00n, 0x01_0510_00_00_00n, 0x01_0000_24_00_00n, 0x01_0000_00_24_00n, 0x01_0000_00_00_24n);
  for (let i = 0; i < 60; i++) {
    const parts = {
      district: 1 + int(random, 3),
      neighbourhood: int(random, MAX.neighbourhood),
      building: int(random, MAX.building),
      floor: int(random, MAX.floor),
      unit: int(random, MAX.unit),
    };
    vectors.push(encodeUnitId(parts), bits(random, 48), bits(random, 256));
  }
  return vectors;
}

describe("unit-address", () => {
  describe("encodeUnitId / decodeUnitId", () => {
    it("packs the documented example", () => {
      expect(encodeUnitId(HOME)).toBe(0x01_002a_07_0c_03n);
      expect(decodeUnitId(0x01_002a_07_0c_03n)).toEqual(HOME);
    });

    it("round-trips every field at its maximum and random valid addresses", () => {
      const random = prng(1);
      const samples: UnitAddressParts[] = [MAX, ...FIELDS.map((field) => ({ ...HOME, [field]: MAX[field] }))];
      for (let i = 0; i < 500; i++) {
        samples.push({
          district: 1 + int(random, 3),
          neighbourhood: int(random, MAX.neighbourhood),
          building: int(random, MAX.building),
          floor: int(random, MAX.floor),
          unit: int(random, MAX.unit),
        });
      }
      for (const parts of samples) {
        const id = encodeUnitId(parts);
        expect(id >> 48n).toBe(0n);
        expect(decodeUnitId(id)).toEqual(parts);
      }
    });

    it("round-trips every valid 48-bit id it decodes", () => {
      const random = prng(2);
      for (let i = 0; i < 2000; i++) {
        const id = bits(random, 48);
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

    it('names "district" when it is 0', () => {
      expect(() => encodeUnitId({ ...HOME, district: 0 })).toThrow(/field "district" is out of range: 0/);
    });

    it("names the bad field of a malformed id", () => {
      expect(() => decodeUnitId(0x01_0000_00_24_00n)).toThrow(/field "floor" is 36/);
      expect(() => decodeUnitId(0x01_0510_00_00_00n)).toThrow(/field "neighbourhood" is 1296/);
      expect(() => decodeUnitId(0n)).toThrow(/field "district" is 0/);
    });

    it("rejects ids with bits above 47 and negative ids", () => {
      expect(() => decodeUnitId(0x01_002a_07_0c_03n | (1n << 48n))).toThrow(UnitAddressError);
      expect(() => decodeUnitId(2n ** 256n - 1n)).toThrow(/Not a unit id/);
      expect(() => decodeUnitId(-1n)).toThrow(UnitAddressError);
    });
  });

  describe("formatUnitAddress / parseUnitAddress", () => {
    it("formats with a district letter and zero padding", () => {
      expect(formatUnitAddress(HOME)).toBe("R-0042-07-12-03");
      expect(formatUnitAddress(MAX)).toBe("S-1295-35-35-35");
    });

    it("round-trips every district", () => {
      for (const district of Object.values(DISTRICTS)) {
        const parts = { ...HOME, district };
        expect(parseUnitAddress(formatUnitAddress(parts))).toEqual(parts);
      }
      expect(parseUnitAddress("  B-0000-00-00-00 ")).toEqual({
        district: 2,
        neighbourhood: 0,
        building: 0,
        floor: 0,
        unit: 0,
      });
    });

    it("rejects malformed text with an example of the format", () => {
      expect(() => parseUnitAddress("X-0042-07-12-03")).toThrow(/expected e\.g\. R-0042-07-12-03/);
      expect(() => parseUnitAddress("R-42-07-12-03")).toThrow(UnitAddressError);
    });

    it("names the field out of range in well-formed text", () => {
      expect(() => parseUnitAddress("R-1296-07-12-03")).toThrow(/field "neighbourhood"/);
      expect(() => parseUnitAddress("R-0042-07-12-36")).toThrow(/field "unit"/);
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
