"use client";
/**
 * The uPlot drawing behind `PriceHistoryChart`. Only ever imported dynamically (it pulls in
 * uPlot and its stylesheet); import `PriceHistoryChart` instead.
 */
import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { PriceSeries } from "../../subgraph/marketQueries.ts";

const MRK = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 3 });
const DAY = 86_400;

export function PriceChartPlot({ series, label, height }: { series: PriceSeries; label: string; height: number }) {
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const options: uPlot.Options = {
      width: Math.max(element.clientWidth, 200),
      height,
      title: label,
      scales: {
        // One sale (or several in the same second) would otherwise stretch the axis over years.
        x: { time: true, range: (_chart, min, max) => (max - min < DAY ? [min - DAY, max + DAY] : [min, max]) },
      },
      axes: [{}, { label: "MRK per unit", size: 70, values: (_chart, ticks) => ticks.map((tick) => MRK.format(tick)) }],
      series: [
        {},
        {
          label: "Price per unit (MRK)",
          stroke: "#b35c1e",
          width: 2,
          points: { show: true, size: 7, fill: "#b35c1e" },
          value: (_chart, value) => (value === null ? "—" : `${MRK.format(value)} MRK`),
        },
      ],
      cursor: { drag: { x: true, y: false } },
    };
    const chart = new uPlot(options, [series.times, series.perUnit], element);
    const observer = new ResizeObserver(() => chart.setSize({ width: Math.max(element.clientWidth, 200), height }));
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.destroy();
    };
  }, [series, label, height]);

  return (
    <div
      ref={container}
      role="img"
      aria-label={`${label}: ${series.times.length} sales`}
      data-testid="price-chart"
      data-points={series.times.length}
      style={{ width: "100%" }}
    />
  );
}
