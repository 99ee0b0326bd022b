"use client";
/**
 * A door or portal of the manifest: a door leaf in a frame, or a glowing opening, at its sill
 * position and rotation (facing +z at zero), labelled with its name and where it leads. Clicking
 * it follows the destination (another unit's page, a room of this unit, or a web page after
 * asking) through `onDestination`.
 */
import type { Portal as PortalEntry } from "@markspace/ipfs/manifest";
import type { Destination } from "./destinations.ts";
import { SceneLabel } from "./SceneLabel.tsx";

type Props = { portal: PortalEntry; description: string; onDestination: (destination: Destination) => void };

const FRAME = 0.07;

export function Portal({ portal, description, onDestination }: Props) {
  const follow = () => onDestination(portal.to);
  return (
    <group name={`portal-${portal.name}`} position={portal.position} rotation={portal.rotation}>
      <DoorLeaf kind={portal.kind} width={portal.width} height={portal.height} onFollow={follow} />
      <SceneLabel position={[0, portal.height + 0.25, 0.05]}>
        <button type="button" className="portal-label" data-testid="portal" onClick={follow}>
          {portal.name} → {description}
        </button>
      </SceneLabel>
    </group>
  );
}

type LeafProps = { kind: PortalEntry["kind"]; width: number; height: number; onFollow: () => void };

/** A clickable door leaf in its frame, or a glowing opening, standing on the origin and facing +z. */
export function DoorLeaf({ kind, width, height, onFollow }: LeafProps) {
  return (
    <>
      <mesh
        position={[0, height / 2, 0.02]}
        onClick={(event) => {
          event.stopPropagation();
          onFollow();
        }}
        onPointerOver={() => (document.body.style.cursor = "pointer")}
        onPointerOut={() => (document.body.style.cursor = "")}
      >
        <planeGeometry args={[width, height]} />
        {kind === "portal" ? (
          <meshBasicMaterial color="#7fd6ff" transparent opacity={0.55} toneMapped={false} />
        ) : (
          <meshStandardMaterial color="#7a5334" roughness={0.55} />
        )}
      </mesh>
      {kind === "door" ? (
        <group name="door-frame">
          <mesh position={[-(width + FRAME) / 2, (height + FRAME) / 2, 0.02]}>
            <boxGeometry args={[FRAME, height + FRAME, 0.12]} />
            <meshStandardMaterial color="#e8e2d6" roughness={0.5} />
          </mesh>
          <mesh position={[(width + FRAME) / 2, (height + FRAME) / 2, 0.02]}>
            <boxGeometry args={[FRAME, height + FRAME, 0.12]} />
            <meshStandardMaterial color="#e8e2d6" roughness={0.5} />
          </mesh>
          <mesh position={[0, height + FRAME / 2, 0.02]}>
            <boxGeometry args={[width + FRAME * 2, FRAME, 0.12]} />
            <meshStandardMaterial color="#e8e2d6" roughness={0.5} />
          </mesh>
          <mesh position={[width * 0.38, height * 0.48, 0.06]}>
            <sphereGeometry args={[0.03, 12, 8]} />
            <meshStandardMaterial color="#c9a24a" metalness={0.9} roughness={0.3} />
          </mesh>
        </group>
      ) : null}
    </>
  );
}
