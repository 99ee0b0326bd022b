/**
 * What the segment of `/units/<ref>` names: a token id in decimal (the old links), a unit address
 * (`R-0042-07-12-003`, the two-digit `R-0042-07-12-03` and any case too) or a unit's name
 * (resolved through the subgraph's `Unit.name`). Names never look like addresses (the names
 * contract refuses them), so the three cannot collide.
 */
import {
  decodeUnitId,
  encodeUnitId,
  formatUnitAddress,
  parseUnitAddress,
  type UnitAddressParts,
} from "@markspace/contracts/unit-address";
import { isNormalisedUnitName } from "@markspace/contracts/unit-names";

export type UnitReference =
  | { kind: "id"; tokenId: bigint; parts: Required<UnitAddressParts>; address: string }
  | { kind: "address"; tokenId: bigint; parts: Required<UnitAddressParts>; address: string }
  | { kind: "name"; name: string };

/** Parses the `/units/<ref>` segment; undefined when it can be neither an id, an address nor a name. */
export function parseUnitReference(segment: string): UnitReference | undefined {
  let text: string;
  try {
    text = decodeURIComponent(segment).trim();
  } catch {
    return undefined;
  }
  if (/^\d{1,20}$/.test(text)) {
    try {
      const tokenId = BigInt(text);
      const parts = decodeUnitId(tokenId);
      return { kind: "id", tokenId, parts, address: formatUnitAddress(parts) };
    } catch {
      // Not a unit's id: it may still be a name made of digits.
    }
  }
  try {
    const parts = parseUnitAddress(text);
    return { kind: "address", tokenId: encodeUnitId(parts), parts, address: formatUnitAddress(parts) };
  } catch {
    // Not an address: try a name.
  }
  const name = text.toLowerCase();
  // The names contract's own rules (`UnitNames`, mirrored in `@markspace/contracts/unit-names`).
  return isNormalisedUnitName(name) ? { kind: "name", name } : undefined;
}

/** The readable link of a unit: `/units/R-0042-07-12-003`. */
export function unitPath(parts: UnitAddressParts): string {
  return `/units/${formatUnitAddress(parts)}`;
}
