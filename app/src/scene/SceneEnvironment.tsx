"use client";
/**
 * Time of day and weather (version 2's `environment`): the sky colour behind the unit, fog for
 * rain, snow, fog and overcast, and a sun whose direction and strength follow the hour. Absent
 * from the manifest, the viewer keeps its neutral backdrop and no sun (as version 1 drew it).
 */
import type { SceneManifest } from "@markspace/ipfs/manifest";
import { environmentLook } from "./sceneEnvironment.ts";

export const DEFAULT_BACKGROUND = "#1d1f24";

export function SceneEnvironment({ environment }: { environment: SceneManifest["environment"] }) {
  if (!environment) return <color attach="background" args={[DEFAULT_BACKGROUND]} />;
  const look = environmentLook(environment);
  const [x, y, z] = look.sunDirection;
  return (
    <>
      <color attach="background" args={[look.sky]} />
      {look.fog ? <fog attach="fog" args={[look.fog.color, look.fog.near, look.fog.far]} /> : null}
      {/* No shadows: the sun brightens the unit with the hour rather than casting it through walls. */}
      {look.sunIntensity > 0 ? (
        <directionalLight
          name="sun"
          color={look.sunColor}
          intensity={look.sunIntensity * 0.4}
          position={[x * 20, y * 20, z * 20]}
        />
      ) : null}
      <hemisphereLight name="sky" args={[look.sky, "#3a3530", look.ambientIntensity * 0.4]} />
    </>
  );
}
