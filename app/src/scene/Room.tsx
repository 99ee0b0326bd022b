"use client";
/**
 * The room's shell: floor, four walls and a ceiling sized from the manifest, each a plane facing
 * inward with the manifest's materials. Planes are single-sided, so from outside the room (the
 * orbit camera pulled back) the near walls disappear instead of hiding the furnishings.
 */
import type { SceneManifest } from "@markspace/ipfs/manifest";

type Props = { manifest: SceneManifest };

export function Room({ manifest }: Props) {
  const { width, depth, height } = manifest.room;
  const { floor, walls } = manifest;
  const halfW = width / 2;
  const halfD = depth / 2;
  const wallMaterial = (
    <meshStandardMaterial color={walls.color} roughness={walls.roughness} metalness={walls.metalness} />
  );
  return (
    <group name="room">
      <mesh name="floor" rotation-x={-Math.PI / 2} receiveShadow>
        <planeGeometry args={[width, depth]} />
        <meshStandardMaterial color={floor.color} roughness={floor.roughness} metalness={floor.metalness} />
      </mesh>
      <mesh name="ceiling" rotation-x={Math.PI / 2} position-y={height}>
        <planeGeometry args={[width, depth]} />
        {/* Nothing lights a ceiling from below but bounced light; a little emission stands in for it. */}
        <meshStandardMaterial
          color={walls.color}
          roughness={walls.roughness}
          metalness={walls.metalness}
          emissive={walls.color}
          emissiveIntensity={0.35}
        />
      </mesh>
      <mesh name="wall-north" position={[0, height / 2, -halfD]} receiveShadow>
        <planeGeometry args={[width, height]} />
        {wallMaterial}
      </mesh>
      <mesh name="wall-south" position={[0, height / 2, halfD]} rotation-y={Math.PI} receiveShadow>
        <planeGeometry args={[width, height]} />
        {wallMaterial}
      </mesh>
      <mesh name="wall-east" position={[halfW, height / 2, 0]} rotation-y={-Math.PI / 2} receiveShadow>
        <planeGeometry args={[depth, height]} />
        {wallMaterial}
      </mesh>
      <mesh name="wall-west" position={[-halfW, height / 2, 0]} rotation-y={Math.PI / 2} receiveShadow>
        <planeGeometry args={[depth, height]} />
        {wallMaterial}
      </mesh>
      <Skirting width={width} depth={depth} color={floor.color} />
    </group>
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
