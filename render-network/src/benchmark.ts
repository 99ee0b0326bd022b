/**
 * Benchmark tasks: what a task id in `RenderStaking`'s admission pool means off chain.
 *
 * A task is a small JSON document (one tile of the reference room, with the render settings and
 * the renderer version it was solved with). Its id is the SHA-256 of the document's canonical
 * bytes, which is also the digest of the document's raw-codec CIDv1 on IPFS: a Worker handed a
 * task id by `requestAdmission` fetches `benchmarkTaskCid(id)` from any gateway, checks the bytes
 * against the id, renders the tile and submits the tile hash. Governance publishes the documents
 * and registers `keccak256(abi.encode(taskId, resultHash))` for each with `addBenchmarks`.
 */
import { createHash } from "node:crypto";
import { CID } from "multiformats/cid";
import * as raw from "multiformats/codecs/raw";
import { create as createDigest } from "multiformats/hashes/digest";
import { sha256 } from "multiformats/hashes/sha2";
import { encodeAbiParameters, hexToBytes, keccak256, type Hex } from "viem";
import { z } from "zod";
import { firstLine } from "@markspace/common/errors";
import { addBytes, fetchVerifiedJson, type IpfsRequestOptions } from "@markspace/ipfs/client";
import { RenderBenchmarkError, RenderInvalidInputError } from "./errors.ts";
import { TilePool } from "./parallel/tile-pool.ts";
import { RENDERER_VERSION, referenceCamera, referenceScene, type ImageSpec } from "./tracer/index.ts";

/** Largest image side a task may name (the tracer itself accepts up to 65,536). */
const MAX_IMAGE_SIDE = 16_384;
/** Camera samples (tile pixels × samples per pixel) a task may ask for: about a minute on one core. */
const MAX_TASK_SAMPLES = 1 << 24;
const UINT32_MAX = 0xffffffff;

/** A task document is a few hundred bytes; fetching refuses anything past this. */
export const BENCHMARK_TASK_MAX_BYTES = 4_096;

const count = (min: number, max: number) => z.number().int().min(min).max(max);

/**
 * A benchmark task document, version 1. Key order here is the canonical order of
 * `benchmarkTaskBytes`; unknown keys are refused so that a document has one canonical form.
 */
export const benchmarkTaskSchema = z
  .strictObject({
    version: z.literal(1),
    kind: z.literal("markspace-render-benchmark"),
    /** The reference room (`referenceScene()`) seen by `referenceCamera`; the only scene so far. */
    scene: z.literal("reference"),
    /** The `RENDERER_VERSION` the answer was computed with; only that renderer can solve the task. */
    rendererVersion: z.string().regex(/^0x[0-9a-f]{64}$/, "a 0x-prefixed lower-case SHA-256"),
    width: count(1, MAX_IMAGE_SIDE),
    height: count(1, MAX_IMAGE_SIDE),
    samplesPerPixel: count(1, 1 << 20),
    maxDepth: count(0, 64),
    seed: count(0, UINT32_MAX),
    view: count(0, UINT32_MAX),
    tile: z.strictObject({
      x: count(0, MAX_IMAGE_SIDE - 1),
      y: count(0, MAX_IMAGE_SIDE - 1),
      width: count(1, MAX_IMAGE_SIDE),
      height: count(1, MAX_IMAGE_SIDE),
    }),
  })
  .superRefine((task, context) => {
    const { tile } = task;
    if (tile.x + tile.width > task.width || tile.y + tile.height > task.height) {
      context.addIssue({
        code: "custom",
        path: ["tile"],
        message: `tile (${tile.x}, ${tile.y}, ${tile.width} × ${tile.height}) reaches past the ${task.width} × ${task.height} image`,
      });
    }
    const samples = tile.width * tile.height * task.samplesPerPixel;
    if (samples > MAX_TASK_SAMPLES) {
      context.addIssue({
        code: "custom",
        path: ["samplesPerPixel"],
        message: `${samples} camera samples is more than a benchmark may ask for (${MAX_TASK_SAMPLES})`,
      });
    }
  });

export type BenchmarkTask = z.infer<typeof benchmarkTaskSchema>;

/** Validates a task document; throws `RenderInvalidInputError` listing every problem. */
export function parseBenchmarkTask(value: unknown): BenchmarkTask {
  const parsed = benchmarkTaskSchema.safeParse(value);
  if (!parsed.success) {
    throw new RenderInvalidInputError({
      shortMessage: "Not a benchmark task document",
      details: z.prettifyError(parsed.error),
      hint: "Build tasks with makeBenchmarkTasks, or follow benchmarkTaskSchema (version 1).",
    });
  }
  return parsed.data;
}

/** The canonical UTF-8 JSON of a task: the schema's key order, no whitespace. */
export function benchmarkTaskBytes(task: BenchmarkTask): Uint8Array {
  const t = parseBenchmarkTask(task);
  // Written out key by key so the order never depends on how `task` was built.
  const canonical = {
    version: t.version,
    kind: t.kind,
    scene: t.scene,
    rendererVersion: t.rendererVersion,
    width: t.width,
    height: t.height,
    samplesPerPixel: t.samplesPerPixel,
    maxDepth: t.maxDepth,
    seed: t.seed,
    view: t.view,
    tile: { x: t.tile.x, y: t.tile.y, width: t.tile.width, height: t.tile.height },
  };
  return new TextEncoder().encode(JSON.stringify(canonical));
}

/** The task id: `0x` + SHA-256 of the canonical bytes (the digest of the document's raw CIDv1). */
export function benchmarkTaskId(task: BenchmarkTask): Hex {
  return `0x${createHash("sha256").update(benchmarkTaskBytes(task)).digest("hex")}`;
}

/** The CIDv1 (raw codec, sha2-256, base32) under which the document of `taskId` lives on IPFS. */
export function benchmarkTaskCid(taskId: Hex): string {
  if (!/^0x[0-9a-fA-F]{64}$/.test(taskId)) {
    throw new RenderInvalidInputError({
      shortMessage: `Benchmark task id ${taskId} is not 32 bytes of hex`,
      hint: "A task id is the bytes32 that RenderStaking.requestAdmission returns.",
    });
  }
  return CID.createV1(raw.code, createDigest(sha256.code, hexToBytes(taskId))).toString();
}

/** What the contract stores per task: `keccak256(abi.encode(taskId, resultHash))`, as `benchmarkAnswerHash`. */
export function benchmarkAnswerHash(taskId: Hex, resultHash: Hex): Hex {
  return keccak256(encodeAbiParameters([{ type: "bytes32" }, { type: "bytes32" }], [taskId, resultHash]));
}

export type MakeBenchmarkTasksOptions = {
  /** Seed of the first task; task `i` gets `firstSeed + i`. Start a new batch past the last one. */
  firstSeed?: number;
  /** The renderer the tasks are for; this build's `RENDERER_VERSION` by default. */
  rendererVersion?: string;
};

/** The image every generated task is a tile of: 128 × 96, cut into 4 × 3 tiles of 32 × 32. */
const TASK_IMAGE = { width: 128, height: 96, tileSide: 32 } as const;

/**
 * `count` distinct tasks, each one 32 × 32 tile of a 128 × 96 view of the reference room at 8
 * samples per pixel (tens of milliseconds of rendering on one core). Every task has its own seed,
 * so every answer differs, and the tiles cycle over the image so no two neighbours look alike.
 */
export function makeBenchmarkTasks(count: number, options: MakeBenchmarkTasksOptions = {}): BenchmarkTask[] {
  const firstSeed = options.firstSeed ?? 1;
  if (!Number.isInteger(count) || count < 0 || !Number.isInteger(firstSeed) || firstSeed < 0) {
    throw new RenderInvalidInputError({
      shortMessage: `makeBenchmarkTasks: count ${count} and firstSeed ${firstSeed} must be integers ≥ 0`,
    });
  }
  if (firstSeed + count - 1 > UINT32_MAX) {
    throw new RenderInvalidInputError({
      shortMessage: `makeBenchmarkTasks: seeds ${firstSeed}…${firstSeed + count - 1} do not fit in 32 bits`,
    });
  }
  const columns = TASK_IMAGE.width / TASK_IMAGE.tileSide;
  const tileCount = columns * (TASK_IMAGE.height / TASK_IMAGE.tileSide);
  return Array.from({ length: count }, (_, i) => {
    const tileIndex = (firstSeed + i) % tileCount;
    return parseBenchmarkTask({
      version: 1,
      kind: "markspace-render-benchmark",
      scene: "reference",
      rendererVersion: options.rendererVersion ?? RENDERER_VERSION,
      width: TASK_IMAGE.width,
      height: TASK_IMAGE.height,
      samplesPerPixel: 8,
      maxDepth: 6,
      seed: firstSeed + i,
      view: 0,
      tile: {
        x: (tileIndex % columns) * TASK_IMAGE.tileSide,
        y: Math.floor(tileIndex / columns) * TASK_IMAGE.tileSide,
        width: TASK_IMAGE.tileSide,
        height: TASK_IMAGE.tileSide,
      },
    });
  });
}

export type SolveBenchmarkTaskOptions = {
  /** Worker threads to render on; 1 by default (a task is one tile, so more do not help). */
  threads?: number;
};

export type SolveBenchmarkTaskReturnType = {
  /** The tile hash to pass to `submitAdmission`. */
  resultHash: Hex;
  /** Rays cast (camera, bounce and shadow). */
  rays: number;
  /** Wall-clock time of the render, thread start-up and BVH build included. */
  wallMs: number;
};

/** Refuses a task this build cannot solve: invalid, or made for another renderer. */
function checkSolvable(task: BenchmarkTask): BenchmarkTask {
  const checked = parseBenchmarkTask(task);
  if (checked.rendererVersion !== RENDERER_VERSION) {
    throw new RenderInvalidInputError({
      shortMessage: `Benchmark task is for renderer ${checked.rendererVersion}; this renderer is ${RENDERER_VERSION}`,
      hint: "Run the renderer version the task names; its answer depends on it bit for bit.",
    });
  }
  return checked;
}

function imageSpecOf(task: BenchmarkTask): ImageSpec {
  const { width, height, samplesPerPixel, maxDepth, seed, view } = task;
  return { camera: referenceCamera, width, height, samplesPerPixel, maxDepth, seed, view };
}

async function solveOn(pool: TilePool, task: BenchmarkTask): Promise<{ resultHash: Hex; rays: number }> {
  const { results, rays } = await pool.render(imageSpecOf(task), [task.tile]);
  return { resultHash: results[0]!.hash, rays };
}

/** Renders a task's tile and returns the hash a Worker submits. Same task, same hash, anywhere. */
export async function solveBenchmarkTask(
  task: BenchmarkTask,
  { threads = 1 }: SolveBenchmarkTaskOptions = {},
): Promise<SolveBenchmarkTaskReturnType> {
  const checked = checkSolvable(task);
  const started = performance.now();
  const pool = await TilePool.start({ scene: referenceScene(), threads });
  try {
    const solved = await solveOn(pool, checked);
    return { ...solved, wallMs: performance.now() - started };
  } finally {
    await pool.close();
  }
}

/**
 * Fetches the document of `taskId` from a path gateway, verified against the id, and returns it
 * validated. Throws `RenderBenchmarkError` naming the id when the gateway does not hold it, the
 * bytes are not a task document, or the document is not in canonical form.
 */
export async function fetchBenchmarkTask(
  gatewayUrl: string,
  taskId: Hex,
  options: IpfsRequestOptions = {},
): Promise<BenchmarkTask> {
  const cid = benchmarkTaskCid(taskId);
  let value: unknown;
  try {
    value = await fetchVerifiedJson(gatewayUrl, cid, { ...options, maxBytes: BENCHMARK_TASK_MAX_BYTES });
  } catch (error) {
    throw new RenderBenchmarkError({
      shortMessage: `Benchmark task ${taskId} could not be fetched from ${gatewayUrl} as ${cid}`,
      details: firstLine(error),
      hint: "Check that the task documents were published (publishBenchmarkTasks) to a node this gateway reads.",
      cause: error,
    });
  }
  const parsed = benchmarkTaskSchema.safeParse(value);
  if (!parsed.success) {
    throw new RenderBenchmarkError({
      shortMessage: `Benchmark task ${taskId} (${cid}) is not a benchmark task document`,
      details: z.prettifyError(parsed.error),
    });
  }
  const canonicalId = benchmarkTaskId(parsed.data);
  if (canonicalId !== taskId.toLowerCase()) {
    throw new RenderBenchmarkError({
      shortMessage: `Benchmark task ${taskId} (${cid}) is not in canonical form; its canonical id is ${canonicalId}`,
      hint: "Publish task documents as benchmarkTaskBytes writes them, so that one task has one id.",
    });
  }
  return parsed.data;
}

/** One published task: what `addBenchmarks` takes (`taskId`, `answerHash`) and what stays secret until used. */
export type PublishedBenchmark = {
  taskId: Hex;
  /** The document's CIDv1 on IPFS (`benchmarkTaskCid(taskId)`). */
  cid: string;
  /** The tile hash a Worker must submit; keep it off chain until the task is spent. */
  resultHash: Hex;
  /** `benchmarkAnswerHash(taskId, resultHash)`: what the contract stores. */
  answerHash: Hex;
};

export type PublishBenchmarkTasksParameters = {
  /** Kubo-RPC API of the node to add the documents to. */
  ipfsApiUrl: string;
  tasks: readonly BenchmarkTask[];
  /** Worker threads to solve on; 1 by default. */
  threads?: number;
  /** Called after each task is stored and solved. */
  onProgress?: (published: PublishedBenchmark, done: number, total: number) => void;
};

/**
 * Adds each task document to IPFS (checking the node's CID against the task id), solves it and
 * returns the ids and answer hashes for `RenderStaking.addBenchmarks`, in the order given.
 */
export async function publishBenchmarkTasks({
  ipfsApiUrl,
  tasks,
  threads = 1,
  onProgress,
}: PublishBenchmarkTasksParameters): Promise<PublishedBenchmark[]> {
  const checked = tasks.map(checkSolvable);
  const ids = checked.map(benchmarkTaskId);
  const seen = new Set<Hex>();
  for (const id of ids) {
    // A task's answer is public once a Worker submits it, so each task may be handed out once.
    if (seen.has(id)) {
      throw new RenderInvalidInputError({
        shortMessage: `Benchmark task ${id} appears twice in the batch`,
        hint: "Give every task its own seed or tile (makeBenchmarkTasks with a new firstSeed).",
      });
    }
    seen.add(id);
  }
  const published: PublishedBenchmark[] = [];
  const pool = await TilePool.start({ scene: referenceScene(), threads });
  try {
    for (const [index, task] of checked.entries()) {
      const taskId = ids[index]!;
      const expected = benchmarkTaskCid(taskId);
      const cid = await addBytes(ipfsApiUrl, benchmarkTaskBytes(task), { name: `${taskId}.json` });
      if (cid !== expected) {
        throw new RenderBenchmarkError({
          shortMessage: `The IPFS node at ${ipfsApiUrl} stored benchmark task ${taskId} as ${cid}, not ${expected}`,
          hint: "Use a node that adds with CIDv1, raw leaves and sha2-256 (addBytes' defaults).",
        });
      }
      const { resultHash } = await solveOn(pool, task);
      const entry = { taskId, cid, resultHash, answerHash: benchmarkAnswerHash(taskId, resultHash) };
      published.push(entry);
      onProgress?.(entry, published.length, checked.length);
    }
  } finally {
    await pool.close();
  }
  return published;
}
