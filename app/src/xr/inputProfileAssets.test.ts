import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GET } from "../app/xr/profiles/[...path]/route.ts";
import { inputProfilesRoot, profileAssetPath, readProfileAsset } from "./inputProfileAssets.ts";

const get = (...path: string[]) =>
  GET(new Request(`http://app.test/xr/profiles/${path.join("/")}`), { params: Promise.resolve({ path }) });

describe("input profile assets", () => {
  it("names every file of the package's profiles folder, and nothing else", async () => {
    const root = await inputProfilesRoot({});
    const entries = await readdir(root, { recursive: true, withFileTypes: true });
    const files = entries
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1));
    expect(files.length).toBeGreaterThan(100);
    for (const file of files) expect(profileAssetPath(file.split("/")), file).toBe(file);

    for (const bad of [
      ["..", "package.json"],
      ["generic-trigger", "..", "left.glb"],
      ["generic-trigger", "left.gltf"],
      ["Generic-Trigger", "left.glb"],
      ["generic-trigger", "%2e%2e"],
      ["-trigger", "left.glb"],
      ["generic-trigger"],
      ["profilesList.json", "x"],
      [],
    ]) {
      expect(profileAssetPath(bad), bad.join("/")).toBeUndefined();
    }
  });

  it("reads the list, a layout and a model, and finds no file for an unknown profile", async () => {
    const root = await inputProfilesRoot({});
    const list = await readProfileAsset(["profilesList.json"], root);
    expect(list?.contentType).toBe("application/json");
    const profiles = JSON.parse(new TextDecoder().decode(list!.bytes)) as Record<string, { path: string }>;
    expect(profiles["generic-trigger"]?.path).toBe("generic-trigger/profile.json");
    expect(profiles["oculus-touch-v3"]).toBeDefined();

    const model = await readProfileAsset(["generic-trigger", "right.glb"], root);
    expect(model?.contentType).toBe("model/gltf-binary");
    expect(new TextDecoder().decode(model!.bytes.subarray(0, 4))).toBe("glTF");
    expect(await readProfileAsset(["no-such-controller", "left.glb"], root)).toBeUndefined();
  });

  it("serves them over HTTP with a cache lifetime, and 404 names what was asked for", async () => {
    const layout = await get("generic-hand", "profile.json");
    expect(layout.status).toBe(200);
    expect(layout.headers.get("cache-control")).toBe("public, max-age=86400");
    expect(((await layout.json()) as { profileId: string }).profileId).toBe("generic-hand");

    const missing = await get("..", "..", "package.json");
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: string }).error).toContain("/xr/profiles/../../package.json");
  });
});
