"use client";
/**
 * "Enter VR", shown only where the browser can start an immersive-vr session (a headset
 * browser, or desktop with a connected headset). Hidden everywhere else, including while the
 * support check runs.
 */
import { useEffect, useState } from "react";
import type { XRStore } from "@react-three/xr";
import { useXrSessionActive } from "./useXrSessionActive.ts";

export function EnterVrButton({ store }: { store: XRStore }) {
  const [supported, setSupported] = useState(false);
  const [error, setError] = useState<string>();
  const active = useXrSessionActive(store);

  useEffect(() => {
    let cancelled = false;
    const xr = typeof navigator === "undefined" ? undefined : navigator.xr;
    if (!xr) return;
    xr.isSessionSupported("immersive-vr")
      .then((ok) => !cancelled && setSupported(ok))
      .catch(() => !cancelled && setSupported(false));
    return () => {
      cancelled = true;
    };
  }, []);

  if (!supported) return null;
  if (active) {
    return (
      <button type="button" className="button" onClick={() => void store.getState().session?.end()}>
        Exit VR
      </button>
    );
  }
  return (
    <>
      <button
        type="button"
        className="button"
        data-testid="enter-vr"
        onClick={() => {
          setError(undefined);
          store.enterVR().catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
        }}
      >
        Enter VR
      </button>
      {error ? <span className="error-text">Could not start VR: {error}</span> : null}
    </>
  );
}
