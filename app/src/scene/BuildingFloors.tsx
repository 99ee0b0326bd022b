"use client";
/**
 * A building in 3D: its 36 floors stacked, each slab shaded by how full it is (owned units of
 * 625). Pointing at a slab highlights it; clicking opens that floor's plan. Loaded only in the
 * browser (`next/dynamic`, `ssr: false`); the page beside it lists the same floors as links.
 */
import { useMemo } from "react";
import { Canvas, type ThreeEvent } from "@react-three/fiber";
import { OrbitControls } from "@react-three/drei";
import { Color } from "three";
import { CAPACITY, occupancyColour, occupancyLevel } from "../city/occupancy.ts";

export type BuildingFloorsProps = {
  /** Owned units per floor, 36 entries, ground floor first. */
  owned: readonly number[];
  hovered: number | undefined;
  onHover: (floor: number | undefined) => void;
  onSelect: (floor: number) => void;
  onReady: () => void;
};

const SLAB_HEIGHT = 0.32;
const STOREY = 0.4;
const WIDTH = 4;
const HIGHLIGHT = new Color("#f2b134");

export default function BuildingFloors({ owned, hovered, onHover, onSelect, onReady }: BuildingFloorsProps) {
  const colours = useMemo(
    () => owned.map((count) => new Color(occupancyColour(occupancyLevel(count, CAPACITY.floor)))),
    [owned],
  );
  const top = owned.length * STOREY;
  return (
    <Canvas
      camera={{ position: [13, top * 0.7, 19], fov: 45 }}
      onCreated={() => onReady()}
      onPointerMissed={() => onHover(undefined)}
      aria-hidden
    >
      <hemisphereLight args={["#ffffff", "#8a8f99", 1.6]} />
      <directionalLight position={[6, top + 4, 8]} intensity={1.4} />
      <mesh position={[0, -0.05, 0]} receiveShadow>
        <boxGeometry args={[WIDTH + 2, 0.1, WIDTH + 2]} />
        <meshStandardMaterial color="#c9ccd2" />
      </mesh>
      {colours.map((colour, floor) => (
        <mesh
          key={floor}
          position={[0, floor * STOREY + SLAB_HEIGHT / 2, 0]}
          onPointerOver={(event: ThreeEvent<PointerEvent>) => {
            event.stopPropagation();
            onHover(floor);
          }}
          onPointerOut={() => onHover(undefined)}
          onClick={(event: ThreeEvent<MouseEvent>) => {
            event.stopPropagation();
            onSelect(floor);
          }}
        >
          <boxGeometry args={[WIDTH, SLAB_HEIGHT, WIDTH]} />
          <meshStandardMaterial
            color={colour}
            emissive={hovered === floor ? HIGHLIGHT : undefined}
            emissiveIntensity={hovered === floor ? 0.6 : 0}
          />
        </mesh>
      ))}
      <OrbitControls target={[0, top / 2, 0]} enablePan={false} minDistance={6} maxDistance={40} />
    </Canvas>
  );
}
