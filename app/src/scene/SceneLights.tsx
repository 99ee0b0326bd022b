"use client";
/**
 * Lighting built entirely on the machine: a hemisphere fill, a shadow-casting ceiling spot and
 * two soft points, plus an environment map rendered once from local light panels (drei's
 * `<Environment>` with `<Lightformer>` children — no HDR file, nothing from a CDN) so metal and
 * gloss in models have something to reflect.
 */
import { Environment, Lightformer } from "@react-three/drei";
import type { SceneManifest } from "@markspace/ipfs/manifest";

type Props = { room: SceneManifest["room"]; floorColor: string };

export function SceneLights({ room, floorColor }: Props) {
  const { width, depth, height } = room;
  return (
    <>
      <hemisphereLight args={["#fff8ee", floorColor, 0.9]} />
      <spotLight
        position={[0, height - 0.05, 0]}
        angle={1.2}
        penumbra={0.8}
        intensity={28}
        decay={1.6}
        distance={height * 4}
        castShadow
        shadow-mapSize={[1024, 1024]}
        shadow-bias={-0.0005}
      />
      <pointLight position={[width / 4, height - 0.4, depth / 4]} intensity={5} decay={1.8} distance={width * 2} />
      <pointLight position={[-width / 4, height - 0.4, -depth / 4]} intensity={5} decay={1.8} distance={width * 2} />
      <Environment resolution={64} frames={1} environmentIntensity={0.5}>
        <Lightformer form="rect" intensity={2} position={[0, 5, 0]} rotation-x={Math.PI / 2} scale={[6, 6, 1]} />
        <Lightformer
          form="rect"
          intensity={0.8}
          color="#ffe7c4"
          position={[-5, 1.5, 0]}
          rotation-y={Math.PI / 2}
          scale={[6, 2, 1]}
        />
        <Lightformer
          form="rect"
          intensity={0.6}
          color="#cfe0ff"
          position={[5, 1.5, 0]}
          rotation-y={-Math.PI / 2}
          scale={[6, 2, 1]}
        />
      </Environment>
    </>
  );
}
