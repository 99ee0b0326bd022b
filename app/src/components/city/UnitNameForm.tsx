"use client";
/**
 * The owner's name for a unit (`UnitNames`): typed freely, shown as the label the contract will
 * store (`normaliseUnitName` folds ASCII case and drops a `.markspace` suffix, and refuses
 * anything else with the rule it breaks), checked against names already taken before signing,
 * then set or cleared in one transaction. The name follows the unit to its next owner.
 */
import { useState } from "react";
import { useReadContract } from "wagmi";
import type { Abi } from "viem";
import { unitNamesAbi } from "@markspace/contracts/abis";
import { normaliseUnitName, UNIT_NAME_SUFFIX } from "@markspace/contracts/unit-names";
import { decodeUnitId, formatUnitAddress } from "@markspace/contracts/unit-address";
import { useAppConfig } from "../../config/AppConfigContext.tsx";
import { describeLandError, landErrorsAbi } from "../../chain/describeLandError.ts";
import { useTransactionFlow } from "../../economy/useTransactionFlow.ts";
import { useWriteAccount } from "../../economy/useWriteAccount.ts";
import type { UnitDetail } from "../../subgraph/unitDetail.ts";
import { TransactionStatus } from "../TransactionStatus.tsx";

const namesAbi = [...unitNamesAbi, ...landErrorsAbi] as Abi;

type Parsed = { ok: true; label: string } | { ok: false; message: string };

function parseName(input: string): Parsed | undefined {
  if (input.trim() === "") return undefined;
  try {
    return { ok: true, label: normaliseUnitName(input) };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

export function UnitNameForm({ unit }: { unit: UnitDetail }) {
  const { contracts, chainId } = useAppConfig();
  const wallet = useWriteAccount();
  const flow = useTransactionFlow({ describeError: describeLandError });
  const [input, setInput] = useState("");
  const parsed = parseName(input);
  const label = parsed?.ok ? parsed.label : undefined;
  const holder = useReadContract({
    address: contracts.unitNames,
    abi: unitNamesAbi,
    functionName: "unitOfName",
    args: label ? [label] : undefined,
    chainId,
    query: { enabled: label !== undefined },
  });
  const takenBy =
    holder.data !== undefined && holder.data !== 0n && holder.data !== unit.tokenId ? holder.data : undefined;
  const busy = flow.status.state === "pending";
  const run = (functionName: "setName" | "clearName", args: readonly unknown[]) => {
    if (wallet.account && wallet.canWrite) {
      void flow.run(wallet.account, [
        {
          label: functionName === "setName" ? "naming" : "name removal",
          address: contracts.unitNames,
          abi: namesAbi,
          functionName,
          args,
        },
      ]);
    }
  };

  return (
    <section data-testid="owner-name">
      <h3>Name</h3>
      <p className="muted" data-testid="owner-name-current">
        {unit.name ? (
          <>
            Named <strong>{unit.name}</strong> (
            <code>
              {unit.name}.{UNIT_NAME_SUFFIX}
            </code>
            ), reachable at <a href={`/units/${unit.name}`}>/units/{unit.name}</a>.
          </>
        ) : (
          "No name yet."
        )}{" "}
        A name is unique in every spelling, follows the unit when it changes hands, and resolves like an ENS name.
      </p>
      <form
        className="input-row"
        onSubmit={(event) => {
          event.preventDefault();
          if (label && !takenBy) run("setName", [unit.tokenId, label]);
        }}
      >
        <input
          value={input}
          onChange={(e) => setInput(e.target.value)}
          placeholder="my-shop"
          aria-label="Unit name"
          data-testid="owner-name-input"
        />
        <button
          type="submit"
          className="button"
          disabled={busy || !label || takenBy !== undefined || label === unit.name}
          data-testid="owner-name-submit"
        >
          {unit.name ? "Rename" : "Set name"}
        </button>
        {unit.name ? (
          <button
            type="button"
            className="button secondary"
            disabled={busy}
            onClick={() => run("clearName", [unit.tokenId])}
            data-testid="owner-name-clear"
          >
            Clear name
          </button>
        ) : null}
      </form>
      {parsed && !parsed.ok ? (
        <p className="error-text" data-testid="owner-name-problem">
          {parsed.message}
        </p>
      ) : null}
      {label && label !== input.trim() ? (
        <p className="muted" data-testid="owner-name-normalised">
          Registered as <code>{label}</code>.
        </p>
      ) : null}
      {takenBy !== undefined ? (
        <p className="error-text" data-testid="owner-name-taken">
          {label} already belongs to {formatUnitAddress(decodeUnitId(takenBy))}.
        </p>
      ) : null}
      <TransactionStatus status={flow.status} testId="owner-name-status" />
    </section>
  );
}
