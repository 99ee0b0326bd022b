import { Address, BigInt, Bytes, dataSource, ethereum } from "@graphprotocol/graph-ts";
import {
  MarkGovernor,
  ProposalCanceled,
  ProposalCreated,
  ProposalExecuted,
  ProposalQueued,
  VoteCast,
  VoteCastWithParams,
} from "../../generated/MarkGovernor/MarkGovernor";
import { MarkTreasury } from "../../generated/MarkGovernor/MarkTreasury";
import { Proposal, ProposalStateChange, Vote } from "../../generated/schema";
import { getOrCreateAccount } from "../helpers/accounts";
import { eventId } from "../helpers/events";
import { getOrCreateGovernance } from "../helpers/governance";

/** Runs once, at the governor's deployment block: its settings and the treasury's delay. */
export function initializeGovernance(block: ethereum.Block): void {
  let governor = MarkGovernor.bind(dataSource.address());
  let governance = getOrCreateGovernance();
  governance.governor = dataSource.address();
  governance.timelock = governor.timelock();
  governance.votingDelay = governor.votingDelay();
  governance.votingPeriod = governor.votingPeriod();
  governance.proposalThreshold = governor.proposalThreshold();
  governance.quorumNumerator = governor.quorumNumerator1();
  let delay = MarkTreasury.bind(governor.timelock()).try_getMinDelay();
  governance.timelockDelay = delay.reverted ? BigInt.zero() : delay.value;
  governance.save();
}

function recordState(proposal: Proposal, state: string, event: ethereum.Event): void {
  proposal.lastEventState = state;
  proposal.save();
  let change = new ProposalStateChange(eventId(event));
  change.proposal = proposal.id;
  change.state = state;
  change.blockNumber = event.block.number;
  change.blockTimestamp = event.block.timestamp;
  change.transactionHash = event.transaction.hash;
  change.save();
}

/** `ProposalCreated`: the proposal with its actions and voting window. */
export function handleProposalCreated(event: ProposalCreated): void {
  let governance = getOrCreateGovernance();
  governance.proposalCount = governance.proposalCount + 1;
  governance.save();
  let proposer = getOrCreateAccount(event.params.proposer, event.block.number);
  proposer.save();
  let proposal = new Proposal(event.params.proposalId.toString());
  proposal.governance = governance.id;
  proposal.proposalId = event.params.proposalId;
  proposal.proposer = proposer.id;
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
  voterAddress: Address,
  support: i32,
  weight: BigInt,
  reason: string,
): void {
  let proposal = Proposal.load(proposalId.toString());
  if (proposal == null) return;
  let voter = getOrCreateAccount(voterAddress, event.block.number);
  voter.save();
  let vote = new Vote(proposal.id + "-" + voterAddress.toHexString());
  vote.proposal = proposal.id;
  vote.voter = voter.id;
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
  let proposal = Proposal.load(event.params.proposalId.toString());
  if (proposal == null) return;
  proposal.eta = event.params.etaSeconds;
  recordState(proposal, "QUEUED", event);
}

/** `ProposalExecuted`. */
export function handleProposalExecuted(event: ProposalExecuted): void {
  let proposal = Proposal.load(event.params.proposalId.toString());
  if (proposal == null) return;
  recordState(proposal, "EXECUTED", event);
}

/** `ProposalCanceled`. */
export function handleProposalCanceled(event: ProposalCanceled): void {
  let proposal = Proposal.load(event.params.proposalId.toString());
  if (proposal == null) return;
  recordState(proposal, "CANCELED", event);
}
