"use client";
/**
 * The latest render jobs on `/render`: status, size, budget and payouts, and one cell per tile
 * coloured by its phase (waiting for its draw, Workers committing, revealing, accepted), so a job
 * can be watched filling in as its tiles are settled. A tile rendered by one trusted Worker
 * (adaptive replication) is drawn as a ring; one whose audit drew two more Workers has a dot.
 */
import { formatDateTime, formatMrk } from "../../economy/format.ts";
import { jobProgress } from "../../render/renderNetwork.ts";
import { JOB_TILES_SHOWN, RENDER_TILE_PHASES, type RenderJobRow } from "../../subgraph/renderQueries.ts";
import { shortAddress } from "../shortAddress.ts";
import { RenderResultFaces } from "./RenderResultFaces.tsx";

const PHASE_WORDS: Record<(typeof RENDER_TILE_PHASES)[number], string> = {
  Unassigned: "waiting for Workers",
  Committing: "Workers committing",
  Revealing: "Workers revealing",
  Accepted: "accepted",
};

export function RenderJobsList({ jobs }: { jobs: readonly RenderJobRow[] }) {
  if (jobs.length === 0) {
    return (
      <p className="muted" data-testid="render-jobs-empty">
        No render job has been posted yet.
      </p>
    );
  }
  return (
    <ol className="render-jobs" data-testid="render-jobs">
      {jobs.map((job) => {
        const progress = jobProgress(job);
        return (
          <li
            key={job.jobId}
            className="render-job"
            data-testid="render-job"
            data-job-id={job.jobId}
            data-status={job.status}
            data-accepted={progress.accepted}
            data-total={progress.total}
          >
            <h3>
              Job {job.jobId} · {job.status.toLowerCase()} · {progress.accepted} / {progress.total} tiles (
              {progress.percent} %)
            </h3>
            <p className="muted">
              {job.viewpoints} viewpoint{job.viewpoints === 1 ? "" : "s"}, six {job.faceSize}-pixel faces each,{" "}
              {job.samplesPerPixel} samples a pixel · client <code title={job.client}>{shortAddress(job.client)}</code>,
              scheduler <code title={job.scheduler}>{shortAddress(job.scheduler)}</code> · budget{" "}
              {formatMrk(BigInt(job.budget))}, paid to Workers {formatMrk(BigInt(job.paidToWorkers))}, scheduler&apos;s
              fee {formatMrk(BigInt(job.fee))} · deadline {formatDateTime(BigInt(job.deadline))}
            </p>
            <div
              className="render-tiles"
              role="img"
              aria-label={tileSummary(progress.byPhase)}
              data-testid="render-job-tiles"
            >
              {job.tiles.map((tile) => (
                <span
                  key={tile.index}
                  className={`render-tile ${tile.phase.toLowerCase()}${tile.single ? " single" : ""}${tile.audited ? " audited" : ""}${tile.knownAnswer ? " probe" : ""}`}
                  data-phase={tile.phase}
                  data-single={tile.single}
                  data-probe={tile.knownAnswer ? "true" : undefined}
                  title={`tile ${tile.index}: ${PHASE_WORDS[tile.phase]}${tile.round !== "0" ? ` (round ${tile.round})` : ""}${replicationWords(tile)}${probeWords(tile)}`}
                />
              ))}
            </div>
            {job.status === "Completed" && job.resultDigest && job.resultCodec ? (
              <RenderResultFaces digest={job.resultDigest} codec={job.resultCodec} />
            ) : null}
            {progress.total > JOB_TILES_SHOWN ? (
              <p className="muted">The first {JOB_TILES_SHOWN.toLocaleString("en")} tiles are shown.</p>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}

/** How many Workers a tile has: one trusted Worker, or one audited by two more. */
function replicationWords(tile: { single: boolean; audited: boolean | null }): string {
  if (tile.audited) return " · a trusted Worker, audited by two more";
  return tile.single ? " · one trusted Worker" : "";
}

/** A probe tile: the client's known answer, and whether the accepted result matched it. */
function probeWords(tile: { knownAnswer: string | null; probeAgreed: boolean | null }): string {
  if (!tile.knownAnswer) return "";
  if (tile.probeAgreed === null) return " · a probe tile (its known answer is open)";
  return tile.probeAgreed
    ? " · a probe tile, its known answer confirmed"
    : " · a probe tile, its known answer outvoted";
}

function tileSummary(byPhase: Record<(typeof RENDER_TILE_PHASES)[number], number>): string {
  return RENDER_TILE_PHASES.map((phase) => `${byPhase[phase]} ${PHASE_WORDS[phase]}`).join(", ");
}
