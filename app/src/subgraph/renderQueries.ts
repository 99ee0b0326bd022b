/**
 * The render network page's GraphQL document and its answer schema: every renderer the subgraph
 * knows, with stake, admission, ratings per renderer version and slashes (`RenderStaking`), and
 * the latest jobs with the phase of each tile (`RenderJobs`).
 */
import { z } from "zod";
import { metaSchema } from "./unitRecord.ts";

const bigintString = z.string().regex(/^\d+$/, "a decimal BigInt string");
const hex = z.string().regex(/^0x[0-9a-fA-F]*$/, "0x-prefixed hex");
const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, "a 20-byte 0x address");

export const RENDERER_ROLES = ["Worker", "Scheduler"] as const;

const rendererSchema = z.object({
  id: address,
  role: z.enum(RENDERER_ROLES),
  staked: bigintString,
  locked: bigintString,
  unbonding: bigintString,
  withdrawableAt: bigintString,
  admitted: z.boolean(),
  admissionDeadline: bigintString.nullable(),
  speedSeconds: bigintString.nullable(),
  slashed: bigintString,
  registeredAt: bigintString,
  ratings: z.array(z.object({ rendererVersion: hex, rating: bigintString })),
});
export type RendererRow = z.infer<typeof rendererSchema>;

export const RENDER_JOB_STATUSES = ["Posted", "Accepted", "Completed", "Cancelled", "Abandoned"] as const;
export const RENDER_TILE_PHASES = ["Unassigned", "Committing", "Revealing", "Accepted"] as const;

const renderJobSchema = z.object({
  jobId: bigintString,
  status: z.enum(RENDER_JOB_STATUSES),
  client: address,
  scheduler: address,
  viewpoints: z.number().int(),
  faceSize: z.number().int(),
  samplesPerPixel: z.number().int(),
  tileCount: bigintString,
  acceptedTiles: bigintString,
  budget: bigintString,
  fee: bigintString,
  paidToWorkers: bigintString,
  deadline: bigintString,
  resultDigest: hex.nullable(),
  resultCodec: bigintString.nullable(),
  tiles: z.array(
    z.object({
      index: bigintString,
      phase: z.enum(RENDER_TILE_PHASES),
      round: bigintString,
      /** Rendered by one trusted Worker (adaptive replication); `audited` once the audit is drawn. */
      single: z.boolean(),
      audited: z.boolean().nullable(),
      /** A probe tile's known answer, once its client opened it; whether the accepted result matched it. */
      knownAnswer: hex.nullable(),
      probeAgreed: z.boolean().nullable(),
    }),
  ),
});
export type RenderJobRow = z.infer<typeof renderJobSchema>;

/** Tiles listed per job (a list answers at most 1,000); larger jobs show their first 1,000. */
export const JOB_TILES_SHOWN = 1000;

/**
 * At most 1,000 renderers, largest stake first (a list answers at most 1,000), and the 10 latest
 * jobs with their tiles in order.
 */
export const RENDERERS_QUERY = `query Renderers {
  renderers(first: 1000, orderBy: staked, orderDirection: desc) {
    id role staked locked unbonding withdrawableAt admitted admissionDeadline speedSeconds slashed registeredAt
    ratings(first: 20, orderBy: rating, orderDirection: desc) { rendererVersion rating }
  }
  renderJobs(first: 10, orderBy: jobId, orderDirection: desc) {
    jobId status client scheduler viewpoints faceSize samplesPerPixel tileCount acceptedTiles budget fee
    paidToWorkers deadline resultDigest resultCodec
    tiles(first: ${JOB_TILES_SHOWN}, orderBy: index) { index phase round single audited knownAnswer probeAgreed }
  }
  _meta { block { number } hasIndexingErrors }
}`;

export const renderersDataSchema = z.object({
  renderers: z.array(rendererSchema),
  renderJobs: z.array(renderJobSchema),
  _meta: metaSchema,
});

/** The latest completed job that rendered a scene (by its CID digest), for the unit page's 360° view. */
export const SCENE_RENDER_QUERY = `query SceneRender($digest: Bytes!) {
  renderJobs(first: 1, where: { sceneDigest: $digest, status: Completed }, orderBy: jobId, orderDirection: desc) {
    jobId resultDigest resultCodec
  }
}`;

export const sceneRenderDataSchema = z.object({
  renderJobs: z.array(
    z.object({ jobId: bigintString, resultDigest: hex.nullable(), resultCodec: bigintString.nullable() }),
  ),
});
