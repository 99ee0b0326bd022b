"use client";
/**
 * `/city/<district>`: the district's neighbourhoods on a 36 × 36 map, each cell shaded by the units
 * owned in it (a log scale, so a single unit shows). Every cell is a link with a label for screen
 * readers; the list under the map names the neighbourhoods where something is owned.
 */
import Link from "next/link";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { WORLD_LIMITS } from "@markspace/contracts/unit-address";
import { cityPath, districtTitle } from "../../city/citySegments.ts";
import { CAPACITY, occupancyColour, occupancyLevel } from "../../city/occupancy.ts";
import { fetchDistrictMap } from "../../subgraph/cityClient.ts";
import { CityBreadcrumbs } from "./CityBreadcrumbs.tsx";
import { SubgraphState } from "./SubgraphState.tsx";
import { useSubgraphQuery } from "./useSubgraphQuery.ts";

export function DistrictMap({ district }: { district: number }) {
  const router = useRouter();
  const query = useSubgraphQuery(["district", district], (p) => fetchDistrictMap({ ...p, place: { district } }));
  const [jump, setJump] = useState("");
  const data = query.data;
  const open = data?.district ? data.district.neighbourhoods : 0;
  const owned = data ? data.neighbourhoods.map((count, number) => ({ number, count })).filter((n) => n.count > 0) : [];

  return (
    <>
      <CityBreadcrumbs place={{ district }} />
      <h1>{districtTitle(district)}</h1>
      <SubgraphState isError={query.isError} error={query.error} hasData={data !== undefined} what="district">
        {data && !data.district ? (
          <p className="notice" data-testid="district-closed">
            {districtTitle(district)} is not open: governance has not opened it (yet).
          </p>
        ) : data ? (
          <>
            <p className="lede">
              {data.district!.unitType} units · {open.toLocaleString("en")} neighbourhoods ·{" "}
              {BigInt(data.district!.ownedUnits).toLocaleString("en")} units owned. Each square is a neighbourhood of 36
              buildings; the darker, the more of it is owned.
            </p>
            <form
              className="input-row"
              onSubmit={(event) => {
                event.preventDefault();
                const n = Number(jump);
                if (Number.isInteger(n) && n >= 0 && n < open) router.push(cityPath({ district, neighbourhood: n }));
              }}
            >
              <label>
                Go to neighbourhood{" "}
                <input
                  inputMode="numeric"
                  value={jump}
                  onChange={(e) => setJump(e.target.value)}
                  data-testid="neighbourhood-jump"
                  aria-label={`Neighbourhood number, 0 to ${open - 1}`}
                />
              </label>
              <button type="submit" className="small-button" data-testid="neighbourhood-jump-submit">
                Go
              </button>
            </form>
            <div className="city-grid neighbourhood-map" data-testid="neighbourhood-map" role="list">
              {data.neighbourhoods.slice(0, Math.min(open, WORLD_LIMITS.neighbourhoods)).map((count, number) => (
                <Link
                  key={number}
                  role="listitem"
                  href={cityPath({ district, neighbourhood: number })}
                  className="city-cell"
                  style={{ background: occupancyColour(occupancyLevel(count, CAPACITY.neighbourhood)) }}
                  title={`Neighbourhood ${number}: ${count.toLocaleString("en")} units owned`}
                  aria-label={`Neighbourhood ${number}, ${count.toLocaleString("en")} units owned`}
                  data-testid="neighbourhood-cell"
                  data-neighbourhood={number}
                  data-owned={count}
                  prefetch={false}
                />
              ))}
            </div>
            <h2>Neighbourhoods with owners</h2>
            {owned.length === 0 ? (
              <p className="muted">Nothing is owned here yet: every unit is for sale.</p>
            ) : (
              <ul className="owned-list">
                {owned.map(({ number, count }) => (
                  <li key={number}>
                    <Link href={cityPath({ district, neighbourhood: number })}>Neighbourhood {number}</Link>:{" "}
                    {count.toLocaleString("en")} units
                  </li>
                ))}
              </ul>
            )}
          </>
        ) : null}
      </SubgraphState>
    </>
  );
}
