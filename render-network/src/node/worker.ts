/**
 * A render Worker process: registers and stakes, passes its admission benchmark, joins the pool,
 * then for every tile the chain draws it renders the tile, stores it on IPFS (its CID is the tile
 * hash: `tile-payload.ts`), commits to the hash bound to itself with a fresh salt (saved to disk
 * first), and reveals once the tile's three Workers have committed. Tiles of one job waiting in
 * the same pass are sealed together: one `commitBatch` over a Merkle root of their hashes
 * (`batch-tree.ts`), and one `revealBatch` per batch for those of its tiles then revealing. It
 * coordinates through the chain and IPFS only, so any number run on any number of machines.
 */
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { encodeAbiParameters, keccak256, type Address, type Hex } from "viem";
import { renderJobsAbi, renderStakingAbi } from "@markspace/contracts/abis";
import { addBytes, fetchVerifiedJson } from "@markspace/ipfs/client";
import { sceneManifestSchema, type SceneManifest } from "@markspace/ipfs/manifest";
import { sceneCidOf } from "@markspace/ipfs/scene-content";
import { fetchBenchmarkTask, solveBenchmarkTask } from "../benchmark.ts";
import { BatchTree, batchLeaf } from "../batch-tree.ts";
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
  /**
   * Per "job:tile:round": the rendered hash and, once sealed alone, its salt; or the batch (by
   * its commitment) that sealed it.
   */
  commitments: z.record(
    z.string(),
    z.object({ resultHash: z.string(), salt: z.string().optional(), batch: z.string().optional() }),
  ),
  /** Batches sealed and not fully revealed, by commitment: what opens them. */
  batches: z
    .record(
      z.string(),
      z.object({
        jobId: z.string(),
        salt: z.string(),
        /** The batch's number in the job, once read from its `BatchCommitted` log. */
        number: z.string().optional(),
        /** The block the batch was sent at: where to look for its log. */
        sentAt: z.string(),
        /** The sealed leaves, in position order. */
        leaves: z.array(z.object({ tile: z.number(), slot: z.number(), resultHash: z.string() })),
      }),
    )
    .default({}),
});
type Assignment = z.infer<typeof assignmentSchema>;
type WorkerState = z.infer<typeof workerStateSchema>;
type Batch = WorkerState["batches"][string];

/** An assignment waiting for this Worker's commit or reveal, with its tile's deadline. */
type Due = { assignment: Assignment; key: string; deadline: bigint };

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
      batches: {},
    });
    return new RenderWorker(options, state);
  }

  get address(): Address {
    return this.options.chain.walletClient.account.address;
  }

  /**
   * Registers, passes admission and joins the draw pool of the renderer version it runs, as far
   * as each is not done yet (a Worker evicted while it was ineligible joins again on its next start).
   */
  async prepare(): Promise<void> {
    const { chain, stake } = this.options;
    await ensureRegistered(chain, ROLE_WORKER, stake, this.log);
    await this.ensureAdmitted();
    const weight = await chain.publicClient.readContract({
      address: chain.contracts.staking,
      abi: renderStakingAbi,
      functionName: "poolWeightOf",
      args: [this.address, RENDERER_VERSION],
    });
    if (weight === 0n) {
      await sendCall(chain, chain.contracts.staking, renderStakingAbi, "joinPool", [RENDERER_VERSION]);
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
    const now = await this.now();
    const still: Assignment[] = [];
    const commits = new Map<string, Due[]>();
    const reveals: Due[] = [];
    for (const assignment of this.state.value.open) {
      let due: Awaited<ReturnType<RenderWorker["inspect"]>>;
      try {
        due = await this.inspect(assignment, now);
      } catch (error) {
        this.log({
          event: "tile-failed",
          jobId: BigInt(assignment.jobId),
          tile: assignment.tile,
          message: (error as Error).message,
        });
        still.push(assignment);
        continue;
      }
      if (due.kind === "done") continue;
      still.push(assignment);
      const entry = { assignment, key: keyOf(assignment), deadline: due.deadline };
      if (due.kind === "commit") commits.set(assignment.jobId, [...(commits.get(assignment.jobId) ?? []), entry]);
      if (due.kind === "reveal") reveals.push(entry);
    }
    let sent = 0;
    const refused = new Set<string>();
    for (const [jobId, dues] of commits) {
      try {
        sent += await this.commit(BigInt(jobId), dues);
      } catch (error) {
        // A job this Worker cannot render is given up (its tiles will be slashed and re-drawn);
        // anything else (IPFS or the RPC failing for a moment) is tried again next pass.
        const isRefused = error instanceof RenderJobRefusedError;
        if (isRefused) refused.add(jobId);
        this.log({
          event: isRefused ? "job-refused" : "commit-failed",
          jobId: BigInt(jobId),
          tiles: dues.map((due) => due.assignment.tile),
          message: (error as Error).message,
        });
      }
    }
    try {
      sent += await this.reveal(reveals);
    } catch (error) {
      this.log({ event: "reveal-failed", message: (error as Error).message });
    }
    this.state.value.open = still.filter((assignment) => !refused.has(assignment.jobId));
    this.forgetOpenedBatches();
    await this.state.save();
    await this.closeFinishedJobs();
    return sent;
  }

  /** What `assignment` waits for: this Worker's commit or reveal, others, or nothing any more. */
  private async inspect(
    assignment: Assignment,
    now: bigint,
  ): Promise<{ kind: "commit" | "reveal" | "waiting"; deadline: bigint } | { kind: "done" }> {
    const { chain } = this.options;
    const tile = await chain.publicClient.readContract({
      address: chain.contracts.jobs,
      abi: renderJobsAbi,
      functionName: "tileOf",
      args: [BigInt(assignment.jobId), BigInt(assignment.tile)],
    });
    const mine = tile.workers[assignment.slot]?.toLowerCase() === this.address.toLowerCase();
    if (String(tile.round) !== assignment.round || !mine) return { kind: "done" };
    const { deadline } = tile;
    if (tile.phase === PHASE_COMMITTING && tile.commitments[assignment.slot] === ZERO) {
      return now > deadline ? { kind: "done" } : { kind: "commit", deadline };
    }
    if (tile.phase === PHASE_REVEALING && tile.results[assignment.slot] === ZERO) {
      const saved = this.state.value.commitments[keyOf(assignment)];
      return !saved || now > deadline ? { kind: "done" } : { kind: "reveal", deadline };
    }
    return tile.phase === PHASE_COMMITTING || tile.phase === PHASE_REVEALING
      ? { kind: "waiting", deadline }
      : { kind: "done" };
  }

  /**
   * Renders the due tiles of job `jobId` (a hash rendered on an earlier pass is reused) and seals
   * them: alone with `commitResult` when there is one, else in one `commitBatch`. The salts and
   * the batch are on disk before the transaction goes out.
   */
  private async commit(jobId: bigint, dues: Due[]): Promise<number> {
    const { chain } = this.options;
    const saved = this.state.value.commitments;
    const unrendered = dues.filter((due) => !saved[due.key]);
    const hashes = await this.renderTiles(
      jobId,
      unrendered.map((due) => due.assignment.tile),
    );
    unrendered.forEach((due, i) => (saved[due.key] = { resultHash: hashes[i]! }));
    const salt: Hex = `0x${randomBytes(32).toString("hex")}`;
    if (dues.length === 1) {
      const [{ assignment, key }] = dues as [Due];
      const { resultHash } = (saved[key] = { resultHash: saved[key]!.resultHash, salt });
      await this.state.save();
      await sendCall(chain, chain.contracts.jobs, renderJobsAbi, "commitResult", [
        jobId,
        BigInt(assignment.tile),
        commitmentOf(resultHash as Hex, salt, this.address),
      ]);
      this.log({ event: "committed", jobId, tile: assignment.tile, resultHash });
      return 1;
    }
    const leaves = dues.map(({ assignment, key }) => ({
      tile: assignment.tile,
      slot: assignment.slot,
      resultHash: saved[key]!.resultHash,
    }));
    const tree = new BatchTree(leaves.map((leaf) => batchLeaf(leaf.tile, leaf.resultHash as Hex)));
    const commitment = commitmentOf(tree.root, salt, this.address);
    const sentAt = await chain.publicClient.getBlockNumber();
    this.state.value.batches[commitment] = { jobId: String(jobId), salt, sentAt: String(sentAt), leaves };
    for (const { key } of dues) saved[key] = { resultHash: saved[key]!.resultHash, batch: commitment };
    await this.state.save();
    const { blockNumber } = await sendCall(chain, chain.contracts.jobs, renderJobsAbi, "commitBatch", [
      jobId,
      leaves.map((leaf) => BigInt(leaf.tile)),
      leaves.map((leaf) => leaf.slot),
      commitment,
    ]);
    const batch = this.state.value.batches[commitment]!;
    batch.number = String(await this.batchNumber(commitment, batch, blockNumber));
    this.log({ event: "committed-batch", jobId, batch: batch.number, tiles: leaves.map((leaf) => leaf.tile) });
    return 1;
  }

  /** Reveals the due tiles: alone for tiles sealed alone, one `revealBatch` per batch for the rest. */
  private async reveal(dues: Due[]): Promise<number> {
    const { chain } = this.options;
    let sent = 0;
    const byBatch = new Map<string, Due[]>();
    for (const due of dues) {
      const saved = this.state.value.commitments[due.key]!;
      if (saved.batch) {
        byBatch.set(saved.batch, [...(byBatch.get(saved.batch) ?? []), due]);
        continue;
      }
      if (!saved.salt) continue; // rendered, never sealed: nothing to open
      const { assignment } = due;
      const jobId = BigInt(assignment.jobId);
      await sendCall(chain, chain.contracts.jobs, renderJobsAbi, "revealResult", [
        jobId,
        BigInt(assignment.tile),
        saved.resultHash,
        saved.salt,
      ]);
      delete this.state.value.commitments[due.key];
      this.log({ event: "revealed", jobId, tile: assignment.tile, resultHash: saved.resultHash });
      sent++;
    }
    for (const [commitment, batchDues] of byBatch) {
      const batch = this.state.value.batches[commitment];
      if (!batch) continue;
      const jobId = BigInt(batch.jobId);
      batch.number ??= String(await this.batchNumber(commitment, batch));
      const tree = new BatchTree(batch.leaves.map((leaf) => batchLeaf(leaf.tile, leaf.resultHash as Hex)));
      const opened = batchDues.map((due) => {
        const position = batch.leaves.findIndex(
          (leaf) => leaf.tile === due.assignment.tile && leaf.slot === due.assignment.slot,
        );
        return { due, position, leaf: batch.leaves[position]! };
      });
      await sendCall(chain, chain.contracts.jobs, renderJobsAbi, "revealBatch", [
        jobId,
        BigInt(batch.number),
        {
          root: tree.root,
          salt: batch.salt,
          tiles: opened.map(({ leaf }) => BigInt(leaf.tile)),
          slots: opened.map(({ leaf }) => leaf.slot),
          resultHashes: opened.map(({ leaf }) => leaf.resultHash),
          proofs: opened.map(({ position }) => tree.proof(position)),
        },
      ]);
      for (const { due } of opened) delete this.state.value.commitments[due.key];
      this.log({ event: "revealed-batch", jobId, batch: batch.number, tiles: opened.map(({ leaf }) => leaf.tile) });
      sent++;
    }
    return sent;
  }

  /** The job-wide number of the batch sealed by `commitment`, from its `BatchCommitted` log. */
  private async batchNumber(commitment: string, batch: Batch, toBlock?: bigint): Promise<bigint> {
    const { chain } = this.options;
    const to = toBlock ?? (await chain.publicClient.getBlockNumber());
    const logs = await jobLogs(
      chain,
      "BatchCommitted",
      { jobId: BigInt(batch.jobId), worker: this.address },
      BigInt(batch.sentAt),
      to,
    );
    const found = logs.find((log) => String(log.args.commitment).toLowerCase() === commitment.toLowerCase());
    if (!found)
      throw new Error(
        `No BatchCommitted log for batch ${commitment} of job ${batch.jobId} since block ${batch.sentAt}`,
      );
    return found.args.batch as bigint;
  }

  /** Drops batches no open tile still needs. */
  private forgetOpenedBatches(): void {
    const needed = new Set(Object.values(this.state.value.commitments).map((saved) => saved.batch));
    for (const commitment of Object.keys(this.state.value.batches)) {
      if (!needed.has(commitment)) delete this.state.value.batches[commitment];
    }
    const open = new Set(this.state.value.open.map(keyOf));
    for (const key of Object.keys(this.state.value.commitments)) {
      if (!open.has(key)) delete this.state.value.commitments[key];
    }
  }

  /**
   * Renders tiles `indexes` of job `jobId` (each face's tiles in one call, across the threads),
   * stores each payload on IPFS and returns their hashes in order.
   */
  private async renderTiles(jobId: bigint, indexes: readonly number[]): Promise<Hex[]> {
    const { manifest, spec, pool } = await this.job(jobId);
    const planned = indexes.map((index) => jobTile({ jobId, manifest, spec, index }));
    const byFace = new Map<number, number[]>();
    planned.forEach((tile, i) => {
      const image = tile.viewpoint * 6 + tile.face;
      byFace.set(image, [...(byFace.get(image) ?? []), i]);
    });
    const hashes: Hex[] = new Array(indexes.length);
    for (const positions of byFace.values()) {
      const faceSpec = planned[positions[0]!]!.spec;
      const { results } = await pool.render(
        faceSpec,
        positions.map((i) => planned[i]!.tile),
      );
      for (const [n, i] of positions.entries()) {
        const rgb = results[n]!.rgb;
        this.options.alterPixels?.(rgb);
        const { width, height } = planned[i]!.tile;
        const payload = { width, height, rendererVersion: RENDERER_VERSION, rgb };
        const hash = tileHash(payload);
        await addBytes(this.options.ipfs.apiUrl, encodeTilePayload(payload));
        this.log({ event: "rendered", jobId, tile: indexes[i], hash });
        hashes[i] = hash;
      }
    }
    return hashes;
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

function keyOf(assignment: Assignment): string {
  return `${assignment.jobId}:${assignment.tile}:${assignment.round}`;
}

/** The contract's `commitmentOf`: a hash (or batch root) bound to its salt and Worker. */
function commitmentOf(hash: Hex, salt: Hex, worker: Address): Hex {
  return keccak256(
    encodeAbiParameters([{ type: "bytes32" }, { type: "bytes32" }, { type: "address" }], [hash, salt, worker]),
  );
}
