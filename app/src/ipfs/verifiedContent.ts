/**
 * Loads a unit's content from an IPFS path gateway without trusting it: every byte goes through
 * `fetchVerified` (sha2-256 of raw-codec CIDs) before it is parsed as JSON, glTF or an image.
 * Results are cached per gateway and CID, so a model placed twice is fetched once and React's
 * `use()` sees the same promise on every render.
 */
import { fetchVerified, MAX_SINGLE_BLOCK_BYTES } from "@markspace/ipfs/client";
import { parseSceneManifest, type SceneManifest } from "@markspace/ipfs/manifest";
import { MarkspaceAppError } from "../errors/MarkspaceAppError.ts";

/** Manifests are small JSON documents; refuse anything bigger than this. */
export const MAX_MANIFEST_BYTES = 256 * 1024;
/** One raw block: the largest asset `fetchVerified` can check in one piece. */
export const MAX_ASSET_BYTES = MAX_SINGLE_BLOCK_BYTES;

/** A unit's content could not be loaded or is not what it should be. */
export class UnitContentError extends MarkspaceAppError {
  override name = "UnitContentError";
}

/** Fetches, verifies, decodes and validates a scene manifest. */
export async function loadSceneManifest(gatewayUrl: string, cid: string, signal?: AbortSignal): Promise<SceneManifest> {
  const bytes = await fetchVerified(gatewayUrl, cid, { maxBytes: MAX_MANIFEST_BYTES, signal });
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

/** Verified bytes of an asset, fetched once per gateway and CID; failures are not cached. */
export function loadVerifiedAsset(gatewayUrl: string, cid: string): Promise<Uint8Array> {
  const key = `${gatewayUrl} ${cid}`;
  let pending = assetCache.get(key);
  if (!pending) {
    pending = fetchVerified(gatewayUrl, cid, { maxBytes: MAX_ASSET_BYTES });
    pending.catch(() => assetCache.delete(key));
    assetCache.set(key, pending);
  }
  return pending;
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
