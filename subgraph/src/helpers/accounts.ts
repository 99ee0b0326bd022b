import { Address, BigInt, Bytes } from "@graphprotocol/graph-ts";
import { Account } from "../../generated/schema";

/** The account entity of `address`, created with zeroed counters the first time it appears. */
export function getOrCreateAccount(address: Address, blockNumber: BigInt): Account {
  let account = Account.load(address);
  if (account == null) {
    account = new Account(address);
    account.unitCount = 0;
    account.hasClaimedFree = false;
    account.mrkBalance = BigInt.zero();
    account.wrappedBalance = BigInt.zero();
    account.votes = BigInt.zero();
    account.saleClaimable = BigInt.zero();
    account.firstSeenBlock = blockNumber;
  }
  return account;
}

/** True for the zero address, the `from` of mints and the `to` of burns. */
export function isZeroAddress(address: Bytes): boolean {
  return address.equals(Address.zero());
}
