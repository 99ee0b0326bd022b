import { Address, BigInt, Bytes, dataSource, ethereum } from "@graphprotocol/graph-ts";
import { MarkToken } from "../../generated/CommunityFactory/MarkToken";
import { Community, CommunityMember, TreasuryMovement } from "../../generated/schema";
import { eventId } from "./events";

/** The community a template instance belongs to: its context's `community` (the treasury's id). */
export function contextCommunity(): Community {
  let id = dataSource.context().getString("community");
  let community = Community.load(id);
  if (community == null) throw new Error("community " + id + " was not created by the factory");
  return community;
}

/**
 * Reads the treasury's MRK and ETH balances at the current block. Every data source that calls
 * this carries the MarkToken ABI (`extraAbis` in contracts/registry.ts).
 */
export function refreshBalances(community: Community): void {
  let treasury = Address.fromBytes(community.treasury);
  let mrk = MarkToken.bind(Address.fromBytes(community.mrkToken)).try_balanceOf(treasury);
  if (!mrk.reverted) community.mrkBalance = mrk.value;
  community.ethBalance = ethereum.getBalance(treasury);
}

/** The account `account` of `community`, created as a non-member without votes when new. */
export function getOrCreateMember(community: Community, account: Address): CommunityMember {
  let id = community.id + "-" + account.toHexString();
  let member = CommunityMember.load(id);
  if (member != null) return member;
  member = new CommunityMember(id);
  member.community = community.id;
  member.account = account;
  member.isMember = false;
  member.paid = BigInt.zero();
  member.expelled = false;
  member.votes = BigInt.zero();
  return member;
}

/** Records a movement of the treasury's assets, with the event's id. */
export function recordMovement(
  event: ethereum.Event,
  community: Community,
  kind: string,
  direction: string,
  token: Bytes,
  amount: BigInt,
  counterparty: Bytes,
): void {
  let movement = new TreasuryMovement(eventId(event));
  movement.community = community.id;
  movement.kind = kind;
  movement.direction = direction;
  movement.token = token;
  movement.amount = amount;
  movement.counterparty = counterparty;
  movement.blockNumber = event.block.number;
  movement.blockTimestamp = event.block.timestamp;
  movement.transactionHash = event.transaction.hash;
  movement.save();
}

/** The schema's `CommunityJoinPolicy` for the membership's `JoinPolicy` value. */
export function joinPolicyName(policy: i32): string {
  if (policy == 1) return "Purchase";
  if (policy == 2) return "Open";
  return "InviteOnly";
}
