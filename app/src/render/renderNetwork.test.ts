import { describe, expect, it } from "vitest";
import { renderersDataSchema, type RenderJobRow, type RendererRow } from "../subgraph/renderQueries.ts";
import { jobProgress, rendererState, renderNetworkTotals } from "./renderNetwork.ts";

const worker: RendererRow = {
  id: "0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
  role: "Worker",
  staked: "1000000000000000000000",
  locked: "0",
  unbonding: "0",
  withdrawableAt: "0",
  admitted: false,
  admissionDeadline: null,
  speedSeconds: null,
  slashed: "0",
  registeredAt: "100",
  ratings: [],
};

describe("rendererState", () => {
  it("follows a worker from registration through the benchmark to admission", () => {
    expect(rendererState(worker, 1_000n)).toBe("awaiting-admission");
    expect(rendererState({ ...worker, admissionDeadline: "1900" }, 1_000n)).toBe("taking-benchmark");
    expect(rendererState({ ...worker, admissionDeadline: "900" }, 1_000n)).toBe("awaiting-admission");
    expect(rendererState({ ...worker, admitted: true, speedSeconds: "42" }, 1_000n)).toBe("admitted");
  });

  it("puts unbonding before everything else, and schedulers apart", () => {
    expect(rendererState({ ...worker, admitted: true, unbonding: "5" }, 0n)).toBe("unbonding");
    expect(rendererState({ ...worker, role: "Scheduler" }, 0n)).toBe("scheduler");
  });
});

describe("renderNetworkTotals", () => {
  it("counts roles and admissions and sums stake, unbonding and slashes exactly", () => {
    const totals = renderNetworkTotals([
      worker,
      { ...worker, admitted: true, staked: "1", unbonding: "2", slashed: "3" },
      { ...worker, role: "Scheduler", staked: "10000000000000000000000", slashed: "4" },
    ]);
    expect(totals).toEqual({
      workers: 2,
      admittedWorkers: 1,
      schedulers: 1,
      staked: 11_000_000_000_000_000_000_001n,
      unbonding: 2n,
      slashed: 7n,
    });
  });
});

describe("renderersDataSchema", () => {
  it("refuses a renderer whose stake is not a BigInt string", () => {
    const meta = { block: { number: 1 }, hasIndexingErrors: false };
    expect(renderersDataSchema.safeParse({ renderers: [worker], renderJobs: [], _meta: meta }).success).toBe(true);
    expect(
      renderersDataSchema.safeParse({ renderers: [{ ...worker, staked: "-1" }], renderJobs: [], _meta: meta }).success,
    ).toBe(false);
    expect(
      renderersDataSchema.safeParse({ renderers: [], renderJobs: [{ ...job, status: "Lost" }], _meta: meta }).success,
    ).toBe(false);
  });
});

const job: RenderJobRow = {
  jobId: "1",
  status: "Accepted",
  client: "0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
  scheduler: "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc",
  viewpoints: 1,
  faceSize: 64,
  samplesPerPixel: 8,
  tileCount: "6",
  acceptedTiles: "2",
  budget: "1000",
  fee: "100",
  paidToWorkers: "300",
  deadline: "2000000000",
  resultDigest: null,
  resultCodec: null,
  tiles: [
    { index: "0", phase: "Accepted", round: "0", single: true, audited: false, knownAnswer: null, probeAgreed: null },
    { index: "1", phase: "Accepted", round: "1", single: false, audited: null, knownAnswer: "0x12", probeAgreed: true },
    { index: "2", phase: "Revealing", round: "0", single: false, audited: true, knownAnswer: null, probeAgreed: null },
    { index: "3", phase: "Committing", round: "0", single: false, audited: null, knownAnswer: null, probeAgreed: null },
  ],
};

describe("jobProgress", () => {
  it("counts tiles by phase, those not drawn yet as unassigned, and the share accepted", () => {
    expect(jobProgress(job)).toEqual({
      total: 6,
      accepted: 2,
      byPhase: { Unassigned: 2, Committing: 1, Revealing: 1, Accepted: 2 },
      percent: 33,
    });
    expect(jobProgress({ ...job, tileCount: "0", acceptedTiles: "0", tiles: [] }).percent).toBe(0);
  });
});
