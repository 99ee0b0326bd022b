"use client";
/**
 * MRK's fixed supply and the nine genesis funds: a bar per fund (its share of the supply), when
 * it unlocks, who receives it and how much was released; a release button for an unlocked lock
 * that still holds MRK. Read from the subgraph; works without a wallet.
 */
import { useQuery } from "@tanstack/react-query";
import { fundLockAbi } from "@markspace/contracts/abis";
import { MRK_TOTAL_SUPPLY } from "@markspace/contracts/genesis-allocation";
import type { Abi } from "viem";
import { useAppConfig } from "../config/AppConfigContext.tsx";
import { toErrorView } from "../errors/MarkspaceAppError.ts";
import { formatDate, formatMrk, formatPercent } from "../economy/format.ts";
import { useChainNow } from "../economy/useChainNow.ts";
import { useTransactionFlow } from "../economy/useTransactionFlow.ts";
import { useWriteAccount } from "../economy/useWriteAccount.ts";
import { fetchTokenFunds } from "../subgraph/economyClient.ts";
import type { Fund } from "../subgraph/economyQueries.ts";
import { ErrorNotice } from "./ErrorNotice.tsx";
import { shortAddress } from "./shortAddress.ts";
import { TransactionStatus } from "./TransactionStatus.tsx";
import { WalletHint } from "./WalletHint.tsx";

export const TOKEN_POLL_MS = 5_000;

export function TokenOverview() {
  const { subgraphUrl, contracts } = useAppConfig();
  const now = useChainNow();
  const wallet = useWriteAccount();
  const { status, run } = useTransactionFlow();
  const query = useQuery({
    queryKey: ["token-funds", subgraphUrl, contracts.markToken] as const,
    queryFn: ({ signal }) => fetchTokenFunds({ url: subgraphUrl, token: contracts.markToken, signal }),
    refetchInterval: TOKEN_POLL_MS,
  });

  if (query.isPending)
    return (
      <p className="muted" role="status">
        Loading the genesis funds from the subgraph…
      </p>
    );
  if (query.isError && !query.data)
    return <ErrorNotice title="The funds are unavailable" error={toErrorView(query.error)} />;
  const data = query.data!;
  const supply = data.token?.totalSupply ?? MRK_TOTAL_SUPPLY;
  const largest = data.funds.reduce((max, fund) => (fund.amount > max ? fund.amount : max), 0n);
  const busy = status.state === "pending";

  const release = (fund: Fund) => {
    if (!wallet.account) return;
    void run(wallet.account, [
      {
        label: `release of the ${fund.name}`,
        address: fund.id,
        abi: fundLockAbi as Abi,
        functionName: "release",
        args: [contracts.markToken],
      },
    ]);
  };

  return (
    <section className="economy-section" aria-label="Supply and genesis funds">
      <dl className="facts">
        <div>
          <dt>Total supply</dt>
          <dd data-testid="token-total-supply">{formatMrk(supply)}</dd>
        </div>
        <div>
          <dt>Genesis funds</dt>
          <dd>{data.funds.length}</dd>
        </div>
        <div>
          <dt>Token contract</dt>
          <dd>
            <code>{contracts.markToken}</code>
          </dd>
        </div>
      </dl>

      <div className="stacked-bar" aria-hidden="true">
        {data.funds.map((fund) => (
          <span
            key={fund.id}
            className={`segment fund-colour-${fund.index % 9}`}
            style={{ width: `${Number((fund.amount * 10_000n) / supply) / 100}%` }}
            title={`${fund.name}: ${formatMrk(fund.amount, 0)}`}
          />
        ))}
      </div>

      {data.funds.length === 0 ? (
        <p className="muted">The subgraph has not indexed the genesis allocation yet.</p>
      ) : null}
      <ol className="fund-list">
        {data.funds.map((fund) => {
          const unlocked = now !== undefined && now >= fund.releaseAt;
          const canRelease = fund.beneficiary !== null && unlocked && fund.balance > 0n;
          return (
            <li key={fund.id} className="fund-row" data-testid={`token-fund-${fund.index}`}>
              <div className="fund-head">
                <span className={`swatch fund-colour-${fund.index % 9}`} aria-hidden="true" />
                <strong>{fund.name}</strong>
                <span className="fund-amount" data-testid={`token-fund-${fund.index}-amount`}>
                  {formatMrk(fund.amount, 0)} · {formatPercent(fund.amount, supply)}
                </span>
              </div>
              <div className="bar" aria-hidden="true">
                <span
                  className={`bar-fill fund-colour-${fund.index % 9}`}
                  style={{ width: `${largest > 0n ? Number((fund.amount * 10_000n) / largest) / 100 : 0}%` }}
                />
              </div>
              <div className="fund-facts">
                <span data-testid={`token-fund-${fund.index}-release-date`}>
                  {now === undefined ? "…" : unlocked ? "unlocked" : `unlocks ${formatDate(fund.releaseAt)}`}
                </span>
                <span>
                  {fund.beneficiary ? (
                    <>
                      beneficiary <code title={fund.beneficiary}>{shortAddress(fund.beneficiary)}</code>
                      {fund.beneficiary === contracts.markTreasury ? " (treasury)" : ""}
                    </>
                  ) : (
                    "goes to the sale's buyers"
                  )}
                </span>
                <span data-testid={`token-fund-${fund.index}-released`}>released {formatMrk(fund.released)}</span>
                <span>holds {formatMrk(fund.balance)}</span>
                {canRelease ? (
                  <button
                    type="button"
                    className="button secondary small-button"
                    data-testid={`token-fund-${fund.index}-release`}
                    disabled={!wallet.canWrite || busy}
                    title={wallet.canWrite ? "Send the unlocked MRK to the beneficiary" : "Connect a wallet first"}
                    onClick={() => release(fund)}
                  >
                    Release to beneficiary
                  </button>
                ) : null}
              </div>
            </li>
          );
        })}
      </ol>
      {data.funds.some((fund) => fund.beneficiary !== null && now !== undefined && now >= fund.releaseAt) ? (
        <WalletHint wallet={wallet} action="release an unlocked fund" />
      ) : null}
      <TransactionStatus status={status} testId="token-release-status" />
      <p className="muted small">Indexed to block {data._meta.block.number}.</p>
    </section>
  );
}
