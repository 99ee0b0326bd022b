import type { Metadata } from "next";
import Link from "next/link";
import { MarketFilterForm } from "../../components/market/MarketFilterForm.tsx";
import { MarketListings } from "../../components/market/MarketListings.tsx";
import { parseMarketFilters, type MarketSearchParams } from "../../subgraph/marketQueries.ts";

export const metadata: Metadata = { title: "Market" };

type Props = { searchParams: Promise<MarketSearchParams> };

/**
 * `/market`: the open sale and rental listings recorded on chain, filtered by district, unit
 * type and price, sorted and paged. The whole view lives in the query string, so a link shows
 * the same listings to anyone.
 */
export default async function MarketPage({ searchParams }: Props) {
  const { filters, problems } = parseMarketFilters(await searchParams);
  return (
    <>
      <h1>Market</h1>
      <p className="lede">
        Units for sale and for rent on the exchange, paid in MRK. Listings signed off chain show once they are posted;
        those whose unit changed hands or whose deadline passed are gone. See also the{" "}
        <Link href="/market/history">price history</Link>, <Link href="/leases">leases</Link> and{" "}
        <Link href="/agency">agencies</Link>.
      </p>
      {problems.length > 0 ? (
        <div className="notice warning" role="alert" data-testid="market-filter-problems">
          <strong>Some of the link&apos;s filters were ignored:</strong>
          <ul>
            {problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <MarketFilterForm filters={filters} />
      <MarketListings filters={filters} />
    </>
  );
}
