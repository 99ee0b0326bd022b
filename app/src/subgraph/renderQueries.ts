/**
 * The render network page's GraphQL document and its answer schema: every renderer the subgraph
 * knows, with stake, admission, ratings per renderer version and slashes (`RenderStaking`).
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

/** At most 1,000 renderers, largest stake first (a list answers at most 1,000). */
export const RENDERERS_QUERY = `query Renderers {
  renderers(first: 1000, orderBy: staked, orderDirection: desc) {
    id role staked locked unbonding withdrawableAt admitted admissionDeadline speedSeconds slashed registeredAt
    ratings(first: 20, orderBy: rating, orderDirection: desc) { rendererVersion rating }
  }
  _meta { block { number } hasIndexingErrors }
}`;

export const renderersDataSchema = z.object({ renderers: z.array(rendererSchema), _meta: metaSchema });
