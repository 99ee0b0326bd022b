"use client";
/**
 * A price history chart (price per unit over time) from `UnitPricePoint`s, for any page that
 * draws one: the building history page, and the unit page, which can embed it with the unit's
 * `priceHistory`. The charting library (uPlot) is loaded by a dynamic import when a chart is
 * drawn, so it never lands in the bundles of pages that draw none.
 */
import dynamic from "next/dynamic";
import { useMemo } from "react";
import { toPriceSeries, type PricePoint } from "../../subgraph/marketQueries.ts";

const PriceChartPlot = dynamic(() => import("./PriceChartPlot.tsx").then((module) => module.PriceChartPlot), {
  ssr: false,
  loading: () => (
    <p className="muted" role="status" style={{ height: 260 }}>
      Loading the chart…
    </p>
  ),
});

export type PriceHistoryChartProps = {
  /** The sales to draw, in any order (a unit's or a building's `priceHistory`). */
  points: readonly Pick<PricePoint, "price" | "unitCount" | "blockTimestamp" | "blockNumber">[];
  /** What the chart shows, for screen readers and the legend: `Building 3-1-0`. */
  label: string;
  height?: number;
};

export function PriceHistoryChart({ points, label, height = 260 }: PriceHistoryChartProps) {
  const series = useMemo(() => toPriceSeries(points), [points]);
  if (series.times.length === 0) {
    return (
      <p className="muted" data-testid="price-chart-empty">
        No sales yet: the chart starts with the first sale on the exchange.
      </p>
    );
  }
  return <PriceChartPlot series={series} label={label} height={height} />;
}
