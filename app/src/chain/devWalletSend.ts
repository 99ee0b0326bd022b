/**
 * The dev wallet's transaction path: builds, signs and sends one transaction with a viem local
 * account. Its own module, imported on the dev wallet's first transaction, so that viem's
 * transaction preparation and signing never load with a page (see `devWallet.ts`).
 */
import { createClient, http, type Address, type Chain, type Hex, type LocalAccount } from "viem";
import { sendTransaction } from "viem/actions";

export type DevTransaction = {
  to?: Address | undefined;
  data?: Hex | undefined;
  value?: bigint | undefined;
  gas?: bigint | undefined;
  nonce?: number | undefined;
  /** Legacy pricing; otherwise EIP-1559 fees (filled in from the chain when absent). */
  gasPrice?: bigint | undefined;
  maxFeePerGas?: bigint | undefined;
  maxPriorityFeePerGas?: bigint | undefined;
};

/** Signs `transaction` with `account` and sends it raw to `rpcUrl`; resolves to its hash. */
export function sendDevTransaction(
  account: LocalAccount,
  chain: Chain,
  rpcUrl: string,
  { gasPrice, maxFeePerGas, maxPriorityFeePerGas, ...common }: DevTransaction,
): Promise<Hex> {
  const client = createClient({ account, chain, transport: http(rpcUrl, { retryCount: 0 }) });
  return gasPrice !== undefined
    ? sendTransaction(client, { ...common, gasPrice })
    : sendTransaction(client, { ...common, maxFeePerGas, maxPriorityFeePerGas });
}
