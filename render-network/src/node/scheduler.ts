/**
 * A render Scheduler process: registers and stakes, accepts the jobs clients post for it (when
 * it runs the renderer they name), draws Workers for each tile once the seed block is mined,
 * settles tiles when their Workers have revealed or a deadline has passed (which slashes and
 * replaces the silent; on a job with probe tiles the client settles early, the Scheduler only late), and when every tile is accepted fetches the accepted tiles from IPFS (by
 * the hash the chain accepted: the bytes are checked against it), stitches each cube face,
 * publishes the faces and a result document, and completes the job for its fee.
 */
import { z } from "zod";
import { zeroAddress, type Address } from "viem";
import { renderJobsAbi } from "@markspace/contracts/abis";
import { addBytes, addJson, fetchVerified, fetchVerifiedJson } from "@markspace/ipfs/client";
import { sceneManifestSchema } from "@markspace/ipfs/manifest";
import { sceneCidOf, sceneContentOf } from "@markspace/ipfs/scene-content";
import { IpfsError, IpfsRequestError } from "@markspace/ipfs/errors";
import { assembleTiles, type RgbTile } from "../assemble.ts";
import { verifiedAssetFetcher } from "../asset-fetch.ts";
import { RenderInvalidInputError } from "../errors.ts";
import { checkJobSpec, jobSpecOf, jobTile, jobViewpoints } from "../job-plan.ts";
import { decodeTilePayload, MAX_TILE_PAYLOAD_BYTES, tilePayloadCid } from "../tile-payload.ts";
import { encodePng, RENDERER_VERSION } from "../tracer/index.ts";
import { loadManifestAssets } from "../tracer/manifest-scene.ts";
import { renderResultSchema, type RenderResult } from "../result.ts";
import {
  ensureRegistered,
  jobLogs,
  ROLE_SCHEDULER,
  sendCall,
  type RenderNodeChain,
  type RenderNodeEvent,
  type RenderNodeIpfs,
} from "./chain.ts";
import { StateFile } from "./state-file.ts";

const MAX_MANIFEST_BYTES = 1024 * 1024;
const JOB_POSTED = 1;
const JOB_ACCEPTED = 2;
const TILE_UNASSIGNED = 0;
const TILE_COMMITTING = 1;
const TILE_REVEALING = 2;
const TILE_ACCEPTED = 3;
const ZERO = `0x${"00".repeat(32)}`;

export type RenderSchedulerOptions = {
  chain: RenderNodeChain;
  ipfs: RenderNodeIpfs;
  /** Where the Scheduler keeps the jobs it follows and how far it has read the chain. */
  dataDir: string;
  /** MRK wei to stake when registering. */
  stake: bigint;
  log?: (event: RenderNodeEvent) => void;
};

const schedulerStateSchema = z.object({
  fromBlock: z.string(),
  /** Jobs posted for this Scheduler that are not finished. */
  jobs: z.array(z.string()),
});
type SchedulerState = z.infer<typeof schedulerStateSchema>;

export class RenderScheduler {
  private readonly log: (event: RenderNodeEvent) => void;
  /** Per job, the tiles seen accepted (final on chain), so later passes do not read them again. */
  private readonly acceptedTiles = new Map<bigint, Set<number>>();

  private constructor(
    private readonly options: RenderSchedulerOptions,
    private readonly state: StateFile<SchedulerState>,
  ) {
    this.log = options.log ?? (() => {});
  }

  static async open(options: RenderSchedulerOptions): Promise<RenderScheduler> {
    const state = await StateFile.open(options.dataDir, "scheduler-state.json", schedulerStateSchema, {
      fromBlock: "0",
      jobs: [],
    });
    return new RenderScheduler(options, state);
  }

  get address(): Address {
    return this.options.chain.walletClient.account.address;
  }

  /** Registers as a Scheduler with its stake, unless it is one already. */
  async prepare(): Promise<void> {
    await ensureRegistered(this.options.chain, ROLE_SCHEDULER, this.options.stake, this.log);
  }

  /** One pass over every job this Scheduler follows; returns how many transactions it sent. */
  async tick(): Promise<number> {
    const { chain } = this.options;
    const latest = await chain.publicClient.getBlockNumber();
    const from = BigInt(this.state.value.fromBlock);
    if (latest >= from) {
      for (const log of await jobLogs(chain, "JobPosted", { scheduler: this.address }, from, latest)) {
        this.state.value.jobs.push(String(log.args.jobId));
        this.log({ event: "job-posted", jobId: log.args.jobId as bigint });
      }
      this.state.value.fromBlock = String(latest + 1n);
      await this.state.save();
    }
    let sent = 0;
    const still: string[] = [];
    for (const id of this.state.value.jobs) {
      try {
        const { sent: count, finished } = await this.advanceJob(BigInt(id));
        sent += count;
        if (!finished) still.push(id);
      } catch (error) {
        // One job failing (a gateway down while assembling, a draw refused) does not hold up the others.
        this.log({ event: "job-failed", jobId: BigInt(id), message: (error as Error).message });
        still.push(id);
      }
    }
    this.state.value.jobs = still;
    await this.state.save();
    return sent;
  }

  private async advanceJob(jobId: bigint): Promise<{ sent: number; finished: boolean }> {
    const { chain } = this.options;
    const job = await chain.publicClient.readContract({
      address: chain.contracts.jobs,
      abi: renderJobsAbi,
      functionName: "jobOf",
      args: [jobId],
    });
    const now = (await chain.publicClient.getBlock()).timestamp;
    if (job.status === JOB_POSTED) {
      const refusal = await this.refusalOf(jobId, job, now);
      if (refusal) {
        this.log({ event: "job-declined", jobId, reason: refusal });
        return { sent: 0, finished: true };
      }
      await sendCall(chain, chain.contracts.jobs, renderJobsAbi, "acceptJob", [jobId]);
      this.log({ event: "job-accepted", jobId, tiles: Number(job.tileCount) });
      return { sent: 1, finished: false };
    }
    if (job.status !== JOB_ACCEPTED) {
      this.acceptedTiles.delete(jobId);
      return { sent: 0, finished: true };
    }

    const latest = await chain.publicClient.getBlockNumber();
    let sent = 0;
    // On a job with probe tiles only its client settles a tile before the reveal deadline.
    const probed = job.probeRoot !== ZERO;
    const known = this.acceptedTiles.get(jobId) ?? new Set<number>();
    this.acceptedTiles.set(jobId, known);
    for (let tile = 0; tile < Number(job.tileCount); tile++) {
      if (known.has(tile)) continue;
      const view = await chain.publicClient.readContract({
        address: chain.contracts.jobs,
        abi: renderJobsAbi,
        functionName: "tileOf",
        args: [jobId, BigInt(tile)],
      });
      const call = async (functionName: "assignTile" | "settleTile", event: string) => {
        await sendCall(chain, chain.contracts.jobs, renderJobsAbi, functionName, [jobId, BigInt(tile)]);
        this.log({ event, jobId, tile, round: String(view.round) });
        sent++;
      };
      const seedBlock = view.seedBlock === 0n ? job.seedBlock : view.seedBlock;
      const occupied = view.workers.map((worker) => worker !== zeroAddress);
      // Empty slots: a fresh tile, or one whose silent Workers were slashed and removed.
      const emptySlot = occupied.includes(false);
      const allRevealed = view.results.every((result, slot) => !occupied[slot] || result !== ZERO);
      if (view.phase === TILE_ACCEPTED) known.add(tile);
      else if (view.phase === TILE_COMMITTING && view.single) {
        // One trusted Worker: once it has sealed, a later block draws whether two more audit it.
        if (view.commitments[0] !== ZERO) {
          if (latest > view.seedBlock) await call("assignTile", "tile-audit-drawn");
        } else if (now > view.deadline) await call("settleTile", "tile-commit-deadline");
      } else if (view.phase === TILE_UNASSIGNED || (view.phase === TILE_COMMITTING && emptySlot)) {
        if (latest > seedBlock) await call("assignTile", "tile-drawn");
      } else if (view.phase === TILE_COMMITTING && now > view.deadline) {
        await call("settleTile", "tile-commit-deadline");
      } else if (view.phase === TILE_REVEALING && (now > view.deadline || (allRevealed && !probed))) {
        await call("settleTile", "tile-settled");
      }
    }
    if (known.size === Number(job.tileCount)) {
      await this.complete(jobId);
      this.acceptedTiles.delete(jobId);
      return { sent: sent + 1, finished: true };
    }
    return { sent, finished: false };
  }

  /**
   * Why this Scheduler will not take a posted job, if it will not: another renderer, a deadline
   * already past, a spec no Worker should render, or a scene that is not a valid manifest on IPFS.
   * Accepting such a job would get honest Workers slashed for tiles nobody can render.
   */
  private async refusalOf(
    jobId: bigint,
    job: {
      rendererVersion: string;
      deadline: bigint;
      sceneDigest: `0x${string}`;
      sceneCodec: bigint;
      spec: Parameters<typeof jobSpecOf>[0];
    },
    now: bigint,
  ): Promise<string | undefined> {
    if (job.rendererVersion.toLowerCase() !== RENDERER_VERSION.toLowerCase()) {
      return `renderer ${job.rendererVersion}, not ${RENDERER_VERSION}`;
    }
    if (now > job.deadline) return `its deadline ${job.deadline} has passed`;
    try {
      checkJobSpec(jobSpecOf(job.spec));
      const cid = sceneCidOf({ digest: job.sceneDigest, codec: job.sceneCodec });
      if (!cid) return "it names no scene";
      const parsed = sceneManifestSchema.safeParse(
        await fetchVerifiedJson(this.options.ipfs.gatewayUrl, cid, { maxBytes: MAX_MANIFEST_BYTES }),
      );
      if (!parsed.success) return `its scene ${cid} is not a scene manifest: ${parsed.error.issues[0]?.message}`;
      // Its models and images must load too, or every Worker would give the job up.
      await loadManifestAssets(parsed.data, verifiedAssetFetcher(this.options.ipfs.gatewayUrl));
    } catch (error) {
      if (error instanceof RenderInvalidInputError) return error.message;
      if (error instanceof IpfsError && !(error instanceof IpfsRequestError)) return error.message;
      throw error; // a gateway failing for a moment: try again next pass
    }
    this.log({ event: "job-checked", jobId });
    return undefined;
  }

  /** Stitches the accepted tiles into faces, publishes them and completes the job. */
  private async complete(jobId: bigint): Promise<void> {
    const { chain, ipfs } = this.options;
    const job = await chain.publicClient.readContract({
      address: chain.contracts.jobs,
      abi: renderJobsAbi,
      functionName: "jobOf",
      args: [jobId],
    });
    const sceneCid = sceneCidOf({ digest: job.sceneDigest, codec: job.sceneCodec });
    if (!sceneCid) throw new Error(`Job ${jobId} has no scene`);
    const manifest = sceneManifestSchema.parse(
      await fetchVerifiedJson(ipfs.gatewayUrl, sceneCid, { maxBytes: MAX_MANIFEST_BYTES }),
    );
    const spec = jobSpecOf(job.spec);
    const faces = new Map<number, RgbTile[]>();
    for (let index = 0; index < Number(job.tileCount); index++) {
      const view = await chain.publicClient.readContract({
        address: chain.contracts.jobs,
        abi: renderJobsAbi,
        functionName: "tileOf",
        args: [jobId, BigInt(index)],
      });
      const planned = jobTile({ jobId, manifest, spec, index });
      const bytes = await fetchVerified(ipfs.gatewayUrl, tilePayloadCid(view.acceptedResult), {
        maxBytes: MAX_TILE_PAYLOAD_BYTES,
      });
      const payload = decodeTilePayload(bytes);
      if (payload.width !== planned.tile.width || payload.height !== planned.tile.height) {
        throw new Error(`Tile ${index} of job ${jobId} is ${payload.width} × ${payload.height}, not the planned size`);
      }
      const image = planned.viewpoint * 6 + planned.face;
      const list = faces.get(image) ?? [];
      list.push({ tile: planned.tile, rgb: payload.rgb });
      faces.set(image, list);
    }
    const positions = jobViewpoints(manifest, spec.viewpoints);
    const result: RenderResult = {
      version: 1,
      kind: "markspace-render-result",
      jobId: String(jobId),
      scene: sceneCid,
      rendererVersion: job.rendererVersion,
      faceSize: spec.faceSize,
      samplesPerPixel: spec.samplesPerPixel,
      viewpoints: [],
    };
    for (let viewpoint = 0; viewpoint < spec.viewpoints; viewpoint++) {
      const cids: string[] = [];
      for (let face = 0; face < 6; face++) {
        const rgb = assembleTiles(spec.faceSize, spec.faceSize, faces.get(viewpoint * 6 + face) ?? []);
        cids.push(
          await addBytes(ipfs.apiUrl, encodePng(spec.faceSize, spec.faceSize, rgb), { name: `face-${face}.png` }),
        );
      }
      result.viewpoints.push({ position: [...positions[viewpoint]!] as [number, number, number], faces: cids });
    }
    const resultCid = await addJson(ipfs.apiUrl, renderResultSchema.parse(result));
    const content = sceneContentOf(resultCid);
    await sendCall(chain, chain.contracts.jobs, renderJobsAbi, "completeJob", [jobId, content.digest, content.codec]);
    this.log({ event: "job-completed", jobId, result: resultCid });
  }
}
