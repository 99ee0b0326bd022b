/**
 * A page for `test/scene-parity.test.ts`: the app's own scene components (`Room`, `SceneLights`,
 * `PlacedModel`, `WallPicture`, `ReadySignal`, as `RoomView` mounts them) in an R3F Canvas whose
 * camera is fixed at one cube face of a viewpoint: 90° vertical field of view, square, looking
 * along the face's forward direction with its up vector. The test passes the manifest and the
 * view in the URL's hash (JSON) and serves the assets at `/ipfs/<cid>` on the same origin.
 */
import { Suspense, useLayoutEffect } from "react";
import { createRoot } from "react-dom/client";
import { Canvas, useThree } from "@react-three/fiber";
import type { SceneManifest } from "@markspace/ipfs/manifest";
import { PlacedModel } from "../../app/src/scene/PlacedModel.tsx";
import { ReadySignal } from "../../app/src/scene/ReadySignal.tsx";
import { Room } from "../../app/src/scene/Room.tsx";
import { SceneLights } from "../../app/src/scene/SceneLights.tsx";
import { WallPicture } from "../../app/src/scene/WallPicture.tsx";

type Vec3 = [number, number, number];
type View = { manifest: SceneManifest; position: Vec3; forward: Vec3; up: Vec3; size: number };

const view = JSON.parse(decodeURIComponent(location.hash.slice(1))) as View;
const gatewayUrl = location.origin;
const status = window as unknown as { parityReady?: boolean; parityError?: string };

function FixedCamera({ position, forward, up }: Pick<View, "position" | "forward" | "up">) {
  const camera = useThree((state) => state.camera);
  useLayoutEffect(() => {
    camera.position.set(...position);
    camera.up.set(...up);
    camera.lookAt(position[0] + forward[0], position[1] + forward[1], position[2] + forward[2]);
    camera.updateMatrixWorld();
  }, [camera, position, forward, up]);
  return null;
}

const element = document.getElementById("view")!;
element.style.width = `${view.size}px`;
element.style.height = `${view.size}px`;
window.addEventListener("error", (event) => (status.parityError = String(event.message)));
createRoot(element).render(
  <Canvas
    shadows="percentage"
    dpr={1}
    camera={{ fov: 90, near: 0.05, far: 100 }}
    gl={{ antialias: true, preserveDrawingBuffer: true }}
  >
    <color attach="background" args={["#1d1f24"]} />
    <FixedCamera position={view.position} forward={view.forward} up={view.up} />
    <SceneLights room={view.manifest.room} floorColor={view.manifest.floor.color} />
    <Room manifest={view.manifest} />
    <Suspense fallback={null}>
      {view.manifest.objects.map((object, index) => (
        <PlacedModel key={index} object={object} gatewayUrl={gatewayUrl} />
      ))}
      {view.manifest.images.map((image, index) => (
        <WallPicture key={index} image={image} room={view.manifest.room} gatewayUrl={gatewayUrl} />
      ))}
      <ReadySignal onReady={() => (status.parityReady = true)} />
    </Suspense>
  </Canvas>,
);
