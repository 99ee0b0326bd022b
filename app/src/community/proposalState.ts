/**
 * A community proposal's state, computed the way `CommunityGovernor.state` does (OpenZeppelin's
 * Governor with simple counting and timelock control), from what the subgraph holds and the
 * quorum at the snapshot: events set Pending, Queued, Executed and Canceled; between them the
 * clock and the votes decide Active, Defeated and Succeeded. The governor's clock is the
 * timestamp: voting opens after `voteStart` and closes after `voteEnd`. OpenZeppelin 5's
 * Governor never expires a proposal (the timelock keeps a queued operation until it runs), so
 * Expired does not occur here.
 */
import type { ProposalStateName } from "../chain/describeEconomyError.ts";

export type CommunityProposalStateParameters = {
  lastEventState: "PENDING" | "QUEUED" | "EXECUTED" | "CANCELED";
  voteStart: bigint;
  voteEnd: bigint;
  forVotes: bigint;
  againstVotes: bigint;
  abstainVotes: bigint;
  /** Votes needed at the snapshot (`quorum(voteStart)`); undefined while unknown. */
  quorum: bigint | undefined;
  /** The next block's time, unix seconds. */
  now: bigint;
};

/** The state, or undefined when it depends on a quorum not known yet. */
export function communityProposalState(p: CommunityProposalStateParameters): ProposalStateName | undefined {
  switch (p.lastEventState) {
    case "EXECUTED":
      return "Executed";
    case "CANCELED":
      return "Canceled";
    case "QUEUED":
      return "Queued";
    case "PENDING":
      break;
  }
  if (p.voteStart >= p.now) return "Pending";
  if (p.voteEnd >= p.now) return "Active";
  if (p.quorum === undefined) return undefined;
  const quorumReached = p.forVotes + p.abstainVotes >= p.quorum;
  const passed = p.forVotes > p.againstVotes;
  return quorumReached && passed ? "Succeeded" : "Defeated";
}

/** The quorum at a snapshot: `quorumPercent` of the members then, rounded down (OpenZeppelin's fraction). */
export function quorumOf(membersAtSnapshot: bigint, quorumPercent: bigint): bigint {
  return (membersAtSnapshot * quorumPercent) / 100n;
}
