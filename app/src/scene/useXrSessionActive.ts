"use client";
import { useSyncExternalStore } from "react";
import type { XRStore } from "@react-three/xr";

/** Whether an immersive session is running, read from the XR store outside the Canvas. */
export function useXrSessionActive(store: XRStore): boolean {
  return useSyncExternalStore(
    (onChange) => store.subscribe(onChange),
    () => store.getState().session != null,
    () => false,
  );
}
