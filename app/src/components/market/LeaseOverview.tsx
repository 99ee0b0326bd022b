"use client";
/**
 * An account's leases from the subgraph, as tenant and as landlord: current and past, each with
 * its terms, what was paid, earned and refunded, the rent earned but not yet claimed, and its
 * timeline (lease events and rent payments). The account is `?address=` when given, else the
 * connected wallet.
 */
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { getAddress, isAddress, type Address } from "viem";
import { useAppConfig } from "../../config/AppConfigContext.tsx";
import { toErrorView } from "../../errors/MarkspaceAppError.ts";
import { formatDateTime, formatDuration, formatMrk } from "../../economy/format.ts";
import { useChainNow } from "../../economy/useChainNow.ts";
import {
  claimableRent,
  earnedDays,
  fetchAccountLeases,
  leasePhase,
  leaseTimeline,
  leaseTotals,
  LEASES_SHOWN,
  type Lease,
  type LeasePhase,
  type LeaseTimelineEntry,
} from "../../subgraph/marketQueries.ts";
import { ErrorNotice } from "../ErrorNotice.tsx";
import { shortAddress } from "../shortAddress.ts";
import { useWalletSession } from "../../chain/walletSession.ts";

export const LEASES_POLL_MS = 5_000;

export function leasesQueryKey(subgraphUrl: string, account: Address) {
  return ["account-leases", subgraphUrl, account] as const;
}

export function LeaseOverview({ address }: { address?: string | undefined }) {
  const { address: connected } = useWalletSession();
  const valid = address !== undefined && isAddress(address, { strict: false });
  const account = valid ? getAddress(address) : address === undefined ? connected : undefined;
  return (
    <>
      <AddressForm current={address ?? ""} />
      {address !== undefined && !valid ? (
        <p className="notice error" role="alert" data-testid="leases-bad-address">
          <code>{address}</code> is not an address: give 0x and 40 hexadecimal digits.
        </p>
      ) : account ? (
        <AccountLeases account={account} isYou={account === connected} />
      ) : (
        <p className="notice" data-testid="leases-connect-hint">
          Connect a wallet (menu at the top right) to see your leases, or enter any address above.
        </p>
      )}
    </>
  );
}

function AddressForm({ current }: { current: string }) {
  const router = useRouter();
  const [text, setText] = useState(current);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  function submit(event: FormEvent) {
    event.preventDefault();
    const value = text.trim();
    if (value === "") return router.push("/leases");
    if (!isAddress(value, { strict: false })) return setProblem(`"${value}" is not an address (0x and 40 hex digits)`);
    setProblem(undefined);
    router.push(`/leases?address=${getAddress(value)}`);
  }
  return (
    <form action="/leases" method="get" onSubmit={submit} className="input-row economy-section">
      <label className="field grow">
        Leases of the address (empty: your wallet)
        <input
          name="address"
          value={text}
          onChange={(event) => setText(event.target.value)}
          placeholder="0x…"
          spellCheck={false}
          data-testid="leases-address-input"
        />
      </label>
      <button type="submit" className="button">
        Show
      </button>
      {problem ? (
        <p className="error-text" role="alert">
          {problem}
        </p>
      ) : null}
    </form>
  );
}

function AccountLeases({ account, isYou }: { account: Address; isYou: boolean }) {
  const { subgraphUrl } = useAppConfig();
  const now = useChainNow();
  const query = useQuery({
    queryKey: leasesQueryKey(subgraphUrl, account),
    queryFn: ({ signal }) => fetchAccountLeases({ url: subgraphUrl, account, signal }),
    refetchInterval: LEASES_POLL_MS,
    placeholderData: keepPreviousData,
  });
  if (query.isPending || now === undefined)
    return (
      <p className="muted" role="status">
        Loading leases from the subgraph…
      </p>
    );
  if (query.isError && !query.data)
    return <ErrorNotice title="Leases are unavailable" error={toErrorView(query.error)} />;
  const data = query.data!;
  const whose = isYou ? "You" : shortAddress(account);

  return (
    <div data-testid="leases" data-account={account}>
      {data._meta.hasIndexingErrors ? (
        <div className="notice warning" role="alert">
          The subgraph reports an indexing error; leases may be out of date.
        </div>
      ) : null}
      <LeaseSide
        title={`${whose} as tenant`}
        side="tenant"
        leases={data.asTenant}
        now={now}
        empty={`${whose === "You" ? "You have" : `${whose} has`} rented no unit yet. Find one on the market.`}
      />
      <LeaseSide
        title={`${whose} as landlord`}
        side="lessor"
        leases={data.asLessor}
        now={now}
        empty={`${whose === "You" ? "You have" : `${whose} has`} let no unit yet.`}
      />
      <p className="muted small">Indexed to block {data._meta.block.number}.</p>
    </div>
  );
}

function LeaseSide({
  title,
  side,
  leases,
  now,
  empty,
}: {
  title: string;
  side: "tenant" | "lessor";
  leases: Lease[];
  now: bigint;
  empty: string;
}) {
  const totals = leaseTotals(leases, now);
  const refunds = leases.reduce((sum, lease) => sum + (lease.refund ?? 0n) + (lease.depositReturned ?? 0n), 0n);
  return (
    <section className="economy-section" aria-label={title} data-testid={`leases-${side}`}>
      <h2>{title}</h2>
      {leases.length === 0 ? (
        <p className="muted">
          {empty} {side === "tenant" ? <Link href="/market?kind=rent">Units for rent</Link> : null}
        </p>
      ) : (
        <>
          <dl className="facts">
            <div>
              <dt>Leases</dt>
              <dd>
                {leases.length}
                {leases.length === LEASES_SHOWN ? "+" : ""} ({totals.running} running)
              </dd>
            </div>
            {side === "lessor" ? (
              <>
                <div>
                  <dt>Rent earned (credited, after fees)</dt>
                  <dd data-testid="leases-earned">{formatMrk(totals.earned, 4)}</dd>
                </div>
                <div>
                  <dt>Rent to claim (before fees)</dt>
                  <dd data-testid="leases-claimable">{formatMrk(totals.claimable, 4)}</dd>
                </div>
              </>
            ) : (
              <>
                <div>
                  <dt>Paid (rent and deposits)</dt>
                  <dd>{formatMrk(totals.paid, 4)}</dd>
                </div>
                <div>
                  <dt>Refunded (unused rent and deposits)</dt>
                  <dd>{formatMrk(refunds, 4)}</dd>
                </div>
              </>
            )}
          </dl>
          {leases.map((lease) => (
            <LeaseCard key={lease.id} lease={lease} now={now} side={side} />
          ))}
        </>
      )}
    </section>
  );
}

const PHASE_LABELS: Record<LeasePhase, string> = {
  running: "running",
  ended: "ended",
  "ended-early": "ended early",
};

function LeaseCard({ lease, now, side }: { lease: Lease; now: bigint; side: "tenant" | "lessor" }) {
  const phase = leasePhase(lease, now);
  const claimable = claimableRent(lease, now);
  const other = side === "tenant" ? lease.lessor : lease.tenant;
  return (
    <details
      className="proposal"
      data-testid="lease"
      data-lease-id={lease.id}
      data-phase={phase}
      data-unit-id={lease.unit.id}
      open={phase === "running"}
    >
      <summary className="proposal-head">
        <Link href={`/units/${lease.unit.id}`} className="unit-address">
          {lease.unit.address}
        </Link>{" "}
        <span className={`badge ${phase === "running" ? "content" : "empty"}`}>{PHASE_LABELS[phase]}</span>{" "}
        {side === "tenant" ? "from" : "to"} <code title={other}>{shortAddress(other)}</code> ·{" "}
        {formatMrk(lease.pricePerDay, 4)} a day ·{" "}
        {phase === "running"
          ? `ends in ${formatDuration(lease.expires - now)}`
          : `${phase === "ended-early" ? "ended" : "ran until"} ${formatDateTime(lease.expires)}`}
      </summary>
      <div className="proposal-body">
        <dl className="facts">
          <div>
            <dt>Started</dt>
            <dd>{formatDateTime(lease.start)}</dd>
          </div>
          <div>
            <dt>Days</dt>
            <dd>
              {lease.daysPaid} paid
              {lease.status === "EndedEarly" ? `, ${lease.rentDays} used` : ""}, {earnedDays(lease, now)} earned,{" "}
              {lease.settledDays} credited
            </dd>
          </div>
          <div>
            <dt>Paid by the tenant</dt>
            <dd>{formatMrk(lease.paid, 4)}</dd>
          </div>
          <div>
            <dt>Rent credited</dt>
            <dd>
              {formatMrk(lease.rentCredited, 4)}{" "}
              <span className="muted small">
                (landlord {formatMrk(lease.lessorEarned, 4)}, agency {formatMrk(lease.agencyEarned, 4)}, platform{" "}
                {formatMrk(lease.platformFees, 4)})
              </span>
            </dd>
          </div>
          <div>
            <dt>To claim</dt>
            <dd data-testid="lease-claimable">{formatMrk(claimable, 4)}</dd>
          </div>
          <div>
            <dt>Deposit</dt>
            <dd>
              {lease.deposit === 0n
                ? "none"
                : lease.depositSettled
                  ? `${formatMrk(lease.deposit, 4)}: ${formatMrk(lease.depositClaimed ?? 0n, 4)} claimed, ${formatMrk(lease.depositReturned ?? 0n, 4)} returned`
                  : `${formatMrk(lease.deposit, 4)} held`}
            </dd>
          </div>
          {lease.status === "EndedEarly" ? (
            <div>
              <dt>Early end</dt>
              <dd>
                refund {formatMrk(lease.refund ?? 0n, 4)}, penalty {formatMrk(lease.penalty ?? 0n, 4)}
              </dd>
            </div>
          ) : null}
          <div>
            <dt>Agency</dt>
            <dd>
              {lease.agency ? (
                <Link href={`/agency/${lease.agency}`}>
                  <code>{shortAddress(lease.agency)}</code> ({lease.agentFeeBps / 100} %)
                </Link>
              ) : (
                "none"
              )}
            </dd>
          </div>
          <div>
            <dt>Decorating</dt>
            <dd>
              {lease.mayDecorate === null ? "unknown" : lease.mayDecorate ? "tenant may decorate" : "not allowed"}
            </dd>
          </div>
        </dl>
        <LeaseTimeline entries={leaseTimeline(lease)} />
      </div>
    </details>
  );
}

function LeaseTimeline({ entries }: { entries: LeaseTimelineEntry[] }) {
  return (
    <table className="unit-table" data-testid="lease-timeline">
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">What</th>
          <th scope="col">Amount</th>
          <th scope="col">Block</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr
            key={entry.type === "event" ? entry.event.id : entry.payment.id}
            data-testid="lease-timeline-entry"
            data-kind={entry.type === "event" ? entry.event.kind : "Payment"}
          >
            <td>{formatDateTime(entry.at)}</td>
            <td>{describe(entry)}</td>
            <td>{formatMrk(entry.type === "event" ? entry.event.amount : entry.payment.amount, 4)}</td>
            <td>{entry.block.toString()}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function describe(entry: LeaseTimelineEntry): string {
  if (entry.type === "payment") {
    const { lessorShare, agentFee, platformFee } = entry.payment;
    return `Rent credited: landlord ${formatMrk(lessorShare, 4)}, agency ${formatMrk(agentFee, 4)}, platform ${formatMrk(platformFee, 4)}`;
  }
  const event = entry.event;
  switch (event.kind) {
    case "Started":
      return "Rented: rent and deposit paid into escrow";
    case "RentClaimed":
      return `Rent claimed (${event.settledDays} days credited in all)`;
    case "EndedEarly":
      return `Ended early by the tenant: unused rent refunded, penalty ${formatMrk(event.penalty ?? 0n, 4)}`;
    case "DepositSettled":
      return `Deposit settled: ${formatMrk(event.depositClaimed ?? 0n, 4)} to the landlord, the rest back to the tenant`;
  }
}
