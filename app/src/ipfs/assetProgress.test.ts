import { describe, expect, it } from "vitest";
import { AssetProgressStore, formatProgress } from "./assetProgress.ts";

describe("AssetProgressStore", () => {
  it("tells listeners of new progress, not of repeats, and forgets finished downloads", () => {
    const store = new AssetProgressStore();
    let calls = 0;
    const stop = store.subscribe(() => calls++);
    store.report("a", { received: 10, total: 100 });
    store.report("a", { received: 10, total: 100 });
    store.report("a", { received: 50, total: 100 });
    expect(calls).toBe(2);
    expect(store.get("a")).toEqual({ received: 50, total: 100 });
    store.finish("a");
    expect(store.get("a")).toBeUndefined();
    expect(calls).toBe(3);
    store.finish("a");
    expect(calls).toBe(3);
    stop();
    store.report("b", { received: 1, total: undefined });
    expect(calls).toBe(3);
  });
});

describe("formatProgress", () => {
  it("shows a percentage of a known size, megabytes of an unknown one", () => {
    expect(formatProgress(undefined)).toBe("");
    expect(formatProgress({ received: 0, total: undefined })).toBe("");
    expect(formatProgress({ received: 1, total: 3 })).toBe("33%");
    expect(formatProgress({ received: 5, total: 3 })).toBe("100%");
    expect(formatProgress({ received: 2_500_000, total: undefined })).toBe("2.5 MB");
  });
});
