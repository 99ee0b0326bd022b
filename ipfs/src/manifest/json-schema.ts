/**
 * The newest scene manifest version as JSON Schema (draft 2020-12), generated from the zod schema
 * so other tools can validate documents without Markspace's code. It describes what a writer may
 * send: fields with defaults are optional. Checks that need code (CIDs parse; ids unique and
 * resolvable; rooms inside the unit and apart) are only in `parseSceneManifest`.
 */
import { z } from "zod";
import { SCENE_MANIFEST_VERSION } from "../manifest.ts";
import { sceneManifestV2Schema } from "./v2.ts";

export const SCENE_MANIFEST_SCHEMA_ID = `https://markspace.example/schemas/scene-manifest-v${SCENE_MANIFEST_VERSION}.json`;

export function sceneManifestJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(sceneManifestV2Schema, {
    target: "draft-2020-12",
    io: "input",
    unrepresentable: "throw",
  });
  return {
    $schema: schema.$schema,
    $id: SCENE_MANIFEST_SCHEMA_ID,
    title: `Markspace scene manifest, version ${SCENE_MANIFEST_VERSION}`,
    description: "The JSON document a Markspace unit's content CID points at. Documented in ipfs/SCENE-FORMAT.md.",
    ...schema,
  };
}
