import { BigInt } from "@graphprotocol/graph-ts";
import { Unit } from "../../generated/schema";

/**
 * Decodes a unit's token id into its address fields, mirroring contracts/libraries/UnitAddress.sol:
 * bits 0..7 unit, 8..15 floor, 16..23 building, 24..39 neighbourhood, 40..47 district.
 */
export function setUnitAddress(unit: Unit, tokenId: BigInt): void {
  unit.unit = field(tokenId, 0, 0xff);
  unit.floor = field(tokenId, 8, 0xff);
  unit.building = field(tokenId, 16, 0xff);
  unit.neighbourhood = field(tokenId, 24, 0xffff);
  unit.district = field(tokenId, 40, 0xff);
}

function field(tokenId: BigInt, shift: u8, mask: i32): i32 {
  return tokenId.rightShift(shift).bitAnd(BigInt.fromI32(mask)).toI32();
}
