import { BigInt } from "@graphprotocol/graph-ts";
import { Unit } from "../../generated/schema";

/**
 * Token-id layout, mirroring contracts/libraries/UnitAddress.sol (low bits first):
 * 0..15 unit · 16..23 floor · 24..31 building · 32..47 neighbourhood · 48..55 district · 56..63 space.
 */
export const UNITS_PER_FLOOR: i32 = 625;

const DISTRICT_LETTERS = ["", "R", "B", "C", "S"];

export class UnitParts {
  space: i32;
  district: i32;
  neighbourhood: i32;
  building: i32;
  floor: i32;
  unit: i32;
}

export function decodeUnitId(tokenId: BigInt): UnitParts {
  let parts = new UnitParts();
  parts.unit = field(tokenId, 0, 0xffff);
  parts.floor = field(tokenId, 16, 0xff);
  parts.building = field(tokenId, 24, 0xff);
  parts.neighbourhood = field(tokenId, 32, 0xffff);
  parts.district = field(tokenId, 48, 0xff);
  parts.space = field(tokenId, 56, 0xff);
  return parts;
}

/** Writes the decoded address fields and the human address onto `unit`. */
export function setUnitAddress(unit: Unit, tokenId: BigInt): UnitParts {
  let parts = decodeUnitId(tokenId);
  unit.space = parts.space;
  unit.district = parts.district;
  unit.neighbourhood = parts.neighbourhood;
  unit.building = parts.building;
  unit.floor = parts.floor;
  unit.unit = parts.unit;
  unit.address = formatUnitAddress(parts);
  unit.unitType = unitTypeOf(parts, null);
  return parts;
}

/** `R-0042-07-12-003`, `R-0042-07-12-X017` for external surfaces, `D5-…` above the seed's districts. */
export function formatUnitAddress(parts: UnitParts): string {
  let code = parts.district <= 4 ? DISTRICT_LETTERS[parts.district] : "D" + parts.district.toString();
  let unit = pad(parts.unit, 3);
  if (parts.space == 1) unit = "X" + unit;
  return (
    code + "-" + pad(parts.neighbourhood, 4) + "-" + pad(parts.building, 2) + "-" + pad(parts.floor, 2) + "-" + unit
  );
}

/** The unit type of an address: External for surfaces, else the district's (seed districts by number). */
export function unitTypeOf(parts: UnitParts, openedDistrictType: string | null): string {
  if (parts.space == 1) return "External";
  if (parts.district == 1) return "Residential";
  if (parts.district == 3) return "Community";
  if (parts.district == 2 || parts.district == 4) return "Commercial";
  if (openedDistrictType == null) return "Residential";
  return openedDistrictType as string;
}

export function districtId(district: i32): string {
  return district.toString();
}

export function neighbourhoodId(parts: UnitParts): string {
  return parts.district.toString() + "-" + parts.neighbourhood.toString();
}

export function buildingId(parts: UnitParts): string {
  return neighbourhoodId(parts) + "-" + parts.building.toString();
}

export function floorEntityId(parts: UnitParts): string {
  return buildingId(parts) + "-" + parts.floor.toString();
}

function pad(value: i32, width: i32): string {
  let text = value.toString();
  while (text.length < width) text = "0" + text;
  return text;
}

function field(tokenId: BigInt, shift: u8, mask: i32): i32 {
  return tokenId.rightShift(shift).bitAnd(BigInt.fromI32(mask)).toI32();
}
