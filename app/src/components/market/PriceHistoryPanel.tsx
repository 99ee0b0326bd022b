"use client";
/**
 * A unit's or a building's price history read from the subgraph: the chart and the table of
 * its sales (price, fees, seller and buyer). Give `building` (`3-1-0`) or `unit` (a decimal
 * token id).
 */
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useAppConfig } from "../../config/AppConfigContext.tsx";
import { toErrorView } from "../../errors/MarkspaceAppError.ts";
import { formatDateTime, formatMrk } from "../../economy/format.ts";
import {
  fetchBuildingPriceHistory,
  fetchUnitPriceHistory,
  PRICE_POINTS_SHOWN,
  type PricePoint,
} from "../../subgraph/marketQueries.ts";
import { ErrorNotice } from "../ErrorNotice.tsx";
import { shortAddress } from "../shortAddress.ts";
import { PriceHistoryChart } from "./PriceHistoryChart.tsx";

export const PRICE_HISTORY_POLL_MS = 10_000;

export type PriceHistoryPanelProps = { building: string; unit?: undefined } | { unit: string; building?: undefined };

type History = { title: string; points: PricePoint[]; found: boolean; indexedBlock: number };

export function PriceHistoryPanel(props: PriceHistoryPanelProps) {
  const { subgraphUrl } = useAppConfig();
  const query = useQuery({
    queryKey: ["price-history", subgraphUrl, props.building ?? "", props.unit ?? ""] as const,
    queryFn: async ({ signal }): Promise<History> => {
      if (props.building !== undefined) {
        const data = await fetchBuildingPriceHistory({ url: subgraphUrl, building: props.building, signal });
        return {
          title: `Building ${props.building}`,
          points: data.building?.priceHistory ?? [],
          found: data.building !== null,
          indexedBlock: data._meta.block.number,
        };
      }
      const data = await fetchUnitPriceHistory({ url: subgraphUrl, unit: props.unit, signal });
      return {
        title: data.unit ? `Unit ${data.unit.address}` : `Unit ${props.unit}`,
        points: data.unit?.priceHistory ?? [],
        found: data.unit !== null,
        indexedBlock: data._meta.block.number,
      };
    },
    refetchInterval: PRICE_HISTORY_POLL_MS,
  });

  if (query.isPending)
    return (
      <p className="muted" role="status">
        Loading the price history from the subgraph…
      </p>
    );
  if (query.isError && !query.data)
    return <ErrorNotice title="The price history is unavailable" error={toErrorView(query.error)} />;
  const history = query.data!;
  if (!history.found) {
    return (
      <p className="muted" data-testid="price-history-unknown">
        {history.title} has no owned unit in the subgraph yet, so no sales either.
      </p>
    );
  }
  return (
    <section
      aria-label={`${history.title} price history`}
      data-testid="price-history"
      data-points={history.points.length}
    >
      <PriceHistoryChart points={history.points} label={`${history.title}: price per unit`} />
      {history.points.length > 0 ? (
        <table className="unit-table" style={{ marginTop: "1rem" }}>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Unit</th>
              <th scope="col">Price</th>
              <th scope="col">Fees (platform / agency)</th>
              <th scope="col">Seller → buyer</th>
            </tr>
          </thead>
          <tbody>
            {history.points.map((point) => (
              <tr key={point.id} data-testid="price-point">
                <td>{formatDateTime(point.blockTimestamp)}</td>
                <td>
                  <Link href={`/units/${point.unit.id}`} className="unit-address">
                    {point.unit.address}
                  </Link>
                  {point.unitCount > 1 ? <span className="badge">bundle of {point.unitCount}</span> : null}
                </td>
                <td>{formatMrk(point.price, 4)}</td>
                <td>
                  {formatMrk(point.sale.platformFee, 4)} / {formatMrk(point.sale.agencyFee, 4)}
                  {point.sale.agency ? (
                    <>
                      {" "}
                      <Link href={`/agency/${point.sale.agency}`}>
                        <code>{shortAddress(point.sale.agency)}</code>
                      </Link>
                    </>
                  ) : null}
                </td>
                <td>
                  <code>{shortAddress(point.seller)}</code> → <code>{shortAddress(point.buyer)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <p className="muted small">
        {history.points.length === PRICE_POINTS_SHOWN ? `The latest ${PRICE_POINTS_SHOWN} sales` : "Every sale"} ·
        indexed to block {history.indexedBlock}.
      </p>
    </section>
  );
}
