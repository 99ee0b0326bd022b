/**
 * Writes `ipfs/scene-manifest.schema.json` from the zod schema, formatted as the repository's
 * Prettier formats JSON. Run after changing the format (a test fails while the file is stale):
 *
 *   npm run -w @markspace/ipfs schema
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { format, resolveConfig } from "prettier";
import { sceneManifestJsonSchema } from "./json-schema.ts";

export const SCENE_MANIFEST_SCHEMA_FILE = fileURLToPath(new URL("../../scene-manifest.schema.json", import.meta.url));

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  const options = (await resolveConfig(SCENE_MANIFEST_SCHEMA_FILE)) ?? {};
  const text = await format(JSON.stringify(sceneManifestJsonSchema()), { ...options, parser: "json" });
  writeFileSync(SCENE_MANIFEST_SCHEMA_FILE, text);
  console.log(`wrote ${SCENE_MANIFEST_SCHEMA_FILE}`);
}
