/**
 * Field types every scene manifest version shares: CIDs, vectors, colours, materials and the
 * compass names of walls. A version's schema builds on these; a change here must keep every
 * version's meaning, so new constraints go into the version that introduces them instead.
 */
import { CID } from "multiformats/cid";
import { z } from "zod";

/** A CID in string form (CIDv0 `Qm…` or CIDv1 multibase), checked by parsing it. */
export const cidString = z
  .string()
  .refine(
    (value) => {
      try {
        CID.parse(value);
        return true;
      } catch {
        return false;
      }
    },
    { message: "not a valid IPFS CID" },
  )
  .meta({ description: "An IPFS CID (CIDv0 `Qm…` or CIDv1 multibase, e.g. `bafy…`)." });

/** Three finite numbers: a point or offset in metres, or Euler angles in radians. */
export const vec3 = z.tuple([z.number().finite(), z.number().finite(), z.number().finite()]);

export const hexColor = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, "a #rrggbb colour")
  .meta({ description: "An sRGB colour, `#rrggbb`." });

/** A flat PBR surface: colour, roughness and metalness (glTF's metallic-roughness model). */
export const materialSchema = z.object({
  color: hexColor,
  roughness: z.number().min(0).max(1).default(0.8),
  metalness: z.number().min(0).max(1).default(0),
});

/** North is the wall at z = −depth/2, south at z = +depth/2, east at x = +width/2, west at x = −width/2. */
export const wallSchema = z.enum(["north", "south", "east", "west"]);

/** The side of one unit, in metres: a unit is an 8 × 8 m plot of floor. */
export const UNIT_SIZE_METRES = 8;
