"use client";
/**
 * The MRK sale: the current stage and its price, tokens left in the stage and overall, a
 * progress bar over the five stages, the opening hours and when bought MRK can move; the buy
 * form and, once tokens are released, the claim button. Reads the subgraph; buying needs a wallet.
 */
import { useQuery } from "@tanstack/react-query";
import { useAppConfig } from "../config/AppConfigContext.tsx";
import { toErrorView } from "../errors/MarkspaceAppError.ts";
import { formatDateTime, formatDuration, formatEth, formatMrk, formatPercent, formatUsd } from "../economy/format.ts";
import { useChainNow } from "../economy/useChainNow.ts";
import { fetchSale } from "../subgraph/economyClient.ts";
import type { Sale } from "../subgraph/economyQueries.ts";
import { ErrorNotice } from "./ErrorNotice.tsx";
import { SaleBuyForm } from "./SaleBuyForm.tsx";
import { SaleClaim } from "./SaleClaim.tsx";
import { SaleProceeds } from "./SaleProceeds.tsx";

export const SALE_POLL_MS = 5_000;

export function saleQueryKey(subgraphUrl: string, sale: string) {
  return ["sale", subgraphUrl, sale] as const;
}

/** Whether purchases are accepted at `now`, and a sentence saying so. */
function saleWindow(sale: Sale, now: bigint | undefined): { open: boolean; text: string } {
  if (sale.finalized) return { open: false, text: "The sale has ended." };
  if (sale.tokensLeft === 0n) return { open: false, text: "Sold out." };
  if (now === undefined) return { open: false, text: "…" };
  if (now < sale.opensAt) return { open: false, text: `Opens in ${formatDuration(sale.opensAt - now)}.` };
  if (now >= sale.closesAt) return { open: false, text: "The sale has closed." };
  return { open: true, text: `Open; closes in ${formatDuration(sale.closesAt - now)}.` };
}

export function SaleOverview() {
  const { subgraphUrl, contracts } = useAppConfig();
  const now = useChainNow();
  const query = useQuery({
    queryKey: saleQueryKey(subgraphUrl, contracts.markSale),
    queryFn: ({ signal }) => fetchSale({ url: subgraphUrl, sale: contracts.markSale, signal }),
    refetchInterval: SALE_POLL_MS,
  });

  if (query.isPending)
    return (
      <p className="muted" role="status">
        Loading the sale from the subgraph…
      </p>
    );
  if (query.isError && !query.data)
    return <ErrorNotice title="The sale is unavailable" error={toErrorView(query.error)} />;
  const sale = query.data?.sale;
  if (!sale) return <p className="muted">The subgraph has not indexed the sale yet.</p>;

  const stageIndex = Math.min(sale.currentStage, sale.stages.length - 1);
  const stage = sale.stages[stageIndex];
  const window = saleWindow(sale, now);

  return (
    <>
      <section className="economy-section" aria-label="Sale state">
        <dl className="facts">
          <div>
            <dt>Current stage</dt>
            <dd data-testid="sale-current-stage">
              {sale.currentStage >= sale.stages.length ? "sold out" : `${stageIndex + 1} of ${sale.stages.length}`}
              {stage ? ` (${stage.discountBps / 100} % off)` : ""}
            </dd>
          </div>
          <div>
            <dt>Price per MRK</dt>
            <dd data-testid="sale-price">{stage ? formatUsd(stage.priceUsd) : "—"}</dd>
          </div>
          <div>
            <dt>Left in this stage</dt>
            <dd data-testid="sale-stage-left">{stage ? formatMrk(stage.left, 0) : "—"}</dd>
          </div>
          <div>
            <dt>Left in the sale</dt>
            <dd data-testid="sale-tokens-left">
              {formatMrk(sale.tokensLeft, 0)} of {formatMrk(sale.cap, 0)}
            </dd>
          </div>
          <div>
            <dt>Raised</dt>
            <dd>
              {formatEth(sale.weiRaised, 4)} · {formatUsd(sale.usdRaised, 0)} · {sale.purchaseCount}{" "}
              {sale.purchaseCount === 1 ? "purchase" : "purchases"}
            </dd>
          </div>
        </dl>

        <div className="stage-bar" role="img" aria-label={`${formatPercent(sale.sold, sale.cap)} of the sale sold`}>
          {sale.stages.map((s) => (
            <div
              key={s.index}
              className={`stage-segment${s.index === sale.currentStage ? " current" : ""}`}
              style={{ flexGrow: Number(s.size / 10n ** 24n) }}
              title={`Stage ${s.index + 1}: ${formatUsd(s.priceUsd)} per MRK, ${formatMrk(s.sold, 0)} of ${formatMrk(s.size, 0)} sold`}
            >
              <span className="stage-fill" style={{ width: `${Number((s.sold * 10_000n) / s.size) / 100}%` }} />
              <span className="stage-label">
                {s.index + 1} · {formatUsd(s.priceUsd)}
              </span>
            </div>
          ))}
        </div>
        <p className="muted small" data-testid="sale-progress">
          {formatMrk(sale.sold, 0)} sold ({formatPercent(sale.sold, sale.cap)}).
        </p>

        <dl className="facts">
          <div>
            <dt>Opens</dt>
            <dd data-testid="sale-opens-at">{formatDateTime(sale.opensAt)}</dd>
          </div>
          <div>
            <dt>Closes</dt>
            <dd data-testid="sale-closes-at">{formatDateTime(sale.closesAt)}</dd>
          </div>
          <div>
            <dt>Bought MRK released</dt>
            <dd data-testid="sale-release-at">{formatDateTime(sale.tokensReleaseAt)}</dd>
          </div>
          <div>
            <dt>Status</dt>
            <dd data-testid="sale-window" data-open={window.open}>
              {window.text}
            </dd>
          </div>
        </dl>
      </section>

      <SaleBuyForm sale={sale} open={window.open} now={now} />
      <SaleClaim releaseAt={sale.tokensReleaseAt} now={now} />
      <SaleProceeds sale={sale} now={now} />
    </>
  );
}
