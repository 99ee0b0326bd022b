/**
 * Scene manifest, version 1: the JSON document a unit's content CID points at. It describes
 * one 8 × 8 m room: its size, floor and wall materials, glTF models placed in it and images
 * hung on its walls. Every referenced asset is an IPFS CID. The app renders it; the seeder
 * and (later) the editor write it. Validated with zod at every boundary.
 */
import { MarkspaceError } from "@markspace/common/errors";
import { CID } from "multiformats/cid";
import { z } from "zod";

/** A CID in string form (CIDv0 `Qm…` or CIDv1 multibase), checked by parsing it. */
export const cidString = z.string().refine(
  (value) => {
    try {
      CID.parse(value);
      return true;
    } catch {
      return false;
    }
  },
  { message: "not a valid IPFS CID" },
);

const vec3 = z.tuple([z.number().finite(), z.number().finite(), z.number().finite()]);
const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, "a #rrggbb colour");

export const materialSchema = z.object({
  color: hexColor,
  roughness: z.number().min(0).max(1).default(0.8),
  metalness: z.number().min(0).max(1).default(0),
});

/** A glTF/GLB model placed in the room. Positions are metres from the room's floor centre; y is up. */
export const placedObjectSchema = z.object({
  name: z.string().min(1).max(80),
  model: cidString,
  position: vec3,
  /** Euler angles in radians, XYZ order. */
  rotation: vec3.default([0, 0, 0]),
  scale: z.union([z.number().positive(), vec3]).default(1),
});

/** North is the wall at z = −depth/2, south at z = +depth/2, east at x = +width/2, west at x = −width/2. */
export const wallSchema = z.enum(["north", "south", "east", "west"]);

/**
 * A PNG/JPEG image hung on a wall; `offset` is [horizontal, height] of its centre in metres:
 * horizontal from the wall's middle, positive to the right of a visitor facing that wall from
 * inside the room; height above the floor.
 */
export const wallImageSchema = z.object({
  title: z.string().max(120).optional(),
  image: cidString,
  wall: wallSchema,
  offset: z.tuple([z.number().finite(), z.number().finite()]),
  width: z.number().positive().max(8),
  height: z.number().positive().max(8),
});

export const UNIT_SIZE_METRES = 8;

export const sceneManifestSchema = z.object({
  version: z.literal(1),
  name: z.string().min(1).max(120),
  description: z.string().max(2000).optional(),
  room: z.object({
    width: z.number().positive().max(UNIT_SIZE_METRES).default(UNIT_SIZE_METRES),
    depth: z.number().positive().max(UNIT_SIZE_METRES).default(UNIT_SIZE_METRES),
    height: z.number().positive().max(12).default(3),
  }),
  floor: materialSchema,
  walls: materialSchema,
  objects: z.array(placedObjectSchema).max(256).default([]),
  images: z.array(wallImageSchema).max(64).default([]),
  /** Where a visitor stands on arrival (metres, eye height included). */
  spawn: z.object({ position: vec3, lookAt: vec3 }).optional(),
});

export type SceneManifest = z.infer<typeof sceneManifestSchema>;
export type SceneManifestInput = z.input<typeof sceneManifestSchema>;
export type PlacedObject = z.infer<typeof placedObjectSchema>;
export type WallImage = z.infer<typeof wallImageSchema>;

/** Thrown when a document is not a valid scene manifest; the message lists each bad field. */
export class SceneManifestError extends MarkspaceError {
  override name = "SceneManifestError";
  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super({ shortMessage: message, ...options });
  }
}

/** Validates untrusted JSON (already parsed) as a scene manifest, filling defaults. */
export function parseSceneManifest(value: unknown): SceneManifest {
  const result = sceneManifestSchema.safeParse(value);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`);
    throw new SceneManifestError(`Invalid scene manifest: ${issues.join("; ")}`);
  }
  return result.data;
}

/** The room a unit shows before its owner sets any content. */
export const EMPTY_ROOM: SceneManifest = {
  version: 1,
  name: "Empty unit",
  room: { width: 8, depth: 8, height: 3 },
  floor: { color: "#b9a58a", roughness: 0.9, metalness: 0 },
  walls: { color: "#e8e4dc", roughness: 0.95, metalness: 0 },
  objects: [],
  images: [],
};
