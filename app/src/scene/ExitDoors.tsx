"use client";
/**
 * The unit's own ways out, drawn in its main room (`unitExits`): in each wall with a unit behind
 * it, a door near the wall's right-hand end (as seen from inside); in the south wall's other end
 * the corridor door, with the lift's buttons beside it. Clicking one navigates like a portal to
 * another unit. All the doors are one instanced mesh of one merged, vertex-coloured door (leaf,
 * frame and knob), so they cost one draw call however many there are, and cast no shadow.
 */
import { useEffect, useLayoutEffect, useMemo, useRef } from "react";
import type { ThreeEvent } from "@react-three/fiber";
import {
  BoxGeometry,
  BufferAttribute,
  type BufferGeometry,
  Euler,
  type InstancedMesh,
  Matrix4,
  Quaternion,
  SphereGeometry,
  Vector3,
} from "three";
import { mergeGeometries } from "three/examples/jsm/utils/BufferGeometryUtils.js";
import type { SceneManifest } from "@markspace/ipfs/manifest";
import type { Side, UnitExits } from "../city/unitExits.ts";
import { SceneLabel } from "./SceneLabel.tsx";

const ONE = new Vector3(1, 1, 1);

type Props = { exits: UnitExits; room: SceneManifest["room"]; onNavigate: (href: string) => void };

const DOOR_WIDTH = 0.9;
const DOOR_HEIGHT = 2.1;
const FRAME = 0.07;
const LEAF = "#7a5334";
const FRAME_COLOUR = "#e8e2d6";
const KNOB = "#c9a24a";
/** From the wall's end to the door's middle. */
const INSET = 0.95;

/** Where a door sits in the wall of `side`: its sill's middle, and the turn that faces it into the room. */
export function doorPlacement(
  side: Side,
  room: SceneManifest["room"],
  along: "right" | "left",
): { position: [number, number, number]; rotationY: number } {
  const halfW = room.width / 2;
  const halfD = room.depth / 2;
  // Seen from inside, facing the wall: "right" is +x of the wall's own frame.
  const length = side === "north" || side === "south" ? room.width : room.depth;
  const offset = (along === "right" ? 1 : -1) * Math.max(0, length / 2 - INSET);
  switch (side) {
    case "north":
      return { position: [offset, 0, -halfD + 0.01], rotationY: 0 };
    case "south":
      return { position: [-offset, 0, halfD - 0.01], rotationY: Math.PI };
    case "east":
      return { position: [halfW - 0.01, 0, offset], rotationY: -Math.PI / 2 };
    case "west":
      return { position: [-halfW + 0.01, 0, -offset], rotationY: Math.PI / 2 };
  }
}

/** Paints every vertex of `geometry` one sRGB colour (`#rrggbb`), as linear vertex colours. */
function painted(geometry: BufferGeometry, hex: string): BufferGeometry {
  const value = Number.parseInt(hex.slice(1), 16);
  const toLinear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const rgb = [toLinear(value >> 16), toLinear((value >> 8) & 0xff), toLinear(value & 0xff)];
  const count = geometry.getAttribute("position").count;
  const colours = new Float32Array(count * 3);
  for (let i = 0; i < count; i++) colours.set(rgb, i * 3);
  geometry.setAttribute("color", new BufferAttribute(colours, 3));
  return geometry;
}

/**
 * One door standing on the origin and facing +z, `width` × `height` of leaf in a frame, with a
 * knob: a single indexed geometry with vertex colours (merged from boxes and a sphere).
 */
export function doorGeometry(width: number, height: number): BufferGeometry {
  const at = (geometry: BufferGeometry, x: number, y: number, z: number) => geometry.translate(x, y, z);
  const parts = [
    painted(at(new BoxGeometry(width, height, 0.04), 0, height / 2, 0.02), LEAF),
    painted(
      at(new BoxGeometry(FRAME, height + FRAME, 0.12), -(width + FRAME) / 2, (height + FRAME) / 2, 0.02),
      FRAME_COLOUR,
    ),
    painted(
      at(new BoxGeometry(FRAME, height + FRAME, 0.12), (width + FRAME) / 2, (height + FRAME) / 2, 0.02),
      FRAME_COLOUR,
    ),
    painted(at(new BoxGeometry(width + FRAME * 2, FRAME, 0.12), 0, height + FRAME / 2, 0.02), FRAME_COLOUR),
    painted(at(new SphereGeometry(0.03, 12, 8), width * 0.38, height * 0.48, 0.07), KNOB),
  ];
  const merged = mergeGeometries(parts);
  for (const part of parts) part.dispose();
  if (!merged) throw new Error("door parts could not be merged");
  return merged;
}

export function ExitDoors({ exits, room, onNavigate }: Props) {
  const height = Math.min(DOOR_HEIGHT, room.height - 0.15);
  const geometry = useMemo(() => doorGeometry(DOOR_WIDTH, height), [height]);
  useEffect(() => () => geometry.dispose(), [geometry]);
  const corridor = doorPlacement("south", room, "left");
  // Instance i is door i of `exits.doors`; the last is the corridor's.
  const doors = useMemo(
    () => [
      ...exits.doors.map((door) => ({ ...doorPlacement(door.side, room, "right"), href: door.href })),
      { ...doorPlacement("south", room, "left"), href: exits.corridor.href },
    ],
    [exits, room],
  );
  const mesh = useRef<InstancedMesh>(null);
  useLayoutEffect(() => {
    const instances = mesh.current;
    if (!instances) return;
    const matrix = new Matrix4();
    doors.forEach(({ position, rotationY }, index) => {
      matrix.compose(new Vector3(...position), new Quaternion().setFromEuler(new Euler(0, rotationY, 0)), ONE);
      instances.setMatrixAt(index, matrix);
    });
    instances.count = doors.length;
    instances.instanceMatrix.needsUpdate = true;
    instances.computeBoundingSphere();
  }, [doors]);
  const follow = (event: ThreeEvent<MouseEvent>) => {
    const door = event.instanceId === undefined ? undefined : doors[event.instanceId];
    if (!door) return;
    event.stopPropagation();
    onNavigate(door.href);
  };

  return (
    <group name="exit-doors">
      <instancedMesh
        ref={mesh}
        name="exit-door-leaves"
        args={[geometry, undefined, doors.length]}
        onClick={follow}
        onPointerOver={() => (document.body.style.cursor = "pointer")}
        onPointerOut={() => (document.body.style.cursor = "")}
      >
        <meshStandardMaterial vertexColors roughness={0.55} />
      </instancedMesh>
      {exits.doors.map((door) => {
        const { position, rotationY } = doorPlacement(door.side, room, "right");
        return (
          <group key={door.side} name={`exit-${door.side}`} position={position} rotation-y={rotationY}>
            <SceneLabel position={[0, height + 0.2, 0.05]}>
              <button
                type="button"
                className="portal-label"
                data-testid="exit-door"
                data-side={door.side}
                onClick={() => onNavigate(door.href)}
              >
                {door.address}
              </button>
            </SceneLabel>
          </group>
        );
      })}
      <group name="exit-corridor" position={corridor.position} rotation-y={corridor.rotationY}>
        <SceneLabel position={[0, height + 0.2, 0.05]}>
          <span className="portal-label exit-corridor" data-testid="exit-corridor">
            <button type="button" onClick={() => onNavigate(exits.corridor.href)}>
              corridor
            </button>
            {exits.lift.map((stop) => (
              <button
                key={stop.direction}
                type="button"
                data-testid={`exit-lift-${stop.direction}`}
                onClick={() => onNavigate(stop.href)}
              >
                {stop.direction === "up" ? "↑" : "↓"} {stop.floor}
              </button>
            ))}
          </span>
        </SceneLabel>
      </group>
    </group>
  );
}
