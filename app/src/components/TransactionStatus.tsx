/** Progress and outcome of a `useTransactionFlow` run: pending → confirmed → indexed, or failed. */
import type { TransactionState } from "../economy/useTransactionFlow.ts";
import { ErrorNotice } from "./ErrorNotice.tsx";

type Props = { status: TransactionState; testId: string; idleText?: string };

export function TransactionStatus({ status, testId, idleText }: Props) {
  return (
    <div
      className={`claim-status tx-status ${status.state}`}
      data-testid={testId}
      data-state={status.state}
      data-indexing={
        status.state !== "confirmed" ? undefined : typeof status.indexing === "string" ? status.indexing : "failed"
      }
      aria-live="polite"
    >
      {status.state === "idle" ? (
        idleText ? (
          <span className="muted">{idleText}</span>
        ) : null
      ) : status.state === "pending" ? (
        <span>
          {status.step === "simulating"
            ? `Checking the ${status.label}…`
            : status.step === "signing"
              ? `Waiting for your wallet to sign the ${status.label}…`
              : `${status.label} sent (${status.hash?.slice(0, 10)}…); waiting for the block…`}
        </span>
      ) : status.state === "confirmed" ? (
        <p>
          <strong>Confirmed.</strong> {status.label} in block {status.blockNumber.toString()} (tx{" "}
          <code>{status.hash.slice(0, 10)}…</code>).{" "}
          {status.indexing === "waiting" ? (
            <span className="muted">Waiting for the subgraph to index it…</span>
          ) : status.indexing === "indexed" ? (
            <span className="muted">The page shows it now.</span>
          ) : (
            <span className="error-text">{status.indexing.error.shortMessage}</span>
          )}
        </p>
      ) : (
        <ErrorNotice title={`The ${status.label} failed`} error={status.error} />
      )}
    </div>
  );
}
