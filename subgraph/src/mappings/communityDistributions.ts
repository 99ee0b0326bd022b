import { BigInt } from "@graphprotocol/graph-ts";
import {
  DistributionClaimed,
  DistributionCreated,
  DistributionReclaimed,
} from "../../generated/CommunityDistributions/CommunityDistributions";
import { Community, Distribution, DistributionClaim } from "../../generated/schema";
import { recordMovement, refreshBalances } from "../helpers/communities";

/** `DistributionCreated`: the distribution; a community's deposit leaves its treasury. */
export function handleDistributionCreated(event: DistributionCreated): void {
  let distribution = new Distribution(event.params.distributionId.toString());
  distribution.distributionId = event.params.distributionId;
  distribution.creator = event.params.creator;
  distribution.votes = event.params.votes;
  distribution.token = event.params.token;
  distribution.amount = event.params.amount;
  distribution.claimed = BigInt.zero();
  distribution.reclaimed = BigInt.zero();
  distribution.timepoint = event.params.timepoint;
  distribution.claimUntil = event.params.claimUntil;
  distribution.totalVotes = event.params.totalVotes;
  distribution.claimCount = 0;
  distribution.createdAtBlock = event.block.number;
  distribution.createdAtTimestamp = event.block.timestamp;
  let community = Community.load(event.params.creator.toHexString());
  if (community != null) {
    distribution.community = community.id;
    recordMovement(event, community, "Distribution", "Out", event.params.token, event.params.amount, event.address);
    refreshBalances(community);
    community.save();
  }
  distribution.save();
}

/** `DistributionClaimed`: one account's share. */
export function handleDistributionClaimed(event: DistributionClaimed): void {
  let distribution = Distribution.load(event.params.distributionId.toString());
  if (distribution == null) return;
  distribution.claimed = distribution.claimed.plus(event.params.amount);
  distribution.claimCount = distribution.claimCount + 1;
  distribution.save();
  let claim = new DistributionClaim(distribution.id + "-" + event.params.account.toHexString());
  claim.distribution = distribution.id;
  claim.account = event.params.account;
  claim.amount = event.params.amount;
  claim.blockNumber = event.block.number;
  claim.blockTimestamp = event.block.timestamp;
  claim.transactionHash = event.transaction.hash;
  claim.save();
}

/** `DistributionReclaimed`: what was left goes back to the creator (a community's treasury: in). */
export function handleDistributionReclaimed(event: DistributionReclaimed): void {
  let distribution = Distribution.load(event.params.distributionId.toString());
  if (distribution == null) return;
  distribution.reclaimed = distribution.reclaimed.plus(event.params.amount);
  distribution.save();
  if (distribution.community == null) return;
  let community = Community.load(distribution.community!)!;
  recordMovement(event, community, "DistributionReclaim", "In", distribution.token, event.params.amount, event.address);
  refreshBalances(community);
  community.save();
}
