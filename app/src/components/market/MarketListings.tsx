"use client";
/**
 * /market's results: a page of open sale or rental listings read from the subgraph in the
 * browser and polled, at the chain's "now" (a local chain's clock may run ahead of the wall
 * clock). Each row links to its unit's page, where it can be bought or rented.
 */
import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { useAppConfig } from "../../config/AppConfigContext.tsx";
import { toErrorView } from "../../errors/MarkspaceAppError.ts";
import { formatDateTime, formatDuration, formatMrk } from "../../economy/format.ts";
import { useChainNow } from "../../economy/useChainNow.ts";
import { districtTitle } from "../../city/citySegments.ts";
import {
  fetchRentalListingsPage,
  fetchSaleListingsPage,
  marketHref,
  type ListedUnit,
  type MarketFilters,
  type MarketPage,
  type RentalListing,
  type SaleListing,
} from "../../subgraph/marketQueries.ts";
import { ErrorNotice } from "../ErrorNotice.tsx";
import { shortAddress } from "../shortAddress.ts";
import { useWalletSession } from "../../chain/walletSession.ts";

export const MARKET_POLL_MS = 5_000;
/** "Now" in the query key moves a minute at a time, so polling reuses the key in between. */
const NOW_STEP = 60n;

export function marketQueryKey(subgraphUrl: string, filters: MarketFilters, now: bigint) {
  return ["market", subgraphUrl, filters.kind, marketHref(filters), now.toString()] as const;
}

export function MarketListings({ filters }: { filters: MarketFilters }) {
  const { subgraphUrl } = useAppConfig();
  const chainNow = useChainNow();
  const now = chainNow === undefined ? undefined : chainNow - (chainNow % NOW_STEP);
  const query = useQuery({
    queryKey: marketQueryKey(subgraphUrl, filters, now ?? 0n),
    queryFn: ({ signal }): Promise<MarketPage<SaleListing> | MarketPage<RentalListing>> =>
      filters.kind === "sale"
        ? fetchSaleListingsPage({ url: subgraphUrl, filters, now: now!, signal })
        : fetchRentalListingsPage({ url: subgraphUrl, filters, now: now!, signal }),
    enabled: now !== undefined,
    refetchInterval: MARKET_POLL_MS,
    placeholderData: keepPreviousData,
  });

  if (query.isPending)
    return (
      <p className="muted" role="status">
        Loading listings from the subgraph…
      </p>
    );
  if (query.isError && !query.data)
    return (
      <ErrorNotice title="The market is unavailable" error={toErrorView(query.error)}>
        <p className="muted">Retrying every few seconds.</p>
      </ErrorNotice>
    );
  const data = query.data;
  if (!data) return null;
  const shownNow = now ?? 0n;

  return (
    <section aria-label="Listings" data-testid="market-listings" data-kind={filters.kind}>
      {query.isError ? (
        <ErrorNotice title="Showing the last listings received" error={toErrorView(query.error)} />
      ) : null}
      {data.hasIndexingErrors ? (
        <div className="notice warning" role="alert">
          The subgraph reports an indexing error; listings may be out of date.
        </div>
      ) : null}
      {data.truncated ? (
        <p className="notice warning">
          Only the first 5,000 listings in this order were read; narrow the filters to see the rest.
        </p>
      ) : null}
      {data.items.length === 0 ? (
        <p className="muted" data-testid="market-empty">
          {filters.page === 1 ? (
            <>No open {filters.kind === "sale" ? "sale" : "rental"} listing matches these filters.</>
          ) : (
            <>
              No listings on this page. <Link href={marketHref({ ...filters, page: 1 })}>Back to the first page.</Link>
            </>
          )}
        </p>
      ) : filters.kind === "sale" ? (
        <SaleTable listings={data.items as SaleListing[]} now={shownNow} />
      ) : (
        <RentalTable listings={data.items as RentalListing[]} now={shownNow} />
      )}
      <nav className="pager" aria-label="Pages">
        {filters.page > 1 ? (
          <Link href={marketHref({ ...filters, page: filters.page - 1 })} data-testid="market-previous">
            ← Previous
          </Link>
        ) : (
          <span />
        )}
        <span className="muted">
          Page {filters.page} · indexed to block {data.indexedBlock}
        </span>
        {data.hasNextPage ? (
          <Link href={marketHref({ ...filters, page: filters.page + 1 })} data-testid="market-next">
            Next →
          </Link>
        ) : (
          <span />
        )}
      </nav>
    </section>
  );
}

function UnitCell({ unit }: { unit: ListedUnit }) {
  return (
    <>
      <Link href={`/units/${unit.id}`} className="unit-address" data-testid="market-unit-link">
        {unit.address}
      </Link>
      <div className="muted small">
        {districtTitle(unit.district)} · {unit.unitType}
      </div>
    </>
  );
}

function Party({ address, label }: { address: Address; label?: string }) {
  const { address: you } = useWalletSession();
  return (
    <>
      <code title={address}>{shortAddress(address)}</code>
      {label ? <span className="muted small"> {label}</span> : null}
      {you && you === address ? <span className="badge you">you</span> : null}
    </>
  );
}

function Deadline({ deadline, now }: { deadline: bigint | null; now: bigint }) {
  if (deadline === null) return <span className="muted">—</span>;
  return <span title={formatDateTime(deadline)}>in {formatDuration(deadline - now)}</span>;
}

function SaleTable({ listings, now }: { listings: SaleListing[]; now: bigint }) {
  return (
    <table className="unit-table">
      <thead>
        <tr>
          <th scope="col">Unit</th>
          <th scope="col">Price</th>
          <th scope="col">Seller</th>
          <th scope="col">Agency</th>
          <th scope="col">Ends</th>
          <th scope="col">History</th>
        </tr>
      </thead>
      <tbody>
        {listings.map((listing) => {
          const units = listing.isBundle ? listing.bundleUnits : listing.unit ? [listing.unit] : [];
          const first = units[0];
          const building = first?.buildingId;
          return (
            <tr key={listing.id} data-testid="market-listing" data-listing-id={listing.id} data-unit-id={first?.id}>
              <td>
                {listing.isBundle ? (
                  <details>
                    <summary>Bundle of {units.length} units</summary>
                    {units.map((unit) => (
                      <div key={unit.id}>
                        <UnitCell unit={unit} />
                      </div>
                    ))}
                  </details>
                ) : first ? (
                  <UnitCell unit={first} />
                ) : null}
                {listing.buyer ? (
                  <div className="muted small">
                    reserved for <code>{shortAddress(listing.buyer)}</code>
                  </div>
                ) : null}
              </td>
              <td data-testid="market-listing-price">{listing.price !== null ? formatMrk(listing.price, 4) : "—"}</td>
              <td>
                <Party address={listing.seller} />
              </td>
              <td>
                {listing.agency ? (
                  <>
                    <Link href={`/agency/${listing.agency}`}>
                      <code>{shortAddress(listing.agency)}</code>
                    </Link>
                    <span className="muted small"> {((listing.agencyFeeBps ?? 0) / 100).toString()} %</span>
                  </>
                ) : (
                  <span className="muted">none</span>
                )}
              </td>
              <td>
                <Deadline deadline={listing.deadline} now={now} />
              </td>
              <td>{building ? <Link href={`/market/history?building=${building}`}>Prices</Link> : null}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function RentalTable({ listings, now }: { listings: RentalListing[]; now: bigint }) {
  return (
    <table className="unit-table">
      <thead>
        <tr>
          <th scope="col">Unit</th>
          <th scope="col">Per day</th>
          <th scope="col">Days</th>
          <th scope="col">Deposit</th>
          <th scope="col">Owner</th>
          <th scope="col">Terms</th>
          <th scope="col">Ends</th>
        </tr>
      </thead>
      <tbody>
        {listings.map((listing) => (
          <tr key={listing.id} data-testid="market-rental" data-listing-id={listing.id} data-unit-id={listing.unit.id}>
            <td>
              <UnitCell unit={listing.unit} />
            </td>
            <td data-testid="market-rental-price">
              {listing.pricePerDay !== null ? formatMrk(listing.pricePerDay, 4) : "—"}
            </td>
            <td>
              {listing.minDays ?? "?"}–{listing.maxDays ?? "?"}
            </td>
            <td>{listing.deposit !== null && listing.deposit > 0n ? formatMrk(listing.deposit, 4) : "none"}</td>
            <td>{listing.owner ? <Party address={listing.owner} /> : null}</td>
            <td className="small">
              {listing.mayDecorate ? "tenant may decorate" : "no decorating"}
              {listing.penaltyBps ? ` · early-end penalty ${listing.penaltyBps / 100} %` : ""}
              {listing.agent ? (
                <>
                  {" · agency "}
                  <Link href={`/agency/${listing.agent}`}>
                    <code>{shortAddress(listing.agent)}</code>
                  </Link>
                </>
              ) : null}
            </td>
            <td>
              <Deadline deadline={listing.deadline} now={now} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
