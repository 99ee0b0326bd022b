/**
 * Three.js objects built from verified IPFS bytes: glTF models and image textures. Each is
 * cached per gateway and CID as a promise, which scene components read with React's `use()`
 * so the Canvas suspends (and shows its fallback) until the asset is ready.
 */
import { SRGBColorSpace, Texture, type Object3D } from "three";
import { GLTFLoader, type GLTF } from "three/examples/jsm/loaders/GLTFLoader.js";
import { imageMimeType, isGlb, loadVerifiedAsset, toArrayBuffer, UnitContentError } from "../ipfs/verifiedContent.ts";

const modelCache = new Map<string, Promise<GLTF>>();
const textureCache = new Map<string, Promise<LoadedTexture>>();

export type LoadedTexture = { texture: Texture; width: number; height: number };

function cached<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let pending = cache.get(key);
  if (!pending) {
    pending = load();
    pending.catch(() => cache.delete(key));
    cache.set(key, pending);
  }
  return pending;
}

/** A verified GLB parsed by GLTFLoader. External resources are refused: a GLB must be self-contained. */
export function loadVerifiedModel(gatewayUrl: string, cid: string): Promise<GLTF> {
  return cached(modelCache, `${gatewayUrl} ${cid}`, async () => {
    const bytes = await loadVerifiedAsset(gatewayUrl, cid);
    if (!isGlb(bytes)) {
      throw new UnitContentError({ shortMessage: `Model ${cid} is not a binary glTF 2.0 (GLB) file` });
    }
    const loader = new GLTFLoader();
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

/** A verified PNG/JPEG decoded into an sRGB texture. */
export function loadVerifiedTexture(gatewayUrl: string, cid: string): Promise<LoadedTexture> {
  return cached(textureCache, `${gatewayUrl} ${cid}`, async () => {
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
