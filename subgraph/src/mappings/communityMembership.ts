import { BigInt } from "@graphprotocol/graph-ts";
import {
  DelegateChanged,
  DelegateVotesChanged,
  JoinPolicySet,
  MemberJoined,
  MemberLeft,
} from "../../generated/templates/CommunityMembershipClone/CommunityMembership";
import { CommunityDelegation } from "../../generated/schema";
import {
  contextCommunity,
  getOrCreateMember,
  joinPolicyName,
  recordMovement,
  refreshBalances,
} from "../helpers/communities";
import { eventId } from "../helpers/events";

const JOIN_ROUTES = ["Founder", "Invited", "Purchased", "Open"];

/** `MemberJoined`: a member more; a bought membership's MRK went to the treasury. */
export function handleMemberJoined(event: MemberJoined): void {
  let community = contextCommunity();
  let member = getOrCreateMember(community, event.params.member);
  member.isMember = true;
  let route = event.params.route;
  member.joinRoute = route >= 0 && route < JOIN_ROUTES.length ? JOIN_ROUTES[route] : "Invited";
  member.paid = event.params.paid;
  member.joinedAtBlock = event.block.number;
  member.joinedAtTimestamp = event.block.timestamp;
  member.expelled = false;
  // A membership's vote is its own until it delegates (the contract's `delegates`).
  if (member.delegate === null) member.delegate = event.params.member;
  member.save();
  community.memberCount = community.memberCount + 1;
  if (event.params.paid.gt(BigInt.zero())) {
    recordMovement(event, community, "Membership", "In", community.mrkToken, event.params.paid, event.params.member);
    refreshBalances(community);
  }
  community.save();
}

/** `MemberLeft`: left or expelled; its vote leaves with its membership. */
export function handleMemberLeft(event: MemberLeft): void {
  let community = contextCommunity();
  let member = getOrCreateMember(community, event.params.member);
  member.isMember = false;
  member.leftAtBlock = event.block.number;
  member.leftAtTimestamp = event.block.timestamp;
  member.expelled = event.params.expelled;
  member.save();
  community.memberCount = community.memberCount - 1;
  community.save();
}

/** `JoinPolicySet`: how accounts join now, and the price. */
export function handleJoinPolicySet(event: JoinPolicySet): void {
  let community = contextCommunity();
  community.joinPolicy = joinPolicyName(event.params.policy);
  community.membershipPrice = event.params.price;
  community.save();
}

/** `DelegateChanged`: the delegator's delegate, and the change's record. */
export function handleDelegateChanged(event: DelegateChanged): void {
  let community = contextCommunity();
  let member = getOrCreateMember(community, event.params.delegator);
  member.delegate = event.params.toDelegate;
  member.save();
  let delegation = new CommunityDelegation(eventId(event));
  delegation.community = community.id;
  delegation.delegator = event.params.delegator;
  delegation.fromDelegate = event.params.fromDelegate;
  delegation.toDelegate = event.params.toDelegate;
  delegation.blockNumber = event.block.number;
  delegation.blockTimestamp = event.block.timestamp;
  delegation.transactionHash = event.transaction.hash;
  delegation.save();
}

/** `DelegateVotesChanged`: the votes the delegate holds now. */
export function handleDelegateVotesChanged(event: DelegateVotesChanged): void {
  let community = contextCommunity();
  let member = getOrCreateMember(community, event.params.delegate);
  member.votes = event.params.newVotes;
  member.save();
}
