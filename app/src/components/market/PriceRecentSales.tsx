"use client";
/** The latest sales on the exchange, each linking to its building's price history. */
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useAppConfig } from "../../config/AppConfigContext.tsx";
import { toErrorView } from "../../errors/MarkspaceAppError.ts";
import { formatDateTime, formatMrk } from "../../economy/format.ts";
import { fetchRecentSales } from "../../subgraph/marketQueries.ts";
import { ErrorNotice } from "../ErrorNotice.tsx";

export function PriceRecentSales() {
  const { subgraphUrl } = useAppConfig();
  const query = useQuery({
    queryKey: ["recent-sales", subgraphUrl] as const,
    queryFn: ({ signal }) => fetchRecentSales({ url: subgraphUrl, signal }),
    refetchInterval: 10_000,
  });
  if (query.isPending)
    return (
      <p className="muted" role="status">
        Loading the latest sales…
      </p>
    );
  if (query.isError && !query.data)
    return <ErrorNotice title="Sales are unavailable" error={toErrorView(query.error)} />;
  const points = query.data!.unitPricePoints;
  if (points.length === 0)
    return (
      <p className="muted" data-testid="recent-sales-empty">
        Nothing has been sold on the exchange yet.
      </p>
    );
  return (
    <table className="unit-table" data-testid="recent-sales">
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Unit</th>
          <th scope="col">Price</th>
          <th scope="col">History</th>
        </tr>
      </thead>
      <tbody>
        {points.map((point) => (
          <tr key={point.id}>
            <td>{formatDateTime(point.blockTimestamp)}</td>
            <td>
              <Link href={`/units/${point.unit.id}`} className="unit-address">
                {point.unit.address}
              </Link>
              {point.unitCount > 1 ? <span className="badge">bundle of {point.unitCount}</span> : null}
            </td>
            <td>{formatMrk(point.price, 4)}</td>
            <td>
              <Link href={`/market/history?building=${point.building.id}`}>Building {point.building.id}</Link> ·{" "}
              <Link href={`/market/history?unit=${point.unit.id}`}>unit</Link>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
