"use client";
/**
 * Placed last inside a Suspense boundary: it commits only when every sibling has loaded, so its
 * effect is the moment the scene's assets are ready. Requests a frame for demand rendering.
 */
import { useEffect } from "react";
import { useThree } from "@react-three/fiber";

export function ReadySignal({ onReady }: { onReady: () => void }) {
  const invalidate = useThree((state) => state.invalidate);
  useEffect(() => {
    invalidate();
    onReady();
  }, [invalidate, onReady]);
  return null;
}
