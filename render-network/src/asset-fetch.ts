/**
 * The `FetchAsset` a Worker, the Scheduler and the `render` command hand to `loadManifestScene`:
 * each model or image CID fetched from a path gateway as a raw block and checked against its
 * sha2-256 digest (`fetchVerified`), never trusted unchecked, and no larger than the app loads.
 */
import { fetchVerified, MAX_SINGLE_BLOCK_BYTES, type IpfsRequestOptions } from "@markspace/ipfs/client";
import type { FetchAsset } from "./tracer/manifest-scene.ts";

/** Largest model or image the tracer fetches: one raw block, the app's limit too. */
export const MAX_ASSET_BYTES = MAX_SINGLE_BLOCK_BYTES;

/** A `FetchAsset` over `gatewayUrl` that verifies every block against its CID. */
export function verifiedAssetFetcher(gatewayUrl: string, options: IpfsRequestOptions = {}): FetchAsset {
  return (cid) => fetchVerified(gatewayUrl, cid, { ...options, maxBytes: MAX_ASSET_BYTES });
}
