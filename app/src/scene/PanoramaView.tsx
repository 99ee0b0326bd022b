"use client";
/**
 * A 360° view of a cube map the render network published: the six faces drawn around the eye as
 * the tracer framed them (`cubeFaces.ts`), looked around by dragging, with a hotspot towards each
 * other viewpoint of the same job (click to stand there).
 */
import { useEffect, useMemo, useState } from "react";
import { Canvas } from "@react-three/fiber";
import { OrbitControls } from "@react-three/drei";
import { BufferAttribute, BufferGeometry, DoubleSide, SRGBColorSpace, Texture } from "three";
import { cubeFaceQuad, directionTo, type Vec3 } from "./cubeFaces.ts";

/** Half-size of the box the faces are drawn on; hotspots float inside it. */
const BOX = 10;
const HOTSPOT_DISTANCE = 6;

export type PanoramaViewpoint = { position: Vec3; faces: readonly string[] };

function FaceQuad({ face, url }: { face: number; url: string }) {
  const geometry = useMemo(() => {
    const { positions, uvs, indices } = cubeFaceQuad(face, BOX);
    const built = new BufferGeometry();
    built.setAttribute("position", new BufferAttribute(positions, 3));
    built.setAttribute("uv", new BufferAttribute(uvs, 2));
    built.setIndex(indices);
    return built;
  }, [face]);
  const [texture, setTexture] = useState<Texture>();
  useEffect(() => {
    let cancelled = false;
    const image = new Image();
    image.onload = () => {
      if (cancelled) return;
      const loaded = new Texture(image);
      loaded.colorSpace = SRGBColorSpace;
      loaded.needsUpdate = true;
      setTexture(loaded);
    };
    image.src = url;
    return () => {
      cancelled = true;
    };
  }, [url]);
  useEffect(() => () => texture?.dispose(), [texture]);
  useEffect(() => () => geometry.dispose(), [geometry]);
  if (!texture) return null;
  return (
    <mesh geometry={geometry}>
      <meshBasicMaterial map={texture} side={DoubleSide} toneMapped={false} />
    </mesh>
  );
}

export function PanoramaView({
  viewpoints,
  faceUrls,
  current,
  onSelect,
}: {
  viewpoints: readonly PanoramaViewpoint[];
  /** Object URLs of the current viewpoint's six verified PNG faces. */
  faceUrls: readonly string[];
  current: number;
  onSelect: (viewpoint: number) => void;
}) {
  const here = viewpoints[current]!.position;
  return (
    <div className="panorama-view" data-testid="panorama-view" data-viewpoint={current}>
      <Canvas flat camera={{ position: [0, 0, 0.01], fov: 75, near: 0.005, far: 100 }}>
        {faceUrls.map((url, face) => (
          <FaceQuad key={`${current}-${face}`} face={face} url={url} />
        ))}
        {viewpoints.map((viewpoint, index) => {
          const direction = index === current ? undefined : directionTo(here, viewpoint.position);
          if (!direction) return null;
          return (
            <mesh
              key={index}
              position={[
                direction[0] * HOTSPOT_DISTANCE,
                direction[1] * HOTSPOT_DISTANCE,
                direction[2] * HOTSPOT_DISTANCE,
              ]}
              onClick={() => onSelect(index)}
            >
              <sphereGeometry args={[0.25, 16, 12]} />
              <meshBasicMaterial color="#ffd54a" toneMapped={false} />
            </mesh>
          );
        })}
        <OrbitControls enableZoom={false} enablePan={false} rotateSpeed={-0.35} target={[0, 0, 0]} />
      </Canvas>
    </div>
  );
}
