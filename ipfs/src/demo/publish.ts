/**
 * Publishes the demo world through a Kubo-RPC `add` endpoint — the embedded node, a real Kubo
 * node or a pinning service — and returns one scene manifest CID per demo unit for the seeder
 * to set on chain, and the starter catalog (`../catalog/`). Every asset is a single raw block
 * (≤ 1 MiB) so browsers can verify it.
 * Output is deterministic: the same code publishes the same CIDs.
 */
import { publishCatalog, type PublishedCatalog } from "../catalog/catalog.ts";
import { addBytes, MAX_SINGLE_BLOCK_BYTES, type IpfsRequestOptions } from "../client.ts";
import { IpfsError } from "../errors.ts";
import { serializeSceneManifest, type SceneManifest } from "../manifest.ts";
import { DEMO_ARTWORKS, renderArtwork } from "./artworks.ts";
import { DEMO_MODELS } from "./models.ts";
import { demoSceneManifest, type DemoAssetCids } from "./scenes.ts";

export type PublishDemoWorldOptions = IpfsRequestOptions & {
  /** How many units to furnish; each gets its own manifest. */
  count: number;
  /** Called with one human-readable line per published file. */
  onProgress?: (line: string) => void;
  /** Publish the starter catalog too (default true), so a new owner can furnish a room at once. */
  catalog?: boolean;
  /** Called with the published catalog's index CID and contents. */
  onCatalog?: (catalog: PublishedCatalog) => void;
};

export type PublishedScene = { manifestCid: string; manifest: SceneManifest; name: string };

/** Demo images stay small so a room loads fast; models and manifests stay one block. */
export const MAX_DEMO_IMAGE_BYTES = 256 * 1024;

export async function publishDemoWorld(apiUrl: string, options: PublishDemoWorldOptions): Promise<PublishedScene[]> {
  const { count, onProgress = () => {}, catalog = true, onCatalog = () => {}, ...request } = options;
  if (!Number.isInteger(count) || count < 0 || count > 1000) {
    throw new IpfsError({ shortMessage: `The demo world count must be a whole number 0–1000, not ${count}` });
  }
  if (count === 0) return [];
  if (catalog) onCatalog(await publishCatalog(apiUrl, request, onProgress));
  const assets = await publishDemoAssets(apiUrl, request, onProgress);
  const scenes: PublishedScene[] = [];
  for (let index = 0; index < count; index++) {
    const manifest = demoSceneManifest(index, assets);
    const json = new TextEncoder().encode(serializeSceneManifest(manifest));
    const manifestCid = await addBytes(apiUrl, json, { ...request, name: `scene-${index}.json` });
    onProgress(`manifest "${manifest.name}" → ${manifestCid}`);
    scenes.push({ manifestCid, manifest, name: manifest.name });
  }
  return scenes;
}

/** Builds and adds every model and artwork once; returns their CIDs by file name. */
export async function publishDemoAssets(
  apiUrl: string,
  request: IpfsRequestOptions = {},
  onProgress: (line: string) => void = () => {},
): Promise<DemoAssetCids> {
  const cids: Partial<DemoAssetCids> = {};
  for (const model of DEMO_MODELS) {
    const bytes = await model.build().toGlb(model.name);
    checkSize(model.name, bytes, MAX_SINGLE_BLOCK_BYTES);
    cids[model.name as keyof DemoAssetCids] = await addBytes(apiUrl, bytes, { ...request, name: model.name });
    onProgress(`model ${model.name} (${kib(bytes)}) → ${cids[model.name as keyof DemoAssetCids]}`);
  }
  for (const artwork of DEMO_ARTWORKS) {
    const bytes = renderArtwork(artwork);
    checkSize(artwork.name, bytes, MAX_DEMO_IMAGE_BYTES);
    cids[artwork.name as keyof DemoAssetCids] = await addBytes(apiUrl, bytes, { ...request, name: artwork.name });
    onProgress(`image ${artwork.name} (${kib(bytes)}) → ${cids[artwork.name as keyof DemoAssetCids]}`);
  }
  return cids as DemoAssetCids;
}

function checkSize(name: string, bytes: Uint8Array, limit: number): void {
  if (bytes.length > limit) {
    throw new IpfsError({ shortMessage: `Demo asset ${name} is ${bytes.length} bytes, over its ${limit}-byte limit` });
  }
}

function kib(bytes: Uint8Array): string {
  return `${(bytes.length / 1024).toFixed(1)} KiB`;
}
