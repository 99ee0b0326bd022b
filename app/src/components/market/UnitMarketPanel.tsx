"use client";
/**
 * A unit's sale and rent panel: the lease running now (tenant and expiry, from the subgraph; a
 * lease past its expiry is over whatever the subgraph's status), the listings posted on chain,
 * a signed order opened by link (`?order=`), and what the connected account may do — list for
 * sale by signature or on chain, buy, offer, accept, cancel, offer for rent, rent, end a lease,
 * claim rent, settle the deposit. Sale and rent appear only when the unit's type has the right.
 */
import { useEffect, useState } from "react";
import type { UnitDetail } from "../../subgraph/unitDetail.ts";
import { useChainNow } from "../../economy/useChainNow.ts";
import { useWriteAccount } from "../../economy/useWriteAccount.ts";
import { formatDateTime, formatMrk } from "../../economy/format.ts";
import { decodeOrder, ORDER_PARAM, type SignedOrder } from "../../market/orderLink.ts";
import { runningLease } from "../../market/unitMarketQuery.ts";
import { useUnitMarket, useUnitRights } from "../../market/useUnitMarket.ts";
import { toErrorView, type ErrorView } from "../../errors/MarkspaceAppError.ts";
import { ErrorNotice } from "../ErrorNotice.tsx";
import { UnitLeaseSection } from "./UnitLeaseSection.tsx";
import { UnitLinkedOrder } from "./UnitLinkedOrder.tsx";
import { UnitRentSection } from "./UnitRentSection.tsx";
import { UnitSaleSection } from "./UnitSaleSection.tsx";

/** The signed order in the page's `?order=` parameter, read after mounting (the server never sees it). */
function useLinkedOrder(): { order?: SignedOrder; error?: ErrorView } {
  const [state, setState] = useState<{ order?: SignedOrder; error?: ErrorView }>({});
  useEffect(() => {
    const value = new URLSearchParams(window.location.search).get(ORDER_PARAM);
    if (!value) return;
    try {
      setState({ order: decodeOrder(value) });
    } catch (error) {
      setState({ error: toErrorView(error) });
    }
  }, []);
  return state;
}

export function UnitMarketPanel({ unit }: { unit: UnitDetail }) {
  const market = useUnitMarket(unit.tokenId);
  const rights = useUnitRights(unit.tokenId);
  const now = useChainNow();
  const { account } = useWriteAccount();
  const linked = useLinkedOrder();
  const data = market.data;
  const lease = data?.unit && now !== undefined ? runningLease(data.unit.leases, now) : undefined;
  const tenant = data?.unit?.tenant && data.unit.userExpires && now !== undefined && data.unit.userExpires > now;

  return (
    <section className="economy-section market-panel" data-testid="market-panel">
      <h2>Sale and rent</h2>
      {market.isError && !data ? (
        <ErrorNotice title="The unit's market could not be loaded" error={toErrorView(market.error)} />
      ) : null}
      <p
        data-testid="market-lease"
        data-tenant={tenant ? data!.unit!.tenant! : ""}
        data-expires={tenant ? data!.unit!.userExpires!.toString() : ""}
      >
        {tenant ? (
          <>
            Let to <code data-testid="market-tenant">{data!.unit!.tenant}</code>
            {account === data!.unit!.tenant ? <span className="badge you">you</span> : null} until{" "}
            <strong data-testid="market-lease-expires">{formatDateTime(data!.unit!.userExpires!)}</strong>
            {lease?.mayDecorate ? "; the tenant may set the scene" : ""}.
          </>
        ) : (
          <span className="muted">Not let now.</span>
        )}
      </p>
      {rights && !rights.sell && !rights.rent ? (
        <p className="muted" data-testid="market-no-rights">
          {unit.unitType} units may be neither sold nor rented (governance sets each type&apos;s rights).
        </p>
      ) : null}
      {linked.error ? <ErrorNotice title="The order link cannot be read" error={linked.error} /> : null}
      {linked.order ? <UnitLinkedOrder unit={unit} order={linked.order} /> : null}
      {rights?.sell ? <UnitSaleSection unit={unit} listings={data?.listings ?? []} /> : null}
      {rights?.rent ? (
        <UnitRentSection unit={unit} listings={data?.rentalListings ?? []} leased={lease !== undefined} />
      ) : null}
      {data?.unit ? <UnitLeaseSection unit={unit} leases={data.unit.leases} /> : null}
      {data?.unit && data.unit.priceHistory.length > 0 ? (
        <div data-testid="market-sales">
          <h3>Last sales</h3>
          <ul>
            {data.unit.priceHistory.map((point) => (
              <li key={point.id}>
                {formatDateTime(point.blockTimestamp)}: <code>{point.seller}</code> → <code>{point.buyer}</code>,{" "}
                {formatMrk(point.price, 6)}
                {point.unitCount > 1 ? ` for ${point.unitCount} units` : ""}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
