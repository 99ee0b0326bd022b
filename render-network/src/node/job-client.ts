/**
 * A render client that checks the network it pays: before posting a job it renders a few of the
 * job's tiles itself (the same plan and tracer as every Worker), seals their hashes as known
 * answers (`probes.ts`, `postJob`'s `probeRoot`) and keeps the proofs in its state file (written
 * before the job is posted). Then, pass by pass, it opens each probe once the tile's Workers have
 * all sealed their results, settles the job's revealed tiles itself (on a job with probes only the
 * client may settle before the reveal deadline, so no tile settles before its probe is opened), and
 * judges the rounds a probe held once their tile is accepted, which slashes colluders. The job id
 * seeds the pixels, so the probes are rendered for the id the job is expected to get; if another
 * job takes that id first, the probes are never opened (an unopened probe counts for nothing).
 */
import { z } from "zod";
import { BaseError, ContractFunctionRevertedError, type Address, type Hex } from "viem";
import { renderJobsAbi } from "@markspace/contracts/abis";
import { fetchVerifiedJson } from "@markspace/ipfs/client";
import { sceneManifestSchema } from "@markspace/ipfs/manifest";
import { verifiedAssetFetcher } from "../asset-fetch.ts";
import { checkJobSpec, jobTile, jobTileCount, type JobOutputSpec } from "../job-plan.ts";
import { TilePool } from "../parallel/tile-pool.ts";
import { pickProbeTiles, sealProbes } from "../probes.ts";
import { RENDERER_VERSION, tileHash } from "../tracer/index.ts";
import { loadManifestScene } from "../tracer/manifest-scene.ts";
import { sendCall, type RenderNodeChain, type RenderNodeEvent, type RenderNodeIpfs } from "./chain.ts";
import { postRenderJob } from "./client.ts";
import { StateFile } from "./state-file.ts";

const MAX_MANIFEST_BYTES = 1024 * 1024;
const JOB_POSTED = 1;
const JOB_ACCEPTED = 2;
const TILE_REVEALING = 2;
const TILE_ACCEPTED = 3;
const ZERO = `0x${"00".repeat(32)}`;

export type RenderJobClientOptions = {
  chain: RenderNodeChain;
  ipfs: RenderNodeIpfs;
  /** Where the client keeps its probes' answers and proofs. */
  dataDir: string;
  /** Threads to render the probe tiles with. */
  threads: number;
  log?: (event: RenderNodeEvent) => void;
};

export type PostProbedJobParameters = {
  sceneCid: string;
  spec: JobOutputSpec;
  scheduler: Address;
  /** MRK wei escrowed. */
  budget: bigint;
  /** Unix seconds by which the Scheduler must publish the result. */
  deadline: bigint;
  /** Probe tiles to render and seal (at least one, at most the job's tiles). */
  probes: number;
};

const hexSchema = z.string().regex(/^0x[0-9a-fA-F]*$/);
const probeStateSchema = z.object({
  tile: z.number().int().nonnegative(),
  answer: hexSchema,
  proof: z.array(hexSchema),
  opened: z.boolean(),
});
const jobClientStateSchema = z.object({
  /** Per job id: its probes, and the rounds a probe held that are not judged yet. */
  jobs: z.record(
    z.string(),
    z.object({
      probes: z.array(probeStateSchema),
      held: z.array(z.object({ tile: z.number(), round: z.string() })),
      /** First block not yet searched for `TileHeld`. */
      fromBlock: z.string(),
    }),
  ),
});
type JobClientState = z.infer<typeof jobClientStateSchema>;

export class RenderJobClient {
  private readonly log: (event: RenderNodeEvent) => void;

  private constructor(
    private readonly options: RenderJobClientOptions,
    private readonly state: StateFile<JobClientState>,
  ) {
    this.log = options.log ?? (() => {});
  }

  static async open(options: RenderJobClientOptions): Promise<RenderJobClient> {
    const state = await StateFile.open(options.dataDir, "client-state.json", jobClientStateSchema, { jobs: {} });
    return new RenderJobClient(options, state);
  }

  /** Renders and seals `probes` tiles of the job, posts it, and returns its id once mined. */
  async post(params: PostProbedJobParameters): Promise<bigint> {
    const { chain } = this.options;
    checkJobSpec(params.spec);
    const expected =
      (await chain.publicClient.readContract({
        address: chain.contracts.jobs,
        abi: renderJobsAbi,
        functionName: "jobCount",
      })) + 1n;
    const tiles = pickProbeTiles(jobTileCount(params.spec), params.probes);
    const answers = await this.renderTileHashes(expected, params.sceneCid, params.spec, tiles);
    const sealed = sealProbes(jobTileCount(params.spec), new Map(tiles.map((tile, i) => [tile, answers[i]!])));
    const fromBlock = String(await chain.publicClient.getBlockNumber());
    // Saved before posting: a client restarted mid-job can still open its probes.
    this.state.value.jobs[String(expected)] = {
      probes: sealed.probes.map((probe) => ({ ...probe, opened: false })),
      held: [],
      fromBlock,
    };
    await this.state.save();
    const jobId = await postRenderJob({ ...params, chain, probeRoot: sealed.root });
    if (jobId !== expected) {
      // Another job took the id the probes were rendered for: their answers would be wrong.
      delete this.state.value.jobs[String(expected)];
      this.log({ event: "probes-dropped", jobId, expected: String(expected) });
    } else {
      this.log({ event: "job-posted-with-probes", jobId, probes: sealed.probes.length });
    }
    await this.state.save();
    return jobId;
  }

  /** One pass over the client's jobs; returns how many transactions it sent. */
  async tick(): Promise<number> {
    let sent = 0;
    for (const [id, tracked] of Object.entries(this.state.value.jobs)) {
      const jobId = BigInt(id);
      try {
        const job = await this.options.chain.publicClient.readContract({
          address: this.options.chain.contracts.jobs,
          abi: renderJobsAbi,
          functionName: "jobOf",
          args: [jobId],
        });
        if (job.status === JOB_POSTED) continue;
        if (job.status === JOB_ACCEPTED) sent += await this.advance(jobId, tracked, Number(job.tileCount));
        sent += await this.judgeHeld(jobId, tracked, job.status !== JOB_ACCEPTED);
        if (job.status !== JOB_ACCEPTED && tracked.held.length === 0) delete this.state.value.jobs[id];
      } catch (error) {
        // One job failing (a node down for a moment) does not hold up the others: next pass retries.
        this.log({ event: "job-failed", jobId, message: (error as Error).message });
      }
      await this.state.save();
    }
    return sent;
  }

  /** Opens probes whose tile is revealing and settles tiles whose Workers have all revealed. */
  private async advance(jobId: bigint, tracked: JobClientState["jobs"][string], tiles: number): Promise<number> {
    const { chain } = this.options;
    const now = (await chain.publicClient.getBlock()).timestamp;
    let sent = 0;
    for (let tile = 0; tile < tiles; tile++) {
      const view = await chain.publicClient.readContract({
        address: chain.contracts.jobs,
        abi: renderJobsAbi,
        functionName: "tileOf",
        args: [jobId, BigInt(tile)],
      });
      if (view.phase !== TILE_REVEALING || now > view.deadline) continue;
      const probe = tracked.probes.find((candidate) => candidate.tile === tile);
      if (probe && !probe.opened) {
        // Opened already (the state file was lost after the call was mined): nothing left to do.
        const done = await refusedWith("RenderJobsProbeOpened", () =>
          sendCall(chain, chain.contracts.jobs, renderJobsAbi, "openProbe", [
            jobId,
            BigInt(tile),
            probe.answer,
            probe.proof,
          ]),
        );
        probe.opened = true;
        await this.state.save();
        this.log({ event: done ? "probe-already-open" : "probe-opened", jobId, tile });
        if (!done) sent++;
      }
      const allRevealed = view.workers.every((worker, slot) => /^0x0{40}$/.test(worker) || view.results[slot] !== ZERO);
      if (allRevealed) {
        const { blockNumber } = await sendCall(chain, chain.contracts.jobs, renderJobsAbi, "settleTile", [
          jobId,
          BigInt(tile),
        ]);
        this.log({ event: "tile-settled-by-client", jobId, tile, block: String(blockNumber) });
        sent++;
      }
    }
    return sent;
  }

  /**
   * Records the rounds probes held (`TileHeld`) and judges each once its tile is accepted, or
   * releases them once the job has ended without it (`ended`).
   */
  private async judgeHeld(jobId: bigint, tracked: JobClientState["jobs"][string], ended: boolean): Promise<number> {
    const { chain } = this.options;
    const latest = await chain.publicClient.getBlockNumber();
    const from = BigInt(tracked.fromBlock);
    if (latest >= from) {
      const logs = await chain.publicClient.getLogs({
        address: chain.contracts.jobs,
        event: renderJobsAbi.find((item) => item.type === "event" && item.name === "TileHeld")!,
        args: { jobId },
        fromBlock: from,
        toBlock: latest,
        strict: true,
      });
      for (const log of logs) {
        tracked.held.push({ tile: Number(log.args.tile), round: String(log.args.round) });
        this.log({ event: "tile-held", jobId, tile: Number(log.args.tile), round: String(log.args.round) });
      }
      tracked.fromBlock = String(latest + 1n);
    }
    let sent = 0;
    const still: typeof tracked.held = [];
    for (const held of tracked.held) {
      const view = await chain.publicClient.readContract({
        address: chain.contracts.jobs,
        abi: renderJobsAbi,
        functionName: "tileOf",
        args: [jobId, BigInt(held.tile)],
      });
      if (view.phase !== TILE_ACCEPTED && !ended) {
        still.push(held);
        continue;
      }
      // Anyone may judge a held round: someone else may have done it first.
      const done = await refusedWith("RenderJobsNoHeldRound", () =>
        sendCall(chain, chain.contracts.jobs, renderJobsAbi, "judgeHeldRound", [
          jobId,
          BigInt(held.tile),
          BigInt(held.round),
        ]),
      );
      this.log({
        event: done ? "held-round-judged-already" : "held-round-judged",
        jobId,
        tile: held.tile,
        round: held.round,
      });
      if (!done) sent++;
    }
    tracked.held = still;
    return sent;
  }

  /** Renders tiles `indexes` of job `jobId` as a Worker would and returns their tile hashes. */
  private async renderTileHashes(
    jobId: bigint,
    sceneCid: string,
    spec: JobOutputSpec,
    indexes: readonly number[],
  ): Promise<Hex[]> {
    const { ipfs, threads } = this.options;
    const manifest = sceneManifestSchema.parse(
      await fetchVerifiedJson(ipfs.gatewayUrl, sceneCid, { maxBytes: MAX_MANIFEST_BYTES }),
    );
    const scene = await loadManifestScene(manifest, verifiedAssetFetcher(ipfs.gatewayUrl));
    const pool = await TilePool.start({ scene, threads });
    try {
      const hashes: Hex[] = [];
      for (const index of indexes) {
        const planned = jobTile({ jobId, manifest, spec, index });
        const { results } = await pool.render(planned.spec, [planned.tile]);
        const { width, height } = planned.tile;
        hashes.push(tileHash({ width, height, rendererVersion: RENDERER_VERSION, rgb: results[0]!.rgb }));
        this.log({ event: "probe-rendered", jobId, tile: index });
      }
      return hashes;
    } finally {
      await pool.close();
    }
  }
}

/** Runs `send`; true if the contract refused it with `errorName` (the thing is done already). */
async function refusedWith(errorName: string, send: () => Promise<unknown>): Promise<boolean> {
  try {
    await send();
    return false;
  } catch (error) {
    const reverted =
      error instanceof BaseError ? error.walk((cause) => cause instanceof ContractFunctionRevertedError) : null;
    if (reverted instanceof ContractFunctionRevertedError && reverted.data?.errorName === errorName) return true;
    throw error;
  }
}
