import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { EMPTY_ROOM, parseSceneManifest } from "../manifest.ts";
import { sceneManifestJsonSchema } from "./json-schema.ts";
import { SCENE_MANIFEST_SCHEMA_FILE } from "./write-json-schema.ts";

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8"));

describe("scene manifest JSON Schema", () => {
  it("is the file committed at ipfs/scene-manifest.schema.json (run `npm run -w @markspace/ipfs schema` if not)", () => {
    expect(JSON.parse(readFileSync(SCENE_MANIFEST_SCHEMA_FILE, "utf8"))).toEqual(sceneManifestJsonSchema());
  });

  it("lets a standard validator (Ajv, draft 2020-12) accept what Markspace writes and refuse what it refuses", () => {
    const validate = new Ajv2020({ allErrors: true, strict: false, validateFormats: false }).compile(
      sceneManifestJsonSchema(),
    );
    for (const document of [EMPTY_ROOM, parseSceneManifest(fixture("v1-demo-reading-room.json"))]) {
      expect(validate(JSON.parse(JSON.stringify(document))), JSON.stringify(validate.errors)).toBe(true);
    }
    // A version 1 document is not the newest version: migrate it first.
    expect(validate(fixture("v1-minimal.json"))).toBe(false);
    expect(validate({ ...EMPTY_ROOM, room: { width: 9 } })).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({ instancePath: "/room/width", keyword: "maximum" });
    const speaker = { name: "S", position: [0, 1, 0], playlist: [] };
    expect(validate({ ...EMPTY_ROOM, speakers: [speaker] })).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({ instancePath: "/speakers/0/playlist", keyword: "minItems" });
    const portal = { name: "P", position: [0, 0, 0], to: { type: "url", url: "http://example.com" } };
    expect(validate({ ...EMPTY_ROOM, portals: [portal] })).toBe(false);
  });
});
