/**
 * The WebXR input profiles (controller and hand models with their button layouts, from the
 * `@webxr-input-profiles/assets` package) served by the app itself at `/xr/profiles/`, so a
 * headset user sees their controllers and hands, and can point and teleport, without the CDN
 * @react-three/xr would otherwise fetch them from (the app must work offline and on a LAN).
 *
 * Only the package's own file layout is served: `profilesList.json` and
 * `<profile>/<profile.json | left.glb | right.glb | none.glb>`, names checked before any file is
 * touched, so no request can reach another file.
 */
import { access, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";

export { INPUT_PROFILES_PATH } from "./inputProfilePath.ts";

const PROFILE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const PROFILE_FILE = /^(?:profile\.json|(?:left|right|none)\.glb)$/;

export type ProfileAsset = { bytes: Uint8Array; contentType: string };

/** The relative file a request's path segments name, or undefined when it is not one the package holds by name. */
export function profileAssetPath(segments: readonly string[]): string | undefined {
  if (segments.length === 1 && segments[0] === "profilesList.json") return "profilesList.json";
  if (segments.length !== 2) return undefined;
  const [profile, file] = segments as [string, string];
  if (profile.length > 80 || !PROFILE_ID.test(profile) || !PROFILE_FILE.test(file)) return undefined;
  return `${profile}/${file}`;
}

let root: Promise<string> | undefined;

/**
 * The package's `dist/profiles` folder, found by walking up from the working directory to the
 * `node_modules` that holds it (the app runs from `app/`, workspaces hoist it to the repository
 * root). `MARKSPACE_XR_PROFILES_DIR` names another folder with the same layout.
 */
export function inputProfilesRoot(env: Record<string, string | undefined> = process.env): Promise<string> {
  const configured = env.MARKSPACE_XR_PROFILES_DIR;
  if (configured) return Promise.resolve(configured);
  root ??= (async () => {
    for (let dir = process.cwd(); ; dir = dirname(dir)) {
      const candidate = join(dir, "node_modules", "@webxr-input-profiles", "assets", "dist", "profiles");
      try {
        await access(join(candidate, "profilesList.json"));
        return candidate;
      } catch {
        if (dirname(dir) === dir) {
          root = undefined;
          throw new Error(`@webxr-input-profiles/assets is not installed above ${process.cwd()} (run npm ci)`);
        }
      }
    }
  })();
  return root;
}

/** The asset the segments name, or undefined when the name is not allowed or the file does not exist. */
export async function readProfileAsset(
  segments: readonly string[],
  profilesRoot: string,
): Promise<ProfileAsset | undefined> {
  const relative = profileAssetPath(segments);
  if (!relative) return undefined;
  try {
    const bytes = await readFile(join(profilesRoot, relative));
    return { bytes, contentType: relative.endsWith(".glb") ? "model/gltf-binary" : "application/json" };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}
