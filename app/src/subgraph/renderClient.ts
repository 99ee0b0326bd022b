/** The render network page's read from the subgraph: one request for every renderer and the latest jobs. */
import { RENDERERS_QUERY, renderersDataSchema, type RenderJobRow, type RendererRow } from "./renderQueries.ts";
import { requestGraphql } from "./requestGraphql.ts";
import type { SubgraphMeta } from "./unitRecord.ts";

export type RenderNetwork = { renderers: RendererRow[]; jobs: RenderJobRow[]; meta: SubgraphMeta };

export async function fetchRenderNetwork(params: {
  url: string;
  signal?: AbortSignal | undefined;
  fetch?: typeof fetch;
}): Promise<RenderNetwork> {
  const data = await requestGraphql({ ...params, query: RENDERERS_QUERY, schema: renderersDataSchema });
  return { renderers: data.renderers, jobs: data.renderJobs, meta: data._meta };
}
