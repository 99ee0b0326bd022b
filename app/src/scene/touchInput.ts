/**
 * Walking on a phone or tablet: what the on-screen joystick, a drag on the view and the
 * gyroscope hand to walk mode, and the math that turns them into movement and a view direction.
 * `TouchControls` (DOM) writes a `TouchInput`; `WalkControls` reads it each frame.
 */
import { Euler, Quaternion, Vector3 } from "three";

/** What touch and motion sensors ask of the walker, shared by reference (no re-renders). */
export type TouchInput = {
  /** Joystick: −1 (back / left) to 1 (forward / right), magnitude at most 1. */
  forward: number;
  right: number;
  /** Drag on the view since walk mode last read it, in CSS pixels. */
  lookX: number;
  lookY: number;
  /** The device's orientation while the visitor looks around by moving it; null when off. */
  orientation: DeviceAngles | null;
};

/** `DeviceOrientationEvent` angles in degrees, and the screen's rotation (`screen.orientation.angle`). */
export type DeviceAngles = { alpha: number; beta: number; gamma: number; screen: number };

export const createTouchInput = (): TouchInput => ({ forward: 0, right: 0, lookX: 0, lookY: 0, orientation: null });

/** Share of the joystick's radius it must move before the walker does (thumbs rest unevenly). */
export const JOYSTICK_DEAD_ZONE = 0.15;

/**
 * The joystick's knob `dx`, `dy` pixels from its centre (screen y grows downwards) as a walk
 * direction: up is forward, beyond the rim counts as the rim, inside the dead zone is still, and
 * the speed ramps from 0 at the dead zone's edge to 1 at the rim.
 */
export function joystickVector(dx: number, dy: number, radius: number): { forward: number; right: number } {
  const length = Math.hypot(dx, dy);
  if (radius <= 0 || length <= radius * JOYSTICK_DEAD_ZONE) return { forward: 0, right: 0 };
  const reach = Math.min(length / radius, 1);
  const speed = (reach - JOYSTICK_DEAD_ZONE) / (1 - JOYSTICK_DEAD_ZONE);
  return { forward: (-dy / length) * speed, right: (dx / length) * speed };
}

/** Radians of turn per CSS pixel dragged on the view (a full turn across ~1,000 px). */
export const LOOK_PER_PIXEL = (2 * Math.PI) / 1000;
const MAX_PITCH = Math.PI / 2 - 0.05;

/** Yaw (about y) and pitch (about x) of a camera orientation, in radians (Euler order YXZ). */
export function headingOf(quaternion: Quaternion): { yaw: number; pitch: number } {
  const euler = new Euler().setFromQuaternion(quaternion, "YXZ");
  return { yaw: euler.y, pitch: euler.x };
}

/** Turns a camera orientation by a drag of `dx`, `dy` pixels: yaw freely, pitch short of straight up or down. */
export function dragLook(quaternion: Quaternion, dx: number, dy: number): Quaternion {
  const { yaw, pitch } = headingOf(quaternion);
  const nextPitch = Math.max(-MAX_PITCH, Math.min(MAX_PITCH, pitch - dy * LOOK_PER_PIXEL));
  return quaternion.setFromEuler(new Euler(nextPitch, yaw - dx * LOOK_PER_PIXEL, 0, "YXZ"));
}

const DEG = Math.PI / 180;
/** The camera looks out of the device's back, not along its top edge: −90° about x. */
const CAMERA_FROM_DEVICE = new Quaternion(-Math.sqrt(0.5), 0, 0, Math.sqrt(0.5));
const Z = new Vector3(0, 0, 1);

/**
 * The orientation of a camera held like the device (looking out of its back, its top edge up on
 * screen), in a world where y is up: the W3C device-orientation angles (intrinsic Z-X'-Y'' with
 * alpha about z, beta about x, gamma about y, z up from the ground) mapped to three's y-up
 * frame, then turned back by the screen's own rotation so landscape stays level.
 */
export function deviceOrientationQuaternion({ alpha, beta, gamma, screen }: DeviceAngles, out = new Quaternion()) {
  out.setFromEuler(new Euler(beta * DEG, alpha * DEG, -gamma * DEG, "YXZ"));
  out.multiply(CAMERA_FROM_DEVICE);
  return out.multiply(new Quaternion().setFromAxisAngle(Z, -screen * DEG));
}
