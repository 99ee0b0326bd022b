/**
 * TypeScript mirror of `libraries/UnitAddress.sol`: packs a unit's place in the world into its
 * ERC-721 token id and back. The bit layout (low bits first):
 *
 *   0..15 unit · 16..23 floor · 24..31 building · 32..47 neighbourhood · 48..55 district · 56..63 space
 *
 * `0x00_01_002a_07_0c_0003` is interior unit 3 of floor 12, building 7, neighbourhood 42,
 * district 1. Interior units 0..624 sit on a floor's 25 × 25 grid (row * 25 + column), so the
 * units of a floor have consecutive ids; space 1 holds a floor's 125 external surfaces
 * (facades 0..99, common area 100..124). Districts are numbered from 1, so id 0 is never a unit.
 * Which districts are open is on chain: the seed's four always, more when governance opens them.
 */
import { MarkspaceError } from "@markspace/common/errors";

export const DISTRICTS = {
  residential: 1,
  business: 2,
  community: 3,
  shopping: 4,
} as const;

export type DistrictName = keyof typeof DISTRICTS;

/** The seed's districts: open from genesis, the only ones with a letter of their own. */
export const SEED_DISTRICT_COUNT = 4;

export const WORLD_LIMITS = {
  /** Highest district number an id can carry (districts above 4 exist only once governance opens them). */
  districts: 255,
  neighbourhoods: 1296,
  buildings: 36,
  floors: 36,
  /** Interior units per floor: a 25 × 25 grid. */
  units: 625,
  /** External surfaces per floor: four facades of 25 panels, then 25 in the common area. */
  externalUnits: 125,
} as const;

/** Side of a floor's square grid. */
export const FLOOR_GRID = 25;
/** The seed lays a floor out in 36 groups: a 6 × 6 arrangement of blocks of the 25 × 25 grid. */
export const FLOOR_GROUPS_PER_SIDE = 6;

export const SPACES = { interior: 0, external: 1 } as const;
export type Space = (typeof SPACES)[keyof typeof SPACES];

export type UnitAddressParts = {
  /** 0 interior unit, 1 external surface; omitted means interior. */
  space?: Space;
  district: number;
  neighbourhood: number;
  building: number;
  floor: number;
  unit: number;
};

/** The unit types of the seed's table (§2.9.1), numbered as `IUnitRegistry.UnitType`. */
export const UNIT_TYPES = {
  residential: 1,
  commercial: 2,
  community: 3,
  external: 4,
} as const;
export type UnitTypeName = keyof typeof UNIT_TYPES;

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

/** Names the first field out of range, or returns undefined when the address fits the world's shape. */
export function findInvalidField(parts: UnitAddressParts): keyof UnitAddressParts | undefined {
  const space = parts.space ?? SPACES.interior;
  if (space !== SPACES.interior && space !== SPACES.external) return "space";
  if (!inRange(parts.district, 1, WORLD_LIMITS.districts + 1)) return "district";
  if (!inRange(parts.neighbourhood, 0, WORLD_LIMITS.neighbourhoods)) return "neighbourhood";
  if (!inRange(parts.building, 0, WORLD_LIMITS.buildings)) return "building";
  if (!inRange(parts.floor, 0, WORLD_LIMITS.floors)) return "floor";
  const units = space === SPACES.interior ? WORLD_LIMITS.units : WORLD_LIMITS.externalUnits;
  if (!inRange(parts.unit, 0, units)) return "unit";
  return undefined;
}

/** Packs an address into its token id; throws `UnitAddressError` naming the bad field. */
export function encodeUnitId(parts: UnitAddressParts): bigint {
  const bad = findInvalidField(parts);
  if (bad) throw new UnitAddressError(`Unit address field "${bad}" is out of range: ${parts[bad]}`);
  return (
    (BigInt(parts.space ?? 0) << 56n) |
    (BigInt(parts.district) << 48n) |
    (BigInt(parts.neighbourhood) << 32n) |
    (BigInt(parts.building) << 24n) |
    (BigInt(parts.floor) << 16n) |
    BigInt(parts.unit)
  );
}

/** Unpacks a token id; throws `UnitAddressError` when it is not a unit's id. */
export function decodeUnitId(unitId: bigint): Required<UnitAddressParts> {
  if (unitId < 0n || unitId >> 64n !== 0n) throw new UnitAddressError(`Not a unit id: ${unitId}`);
  const parts = {
    space: Number(unitId >> 56n) as Space,
    district: Number((unitId >> 48n) & 0xffn),
    neighbourhood: Number((unitId >> 32n) & 0xffffn),
    building: Number((unitId >> 24n) & 0xffn),
    floor: Number((unitId >> 16n) & 0xffn),
    unit: Number(unitId & 0xffffn),
  };
  const bad = findInvalidField(parts);
  if (bad) throw new UnitAddressError(`Not a unit id: ${unitId} (field "${bad}" is ${parts[bad]})`);
  return parts;
}

/** The id of a unit's floor (unit field cleared): what `FloorSale.buyFloor` takes. */
export function floorIdOf(unitId: bigint): bigint {
  return unitId & ~0xffffn;
}

/** The id of a unit's building (floor and unit fields cleared): what `FloorSale.buyBuilding` takes. */
export function buildingIdOf(unitId: bigint): bigint {
  return unitId & ~0xff_ffffn;
}

/** The type of a unit by its address; districts above the seed's four need the on-chain type. */
export function unitTypeOf(parts: UnitAddressParts, openedDistrictType?: UnitTypeName): UnitTypeName {
  if ((parts.space ?? 0) === SPACES.external) return "external";
  switch (parts.district) {
    case DISTRICTS.residential:
      return "residential";
    case DISTRICTS.community:
      return "community";
    case DISTRICTS.business:
    case DISTRICTS.shopping:
      return "commercial";
    default:
      if (!openedDistrictType) {
        throw new UnitAddressError(`District ${parts.district} is not one of the seed's; its type is on chain`);
      }
      return openedDistrictType;
  }
}

/** Row and column of an interior unit on its floor's 25 × 25 grid. */
export function gridPosition(unit: number): { row: number; column: number } {
  if (!inRange(unit, 0, WORLD_LIMITS.units)) throw new UnitAddressError(`Not an interior unit index: ${unit}`);
  return { row: Math.floor(unit / FLOOR_GRID), column: unit % FLOOR_GRID };
}

/** The seed's group (0..35) of an interior unit: its block in a 6 × 6 split of the grid. */
export function floorGroupOf(unit: number): number {
  const { row, column } = gridPosition(unit);
  const band = (i: number) => Math.floor((i * FLOOR_GROUPS_PER_SIDE) / FLOOR_GRID);
  return band(row) * FLOOR_GROUPS_PER_SIDE + band(column);
}

function districtCode(district: number): string {
  return district <= SEED_DISTRICT_COUNT ? DISTRICT_LETTERS[district]! : `D${district}`;
}

/**
 * Human form of an address: district code, neighbourhood, building, floor, unit — e.g.
 * `R-0042-07-12-003` for an interior unit and `R-0042-07-12-X017` for external surface 17.
 * The seed's districts are R, B, C, S; later ones are `D5`, `D6`, …
 */
export function formatUnitAddress(parts: UnitAddressParts): string {
  const bad = findInvalidField(parts);
  if (bad) throw new UnitAddressError(`Unit address field "${bad}" is out of range: ${parts[bad]}`);
  const pad = (n: number, width: number) => String(n).padStart(width, "0");
  const unit = (parts.space ?? 0) === SPACES.external ? `X${pad(parts.unit, 3)}` : pad(parts.unit, 3);
  return [
    districtCode(parts.district),
    pad(parts.neighbourhood, 4),
    pad(parts.building, 2),
    pad(parts.floor, 2),
    unit,
  ].join("-");
}

const ADDRESS_PATTERN = /^([RBCS]|D\d{1,3})-(\d{4})-(\d{2})-(\d{2})-(X?)(\d{2,3})$/i;

/** Parses the human form produced by `formatUnitAddress` (a two-digit unit is accepted too). */
export function parseUnitAddress(text: string): Required<UnitAddressParts> {
  const match = ADDRESS_PATTERN.exec(text.trim());
  if (!match) throw new UnitAddressError(`Not a unit address: "${text}" (expected e.g. R-0042-07-12-003)`);
  const [, code, neighbourhood, building, floor, external, unit] = match;
  const upper = code!.toUpperCase();
  const district = upper.startsWith("D")
    ? Number(upper.slice(1))
    : DISTRICT_LETTERS.indexOf(upper as (typeof DISTRICT_LETTERS)[number]);
  if (upper.startsWith("D") && district <= SEED_DISTRICT_COUNT) {
    throw new UnitAddressError(`Unit address "${text}": district ${district} is written ${districtCode(district)}`);
  }
  const parts = {
    space: (external ? SPACES.external : SPACES.interior) as Space,
    district,
    neighbourhood: Number(neighbourhood),
    building: Number(building),
    floor: Number(floor),
    unit: Number(unit),
  };
  const bad = findInvalidField(parts);
  if (bad) throw new UnitAddressError(`Unit address "${text}" has field "${bad}" out of range`);
  return parts;
}
