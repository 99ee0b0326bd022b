"use client";
/**
 * `/city/…/<building>`: the building in 3D (36 floors shaded by how full they are; click one) and
 * the same floors as an accessible list of links, top floor first; the whole building for sale
 * while nothing in it is owned.
 */
import dynamic from "next/dynamic";
import Link from "next/link";
import { useCallback, useMemo, useState } from "react";
import { useRouter } from "next/navigation";
import { encodeUnitId, WORLD_LIMITS } from "@markspace/contracts/unit-address";
import { cityPath, districtTitle } from "../../city/citySegments.ts";
import { fetchBuildingFloors } from "../../subgraph/cityClient.ts";
import { CityBreadcrumbs } from "./CityBreadcrumbs.tsx";
import { LandPurchaseForm } from "./LandPurchaseForm.tsx";
import { SubgraphState } from "./SubgraphState.tsx";
import { useSubgraphQuery } from "./useSubgraphQuery.ts";

const BuildingFloors = dynamic(() => import("../../scene/BuildingFloors.tsx"), {
  ssr: false,
  loading: () => <p className="scene-loading">Starting the 3D view…</p>,
});

type Props = { district: number; neighbourhood: number; building: number };

export function BuildingView({ district, neighbourhood, building }: Props) {
  const router = useRouter();
  const place = useMemo(() => ({ district, neighbourhood, building }), [district, neighbourhood, building]);
  const query = useSubgraphQuery(["building", district, neighbourhood, building], (p) =>
    fetchBuildingFloors({ ...p, place }),
  );
  const [hovered, setHovered] = useState<number>();
  const [ready, setReady] = useState(false);
  const data = query.data;
  const owned = useMemo(() => (data ? data.floors.map((floor) => floor?.ownedUnits ?? 0) : []), [data]);
  const onSelect = useCallback((floor: number) => router.push(cityPath({ ...place, floor })), [router, place]);
  const onReady = useCallback(() => setReady(true), []);
  const closed = data && (!data.district || neighbourhood >= data.district.neighbourhoods);
  const buildingId = encodeUnitId({ district, neighbourhood, building, floor: 0, unit: 0 });

  return (
    <>
      <CityBreadcrumbs place={place} />
      <h1>
        {districtTitle(district)} · neighbourhood {neighbourhood} · building {building}
      </h1>
      <SubgraphState isError={query.isError} error={query.error} hasData={data !== undefined} what="building">
        {closed ? (
          <p className="notice">This building is not in an open neighbourhood.</p>
        ) : data ? (
          <>
            <p className="lede">
              36 floors of 625 units; {data.ownedUnits.toLocaleString("en")} units owned. The darker a floor, the fuller
              it is. Click a floor, or pick it from the list.
            </p>
            <div className="building-layout">
              <div
                className="building-scene"
                data-testid="building-scene"
                data-state={ready ? "ready" : "loading"}
                aria-label="The building in 3D; the list beside it has the same floors"
              >
                <BuildingFloors
                  owned={owned}
                  hovered={hovered}
                  onHover={setHovered}
                  onSelect={onSelect}
                  onReady={onReady}
                />
                <p className="scene-help" aria-live="polite">
                  {hovered !== undefined
                    ? `Floor ${hovered}: ${owned[hovered]!.toLocaleString("en")} of 625 owned`
                    : "Drag to turn the building."}
                </p>
              </div>
              <ol className="floor-list" data-testid="floor-list" reversed start={WORLD_LIMITS.floors - 1}>
                {[...owned.keys()].reverse().map((floor) => {
                  const summary = data.floors[floor];
                  return (
                    <li key={floor}>
                      <Link
                        href={cityPath({ ...place, floor })}
                        data-testid="floor-link"
                        data-floor={floor}
                        data-owned={owned[floor]}
                        className={hovered === floor ? "hovered" : undefined}
                        onMouseEnter={() => setHovered(floor)}
                        onMouseLeave={() => setHovered(undefined)}
                      >
                        Floor {floor}
                      </Link>{" "}
                      <span className="muted">
                        {owned[floor]!.toLocaleString("en")} / 625 owned
                        {summary?.rangeOwner ? " · bought whole" : ""}
                      </span>
                    </li>
                  );
                })}
              </ol>
            </div>
            {data.district!.unitType === "Residential" ? (
              <p className="muted" data-testid="building-not-whole">
                Residential buildings are not sold whole: homes are claimed or bought one at a time.
              </p>
            ) : data.ownedUnits === 0 ? (
              <LandPurchaseForm
                kind="building"
                targetId={buildingId}
                unitType={data.district!.unitType}
                title={`building ${building}`}
                testIdPrefix="building-buy"
              />
            ) : (
              <p className="muted" data-testid="building-not-whole">
                Part of this building is owned, so it can no longer be bought whole; floors with nothing owned can.
              </p>
            )}
          </>
        ) : null}
      </SubgraphState>
    </>
  );
}
