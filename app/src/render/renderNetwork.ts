/**
 * What the render network page shows, computed from the subgraph's renderers: each renderer's
 * state in words, and the totals at the top of the page.
 */
import { RENDER_TILE_PHASES, type RenderJobRow, type RendererRow } from "../subgraph/renderQueries.ts";

export type RendererState = "admitted" | "scheduler" | "awaiting-admission" | "taking-benchmark" | "unbonding";

/** One word for where a renderer stands; `now` is the chain's time in seconds. */
export function rendererState(row: RendererRow, now: bigint): RendererState {
  if (BigInt(row.unbonding) > 0n) return "unbonding";
  if (row.role === "Scheduler") return "scheduler";
  if (row.admitted) return "admitted";
  if (row.admissionDeadline !== null && BigInt(row.admissionDeadline) > now) return "taking-benchmark";
  return "awaiting-admission";
}

export const RENDERER_STATE_WORDS: Record<RendererState, string> = {
  admitted: "admitted worker",
  scheduler: "scheduler",
  "awaiting-admission": "not admitted yet",
  "taking-benchmark": "taking the benchmark",
  unbonding: "unbonding",
};

export type RenderNetworkTotals = {
  workers: number;
  admittedWorkers: number;
  schedulers: number;
  /** MRK wei bonded (locked included), unbonding and slashed, over all renderers. */
  staked: bigint;
  unbonding: bigint;
  slashed: bigint;
};

export function renderNetworkTotals(rows: readonly RendererRow[]): RenderNetworkTotals {
  const totals: RenderNetworkTotals = {
    workers: 0,
    admittedWorkers: 0,
    schedulers: 0,
    staked: 0n,
    unbonding: 0n,
    slashed: 0n,
  };
  for (const row of rows) {
    if (row.role === "Worker") {
      totals.workers++;
      if (row.admitted) totals.admittedWorkers++;
    } else {
      totals.schedulers++;
    }
    totals.staked += BigInt(row.staked);
    totals.unbonding += BigInt(row.unbonding);
    totals.slashed += BigInt(row.slashed);
  }
  return totals;
}

export type RenderTilePhase = (typeof RENDER_TILE_PHASES)[number];

export type JobProgress = {
  total: number;
  accepted: number;
  /** Tiles in each phase; tiles not drawn yet (none listed) count as `Unassigned`. */
  byPhase: Record<RenderTilePhase, number>;
  /** Whole percent of tiles accepted. */
  percent: number;
};

/** How far a job is: its tiles by phase and the share accepted. */
export function jobProgress(job: RenderJobRow): JobProgress {
  const total = Number(job.tileCount);
  const byPhase: Record<RenderTilePhase, number> = { Unassigned: 0, Committing: 0, Revealing: 0, Accepted: 0 };
  for (const tile of job.tiles) byPhase[tile.phase]++;
  byPhase.Unassigned += Math.max(0, total - job.tiles.length);
  const accepted = Number(job.acceptedTiles);
  return { total, accepted, byPhase, percent: total === 0 ? 0 : Math.floor((accepted * 100) / total) };
}
