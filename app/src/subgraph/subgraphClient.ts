/**
 * The reads the app makes from the subgraph, one function each. Thin wrappers over
 * `requestGraphql` with the documents and schemas of `queries.ts`.
 */
import {
  CLAIMED_AMONG_QUERY,
  claimedAmongDataSchema,
  META_QUERY,
  metaDataSchema,
  toUnitsPage,
  UNIT_QUERY,
  unitDataSchema,
  UNITS_PAGE_QUERY,
  UNITS_PAGE_SIZE,
  unitsPageDataSchema,
  unitsPageVariables,
  type UnitsPage,
} from "./queries.ts";
import { requestGraphql } from "./requestGraphql.ts";
import type { SubgraphMeta, UnitRecord } from "./unitRecord.ts";

type Common = { url: string; signal?: AbortSignal | undefined; fetch?: typeof fetch };

export async function fetchUnitsPage(params: Common & { page: number; pageSize?: number }): Promise<UnitsPage> {
  const pageSize = params.pageSize ?? UNITS_PAGE_SIZE;
  const data = await requestGraphql({
    ...params,
    query: UNITS_PAGE_QUERY,
    variables: unitsPageVariables(params.page, pageSize),
    schema: unitsPageDataSchema,
  });
  return toUnitsPage(data, pageSize);
}

export type FetchUnitReturnType = { unit: UnitRecord | null; meta: SubgraphMeta };

export async function fetchUnit(params: Common & { id: string }): Promise<FetchUnitReturnType> {
  const data = await requestGraphql({
    ...params,
    query: UNIT_QUERY,
    variables: { id: params.id },
    schema: unitDataSchema,
  });
  return { unit: data.unit, meta: data._meta };
}

/** The subset of `ids` (decimal token ids) that the subgraph knows as claimed. */
export async function fetchClaimedAmong(params: Common & { ids: readonly string[] }): Promise<Set<string>> {
  if (params.ids.length === 0) return new Set();
  const data = await requestGraphql({
    ...params,
    query: CLAIMED_AMONG_QUERY,
    variables: { ids: params.ids },
    schema: claimedAmongDataSchema,
  });
  return new Set(data.units.map((unit) => unit.id));
}

export async function fetchSubgraphMeta(params: Common): Promise<SubgraphMeta> {
  const data = await requestGraphql({ ...params, query: META_QUERY, schema: metaDataSchema });
  return data._meta;
}
