"use client";
/** `/city`: the districts, with their type, open neighbourhoods and units owned. */
import Link from "next/link";
import { cityPath, districtSlug, districtTitle } from "../../city/citySegments.ts";
import { fetchCity } from "../../subgraph/cityClient.ts";
import { SubgraphState } from "./SubgraphState.tsx";
import { useSubgraphQuery } from "./useSubgraphQuery.ts";

export function CityOverview() {
  const query = useSubgraphQuery(["overview"], fetchCity);
  return (
    <SubgraphState isError={query.isError} error={query.error} hasData={query.data !== undefined} what="city">
      <ul className="district-list">
        {query.data?.districts.map((district) => (
          <li key={district.id}>
            <Link
              href={cityPath({ district: district.number })}
              className="district-card"
              data-testid="city-district"
              data-district={districtSlug(district.number)}
            >
              <strong>{districtTitle(district.number)}</strong>
              <span>{district.unitType} units</span>
              <span>{district.neighbourhoods.toLocaleString("en")} neighbourhoods of 36 × 36 buildings</span>
              <span data-testid="city-district-owned">
                {BigInt(district.ownedUnits).toLocaleString("en")} units owned
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </SubgraphState>
  );
}
