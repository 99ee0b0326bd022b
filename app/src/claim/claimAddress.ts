/**
 * The claim form's address logic: parse what a person typed (the `R-0042-07-12-003` form or
 * separate fields), keep free claims to the residential district, and propose random
 * residential addresses to check against the subgraph.
 */
import {
  DISTRICTS,
  encodeUnitId,
  formatUnitAddress,
  parseUnitAddress,
  UnitAddressError,
  WORLD_LIMITS,
  type UnitAddressParts,
} from "@markspace/contracts/unit-address";

export type ResidentialFields = Omit<UnitAddressParts, "district" | "space">;

export type ClaimTarget = { parts: UnitAddressParts; address: string; unitId: bigint };

export type ParseClaimAddressResult = { ok: true; target: ClaimTarget } | { ok: false; message: string };

function toTarget(parts: UnitAddressParts): ClaimTarget {
  return { parts, address: formatUnitAddress(parts), unitId: encodeUnitId(parts) };
}

/** Parses the text form and requires a residential address (free claims are residential only). */
export function parseClaimAddress(text: string): ParseClaimAddressResult {
  if (text.trim() === "") return { ok: false, message: "Enter a unit address such as R-0042-07-12-003." };
  let parts: UnitAddressParts;
  try {
    parts = parseUnitAddress(text.trim().toUpperCase());
  } catch (error) {
    if (error instanceof UnitAddressError) return { ok: false, message: error.message };
    throw error;
  }
  if (parts.district !== DISTRICTS.residential) {
    return { ok: false, message: `${text.trim()} is not residential; free claims need an address starting with R-.` };
  }
  return { ok: true, target: toTarget(parts) };
}

const FIELD_LIMITS: Record<keyof ResidentialFields, number> = {
  neighbourhood: WORLD_LIMITS.neighbourhoods,
  building: WORLD_LIMITS.buildings,
  floor: WORLD_LIMITS.floors,
  unit: WORLD_LIMITS.units,
};

/** Range of each field, for the number inputs (`max` is inclusive). */
export function fieldMax(field: keyof ResidentialFields): number {
  return FIELD_LIMITS[field] - 1;
}

/** Builds a target from the separate fields; names the first field out of range. */
export function claimTargetFromFields(fields: ResidentialFields): ParseClaimAddressResult {
  for (const field of Object.keys(FIELD_LIMITS) as (keyof ResidentialFields)[]) {
    const value = fields[field];
    if (value === undefined || !Number.isInteger(value) || value < 0 || value >= FIELD_LIMITS[field]) {
      return { ok: false, message: `${field} must be a whole number from 0 to ${FIELD_LIMITS[field] - 1}.` };
    }
  }
  return { ok: true, target: toTarget({ district: DISTRICTS.residential, ...fields }) };
}

/** A uniformly random residential address; `random` returns numbers in [0, 1) like `Math.random`. */
export function randomResidentialAddress(random: () => number = Math.random): UnitAddressParts {
  const pick = (limit: number) => Math.min(limit - 1, Math.floor(random() * limit));
  return {
    district: DISTRICTS.residential,
    neighbourhood: pick(WORLD_LIMITS.neighbourhoods),
    building: pick(WORLD_LIMITS.buildings),
    floor: pick(WORLD_LIMITS.floors),
    unit: pick(WORLD_LIMITS.units),
  };
}

/** `count` distinct random residential candidates, to check in one subgraph query. */
export function randomResidentialCandidates(count: number, random: () => number = Math.random): ClaimTarget[] {
  const seen = new Map<string, ClaimTarget>();
  for (let attempts = 0; seen.size < count && attempts < count * 20; attempts++) {
    const target = toTarget(randomResidentialAddress(random));
    seen.set(target.unitId.toString(), target);
  }
  return [...seen.values()];
}

/** The first candidate the subgraph does not list as claimed, or undefined when all are taken. */
export function firstUnclaimed(
  candidates: readonly ClaimTarget[],
  claimedIds: ReadonlySet<string>,
): ClaimTarget | undefined {
  return candidates.find((candidate) => !claimedIds.has(candidate.unitId.toString()));
}
