/**
 * Where the scene's assets stand: each slot (a model, a picture, the panorama) is loading, ready
 * or failed. The scene is settled — shown, with failed assets marked in place — once no slot is
 * loading; it is never held back by an asset that failed.
 */
import type { SlotState } from "./AssetSlot.tsx";

export type SlotSummary = { total: number; loading: number; ready: number; failed: number; settled: boolean };

export function summarizeSlots(ids: readonly string[], states: ReadonlyMap<string, SlotState>): SlotSummary {
  let ready = 0;
  let failed = 0;
  for (const id of ids) {
    const state = states.get(id);
    if (state === "ready") ready++;
    else if (state === "failed") failed++;
  }
  const loading = ids.length - ready - failed;
  return { total: ids.length, loading, ready, failed, settled: loading === 0 };
}
