/**
 * TypeScript mirror of `libraries/UnitAddress.sol`: packs a unit's place in the world
 * into its ERC-721 token id and back. The bit layout (low bits first):
 *
 *   0..7 unit · 8..15 floor · 16..23 building · 24..39 neighbourhood · 40..47 district
 *
 * Districts are numbered from 1, so token id 0 is never a unit.
 */
import { MarkspaceError } from "@markspace/common/errors";

export const DISTRICTS = {
  residential: 1,
  business: 2,
  community: 3,
  shopping: 4,
} as const;

export type DistrictName = keyof typeof DISTRICTS;

export const WORLD_LIMITS = {
  neighbourhoods: 1296,
  buildings: 36,
  floors: 36,
  units: 36,
} as const;

export type UnitAddressParts = {
  district: number;
  neighbourhood: number;
  building: number;
  floor: number;
  unit: number;
};

/** Thrown when an address or token id is not a unit of the world. */
export class UnitAddressError extends MarkspaceError {
  override name = "UnitAddressError";
  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super({ shortMessage: message, ...options });
  }
}

const DISTRICT_LETTERS = ["", "R", "B", "C", "S"] as const;

function inRange(value: number, min: number, maxExclusive: number): boolean {
  return Number.isInteger(value) && value >= min && value < maxExclusive;
}

/** Names the first field out of range, or returns undefined when the address is valid. */
export function findInvalidField(parts: UnitAddressParts): keyof UnitAddressParts | undefined {
  if (!inRange(parts.district, 1, Object.keys(DISTRICTS).length + 1)) return "district";
  if (!inRange(parts.neighbourhood, 0, WORLD_LIMITS.neighbourhoods)) return "neighbourhood";
  if (!inRange(parts.building, 0, WORLD_LIMITS.buildings)) return "building";
  if (!inRange(parts.floor, 0, WORLD_LIMITS.floors)) return "floor";
  if (!inRange(parts.unit, 0, WORLD_LIMITS.units)) return "unit";
  return undefined;
}

/** Packs an address into its token id; throws `UnitAddressError` naming the bad field. */
export function encodeUnitId(parts: UnitAddressParts): bigint {
  const bad = findInvalidField(parts);
  if (bad) throw new UnitAddressError(`Unit address field "${bad}" is out of range: ${parts[bad]}`);
  return (
    (BigInt(parts.district) << 40n) |
    (BigInt(parts.neighbourhood) << 24n) |
    (BigInt(parts.building) << 16n) |
    (BigInt(parts.floor) << 8n) |
    BigInt(parts.unit)
  );
}

/** Unpacks a token id; throws `UnitAddressError` when it is not a unit's id. */
export function decodeUnitId(unitId: bigint): UnitAddressParts {
  if (unitId < 0n || unitId >> 48n !== 0n) throw new UnitAddressError(`Not a unit id: ${unitId}`);
  const parts = {
    district: Number((unitId >> 40n) & 0xffn),
    neighbourhood: Number((unitId >> 24n) & 0xffffn),
    building: Number((unitId >> 16n) & 0xffn),
    floor: Number((unitId >> 8n) & 0xffn),
    unit: Number(unitId & 0xffn),
  };
  const bad = findInvalidField(parts);
  if (bad) throw new UnitAddressError(`Not a unit id: ${unitId} (field "${bad}" is ${parts[bad]})`);
  return parts;
}

/** Human form of an address, e.g. `R-0042-07-12-03` (district letter, neighbourhood, building, floor, unit). */
export function formatUnitAddress(parts: UnitAddressParts): string {
  const bad = findInvalidField(parts);
  if (bad) throw new UnitAddressError(`Unit address field "${bad}" is out of range: ${parts[bad]}`);
  const pad = (n: number, width: number) => String(n).padStart(width, "0");
  return [
    DISTRICT_LETTERS[parts.district],
    pad(parts.neighbourhood, 4),
    pad(parts.building, 2),
    pad(parts.floor, 2),
    pad(parts.unit, 2),
  ].join("-");
}

/** Parses the human form produced by `formatUnitAddress`. */
export function parseUnitAddress(text: string): UnitAddressParts {
  const match = /^([RBCS])-(\d{4})-(\d{2})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!match) throw new UnitAddressError(`Not a unit address: "${text}" (expected e.g. R-0042-07-12-03)`);
  const [, letter, neighbourhood, building, floor, unit] = match;
  const parts = {
    district: DISTRICT_LETTERS.indexOf(letter as (typeof DISTRICT_LETTERS)[number]),
    neighbourhood: Number(neighbourhood),
    building: Number(building),
    floor: Number(floor),
    unit: Number(unit),
  };
  const bad = findInvalidField(parts);
  if (bad) throw new UnitAddressError(`Unit address "${text}" has field "${bad}" out of range`);
  return parts;
}
