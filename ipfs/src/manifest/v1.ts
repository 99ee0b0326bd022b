/**
 * Scene manifest version 1, frozen: the first format, which the demo world published until
 * version 2. It describes one room of at most 8 × 8 m: its size, floor and wall materials, glTF
 * models placed in it and images hung on its walls. Readers still accept it and migrate it to the
 * newest version (`./migrate.ts`); nothing writes it any more. Do not change this file: a
 * document that was valid version 1 must stay valid and keep its meaning.
 */
import { z } from "zod";
import { cidString, materialSchema, UNIT_SIZE_METRES, vec3, wallSchema } from "./common.ts";

/** A glTF/GLB model placed in the room. Positions are metres from the room's floor centre; y is up. */
export const placedObjectV1Schema = z.object({
  name: z.string().min(1).max(80),
  model: cidString,
  position: vec3,
  /** Euler angles in radians, XYZ order. */
  rotation: vec3.default([0, 0, 0]),
  scale: z.union([z.number().positive(), vec3]).default(1),
});

/**
 * A PNG/JPEG image hung on a wall; `offset` is [horizontal, height] of its centre in metres:
 * horizontal from the wall's middle, positive to the right of a visitor facing that wall from
 * inside the room; height above the floor.
 */
export const wallImageV1Schema = z.object({
  title: z.string().max(120).optional(),
  image: cidString,
  wall: wallSchema,
  offset: z.tuple([z.number().finite(), z.number().finite()]),
  width: z.number().positive().max(8),
  height: z.number().positive().max(8),
});

export const sceneManifestV1Schema = z.object({
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
  objects: z.array(placedObjectV1Schema).max(256).default([]),
  images: z.array(wallImageV1Schema).max(64).default([]),
  /** Where a visitor stands on arrival (metres, eye height included). */
  spawn: z.object({ position: vec3, lookAt: vec3 }).optional(),
});

export type SceneManifestV1 = z.infer<typeof sceneManifestV1Schema>;
export type SceneManifestV1Input = z.input<typeof sceneManifestV1Schema>;
