/**
 * The GraphQL documents the app sends, each with its variables builder and answer schema.
 * Documents are constants with variables (never string-built from input), so they are safe and
 * the subgraph can cache their parse.
 */
import { z } from "zod";
import { metaSchema, UNIT_FIELDS, unitRecordSchema } from "./unitRecord.ts";

export const UNITS_PAGE_SIZE = 24;

/** graph-node refuses `first` above 1000 and large `skip` values get slow; keep pages modest. */
const MAX_FIRST = 1000;

export const UNITS_PAGE_QUERY = `query UnitsPage($first: Int!, $skip: Int!) {
  units(first: $first, skip: $skip, orderBy: claimedAtBlock, orderDirection: desc) {${UNIT_FIELDS}}
  _meta { block { number } hasIndexingErrors }
}`;

export type UnitsPageVariables = { first: number; skip: number };

/**
 * Variables for page `page` (1-based) of `pageSize` units. Asks for one extra unit so the
 * answer tells whether a next page exists without a count query.
 */
export function unitsPageVariables(page: number, pageSize = UNITS_PAGE_SIZE): UnitsPageVariables {
  if (!Number.isInteger(page) || page < 1) throw new RangeError(`page must be a whole number ≥ 1, not ${page}`);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize >= MAX_FIRST) {
    throw new RangeError(`pageSize must be between 1 and ${MAX_FIRST - 1}, not ${pageSize}`);
  }
  return { first: pageSize + 1, skip: (page - 1) * pageSize };
}

export const unitsPageDataSchema = z.object({ units: z.array(unitRecordSchema), _meta: metaSchema });

export type UnitsPage = {
  units: z.infer<typeof unitRecordSchema>[];
  hasNextPage: boolean;
  indexedBlock: number;
  hasIndexingErrors: boolean;
};

/** Splits the one-extra answer of `UNITS_PAGE_QUERY` into the page and the next-page flag. */
export function toUnitsPage(data: z.infer<typeof unitsPageDataSchema>, pageSize = UNITS_PAGE_SIZE): UnitsPage {
  return {
    units: data.units.slice(0, pageSize),
    hasNextPage: data.units.length > pageSize,
    indexedBlock: data._meta.block.number,
    hasIndexingErrors: data._meta.hasIndexingErrors,
  };
}

export const UNIT_QUERY = `query Unit($id: ID!) {
  unit(id: $id) {${UNIT_FIELDS}}
  _meta { block { number } hasIndexingErrors }
}`;

export const unitDataSchema = z.object({ unit: unitRecordSchema.nullable(), _meta: metaSchema });

/** Which of the given token ids (decimal strings) are already claimed. */
export const CLAIMED_AMONG_QUERY = `query ClaimedAmong($ids: [ID!]!) {
  units(where: { id_in: $ids }, first: 1000) { id }
}`;

export const claimedAmongDataSchema = z.object({ units: z.array(z.object({ id: z.string() })) });

export const META_QUERY = `query Meta { _meta { block { number } hasIndexingErrors } }`;

export const metaDataSchema = z.object({ _meta: metaSchema });
