/**
 * The app's view of a subgraph `Unit` entity: zod schemas for the GraphQL fields we select
 * and the domain object the UI renders (token id as bigint, human address, checksummed owner).
 */
import { z } from "zod";
import { getAddress, type Address } from "viem";
import { decodeUnitId, formatUnitAddress, type UnitAddressParts } from "@markspace/contracts/unit-address";

/** The selection every unit query uses; keep in step with `rawUnitSchema`. */
export const UNIT_FIELDS = `
  id
  tokenId
  district
  neighbourhood
  building
  floor
  unit
  owner
  contentCid
  claimedAtBlock
  claimedAtTimestamp
  updatedAtBlock
`;

const bigintString = z.string().regex(/^\d+$/, "a decimal BigInt string");
const bytesHex = z.string().regex(/^0x[0-9a-fA-F]{40}$/, "a 20-byte 0x address");

export const rawUnitSchema = z.object({
  id: bigintString,
  tokenId: bigintString,
  district: z.number().int(),
  neighbourhood: z.number().int(),
  building: z.number().int(),
  floor: z.number().int(),
  unit: z.number().int(),
  owner: bytesHex,
  contentCid: z.string().nullable(),
  claimedAtBlock: bigintString,
  claimedAtTimestamp: bigintString,
  updatedAtBlock: bigintString,
});

export type RawUnit = z.infer<typeof rawUnitSchema>;

export type UnitRecord = {
  /** Token id as a decimal string: the subgraph's entity id and the `/units/<id>` path segment. */
  id: string;
  tokenId: bigint;
  parts: UnitAddressParts;
  /** Human address, e.g. `R-0042-07-12-003`. */
  address: string;
  owner: Address;
  /** Scene manifest CID; null when the owner has not set one (or cleared it). */
  contentCid: string | null;
  claimedAtBlock: bigint;
  /** Seconds since the Unix epoch. */
  claimedAtTimestamp: bigint;
  updatedAtBlock: bigint;
};

/** Turns a raw entity into a `UnitRecord`; throws when its id is not a unit or disagrees with its fields. */
export function toUnitRecord(raw: RawUnit): UnitRecord {
  const tokenId = BigInt(raw.tokenId);
  if (BigInt(raw.id) !== tokenId) throw new Error(`unit ${raw.id}: id and tokenId ${raw.tokenId} differ`);
  const parts = decodeUnitId(tokenId);
  const fields = ["district", "neighbourhood", "building", "floor", "unit"] as const;
  for (const field of fields) {
    if (parts[field] !== raw[field]) {
      throw new Error(`unit ${raw.id}: ${field} is ${raw[field]} but the token id encodes ${parts[field]}`);
    }
  }
  return {
    id: raw.id,
    tokenId,
    parts,
    address: formatUnitAddress(parts),
    owner: getAddress(raw.owner),
    contentCid: raw.contentCid === null || raw.contentCid === "" ? null : raw.contentCid,
    claimedAtBlock: BigInt(raw.claimedAtBlock),
    claimedAtTimestamp: BigInt(raw.claimedAtTimestamp),
    updatedAtBlock: BigInt(raw.updatedAtBlock),
  };
}

/** A zod schema that parses a raw unit straight into a `UnitRecord`, reporting bad entities as issues. */
export const unitRecordSchema = rawUnitSchema.transform((raw, ctx) => {
  try {
    return toUnitRecord(raw);
  } catch (error) {
    ctx.addIssue({ code: "custom", message: (error as Error).message });
    return z.NEVER;
  }
});

/** `_meta` of graph-node: the block the subgraph has indexed up to. */
export const metaSchema = z.object({
  block: z.object({ number: z.number().int().nonnegative() }),
  hasIndexingErrors: z.boolean(),
});

export type SubgraphMeta = z.infer<typeof metaSchema>;
