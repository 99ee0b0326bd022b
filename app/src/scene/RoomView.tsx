"use client";
/**
 * The 3D view of one unit: an R3F Canvas with the room, its lights and (inside a Suspense
 * boundary with a visible fallback) the verified models and pictures of the manifest. Orbit
 * controls by default, a walk mode on request, and WebXR through @react-three/xr.
 * Loaded only in the browser (`next/dynamic`, `ssr: false`).
 */
import { Suspense, useMemo, useState } from "react";
import { Canvas } from "@react-three/fiber";
import { OrbitControls } from "@react-three/drei";
import { createXRStore, XR, XROrigin } from "@react-three/xr";
import type { SceneManifest } from "@markspace/ipfs/manifest";
import { EnterVrButton } from "./EnterVrButton.tsx";
import { PlacedModel } from "./PlacedModel.tsx";
import { ReadySignal } from "./ReadySignal.tsx";
import { Room } from "./Room.tsx";
import { SceneLights } from "./SceneLights.tsx";
import { WalkControls } from "./WalkControls.tsx";
import { WallPicture } from "./WallPicture.tsx";
import { useXrSessionActive } from "./useXrSessionActive.ts";

export type ViewMode = "orbit" | "walk";

type Props = {
  manifest: SceneManifest;
  gatewayUrl: string;
  onReady: () => void;
};

const DEFAULT_EYE = 1.6;

function spawnOf(manifest: SceneManifest): { position: [number, number, number]; lookAt: [number, number, number] } {
  if (manifest.spawn) return manifest.spawn;
  return { position: [0, DEFAULT_EYE, manifest.room.depth / 2 - 0.8], lookAt: [0, 1.2, 0] };
}

/** Y rotation that turns the default view direction (−z) towards `lookAt` from `position`. */
function headingTowards(position: readonly number[], lookAt: readonly number[]): number {
  const dx = (lookAt[0] ?? 0) - (position[0] ?? 0);
  const dz = (lookAt[2] ?? 0) - (position[2] ?? 0);
  return Math.atan2(-dx, -dz);
}

export default function RoomView({ manifest, gatewayUrl, onReady }: Props) {
  const [mode, setMode] = useState<ViewMode>("orbit");
  const store = useMemo(
    () =>
      createXRStore({
        // No emulator injection on localhost, no CDN-hosted controller or hand models: the app runs offline.
        emulate: false,
        offerSession: false,
        controller: false,
        hand: false,
      }),
    [],
  );
  const inXr = useXrSessionActive(store);
  const room = manifest.room;
  const spawn = spawnOf(manifest);
  // Orbit mode starts outside the room, above and behind the south wall, like a doll's house:
  // walls and ceiling are single-sided, so the near ones vanish and the whole room shows.
  const overview: [number, number, number] = [room.width * 0.3, room.height + 1.8, room.depth / 2 + 2.6];
  const orbitTarget: [number, number, number] = [0, 0.6, -room.depth * 0.08];

  return (
    <>
      <Canvas
        shadows="percentage"
        dpr={[1, 1.75]}
        frameloop={mode === "walk" || inXr ? "always" : "demand"}
        camera={{ position: overview, fov: 60, near: 0.05, far: 100 }}
        gl={{ antialias: true }}
        aria-label={`3D view of ${manifest.name}`}
      >
        <color attach="background" args={["#1d1f24"]} />
        <XR store={store}>
          <XROrigin
            position={[spawn.position[0], 0, spawn.position[2]]}
            rotation-y={headingTowards(spawn.position, spawn.lookAt)}
          />
          <SceneLights room={room} floorColor={manifest.floor.color} />
          <Room manifest={manifest} />
          <Suspense fallback={<LoadingPlaceholders manifest={manifest} />}>
            {manifest.objects.map((object, index) => (
              <PlacedModel key={`${index}-${object.model}`} object={object} gatewayUrl={gatewayUrl} />
            ))}
            {manifest.images.map((image, index) => (
              <WallPicture key={`${index}-${image.image}`} image={image} room={room} gatewayUrl={gatewayUrl} />
            ))}
            <ReadySignal onReady={onReady} />
          </Suspense>
        </XR>
        {mode === "orbit" ? (
          <OrbitControls
            makeDefault
            target={orbitTarget}
            enableDamping={false}
            minDistance={0.5}
            maxDistance={Math.hypot(room.width, room.depth) * 1.1}
            maxPolarAngle={Math.PI * 0.52}
          />
        ) : (
          <WalkControls room={room} start={spawn} selector='[data-testid="unit-scene"] canvas' />
        )}
      </Canvas>
      <div className="scene-toolbar">
        <button
          type="button"
          className="button secondary"
          onClick={() => setMode(mode === "orbit" ? "walk" : "orbit")}
          aria-pressed={mode === "walk"}
        >
          {mode === "orbit" ? "Walk" : "Orbit"}
        </button>
        <EnterVrButton store={store} />
      </div>
      <p className="scene-help">
        {mode === "orbit"
          ? "Drag to orbit, scroll to zoom. Walk mode puts you inside at eye height."
          : "Click the view to look around (Esc releases the pointer); move with WASD or the arrow keys."}
      </p>
    </>
  );
}

/**
 * Suspense fallback inside the scene: a translucent box where each model will stand, so the
 * room's layout shows while the verified assets arrive. (The DOM overlay says "loading".)
 */
function LoadingPlaceholders({ manifest }: { manifest: SceneManifest }) {
  return (
    <group name="loading-placeholders">
      {manifest.objects.map((object, index) => (
        <mesh key={index} position={[object.position[0], object.position[1] + 0.4, object.position[2]]}>
          <boxGeometry args={[0.8, 0.8, 0.8]} />
          <meshBasicMaterial color="#8fb3ff" transparent opacity={0.25} wireframe />
        </mesh>
      ))}
    </group>
  );
}
