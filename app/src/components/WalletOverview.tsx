"use client";
/**
 * The connected account's MRK: balances and votes read from the chain (live), forms to wrap MRK
 * into voting wMRK, unwrap it and delegate its votes, and its history (MRK transfers and sale
 * purchases) from the subgraph.
 */
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useReadContract } from "wagmi";
import { isAddress, getAddress, zeroAddress, type Abi, type Address } from "viem";
import { markSaleAbi, markTokenAbi, wrappedMarkAbi } from "@markspace/contracts/abis";
import { useAppConfig } from "../config/AppConfigContext.tsx";
import { toErrorView } from "../errors/MarkspaceAppError.ts";
import { parseAmount } from "../economy/amountInput.ts";
import { formatDateTime, formatEth, formatMrk, formatWmrk } from "../economy/format.ts";
import { useTransactionFlow } from "../economy/useTransactionFlow.ts";
import { useWriteAccount } from "../economy/useWriteAccount.ts";
import { fetchAccountHistory } from "../subgraph/economyClient.ts";
import type { AccountHistory, MrkTransfer } from "../subgraph/economyQueries.ts";
import { ErrorNotice } from "./ErrorNotice.tsx";
import { shortAddress } from "./shortAddress.ts";
import { TransactionStatus } from "./TransactionStatus.tsx";

export const WALLET_HISTORY_POLL_MS = 5_000;

export function WalletOverview() {
  const wallet = useWriteAccount();
  if (!wallet.account) {
    return (
      <p className="notice" data-testid="wallet-connect-hint">
        Connect a wallet (menu at the top right) to see its MRK, wrap it for voting and delegate its votes.
      </p>
    );
  }
  return <ConnectedWallet account={wallet.account} canWrite={wallet.canWrite} wrongChain={wallet.wrongChain} />;
}

function ConnectedWallet({
  account,
  canWrite,
  wrongChain,
}: {
  account: Address;
  canWrite: boolean;
  wrongChain: boolean;
}) {
  const { contracts, chainId } = useAppConfig();
  const read = { chainId, query: { refetchInterval: WALLET_HISTORY_POLL_MS } } as const;
  const mrk = useReadContract({
    ...read,
    address: contracts.markToken,
    abi: markTokenAbi,
    functionName: "balanceOf",
    args: [account],
  });
  const wrapped = useReadContract({
    ...read,
    address: contracts.wrappedMark,
    abi: wrappedMarkAbi,
    functionName: "balanceOf",
    args: [account],
  });
  const votes = useReadContract({
    ...read,
    address: contracts.wrappedMark,
    abi: wrappedMarkAbi,
    functionName: "getVotes",
    args: [account],
  });
  const delegate = useReadContract({
    ...read,
    address: contracts.wrappedMark,
    abi: wrappedMarkAbi,
    functionName: "delegates",
    args: [account],
  });
  const claimable = useReadContract({
    ...read,
    address: contracts.markSale,
    abi: markSaleAbi,
    functionName: "claimable",
    args: [account],
  });
  const show = (value: bigint | undefined, isError: boolean) =>
    value !== undefined ? formatMrk(value, 4) : isError ? "unavailable" : "…";
  const showWrapped = (value: bigint | undefined, isError: boolean) =>
    value !== undefined ? formatWmrk(value, 4) : isError ? "unavailable" : "…";
  const delegateText =
    delegate.data === undefined
      ? delegate.isError
        ? "unavailable"
        : "…"
      : delegate.data === zeroAddress
        ? "nobody (your wMRK does not vote yet)"
        : delegate.data === account
          ? "yourself"
          : delegate.data;

  return (
    <>
      {wrongChain ? (
        <p className="notice warning">Your wallet is on another chain; switch it in the wallet menu to send.</p>
      ) : null}
      <section className="economy-section" aria-label="Balances">
        <dl className="facts">
          <div>
            <dt>Account</dt>
            <dd>
              <code>{account}</code>
            </dd>
          </div>
          <div>
            <dt>MRK</dt>
            <dd data-testid="wallet-mrk-balance">{show(mrk.data, mrk.isError)}</dd>
          </div>
          <div>
            <dt>Wrapped MRK (wMRK)</dt>
            <dd data-testid="wallet-wrapped-balance">{showWrapped(wrapped.data, wrapped.isError)}</dd>
          </div>
          <div>
            <dt>Votes</dt>
            <dd data-testid="wallet-votes">{showWrapped(votes.data, votes.isError)}</dd>
          </div>
          <div>
            <dt>Delegate</dt>
            <dd data-testid="wallet-delegate" data-address={delegate.data ?? ""}>
              {delegateText}
            </dd>
          </div>
          <div>
            <dt>Bought in the sale, to claim</dt>
            <dd data-testid="wallet-sale-claimable">{show(claimable.data, claimable.isError)}</dd>
          </div>
        </dl>
      </section>

      <div className="form-grid">
        <WrapForm account={account} canWrite={canWrite} balance={mrk.data} />
        <UnwrapForm account={account} canWrite={canWrite} balance={wrapped.data} />
        <DelegateForm account={account} canWrite={canWrite} />
      </div>

      <WalletHistory account={account} />
    </>
  );
}

type FormProps = { account: Address; canWrite: boolean; balance?: bigint | undefined };

/** One transaction of an amount form, built from the amount the person typed. */
type AmountStep = Parameters<ReturnType<typeof useTransactionFlow>["run"]>[1][number];

type AmountFormProps = FormProps & {
  /** `wallet-<id>-amount`, `-submit` and `-status` are the test hooks. */
  id: "wrap" | "unwrap";
  legend: string;
  explanation: string;
  fieldLabel: string;
  /** The unit the balance is held in, for the "you hold only" message. */
  unit: "MRK" | "wMRK";
  submitLabel: string;
  busyLabel: string;
  steps: (wei: bigint) => AmountStep[];
};

/** An amount, checked against the balance, sent as one or more transactions in a row. */
function AmountForm({
  account,
  canWrite,
  balance,
  id,
  legend,
  explanation,
  fieldLabel,
  unit,
  submitLabel,
  busyLabel,
  steps,
}: AmountFormProps) {
  const { status, run, reset } = useTransactionFlow();
  const [text, setText] = useState("");
  const parsed = parseAmount(text);
  const tooMuch = parsed.ok && balance !== undefined && parsed.wei > balance;
  const busy = status.state === "pending";
  return (
    <form
      className="economy-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (!parsed.ok || tooMuch || !canWrite) return;
        void run(account, steps(parsed.wei)).then((ok) => ok && setText(""));
      }}
    >
      <fieldset disabled={busy}>
        <legend>{legend}</legend>
        <p className="muted small">{explanation}</p>
        <AmountField
          testId={`wallet-${id}-amount`}
          label={fieldLabel}
          text={text}
          parsedMessage={parsed.ok ? undefined : parsed.message}
          onChange={(value) => {
            setText(value);
            if (status.state !== "pending") reset();
          }}
          max={balance}
        />
        {tooMuch ? (
          <p className="error-text">
            You hold only {formatMrk(balance!, 4)}
            {unit === "wMRK" ? " wMRK" : ""}.
          </p>
        ) : null}
      </fieldset>
      <button
        type="submit"
        className="button primary"
        data-testid={`wallet-${id}-submit`}
        disabled={!canWrite || !parsed.ok || tooMuch || busy}
      >
        {busy ? busyLabel : submitLabel}
      </button>
      <TransactionStatus status={status} testId={`wallet-${id}-status`} />
    </form>
  );
}

function WrapForm(props: FormProps) {
  const { contracts } = useAppConfig();
  return (
    <AmountForm
      {...props}
      id="wrap"
      legend="Wrap MRK for voting"
      explanation="Approves exactly this amount, then deposits it into WrappedMark (two transactions). wMRK counts as votes once delegated."
      fieldLabel="MRK to wrap"
      unit="MRK"
      submitLabel="Approve and wrap"
      busyLabel="Wrapping…"
      steps={(wei) => [
        {
          label: "approval",
          address: contracts.markToken,
          abi: markTokenAbi as Abi,
          functionName: "approve",
          args: [contracts.wrappedMark, wei],
        },
        {
          label: "wrap",
          address: contracts.wrappedMark,
          abi: wrappedMarkAbi as Abi,
          functionName: "depositFor",
          args: [props.account, wei],
        },
      ]}
    />
  );
}

function UnwrapForm(props: FormProps) {
  const { contracts } = useAppConfig();
  return (
    <AmountForm
      {...props}
      id="unwrap"
      legend="Unwrap wMRK"
      explanation="Burns wMRK and returns the same amount of MRK; its votes go with it."
      fieldLabel="wMRK to unwrap"
      unit="wMRK"
      submitLabel="Unwrap"
      busyLabel="Unwrapping…"
      steps={(wei) => [
        {
          label: "unwrap",
          address: contracts.wrappedMark,
          abi: wrappedMarkAbi as Abi,
          functionName: "withdrawTo",
          args: [props.account, wei],
        },
      ]}
    />
  );
}

function DelegateForm({ account, canWrite }: { account: Address; canWrite: boolean }) {
  const { contracts } = useAppConfig();
  const { status, run } = useTransactionFlow();
  const [text, setText] = useState("");
  const valid = isAddress(text.trim(), { strict: false });
  const busy = status.state === "pending";
  const delegateTo = (to: Address) =>
    void run(account, [
      {
        label: "delegation",
        address: contracts.wrappedMark,
        abi: wrappedMarkAbi as Abi,
        functionName: "delegate",
        args: [to],
      },
    ]);
  return (
    <form
      className="economy-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (valid && canWrite) delegateTo(getAddress(text.trim()));
      }}
    >
      <fieldset disabled={busy}>
        <legend>Delegate votes</legend>
        <p className="muted small">
          Your wMRK votes only once delegated — to yourself, or to someone you trust. Votes count from the next block.
        </p>
        <button
          type="button"
          className="button secondary"
          data-testid="wallet-delegate-self"
          disabled={!canWrite || busy}
          onClick={() => delegateTo(account)}
        >
          Delegate to myself
        </button>
        <label className="field">
          <span>Or to an address</span>
          <input
            data-testid="wallet-delegate-address"
            placeholder="0x…"
            spellCheck={false}
            autoComplete="off"
            value={text}
            aria-invalid={text !== "" && !valid}
            onChange={(event) => setText(event.target.value)}
          />
        </label>
        {text !== "" && !valid ? <p className="error-text">Not an address (0x followed by 40 hex digits).</p> : null}
      </fieldset>
      <button
        type="submit"
        className="button primary"
        data-testid="wallet-delegate-submit"
        disabled={!canWrite || !valid || busy}
      >
        Delegate
      </button>
      <TransactionStatus status={status} testId="wallet-delegate-status" />
    </form>
  );
}

function AmountField(props: {
  testId: string;
  label: string;
  text: string;
  parsedMessage: string | undefined;
  onChange: (value: string) => void;
  max: bigint | undefined;
}) {
  return (
    <>
      <label className="field">
        <span>{props.label}</span>
        <span className="input-row">
          <input
            data-testid={props.testId}
            inputMode="decimal"
            autoComplete="off"
            placeholder="1000"
            value={props.text}
            aria-invalid={props.text !== "" && props.parsedMessage !== undefined}
            onChange={(event) => props.onChange(event.target.value)}
          />
          {props.max !== undefined && props.max > 0n ? (
            <button
              type="button"
              className="button secondary"
              onClick={() => props.onChange(formatMrk(props.max!, 18).replace(/ MRK$/, ""))}
            >
              Max
            </button>
          ) : null}
        </span>
      </label>
      {props.text !== "" && props.parsedMessage ? <p className="error-text">{props.parsedMessage}</p> : null}
    </>
  );
}

/** Sent and received transfers merged, newest first (a transfer to oneself appears once). */
function transfersOf(account: NonNullable<AccountHistory["account"]>): MrkTransfer[] {
  const byId = new Map<string, MrkTransfer>();
  for (const transfer of [...account.mrkSent, ...account.mrkReceived]) byId.set(transfer.id, transfer);
  return [...byId.values()].sort((a, b) =>
    a.blockNumber === b.blockNumber ? 0 : a.blockNumber > b.blockNumber ? -1 : 1,
  );
}

function WalletHistory({ account }: { account: Address }) {
  const { subgraphUrl, contracts } = useAppConfig();
  const query = useQuery({
    queryKey: ["account-history", subgraphUrl, account] as const,
    queryFn: ({ signal }) => fetchAccountHistory({ url: subgraphUrl, account, signal }),
    refetchInterval: WALLET_HISTORY_POLL_MS,
  });
  if (query.isPending) return <p className="muted">Loading the history from the subgraph…</p>;
  if (query.isError && !query.data)
    return <ErrorNotice title="The history is unavailable" error={toErrorView(query.error)} />;
  const data = query.data!;
  const transfers = data.account ? transfersOf(data.account) : [];
  const labels = new Map<string, string>([
    [contracts.markSale, "the sale"],
    [contracts.wrappedMark, "wrapping"],
    [contracts.markTreasury, "the treasury"],
  ]);
  const purchases = data.account?.purchases ?? [];
  return (
    <section className="economy-section" aria-label="History">
      <h2>MRK transfers</h2>
      {transfers.length === 0 ? (
        <p className="muted">No MRK transfers yet.</p>
      ) : (
        <table className="unit-table" data-testid="wallet-transfers">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Direction</th>
              <th scope="col">Counterparty</th>
              <th scope="col">Amount</th>
            </tr>
          </thead>
          <tbody>
            {transfers.map((t) => {
              const outgoing = t.from === account;
              const other = outgoing ? t.to : t.from;
              return (
                <tr key={t.id} data-testid="wallet-transfer-row" data-direction={outgoing ? "out" : "in"}>
                  <td>
                    {formatDateTime(t.blockTimestamp)} <span className="muted">#{t.blockNumber.toString()}</span>
                  </td>
                  <td>{outgoing ? (t.to === account ? "to yourself" : "sent") : "received"}</td>
                  <td>
                    <code title={other}>{shortAddress(other)}</code>
                    {labels.get(other) ? <span className="muted"> ({labels.get(other)})</span> : null}
                  </td>
                  <td>
                    {outgoing ? "−" : "+"}
                    {formatMrk(t.value, 4)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <h2>Sale purchases</h2>
      {purchases.length === 0 ? (
        <p className="muted">No purchases yet.</p>
      ) : (
        <table className="unit-table" data-testid="wallet-purchases">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">MRK</th>
              <th scope="col">Paid</th>
              <th scope="col">Stages</th>
              <th scope="col">Delivery</th>
            </tr>
          </thead>
          <tbody>
            {purchases.map((p) => (
              <tr key={p.id} data-testid="wallet-purchase-row">
                <td>{formatDateTime(p.blockTimestamp)}</td>
                <td>{formatMrk(p.tokens, 4)}</td>
                <td>{formatEth(p.weiPaid)}</td>
                <td>{p.firstStage === p.lastStage ? p.firstStage + 1 : `${p.firstStage + 1}–${p.lastStage + 1}`}</td>
                <td>{p.claimable ? "claimed later" : "delivered"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted small">Indexed to block {data._meta.block.number}.</p>
    </section>
  );
}
