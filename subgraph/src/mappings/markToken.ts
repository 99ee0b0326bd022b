import { BigInt } from "@graphprotocol/graph-ts";
import { GenesisAllocated, Transfer } from "../../generated/MarkToken/MarkToken";
import { FundLock } from "../../generated/MarkToken/FundLock";
import { Fund, MrkTransfer, Token } from "../../generated/schema";
import { getOrCreateAccount, isZeroAddress } from "../helpers/accounts";
import { eventId } from "../helpers/events";

/** The allocation table's fund names, in the order `MarkToken` mints them (genesis-allocation.ts). */
const FUND_NAMES: string[] = [
  "Closed pre-sale fund",
  "Token sale fund",
  "Miners rendering fund",
  "Cross sale liquidity fund",
  "Core team",
  "Participators",
  "Advisers",
  "Angels",
  "Bounty fund",
];

/** ERC-20 `Transfer` of MRK: moves the amount between the two accounts and records the transfer. */
export function handleTransfer(event: Transfer): void {
  let amount = event.params.value;
  let transfer = new MrkTransfer(eventId(event));
  transfer.from = event.params.from;
  transfer.to = event.params.to;
  if (!isZeroAddress(event.params.from)) {
    let from = getOrCreateAccount(event.params.from, event.block.number);
    from.mrkBalance = from.mrkBalance.minus(amount);
    from.save();
    transfer.fromAccount = from.id;
    let fund = Fund.load(event.params.from);
    if (fund != null) {
      fund.balance = fund.balance.minus(amount);
      fund.save();
    }
  }
  if (!isZeroAddress(event.params.to)) {
    let to = getOrCreateAccount(event.params.to, event.block.number);
    to.mrkBalance = to.mrkBalance.plus(amount);
    to.save();
    transfer.toAccount = to.id;
    let fund = Fund.load(event.params.to);
    if (fund != null) {
      fund.balance = fund.balance.plus(amount);
      fund.save();
    }
  }
  transfer.value = amount;
  transfer.blockNumber = event.block.number;
  transfer.blockTimestamp = event.block.timestamp;
  transfer.transactionHash = event.transaction.hash;
  transfer.save();
}

/**
 * `GenesisAllocated`, once per line of the allocation table, right after the line's mint: creates
 * the fund. Its lock's release time and beneficiary are read from the lock; a holder that is not
 * a `FundLock` (the sale) fills them in from its own events.
 */
export function handleGenesisAllocated(event: GenesisAllocated): void {
  let token = Token.load(event.address);
  if (token == null) {
    token = new Token(event.address);
    token.totalSupply = BigInt.zero();
    token.fundCount = 0;
  }
  let index = token.fundCount;
  token.fundCount = index + 1;
  token.totalSupply = token.totalSupply.plus(event.params.amount);
  token.save();
  let fund = new Fund(event.params.recipient);
  fund.token = event.address;
  fund.tokenEntity = token.id;
  fund.index = index;
  fund.name = index < FUND_NAMES.length ? FUND_NAMES[index] : "Fund " + index.toString();
  fund.amount = event.params.amount;
  fund.released = BigInt.zero();
  // The mint's Transfer came first, before the fund existed.
  fund.balance = event.params.amount;
  fund.genesisBlock = event.block.number;
  let lock = FundLock.bind(event.params.recipient);
  let start = lock.try_start();
  let owner = lock.try_owner();
  fund.releaseAt = start.reverted ? BigInt.zero() : start.value;
  if (!owner.reverted) fund.beneficiary = owner.value;
  fund.save();
}
