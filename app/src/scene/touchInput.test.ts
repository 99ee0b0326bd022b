import { Quaternion, Vector3 } from "three";
import { describe, expect, it } from "vitest";
import {
  deviceOrientationQuaternion,
  dragLook,
  headingOf,
  joystickVector,
  JOYSTICK_DEAD_ZONE,
  LOOK_PER_PIXEL,
} from "./touchInput.ts";

const forwardOf = (q: Quaternion) => new Vector3(0, 0, -1).applyQuaternion(q);
const upOf = (q: Quaternion) => new Vector3(0, 1, 0).applyQuaternion(q);
const close = (v: Vector3, x: number, y: number, z: number) => {
  expect(v.x).toBeCloseTo(x, 6);
  expect(v.y).toBeCloseTo(y, 6);
  expect(v.z).toBeCloseTo(z, 6);
};

describe("joystickVector", () => {
  it("walks forward for a push up, right for a push right, at full speed on the rim", () => {
    expect(joystickVector(0, -50, 50)).toEqual({ forward: 1, right: 0 });
    const right = joystickVector(50, 0, 50);
    expect(right.right).toBe(1);
    expect(right.forward).toBeCloseTo(0, 12);
  });

  it("stays still inside the dead zone and ramps up from its edge", () => {
    expect(joystickVector(0, -50 * JOYSTICK_DEAD_ZONE, 50)).toEqual({ forward: 0, right: 0 });
    const half = joystickVector(0, 50 * ((1 + JOYSTICK_DEAD_ZONE) / 2), 50);
    expect(half.forward).toBeCloseTo(-0.5, 12);
  });

  it("counts a knob dragged past the rim as the rim, in the same direction", () => {
    const { forward, right } = joystickVector(300, -300, 50);
    expect(Math.hypot(forward, right)).toBeCloseTo(1, 12);
    expect(forward).toBeCloseTo(right, 12);
  });

  it("is still for a joystick with no size", () => {
    expect(joystickVector(10, 10, 0)).toEqual({ forward: 0, right: 0 });
  });
});

describe("dragLook", () => {
  it("turns the way the finger drags: left for a drag left, down for a drag down", () => {
    const q = dragLook(new Quaternion(), -250, 0);
    expect(headingOf(q).yaw).toBeCloseTo(250 * LOOK_PER_PIXEL, 9);
    close(forwardOf(q), -1, 0, 0);
    const down = dragLook(new Quaternion(), 0, 100);
    expect(headingOf(down).pitch).toBeCloseTo(-100 * LOOK_PER_PIXEL, 9);
  });

  it("stops short of straight up and straight down", () => {
    expect(headingOf(dragLook(new Quaternion(), 0, -100_000)).pitch).toBeLessThan(Math.PI / 2);
    expect(forwardOf(dragLook(new Quaternion(), 0, 100_000)).y).toBeGreaterThan(-1);
  });
});

describe("deviceOrientationQuaternion", () => {
  it("looks straight down for a device lying flat, screen up", () => {
    const q = deviceOrientationQuaternion({ alpha: 0, beta: 0, gamma: 0, screen: 0 });
    close(forwardOf(q), 0, -1, 0);
  });

  it("looks at the horizon for a device held upright, and turns left as alpha grows", () => {
    const upright = deviceOrientationQuaternion({ alpha: 0, beta: 90, gamma: 0, screen: 0 });
    close(forwardOf(upright), 0, 0, -1);
    close(upOf(upright), 0, 1, 0);
    const turned = deviceOrientationQuaternion({ alpha: 90, beta: 90, gamma: 0, screen: 0 });
    close(forwardOf(turned), -1, 0, 0);
  });

  it("looks up as the device tilts back past upright", () => {
    const q = deviceOrientationQuaternion({ alpha: 0, beta: 135, gamma: 0, screen: 0 });
    close(forwardOf(q), 0, Math.SQRT1_2, -Math.SQRT1_2);
  });

  it("keeps the horizon level in landscape: the screen's rotation undoes the device's roll", () => {
    // Held upright in landscape, turned a quarter anticlockwise: the device reports gamma −90°
    // (its top edge now points left) and the screen is rotated by 90°.
    const q = deviceOrientationQuaternion({ alpha: 0, beta: 0, gamma: -90, screen: 90 });
    const forward = forwardOf(q);
    expect(Math.abs(forward.y)).toBeLessThan(1e-6);
    close(upOf(q), 0, 1, 0);
  });
});
