import { Transfer } from "../../generated/MarkToken/MarkToken";
import { getOrCreateAccount, isZeroAddress } from "../helpers/accounts";

/** ERC-20 `Transfer` of MRK: moves the amount between the two accounts' balances (mints skip `from`). */
export function handleTransfer(event: Transfer): void {
  let amount = event.params.value;
  if (!isZeroAddress(event.params.from)) {
    let from = getOrCreateAccount(event.params.from, event.block.number);
    from.mrkBalance = from.mrkBalance.minus(amount);
    from.save();
  }
  if (!isZeroAddress(event.params.to)) {
    let to = getOrCreateAccount(event.params.to, event.block.number);
    to.mrkBalance = to.mrkBalance.plus(amount);
    to.save();
  }
}
