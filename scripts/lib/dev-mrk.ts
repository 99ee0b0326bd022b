/**
 * MRK for test and bench accounts on the local chain: the sale contract holds the token-sale
 * fund from genesis, so impersonating it (`sendImpersonated`, local chain only) hands out MRK at
 * once, without waiting for the sale's release time.
 */
import { getAddress, type Address, type Hex } from "viem";
import { markTokenAbi } from "../../contracts/generated/abis.ts";
import type { Deployment } from "../../contracts/deployments.ts";
import { sendImpersonated, type RequestProvider } from "./dev-impersonate.ts";

/** Sends `amount` MRK wei from the sale's fund to each of `recipients`; resolves once all are mined. */
export async function lendSaleMrk(
  provider: RequestProvider,
  deployment: Deployment,
  recipients: readonly Address[],
  amount: bigint,
): Promise<void> {
  const sale = getAddress(deployment.contracts.MarkSale.address);
  const token = getAddress(deployment.contracts.MarkToken.address);
  await sendImpersonated(provider, sale, "lendSaleMrk", async (wallet) => {
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
    return hashes;
  });
}
