/**
 * The city pages' reads from the subgraph, one function per page, each one request. They return
 * what the page draws: counts spread over every cell of the level (missing entities own nothing).
 */
import { WORLD_LIMITS } from "@markspace/contracts/unit-address";
import { buildingEntityId, floorEntityId, neighbourhoodEntityId, type CityPlace } from "../city/citySegments.ts";
import { countsByNumber } from "../city/occupancy.ts";
import {
  BUILDING_QUERY,
  buildingDataSchema,
  CITY_QUERY,
  cityDataSchema,
  DISTRICT_QUERY,
  districtDataSchema,
  FLOOR_QUERY,
  floorDataSchema,
  NEIGHBOURHOOD_QUERY,
  neighbourhoodDataSchema,
  UNIT_BY_NAME_QUERY,
  unitByNameDataSchema,
  UNIT_DETAIL_QUERY,
  unitDetailDataSchema,
  UNIT_VISITORS_QUERY,
  unitVisitorsDataSchema,
  type DistrictRow,
  type FloorSummary,
  type FloorUnit,
} from "./cityQueries.ts";
import { requestGraphql } from "./requestGraphql.ts";
import type { UnitDetail } from "./unitDetail.ts";
import type { SubgraphMeta } from "./unitRecord.ts";

type Common = { url: string; signal?: AbortSignal | undefined; fetch?: typeof fetch };

export type CityOverview = { districts: DistrictRow[]; meta: SubgraphMeta };

export async function fetchCity(params: Common): Promise<CityOverview> {
  const data = await requestGraphql({ ...params, query: CITY_QUERY, schema: cityDataSchema });
  return { districts: data.districts, meta: data._meta };
}

export type DistrictMap = {
  /** Null when the district is not open (the page is a 404). */
  district: DistrictRow | null;
  /** Owned units per neighbourhood, 1,296 cells. */
  neighbourhoods: number[];
  meta: SubgraphMeta;
};

export async function fetchDistrictMap(params: Common & { place: CityPlace }): Promise<DistrictMap> {
  const id = String(params.place.district);
  const data = await requestGraphql({
    ...params,
    query: DISTRICT_QUERY,
    variables: { district: id, districtRef: id },
    schema: districtDataSchema,
  });
  return {
    district: data.district,
    neighbourhoods: countsByNumber([...data.low, ...data.high], WORLD_LIMITS.neighbourhoods),
    meta: data._meta,
  };
}

export type NeighbourhoodMap = {
  district: DistrictRow | null;
  ownedUnits: number;
  /** Owned units per building, 36 cells. */
  buildings: number[];
  meta: SubgraphMeta;
};

export async function fetchNeighbourhoodMap(
  params: Common & { place: Required<Pick<CityPlace, "neighbourhood">> & CityPlace },
): Promise<NeighbourhoodMap> {
  const id = neighbourhoodEntityId(params.place);
  const data = await requestGraphql({
    ...params,
    query: NEIGHBOURHOOD_QUERY,
    variables: { district: String(params.place.district), neighbourhood: id, neighbourhoodRef: id },
    schema: neighbourhoodDataSchema,
  });
  return {
    district: data.district,
    ownedUnits: Number(data.neighbourhood?.ownedUnits ?? 0),
    buildings: countsByNumber(data.buildings, WORLD_LIMITS.buildings),
    meta: data._meta,
  };
}

export type BuildingFloors = {
  district: DistrictRow | null;
  ownedUnits: number;
  /** The 36 floors, in order; floors nothing was bought on have no summary. */
  floors: (FloorSummary | undefined)[];
  meta: SubgraphMeta;
};

export async function fetchBuildingFloors(
  params: Common & { place: Required<Pick<CityPlace, "neighbourhood" | "building">> & CityPlace },
): Promise<BuildingFloors> {
  const id = buildingEntityId(params.place);
  const data = await requestGraphql({
    ...params,
    query: BUILDING_QUERY,
    variables: { district: String(params.place.district), building: id, buildingRef: id },
    schema: buildingDataSchema,
  });
  const floors = new Array<FloorSummary | undefined>(WORLD_LIMITS.floors).fill(undefined);
  for (const floor of data.floors) if (floor.number >= 0 && floor.number < floors.length) floors[floor.number] = floor;
  return { district: data.district, ownedUnits: data.building?.ownedUnits ?? 0, floors, meta: data._meta };
}

export type FloorPlan = {
  district: DistrictRow | null;
  floor: FloorSummary | null;
  units: FloorUnit[];
  meta: SubgraphMeta;
};

export async function fetchFloorPlan(params: Common & { place: Required<CityPlace> }): Promise<FloorPlan> {
  const id = floorEntityId(params.place);
  const data = await requestGraphql({
    ...params,
    query: FLOOR_QUERY,
    variables: { district: String(params.place.district), floor: id, floorRef: id },
    schema: floorDataSchema,
  });
  return { district: data.district, floor: data.floor, units: data.units, meta: data._meta };
}

export type UnitPageData = { unit: UnitDetail | null; district: DistrictRow | null; meta: SubgraphMeta };

export async function fetchUnitDetail(params: Common & { tokenId: bigint; district: number }): Promise<UnitPageData> {
  const data = await requestGraphql({
    ...params,
    query: UNIT_DETAIL_QUERY,
    variables: { id: params.tokenId.toString(), district: String(params.district) },
    schema: unitDetailDataSchema,
  });
  return { unit: data.unit, district: data.district, meta: data._meta };
}

/** The token id (decimal) of the unit named `name`, or null when no unit has that name. */
export async function fetchUnitIdByName(params: Common & { name: string }): Promise<string | null> {
  const data = await requestGraphql({
    ...params,
    query: UNIT_BY_NAME_QUERY,
    variables: { name: params.name },
    schema: unitByNameDataSchema,
  });
  return data.units[0]?.id ?? null;
}

/** Visitors the unit's current `owner` invited (invitations of earlier owners lapsed with the transfer). */
export async function fetchUnitVisitors(params: Common & { tokenId: bigint; owner: string }): Promise<string[]> {
  const data = await requestGraphql({
    ...params,
    query: UNIT_VISITORS_QUERY,
    variables: { unit: params.tokenId.toString(), owner: params.owner.toLowerCase() },
    schema: unitVisitorsDataSchema,
  });
  return data.unitVisitors.map((row) => row.visitor);
}
