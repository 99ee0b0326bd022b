/**
 * Scene manifest: the JSON document a unit's content CID points at. It describes the unit's
 * rooms, materials, lights, furniture (glTF by CID), pictures, video, music, sound effects, an
 * optional 360° panorama interior and the doors out. `ipfs/SCENE-FORMAT.md` documents every
 * field; `ipfs/scene-manifest.schema.json` is the same schema for other tools.
 *
 * Versions: every document carries `version`. `parseSceneManifest` (and `sceneManifestSchema`)
 * read every version ever published and migrate it to the newest; `serializeSceneManifest`
 * writes only the newest. Browser-safe: no Node imports.
 */
import { MarkspaceError } from "@markspace/common/errors";
import { z } from "zod";
import { migrateV1ToV2 } from "./manifest/migrate.ts";
import { sceneManifestV1Schema, type SceneManifestV1 } from "./manifest/v1.ts";
import { sceneManifestV2Schema, type SceneManifestV2, type SceneManifestV2Input } from "./manifest/v2.ts";

export { cidString, materialSchema, UNIT_SIZE_METRES, wallSchema } from "./manifest/common.ts";
export { sceneManifestV1Schema, type SceneManifestV1, type SceneManifestV1Input } from "./manifest/v1.ts";
export * from "./manifest/v2.ts";
export { migrateV1ToV2 } from "./manifest/migrate.ts";

/** The version `serializeSceneManifest` writes. */
export const SCENE_MANIFEST_VERSION = 2;

/** The schema of the newest version: what writers must produce. */
export const latestSceneManifestSchema = sceneManifestV2Schema;

/** A scene manifest of the newest version, defaults filled: what every reader works with. */
export type SceneManifest = SceneManifestV2;
/** What a writer may pass: the newest version with defaults left out. */
export type LatestSceneManifestInput = SceneManifestV2Input;

/** Brings a document of any known version up to the newest, one version at a time. */
function toLatest(manifest: SceneManifestV1 | SceneManifestV2): SceneManifest {
  switch (manifest.version) {
    case 1:
      return migrateV1ToV2(manifest);
    case 2:
      return manifest;
  }
}

/**
 * Reads a scene manifest of any version and migrates it to the newest. Use it where untrusted
 * JSON enters (`safeParse` gives the issues); `parseSceneManifest` throws a readable error instead.
 */
export const sceneManifestSchema = z
  .discriminatedUnion("version", [sceneManifestV1Schema, sceneManifestV2Schema])
  .transform(toLatest);

/** Any version a reader accepts, defaults left out (tests and fixtures write older versions too). */
export type SceneManifestInput = z.input<typeof sceneManifestSchema>;

/** Thrown when a document is not a valid scene manifest; the message lists each bad field. */
export class SceneManifestError extends MarkspaceError {
  override name = "SceneManifestError";
  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super({ shortMessage: message, ...options });
  }
}

const KNOWN_VERSIONS = [1, 2] as const;

/** Validates untrusted JSON (already parsed) as a scene manifest of any version, migrated to the newest. */
export function parseSceneManifest(value: unknown): SceneManifest {
  const version = (value as { version?: unknown } | null)?.version;
  if (typeof value === "object" && value !== null && !(KNOWN_VERSIONS as readonly unknown[]).includes(version)) {
    throw new SceneManifestError(
      `Invalid scene manifest: version ${JSON.stringify(version) ?? "(missing)"} is not one this reader knows (${KNOWN_VERSIONS.join(", ")})`,
      { hint: "A newer Markspace may have written it; update, or publish the scene again from the editor." },
    );
  }
  const result = sceneManifestSchema.safeParse(value);
  if (!result.success) throw invalid(result.error);
  return result.data;
}

/**
 * The JSON text to publish for a manifest: read like `parseSceneManifest` (so an older version is
 * migrated), checked against the newest schema, defaults written out. Throws `SceneManifestError`.
 */
export function serializeSceneManifest(manifest: SceneManifestInput | SceneManifest): string {
  const latest = parseSceneManifest(manifest);
  const result = latestSceneManifestSchema.safeParse(latest);
  if (!result.success) throw invalid(result.error);
  return JSON.stringify(result.data);
}

function invalid(error: z.ZodError): SceneManifestError {
  const issues = error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`);
  return new SceneManifestError(`Invalid scene manifest: ${issues.join("; ")}`);
}

/** The room a unit shows before its owner sets any content. */
export const EMPTY_ROOM: SceneManifest = {
  version: 2,
  name: "Empty unit",
  room: { width: 8, depth: 8, height: 3 },
  floor: { color: "#b9a58a", roughness: 0.9, metalness: 0 },
  walls: { color: "#e8e4dc", roughness: 0.95, metalness: 0 },
  rooms: [],
  lights: [],
  objects: [],
  images: [],
  videos: [],
  speakers: [],
  sounds: [],
  portals: [],
};
