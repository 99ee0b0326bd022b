/**
 * The city pages' GraphQL documents, each with its answer schema. Every page is one request: the
 * subgraph keeps counts of owned units on `District`, `Neighbourhood`, `Building` and `Floor`
 * (entities exist only where something is owned), and a floor's units come in one list.
 */
import { z } from "zod";
import { metaSchema } from "./unitRecord.ts";
import { UNIT_DETAIL_FIELDS, UNIT_TYPE_NAMES, unitDetailSchema } from "./unitDetail.ts";

const bigintString = z.string().regex(/^\d+$/, "a decimal BigInt string");
const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, "a 20-byte 0x address");

const districtSchema = z.object({
  id: z.string(),
  number: z.number().int(),
  unitType: z.enum(UNIT_TYPE_NAMES),
  neighbourhoods: z.number().int().nonnegative(),
  ownedUnits: bigintString,
});
export type DistrictRow = z.infer<typeof districtSchema>;

const countRow = z.object({ number: z.number().int(), ownedUnits: z.union([bigintString, z.number().int()]) });

/** `/city`: every district (the seed's four and any governance opened). */
export const CITY_QUERY = `query City {
  districts(first: 256, orderBy: number) { id number unitType neighbourhoods ownedUnits }
  _meta { block { number } hasIndexingErrors }
}`;
export const cityDataSchema = z.object({ districts: z.array(districtSchema), _meta: metaSchema });

/**
 * `/city/<district>`: the district and its neighbourhoods with owned units. A district has up to
 * 1,296 of them and a list answers at most 1,000, so the document asks for two halves by number.
 */
export const DISTRICT_QUERY = `query District($district: ID!, $districtRef: String!) {
  district(id: $district) { id number unitType neighbourhoods ownedUnits }
  low: neighbourhoods(first: 1000, orderBy: number, where: { district: $districtRef, number_lt: 1000 }) { number ownedUnits }
  high: neighbourhoods(first: 1000, orderBy: number, where: { district: $districtRef, number_gte: 1000 }) { number ownedUnits }
  _meta { block { number } hasIndexingErrors }
}`;
export const districtDataSchema = z.object({
  district: districtSchema.nullable(),
  low: z.array(countRow),
  high: z.array(countRow),
  _meta: metaSchema,
});

/** `/city/<district>/<neighbourhood>`: the 36 buildings' counts. */
export const NEIGHBOURHOOD_QUERY = `query Neighbourhood($district: ID!, $neighbourhood: ID!, $neighbourhoodRef: String!) {
  district(id: $district) { id number unitType neighbourhoods ownedUnits }
  neighbourhood(id: $neighbourhood) { ownedUnits }
  buildings(first: 36, orderBy: number, where: { neighbourhood: $neighbourhoodRef }) { number ownedUnits }
  _meta { block { number } hasIndexingErrors }
}`;
export const neighbourhoodDataSchema = z.object({
  district: districtSchema.nullable(),
  neighbourhood: z.object({ ownedUnits: bigintString }).nullable(),
  buildings: z.array(countRow),
  _meta: metaSchema,
});

const floorSummary = z.object({
  number: z.number().int(),
  floorId: bigintString,
  ownedUnits: z.number().int(),
  rangeOwner: address.nullable(),
  rangeStoragePaidUntil: bigintString.nullable(),
  hasSingles: z.boolean(),
});
export type FloorSummary = z.infer<typeof floorSummary>;

const FLOOR_SUMMARY_FIELDS = "number floorId ownedUnits rangeOwner rangeStoragePaidUntil hasSingles";

/** `/city/…/<building>`: the 36 floors' counts and range owners. */
export const BUILDING_QUERY = `query Building($district: ID!, $building: ID!, $buildingRef: String!) {
  district(id: $district) { id number unitType neighbourhoods ownedUnits }
  building(id: $building) { ownedUnits }
  floors(first: 36, orderBy: number, where: { building: $buildingRef }) { ${FLOOR_SUMMARY_FIELDS} }
  _meta { block { number } hasIndexingErrors }
}`;
export const buildingDataSchema = z.object({
  district: districtSchema.nullable(),
  building: z.object({ ownedUnits: z.number().int() }).nullable(),
  floors: z.array(floorSummary),
  _meta: metaSchema,
});

const floorUnitSchema = z.object({
  unit: z.number().int(),
  owner: address,
  privacy: z.string(),
  storagePaidUntil: bigintString,
  name: z.string().nullable(),
});
export type FloorUnit = z.infer<typeof floorUnitSchema>;

/** `/city/…/<floor>`: the floor and its owned units (at most 625: one list). */
export const FLOOR_QUERY = `query Floor($district: ID!, $floor: ID!, $floorRef: String!) {
  district(id: $district) { id number unitType neighbourhoods ownedUnits }
  floor(id: $floor) { ${FLOOR_SUMMARY_FIELDS} }
  units(first: 1000, orderBy: unit, where: { floorRef: $floorRef }) { unit owner privacy storagePaidUntil name }
  _meta { block { number } hasIndexingErrors }
}`;
export const floorDataSchema = z.object({
  district: districtSchema.nullable(),
  floor: floorSummary.nullable(),
  units: z.array(floorUnitSchema),
  _meta: metaSchema,
});

/** The unit page: one unit with its district (whether it is open and its type). */
export const UNIT_DETAIL_QUERY = `query UnitDetail($id: ID!, $district: ID!) {
  unit(id: $id) {${UNIT_DETAIL_FIELDS}}
  district(id: $district) { id number unitType neighbourhoods ownedUnits }
  _meta { block { number } hasIndexingErrors }
}`;
export const unitDetailDataSchema = z.object({
  unit: unitDetailSchema.nullable(),
  district: districtSchema.nullable(),
  _meta: metaSchema,
});

/** `/units/<name>`: the unit that carries a name (names are unique, so at most one). */
export const UNIT_BY_NAME_QUERY = `query UnitByName($name: String!) {
  units(first: 1, where: { name: $name }) { id }
}`;
export const unitByNameDataSchema = z.object({ units: z.array(z.object({ id: bigintString })) });

/** The owner panel: accounts the current owner invited to see the unit while it is private. */
export const UNIT_VISITORS_QUERY = `query UnitVisitors($unit: String!, $owner: Bytes!) {
  unitVisitors(first: 100, orderBy: updatedAtBlock, where: { unit: $unit, owner: $owner, allowed: true }) { visitor }
}`;
export const unitVisitorsDataSchema = z.object({ unitVisitors: z.array(z.object({ visitor: address })) });
