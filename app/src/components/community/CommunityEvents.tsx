"use client";
/**
 * The community's ticketed events (`CommunityTickets`): where and when, price, tickets sold of the
 * capacity, and who holds one (holding a ticket is being checked in); a buy form per event while
 * sales are open (approve the MRK, then `buy(eventId, quantity)`).
 */
import { useState } from "react";
import Link from "next/link";
import type { Abi } from "viem";
import { communityTicketsAbi, markTokenAbi } from "@markspace/contracts/abis";
import { useAppConfig } from "../../config/AppConfigContext.tsx";
import type { CommunityDetail } from "../../community/communityQueries.ts";
import { unitName } from "../../community/describeCommunityCall.ts";
import { describeCommunityError, withCommunityErrors } from "../../community/describeCommunityError.ts";
import { formatDateTime, formatMrk } from "../../economy/format.ts";
import { useChainNow } from "../../economy/useChainNow.ts";
import { useTransactionFlow, type ContractCall } from "../../economy/useTransactionFlow.ts";
import { useWriteAccount } from "../../economy/useWriteAccount.ts";
import { shortAddress } from "../shortAddress.ts";
import { TransactionStatus } from "../TransactionStatus.tsx";

const ticketsAbi = withCommunityErrors(communityTicketsAbi as Abi);
const tokenAbi = withCommunityErrors(markTokenAbi as Abi);

type TicketedEvent = CommunityDetail["events"][number];

export function CommunityEvents({ community }: { community: CommunityDetail }) {
  return (
    <section className="economy-section" aria-label="Events" data-testid="community-events">
      <h2>Events and tickets</h2>
      {community.events.length === 0 ? (
        <p className="muted">No events yet: a proposal creates one (see the proposal builder).</p>
      ) : (
        community.events.map((event) => <EventCard key={event.id} event={event} />)
      )}
    </section>
  );
}

function EventCard({ event }: { event: TicketedEvent }) {
  const { contracts } = useAppConfig();
  const now = useChainNow();
  const wallet = useWriteAccount();
  const { status, run } = useTransactionFlow({ describeError: describeCommunityError });
  const [quantity, setQuantity] = useState("1");
  const count = /^\d+$/.test(quantity.trim()) ? Number(quantity.trim()) : 0;
  const remaining = event.capacity - event.sold;
  const open = now !== undefined && now < event.startsAt && remaining > 0;
  const busy = status.state === "pending";
  const buy = () => {
    if (!wallet.account || count < 1) return;
    const cost = event.price * BigInt(count);
    const calls: ContractCall[] = [];
    if (cost > 0n) {
      calls.push({
        label: "approval of the tickets' price",
        address: contracts.markToken,
        abi: tokenAbi,
        functionName: "approve",
        args: [contracts.communityTickets, cost],
      });
    }
    calls.push({
      label: "ticket purchase",
      address: contracts.communityTickets,
      abi: ticketsAbi,
      functionName: "buy",
      args: [event.eventId, count],
    });
    void run(wallet.account, calls);
  };
  const unit = unitName(event.unitId);
  return (
    <article className="proposal" data-testid="community-event" data-event-id={event.eventId.toString()}>
      <header className="proposal-head">
        <h3>
          Event #{event.eventId.toString()} at <Link href={`/units/${unit}`}>{unit}</Link>
        </h3>
        <span className="badge">{formatDateTime(event.startsAt)}</span>
      </header>
      <p className="muted small">
        {event.price === 0n ? "Free tickets" : `${formatMrk(event.price)} a ticket`} · {event.sold} of {event.capacity}{" "}
        sold · {formatMrk(event.revenue)} to the treasury{event.uri ? ` · ${event.uri}` : ""}
      </p>
      <p>
        Ticket holders (checked in):{" "}
        {event.holdings.length === 0 ? (
          <span className="muted">none yet</span>
        ) : (
          event.holdings.map((h) => (
            <code key={h.holder} title={h.holder} data-testid="community-ticket-holder" data-holder={h.holder}>
              {shortAddress(h.holder)}
              {h.balance > 1n ? ` ×${h.balance}` : ""}{" "}
            </code>
          ))
        )}
      </p>
      {open ? (
        <div className="input-row">
          <label className="field small">
            <span>Tickets</span>
            <input
              data-testid="community-ticket-quantity"
              inputMode="numeric"
              value={quantity}
              disabled={busy}
              onChange={(e) => setQuantity(e.target.value)}
            />
          </label>
          <button
            type="button"
            className="button"
            data-testid="community-ticket-buy"
            disabled={!wallet.canWrite || busy || count < 1 || count > remaining}
            onClick={buy}
          >
            Buy {count > 0 ? `${count} for ${formatMrk(event.price * BigInt(count))}` : ""}
          </button>
        </div>
      ) : (
        <p className="muted small">{remaining <= 0 ? "Sold out." : "Sales have closed: the event has started."}</p>
      )}
      <TransactionStatus status={status} testId={`community-event-${event.eventId}-status`} />
    </article>
  );
}
