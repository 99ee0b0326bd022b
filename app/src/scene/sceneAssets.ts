/**
 * Three.js objects built from verified IPFS bytes: glTF models, image textures and media (video
 * and audio as object URLs of verified bytes). Each is cached per gateway and CID as a promise,
 * which scene components read with React's `use()` so the Canvas suspends (and shows its
 * fallback) until the asset is ready. `sceneAssetRetainer` counts the scenes using each asset and
 * disposes it (GPU resources, caches, object URLs) when the last one is gone.
 */
import { Material, SRGBColorSpace, Texture, type Mesh, type Object3D } from "three";
import { GLTFLoader, type GLTF } from "three/examples/jsm/loaders/GLTFLoader.js";
import {
  assetKey,
  forgetVerifiedAsset,
  imageMimeType,
  isGlb,
  loadVerifiedAsset,
  MAX_MEDIA_BYTES,
  toArrayBuffer,
  UnitContentError,
} from "../ipfs/verifiedContent.ts";
import { AssetRetainer } from "./assetRetainer.ts";

const modelCache = new Map<string, Promise<GLTF>>();
const textureCache = new Map<string, Promise<LoadedTexture>>();
const mediaCache = new Map<string, Promise<string>>();

export type LoadedTexture = { texture: Texture; width: number; height: number };

/** Keys whose load failed, per cache: kept (React's `use()` needs the same rejected promise) until retried. */
const failed = new Set<string>();

function cached<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let pending = cache.get(key);
  if (!pending) {
    pending = load();
    pending.catch(() => failed.add(key));
    cache.set(key, pending);
  }
  return pending;
}

/**
 * Forgets failed loads so the next render fetches them again: of one asset, or of all. A failure
 * stays cached until then, so a component reading it with `use()` sees the same rejection (and
 * its error boundary) instead of starting a new download on every render.
 */
export function retryFailedAssets(key?: string): void {
  for (const failedKey of key === undefined ? [...failed] : [key]) {
    if (!failed.delete(failedKey)) continue;
    modelCache.delete(failedKey);
    textureCache.delete(failedKey);
    mediaCache.delete(failedKey);
  }
}

/** A verified GLB parsed by GLTFLoader. External resources are refused: a GLB must be self-contained. */
export function loadVerifiedModel(gatewayUrl: string, cid: string): Promise<GLTF> {
  return cached(modelCache, assetKey(gatewayUrl, cid), async () => {
    const bytes = await loadVerifiedAsset(gatewayUrl, cid);
    if (!isGlb(bytes)) {
      throw new UnitContentError({ shortMessage: `Model ${cid} is not a binary glTF 2.0 (GLB) file` });
    }
    const loader = new GLTFLoader();
    // Uploads may compress geometry with EXT_meshopt_compression (`ipfs/src/upload/optimize.ts`):
    // the decoder (WebAssembly, ~20 KB) is fetched only for a model that needs it.
    if (glbExtensionsUsed(bytes).includes("EXT_meshopt_compression")) {
      const { MeshoptDecoder } = await import("three/examples/jsm/libs/meshopt_decoder.module.js");
      loader.setMeshoptDecoder(MeshoptDecoder);
    }
    // No resource path: a GLB that points at external buffers or images fails instead of fetching them.
    return loader.parseAsync(toArrayBuffer(bytes), "").catch((error: unknown) => {
      throw new UnitContentError({
        shortMessage: `Model ${cid} could not be parsed`,
        details: error instanceof Error ? error.message : String(error),
        cause: error,
      });
    });
  });
}

/** The `extensionsUsed` of a GLB's JSON chunk (empty when the chunk cannot be read; the parser then says why). */
export function glbExtensionsUsed(bytes: Uint8Array): string[] {
  if (bytes.length < 20) return [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = view.getUint32(12, true);
  if (view.getUint32(16, true) !== 0x4e4f534a || 20 + length > bytes.length) return [];
  try {
    const json: unknown = JSON.parse(new TextDecoder().decode(bytes.subarray(20, 20 + length)));
    const used = (json as { extensionsUsed?: unknown }).extensionsUsed;
    return Array.isArray(used) ? used.filter((name): name is string => typeof name === "string") : [];
  } catch {
    return [];
  }
}

/** A verified PNG/JPEG decoded into an sRGB texture. */
export function loadVerifiedTexture(gatewayUrl: string, cid: string): Promise<LoadedTexture> {
  return cached(textureCache, assetKey(gatewayUrl, cid), async () => {
    const bytes = await loadVerifiedAsset(gatewayUrl, cid);
    const type = imageMimeType(bytes);
    if (!type) throw new UnitContentError({ shortMessage: `Image ${cid} is neither PNG nor JPEG` });
    let bitmap: ImageBitmap;
    try {
      bitmap = await createImageBitmap(new Blob([toArrayBuffer(bytes)], { type }), { imageOrientation: "flipY" });
    } catch (error) {
      throw new UnitContentError({
        shortMessage: `Image ${cid} could not be decoded`,
        details: error instanceof Error ? error.message : String(error),
        cause: error,
      });
    }
    const texture = new Texture(bitmap);
    // ImageBitmaps ignore flipY at upload time; the bitmap was flipped when decoded instead.
    texture.flipY = false;
    texture.colorSpace = SRGBColorSpace;
    texture.anisotropy = 4;
    texture.needsUpdate = true;
    return { texture, width: bitmap.width, height: bitmap.height };
  });
}

/**
 * An object URL of verified video or audio bytes, typed with the MIME type the manifest declares
 * (media elements need a URL; the bytes are checked against the CID before the URL exists).
 */
export function loadVerifiedMedia(gatewayUrl: string, cid: string, mimeType: string): Promise<string> {
  return cached(mediaCache, assetKey(gatewayUrl, cid), async () => {
    const bytes = await loadVerifiedAsset(gatewayUrl, cid, MAX_MEDIA_BYTES);
    // The bytes now live in the Blob; the verified copy is not needed twice.
    forgetVerifiedAsset(gatewayUrl, cid);
    return URL.createObjectURL(new Blob([toArrayBuffer(bytes)], { type: mimeType }));
  });
}

/** Frees a cached asset: GPU resources of a model or texture, an object URL, the verified bytes. */
export function disposeSceneAsset(key: string): void {
  failed.delete(key);
  const [gatewayUrl = "", cid = ""] = key.split(" ");
  forgetVerifiedAsset(gatewayUrl, cid);
  const model = modelCache.get(key);
  modelCache.delete(key);
  void model?.then(
    (gltf) => disposeObject(gltf.scene),
    () => {},
  );
  const texture = textureCache.get(key);
  textureCache.delete(key);
  void texture?.then(
    ({ texture: loaded }) => {
      loaded.dispose();
      (loaded.image as ImageBitmap | undefined)?.close?.();
    },
    () => {},
  );
  const media = mediaCache.get(key);
  mediaCache.delete(key);
  void media?.then(
    (url) => URL.revokeObjectURL(url),
    () => {},
  );
}

/** The retainer every scene registers its assets with (see `assetRetainer.ts`). */
export const sceneAssetRetainer = new AssetRetainer({ dispose: disposeSceneAsset });

/** Disposes the geometries, materials and textures under `root` (three.js frees GPU memory only on request). */
export function disposeObject(root: Object3D): void {
  root.traverse((child) => {
    const mesh = child as Partial<Mesh>;
    mesh.geometry?.dispose();
    const materials = Array.isArray(mesh.material) ? mesh.material : mesh.material ? [mesh.material] : [];
    for (const material of materials) disposeMaterial(material);
  });
}

function disposeMaterial(material: Material): void {
  for (const value of Object.values(material)) {
    if (value instanceof Texture) value.dispose();
  }
  material.dispose();
}

/** Marks every mesh of a model to cast and receive shadows (used on a fresh clone). */
export function enableShadows(root: Object3D): Object3D {
  root.traverse((child) => {
    if ((child as { isMesh?: boolean }).isMesh) {
      child.castShadow = true;
      child.receiveShadow = true;
    }
  });
  return root;
}
