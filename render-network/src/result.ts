/**
 * The document a completed render job's result CID points at (`RenderJobs.completeJob`): one cube
 * map per viewpoint, six PNG faces each, published on IPFS by the Scheduler. Browser-safe (zod
 * only), so the app validates what it fetches with the same schema the Scheduler writes with.
 */
import { z } from "zod";

/** The faces' order in `faces`, as the tracer's cube cameras number them. */
export const CUBE_FACE_NAMES = ["+x", "−x", "+y", "−y", "+z", "−z"] as const;

export const renderResultSchema = z.object({
  version: z.literal(1),
  kind: z.literal("markspace-render-result"),
  jobId: z.string().regex(/^\d+$/),
  /** The scene manifest's CID. */
  scene: z.string().min(1),
  rendererVersion: z.string().regex(/^0x[0-9a-fA-F]{64}$/),
  faceSize: z.number().int().positive(),
  samplesPerPixel: z.number().int().positive(),
  viewpoints: z
    .array(
      z.object({
        /** Where the eye was, in scene metres. */
        position: z.tuple([z.number(), z.number(), z.number()]),
        /** PNG CIDs in `CUBE_FACE_NAMES` order. */
        faces: z.array(z.string().min(1)).length(6),
      }),
    )
    .min(1),
});

export type RenderResult = z.infer<typeof renderResultSchema>;
