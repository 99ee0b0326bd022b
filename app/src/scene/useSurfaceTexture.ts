"use client";
/**
 * A surface's tiled texture (PNG/JPEG by CID), loaded beside the scene without suspending it: the
 * surface shows its plain colour until the verified image arrives, and keeps it if the image
 * fails (a broken floor texture must not hide the room). Each use gets its own clone of the
 * shared texture with the repeat for its size (clones share the image on the GPU).
 */
import { useEffect, useState } from "react";
import { RepeatWrapping, type Texture } from "three";
import type { Surface } from "@markspace/ipfs/manifest";
import { loadVerifiedTexture } from "./sceneAssets.ts";

export function useSurfaceTexture(
  gatewayUrl: string | undefined,
  surface: Surface | undefined,
  width: number,
  height: number,
): Texture | undefined {
  const [texture, setTexture] = useState<Texture>();
  const cid = surface?.texture;
  const tile = surface?.tileSize ?? 1;
  useEffect(() => {
    if (!gatewayUrl || !cid) return;
    let cancelled = false;
    let clone: Texture | undefined;
    loadVerifiedTexture(gatewayUrl, cid).then(
      ({ texture: shared }) => {
        if (cancelled) return;
        clone = shared.clone();
        clone.wrapS = RepeatWrapping;
        clone.wrapT = RepeatWrapping;
        clone.repeat.set(width / tile, height / tile);
        clone.needsUpdate = true;
        setTexture(clone);
      },
      (error: unknown) => {
        if (!cancelled) console.warn(`Surface texture ${cid} not shown:`, error);
      },
    );
    return () => {
      cancelled = true;
      clone?.dispose();
      setTexture(undefined);
    };
  }, [gatewayUrl, cid, tile, width, height]);
  return texture;
}
