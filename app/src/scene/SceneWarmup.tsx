"use client";
/**
 * Warms the scene up (`warmUpScene`) each time `request` grows — once every asset has settled —
 * then asks for a frame and calls `onWarm`. The view reports itself ready only then, so the
 * visitor steps into a room whose shaders are compiled and textures uploaded.
 */
import { useEffect, useEffectEvent } from "react";
import { useThree } from "@react-three/fiber";
import { warmUpScene, type WarmupReport } from "./sceneWarmup.ts";

type Props = { request: number; onWarm: (report: WarmupReport) => void };

export function SceneWarmup({ request, onWarm }: Props) {
  const get = useThree((state) => state.get);
  const warmed = useEffectEvent((report: WarmupReport) => {
    get().invalidate();
    onWarm(report);
  });
  useEffect(() => {
    if (request === 0) return;
    const abort = new AbortController();
    const { gl, scene, camera } = get();
    void warmUpScene(gl, scene, camera, { signal: abort.signal }).then((report) => {
      if (!abort.signal.aborted) warmed(report);
    });
    return () => abort.abort();
  }, [request, get]);
  return null;
}
