/**
 * The editor's changes to a scene manifest, as pure functions: each takes the manifest (newest
 * version, defaults filled) and returns a new one, so the edit history can keep every state.
 * `manifestForPublish` checks the result against the schema and gives the JSON to upload.
 */
import {
  serializeSceneManifest,
  type Hotspot,
  type PlacedObject,
  type SceneManifest,
  type Speaker,
  type Surface,
  type WallImage,
} from "@markspace/ipfs/manifest";
import { clampIntoRoom, type Vec3 } from "./snapping.ts";

export type SurfaceName = "floor" | "walls" | "ceiling";
/** The lists of a manifest whose entries the editor selects, moves and removes. */
export type EntryKind = "objects" | "images" | "videos" | "speakers" | "lights" | "portals";
export type Selection = { kind: EntryKind; index: number } | { kind: "hotspots"; index: number };

/** An id not yet used in `manifest`, `prefix-1`, `prefix-2`…, valid as a scene id. */
export function freshId(manifest: SceneManifest, prefix: string): string {
  const used = new Set<string>();
  const lists = [
    manifest.objects,
    manifest.images,
    manifest.videos,
    manifest.speakers,
    manifest.sounds,
    manifest.lights,
    manifest.rooms,
    manifest.portals,
  ];
  for (const list of lists) {
    for (const entry of list as ReadonlyArray<{ id?: string }>) if (entry.id) used.add(entry.id);
  }
  for (const hotspot of manifest.panorama?.hotspots ?? []) if (hotspot.id) used.add(hotspot.id);
  const base =
    prefix
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 30) || "item";
  for (let n = 1; ; n += 1) {
    const id = `${base}-${n}`;
    if (!used.has(id)) return id;
  }
}

/** Places a model standing on the floor at `position` (the room's centre by default). */
export function addObject(
  manifest: SceneManifest,
  model: { name: string; cid: string },
  position: Vec3 = [0, 0, 0],
): SceneManifest {
  const object: PlacedObject = {
    id: freshId(manifest, model.name),
    name: model.name.slice(0, 80),
    model: model.cid,
    position: clampIntoRoom(position, manifest.room),
    rotation: [0, 0, 0],
    scale: 1,
  };
  return { ...manifest, objects: [...manifest.objects, object] };
}

export function updateObject(manifest: SceneManifest, index: number, patch: Partial<PlacedObject>): SceneManifest {
  return { ...manifest, objects: replaceAt(manifest.objects, index, (object) => ({ ...object, ...patch })) };
}

/** Longest side of a newly hung picture, metres. */
const PICTURE_SIZE = 1.2;

/** Hangs a picture of `width` × `height` pixels centred on `wall`, its centre at eye height. */
export function addPicture(
  manifest: SceneManifest,
  picture: { cid: string; title?: string; width: number; height: number },
  wall: WallImage["wall"] = "north",
): SceneManifest {
  const aspect = picture.width > 0 && picture.height > 0 ? picture.width / picture.height : 1;
  const [width, height] = aspect >= 1 ? [PICTURE_SIZE, PICTURE_SIZE / aspect] : [PICTURE_SIZE * aspect, PICTURE_SIZE];
  const image: WallImage = {
    id: freshId(manifest, "picture"),
    title: picture.title?.slice(0, 120),
    image: picture.cid,
    wall,
    offset: [0, Math.min(1.5, manifest.room.height / 2)],
    width: round(width),
    height: round(height),
  };
  return { ...manifest, images: [...manifest.images, image] };
}

export function updatePicture(manifest: SceneManifest, index: number, patch: Partial<WallImage>): SceneManifest {
  return { ...manifest, images: replaceAt(manifest.images, index, (image) => ({ ...image, ...patch })) };
}

/** Sets a surface's material; the ceiling starts from the walls' material when it has none of its own. */
export function setSurface(manifest: SceneManifest, surface: SurfaceName, patch: Partial<Surface>): SceneManifest {
  const current = manifest[surface] ?? manifest.walls;
  const next = { ...current, ...patch };
  if (next.texture === undefined) delete next.texture;
  if (next.tileSize === undefined) delete next.tileSize;
  return { ...manifest, [surface]: next };
}

export type TrackInput = { title: string; source: string; mimeType?: Speaker["playlist"][number]["mimeType"] };

const AUDIO_TYPES: Record<string, Speaker["playlist"][number]["mimeType"]> = {
  mp3: "audio/mpeg",
  ogg: "audio/ogg",
  oga: "audio/ogg",
  opus: "audio/ogg",
  m4a: "audio/mp4",
  aac: "audio/mp4",
  wav: "audio/wav",
  flac: "audio/flac",
};

/**
 * The CID in a track source as people paste it: a bare CID, `ipfs://<cid>`, or a gateway URL
 * (`https://host/ipfs/<cid>/…`, `https://<cid>.ipfs.host/…`). Undefined when there is none: the
 * scene format plays audio from IPFS only, so that it is verified and cannot vanish.
 */
export function cidOfSource(source: string): string | undefined {
  const text = source.trim();
  const patterns = [
    /^(?:ipfs:\/\/)?((?:Qm[1-9A-HJ-NP-Za-km-z]{44})|(?:b[a-z2-7]{20,}))(?:[/?#].*)?$/,
    /^https?:\/\/[^/]+\/ipfs\/([A-Za-z0-9]+)(?:[/?#].*)?$/,
    /^https?:\/\/([a-z2-7]{20,})\.ipfs\.[^/]+(?:[/?#].*)?$/,
  ];
  for (const pattern of patterns) {
    const match = pattern.exec(text);
    if (match) return match[1];
  }
  return undefined;
}

/** The audio type a file name or URL ends in, MP3 when it does not say. */
export function audioTypeOf(source: string): Speaker["playlist"][number]["mimeType"] {
  const extension = /\.([a-z0-9]+)(?:[?#].*)?$/i.exec(source.trim())?.[1]?.toLowerCase();
  return (extension && AUDIO_TYPES[extension]) || "audio/mpeg";
}

/** Builds a playlist from the editor's rows; throws naming the first row without an IPFS CID. */
export function playlistOf(tracks: readonly TrackInput[]): Speaker["playlist"] {
  return tracks.map((track, index) => {
    const audio = cidOfSource(track.source);
    if (!audio) {
      throw new Error(
        `Track ${index + 1} ("${track.source}") is not an IPFS CID or IPFS URL; upload the audio to IPFS and paste its CID`,
      );
    }
    return {
      title: track.title.trim() || `Track ${index + 1}`,
      audio,
      mimeType: track.mimeType ?? audioTypeOf(track.source),
    };
  });
}

/** Places a speaker playing `playlist` at `position` (ear height near the north wall by default). */
export function addSpeaker(
  manifest: SceneManifest,
  speaker: { name: string; playlist: Speaker["playlist"]; position?: Vec3 },
): SceneManifest {
  const entry: Speaker = {
    id: freshId(manifest, "speaker"),
    name: speaker.name.trim().slice(0, 80) || "Speaker",
    position: clampIntoRoom(speaker.position ?? [0, 1.2, -manifest.room.depth / 2 + 0.5], manifest.room),
    playlist: speaker.playlist,
    loop: true,
    shuffle: false,
    volume: 0.8,
    refDistance: 1,
    maxDistance: 10,
  };
  return { ...manifest, speakers: [...manifest.speakers, entry] };
}

export function updateSpeaker(manifest: SceneManifest, index: number, patch: Partial<Speaker>): SceneManifest {
  return { ...manifest, speakers: replaceAt(manifest.speakers, index, (speaker) => ({ ...speaker, ...patch })) };
}

/** Makes the 360° photo `cid` the interior (or the view out, with `replacesRoom` false); keeps existing hotspots. */
export function setPanorama(manifest: SceneManifest, cid: string, replacesRoom = true): SceneManifest {
  return {
    ...manifest,
    panorama: {
      image: cid,
      stereo: "mono",
      heading: 0,
      eyeHeight: 1.6,
      replacesRoom,
      hotspots: manifest.panorama?.hotspots ?? [],
    },
  };
}

export function removePanorama(manifest: SceneManifest): SceneManifest {
  const next = { ...manifest };
  delete next.panorama;
  return next;
}

/** Adds a hotspot showing `text` at `yaw`/`pitch` (radians) on the panorama. */
export function addHotspot(
  manifest: SceneManifest,
  hotspot: { label: string; yaw: number; pitch: number; action: Hotspot["action"] },
): SceneManifest {
  if (!manifest.panorama) throw new Error("Import a 360° panorama before adding hotspots");
  const entry: Hotspot = {
    id: freshId(manifest, "hotspot"),
    label: hotspot.label.trim().slice(0, 80) || "Hotspot",
    yaw: clampAngle(hotspot.yaw, Math.PI),
    pitch: clampAngle(hotspot.pitch, Math.PI / 2),
    action: hotspot.action,
  };
  return { ...manifest, panorama: { ...manifest.panorama, hotspots: [...manifest.panorama.hotspots, entry] } };
}

/** Removes the selected entry (a model, picture, screen, speaker, light, portal or panorama hotspot). */
export function removeEntry(manifest: SceneManifest, selection: Selection): SceneManifest {
  if (selection.kind === "hotspots") {
    if (!manifest.panorama) return manifest;
    return {
      ...manifest,
      panorama: { ...manifest.panorama, hotspots: manifest.panorama.hotspots.filter((_, i) => i !== selection.index) },
    };
  }
  const list = manifest[selection.kind] as readonly unknown[];
  return { ...manifest, [selection.kind]: list.filter((_, i) => i !== selection.index) };
}

/**
 * The JSON text to publish: the manifest renamed to `name` (when given), checked against the
 * newest schema with its defaults written out. Throws `SceneManifestError` listing each bad field.
 */
export function manifestForPublish(manifest: SceneManifest, name?: string): string {
  return serializeSceneManifest(name?.trim() ? { ...manifest, name: name.trim() } : manifest);
}

function replaceAt<T>(list: readonly T[], index: number, change: (entry: T) => T): T[] {
  if (index < 0 || index >= list.length) throw new RangeError(`No entry ${index} (the list has ${list.length})`);
  return list.map((entry, i) => (i === index ? change(entry) : entry));
}

function clampAngle(angle: number, limit: number): number {
  // Rounded first, clamped after: π rounded to 3.1416 would be past the schema's limit.
  return Math.min(limit, Math.max(-limit, round(angle, 4)));
}

function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
