import { DelegateChanged, DelegateVotesChanged, Transfer } from "../../generated/WrappedMark/WrappedMark";
import { Delegation } from "../../generated/schema";
import { getOrCreateAccount, isZeroAddress } from "../helpers/accounts";
import { eventId } from "../helpers/events";
import { getOrCreateGovernance } from "../helpers/governance";

/** wMRK `Transfer`: wrapping mints, unwrapping burns; the wrapped supply follows both. */
export function handleWrappedTransfer(event: Transfer): void {
  let amount = event.params.value;
  if (!isZeroAddress(event.params.from)) {
    let from = getOrCreateAccount(event.params.from, event.block.number);
    from.wrappedBalance = from.wrappedBalance.minus(amount);
    from.save();
  }
  if (!isZeroAddress(event.params.to)) {
    let to = getOrCreateAccount(event.params.to, event.block.number);
    to.wrappedBalance = to.wrappedBalance.plus(amount);
    to.save();
  }
  let governance = getOrCreateGovernance();
  if (isZeroAddress(event.params.from)) governance.wrappedSupply = governance.wrappedSupply.plus(amount);
  if (isZeroAddress(event.params.to)) governance.wrappedSupply = governance.wrappedSupply.minus(amount);
  governance.save();
}

/** `DelegateChanged`: the delegator's votes now go to `toDelegate`. */
export function handleDelegateChanged(event: DelegateChanged): void {
  let delegator = getOrCreateAccount(event.params.delegator, event.block.number);
  if (isZeroAddress(event.params.toDelegate)) {
    delegator.delegate = null;
  } else {
    let delegate = getOrCreateAccount(event.params.toDelegate, event.block.number);
    delegate.save();
    delegator.delegate = delegate.id;
  }
  delegator.save();
  let delegation = new Delegation(eventId(event));
  delegation.delegator = delegator.id;
  delegation.fromDelegate = event.params.fromDelegate;
  delegation.toDelegate = event.params.toDelegate;
  delegation.blockNumber = event.block.number;
  delegation.blockTimestamp = event.block.timestamp;
  delegation.transactionHash = event.transaction.hash;
  delegation.save();
}

/** `DelegateVotesChanged`: the delegate's current voting power. */
export function handleDelegateVotesChanged(event: DelegateVotesChanged): void {
  let delegate = getOrCreateAccount(event.params.delegate, event.block.number);
  delegate.votes = event.params.newVotes;
  delegate.save();
}
