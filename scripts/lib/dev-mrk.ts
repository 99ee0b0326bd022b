/**
 * MRK for test and bench accounts on the local chain: the sale contract holds the token-sale
 * fund from genesis, so impersonating it (Hardhat's `hardhat_impersonateAccount`, local chain
 * only) hands out MRK at once, without waiting for the sale's release time.
 */
import { createWalletClient, custom, getAddress, type Address, type EIP1193Provider, type Hex } from "viem";
import { markTokenAbi } from "../../contracts/generated/abis.ts";
import type { Deployment } from "../../contracts/deployments.ts";

type RequestProvider = { request: (args: { method: string; params?: unknown[] }) => Promise<unknown> };

/** Sends `amount` MRK wei from the sale's fund to each of `recipients`; resolves once all are mined. */
export async function lendSaleMrk(
  provider: RequestProvider,
  deployment: Deployment,
  recipients: readonly Address[],
  amount: bigint,
): Promise<void> {
  const sale = getAddress(deployment.contracts.MarkSale.address);
  const token = getAddress(deployment.contracts.MarkToken.address);
  await provider.request({ method: "hardhat_impersonateAccount", params: [sale] });
  await provider.request({ method: "hardhat_setBalance", params: [sale, "0x56BC75E2D63100000"] });
  try {
    const wallet = createWalletClient({ account: sale, transport: custom(provider as EIP1193Provider) });
    const hashes: Hex[] = [];
    for (const to of recipients) {
      hashes.push(
        await wallet.writeContract({
          chain: null,
          address: token,
          abi: markTokenAbi,
          functionName: "transfer",
          args: [to, amount],
        }),
      );
    }
    for (const hash of hashes) {
      const receipt = (await waitForReceipt(provider, hash)) as { status: string };
      if (receipt.status !== "0x1") throw new Error(`lendSaleMrk: transfer ${hash} reverted`);
    }
  } finally {
    await provider.request({ method: "hardhat_stopImpersonatingAccount", params: [sale] });
  }
}

async function waitForReceipt(provider: RequestProvider, hash: Hex): Promise<unknown> {
  for (;;) {
    const receipt = await provider.request({ method: "eth_getTransactionReceipt", params: [hash] });
    if (receipt) return receipt;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
