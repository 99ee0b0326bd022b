/** The render network page's read from the subgraph: one request for every renderer and the latest jobs. */
import {
  RENDERERS_QUERY,
  renderersDataSchema,
  SCENE_RENDER_QUERY,
  sceneRenderDataSchema,
  type RenderJobRow,
  type RendererRow,
} from "./renderQueries.ts";
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

/** The latest completed render of the scene whose CID digest is `digest`, if any. */
export async function fetchSceneRender(params: {
  url: string;
  digest: string;
  signal?: AbortSignal | undefined;
  fetch?: typeof fetch;
}): Promise<{ jobId: string; resultDigest: string; resultCodec: string } | null> {
  const data = await requestGraphql({
    ...params,
    query: SCENE_RENDER_QUERY,
    variables: { digest: params.digest },
    schema: sceneRenderDataSchema,
  });
  const job = data.renderJobs[0];
  return job && job.resultDigest && job.resultCodec
    ? { jobId: job.jobId, resultDigest: job.resultDigest, resultCodec: job.resultCodec }
    : null;
}
