"use client";
/**
 * Walk mode: click the view to lock the pointer and look around, move with WASD or the arrow
 * keys at eye height, kept inside the room. On touch screens (`touch`) the joystick walks, a
 * drag on the view looks around and, when the visitor turns it on, the phone's orientation does
 * (its heading kept where the view was when it started). Movement happens in `useFrame` on
 * reused vectors.
 */
import { useEffect, useRef } from "react";
import { useFrame, useThree } from "@react-three/fiber";
import { PointerLockControls } from "@react-three/drei";
import { Quaternion, Vector3 } from "three";
import { deviceOrientationQuaternion, dragLook, headingOf, LOOK_PER_PIXEL, type TouchInput } from "./touchInput.ts";
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
  /** Joystick, drag and gyroscope input on touch screens; the pointer is not locked then. */
  touch?: TouchInput;
};

const NO_OFFSET: [number, number, number] = [0, 0, 0];

const Y = new Vector3(0, 1, 0);

export function WalkControls({ room, start, selector, origin = NO_OFFSET, touch }: Props) {
  const [ox, oy, oz] = origin;
  const camera = useThree((state) => state.camera);
  const keys = useMovementKeys(true);
  const forward = useRef(new Vector3());
  const right = useRef(new Vector3());
  const step = useRef(new Vector3());
  const device = useRef(new Quaternion());
  const turn = useRef(new Quaternion());
  // Yaw added to the phone's own heading so the view does not jump when the gyroscope starts.
  const gyroYaw = useRef<number | undefined>(undefined);

  useEffect(() => {
    const [x, , z] = start.position;
    const [cx, cz] = clampToRoom(x - ox, z - oz, room, WALL_MARGIN);
    camera.position.set(cx + ox, oy + EYE_HEIGHT, cz + oz);
    camera.lookAt(start.lookAt[0], start.lookAt[1], start.lookAt[2]);
  }, [camera, room, start, ox, oy, oz]);

  useFrame((_, delta) => {
    if (touch) look(touch);
    const held = keys.current;
    const ahead = Number(held.forward) - Number(held.back) + (touch?.forward ?? 0);
    const side = Number(held.right) - Number(held.left) + (touch?.right ?? 0);
    if (ahead === 0 && side === 0) return;
    camera.getWorldDirection(forward.current);
    forward.current.y = 0;
    forward.current.normalize();
    right.current.set(-forward.current.z, 0, forward.current.x);
    step.current.set(0, 0, 0).addScaledVector(forward.current, ahead).addScaledVector(right.current, side);
    // Keys walk at full speed; the joystick anywhere up to it.
    step.current.multiplyScalar((SPEED * Math.min(delta, 0.1)) / Math.max(1, step.current.length()));
    const [x, z] = clampToRoom(
      camera.position.x + step.current.x - ox,
      camera.position.z + step.current.z - oz,
      room,
      WALL_MARGIN,
    );
    camera.position.set(x + ox, oy + EYE_HEIGHT, z + oz);
  });

  /** Turns the head by the drag since the last frame, or holds it where the phone points. */
  function look(input: TouchInput) {
    const { lookX, lookY, orientation } = input;
    input.lookX = 0;
    input.lookY = 0;
    if (!orientation) {
      gyroYaw.current = undefined;
      if (lookX !== 0 || lookY !== 0) dragLook(camera.quaternion, lookX, lookY);
      return;
    }
    deviceOrientationQuaternion(orientation, device.current);
    gyroYaw.current ??= headingOf(camera.quaternion).yaw - headingOf(device.current).yaw;
    // With the phone steering, a sideways drag still turns the visitor round.
    gyroYaw.current -= lookX * LOOK_PER_PIXEL;
    camera.quaternion.copy(turn.current.setFromAxisAngle(Y, gyroYaw.current).multiply(device.current));
  }

  // Touch screens have no pointer lock: the view is dragged instead.
  return touch ? null : <PointerLockControls selector={selector} />;
}
