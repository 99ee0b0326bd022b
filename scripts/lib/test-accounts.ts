import { mnemonicToAccount } from "viem/accounts";
import { bytesToHex, type Hex } from "viem";

/** Chain id of the local Hardhat/EDR chain. */
export const LOCAL_CHAIN_ID = 31337;

/** The public test mnemonic every Hardhat/EDR chain funds; never use it on a real chain. */
export const TEST_MNEMONIC = "test test test test test test test test test test test junk";

/** Private keys of the first 20 funded test accounts (derived, not copied). */
export const TEST_ACCOUNT_KEYS: readonly Hex[] = Array.from({ length: 20 }, (_, addressIndex) => {
  const key = mnemonicToAccount(TEST_MNEMONIC, { addressIndex }).getHdKey().privateKey;
  if (!key) throw new Error(`could not derive test account ${addressIndex}`);
  return bytesToHex(key);
});
