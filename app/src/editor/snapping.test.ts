import { describe, expect, it } from "vitest";
import {
  clampIntoRoom,
  DEFAULT_SNAP,
  snapPosition,
  snapRotation,
  snapScale,
  snapValue,
  wrapAngle,
} from "./snapping.ts";

describe("snapping", () => {
  it("puts positions on the grid without float noise", () => {
    expect(snapValue(0.1 + 0.2, 0.1)).toBe(0.3);
    expect(snapPosition([0.13, 0.49, -1.12], DEFAULT_SNAP)).toEqual([0.25, 0.5, -1]);
    expect(snapPosition([-0.1, 0, 0.1], DEFAULT_SNAP)).toEqual([0, 0, 0]);
  });

  it("leaves values alone when snapping is off or the step is zero", () => {
    expect(snapPosition([0.13, 0.49, -1.12], { ...DEFAULT_SNAP, enabled: false })).toEqual([0.13, 0.49, -1.12]);
    expect(snapValue(0.1234567891, 0)).toBe(0.123457);
  });

  it("snaps angles to the step and wraps them into (−π, π]", () => {
    const [x, y, z] = snapRotation([0.1, Math.PI / 4 + 0.05, 3 * Math.PI], DEFAULT_SNAP);
    expect(x).toBe(0);
    expect(y).toBeCloseTo(Math.PI / 4, 5);
    expect(z).toBeCloseTo(Math.PI, 5);
    expect(wrapAngle(-Math.PI)).toBeCloseTo(Math.PI, 5);
    expect(wrapAngle(1.5 * Math.PI)).toBeCloseTo(-0.5 * Math.PI, 5);
  });

  it("snaps scale to its step and never to zero", () => {
    expect(snapScale(1.234, DEFAULT_SNAP)).toBe(1.2);
    expect(snapScale(0.01, DEFAULT_SNAP)).toBe(0.1);
    expect(snapScale(0.001, { ...DEFAULT_SNAP, enabled: false })).toBe(0.01);
  });

  it("keeps an object inside the room and above the floor", () => {
    expect(clampIntoRoom([9, -1, -9], { width: 8, depth: 6, height: 3 })).toEqual([4, 0, -3]);
    expect(clampIntoRoom([1, 5, 1], { width: 8, depth: 6, height: 3 })).toEqual([1, 3, 1]);
  });
});
