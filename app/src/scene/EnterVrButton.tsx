"use client";
/**
 * "Enter VR", shown only where the browser can start an immersive-vr session (a headset
 * browser, or desktop with a connected headset). Hidden everywhere else, including while the
 * support check runs. Beside it, the comfort choice (how the visitor moves in VR, `xrComfort.ts`);
 * during a session, "Exit VR" carries where the play area stands (`data-origin`, x,y,z,yaw).
 */
import { useEffect, useState } from "react";
import type { XRStore } from "@react-three/xr";
import { useXrSessionActive } from "./useXrSessionActive.ts";
import { presetOf, XR_COMFORT_PRESETS, type Pose, type XrComfort } from "./xrComfort.ts";

type Props = {
  store: XRStore;
  comfort: XrComfort;
  onComfort: (comfort: XrComfort) => void;
  origin: Pose | undefined;
};

export function EnterVrButton({ store, comfort, onComfort, origin }: Props) {
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
      <button
        type="button"
        className="button"
        data-testid="exit-vr"
        data-origin={origin ? [origin.x, origin.y, origin.z, origin.yaw].map((n) => n.toFixed(2)).join(",") : undefined}
        onClick={() => void store.getState().session?.end()}
      >
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
      <label className="scene-comfort">
        <span className="visually-hidden">Moving in VR</span>
        <select
          data-testid="xr-comfort"
          value={presetOf(comfort)}
          title="How you move in VR: teleport and snap turns are the most comfortable"
          onChange={(event) => {
            const preset = XR_COMFORT_PRESETS.find((candidate) => candidate.id === event.target.value);
            if (preset) onComfort(preset.comfort);
          }}
        >
          {XR_COMFORT_PRESETS.map((preset) => (
            <option key={preset.id} value={preset.id}>
              {preset.label}
            </option>
          ))}
        </select>
      </label>
      {error ? <span className="error-text">Could not start VR: {error}</span> : null}
    </>
  );
}
