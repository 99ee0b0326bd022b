"use client";
/**
 * A new proposal: (a) change a platform parameter within its bounds, or (b) send MRK or ETH
 * from the treasury; with a description. Needs the proposal threshold of votes (wrapped,
 * delegated MRK), checked by the governor's simulation before signing.
 */
import { useState } from "react";
import { useReadContract } from "wagmi";
import type { Abi } from "viem";
import { markGovernorAbi, wrappedMarkAbi } from "@markspace/contracts/abis";
import { useAppConfig } from "../config/AppConfigContext.tsx";
import { formatWmrk } from "../economy/format.ts";
import { buildParameterChange, buildTreasuryTransfer, type BuildCallsReturnType } from "../economy/proposalCalls.ts";
import { useTransactionFlow } from "../economy/useTransactionFlow.ts";
import { useWriteAccount } from "../economy/useWriteAccount.ts";
import type { ListedParameter } from "./GovernanceOverview.tsx";
import { TransactionStatus } from "./TransactionStatus.tsx";
import { WalletHint } from "./WalletHint.tsx";

type Kind = "parameter" | "transfer";

export function NewProposalForm({
  parameters,
  threshold,
}: {
  parameters: readonly ListedParameter[];
  threshold: bigint | undefined;
}) {
  const { contracts, chainId } = useAppConfig();
  const wallet = useWriteAccount();
  const { status, run, reset } = useTransactionFlow();
  const [kind, setKind] = useState<Kind>("parameter");
  const [name, setName] = useState(parameters[0]?.name ?? "");
  const [valueText, setValueText] = useState("");
  const [asset, setAsset] = useState<"MRK" | "ETH">("MRK");
  const [to, setTo] = useState("");
  const [amountText, setAmountText] = useState("");
  const [description, setDescription] = useState("");
  const votes = useReadContract({
    address: contracts.wrappedMark,
    abi: wrappedMarkAbi,
    functionName: "getVotes",
    args: wallet.account ? [wallet.account] : undefined,
    chainId,
    query: { enabled: wallet.account !== undefined },
  });

  const parameter = parameters.find((p) => p.name === name);
  const built: BuildCallsReturnType =
    kind === "parameter"
      ? parameter
        ? buildParameterChange(parameter, valueText, contracts.markParameters)
        : { ok: false, message: "Pick a parameter." }
      : buildTreasuryTransfer({ asset, to, amountText }, contracts.markToken);
  const touched = kind === "parameter" ? valueText !== "" : to !== "" || amountText !== "";
  const busy = status.state === "pending";
  const belowThreshold = threshold !== undefined && votes.data !== undefined && votes.data < threshold;
  const canSubmit = wallet.canWrite && built.ok && description.trim() !== "" && !busy;

  return (
    <form
      className="economy-form wide"
      onSubmit={(event) => {
        event.preventDefault();
        if (!canSubmit || !built.ok || !wallet.account) return;
        const { targets, values, calldatas } = built.calls;
        void run(wallet.account, [
          {
            label: "proposal",
            address: contracts.markGovernor,
            abi: markGovernorAbi as Abi,
            functionName: "propose",
            args: [targets, values, calldatas, description.trim()],
          },
        ]).then((ok) => {
          if (!ok) return;
          setValueText("");
          setAmountText("");
          setDescription("");
        });
      }}
    >
      <fieldset disabled={busy}>
        <legend>New proposal</legend>
        <div className="radio-row" role="radiogroup" aria-label="Kind of proposal">
          <label>
            <input
              type="radio"
              name="proposal-kind"
              data-testid="gov-new-kind-parameter"
              checked={kind === "parameter"}
              onChange={() => setKind("parameter")}
            />{" "}
            Change a parameter
          </label>
          <label>
            <input
              type="radio"
              name="proposal-kind"
              data-testid="gov-new-kind-transfer"
              checked={kind === "transfer"}
              onChange={() => setKind("transfer")}
            />{" "}
            Send from the treasury
          </label>
        </div>

        {kind === "parameter" ? (
          <div className="input-row">
            <label className="field">
              <span>Parameter</span>
              <select data-testid="gov-new-param-name" value={name} onChange={(event) => setName(event.target.value)}>
                {parameters.map((p) => (
                  <option key={p.name} value={p.name}>
                    {p.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>New value{parameter ? ` (${parameter.min}–${parameter.max} ${parameter.unit})` : ""}</span>
              <input
                data-testid="gov-new-param-value"
                inputMode="numeric"
                autoComplete="off"
                value={valueText}
                placeholder={parameter?.value?.toString() ?? ""}
                aria-invalid={touched && !built.ok}
                onChange={(event) => {
                  setValueText(event.target.value);
                  if (status.state !== "pending") reset();
                }}
              />
            </label>
          </div>
        ) : (
          <div className="input-row">
            <label className="field">
              <span>Asset</span>
              <select
                data-testid="gov-new-transfer-asset"
                value={asset}
                onChange={(event) => setAsset(event.target.value === "ETH" ? "ETH" : "MRK")}
              >
                <option value="MRK">MRK</option>
                <option value="ETH">ETH</option>
              </select>
            </label>
            <label className="field grow">
              <span>Recipient</span>
              <input
                data-testid="gov-new-transfer-to"
                placeholder="0x…"
                spellCheck={false}
                autoComplete="off"
                value={to}
                onChange={(event) => setTo(event.target.value)}
              />
            </label>
            <label className="field">
              <span>Amount ({asset})</span>
              <input
                data-testid="gov-new-transfer-amount"
                inputMode="decimal"
                autoComplete="off"
                value={amountText}
                onChange={(event) => setAmountText(event.target.value)}
              />
            </label>
          </div>
        )}
        {touched && !built.ok ? <p className="error-text">{built.message}</p> : null}

        <label className="field">
          <span>Description (what and why; it identifies the proposal, so make it unique)</span>
          <textarea
            data-testid="gov-new-description"
            rows={3}
            value={description}
            onChange={(event) => setDescription(event.target.value)}
          />
        </label>
      </fieldset>
      <WalletHint wallet={wallet} action="propose" />
      {wallet.account && threshold !== undefined ? (
        <p className={belowThreshold ? "notice warning" : "muted small"}>
          Proposing needs {formatWmrk(threshold, 0)} of votes; you have{" "}
          {votes.data !== undefined ? formatWmrk(votes.data, 0) : "…"}.
          {belowThreshold ? " Wrap MRK and delegate to yourself on the wallet page first." : ""}
        </p>
      ) : null}
      <button type="submit" className="button primary" data-testid="gov-propose-submit" disabled={!canSubmit}>
        {busy ? "Proposing…" : "Propose"}
      </button>
      <TransactionStatus status={status} testId="gov-propose-status" />
    </form>
  );
}
