/**
 * Scene manifest version 2, the newest: everything version 1 held, with the same meaning, plus
 * extra rooms, a ceiling material, lights, time of day and weather, video screens, speakers with
 * playlists, sound effects, an optional 360° panorama interior with hotspots, and portals/doors.
 * `ipfs/SCENE-FORMAT.md` documents every field, its unit and its limit.
 *
 * Coordinates are unit space: metres from the centre of the main room's floor, y up, north at −z,
 * east at +x. Angles are radians. Everything a visitor downloads is an IPFS CID, except the pages
 * of external video providers, which are https links.
 */
import { z } from "zod";
import { cidString, hexColor, materialSchema, UNIT_SIZE_METRES, vec3, wallSchema } from "./common.ts";
import { placedObjectV1Schema, wallImageV1Schema } from "./v1.ts";

/** Tallest a unit's rooms may reach above the main floor, in metres. */
export const MAX_UNIT_HEIGHT_METRES = 12;

/** A name other entries refer to: lower-case letters, digits and dashes, 1–40 characters. */
export const sceneIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "an id of lower-case letters, digits and dashes (at most 40)");

const httpsUrl = z
  .url({ protocol: /^https$/, hostname: z.regexes.domain })
  .regex(/^https:\/\//, "an https:// URL")
  .max(2048);
const volume = z.number().min(0).max(1);

/**
 * A floor, wall or ceiling material: a flat PBR surface, optionally a PNG or JPEG image tiled
 * over it every `tileSize` metres (1 when absent), multiplied by `color`.
 */
export const surfaceSchema = materialSchema.extend({
  texture: cidString.optional(),
  tileSize: z.number().positive().max(UNIT_SIZE_METRES).optional(),
});

/** A room beside or above the main one, inside the unit. Its floor centre is `[center[0], level, center[1]]`. */
export const extraRoomSchema = z.object({
  id: sceneIdSchema,
  name: z.string().min(1).max(80),
  center: z.tuple([z.number().finite(), z.number().finite()]),
  level: z.number().min(0).max(MAX_UNIT_HEIGHT_METRES).default(0),
  width: z.number().positive().max(UNIT_SIZE_METRES),
  depth: z.number().positive().max(UNIT_SIZE_METRES),
  height: z.number().positive().max(MAX_UNIT_HEIGHT_METRES).default(3),
  floor: surfaceSchema.optional(),
  walls: surfaceSchema.optional(),
  ceiling: surfaceSchema.optional(),
});

/** A v1 object plus an optional id that sounds and hotspots can name. */
export const placedObjectSchema = placedObjectV1Schema.extend({ id: sceneIdSchema.optional() });

/** Where a flat thing hangs: v1's wall and offset, and which room's wall (the main room if absent). */
const wallPlacement = {
  wall: wallSchema,
  offset: z.tuple([z.number().finite(), z.number().finite()]),
  room: sceneIdSchema.optional(),
};

/** A v1 wall image (PNG or JPEG) plus a room, an id and a link opened when it is clicked. */
export const wallImageSchema = wallImageV1Schema.extend({
  id: sceneIdSchema.optional(),
  room: sceneIdSchema.optional(),
  link: httpsUrl.optional(),
});

/** A video on IPFS or a page of an external video site (played in the provider's embed). */
export const videoSourceSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("ipfs"), video: cidString, mimeType: z.enum(["video/mp4", "video/webm"]) }),
  z.object({
    type: z.literal("external"),
    url: httpsUrl,
    provider: z.enum(["youtube", "vimeo", "peertube", "other"]).default("other"),
  }),
]);

/** A screen on a wall playing a video; it starts when a visitor interacts with it (autoplay rules). */
export const videoScreenSchema = z.object({
  id: sceneIdSchema.optional(),
  title: z.string().max(120).optional(),
  source: videoSourceSchema,
  poster: cidString.optional(),
  ...wallPlacement,
  width: z.number().positive().max(8),
  height: z.number().positive().max(8),
  loop: z.boolean().default(true),
  volume: volume.default(1),
});

export const audioMimeTypeSchema = z.enum(["audio/mpeg", "audio/ogg", "audio/mp4", "audio/wav", "audio/flac"]);

export const trackSchema = z.object({
  title: z.string().min(1).max(120),
  audio: cidString,
  mimeType: audioMimeTypeSchema,
  durationSeconds: z.number().positive().max(86_400).optional(),
});

/** A positional speaker playing a playlist; audible from `refDistance` at full volume, fading out to `maxDistance`. */
export const speakerSchema = z
  .object({
    id: sceneIdSchema.optional(),
    name: z.string().min(1).max(80),
    position: vec3,
    playlist: z.array(trackSchema).min(1).max(100),
    loop: z.boolean().default(true),
    shuffle: z.boolean().default(false),
    volume: volume.default(0.8),
    refDistance: z.number().positive().max(50).default(1),
    maxDistance: z.number().positive().max(100).default(10),
  })
  .refine((speaker) => speaker.maxDistance >= speaker.refDistance, {
    message: "maxDistance must not be below refDistance",
    path: ["maxDistance"],
  });

/**
 * A sound effect: `ambient` plays while a visitor is in the unit, `enter` once on arrival,
 * `proximity` when a visitor comes within `radius` of `position`, `click` when the object `object`
 * is clicked. Without `position` a sound is not positional (heard the same everywhere).
 */
export const soundEffectSchema = z
  .object({
    id: sceneIdSchema.optional(),
    name: z.string().min(1).max(80),
    audio: cidString,
    mimeType: audioMimeTypeSchema,
    trigger: z.enum(["ambient", "enter", "proximity", "click"]),
    object: sceneIdSchema.optional(),
    position: vec3.optional(),
    radius: z
      .number()
      .positive()
      .max(UNIT_SIZE_METRES * 2)
      .default(2),
    volume: volume.default(0.8),
    loop: z.boolean().default(false),
  })
  .superRefine((sound, context) => {
    if (sound.trigger === "click" && sound.object === undefined) {
      context.addIssue({ code: "custom", path: ["object"], message: "a click sound names the object that is clicked" });
    }
    if (sound.trigger === "proximity" && sound.position === undefined) {
      context.addIssue({ code: "custom", path: ["position"], message: "a proximity sound needs a position" });
    }
  });

/** Where a portal, door or hotspot leads: another unit (by token id), a room of this unit, or a web page. */
export const destinationSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("unit"),
    unit: z.string().regex(/^[0-9]{1,78}$/, "a unit id, in decimal"),
  }),
  z.object({ type: z.literal("room"), room: sceneIdSchema }),
  z.object({ type: z.literal("url"), url: httpsUrl }),
]);

/** A door (drawn as a door leaf in a frame) or a portal (a glowing opening) a visitor walks through. */
export const portalSchema = z.object({
  id: sceneIdSchema.optional(),
  name: z.string().min(1).max(80),
  kind: z.enum(["door", "portal"]).default("door"),
  /** Centre of the opening's sill (bottom edge), metres. */
  position: vec3,
  /** Euler angles in radians, XYZ order; at zero the opening faces +z (a visitor walks through towards −z). */
  rotation: vec3.default([0, 0, 0]),
  width: z.number().min(0.5).max(4).default(0.9),
  height: z.number().min(1).max(4).default(2.1),
  to: destinationSchema,
});

/**
 * A hotspot on the panorama, at `yaw` (radians, 0 = the image's centre column, positive to the
 * right) and `pitch` (radians, 0 = horizon, positive up). `info` shows text; the others travel.
 */
export const hotspotSchema = z.object({
  id: sceneIdSchema.optional(),
  label: z.string().min(1).max(80),
  yaw: z.number().min(-Math.PI).max(Math.PI),
  pitch: z
    .number()
    .min(-Math.PI / 2)
    .max(Math.PI / 2),
  action: z.discriminatedUnion("type", [
    z.object({ type: z.literal("info"), text: z.string().min(1).max(1000) }),
    ...destinationSchema.options,
  ]),
});

/**
 * A 360° photo of a real room as the unit's interior: an equirectangular image (2:1; stereo
 * layouts stack or place the two eyes' images side by side), turned so that its centre column
 * looks towards `heading` (radians clockwise from north). With `replacesRoom` the viewer shows the
 * panorama instead of the modelled room; otherwise it is the view out of the windows.
 */
export const panoramaSchema = z.object({
  image: cidString,
  stereo: z.enum(["mono", "top-bottom", "left-right"]).default("mono"),
  heading: z.number().min(-Math.PI).max(Math.PI).default(0),
  /** Height of the camera above the floor when the photo was taken, metres. */
  eyeHeight: z.number().positive().max(3).default(1.6),
  replacesRoom: z.boolean().default(true),
  hotspots: z.array(hotspotSchema).max(64).default([]),
});

const lightBase = { id: sceneIdSchema.optional(), color: hexColor.default("#ffffff") };

/**
 * A light. Point and spot intensities are candela, directional lux, ambient a plain factor;
 * `range` 0 means no cut-off. An empty `lights` list keeps the viewer's default lighting.
 */
export const lightSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("ambient"), ...lightBase, intensity: z.number().min(0).max(10).default(0.5) }),
  z.object({
    type: z.literal("directional"),
    ...lightBase,
    direction: vec3,
    intensity: z.number().min(0).max(10).default(1),
    castShadow: z.boolean().default(false),
  }),
  z.object({
    type: z.literal("point"),
    ...lightBase,
    position: vec3,
    intensity: z.number().min(0).max(10_000).default(10),
    range: z.number().min(0).max(50).default(0),
    castShadow: z.boolean().default(false),
  }),
  z.object({
    type: z.literal("spot"),
    ...lightBase,
    position: vec3,
    target: vec3,
    intensity: z.number().min(0).max(10_000).default(10),
    range: z.number().min(0).max(50).default(0),
    angle: z
      .number()
      .positive()
      .max(Math.PI / 2)
      .default(Math.PI / 4),
    penumbra: z.number().min(0).max(1).default(0.2),
    castShadow: z.boolean().default(false),
  }),
]);

/** Time of day (hours, local solar time: 13.5 is half past one) and weather seen through windows and outdoors. */
export const environmentSchema = z.object({
  timeOfDay: z.number().min(0).max(24).default(12),
  weather: z.enum(["clear", "cloudy", "overcast", "rain", "snow", "fog"]).default("clear"),
});

/** Most lights that may cast shadows: each shadow is another render of the room per frame. */
export const MAX_SHADOW_LIGHTS = 2;

const sceneManifestV2Object = z.object({
  version: z.literal(2),
  name: z.string().min(1).max(120),
  description: z.string().max(2000).optional(),
  room: z.object({
    width: z.number().positive().max(UNIT_SIZE_METRES).default(UNIT_SIZE_METRES),
    depth: z.number().positive().max(UNIT_SIZE_METRES).default(UNIT_SIZE_METRES),
    height: z.number().positive().max(MAX_UNIT_HEIGHT_METRES).default(3),
  }),
  floor: surfaceSchema,
  walls: surfaceSchema,
  /** The main room's ceiling; the walls' material when absent (as version 1 drew it). */
  ceiling: surfaceSchema.optional(),
  rooms: z.array(extraRoomSchema).max(8).default([]),
  lights: z.array(lightSchema).max(16).default([]),
  environment: environmentSchema.optional(),
  objects: z.array(placedObjectSchema).max(256).default([]),
  images: z.array(wallImageSchema).max(64).default([]),
  videos: z.array(videoScreenSchema).max(8).default([]),
  speakers: z.array(speakerSchema).max(8).default([]),
  sounds: z.array(soundEffectSchema).max(32).default([]),
  panorama: panoramaSchema.optional(),
  portals: z.array(portalSchema).max(16).default([]),
  /** Where a visitor stands on arrival (metres, eye height included). */
  spawn: z.object({ position: vec3, lookAt: vec3 }).optional(),
});

type SceneManifestV2Shape = z.output<typeof sceneManifestV2Object>;

/** Checks that need the whole document: ids unique and resolvable, rooms inside the unit and apart. */
function checkReferences(manifest: SceneManifestV2Shape, context: z.RefinementCtx): void {
  const ids = new Map<string, string>();
  const declare = (id: string | undefined, path: (string | number)[]) => {
    if (id === undefined) return;
    const first = ids.get(id);
    if (first)
      context.addIssue({ code: "custom", path: [...path, "id"], message: `id "${id}" is already used by ${first}` });
    else ids.set(id, path.join("."));
  };
  manifest.rooms.forEach((room, i) => declare(room.id, ["rooms", i]));
  manifest.objects.forEach((object, i) => declare(object.id, ["objects", i]));
  manifest.images.forEach((image, i) => declare(image.id, ["images", i]));
  manifest.videos.forEach((video, i) => declare(video.id, ["videos", i]));
  manifest.speakers.forEach((speaker, i) => declare(speaker.id, ["speakers", i]));
  manifest.sounds.forEach((sound, i) => declare(sound.id, ["sounds", i]));
  manifest.portals.forEach((portal, i) => declare(portal.id, ["portals", i]));
  manifest.lights.forEach((light, i) => declare(light.id, ["lights", i]));
  manifest.panorama?.hotspots.forEach((hotspot, i) => declare(hotspot.id, ["panorama", "hotspots", i]));

  const roomIds = new Set(manifest.rooms.map((room) => room.id));
  const objectIds = new Set(manifest.objects.flatMap((object) => (object.id ? [object.id] : [])));
  const needRoom = (room: string | undefined, path: (string | number)[]) => {
    if (room !== undefined && !roomIds.has(room)) {
      context.addIssue({ code: "custom", path, message: `no room with id "${room}" in rooms` });
    }
  };
  manifest.images.forEach((image, i) => needRoom(image.room, ["images", i, "room"]));
  manifest.videos.forEach((video, i) => needRoom(video.room, ["videos", i, "room"]));
  manifest.portals.forEach((portal, i) => {
    if (portal.to.type === "room") needRoom(portal.to.room, ["portals", i, "to", "room"]);
  });
  manifest.panorama?.hotspots.forEach((hotspot, i) => {
    if (hotspot.action.type === "room") needRoom(hotspot.action.room, ["panorama", "hotspots", i, "action", "room"]);
  });
  manifest.sounds.forEach((sound, i) => {
    if (sound.object !== undefined && !objectIds.has(sound.object)) {
      context.addIssue({
        code: "custom",
        path: ["sounds", i, "object"],
        message: `no object with id "${sound.object}"`,
      });
    }
  });

  const shadows = manifest.lights.filter((light) => "castShadow" in light && light.castShadow).length;
  if (shadows > MAX_SHADOW_LIGHTS) {
    context.addIssue({
      code: "custom",
      path: ["lights"],
      message: `${shadows} lights cast shadows; at most ${MAX_SHADOW_LIGHTS} may`,
    });
  }

  const half = UNIT_SIZE_METRES / 2;
  const boxes = [
    { name: "the main room", path: ["room"], ...roomBox([0, 0], 0, manifest.room) },
    ...manifest.rooms.map((room, i) => ({
      name: `room "${room.id}"`,
      path: ["rooms", i],
      ...roomBox(room.center, room.level, room),
    })),
  ];
  for (const [i, box] of boxes.entries()) {
    const outside =
      box.min[0] < -half - EPSILON ||
      box.max[0] > half + EPSILON ||
      box.min[2] < -half - EPSILON ||
      box.max[2] > half + EPSILON ||
      box.max[1] > MAX_UNIT_HEIGHT_METRES + EPSILON;
    if (outside) {
      context.addIssue({
        code: "custom",
        path: box.path,
        message: `${box.name} reaches outside the unit (${UNIT_SIZE_METRES} × ${UNIT_SIZE_METRES} m, ${MAX_UNIT_HEIGHT_METRES} m high)`,
      });
    }
    for (const other of boxes.slice(0, i)) {
      const overlaps = [0, 1, 2].every(
        (axis) => box.min[axis]! < other.max[axis]! - EPSILON && other.min[axis]! < box.max[axis]! - EPSILON,
      );
      if (overlaps) context.addIssue({ code: "custom", path: box.path, message: `${box.name} overlaps ${other.name}` });
    }
  }
}

/** Rooms may touch; a millimetre of rounding is not an overlap. */
const EPSILON = 1e-3;

function roomBox(
  center: readonly [number, number],
  level: number,
  size: { width: number; depth: number; height: number },
): { min: [number, number, number]; max: [number, number, number] } {
  return {
    min: [center[0] - size.width / 2, level, center[1] - size.depth / 2],
    max: [center[0] + size.width / 2, level + size.height, center[1] + size.depth / 2],
  };
}

export const sceneManifestV2Schema = sceneManifestV2Object.superRefine(checkReferences);

export type SceneManifestV2 = z.infer<typeof sceneManifestV2Schema>;
export type SceneManifestV2Input = z.input<typeof sceneManifestV2Schema>;
export type Surface = z.infer<typeof surfaceSchema>;
export type ExtraRoom = z.infer<typeof extraRoomSchema>;
export type PlacedObject = z.infer<typeof placedObjectSchema>;
export type WallImage = z.infer<typeof wallImageSchema>;
export type VideoScreen = z.infer<typeof videoScreenSchema>;
export type Speaker = z.infer<typeof speakerSchema>;
export type SoundEffect = z.infer<typeof soundEffectSchema>;
export type Portal = z.infer<typeof portalSchema>;
export type Panorama = z.infer<typeof panoramaSchema>;
export type Hotspot = z.infer<typeof hotspotSchema>;
export type Light = z.infer<typeof lightSchema>;
export type Environment = z.infer<typeof environmentSchema>;
