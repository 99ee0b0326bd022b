import { Address, BigInt, Bytes, ethereum } from "@graphprotocol/graph-ts";
import {
  CallExecuted,
  Donated,
  MinDelayChange,
} from "../../generated/templates/CommunityTreasuryClone/CommunityTreasury";
import { CommunityDonation } from "../../generated/schema";
import { contextCommunity, recordMovement, refreshBalances } from "../helpers/communities";
import { eventId } from "../helpers/events";

/** `transfer(address,uint256)`'s selector. */
const TRANSFER_SELECTOR = "0xa9059cbb";

/** `Donated`: the donation, the donated sums, a movement in, and the balances. */
export function handleDonated(event: Donated): void {
  let community = contextCommunity();
  let donation = new CommunityDonation(eventId(event));
  donation.community = community.id;
  donation.donor = event.params.donor;
  donation.token = event.params.token;
  donation.amount = event.params.amount;
  donation.blockNumber = event.block.number;
  donation.blockTimestamp = event.block.timestamp;
  donation.transactionHash = event.transaction.hash;
  donation.save();
  if (event.params.token.equals(Address.zero())) community.ethDonated = community.ethDonated.plus(event.params.amount);
  else community.mrkDonated = community.mrkDonated.plus(event.params.amount);
  recordMovement(event, community, "Donation", "In", event.params.token, event.params.amount, event.params.donor);
  refreshBalances(community);
  community.save();
}

/**
 * `CallExecuted`: one call of an executed proposal. ETH it sent leaves the treasury; so does MRK
 * when the call is the MRK token's `transfer`. Other effects (approvals, purchases paid by
 * `transferFrom`) show in the balances, read again here.
 */
export function handleCallExecuted(event: CallExecuted): void {
  let community = contextCommunity();
  let target = event.params.target;
  let data = event.params.data;
  if (event.params.value.gt(BigInt.zero())) {
    recordMovement(event, community, "ExecutedCall", "Out", Address.zero(), event.params.value, target);
  } else if (target.equals(community.mrkToken) && data.length == 68 && isTransfer(data)) {
    let decoded = ethereum.decode("(address,uint256)", Bytes.fromUint8Array(data.subarray(4)));
    if (decoded != null) {
      let args = decoded.toTuple();
      recordMovement(event, community, "ExecutedCall", "Out", target, args[1].toBigInt(), args[0].toAddress());
    }
  }
  refreshBalances(community);
  community.save();
}

function isTransfer(data: Bytes): boolean {
  return Bytes.fromUint8Array(data.subarray(0, 4)).toHexString() == TRANSFER_SELECTOR;
}

/** `MinDelayChange`: the timelock's delay. */
export function handleMinDelayChange(event: MinDelayChange): void {
  let community = contextCommunity();
  community.timelockDelay = event.params.newDuration;
  community.save();
}
