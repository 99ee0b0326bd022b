/**
 * A render Worker process: registers and stakes, passes its admission benchmark, joins the pool,
 * then for every tile the chain draws it renders the tile, stores it on IPFS (its CID is the tile
 * hash: `tile-payload.ts`), commits to the hash bound to itself with a fresh salt (saved to disk
 * first), and reveals once the tile's three Workers have committed. It coordinates through the
 * chain and IPFS only, so any number run on any number of machines.
 */
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { encodeAbiParameters, keccak256, type Address, type Hex } from "viem";
import { renderJobsAbi, renderStakingAbi } from "@markspace/contracts/abis";
import { addBytes, fetchVerifiedJson } from "@markspace/ipfs/client";
import { sceneManifestSchema, type SceneManifest } from "@markspace/ipfs/manifest";
import { sceneCidOf } from "@markspace/ipfs/scene-content";
import { fetchBenchmarkTask, solveBenchmarkTask } from "../benchmark.ts";
import { checkJobSpec, jobSpecOf, jobTile, type JobOutputSpec } from "../job-plan.ts";
import { TilePool } from "../parallel/tile-pool.ts";
import { encodeTilePayload } from "../tile-payload.ts";
import { RENDERER_VERSION, tileHash } from "../tracer/index.ts";
import { verifiedAssetFetcher } from "../asset-fetch.ts";
import { loadManifestScene } from "../tracer/manifest-scene.ts";
import {
  ensureRegistered,
  jobLogs,
  ROLE_WORKER,
  sendCall,
  type RenderNodeChain,
  type RenderNodeEvent,
  type RenderNodeIpfs,
} from "./chain.ts";
import { StateFile } from "./state-file.ts";
import { RenderError, RenderInvalidInputError } from "../errors.ts";
import { IpfsError, IpfsRequestError } from "@markspace/ipfs/errors";

/** A job this Worker will not render (another renderer version, or no valid scene). */
export class RenderJobRefusedError extends RenderError {
  override name = "RenderJobRefusedError";
}

/** Largest scene manifest a Worker fetches. */
const MAX_MANIFEST_BYTES = 1024 * 1024;
const PHASE_COMMITTING = 1;
const PHASE_REVEALING = 2;
const ZERO = `0x${"00".repeat(32)}`;

export type RenderWorkerOptions = {
  chain: RenderNodeChain;
  ipfs: RenderNodeIpfs;
  /** Where the Worker keeps its salts and how far it has read the chain. */
  dataDir: string;
  /** MRK wei to stake when registering. */
  stake: bigint;
  /** Render threads. */
  threads: number;
  log?: (event: RenderNodeEvent) => void;
  /**
   * Changes the rendered pixels before they are hashed: a dishonest Worker, for tests and demos
   * of slashing. Never set in normal use.
   */
  alterPixels?: (rgb: Uint8Array) => void;
};

const assignmentSchema = z.object({ jobId: z.string(), tile: z.number(), round: z.string(), slot: z.number() });
const workerStateSchema = z.object({
  /** First block not yet searched for `TileAssigned`. */
  fromBlock: z.string(),
  /** Tiles drawn to this Worker and not finished. */
  open: z.array(assignmentSchema),
  /** Per "job:tile:round": the committed hash and its salt. */
  commitments: z.record(z.string(), z.object({ resultHash: z.string(), salt: z.string() })),
});
type Assignment = z.infer<typeof assignmentSchema>;
type WorkerState = z.infer<typeof workerStateSchema>;

type JobContext = { manifest: SceneManifest; spec: JobOutputSpec; pool: TilePool };

export class RenderWorker {
  private readonly jobs = new Map<string, Promise<JobContext>>();
  private readonly log: (event: RenderNodeEvent) => void;

  private constructor(
    private readonly options: RenderWorkerOptions,
    private readonly state: StateFile<WorkerState>,
  ) {
    this.log = options.log ?? (() => {});
  }

  static async open(options: RenderWorkerOptions): Promise<RenderWorker> {
    const state = await StateFile.open(options.dataDir, "worker-state.json", workerStateSchema, {
      fromBlock: "0",
      open: [],
      commitments: {},
    });
    return new RenderWorker(options, state);
  }

  get address(): Address {
    return this.options.chain.walletClient.account.address;
  }

  /** Registers, passes admission and joins the pool, as far as each is not done yet. */
  async prepare(): Promise<void> {
    const { chain, stake } = this.options;
    await ensureRegistered(chain, ROLE_WORKER, stake, this.log);
    await this.ensureAdmitted();
    const inPool = await chain.publicClient.readContract({
      address: chain.contracts.jobs,
      abi: renderJobsAbi,
      functionName: "inPool",
      args: [this.address],
    });
    if (!inPool) {
      await sendCall(chain, chain.contracts.jobs, renderJobsAbi, "joinPool");
      this.log({ event: "joined-pool" });
    }
  }

  private async ensureAdmitted(): Promise<void> {
    const { chain } = this.options;
    const read = () =>
      chain.publicClient.readContract({
        address: chain.contracts.staking,
        abi: renderStakingAbi,
        functionName: "admissionOf",
        args: [this.address],
      });
    let admission = await read();
    if (admission.admitted) return;
    const now = await this.now();
    if (admission.taskId === ZERO || now > admission.deadline) {
      if (now < admission.retryAt) {
        throw new Error(`Admission refused until ${admission.retryAt} (cool-down after a failed benchmark)`);
      }
      await sendCall(chain, chain.contracts.staking, renderStakingAbi, "requestAdmission");
      admission = await read();
    }
    this.log({ event: "admission-task", taskId: admission.taskId });
    const task = await fetchBenchmarkTask(this.options.ipfs.gatewayUrl, admission.taskId);
    const { resultHash } = await solveBenchmarkTask(task, { threads: this.options.threads });
    await sendCall(chain, chain.contracts.staking, renderStakingAbi, "submitAdmission", [resultHash]);
    if (!(await read()).admitted) {
      throw new Error(`The benchmark answer ${resultHash} to task ${admission.taskId} was refused`);
    }
    this.log({ event: "admitted", taskId: admission.taskId });
  }

  /**
   * One pass: reads the tiles drawn to this Worker since the last pass, commits to every tile
   * waiting for its commitment and reveals every tile whose three Workers have committed.
   * Returns how many transactions it sent.
   */
  async tick(): Promise<number> {
    const { chain } = this.options;
    const latest = await chain.publicClient.getBlockNumber();
    const from = BigInt(this.state.value.fromBlock);
    if (latest >= from) {
      for (const log of await jobLogs(chain, "TileAssigned", { worker: this.address }, from, latest)) {
        const assignment: Assignment = {
          jobId: String(log.args.jobId),
          tile: Number(log.args.tile),
          round: String(log.args.round),
          slot: Number(log.args.slot),
        };
        this.state.value.open.push(assignment);
        this.log({
          event: "assigned",
          jobId: BigInt(assignment.jobId),
          tile: assignment.tile,
          round: assignment.round,
        });
      }
      this.state.value.fromBlock = String(latest + 1n);
      await this.state.save();
    }
    let sent = 0;
    const still: Assignment[] = [];
    for (const assignment of this.state.value.open) {
      let outcome: "sent" | "waiting" | "done";
      try {
        outcome = await this.advance(assignment);
      } catch (error) {
        // A job this Worker cannot render is given up (its tiles will be slashed and re-drawn);
        // anything else (IPFS or the RPC failing for a moment) is tried again next pass.
        const refused = error instanceof RenderJobRefusedError;
        this.log({
          event: refused ? "tile-refused" : "tile-failed",
          jobId: BigInt(assignment.jobId),
          tile: assignment.tile,
          message: (error as Error).message,
        });
        outcome = refused ? "done" : "waiting";
      }
      if (outcome !== "done") still.push(assignment);
      if (outcome === "sent") sent++;
    }
    this.state.value.open = still;
    await this.state.save();
    await this.closeFinishedJobs();
    return sent;
  }

  /** Commits or reveals `assignment` if its tile is waiting for this Worker. */
  private async advance(assignment: Assignment): Promise<"sent" | "waiting" | "done"> {
    const { chain } = this.options;
    const jobId = BigInt(assignment.jobId);
    const tile = await chain.publicClient.readContract({
      address: chain.contracts.jobs,
      abi: renderJobsAbi,
      functionName: "tileOf",
      args: [jobId, BigInt(assignment.tile)],
    });
    const mine = tile.workers[assignment.slot]?.toLowerCase() === this.address.toLowerCase();
    if (String(tile.round) !== assignment.round || !mine) return "done";
    const key = `${assignment.jobId}:${assignment.tile}:${assignment.round}`;
    if (tile.phase === PHASE_COMMITTING && tile.commitments[assignment.slot] === ZERO) {
      if ((await this.now()) > tile.deadline) return "done";
      const resultHash = await this.renderTile(jobId, assignment.tile);
      const salt: Hex = `0x${randomBytes(32).toString("hex")}`;
      this.state.value.commitments[key] = { resultHash, salt };
      await this.state.save();
      const commitment = keccak256(
        encodeAbiParameters(
          [{ type: "bytes32" }, { type: "bytes32" }, { type: "address" }],
          [resultHash, salt, this.address],
        ),
      );
      await sendCall(chain, chain.contracts.jobs, renderJobsAbi, "commitResult", [
        jobId,
        BigInt(assignment.tile),
        commitment,
      ]);
      this.log({ event: "committed", jobId, tile: assignment.tile, resultHash });
      return "sent";
    }
    if (tile.phase === PHASE_REVEALING && tile.results[assignment.slot] === ZERO) {
      const saved = this.state.value.commitments[key];
      if (!saved || (await this.now()) > tile.deadline) return "done";
      await sendCall(chain, chain.contracts.jobs, renderJobsAbi, "revealResult", [
        jobId,
        BigInt(assignment.tile),
        saved.resultHash,
        saved.salt,
      ]);
      delete this.state.value.commitments[key];
      this.log({ event: "revealed", jobId, tile: assignment.tile, resultHash: saved.resultHash });
      return "sent";
    }
    return tile.phase === PHASE_COMMITTING || tile.phase === PHASE_REVEALING ? "waiting" : "done";
  }

  /** Renders tile `index` of job `jobId`, stores its payload on IPFS and returns its hash. */
  private async renderTile(jobId: bigint, index: number): Promise<Hex> {
    const { manifest, spec, pool } = await this.job(jobId);
    const planned = jobTile({ jobId, manifest, spec, index });
    const [result] = (await pool.render(planned.spec, [planned.tile])).results;
    const rgb = result!.rgb;
    this.options.alterPixels?.(rgb);
    const { width, height } = planned.tile;
    const payload = { width, height, rendererVersion: RENDERER_VERSION, rgb };
    const hash = tileHash(payload);
    await addBytes(this.options.ipfs.apiUrl, encodeTilePayload(payload));
    this.log({ event: "rendered", jobId, tile: index, hash });
    return hash;
  }

  /** The job's manifest (fetched and verified once) and a render pool on its scene. */
  private job(jobId: bigint): Promise<JobContext> {
    const key = String(jobId);
    let context = this.jobs.get(key);
    if (!context) {
      context = this.loadJob(jobId);
      this.jobs.set(key, context);
      context.catch(() => this.jobs.delete(key));
    }
    return context;
  }

  private async loadJob(jobId: bigint): Promise<JobContext> {
    const { chain, ipfs, threads } = this.options;
    const job = await chain.publicClient.readContract({
      address: chain.contracts.jobs,
      abi: renderJobsAbi,
      functionName: "jobOf",
      args: [jobId],
    });
    if (job.rendererVersion.toLowerCase() !== RENDERER_VERSION.toLowerCase()) {
      throw new RenderJobRefusedError({
        shortMessage: `Job ${jobId} asks for renderer ${job.rendererVersion}; this Worker runs ${RENDERER_VERSION}`,
      });
    }
    const cid = sceneCidOf({ digest: job.sceneDigest, codec: job.sceneCodec });
    if (!cid) throw new RenderJobRefusedError({ shortMessage: `Job ${jobId} has no scene` });
    const parsed = sceneManifestSchema.safeParse(
      await fetchVerifiedJson(ipfs.gatewayUrl, cid, { maxBytes: MAX_MANIFEST_BYTES }),
    );
    if (!parsed.success) {
      throw new RenderJobRefusedError({
        shortMessage: `The scene ${cid} of job ${jobId} is not a scene manifest: ${parsed.error.issues[0]?.message}`,
      });
    }
    const manifest = parsed.data;
    const spec = jobSpecOf(job.spec);
    try {
      checkJobSpec(spec);
    } catch (error) {
      throw new RenderJobRefusedError({ shortMessage: `Job ${jobId}: ${(error as Error).message}` });
    }
    let scene;
    try {
      scene = await loadManifestScene(manifest, verifiedAssetFetcher(ipfs.gatewayUrl));
    } catch (error) {
      // Content that can never render (broken, unverifiable, too large) refuses the job; a gateway failing retries.
      if (
        error instanceof RenderInvalidInputError ||
        (error instanceof IpfsError && !(error instanceof IpfsRequestError))
      ) {
        throw new RenderJobRefusedError({
          shortMessage: `The scene ${cid} of job ${jobId}: ${error.message}`,
          cause: error,
        });
      }
      throw error;
    }
    const pool = await TilePool.start({ scene, threads });
    this.log({ event: "job-loaded", jobId, scene: cid });
    return { manifest, spec, pool };
  }

  /** Closes the render pools of jobs this Worker holds no tile of any more. */
  private async closeFinishedJobs(): Promise<void> {
    const active = new Set(this.state.value.open.map((assignment) => assignment.jobId));
    for (const [key, context] of this.jobs) {
      if (active.has(key)) continue;
      this.jobs.delete(key);
      await (await context.catch(() => undefined))?.pool.close();
    }
  }

  /** Withdraws what the job contract owes this Worker, if anything. */
  async withdrawEarnings(): Promise<bigint> {
    const { chain } = this.options;
    const owed = await chain.publicClient.readContract({
      address: chain.contracts.jobs,
      abi: renderJobsAbi,
      functionName: "owedTo",
      args: [this.address],
    });
    if (owed === 0n) return 0n;
    await sendCall(chain, chain.contracts.jobs, renderJobsAbi, "withdraw");
    this.log({ event: "withdrew", amount: owed.toString() });
    return owed;
  }

  /** Stops rendering (closes every render pool). */
  async close(): Promise<void> {
    for (const context of this.jobs.values()) await (await context.catch(() => undefined))?.pool.close();
    this.jobs.clear();
  }

  private async now(): Promise<bigint> {
    return (await this.options.chain.publicClient.getBlock()).timestamp;
  }
}
