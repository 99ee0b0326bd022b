/**
 * Acting as a contract-held account on the local chain: Hardhat's `hardhat_impersonateAccount`
 * (local chain only) lets scripts and tests send what the treasury or the sale contract would
 * send after a governance vote or a release date, right after `npm start`.
 */
import { MarkspaceError } from "@markspace/common/errors";
import {
  createWalletClient,
  custom,
  getAddress,
  type Account,
  type Address,
  type Chain,
  type EIP1193Provider,
  type Hex,
  type Transport,
  type WalletClient,
} from "viem";
import type { Deployment } from "../../contracts/deployments.ts";
import { LOCAL_CHAIN_ID } from "./test-accounts.ts";

export type RequestProvider = { request: (args: { method: string; params?: unknown[] }) => Promise<unknown> };

export type ImpersonatedWallet = WalletClient<Transport, Chain | undefined, Account>;

/** 100 ETH: gas for anything a dev script sends. */
const GAS_MONEY = "0x56BC75E2D63100000";

/**
 * Runs `send` with a wallet for `account` (impersonated, given ETH for gas), waits for every
 * transaction it returns, and throws naming `label` and the transaction if one reverted.
 * Refuses any chain but the local one (31337), where impersonation does not exist.
 */
export async function sendImpersonated(
  provider: RequestProvider,
  account: Address,
  label: string,
  send: (wallet: ImpersonatedWallet) => Promise<Hex[]>,
): Promise<void> {
  const chainId = Number(await provider.request({ method: "eth_chainId" }));
  if (chainId !== LOCAL_CHAIN_ID) {
    throw new MarkspaceError({
      shortMessage: `${label}: chain ${chainId} is not the local chain (${LOCAL_CHAIN_ID})`,
      hint: "On a real network this is a governance proposal, not an impersonated call.",
    });
  }
  await provider.request({ method: "hardhat_impersonateAccount", params: [account] });
  await provider.request({ method: "hardhat_setBalance", params: [account, GAS_MONEY] });
  try {
    const wallet = createWalletClient({ account, transport: custom(provider as EIP1193Provider) });
    for (const hash of await send(wallet)) {
      const receipt = (await waitForReceipt(provider, hash)) as { status: string };
      if (receipt.status !== "0x1") {
        throw new MarkspaceError({ shortMessage: `${label}: transaction ${hash} reverted` });
      }
    }
  } finally {
    await provider.request({ method: "hardhat_stopImpersonatingAccount", params: [account] });
  }
}

/** `sendImpersonated` as the treasury timelock, the access manager's admin (what a passed proposal executes). */
export function sendAsTreasury(
  provider: RequestProvider,
  deployment: Deployment,
  label: string,
  send: (wallet: ImpersonatedWallet) => Promise<Hex[]>,
): Promise<void> {
  return sendImpersonated(provider, getAddress(deployment.contracts.MarkTreasury.address), label, send);
}

async function waitForReceipt(provider: RequestProvider, hash: Hex): Promise<unknown> {
  for (;;) {
    const receipt = await provider.request({ method: "eth_getTransactionReceipt", params: [hash] });
    if (receipt) return receipt;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
