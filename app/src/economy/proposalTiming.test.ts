import { describe, expect, it } from "vitest";
import { proposalTiming } from "./proposalTiming.ts";

const base = { voteStart: 1_000n, voteEnd: 1_000n + 7n * 86_400n, eta: null };

describe("proposalTiming", () => {
  it("counts down to the vote's start while pending", () => {
    expect(proposalTiming({ ...base, state: "Pending", now: 1_000n - 3_600n })).toBe("voting opens in 1 h");
    expect(proposalTiming({ ...base, state: "Pending", now: 1_000n - 86_400n + 1n })).toBe("voting opens in 1 d");
  });

  it("counts down to the vote's end while active", () => {
    expect(proposalTiming({ ...base, state: "Active", now: 1_000n + 86_400n - 1n })).toBe("voting ends in 6 d");
  });

  it("counts down to the timelock's end once queued", () => {
    expect(proposalTiming({ ...base, state: "Queued", eta: 5_000n, now: 5_000n - 2n * 86_400n })).toBe(
      "executable in 2 d",
    );
    expect(proposalTiming({ ...base, state: "Queued", eta: 5_000n, now: 5_000n })).toBe("executable now");
  });

  it("explains the final states", () => {
    expect(proposalTiming({ ...base, state: "Succeeded", now: 0n })).toBe("passed; queue it to start the timelock");
    expect(proposalTiming({ ...base, state: "Executed", now: 0n })).toBe("executed");
  });
});
