"use client";
/**
 * The end of the sale and its ETH: once the sale has closed or sold out, anyone may finalize it
 * (unsold MRK to the rendering fund, up to 200 M, and the treasury); the ETH raised is shared
 * by the whitepaper's uses of the proceeds, and anyone may send each use its share (the ETH only
 * ever goes to that use's payee).
 */
import { useReadContracts } from "wagmi";
import type { Abi } from "viem";
import { markSaleAbi } from "@markspace/contracts/abis";
import { useAppConfig } from "../config/AppConfigContext.tsx";
import { formatEth } from "../economy/format.ts";
import { useTransactionFlow } from "../economy/useTransactionFlow.ts";
import { useWriteAccount } from "../economy/useWriteAccount.ts";
import type { Sale } from "../subgraph/economyQueries.ts";
import { shortAddress } from "./shortAddress.ts";
import { TransactionStatus } from "./TransactionStatus.tsx";

/** The uses of the proceeds in `MarkSale`'s order (purpose 0 to 6) and their shares. */
export const PROCEEDS_PURPOSES = [
  { name: "Core team", percent: 4 },
  { name: "Participators", percent: 6 },
  { name: "Research", percent: 7 },
  { name: "Development", percent: 33 },
  { name: "Marketing", percent: 36 },
  { name: "Indirect (office, salaries, legal)", percent: 10 },
  { name: "Technology infrastructure", percent: 4 },
] as const;

export function SaleProceeds({ sale, now }: { sale: Sale; now: bigint | undefined }) {
  const { contracts, chainId } = useAppConfig();
  const wallet = useWriteAccount();
  const { status, run } = useTransactionFlow();
  const reads = useReadContracts({
    contracts: PROCEEDS_PURPOSES.flatMap((_, purpose) => [
      { address: contracts.markSale, abi: markSaleAbi, functionName: "releasable", args: [purpose], chainId },
      { address: contracts.markSale, abi: markSaleAbi, functionName: "payees", args: [purpose], chainId },
    ]),
    query: { refetchInterval: 10_000 },
  });
  const over = sale.tokensLeft === 0n || (now !== undefined && now >= sale.closesAt);
  const busy = status.state === "pending";
  const send = (label: string, functionName: "finalize" | "withdrawProceeds", args: readonly unknown[] = []) =>
    wallet.account &&
    void run(wallet.account, [
      { label, address: contracts.markSale, abi: markSaleAbi as Abi, functionName, args },
    ]).then(() => reads.refetch());

  return (
    <section className="economy-section" aria-label="The sale's end and proceeds">
      <h2>End of the sale and its proceeds</h2>
      {sale.finalized ? (
        <p data-testid="sale-finalized">The sale is finalized.</p>
      ) : over ? (
        <p>
          The sale is over; anyone may finalize it: up to 200,000,000 unsold MRK go to the rendering fund, the rest to
          the treasury.{" "}
          <button
            type="button"
            className="button"
            data-testid="sale-finalize"
            disabled={!wallet.canWrite || busy}
            onClick={() => send("finalize", "finalize")}
          >
            Finalize the sale
          </button>
        </p>
      ) : (
        <p className="muted small">The sale can be finalized once it has closed or sold out.</p>
      )}
      <table className="unit-table">
        <thead>
          <tr>
            <th>use of proceeds</th>
            <th>share</th>
            <th>payee</th>
            <th>ready to withdraw</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {PROCEEDS_PURPOSES.map((purpose, i) => {
            const releasable = reads.data?.[2 * i]?.result as bigint | undefined;
            const payee = reads.data?.[2 * i + 1]?.result as string | undefined;
            return (
              <tr key={purpose.name} data-testid={`sale-proceeds-${i}`}>
                <td>{purpose.name}</td>
                <td>{purpose.percent} %</td>
                <td>{payee ? shortAddress(payee) : "…"}</td>
                <td data-testid={`sale-proceeds-${i}-releasable`}>
                  {releasable === undefined ? "…" : formatEth(releasable)}
                </td>
                <td>
                  <button
                    type="button"
                    className="button secondary"
                    data-testid={`sale-proceeds-${i}-withdraw`}
                    disabled={!wallet.canWrite || busy || !releasable}
                    onClick={() => send(`withdrawal for ${purpose.name}`, "withdrawProceeds", [i])}
                  >
                    Send to payee
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <TransactionStatus status={status} testId="sale-proceeds-status" />
    </section>
  );
}
