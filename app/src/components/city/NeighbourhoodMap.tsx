"use client";
/** `/city/<district>/<neighbourhood>`: its 36 buildings on a 6 × 6 plan, shaded by the units owned in each. */
import Link from "next/link";
import { cityPath, districtTitle } from "../../city/citySegments.ts";
import { CAPACITY, occupancyColour, occupancyLevel } from "../../city/occupancy.ts";
import { fetchNeighbourhoodMap } from "../../subgraph/cityClient.ts";
import { CityBreadcrumbs } from "./CityBreadcrumbs.tsx";
import { SubgraphState } from "./SubgraphState.tsx";
import { useSubgraphQuery } from "./useSubgraphQuery.ts";

export function NeighbourhoodMap({ district, neighbourhood }: { district: number; neighbourhood: number }) {
  const place = { district, neighbourhood };
  const query = useSubgraphQuery(["neighbourhood", district, neighbourhood], (p) =>
    fetchNeighbourhoodMap({ ...p, place }),
  );
  const data = query.data;
  const closed = data && (!data.district || neighbourhood >= data.district.neighbourhoods);
  return (
    <>
      <CityBreadcrumbs place={place} />
      <h1>
        {districtTitle(district)} · neighbourhood {neighbourhood}
      </h1>
      <SubgraphState isError={query.isError} error={query.error} hasData={data !== undefined} what="neighbourhood">
        {closed ? (
          <p className="notice" data-testid="neighbourhood-closed">
            This neighbourhood is not open for sale.
          </p>
        ) : data ? (
          <>
            <p className="lede">
              36 buildings of 36 floors; {data.ownedUnits.toLocaleString("en")} units owned. Pick a building.
            </p>
            <ul className="city-grid building-map" data-testid="building-map">
              {data.buildings.map((count, building) => (
                <li key={building}>
                  <Link
                    href={cityPath({ ...place, building })}
                    className="city-cell building-cell"
                    style={{ background: occupancyColour(occupancyLevel(count, CAPACITY.building)) }}
                    data-testid="building-cell"
                    data-building={building}
                    data-owned={count}
                    aria-label={`Building ${building}, ${count.toLocaleString("en")} units owned`}
                  >
                    <strong>B{String(building).padStart(2, "0")}</strong>
                    <span>{count.toLocaleString("en")} owned</span>
                  </Link>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </SubgraphState>
    </>
  );
}
