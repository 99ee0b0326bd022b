/**
 * The render network end to end: the real Scheduler and Worker processes (`render-network/src/node/`)
 * on the deployed contracts, an IPFS node and the subgraph host. Six Workers pass their admission
 * benchmarks (real renders of tasks published on IPFS) and join the pool: four honest, one that
 * returns wrong pixels and one that goes silent after joining. A client posts a 24-tile job on a
 * unit's scene; the processes run it to completion while the test only lets time pass when nobody
 * has anything to do (deadlines). The dishonest Worker is slashed for dissent, the silent one for
 * not committing and its tiles are drawn afresh, and the published cube map is exactly the one an
 * honest render of the same job gives. Jobs nobody could render (a scene that is not a manifest,
 * tiles with too many samples) are declined rather than accepted. A later job has trusted Workers
 * render tiles alone, and another mixes in the client's own probe tiles (`RenderJobClient`), each
 * opened once its tile's Workers have all sealed and confirmed by the accepted result.
 */
import hre from "hardhat";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getAddress, keccak256, parseEther, parseEventLogs, toHex, type Address, type Hex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { markParametersAbi, renderJobsAbi } from "@markspace/contracts/abis";
import type { Deployment } from "@markspace/contracts/deployments";
import { addBytes, addJson, computeRawCid, fetchVerifiedJson } from "@markspace/ipfs/client";
import { sceneCidOf } from "@markspace/ipfs/scene-content";
import { sceneManifestSchema, type SceneManifestInput } from "@markspace/ipfs/manifest";
import { startTestNode } from "../ipfs/src/testing.ts";
import type { IpfsNode } from "../ipfs/src/node.ts";
import { lendSaleMrk } from "../scripts/lib/dev-mrk.ts";
import { addDevBenchmarks } from "../scripts/lib/dev-render-benchmarks.ts";
import { sendAsTreasury } from "../scripts/lib/dev-impersonate.ts";
import { grantRenderJobsRole } from "../scripts/lib/dev-render-roles.ts";
import {
  assembleTiles,
  encodePng,
  jobTile,
  jobTileCount,
  makeBenchmarkTasks,
  publishBenchmarkTasks,
  RENDERER_VERSION,
  postRenderJob,
  renderResultSchema,
  renderTiles,
  type JobOutputSpec,
} from "../render-network/src/index.ts";
import { verifiedAssetFetcher } from "../render-network/src/asset-fetch.ts";
import { boxGlb, checkerPng } from "../render-network/src/testing/gltf-fixtures.ts";
import { loadManifestScene } from "../render-network/src/tracer/manifest-scene.ts";
import type { RenderNodeChain, RenderNodeEvent } from "../render-network/src/node/chain.ts";
import { RenderJobClient } from "../render-network/src/node/job-client.ts";
import { RenderScheduler } from "../render-network/src/node/scheduler.ts";
import { RenderWorker } from "../render-network/src/node/worker.ts";
import { startDeployedStack, type DeployedStack } from "./lib/deployed-stack.ts";

const connection = await hre.network.connect();
const publicClient = await connection.viem.getPublicClient();
const wallets = await connection.viem.getWalletClients();
type Wallet = (typeof wallets)[0];
const [, clientWallet, schedulerWallet, ...rest] = wallets as [unknown, Wallet, Wallet, ...Wallet[]];
const workerWallets = rest.slice(0, 6);
const HONEST = 4;
const LIAR = 4;
const SILENT = 5;

const SPEC: JobOutputSpec = { viewpoints: 1, faceSize: 32, samplesPerPixel: 4, tileSize: 16 };
const MANIFEST: SceneManifestInput = {
  version: 1,
  name: "Render test room",
  room: { width: 6, depth: 5, height: 3 },
  floor: { color: "#8a6a4a", roughness: 0.7 },
  walls: { color: "#d8d0c0" },
};

let stack: DeployedStack;
let deployment: Deployment;
/** The unit scene (a textured glTF box and a picture) the jobs render. */
let texturedScene: { sceneCid: string; manifestInput: SceneManifestInput } | undefined;
let ipfs: IpfsNode;
let dataDir: string;
const events: RenderNodeEvent[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "markspace-render-network-"));
  ipfs = await startTestNode(join(dataDir, "ipfs"));
  stack = await startDeployedStack(connection, "render-network", async (deployed) => {
    deployment = deployed;
    await lendSaleMrk(
      connection.provider,
      deployment,
      [clientWallet, schedulerWallet, ...workerWallets].map((wallet) => wallet.account.address),
      parseEther("100000"),
    );
    await grantRenderJobsRole(connection.provider, deployment);
    const tasks = await publishBenchmarkTasks({
      ipfsApiUrl: ipfs.apiUrl,
      tasks: makeBenchmarkTasks(workerWallets.length),
    });
    await addDevBenchmarks(connection.provider, deployment, tasks);
  });
}, 240_000);

afterAll(async () => {
  await stack?.stop();
  await ipfs?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

function chainOf(wallet: Wallet): RenderNodeChain {
  return {
    publicClient,
    walletClient: wallet,
    contracts: {
      staking: stack.address("RenderStaking"),
      jobs: stack.address("RenderJobs"),
      token: stack.address("MarkToken"),
    },
  } as RenderNodeChain;
}

/** The cube map job `jobId` published is exactly an honest render of it, face by face. */
async function expectHonestFaces(
  jobId: bigint,
  job: { resultDigest: Hex; resultCodec: bigint },
  sceneCid: string,
  manifestInput: SceneManifestInput,
): Promise<void> {
  const resultCid = sceneCidOf({ digest: job.resultDigest, codec: job.resultCodec })!;
  const result = renderResultSchema.parse(await fetchVerifiedJson(ipfs.gatewayUrl, resultCid, { maxBytes: 1 << 20 }));
  expect(result).toMatchObject({
    jobId: String(jobId),
    scene: sceneCid,
    rendererVersion: RENDERER_VERSION,
    faceSize: 32,
  });
  const manifest = sceneManifestSchema.parse(manifestInput);
  const scene = await loadManifestScene(manifest, verifiedAssetFetcher(ipfs.gatewayUrl));
  for (let face = 0; face < 6; face++) {
    const planned = Array.from({ length: jobTileCount(SPEC) }, (_, index) =>
      jobTile({ jobId, manifest, spec: SPEC, index }),
    ).filter((tile) => tile.face === face);
    const { results } = await renderTiles({
      scene,
      spec: planned[0]!.spec,
      tiles: planned.map((tile) => tile.tile),
      threads: 1,
    });
    const rgb = assembleTiles(
      32,
      32,
      planned.map((tile, i) => ({ tile: tile.tile, rgb: results[i]!.rgb })),
    );
    expect(result.viewpoints[0]!.faces[face]).toBe(await computeRawCid(encodePng(32, 32, rgb)));
  }
}

/** Ticks the Scheduler and `workers` until job `jobId` completes; time passes only when nobody can act. */
async function runToCompletion(
  jobId: bigint,
  scheduler: RenderScheduler,
  workers: RenderWorker[],
  client?: RenderJobClient,
): Promise<void> {
  const jobs = stack.address("RenderJobs");
  let status = 0;
  for (let pass = 0; pass < 200 && status !== 3; pass++) {
    let sent = await scheduler.tick();
    for (const worker of workers) sent += await worker.tick();
    if (client) sent += await client.tick();
    status = (
      await publicClient.readContract({ address: jobs, abi: renderJobsAbi, functionName: "jobOf", args: [jobId] })
    ).status;
    if (sent === 0 && status !== 3) {
      await connection.provider.request({ method: "evm_increaseTime", params: [3_601] });
      await connection.provider.request({ method: "evm_mine", params: [] });
    }
  }
}

/** The Scheduler and the six Workers (the liar alters its pixels), each with its data directory. */
async function openNodes(): Promise<{ scheduler: RenderScheduler; workers: RenderWorker[] }> {
  const ipfsUrls = { apiUrl: ipfs.apiUrl, gatewayUrl: ipfs.gatewayUrl };
  const log = (event: RenderNodeEvent) => void events.push(event);
  const scheduler = await RenderScheduler.open({
    chain: chainOf(schedulerWallet),
    ipfs: ipfsUrls,
    dataDir: join(dataDir, "scheduler"),
    stake: parseEther("20000"),
    log,
  });
  const workers: RenderWorker[] = [];
  for (const [i, wallet] of workerWallets.entries()) {
    workers.push(
      await RenderWorker.open({
        chain: chainOf(wallet),
        ipfs: ipfsUrls,
        dataDir: join(dataDir, `worker-${i}`),
        stake: parseEther("5000"),
        threads: 1,
        log,
        // The liar flips the first pixel's red channel: a different hash for every tile.
        alterPixels: i === LIAR ? (rgb) => void (rgb[0] = rgb[0]! ^ 0xff) : undefined,
      }),
    );
  }
  return { scheduler, workers };
}

describe("the render network", () => {
  it("runs a job to completion with a lying and a silent Worker, slashing both", { timeout: 600_000 }, async () => {
    const { scheduler, workers } = await openNodes();
    await scheduler.prepare();
    for (const worker of workers) await worker.prepare();
    expect(events.filter((event) => event.event === "admitted")).toHaveLength(workerWallets.length);

    // The client publishes the scene (with a textured glTF box and a picture) and posts the job for
    // the Scheduler, with a permit.
    const picture = checkerPng(4, 8, [230, 40, 40], [40, 40, 230]);
    const pictureCid = await addBytes(ipfs.apiUrl, picture);
    const modelCid = await addBytes(ipfs.apiUrl, await boxGlb({ texture: { bytes: picture, mimeType: "image/png" } }));
    const manifestInput: SceneManifestInput = {
      ...MANIFEST,
      objects: [{ name: "crate", model: modelCid, position: [0, 0.5, 0], rotation: [0, 0.6, 0] }],
      images: [{ image: pictureCid, wall: "north", offset: [0, 1.5], width: 1.5, height: 1 }],
    };
    const sceneCid = await addJson(ipfs.apiUrl, sceneManifestSchema.parse(manifestInput));
    texturedScene = { sceneCid, manifestInput };
    const jobs = stack.address("RenderJobs");
    const posted = await postRenderJob({
      chain: chainOf(clientWallet),
      sceneCid,
      spec: SPEC,
      scheduler: schedulerWallet.account.address,
      budget: parseEther("10000"),
      deadline: (await publicClient.getBlock()).timestamp + 7n * 86_400n,
    });
    expect(posted).toBe(1n);
    const jobId = 1n;

    // Everyone but the silent Worker does what there is to do; time passes only when nobody can.
    await runToCompletion(
      jobId,
      scheduler,
      workers.filter((_, i) => i !== SILENT),
    );
    const job = await publicClient.readContract({
      address: jobs,
      abi: renderJobsAbi,
      functionName: "jobOf",
      args: [jobId],
    });
    expect(job.status).toBe(3); // Completed
    expect(job.acceptedTiles).toBe(BigInt(jobTileCount(SPEC)));

    // Slashes: the liar for dissent, the silent Worker for not committing; nobody honest.
    const logs = await publicClient.getLogs({ address: jobs, fromBlock: 0n, toBlock: "latest" });
    const faults = parseEventLogs({ abi: renderJobsAbi, logs, eventName: "WorkerFaulted" }).map((log) => ({
      ...log.args,
      worker: getAddress(log.args.worker),
    }));
    const addressOf = (i: number): Address => getAddress(workerWallets[i]!.account.address);
    expect(faults.some((fault) => fault.worker === addressOf(LIAR) && fault.fault === 2)).toBe(true);
    expect(faults.some((fault) => fault.worker === addressOf(SILENT) && fault.fault === 0)).toBe(true);
    for (let i = 0; i < HONEST; i++) expect(faults.filter((fault) => fault.worker === addressOf(i))).toEqual([]);
    const accepted = parseEventLogs({ abi: renderJobsAbi, logs, eventName: "TileAccepted" });
    expect(accepted).toHaveLength(jobTileCount(SPEC));
    // Workers sealed the tiles they held together: one Merkle-root commitment for several tiles.
    const batches = parseEventLogs({ abi: renderJobsAbi, logs, eventName: "BatchCommitted" });
    const batchedSeals = batches.reduce((sum, log) => sum + log.args.tiles.length, 0);
    expect(batches.length).toBeGreaterThan(0);
    expect(batchedSeals).toBeGreaterThan(batches.length);

    // The published cube map is an honest render of the job, face by face, byte for byte.
    await expectHonestFaces(jobId, job, sceneCid, manifestInput);

    // Payments: every honest Worker that matched was credited and can withdraw it.
    let withdrawn = 0n;
    for (let i = 0; i < HONEST; i++) withdrawn += await workers[i]!.withdrawEarnings();
    expect(withdrawn).toBeGreaterThan(0n);
    expect(withdrawn).toBeLessThanOrEqual(job.paidToWorkers);
    for (const worker of workers) await worker.close();

    // A job nobody could render is declined, not accepted: a scene that is not a manifest, and
    // tiles with more samples than a Worker takes on.
    const notAScene = await addJson(ipfs.apiUrl, { hello: "not a scene manifest" });
    const declined = [
      await postRenderJob({
        chain: chainOf(clientWallet),
        sceneCid: notAScene,
        spec: SPEC,
        scheduler: schedulerWallet.account.address,
        budget: parseEther("100"),
        deadline: (await publicClient.getBlock()).timestamp + 86_400n,
      }),
      await postRenderJob({
        chain: chainOf(clientWallet),
        sceneCid,
        spec: { viewpoints: 1, faceSize: 512, samplesPerPixel: 1024, tileSize: 512 },
        scheduler: schedulerWallet.account.address,
        budget: parseEther("100"),
        deadline: (await publicClient.getBlock()).timestamp + 86_400n,
      }),
    ];
    expect(await scheduler.tick()).toBe(0);
    for (const id of declined) {
      const posted = await publicClient.readContract({
        address: jobs,
        abi: renderJobsAbi,
        functionName: "jobOf",
        args: [id],
      });
      expect(posted.status).toBe(1); // still Posted: the client may cancel it for a full refund
    }
    const reasons = events.filter((event) => event.event === "job-declined").map((event) => String(event.reason));
    expect(reasons).toEqual([
      expect.stringContaining(`its scene ${notAScene} is not a scene manifest`),
      expect.stringContaining("512 × 512 tile at 1024 samples a pixel"),
    ]);

    // The subgraph saw it all.
    await stack.host.waitForBlock(Number(await publicClient.getBlockNumber()), 60_000);
    const data = await stack.query<{
      renderJobs: Array<{ status: string; acceptedTiles: string; resultDigest: string }>;
      tileResults: Array<{ batch: string; commitment: string }>;
    }>(`{
      renderJobs(where: { jobId: "1" }) { status acceptedTiles resultDigest }
      tileResults(first: 1000, where: { batch_not: null }) { batch commitment }
    }`);
    expect(data.renderJobs[0]).toEqual({
      status: "Completed",
      acceptedTiles: String(jobTileCount(SPEC)),
      resultDigest: job.resultDigest,
    });
    expect(data.tileResults).toHaveLength(batchedSeals);
    const commitmentOfBatch = new Map(batches.map((log) => [String(log.args.batch), log.args.commitment]));
    for (const result of data.tileResults) expect(result.commitment).toBe(commitmentOfBatch.get(result.batch));
  });

  it(
    "renders trusted Workers' tiles once, audits some at random, and still publishes the honest image",
    { timeout: 600_000 },
    async () => {
      // Governance trusts Workers with a rating of 3 (the honest ones earned more on the first job)
      // and audits one single-Worker tile in two.
      const params = getAddress(deployment.contracts.MarkParameters.address);
      await sendAsTreasury(connection.provider, deployment, "trust Workers", async (wallet) => [
        await wallet.writeContract({
          address: params,
          abi: markParametersAbi,
          functionName: "set",
          args: [keccak256(toHex("render.trustedRating")), 3n],
          chain: null,
        }),
        await wallet.writeContract({
          address: params,
          abi: markParametersAbi,
          functionName: "set",
          args: [keccak256(toHex("render.auditOneIn")), 2n],
          chain: null,
        }),
      ]);
      const nodes = await openNodes();
      const { scheduler } = nodes;
      const workers = nodes.workers.filter((_, i) => i !== SILENT);
      // The textured unit of the first job.
      const { sceneCid, manifestInput } = texturedScene!;
      const jobs = stack.address("RenderJobs");
      const fromBlock = await publicClient.getBlockNumber();
      const jobId = await postRenderJob({
        chain: chainOf(clientWallet),
        sceneCid,
        spec: SPEC,
        scheduler: schedulerWallet.account.address,
        budget: parseEther("10000"),
        deadline: (await publicClient.getBlock()).timestamp + 7n * 86_400n,
      });
      await runToCompletion(jobId, scheduler, workers);
      const job = await publicClient.readContract({
        address: jobs,
        abi: renderJobsAbi,
        functionName: "jobOf",
        args: [jobId],
      });
      expect(job.status).toBe(3);
      await expectHonestFaces(jobId, job, sceneCid, manifestInput);

      const logs = await publicClient.getLogs({ address: jobs, fromBlock, toBlock: "latest" });
      const trusted = parseEventLogs({ abi: renderJobsAbi, logs, eventName: "TileTrusted" });
      const audits = parseEventLogs({ abi: renderJobsAbi, logs, eventName: "TileAudit" });
      expect(trusted.length).toBeGreaterThan(4);
      expect(audits).toHaveLength(trusted.length);
      const unaudited = audits.filter((audit) => !audit.args.audited).length;
      expect(unaudited).toBeGreaterThan(0);
      expect(unaudited).toBeLessThan(audits.length);
      const trustedAddresses = new Set(trusted.map((event) => getAddress(event.args.worker)));
      expect(trustedAddresses.has(getAddress(workerWallets[LIAR]!.account.address))).toBe(false);
      // A tile rendered once paid one result; the client got back what the other two would have cost.
      const accepted = parseEventLogs({ abi: renderJobsAbi, logs, eventName: "TileAccepted" });
      const paidResults = accepted.reduce((sum, event) => sum + event.args.matches, 0n);
      expect(job.paidToWorkers).toBe(paidResults * job.pricePerResult);
      expect(accepted.filter((event) => event.args.matches === 1n)).toHaveLength(unaudited);
      for (const worker of nodes.workers) await worker.close();

      await stack.host.waitForBlock(Number(await publicClient.getBlockNumber()), 60_000);
      const data = await stack.query<{
        renderJobs: Array<{ tiles: Array<{ index: string; single: boolean; audited: boolean | null; phase: string }> }>;
      }>(
        `{ renderJobs(where: { jobId: "${jobId}" }) { tiles(first: 100, orderBy: index) { index single audited phase } } }`,
      );
      const tiles = data.renderJobs[0]!.tiles;
      expect(tiles.every((tile) => tile.phase === "Accepted")).toBe(true);
      expect(tiles.filter((tile) => tile.single && tile.audited === false)).toHaveLength(unaudited);
      expect(tiles.filter((tile) => tile.audited === true)).toHaveLength(audits.length - unaudited);
    },
  );

  it(
    "mixes the client's probe tiles into a job, opens each once its Workers have sealed, and completes",
    { timeout: 600_000 },
    async () => {
      const nodes = await openNodes();
      const { scheduler } = nodes;
      const workers = nodes.workers.filter((_, i) => i !== SILENT);
      const client = await RenderJobClient.open({
        chain: chainOf(clientWallet),
        ipfs: { apiUrl: ipfs.apiUrl, gatewayUrl: ipfs.gatewayUrl },
        dataDir: join(dataDir, "client"),
        threads: 1,
        log: (event) => void events.push(event),
      });
      const { sceneCid, manifestInput } = texturedScene!;
      const jobs = stack.address("RenderJobs");
      const fromBlock = await publicClient.getBlockNumber();
      const PROBES = 4;
      const jobId = await client.post({
        sceneCid,
        spec: SPEC,
        scheduler: schedulerWallet.account.address,
        budget: parseEther("10000"),
        deadline: (await publicClient.getBlock()).timestamp + 7n * 86_400n,
        probes: PROBES,
      });
      await runToCompletion(jobId, scheduler, workers, client);
      const job = await publicClient.readContract({
        address: jobs,
        abi: renderJobsAbi,
        functionName: "jobOf",
        args: [jobId],
      });
      expect(job.status).toBe(3);
      expect(job.probeRoot).not.toBe(`0x${"00".repeat(32)}`);
      await expectHonestFaces(jobId, job, sceneCid, manifestInput);

      // Every probe was opened while its tile was revealing, and the accepted result matched it:
      // the client's own render is the Workers' render, bit for bit.
      const logs = await publicClient.getLogs({ address: jobs, fromBlock, toBlock: "latest" });
      const opened = parseEventLogs({ abi: renderJobsAbi, logs, eventName: "ProbeOpened" });
      const counted = parseEventLogs({ abi: renderJobsAbi, logs, eventName: "ProbeCounted" });
      expect(opened).toHaveLength(PROBES);
      expect(counted.filter((event) => event.args.agreed)).toHaveLength(PROBES);
      const accepted = new Map(
        parseEventLogs({ abi: renderJobsAbi, logs, eventName: "TileAccepted" }).map((event) => [
          event.args.tile,
          event.args.resultHash,
        ]),
      );
      for (const event of opened) expect(accepted.get(event.args.tile)).toBe(event.args.answer);
      for (const worker of nodes.workers) await worker.close();

      await stack.host.waitForBlock(Number(await publicClient.getBlockNumber()), 60_000);
      const data = await stack.query<{
        renderJobs: Array<{
          probeRoot: string;
          tiles: Array<{ knownAnswer: string | null; probeAgreed: boolean | null }>;
        }>;
      }>(`{ renderJobs(where: { jobId: "${jobId}" }) { probeRoot tiles(first: 100) { knownAnswer probeAgreed } } }`);
      expect(data.renderJobs[0]!.probeRoot).toBe(job.probeRoot);
      const probeTiles = data.renderJobs[0]!.tiles.filter((tile) => tile.knownAnswer !== null);
      expect(probeTiles).toHaveLength(PROBES);
      expect(probeTiles.every((tile) => tile.probeAgreed === true)).toBe(true);
    },
  );
});
