/**
 * What a proposal waits for and how long, from its live state (the governor's `state(id)`) and
 * its times: "voting opens in 23 h", "voting ends in 6 d 2 h", "executable in 1 d 4 h".
 */
import type { ProposalStateName } from "../chain/describeEconomyError.ts";
import { formatDuration } from "./format.ts";

export type ProposalTimingParameters = {
  state: ProposalStateName;
  voteStart: bigint;
  voteEnd: bigint;
  /** When a queued proposal may execute; null before it is queued. */
  eta: bigint | null;
  now: bigint;
};

export function proposalTiming({ state, voteStart, voteEnd, eta, now }: ProposalTimingParameters): string {
  switch (state) {
    case "Pending":
      // Voting opens after `voteStart` (the first second strictly later).
      return voteStart >= now ? `voting opens in ${formatDuration(voteStart - now + 1n)}` : "voting opens now";
    case "Active":
      return voteEnd >= now ? `voting ends in ${formatDuration(voteEnd - now + 1n)}` : "voting ends now";
    case "Succeeded":
      return "passed; queue it to start the timelock";
    case "Queued":
      if (eta === null) return "queued";
      return eta > now ? `executable in ${formatDuration(eta - now)}` : "executable now";
    case "Defeated":
      return "rejected (not enough For votes or no quorum)";
    case "Executed":
      return "executed";
    case "Canceled":
      return "canceled";
    case "Expired":
      return "expired before execution";
  }
}
