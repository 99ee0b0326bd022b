/**
 * The city's URLs: `/city/<district>/<neighbourhood>/<building>/<floor>`, each segment readable
 * and the same width as in a unit's address, so `/city/residential/n0042/b07/f12` is the floor of
 * `R-0042-07-12-003`:
 *
 *   district       `residential`, `business`, `community`, `shopping`; later ones `d5`, `d6`, …
 *   neighbourhood  `n0042` (0–1295)
 *   building       `b07` (0–35)
 *   floor          `f12` (0–35)
 *
 * Parsing accepts any case and unpadded numbers (`N42`); formatting always pads.
 */
import { DISTRICTS, SEED_DISTRICT_COUNT, WORLD_LIMITS, type UnitAddressParts } from "@markspace/contracts/unit-address";

/** A place in the city down to a floor; deeper fields only when the shallower ones are set. */
export type CityPlace = {
  district: number;
  neighbourhood?: number;
  building?: number;
  floor?: number;
};

const DISTRICT_SLUGS = Object.fromEntries(Object.entries(DISTRICTS).map(([name, number]) => [number, name])) as Record<
  number,
  string
>;

/** `residential` for 1, …, `d5` for a district governance opened. */
export function districtSlug(district: number): string {
  return district <= SEED_DISTRICT_COUNT ? DISTRICT_SLUGS[district]! : `d${district}`;
}

/** The district's name for people: `Residential`, …, `District 5`. */
export function districtTitle(district: number): string {
  const slug = districtSlug(district);
  return district <= SEED_DISTRICT_COUNT ? slug[0]!.toUpperCase() + slug.slice(1) : `District ${district}`;
}

function numberIn(text: string, prefix: string, max: number): number | undefined {
  const match = new RegExp(`^${prefix}(\\d{1,4})$`, "i").exec(text);
  if (!match) return undefined;
  const value = Number(match[1]);
  return value < max ? value : undefined;
}

/** The district number of a segment, or undefined when it names none. */
export function parseDistrictSegment(segment: string): number | undefined {
  const text = decodeURIComponent(segment).toLowerCase();
  const seed = DISTRICTS[text as keyof typeof DISTRICTS];
  if (seed !== undefined) return seed;
  const opened = numberIn(text, "d", WORLD_LIMITS.districts + 1);
  return opened !== undefined && opened > SEED_DISTRICT_COUNT ? opened : undefined;
}

export const parseNeighbourhoodSegment = (segment: string) => numberIn(segment, "n", WORLD_LIMITS.neighbourhoods);
export const parseBuildingSegment = (segment: string) => numberIn(segment, "b", WORLD_LIMITS.buildings);
export const parseFloorSegment = (segment: string) => numberIn(segment, "f", WORLD_LIMITS.floors);

const pad = (value: number, width: number) => String(value).padStart(width, "0");

export const neighbourhoodSegment = (neighbourhood: number) => `n${pad(neighbourhood, 4)}`;
export const buildingSegment = (building: number) => `b${pad(building, 2)}`;
export const floorSegment = (floor: number) => `f${pad(floor, 2)}`;

/** `/city`, `/city/residential`, … down to `/city/residential/n0042/b07/f12`. */
export function cityPath(place?: CityPlace | UnitAddressParts): string {
  if (!place) return "/city";
  const segments = ["/city", districtSlug(place.district)];
  if (place.neighbourhood !== undefined) {
    segments.push(neighbourhoodSegment(place.neighbourhood));
    if (place.building !== undefined) {
      segments.push(buildingSegment(place.building));
      if (place.floor !== undefined) segments.push(floorSegment(place.floor));
    }
  }
  return segments.join("/");
}

/**
 * The place a list of route segments names (`["residential", "n0042", "b07"]`), or undefined
 * when any of them is not a valid segment at its depth.
 */
export function parseCitySegments(segments: readonly string[]): CityPlace | undefined {
  const [d, n, b, f] = segments;
  if (d === undefined || segments.length > 4) return undefined;
  const district = parseDistrictSegment(d);
  if (district === undefined) return undefined;
  const place: CityPlace = { district };
  if (n === undefined) return place;
  place.neighbourhood = parseNeighbourhoodSegment(n);
  if (place.neighbourhood === undefined) return undefined;
  if (b === undefined) return place;
  place.building = parseBuildingSegment(b);
  if (place.building === undefined) return undefined;
  if (f === undefined) return place;
  place.floor = parseFloorSegment(f);
  return place.floor === undefined ? undefined : place;
}

/** Subgraph entity ids (`schema.graphql`): `"1"`, `"1-42"`, `"1-42-7"`, `"1-42-7-12"`. */
export function districtEntityId(place: CityPlace): string {
  return String(place.district);
}
export function neighbourhoodEntityId(place: Required<Pick<CityPlace, "neighbourhood">> & CityPlace): string {
  return `${place.district}-${place.neighbourhood}`;
}
export function buildingEntityId(place: Required<Pick<CityPlace, "neighbourhood" | "building">> & CityPlace): string {
  return `${neighbourhoodEntityId(place)}-${place.building}`;
}
export function floorEntityId(place: Required<Omit<CityPlace, "district">> & CityPlace): string {
  return `${buildingEntityId(place)}-${place.floor}`;
}
