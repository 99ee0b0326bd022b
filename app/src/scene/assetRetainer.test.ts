import { describe, expect, it } from "vitest";
import { AssetRetainer } from "./assetRetainer.ts";

function fakeTimers() {
  const timers = new Map<number, () => void>();
  let next = 0;
  return {
    setTimer: (callback: () => void) => {
      timers.set(++next, callback);
      return next;
    },
    clearTimer: (timer: unknown) => timers.delete(timer as number),
    runAll: () => {
      const callbacks = [...timers.values()];
      timers.clear();
      for (const callback of callbacks) callback();
    },
    size: () => timers.size,
  };
}

describe("AssetRetainer", () => {
  it("disposes an asset after the last scene using it is gone, once", () => {
    const timers = fakeTimers();
    const disposed: string[] = [];
    const retainer = new AssetRetainer({ dispose: (key) => disposed.push(key), ...timers });
    const releaseA = retainer.retain(["chair", "lamp", "chair"]);
    const releaseB = retainer.retain(["chair"]);
    expect(retainer.users("chair")).toBe(2);
    releaseA();
    releaseA();
    timers.runAll();
    expect(disposed).toEqual(["lamp"]);
    releaseB();
    timers.runAll();
    expect(disposed).toEqual(["lamp", "chair"]);
  });

  it("keeps an asset the next scene takes up within the grace period", () => {
    const timers = fakeTimers();
    const disposed: string[] = [];
    const retainer = new AssetRetainer({ dispose: (key) => disposed.push(key), ...timers });
    retainer.retain(["table"])();
    expect(timers.size()).toBe(1);
    const release = retainer.retain(["table"]);
    expect(timers.size()).toBe(0);
    timers.runAll();
    expect(disposed).toEqual([]);
    release();
    timers.runAll();
    expect(disposed).toEqual(["table"]);
  });
});
