"use client";
/**
 * /market's filters: sale or rent, district, unit type, price range and sort order. Submitting
 * navigates to the URL of the new view (first page), so the back button and shared links work;
 * without JavaScript the form still submits as a plain GET.
 */
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { DISTRICTS } from "@markspace/contracts/unit-address";
import { districtTitle } from "../../city/citySegments.ts";
import {
  marketHref,
  mrkText,
  parseMarketFilters,
  UNIT_TYPES,
  type MarketFilters,
  type MarketSort,
} from "../../subgraph/marketQueries.ts";

const SORT_LABELS: Record<MarketSort, string> = {
  newest: "Newest first",
  "price-asc": "Price: low to high",
  "price-desc": "Price: high to low",
  ending: "Ending soonest",
};

export function MarketFilterForm({ filters }: { filters: MarketFilters }) {
  const router = useRouter();
  const [problems, setProblems] = useState<string[]>([]);
  const priceLabel = filters.kind === "sale" ? "price" : "price per day";

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const params: Record<string, string> = {};
    for (const [key, value] of form.entries()) if (typeof value === "string" && value.trim()) params[key] = value;
    const parsed = parseMarketFilters(params);
    setProblems(parsed.problems);
    if (parsed.problems.length === 0) router.push(marketHref({ ...parsed.filters, page: 1 }));
  }

  const value = (wei: bigint | undefined) => (wei === undefined ? "" : mrkText(wei));
  // Remount the form's inputs when the URL's view changes (back button, a tab).
  const key = marketHref(filters);

  return (
    <section aria-label="Filters" className="economy-section">
      <nav aria-label="Sale or rent" style={{ display: "flex", gap: "0.5rem", marginBottom: "0.75rem" }}>
        {(["sale", "rent"] as const).map((kind) => (
          <Link
            key={kind}
            href={marketHref({ ...filters, kind, page: 1 })}
            className={kind === filters.kind ? "button" : "button secondary"}
            style={{ textDecoration: "none" }}
            aria-current={kind === filters.kind ? "page" : undefined}
            data-testid={`market-tab-${kind}`}
          >
            {kind === "sale" ? "For sale" : "For rent"}
          </Link>
        ))}
      </nav>
      <form
        key={key}
        action="/market"
        method="get"
        onSubmit={submit}
        className="input-row"
        data-testid="market-filters"
      >
        <input type="hidden" name="kind" value={filters.kind} />
        <label className="field">
          District
          <select name="district" defaultValue={filters.district ?? ""} data-testid="market-filter-district">
            <option value="">Any</option>
            {Object.values(DISTRICTS).map((district) => (
              <option key={district} value={district}>
                {districtTitle(district)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Unit type
          <select name="type" defaultValue={filters.unitType ?? ""} data-testid="market-filter-type">
            <option value="">Any</option>
            {UNIT_TYPES.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Min {priceLabel} (MRK)
          <input
            name="min"
            inputMode="decimal"
            defaultValue={value(filters.minPrice)}
            data-testid="market-filter-min"
          />
        </label>
        <label className="field">
          Max {priceLabel} (MRK)
          <input
            name="max"
            inputMode="decimal"
            defaultValue={value(filters.maxPrice)}
            data-testid="market-filter-max"
          />
        </label>
        <label className="field">
          Sort
          <select name="sort" defaultValue={filters.sort} data-testid="market-filter-sort">
            {Object.entries(SORT_LABELS).map(([sort, label]) => (
              <option key={sort} value={sort}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button primary" data-testid="market-filter-apply">
          Show
        </button>
        <Link
          href={marketHref({ kind: filters.kind, sort: "newest", page: 1 })}
          className="button secondary"
          style={{ textDecoration: "none" }}
        >
          Clear
        </Link>
      </form>
      {problems.length > 0 ? (
        <ul className="error-text" role="alert">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
