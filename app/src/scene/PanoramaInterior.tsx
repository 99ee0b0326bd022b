"use client";
/**
 * Version 2's 360° photo interior: the verified equirectangular image on the inside of a sphere
 * around the eye (the left eye's half of a stereo image), turned to its heading, with hotspots a
 * visitor clicks — info text, or a destination (another unit, a room, a web page). With
 * `replacesRoom` it is the unit's interior (the view stands at its centre); otherwise it is the
 * view out of the windows, a backdrop far around the unit. Suspends until the image is ready.
 */
import { use, useMemo, useState } from "react";
import { BackSide } from "three";
import type { Panorama } from "@markspace/ipfs/manifest";
import { hotspotDirection, leftEyeWindow, panoramaRotationY } from "./panoramaMath.ts";
import { loadVerifiedTexture } from "./sceneAssets.ts";
import type { Destination } from "./destinations.ts";
import { SceneLabel } from "./SceneLabel.tsx";

type Props = {
  panorama: Panorama;
  gatewayUrl: string;
  /** Centre of the sphere: the eye for an interior, the unit's centre for a backdrop. */
  center: [number, number, number];
  radius: number;
  onDestination: (destination: Destination) => void;
};

const HOTSPOT_DISTANCE = 3;

export function PanoramaInterior({ panorama, gatewayUrl, center, radius, onDestination }: Props) {
  const { texture: shared } = use(loadVerifiedTexture(gatewayUrl, panorama.image));
  const texture = useMemo(() => {
    const window = leftEyeWindow(panorama.stereo);
    const eye = shared.clone();
    eye.repeat.set(...window.repeat);
    eye.offset.set(...window.offset);
    eye.needsUpdate = true;
    return eye;
  }, [shared, panorama.stereo]);
  const [open, setOpen] = useState<number>();
  const hotspotRadius = Math.min(HOTSPOT_DISTANCE, radius * 0.8);

  return (
    <group name="panorama" position={center}>
      <mesh rotation-y={panoramaRotationY(panorama.heading)} scale={[-1, 1, 1]}>
        <sphereGeometry args={[radius, 64, 32]} />
        <meshBasicMaterial map={texture} side={BackSide} toneMapped={false} depthWrite={false} fog={false} />
      </mesh>
      {panorama.hotspots.map((hotspot, index) => {
        const [x, y, z] = hotspotDirection(hotspot.yaw, hotspot.pitch, panorama.heading);
        const position: [number, number, number] = [x * hotspotRadius, y * hotspotRadius, z * hotspotRadius];
        const act = () => {
          if (hotspot.action.type === "info") setOpen(open === index ? undefined : index);
          else onDestination(hotspot.action);
        };
        return (
          <group key={index} position={position}>
            <mesh onClick={(event) => (event.stopPropagation(), act())}>
              <sphereGeometry args={[0.09, 16, 12]} />
              <meshBasicMaterial color="#ffd54a" toneMapped={false} />
            </mesh>
            <SceneLabel position={[0, 0.18, 0]}>
              <button type="button" className="hotspot-label" data-testid="hotspot" onClick={act}>
                {hotspot.label}
              </button>
              {open === index && hotspot.action.type === "info" ? (
                <p className="hotspot-info" role="note">
                  {hotspot.action.text}
                </p>
              ) : null}
            </SceneLabel>
          </group>
        );
      })}
    </group>
  );
}
