import { describe, expect, it } from "vitest";
import { CONTEXT_OK, nextContextState } from "./contextLoss.ts";
import { ndcToScreen, SceneLabelStore } from "./sceneLabels.ts";
import { summarizeSlots } from "./slotSummary.ts";

describe("summarizeSlots", () => {
  it("settles once nothing loads, counting failed assets without waiting for them", () => {
    const ids = ["object-0", "object-1", "image-0"];
    const states = new Map([
      ["object-0", "ready" as const],
      ["object-1", "failed" as const],
    ]);
    expect(summarizeSlots(ids, states)).toEqual({ total: 3, loading: 1, ready: 1, failed: 1, settled: false });
    states.set("image-0", "ready");
    expect(summarizeSlots(ids, states)).toEqual({ total: 3, loading: 0, ready: 2, failed: 1, settled: true });
    // A retried slot loads again; states of slots the scene no longer has do not count.
    states.set("object-1", "loading" as never);
    states.set("object-9", "failed");
    expect(summarizeSlots(ids, states).settled).toBe(false);
    expect(summarizeSlots([], new Map()).settled).toBe(true);
  });
});

describe("nextContextState", () => {
  it("goes lost, then stalled after the wait, and back to ok on restore or restart", () => {
    let state = nextContextState(CONTEXT_OK, { type: "lost", at: 1000 });
    expect(state.state).toBe("lost");
    expect(nextContextState(state, { type: "lost", at: 3000 })).toBe(state);
    state = nextContextState(state, { type: "tick", at: 5999 });
    expect(state.state).toBe("lost");
    state = nextContextState(state, { type: "tick", at: 6000 });
    expect(state.state).toBe("stalled");
    expect(nextContextState(state, { type: "restart" })).toEqual(CONTEXT_OK);
    expect(nextContextState({ state: "lost", lostAt: 1 }, { type: "restored" })).toEqual(CONTEXT_OK);
    expect(nextContextState(CONTEXT_OK, { type: "tick", at: 1e9 })).toEqual(CONTEXT_OK);
  });
});

describe("scene labels", () => {
  it("maps normalized device coordinates to pixels and hides points outside the depth range", () => {
    expect(ndcToScreen({ x: 0, y: 0, z: 0.5 }, 400, 300)).toEqual([200, 150]);
    expect(ndcToScreen({ x: -1, y: 1, z: 0 }, 400, 300)).toEqual([0, 0]);
    expect(ndcToScreen({ x: 1, y: -1, z: 0.99 }, 400, 300)).toEqual([400, 300]);
    expect(ndcToScreen({ x: 0, y: 0, z: 1.2 }, 400, 300)).toBeUndefined();
  });

  it("keeps one snapshot until a label changes", () => {
    const store = new SceneLabelStore();
    let calls = 0;
    store.subscribe(() => calls++);
    const first = store.list();
    expect(store.list()).toBe(first);
    store.set({ id: "a", anchor: {} as never, content: "A" });
    expect(store.list()).not.toBe(first);
    expect(store.list().map((label) => label.content)).toEqual(["A"]);
    store.remove("a");
    store.remove("a");
    expect(store.list()).toEqual([]);
    expect(calls).toBe(2);
  });
});
