"use client";
/**
 * The buy form: an ETH amount, and before anything is signed exactly what it buys now, stage by
 * stage, from the sale's own `quote(weiAmount)`. `buy(minTokens)` accepts the quote less 1 %
 * (another purchase may move the stage in between); the excess ETH comes back in the same call.
 */
import { useState } from "react";
import { useReadContract } from "wagmi";
import type { Abi } from "viem";
import { markSaleAbi } from "@markspace/contracts/abis";
import { describeEconomyError } from "../chain/describeEconomyError.ts";
import { useAppConfig } from "../config/AppConfigContext.tsx";
import { DEFAULT_SLIPPAGE_BPS, minTokensAfterSlippage, parseAmount } from "../economy/amountInput.ts";
import { formatEth, formatMrk, formatUsd } from "../economy/format.ts";
import { useTransactionFlow } from "../economy/useTransactionFlow.ts";
import { useWriteAccount } from "../economy/useWriteAccount.ts";
import type { Sale } from "../subgraph/economyQueries.ts";
import { TransactionStatus } from "./TransactionStatus.tsx";
import { WalletHint } from "./WalletHint.tsx";

type Props = { sale: Sale; open: boolean; now: bigint | undefined };

export function SaleBuyForm({ sale, open, now }: Props) {
  const { contracts, chainId } = useAppConfig();
  const wallet = useWriteAccount();
  const { status, run, reset } = useTransactionFlow();
  const [text, setText] = useState("");
  const parsed = parseAmount(text);
  const wei = parsed.ok ? parsed.wei : undefined;

  const quote = useReadContract({
    address: contracts.markSale,
    abi: markSaleAbi,
    functionName: "quote",
    args: wei !== undefined ? [wei] : undefined,
    chainId,
    query: { enabled: wei !== undefined, retry: false },
  });
  const minPurchase = useReadContract({
    address: contracts.markSale,
    abi: markSaleAbi,
    functionName: "MIN_PURCHASE",
    chainId,
  });
  const maxPurchase = useReadContract({
    address: contracts.markSale,
    abi: markSaleAbi,
    functionName: "MAX_PURCHASE",
    chainId,
  });

  const [tokens, weiCharged, refund, perStage] = quote.data ?? [];
  const minTokens = tokens !== undefined ? minTokensAfterSlippage(tokens) : undefined;
  const belowMinimum = wei !== undefined && minPurchase.data !== undefined && wei < minPurchase.data;
  const aboveMaximum = tokens !== undefined && maxPurchase.data !== undefined && tokens > maxPurchase.data;
  const busy = status.state === "pending";
  const canBuy =
    wallet.canWrite &&
    open &&
    !busy &&
    wei !== undefined &&
    tokens !== undefined &&
    tokens > 0n &&
    !belowMinimum &&
    !aboveMaximum &&
    quote.data !== undefined &&
    !quote.isFetching;

  return (
    <form
      className="economy-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (!canBuy || !wallet.account || minTokens === undefined) return;
        void run(wallet.account, [
          {
            label: "purchase",
            address: contracts.markSale,
            abi: markSaleAbi as Abi,
            functionName: "buy",
            args: [minTokens],
            value: wei,
          },
        ]).then((ok) => ok && setText(""));
      }}
    >
      <fieldset disabled={busy}>
        <legend>Buy MRK</legend>
        <label className="field">
          <span>Pay (ETH)</span>
          <input
            data-testid="sale-buy-amount"
            inputMode="decimal"
            autoComplete="off"
            placeholder="0.5"
            value={text}
            aria-invalid={text !== "" && !parsed.ok}
            onChange={(event) => {
              setText(event.target.value);
              if (status.state !== "pending") reset();
            }}
          />
        </label>
        {text !== "" && !parsed.ok ? <p className="error-text">{parsed.message}</p> : null}
        {belowMinimum && minPurchase.data !== undefined ? (
          <p className="error-text">The smallest purchase is {formatEth(minPurchase.data)}.</p>
        ) : null}

        <div className="quote" data-testid="sale-quote" aria-live="polite">
          {wei === undefined ? (
            <p className="muted">Enter an amount to see what it buys.</p>
          ) : quote.isError ? (
            <p className="error-text" data-testid="sale-quote-error">
              {describeEconomyError(quote.error).shortMessage}
            </p>
          ) : quote.data === undefined ? (
            <p className="muted">Asking the sale for a quote…</p>
          ) : (
            <>
              <p>
                You receive <strong data-testid="sale-quote-tokens">{formatMrk(tokens!, 4)}</strong> for{" "}
                <span data-testid="sale-quote-charged">{formatEth(weiCharged!, 8)}</span>
                {refund! > 0n ? (
                  <>
                    ; <span data-testid="sale-quote-refund">{formatEth(refund!, 8)}</span> comes back to you
                  </>
                ) : null}
                .
              </p>
              <table className="quote-table">
                <thead>
                  <tr>
                    <th scope="col">Stage</th>
                    <th scope="col">Price</th>
                    <th scope="col">MRK</th>
                  </tr>
                </thead>
                <tbody>
                  {perStage!.map((amount, i) =>
                    amount > 0n ? (
                      <tr key={i} data-testid={`sale-quote-stage-${i}`}>
                        <td>{i + 1}</td>
                        <td>{sale.stages[i] ? formatUsd(sale.stages[i].priceUsd) : "—"}</td>
                        <td>{formatMrk(amount, 4)}</td>
                      </tr>
                    ) : null,
                  )}
                </tbody>
              </table>
              <p className="muted small">
                The purchase is refused if it would give fewer than{" "}
                <span data-testid="sale-quote-min-tokens">{formatMrk(minTokens!, 4)}</span> (
                {Number(DEFAULT_SLIPPAGE_BPS) / 100} % below the quote) by the time it is mined.{" "}
                {now !== undefined && now >= sale.tokensReleaseAt
                  ? "The MRK arrive in your wallet with the purchase."
                  : "Bought MRK stay in the sale until the release time; then you claim them."}
              </p>
              {aboveMaximum && maxPurchase.data !== undefined ? (
                <p className="error-text">One purchase may buy at most {formatMrk(maxPurchase.data, 0)}.</p>
              ) : null}
            </>
          )}
        </div>
      </fieldset>
      <WalletHint wallet={wallet} action="buy" />
      {!open ? <p className="muted">The sale is not accepting purchases now.</p> : null}
      <button type="submit" className="button primary" data-testid="sale-buy-submit" disabled={!canBuy}>
        {busy ? "Buying…" : tokens !== undefined && tokens > 0n ? `Buy ${formatMrk(tokens, 2)}` : "Buy"}
      </button>
      <TransactionStatus status={status} testId="sale-buy-status" />
    </form>
  );
}
