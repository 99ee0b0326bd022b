import { describe, expect, it } from "vitest";
import { communityProposalState, quorumOf, type CommunityProposalStateParameters } from "./proposalState.ts";

const base: CommunityProposalStateParameters = {
  lastEventState: "PENDING",
  voteStart: 1_000n,
  voteEnd: 2_000n,
  forVotes: 0n,
  againstVotes: 0n,
  abstainVotes: 0n,
  quorum: 1n,
  now: 500n,
};

describe("communityProposalState", () => {
  it("is Pending until after the snapshot, Active through the vote's last second", () => {
    expect(communityProposalState({ ...base, now: 1_000n })).toBe("Pending");
    expect(communityProposalState({ ...base, now: 1_001n })).toBe("Active");
    expect(communityProposalState({ ...base, now: 2_000n })).toBe("Active");
  });

  it("after the vote: Succeeded with quorum and more For than Against, else Defeated", () => {
    const after = { ...base, now: 2_001n, quorum: 2n };
    expect(communityProposalState({ ...after, forVotes: 2n })).toBe("Succeeded");
    // Abstain counts toward the quorum, not toward passing.
    expect(communityProposalState({ ...after, forVotes: 1n, abstainVotes: 1n })).toBe("Succeeded");
    expect(communityProposalState({ ...after, forVotes: 1n })).toBe("Defeated");
    expect(communityProposalState({ ...after, forVotes: 2n, againstVotes: 2n })).toBe("Defeated");
    expect(communityProposalState({ ...after, abstainVotes: 3n })).toBe("Defeated");
  });

  it("waits for the quorum once the vote has closed", () => {
    expect(communityProposalState({ ...base, now: 2_001n, quorum: undefined, forVotes: 5n })).toBeUndefined();
    expect(communityProposalState({ ...base, now: 1_500n, quorum: undefined })).toBe("Active");
  });

  it("takes Queued, Executed and Canceled from the events, whatever the clock", () => {
    expect(communityProposalState({ ...base, lastEventState: "QUEUED", now: 9_999n })).toBe("Queued");
    expect(communityProposalState({ ...base, lastEventState: "EXECUTED" })).toBe("Executed");
    expect(communityProposalState({ ...base, lastEventState: "CANCELED", now: 1_500n })).toBe("Canceled");
  });

  it("a quorum of 0 % passes on a single For vote", () => {
    expect(communityProposalState({ ...base, now: 2_001n, quorum: quorumOf(10n, 0n), forVotes: 1n })).toBe("Succeeded");
  });
});

describe("quorumOf", () => {
  it("takes the percent of the members at the snapshot, rounded down", () => {
    expect(quorumOf(10n, 20n)).toBe(2n);
    expect(quorumOf(3n, 50n)).toBe(1n);
    expect(quorumOf(7n, 100n)).toBe(7n);
  });
});
