"use client";
/**
 * The unit's latest lease and what its parties may do with it: the tenant ends it early; anyone
 * credits the rent earned so far to the lessor; once it is over the lessor claims on the deposit
 * within the window, and after the window anyone returns it to the tenant; whoever the book owes
 * MRK withdraws it. The lease passed to each call is rebuilt from the subgraph (the book stores
 * only its hash).
 */
import { useState } from "react";
import { useReadContract } from "wagmi";
import { leaseBookAbi } from "@markspace/contracts/abis";
import { useAppConfig } from "../../config/AppConfigContext.tsx";
import { parseAmount } from "../../economy/amountInput.ts";
import { formatDateTime, formatMrk } from "../../economy/format.ts";
import { useChainNow } from "../../economy/useChainNow.ts";
import type { ContractCall } from "../../economy/useTransactionFlow.ts";
import { useWriteAccount } from "../../economy/useWriteAccount.ts";
import { leaseTuple, type UnitLease } from "../../market/unitMarketQuery.ts";
import { useMarketFlow, useMarketParameters } from "../../market/useUnitMarket.ts";
import type { UnitDetail } from "../../subgraph/unitDetail.ts";
import { TransactionStatus } from "../TransactionStatus.tsx";
import { bookAbi } from "./UnitRentSection.tsx";

const DAY = 86_400n;

export function UnitLeaseSection({ unit, leases }: { unit: UnitDetail; leases: readonly UnitLease[] }) {
  const { contracts, chainId } = useAppConfig();
  const { account } = useWriteAccount();
  const flow = useMarketFlow();
  const owed = useReadContract({
    address: contracts.leaseBook,
    abi: leaseBookAbi,
    functionName: "owedTo",
    args: account ? [account] : undefined,
    chainId,
    query: { enabled: account !== undefined, refetchInterval: 10_000 },
  });
  // Only the latest lease can run; earlier ones may still have a deposit to settle.
  const shown = leases.filter((lease, i) => i === 0 || !lease.depositSettled).slice(0, 3);
  if (shown.length === 0 && !owed.data) return null;
  return (
    <div data-testid="market-leases">
      <h3>Leases</h3>
      {shown.map((lease) => (
        <UnitLeaseRow key={lease.id} unit={unit} lease={lease} />
      ))}
      {account && owed.data ? (
        <p>
          The book owes you {formatMrk(owed.data, 6)} (rent, refunds, deposits).{" "}
          <button
            type="button"
            className="small-button"
            disabled={flow.busy}
            data-testid="market-withdraw"
            onClick={() =>
              void flow.run([
                {
                  label: "withdrawal",
                  address: contracts.leaseBook,
                  abi: bookAbi,
                  functionName: "withdraw",
                  args: [account],
                },
              ])
            }
          >
            Withdraw
          </button>
        </p>
      ) : null}
      <TransactionStatus status={flow.status} testId="market-withdraw-status" />
    </div>
  );
}

function UnitLeaseRow({ unit, lease }: { unit: UnitDetail; lease: UnitLease }) {
  const { contracts } = useAppConfig();
  const { account } = useWriteAccount();
  const now = useChainNow();
  const params = useMarketParameters();
  const flow = useMarketFlow();
  const [claim, setClaim] = useState("0");
  const [problem, setProblem] = useState<string>();
  const tuple = leaseTuple(lease, unit.tokenId);
  const running = now !== undefined && lease.status === "Active" && lease.expires > now;
  const over = now !== undefined && !running;
  const windowEnd = params ? lease.expires + params.depositClaimWindow : undefined;
  const isTenant = account === lease.tenant;
  const isLessor = account === lease.lessor;
  const startedDays =
    now === undefined ? 0n : now >= lease.expires ? BigInt(lease.rentDays) : (now - lease.start) / DAY + 1n;
  const unclaimedDays = startedDays - BigInt(lease.settledDays);
  const call = (label: string, functionName: string, args: readonly unknown[]): ContractCall => ({
    label,
    address: contracts.leaseBook,
    abi: bookAbi,
    functionName,
    args,
  });
  return (
    <div
      className="listing-row"
      data-testid="market-lease-row"
      data-lease={lease.id}
      data-running={running ? "true" : "false"}
    >
      <p>
        <code>{lease.tenant}</code>
        {isTenant ? <span className="badge you">you</span> : null} rents from <code>{lease.lessor}</code>
        {isLessor ? <span className="badge you">you</span> : null}: {formatMrk(lease.pricePerDay, 6)} a day,{" "}
        {lease.daysPaid} days paid, from {formatDateTime(lease.start)}{" "}
        {running ? "until" : lease.status === "EndedEarly" ? "ended early on" : "ended on"}{" "}
        {formatDateTime(lease.expires)}. Rent credited: {formatMrk(lease.rentCredited, 6)} ({lease.settledDays} days).
        {lease.deposit > 0n
          ? lease.depositSettled
            ? ` Deposit settled: ${formatMrk(lease.depositClaimed ?? 0n, 6)} claimed, ${formatMrk(lease.depositReturned ?? 0n, 6)} returned.`
            : ` Deposit ${formatMrk(lease.deposit, 6)} held${windowEnd && over ? `; the lessor may claim on it until ${formatDateTime(windowEnd)}` : ""}.`
          : ""}
      </p>
      <div className="input-row">
        {running && isTenant ? (
          <button
            type="button"
            className="small-button"
            disabled={flow.busy}
            data-testid="market-lease-end"
            title={`You get back the unused days' rent less ${lease.penaltyBps / 100} %`}
            onClick={() => void flow.run([call("early end of the lease", "endLease", [lease.id, tuple])])}
          >
            End the lease now
          </button>
        ) : null}
        {unclaimedDays > 0n && (isLessor || isTenant || account) ? (
          <button
            type="button"
            className="small-button"
            disabled={flow.busy}
            data-testid="market-lease-claim-rent"
            onClick={() => void flow.run([call("rent claim", "claimRent", [lease.id, tuple])])}
          >
            Credit {unclaimedDays.toString()} day{unclaimedDays === 1n ? "" : "s"} of rent to the lessor
          </button>
        ) : null}
        {over &&
        isLessor &&
        !lease.depositSettled &&
        lease.deposit > 0n &&
        windowEnd !== undefined &&
        now! < windowEnd ? (
          <>
            <label className="field">
              <span>Claim on the deposit (MRK, 0 returns it all)</span>
              <input
                value={claim}
                onChange={(e) => setClaim(e.target.value)}
                inputMode="decimal"
                data-testid="market-lease-deposit-amount"
              />
            </label>
            <button
              type="button"
              className="small-button"
              disabled={flow.busy}
              data-testid="market-lease-deposit-claim"
              onClick={() => {
                const amount = claim.trim() === "0" ? { ok: true as const, wei: 0n } : parseAmount(claim);
                if (!amount.ok) return setProblem(amount.message);
                setProblem(undefined);
                void flow.run([call("deposit claim", "claimDeposit", [lease.id, tuple, amount.wei])]);
              }}
            >
              Settle the deposit
            </button>
          </>
        ) : null}
        {over &&
        !lease.depositSettled &&
        lease.deposit > 0n &&
        windowEnd !== undefined &&
        now! >= windowEnd &&
        account ? (
          <button
            type="button"
            className="small-button"
            disabled={flow.busy}
            data-testid="market-lease-deposit-return"
            onClick={() => void flow.run([call("deposit return", "returnDeposit", [lease.id, tuple])])}
          >
            Return the deposit to the tenant
          </button>
        ) : null}
      </div>
      {problem ? <p className="error-text">{problem}</p> : null}
      <TransactionStatus status={flow.status} testId="market-lease-status" />
    </div>
  );
}
