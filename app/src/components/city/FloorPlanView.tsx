"use client";
/**
 * `/city/…/<floor>`: the floor's 25 × 25 plan, every cell a unit — free, owned, yours, with lapsed
 * storage marked — linking to the unit's page (where a free unit is bought); the whole floor for
 * sale while nothing on it is owned.
 */
import Link from "next/link";
import { useMemo } from "react";
import { useConnection } from "wagmi";
import { encodeUnitId, formatUnitAddress, type UnitAddressParts } from "@markspace/contracts/unit-address";
import { districtTitle, type CityPlace } from "../../city/citySegments.ts";
import { floorCells, type FloorCell } from "../../city/occupancy.ts";
import { unitPath } from "../../city/unitReference.ts";
import { useChainNow } from "../../economy/useChainNow.ts";
import { formatDateTime } from "../../economy/format.ts";
import { fetchFloorPlan } from "../../subgraph/cityClient.ts";
import { CityBreadcrumbs } from "./CityBreadcrumbs.tsx";
import { LandPurchaseForm } from "./LandPurchaseForm.tsx";
import { SubgraphState } from "./SubgraphState.tsx";
import { useSubgraphQuery } from "./useSubgraphQuery.ts";

const STATE_WORDS: Record<FloorCell["state"], string> = { free: "free", owned: "owned", yours: "yours" };

export function FloorPlanView({ place }: { place: Required<CityPlace> }) {
  const { address: account } = useConnection();
  const now = useChainNow();
  const query = useSubgraphQuery(["floor", place.district, place.neighbourhood, place.building, place.floor], (p) =>
    fetchFloorPlan({ ...p, place }),
  );
  const data = query.data;
  const cells = useMemo(
    () =>
      data
        ? floorCells(
            data.units.map((unit) => ({ ...unit, storagePaidUntil: BigInt(unit.storagePaidUntil) })),
            { account, now: now ?? 0n },
          )
        : [],
    [data, account, now],
  );
  const closed = data && (!data.district || place.neighbourhood >= data.district.neighbourhoods);
  const ownedCount = data?.floor?.ownedUnits ?? 0;
  const yours = cells.filter((cell) => cell.state === "yours").length;
  const floorId = encodeUnitId({ ...place, unit: 0 });
  const parts = (unit: number): UnitAddressParts => ({ ...place, unit });

  return (
    <>
      <CityBreadcrumbs place={place} />
      <h1>
        {districtTitle(place.district)} · neighbourhood {place.neighbourhood} · building {place.building} · floor{" "}
        {place.floor}
      </h1>
      <SubgraphState isError={query.isError} error={query.error} hasData={data !== undefined} what="floor">
        {closed ? (
          <p className="notice">This floor is not in an open neighbourhood.</p>
        ) : data ? (
          <>
            <p className="lede">
              625 units of 8 × 8 m; {ownedCount.toLocaleString("en")} owned
              {account ? `, ${yours.toLocaleString("en")} of them yours` : ""}.
              {data.floor?.rangeOwner
                ? ` Bought whole by ${data.floor.rangeOwner}${
                    data.floor.rangeStoragePaidUntil
                      ? `, storage paid until ${formatDateTime(BigInt(data.floor.rangeStoragePaidUntil))}`
                      : ""
                  }.`
                : ""}{" "}
              Pick a free unit to buy it, or an owned one to visit.
            </p>
            <ul className="floor-legend" aria-label="Legend">
              <li>
                <span className="floor-cell free" /> free
              </li>
              <li>
                <span className="floor-cell owned" /> owned
              </li>
              <li>
                <span className="floor-cell yours" /> yours
              </li>
              <li>
                <span className="floor-cell owned lapsed" /> storage lapsed
              </li>
            </ul>
            <div
              className="floor-plan"
              data-testid="floor-plan"
              data-owned={ownedCount}
              data-yours={yours}
              role="grid"
              aria-label="Floor plan, 25 rows of 25 units"
            >
              {Array.from({ length: 25 }, (_, row) => (
                <div role="row" key={row} className="floor-row">
                  {cells.slice(row * 25, row * 25 + 25).map((cell) => {
                    const address = formatUnitAddress(parts(cell.unit));
                    const label = `${address}: ${STATE_WORDS[cell.state]}${cell.lapsed ? ", storage lapsed" : ""}${
                      cell.name ? ` (${cell.name})` : ""
                    }`;
                    const className = `floor-cell ${cell.state}${cell.lapsed ? " lapsed" : ""}`;
                    const common = {
                      className,
                      title: label,
                      "aria-label": label,
                      "data-testid": "floor-cell",
                      "data-unit": cell.unit,
                      "data-address": address,
                      "data-state": cell.state,
                      "data-lapsed": cell.lapsed ? "true" : "false",
                    };
                    return (
                      <div role="gridcell" key={cell.unit}>
                        {cell.listed ? (
                          <Link href={unitPath(parts(cell.unit))} prefetch={false} {...common} />
                        ) : (
                          <span {...common} />
                        )}
                      </div>
                    );
                  })}
                </div>
              ))}
            </div>
            {data.district!.unitType === "Residential" ? (
              <p className="muted" data-testid="floor-not-whole">
                Residential floors are not sold whole: claim or buy the units one at a time.
              </p>
            ) : ownedCount === 0 ? (
              <LandPurchaseForm
                kind="floor"
                targetId={floorId}
                unitType={data.district!.unitType}
                title={`floor ${place.floor} of building ${place.building}`}
                testIdPrefix="floor-buy"
              />
            ) : (
              <p className="muted" data-testid="floor-not-whole">
                {data.floor?.rangeOwner
                  ? "This floor was bought whole."
                  : "Units on this floor are owned, so it can no longer be bought whole; buy free units one by one."}
              </p>
            )}
          </>
        ) : null}
      </SubgraphState>
    </>
  );
}
