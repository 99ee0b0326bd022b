"use client";
/**
 * Walk mode: click the view to lock the pointer and look around, move with WASD or the arrow
 * keys at eye height, kept inside the room. Movement happens in `useFrame` on reused vectors.
 */
import { useEffect, useRef } from "react";
import { useFrame, useThree } from "@react-three/fiber";
import { PointerLockControls } from "@react-three/drei";
import { Vector3 } from "three";
import { useMovementKeys } from "./useMovementKeys.ts";
import { clampToRoom, type RoomSize } from "./wallPlacement.ts";

const SPEED = 2.2; // metres per second, a brisk walk
const EYE_HEIGHT = 1.6;
const WALL_MARGIN = 0.35;

type Props = {
  room: RoomSize;
  start: { position: [number, number, number]; lookAt: [number, number, number] };
  selector: string;
  /** Centre of the room's floor in unit space (an extra room of version 2); the origin by default. */
  origin?: [number, number, number];
};

const NO_OFFSET: [number, number, number] = [0, 0, 0];

export function WalkControls({ room, start, selector, origin = NO_OFFSET }: Props) {
  const [ox, oy, oz] = origin;
  const camera = useThree((state) => state.camera);
  const keys = useMovementKeys(true);
  const forward = useRef(new Vector3());
  const right = useRef(new Vector3());
  const step = useRef(new Vector3());

  useEffect(() => {
    const [x, , z] = start.position;
    const [cx, cz] = clampToRoom(x - ox, z - oz, room, WALL_MARGIN);
    camera.position.set(cx + ox, oy + EYE_HEIGHT, cz + oz);
    camera.lookAt(start.lookAt[0], start.lookAt[1], start.lookAt[2]);
  }, [camera, room, start, ox, oy, oz]);

  useFrame((_, delta) => {
    const held = keys.current;
    const ahead = Number(held.forward) - Number(held.back);
    const side = Number(held.right) - Number(held.left);
    if (ahead === 0 && side === 0) return;
    camera.getWorldDirection(forward.current);
    forward.current.y = 0;
    forward.current.normalize();
    right.current.set(-forward.current.z, 0, forward.current.x);
    step.current
      .set(0, 0, 0)
      .addScaledVector(forward.current, ahead)
      .addScaledVector(right.current, side)
      .normalize()
      .multiplyScalar(SPEED * Math.min(delta, 0.1));
    const [x, z] = clampToRoom(
      camera.position.x + step.current.x - ox,
      camera.position.z + step.current.z - oz,
      room,
      WALL_MARGIN,
    );
    camera.position.set(x + ox, oy + EYE_HEIGHT, z + oz);
  });

  return <PointerLockControls selector={selector} />;
}
