import { describe, expect, it } from "vitest";
import { renderersDataSchema, type RendererRow } from "../subgraph/renderQueries.ts";
import { rendererState, renderNetworkTotals } from "./renderNetwork.ts";

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
    expect(renderersDataSchema.safeParse({ renderers: [worker], _meta: meta }).success).toBe(true);
    expect(renderersDataSchema.safeParse({ renderers: [{ ...worker, staked: "-1" }], _meta: meta }).success).toBe(
      false,
    );
  });
});
