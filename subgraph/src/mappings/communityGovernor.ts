import { Address, BigInt, Bytes, ethereum } from "@graphprotocol/graph-ts";
import {
  ProposalCanceled,
  ProposalCreated,
  ProposalExecuted,
  ProposalGuardianSet,
  ProposalQueued,
  ProposalThresholdSet,
  QuorumNumeratorUpdated,
  VoteCast,
  VoteCastWithParams,
  VotingDelaySet,
  VotingPeriodSet,
} from "../../generated/templates/CommunityGovernorClone/CommunityGovernor";
import { CommunityProposal, CommunityProposalStateChange, CommunityVote } from "../../generated/schema";
import { contextCommunity } from "../helpers/communities";
import { eventId } from "../helpers/events";

function proposalOf(proposalId: BigInt): CommunityProposal | null {
  return CommunityProposal.load(contextCommunity().id + "-" + proposalId.toString());
}

function recordState(proposal: CommunityProposal, state: string, event: ethereum.Event): void {
  proposal.lastEventState = state;
  proposal.save();
  let change = new CommunityProposalStateChange(eventId(event));
  change.proposal = proposal.id;
  change.state = state;
  change.blockNumber = event.block.number;
  change.blockTimestamp = event.block.timestamp;
  change.transactionHash = event.transaction.hash;
  change.save();
}

/** `ProposalCreated`: the proposal with its actions and voting window. */
export function handleProposalCreated(event: ProposalCreated): void {
  let community = contextCommunity();
  community.proposalCount = community.proposalCount + 1;
  community.save();
  let proposal = new CommunityProposal(community.id + "-" + event.params.proposalId.toString());
  proposal.community = community.id;
  proposal.proposalId = event.params.proposalId;
  proposal.proposer = event.params.proposer;
  let targets: Bytes[] = [];
  for (let i = 0; i < event.params.targets.length; i++) targets.push(event.params.targets[i]);
  proposal.targets = targets;
  proposal.values = event.params.values;
  proposal.calldatas = event.params.calldatas;
  proposal.description = event.params.description;
  proposal.voteStart = event.params.voteStart;
  proposal.voteEnd = event.params.voteEnd;
  proposal.forVotes = BigInt.zero();
  proposal.againstVotes = BigInt.zero();
  proposal.abstainVotes = BigInt.zero();
  proposal.voteCount = 0;
  proposal.createdAtBlock = event.block.number;
  proposal.createdAtTimestamp = event.block.timestamp;
  recordState(proposal, "PENDING", event);
}

/** `VoteCast`: the vote and the proposal's tallies. */
export function handleVoteCast(event: VoteCast): void {
  recordVote(
    event,
    event.params.proposalId,
    event.params.voter,
    event.params.support,
    event.params.weight,
    event.params.reason,
  );
}

/** `VoteCastWithParams`: the same vote (simple counting ignores the params). */
export function handleVoteCastWithParams(event: VoteCastWithParams): void {
  recordVote(
    event,
    event.params.proposalId,
    event.params.voter,
    event.params.support,
    event.params.weight,
    event.params.reason,
  );
}

function recordVote(
  event: ethereum.Event,
  proposalId: BigInt,
  voter: Address,
  support: i32,
  weight: BigInt,
  reason: string,
): void {
  let proposal = proposalOf(proposalId);
  if (proposal == null) return;
  let vote = new CommunityVote(proposal.id + "-" + voter.toHexString());
  vote.proposal = proposal.id;
  vote.voter = voter;
  vote.support = support;
  vote.weight = weight;
  vote.reason = reason;
  vote.blockNumber = event.block.number;
  vote.blockTimestamp = event.block.timestamp;
  vote.transactionHash = event.transaction.hash;
  vote.save();
  if (support == 0) proposal.againstVotes = proposal.againstVotes.plus(weight);
  else if (support == 1) proposal.forVotes = proposal.forVotes.plus(weight);
  else proposal.abstainVotes = proposal.abstainVotes.plus(weight);
  proposal.voteCount = proposal.voteCount + 1;
  proposal.save();
}

/** `ProposalQueued`: queued in the treasury's timelock until `eta`. */
export function handleProposalQueued(event: ProposalQueued): void {
  let proposal = proposalOf(event.params.proposalId);
  if (proposal == null) return;
  proposal.eta = event.params.etaSeconds;
  recordState(proposal, "QUEUED", event);
}

/** `ProposalExecuted`. */
export function handleProposalExecuted(event: ProposalExecuted): void {
  let proposal = proposalOf(event.params.proposalId);
  if (proposal == null) return;
  recordState(proposal, "EXECUTED", event);
}

/** `ProposalCanceled`: by its proposer before voting, or by the guardian. */
export function handleProposalCanceled(event: ProposalCanceled): void {
  let proposal = proposalOf(event.params.proposalId);
  if (proposal == null) return;
  recordState(proposal, "CANCELED", event);
}

export function handleVotingDelaySet(event: VotingDelaySet): void {
  let community = contextCommunity();
  community.votingDelay = event.params.newVotingDelay;
  community.save();
}

export function handleVotingPeriodSet(event: VotingPeriodSet): void {
  let community = contextCommunity();
  community.votingPeriod = event.params.newVotingPeriod;
  community.save();
}

export function handleProposalThresholdSet(event: ProposalThresholdSet): void {
  let community = contextCommunity();
  community.proposalThreshold = event.params.newProposalThreshold;
  community.save();
}

export function handleQuorumNumeratorUpdated(event: QuorumNumeratorUpdated): void {
  let community = contextCommunity();
  community.quorumPercent = event.params.newQuorumNumerator;
  community.save();
}

/** `ProposalGuardianSet`: the new guardian, none when the zero address. */
export function handleProposalGuardianSet(event: ProposalGuardianSet): void {
  let community = contextCommunity();
  let guardian = event.params.newProposalGuardian;
  community.guardian = guardian.equals(Address.zero()) ? null : guardian;
  community.save();
}
