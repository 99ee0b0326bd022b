"use client";
/** The connected account's bought-but-unclaimed MRK and, from the release time, the claim button. */
import { useReadContract } from "wagmi";
import type { Abi } from "viem";
import { markSaleAbi } from "@markspace/contracts/abis";
import { useAppConfig } from "../config/AppConfigContext.tsx";
import { formatDateTime, formatMrk } from "../economy/format.ts";
import { useTransactionFlow } from "../economy/useTransactionFlow.ts";
import { useWriteAccount } from "../economy/useWriteAccount.ts";
import { TransactionStatus } from "./TransactionStatus.tsx";

export function SaleClaim({ releaseAt, now }: { releaseAt: bigint; now: bigint | undefined }) {
  const { contracts, chainId } = useAppConfig();
  const wallet = useWriteAccount();
  const { status, run } = useTransactionFlow();
  const claimable = useReadContract({
    address: contracts.markSale,
    abi: markSaleAbi,
    functionName: "claimable",
    args: wallet.account ? [wallet.account] : undefined,
    chainId,
    query: { enabled: wallet.account !== undefined },
  });
  if (!wallet.account) return null;
  const amount = claimable.data ?? 0n;
  const released = now !== undefined && now >= releaseAt;

  return (
    <section className="economy-section" aria-label="Your bought MRK">
      <h2>Your bought MRK</h2>
      <p data-testid="sale-claimable" data-amount={amount.toString()}>
        {claimable.isPending
          ? "Reading…"
          : amount === 0n
            ? "Nothing waiting to be claimed."
            : released
              ? `${formatMrk(amount, 4)} ready to claim.`
              : `${formatMrk(amount, 4)} claimable from ${formatDateTime(releaseAt)}.`}
      </p>
      {amount > 0n && released ? (
        <button
          type="button"
          className="button primary"
          data-testid="sale-claim-submit"
          disabled={!wallet.canWrite || status.state === "pending"}
          onClick={() =>
            wallet.account &&
            void run(wallet.account, [
              { label: "claim", address: contracts.markSale, abi: markSaleAbi as Abi, functionName: "claim" },
            ])
          }
        >
          Claim {formatMrk(amount, 2)}
        </button>
      ) : null}
      <TransactionStatus status={status} testId="sale-claim-status" />
    </section>
  );
}
