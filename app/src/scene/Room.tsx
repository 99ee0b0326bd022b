"use client";
/**
 * The room's shell: floor, four walls and a ceiling sized from the manifest, each a plane facing
 * inward with the manifest's materials. Planes are single-sided, so from outside the room (the
 * orbit camera pulled back) the near walls disappear instead of hiding the furnishings.
 *
 * `Room` draws the main room; `RoomShell` any room (the main one or an extra room of version 2,
 * at its centre and level). Surfaces may carry a tiled texture (needs `gatewayUrl`); without
 * textures and a ceiling material a room draws exactly as version 1 did.
 */
import type { ReactNode } from "react";
import type { SceneManifest, Surface } from "@markspace/ipfs/manifest";
import { useSurfaceTexture } from "./useSurfaceTexture.ts";

type Props = { manifest: SceneManifest; gatewayUrl?: string };

export function Room({ manifest, gatewayUrl }: Props) {
  return (
    <RoomShell
      name="room"
      size={manifest.room}
      floor={manifest.floor}
      walls={manifest.walls}
      ceiling={manifest.ceiling}
      gatewayUrl={gatewayUrl}
    />
  );
}

type ShellProps = {
  name: string;
  size: { width: number; depth: number; height: number };
  floor: Surface;
  walls: Surface;
  /** Absent: the walls' material, lifted by a little emission (as version 1 drew it). */
  ceiling: Surface | undefined;
  gatewayUrl: string | undefined;
  /** Centre of the floor in unit space; the origin by default. */
  position?: [number, number, number];
};

export function RoomShell({ name, size, floor, walls, ceiling, gatewayUrl, position }: ShellProps) {
  const { width, depth, height } = size;
  const halfW = width / 2;
  const halfD = depth / 2;
  return (
    <group name={name} position={position}>
      <mesh name="floor" rotation-x={-Math.PI / 2} receiveShadow>
        <planeGeometry args={[width, depth]} />
        <SurfaceMaterial surface={floor} gatewayUrl={gatewayUrl} width={width} height={depth} />
      </mesh>
      <mesh name="ceiling" rotation-x={Math.PI / 2} position-y={height}>
        <planeGeometry args={[width, depth]} />
        {/* Nothing lights a ceiling from below but bounced light; a little emission stands in for it. */}
        <SurfaceMaterial surface={ceiling ?? walls} gatewayUrl={gatewayUrl} width={width} height={depth} glow={0.35} />
      </mesh>
      <Wall name="wall-north" position={[0, height / 2, -halfD]} rotationY={0} length={width} height={height}>
        <SurfaceMaterial surface={walls} gatewayUrl={gatewayUrl} width={width} height={height} />
      </Wall>
      <Wall name="wall-south" position={[0, height / 2, halfD]} rotationY={Math.PI} length={width} height={height}>
        <SurfaceMaterial surface={walls} gatewayUrl={gatewayUrl} width={width} height={height} />
      </Wall>
      <Wall name="wall-east" position={[halfW, height / 2, 0]} rotationY={-Math.PI / 2} length={depth} height={height}>
        <SurfaceMaterial surface={walls} gatewayUrl={gatewayUrl} width={depth} height={height} />
      </Wall>
      <Wall name="wall-west" position={[-halfW, height / 2, 0]} rotationY={Math.PI / 2} length={depth} height={height}>
        <SurfaceMaterial surface={walls} gatewayUrl={gatewayUrl} width={depth} height={height} />
      </Wall>
      <Skirting width={width} depth={depth} color={floor.color} />
    </group>
  );
}

function Wall(props: {
  name: string;
  position: [number, number, number];
  rotationY: number;
  length: number;
  height: number;
  children: ReactNode;
}) {
  return (
    <mesh name={props.name} position={props.position} rotation-y={props.rotationY || undefined} receiveShadow>
      <planeGeometry args={[props.length, props.height]} />
      {props.children}
    </mesh>
  );
}

/** A surface's PBR material: colour, roughness, metalness and, once loaded, its tiled texture. */
function SurfaceMaterial({
  surface,
  gatewayUrl,
  width,
  height,
  glow,
}: {
  surface: Surface;
  gatewayUrl: string | undefined;
  width: number;
  height: number;
  glow?: number;
}) {
  const map = useSurfaceTexture(gatewayUrl, surface, width, height);
  return (
    <meshStandardMaterial
      // A new material when the texture arrives: three compiles a different shader with a map.
      key={map ? "textured" : "plain"}
      color={surface.color}
      roughness={surface.roughness}
      metalness={surface.metalness}
      {...(map ? { map } : {})}
      {...(glow ? { emissive: surface.color, emissiveIntensity: glow } : {})}
    />
  );
}

/** A thin skirting board along the walls: gives the corners a visible edge in flat light. */
function Skirting({ width, depth, color }: { width: number; depth: number; color: string }) {
  const h = 0.08;
  const t = 0.02;
  return (
    <group name="skirting">
      <mesh position={[0, h / 2, -depth / 2 + t / 2]}>
        <boxGeometry args={[width, h, t]} />
        <meshStandardMaterial color={color} roughness={0.7} />
      </mesh>
      <mesh position={[0, h / 2, depth / 2 - t / 2]}>
        <boxGeometry args={[width, h, t]} />
        <meshStandardMaterial color={color} roughness={0.7} />
      </mesh>
      <mesh position={[width / 2 - t / 2, h / 2, 0]}>
        <boxGeometry args={[t, h, depth]} />
        <meshStandardMaterial color={color} roughness={0.7} />
      </mesh>
      <mesh position={[-width / 2 + t / 2, h / 2, 0]}>
        <boxGeometry args={[t, h, depth]} />
        <meshStandardMaterial color={color} roughness={0.7} />
      </mesh>
    </group>
  );
}
