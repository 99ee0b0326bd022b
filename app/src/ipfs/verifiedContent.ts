/**
 * Loads a unit's content from an IPFS path gateway without trusting it: every byte goes through
 * `fetchVerifiedContent` (a raw block, or a UnixFS file's CAR checked block by block) before it
 * is parsed as JSON, glTF, an image or media. Results are cached per gateway and CID, so a model
 * placed twice is fetched once and React's `use()` sees the same promise on every render; the
 * download's progress is published in `assetProgress` under the same key.
 */
import { UNIT_BUDGET } from "@markspace/ipfs/budget";
import { parseSceneManifest, type SceneManifest } from "@markspace/ipfs/manifest";
import { MarkspaceAppError } from "../errors/MarkspaceAppError.ts";
import { assetProgress } from "./assetProgress.ts";
import { fetchVerifiedContent } from "./fetchVerifiedContent.ts";

/** Manifests are small JSON documents; refuse anything bigger than this. */
export const MAX_MANIFEST_BYTES = 256 * 1024;
/** One model, image or panorama may use at most the whole unit's byte budget (10 MiB). */
export const MAX_ASSET_BYTES = UNIT_BUDGET.bytes;
/** Video and audio are outside the unit's 3D budget; still, refuse anything past this. */
export const MAX_MEDIA_BYTES = 64 * 1024 * 1024;

/** A unit's content could not be loaded or is not what it should be. */
export class UnitContentError extends MarkspaceAppError {
  override name = "UnitContentError";
}

/** Fetches, verifies, decodes and validates a scene manifest. */
export async function loadSceneManifest(gatewayUrl: string, cid: string, signal?: AbortSignal): Promise<SceneManifest> {
  const bytes = await fetchVerifiedContent(gatewayUrl, cid, { maxBytes: MAX_MANIFEST_BYTES, signal });
  return decodeSceneManifest(cid, bytes);
}

/** Decodes verified manifest bytes (UTF-8 JSON) and validates them, migrating an older version to the newest. */
export function decodeSceneManifest(cid: string, bytes: Uint8Array): SceneManifest {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch (error) {
    throw new UnitContentError({
      shortMessage: `The scene manifest ${cid} is not UTF-8 JSON`,
      details: (error as Error).message,
      cause: error,
    });
  }
  try {
    return parseSceneManifest(json);
  } catch (error) {
    throw new UnitContentError({
      shortMessage: `The scene manifest ${cid} is not a valid scene manifest`,
      details: (error as Error).message,
      hint: "The unit's owner should publish a manifest that matches ipfs/SCENE-FORMAT.md.",
      cause: error,
    });
  }
}

const assetCache = new Map<string, Promise<Uint8Array>>();

/** The key of an asset in the caches and in `assetProgress`. */
export function assetKey(gatewayUrl: string, cid: string): string {
  return `${gatewayUrl} ${cid}`;
}

/**
 * Verified bytes of an asset, fetched once per gateway and CID; failures are not cached (a retry
 * fetches again). Progress goes to `assetProgress` under `assetKey(gatewayUrl, cid)`.
 */
export function loadVerifiedAsset(
  gatewayUrl: string,
  cid: string,
  maxBytes: number = MAX_ASSET_BYTES,
): Promise<Uint8Array> {
  const key = assetKey(gatewayUrl, cid);
  let pending = assetCache.get(key);
  if (!pending) {
    pending = fetchVerifiedContent(gatewayUrl, cid, {
      maxBytes,
      onProgress: (progress) => assetProgress.report(key, progress),
    });
    pending.then(
      () => assetProgress.finish(key),
      () => {
        assetProgress.finish(key);
        assetCache.delete(key);
      },
    );
    assetCache.set(key, pending);
  }
  return pending;
}

/** Forgets the verified bytes of an asset (the scene left behind no longer needs them). */
export function forgetVerifiedAsset(gatewayUrl: string, cid: string): void {
  assetCache.delete(assetKey(gatewayUrl, cid));
}

/** A standalone ArrayBuffer copy of verified bytes (loaders want an ArrayBuffer, not a view). */
export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy.buffer;
}

/** Sniffs PNG and JPEG signatures; the manifest promises one of the two. */
export function imageMimeType(bytes: Uint8Array): "image/png" | "image/jpeg" | undefined {
  if (bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) {
    return "image/png";
  }
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  return undefined;
}

/** Whether bytes start like a binary glTF (`glTF` magic, version 2). */
export function isGlb(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 12 &&
    bytes[0] === 0x67 &&
    bytes[1] === 0x6c &&
    bytes[2] === 0x54 &&
    bytes[3] === 0x46 &&
    bytes[4] === 2 &&
    bytes[5] === 0 &&
    bytes[6] === 0 &&
    bytes[7] === 0
  );
}
