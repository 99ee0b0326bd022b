import { Address, BigInt, DataSourceContext } from "@graphprotocol/graph-ts";
import { CommunityCreated } from "../../generated/CommunityFactory/CommunityFactory";
import { CommunityTreasury } from "../../generated/CommunityFactory/CommunityTreasury";
import { Community } from "../../generated/schema";
import { CommunityGovernorClone, CommunityMembershipClone, CommunityTreasuryClone } from "../../generated/templates";
import { joinPolicyName, refreshBalances } from "../helpers/communities";

/**
 * `CommunityCreated`: the community with its settings, and a template instance for each of its
 * three clones, whose context names the community. The founders' `MemberJoined` follow in the
 * same transaction, and the new instances see them (templates index their creating block).
 */
export function handleCommunityCreated(event: CommunityCreated): void {
  let treasury = event.params.treasury;
  let settings = event.params.settings;
  let community = new Community(treasury.toHexString());
  community.name = event.params.name;
  community.symbol = event.params.symbol;
  community.creator = event.params.creator;
  community.membership = event.params.membership;
  community.governor = event.params.governor;
  community.treasury = treasury;
  community.mrkToken = CommunityTreasury.bind(treasury).mrk();
  community.guardian = settings.guardian.equals(Address.zero()) ? null : settings.guardian;
  community.votingDelay = settings.votingDelay;
  community.votingPeriod = settings.votingPeriod;
  community.timelockDelay = settings.timelockDelay;
  community.proposalThreshold = settings.proposalThreshold;
  community.quorumPercent = BigInt.fromI32(settings.quorumPercent);
  community.joinPolicy = joinPolicyName(settings.joinPolicy);
  community.membershipPrice = settings.membershipPrice;
  community.memberCount = 0;
  community.mrkBalance = BigInt.zero();
  community.ethBalance = BigInt.zero();
  community.mrkDonated = BigInt.zero();
  community.ethDonated = BigInt.zero();
  community.proposalCount = 0;
  community.createdAtBlock = event.block.number;
  community.createdAtTimestamp = event.block.timestamp;
  community.transactionHash = event.transaction.hash;
  refreshBalances(community);
  community.save();

  let context = new DataSourceContext();
  context.setString("community", community.id);
  CommunityMembershipClone.createWithContext(event.params.membership, context);
  CommunityGovernorClone.createWithContext(event.params.governor, context);
  CommunityTreasuryClone.createWithContext(treasury, context);
}
