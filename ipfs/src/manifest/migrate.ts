/**
 * Migrations from each older scene manifest version to the next. A migration keeps every
 * field's meaning: what a viewer drew for the old document it draws for the migrated one.
 */
import type { SceneManifestV1 } from "./v1.ts";
import { sceneManifestV2Schema, type SceneManifestV2 } from "./v2.ts";

/**
 * Version 1 → 2: the same room, materials, objects, images and spawn. No extra rooms; no lights
 * (the viewer's default lighting, which version 1 was drawn with); no ceiling (drawn in the walls'
 * material, as before); no environment, media, panorama or portals. Every version 1 document is a
 * valid version 2 document once its version changes, and the result is checked as one.
 */
export function migrateV1ToV2(manifest: SceneManifestV1): SceneManifestV2 {
  return sceneManifestV2Schema.parse({ ...manifest, version: 2 });
}
