/**
 * The editor's changes to the parts of a scene beyond models and pictures: video screens,
 * speakers' playlists, lights, portals/doors and the time of day and weather. Pure functions in
 * the shape of `sceneEdits.ts`: each takes the manifest and returns a new one, so every change
 * joins the undo history. The inputs come from the forms of `editorForms.ts`, already checked.
 */
import type { Environment, Light, Portal, SceneManifest, Speaker, VideoScreen } from "@markspace/ipfs/manifest";
import { freshId, updateSpeaker } from "./sceneEdits.ts";
import { clampIntoRoom, type Vec3 } from "./snapping.ts";

/** Most entries the manifest allows in each list (`ipfs/src/manifest/v2.ts`). */
export const LIST_LIMITS = { videos: 8, speakers: 8, lights: 16, portals: 16, tracks: 100 } as const;

/** Width of a newly hung screen, metres (16:9). */
const SCREEN_WIDTH = 1.6;

/**
 * Where along `wall` a new flat thing `width` wide hangs clear of the pictures and screens already
 * there and of speakers standing against it: the middle if free, else the nearest free place.
 */
export function freeAlongWall(manifest: SceneManifest, wall: VideoScreen["wall"], width: number): number {
  const taken: Array<{ along: number; half: number }> = [];
  for (const flat of [...manifest.images, ...manifest.videos]) {
    if (flat.wall === wall && flat.room === undefined) taken.push({ along: flat.offset[0], half: flat.width / 2 });
  }
  const { width: roomWidth, depth } = manifest.room;
  for (const speaker of manifest.speakers) {
    const [x, , z] = speaker.position;
    // A speaker within a metre of the wall, as an offset along it (see `wallPlacement`).
    const near =
      wall === "north"
        ? z < -depth / 2 + 1
        : wall === "south"
          ? z > depth / 2 - 1
          : wall === "east"
            ? x > roomWidth / 2 - 1
            : x < -roomWidth / 2 + 1;
    if (near) taken.push({ along: wall === "north" ? x : wall === "south" ? -x : wall === "east" ? z : -z, half: 0.2 });
  }
  const half = (wall === "north" || wall === "south" ? roomWidth : depth) / 2 - width / 2;
  const gap = 0.1;
  const free = (along: number) =>
    taken.every((each) => Math.abs(each.along - along) >= each.half + width / 2 + gap - 1e-9);
  for (let step = 0; step <= half * 10; step += 1) {
    for (const along of step === 0 ? [0] : [-step / 10, step / 10]) if (free(along)) return along;
  }
  return 0;
}

/** Hangs a 16:9 screen playing `source` on `wall` at eye height, in the middle or the nearest free place. */
export function addVideo(
  manifest: SceneManifest,
  video: { source: VideoScreen["source"]; title?: string | undefined; poster?: string | undefined },
  wall: VideoScreen["wall"] = "north",
): SceneManifest {
  checkRoom(manifest.videos, LIST_LIMITS.videos, "video screens");
  const entry: VideoScreen = {
    id: freshId(manifest, "screen"),
    ...(video.title ? { title: video.title.slice(0, 120) } : {}),
    source: video.source,
    ...(video.poster ? { poster: video.poster } : {}),
    wall,
    offset: [freeAlongWall(manifest, wall, SCREEN_WIDTH), Math.min(1.5, manifest.room.height / 2)],
    width: SCREEN_WIDTH,
    height: Math.round((SCREEN_WIDTH * 9_000) / 16) / 1000,
    loop: true,
    volume: 1,
  };
  return { ...manifest, videos: [...manifest.videos, entry] };
}

export function updateVideo(manifest: SceneManifest, index: number, patch: Partial<VideoScreen>): SceneManifest {
  return {
    ...manifest,
    videos: replaceAt(manifest.videos, index, (video) => withoutUndefined({ ...video, ...patch })),
  };
}

/** Appends `tracks` to speaker `index`'s playlist; throws when the playlist would pass its limit. */
export function appendTracks(manifest: SceneManifest, index: number, tracks: Speaker["playlist"]): SceneManifest {
  const speaker = manifest.speakers[index];
  if (!speaker) throw new RangeError(`No speaker ${index}`);
  if (speaker.playlist.length + tracks.length > LIST_LIMITS.tracks) {
    throw new Error(`A playlist holds at most ${LIST_LIMITS.tracks} tracks`);
  }
  return updateSpeaker(manifest, index, { playlist: [...speaker.playlist, ...tracks] });
}

/** Moves track `from` of speaker `index` to position `to` (both clamped into the playlist). */
export function moveTrack(manifest: SceneManifest, index: number, from: number, to: number): SceneManifest {
  const speaker = manifest.speakers[index];
  if (!speaker) throw new RangeError(`No speaker ${index}`);
  const playlist = [...speaker.playlist];
  const target = Math.max(0, Math.min(playlist.length - 1, to));
  if (from < 0 || from >= playlist.length || target === from) return manifest;
  const [track] = playlist.splice(from, 1);
  playlist.splice(target, 0, track!);
  return updateSpeaker(manifest, index, { playlist });
}

/** Removes track `track` of speaker `index`; a speaker keeps at least one track (remove the speaker instead). */
export function removeTrack(manifest: SceneManifest, index: number, track: number): SceneManifest {
  const speaker = manifest.speakers[index];
  if (!speaker) throw new RangeError(`No speaker ${index}`);
  if (speaker.playlist.length <= 1) throw new Error("A speaker plays at least one track; remove the speaker instead");
  return updateSpeaker(manifest, index, { playlist: speaker.playlist.filter((_, i) => i !== track) });
}

export type LightType = Light["type"];

/** A new light of `type` with the schema's defaults, placed in the room's upper middle. */
export function addLight(manifest: SceneManifest, type: LightType, color = "#ffffff"): SceneManifest {
  checkRoom(manifest.lights, LIST_LIMITS.lights, "lights");
  const id = freshId(manifest, `${type}-light`);
  const top = Math.max(0.5, manifest.room.height - 0.3);
  const light: Light =
    type === "ambient"
      ? { type, id, color, intensity: 0.5 }
      : type === "directional"
        ? { type, id, color, direction: [-0.4, -1, -0.3], intensity: 1, castShadow: false }
        : type === "point"
          ? { type, id, color, position: [0, top, 0], intensity: 10, range: 0, castShadow: false }
          : {
              type,
              id,
              color,
              position: [0, top, 0],
              target: [0, 0, 0],
              intensity: 10,
              range: 0,
              angle: Math.PI / 4,
              penumbra: 0.2,
              castShadow: false,
            };
  return { ...manifest, lights: [...manifest.lights, light] };
}

/** Changes light `index`; a position is kept inside the room. The type stays (remove and add to change it). */
export function updateLight(manifest: SceneManifest, index: number, patch: Partial<LightPatch>): SceneManifest {
  return {
    ...manifest,
    lights: replaceAt(manifest.lights, index, (light) => {
      const next = { ...light, ...patch } as Light;
      if ("position" in next && patch.position) next.position = clampIntoRoom(patch.position as Vec3, manifest.room);
      return next;
    }),
  };
}

/** Every field any light type has, for `updateLight`'s patch. */
export type LightPatch = {
  color: string;
  intensity: number;
  position: Vec3;
  target: Vec3;
  direction: Vec3;
  range: number;
  angle: number;
  penumbra: number;
  castShadow: boolean;
};

/** Places a door or portal leading to `to`, in the middle of the south wall facing into the room. */
export function addPortal(
  manifest: SceneManifest,
  portal: { name: string; kind: Portal["kind"]; to: Portal["to"] },
): SceneManifest {
  checkRoom(manifest.portals, LIST_LIMITS.portals, "portals and doors");
  const entry: Portal = {
    id: freshId(manifest, portal.kind),
    name: portal.name.trim().slice(0, 80) || (portal.kind === "door" ? "Door" : "Portal"),
    kind: portal.kind,
    // At zero rotation the opening faces +z; a quarter turn twice faces −z, into the room from the south wall.
    position: [0, 0, manifest.room.depth / 2 - 0.05],
    rotation: [0, Math.PI, 0],
    width: 0.9,
    height: 2.1,
    to: portal.to,
  };
  return { ...manifest, portals: [...manifest.portals, entry] };
}

export function updatePortal(manifest: SceneManifest, index: number, patch: Partial<Portal>): SceneManifest {
  return {
    ...manifest,
    portals: replaceAt(manifest.portals, index, (portal) => {
      const next = { ...portal, ...patch };
      if (patch.position) next.position = clampIntoRoom(patch.position as Vec3, manifest.room);
      return next;
    }),
  };
}

/** Sets the time of day and weather; `undefined` goes back to the viewer's default (noon, clear). */
export function setEnvironment(manifest: SceneManifest, environment: Environment | undefined): SceneManifest {
  const next = { ...manifest };
  if (environment) next.environment = environment;
  else delete next.environment;
  return next;
}

function checkRoom(list: readonly unknown[], limit: number, what: string): void {
  if (list.length >= limit) throw new Error(`A unit holds at most ${limit} ${what}`);
}

function replaceAt<T>(list: readonly T[], index: number, change: (entry: T) => T): T[] {
  if (index < 0 || index >= list.length) throw new RangeError(`No entry ${index} (the list has ${list.length})`);
  return list.map((entry, i) => (i === index ? change(entry) : entry));
}

/** Optional fields set to `undefined` by a form are dropped, as the schema's output never holds them. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
