import type { Metadata } from "next";
import Link from "next/link";
import { PriceHistoryPanel } from "../../../components/market/PriceHistoryPanel.tsx";
import { PriceRecentSales } from "../../../components/market/PriceRecentSales.tsx";
import { BUILDING_ID } from "../../../subgraph/marketQueries.ts";

export const metadata: Metadata = { title: "Price history" };

type Props = { searchParams: Promise<{ building?: string | string[]; unit?: string | string[] }> };

const firstOf = (value: string | string[] | undefined) =>
  (Array.isArray(value) ? value[0] : value)?.trim() || undefined;

/**
 * `/market/history?building=3-1-0` or `?unit=<token id>`: the price history of a building's units
 * or of one unit, charted; without either, the latest sales and a building picker.
 */
export default async function PriceHistoryPage({ searchParams }: Props) {
  const params = await searchParams;
  const building = firstOf(params.building);
  const unit = firstOf(params.unit);
  const problem =
    building !== undefined && !BUILDING_ID.test(building)
      ? `"${building}" is not a building id: give <district>-<neighbourhood>-<building>, e.g. 3-1-0`
      : unit !== undefined && !/^\d{1,80}$/.test(unit)
        ? `"${unit}" is not a unit's token id (a decimal number)`
        : undefined;
  return (
    <>
      <h1>Price history</h1>
      <p className="lede">
        What units sold for on the exchange, per unit (a bundle&apos;s price is shared among its units).{" "}
        <Link href="/market">Back to the market</Link>
      </p>
      <form action="/market/history" method="get" className="input-row economy-section">
        <label className="field grow">
          Building (district-neighbourhood-building)
          <input
            name="building"
            defaultValue={building ?? ""}
            placeholder="3-1-0"
            data-testid="history-building-input"
          />
        </label>
        <button type="submit" className="button">
          Show
        </button>
      </form>
      {problem ? (
        <p className="notice error" role="alert">
          {problem}
        </p>
      ) : building !== undefined ? (
        <PriceHistoryPanel building={building} />
      ) : unit !== undefined ? (
        <PriceHistoryPanel unit={unit} />
      ) : (
        <>
          <h2>Latest sales</h2>
          <PriceRecentSales />
        </>
      )}
    </>
  );
}
