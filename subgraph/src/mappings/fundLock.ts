import { ERC20Released, OwnershipTransferred } from "../../generated/ClosedPreSaleLock/FundLock";
import { Fund, FundRelease } from "../../generated/schema";
import { eventId } from "../helpers/events";

/** `ERC20Released` of MRK: the lock paid its beneficiary (other tokens sent to a lock are ignored). */
export function handleErc20Released(event: ERC20Released): void {
  let fund = Fund.load(event.address);
  if (fund == null || !event.params.token.equals(fund.token)) return;
  let release = new FundRelease(eventId(event));
  release.fund = fund.id;
  release.beneficiary = fund.beneficiary !== null ? fund.beneficiary! : event.transaction.from;
  release.amount = event.params.amount;
  release.blockNumber = event.block.number;
  release.blockTimestamp = event.block.timestamp;
  release.transactionHash = event.transaction.hash;
  release.save();
  fund.released = fund.released.plus(event.params.amount);
  fund.save();
}

/** `OwnershipTransferred`: the beneficiary handed the fund on. The constructor's event precedes genesis. */
export function handleOwnershipTransferred(event: OwnershipTransferred): void {
  let fund = Fund.load(event.address);
  if (fund == null) return;
  fund.beneficiary = event.params.newOwner;
  fund.save();
}
