/**
 * The unit page's view of a subgraph `Unit`: the list's fields plus what the page shows and the
 * owner panel needs (type, name, privacy, decorator, rooms, storage, whether it is still held in
 * a floor's range).
 */
import { z } from "zod";
import { getAddress, type Address } from "viem";
import { rawUnitSchema, toUnitRecord, UNIT_FIELDS, type UnitRecord } from "./unitRecord.ts";

export const UNIT_DETAIL_FIELDS = `${UNIT_FIELDS}
  unitType
  name
  privacy
  decorator
  rooms
  storagePaidUntil
  inRange
  transferCount
`;

const bigintString = z.string().regex(/^\d+$/, "a decimal BigInt string");
const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, "a 20-byte 0x address");

export const UNIT_TYPE_NAMES = ["Residential", "Commercial", "Community", "External"] as const;
export const PRIVACY_NAMES = ["Public", "Unlisted", "Private"] as const;
export type UnitTypeName = (typeof UNIT_TYPE_NAMES)[number];
export type PrivacyName = (typeof PRIVACY_NAMES)[number];

export type UnitDetail = UnitRecord & {
  unitType: UnitTypeName;
  name: string | null;
  privacy: PrivacyName;
  decorator: Address | null;
  rooms: number;
  /** Unix seconds. */
  storagePaidUntil: bigint;
  inRange: boolean;
  transferCount: number;
};

export const unitDetailSchema = rawUnitSchema
  .extend({
    unitType: z.enum(UNIT_TYPE_NAMES),
    name: z.string().nullable(),
    privacy: z.enum(PRIVACY_NAMES),
    decorator: address.nullable(),
    rooms: z.number().int().nonnegative(),
    storagePaidUntil: bigintString,
    inRange: z.boolean(),
    transferCount: z.number().int().nonnegative(),
  })
  .transform((raw, ctx): UnitDetail => {
    try {
      return {
        ...toUnitRecord(raw),
        unitType: raw.unitType,
        name: raw.name || null,
        privacy: raw.privacy,
        decorator: raw.decorator ? getAddress(raw.decorator) : null,
        rooms: raw.rooms,
        storagePaidUntil: BigInt(raw.storagePaidUntil),
        inRange: raw.inRange,
        transferCount: raw.transferCount,
      };
    } catch (error) {
      ctx.addIssue({ code: "custom", message: (error as Error).message });
      return z.NEVER;
    }
  });
