/**
 * What the 3D view shows after the browser takes its WebGL context away (GPU reset, too many
 * contexts, a driver update): `lost` while three.js waits for the browser to give it back, then
 * `ok` again when it is restored; `stalled` when it has not come back after `stallMs`, so the
 * visitor is offered to restart the view (a new canvas and context).
 */
export type ContextState = "ok" | "lost" | "stalled";
export type ContextEvent =
  { type: "lost"; at: number } | { type: "restored" } | { type: "tick"; at: number } | { type: "restart" };

export const STALL_MS = 5000;

export type ContextTracker = { state: ContextState; lostAt: number | undefined };

export const CONTEXT_OK: ContextTracker = { state: "ok", lostAt: undefined };

export function nextContextState(current: ContextTracker, event: ContextEvent, stallMs = STALL_MS): ContextTracker {
  switch (event.type) {
    case "lost":
      return current.state === "ok" ? { state: "lost", lostAt: event.at } : current;
    case "restored":
    case "restart":
      return CONTEXT_OK;
    case "tick":
      if (current.state === "lost" && current.lostAt !== undefined && event.at - current.lostAt >= stallMs) {
        return { state: "stalled", lostAt: current.lostAt };
      }
      return current;
  }
}
