import { CID } from "multiformats/cid";
import * as raw from "multiformats/codecs/raw";
import { sha256 } from "multiformats/hashes/sha2";
import { bytesToHex, type Hex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addBytes, computeRawCid } from "@markspace/ipfs/client";
import type { IpfsNode } from "@markspace/ipfs/node";
import { makeTempDir, startTestNode } from "../../ipfs/src/testing.ts";
import {
  benchmarkTaskBytes,
  benchmarkTaskCid,
  benchmarkTaskId,
  benchmarkTaskSchema,
  fetchBenchmarkTask,
  makeBenchmarkTasks,
  parseBenchmarkTask,
  publishBenchmarkTasks,
  solveBenchmarkTask,
  type BenchmarkTask,
} from "./benchmark.ts";
import { RenderBenchmarkError, RenderInvalidInputError } from "./errors.ts";
import { RENDERER_VERSION } from "./tracer/index.ts";

const OTHER_VERSION = `0x${"ab".repeat(32)}`;

/** A hand-written task, keys deliberately out of the canonical order. */
const handWritten: BenchmarkTask = {
  tile: { height: 16, width: 16, y: 8, x: 24 },
  view: 2,
  seed: 7,
  maxDepth: 4,
  samplesPerPixel: 4,
  height: 48,
  width: 64,
  rendererVersion: OTHER_VERSION,
  scene: "reference",
  kind: "markspace-render-benchmark",
  version: 1,
};

const CANONICAL =
  `{"version":1,"kind":"markspace-render-benchmark","scene":"reference","rendererVersion":"${OTHER_VERSION}",` +
  `"width":64,"height":48,"samplesPerPixel":4,"maxDepth":4,"seed":7,"view":2,"tile":{"x":24,"y":8,"width":16,"height":16}}`;

describe("benchmarkTaskSchema", () => {
  it("accepts a well-formed task", () => {
    expect(benchmarkTaskSchema.safeParse(handWritten).success).toBe(true);
  });

  it.each([
    ["a tile past the right edge", { tile: { x: 56, y: 0, width: 16, height: 16 } }, "reaches past the 64 × 48"],
    ["a tile past the bottom edge", { tile: { x: 0, y: 40, width: 16, height: 16 } }, "reaches past the 64 × 48"],
    ["an empty tile", { tile: { x: 0, y: 0, width: 0, height: 16 } }, "at tile.width"],
    ["version 2", { version: 2 }, "at version"],
    ["another kind", { kind: "markspace-render-job" }, "at kind"],
    ["another scene", { scene: "unit" }, "at scene"],
    ["an upper-case renderer version", { rendererVersion: OTHER_VERSION.toUpperCase().replace("0X", "0x") }, "SHA"],
    ["a fractional seed", { seed: 1.5 }, "at seed"],
    ["a seed past 32 bits", { seed: 2 ** 32 }, "at seed"],
    ["an extra key", { note: "hi" }, "note"],
    [
      "too much work",
      { width: 4096, height: 4096, samplesPerPixel: 4096, tile: { x: 0, y: 0, width: 4096, height: 4096 } },
      "more than a benchmark",
    ],
  ])("refuses %s", (_, change, problem) => {
    expect(benchmarkTaskSchema.safeParse({ ...handWritten, ...change }).success).toBe(false);
    expect(() => parseBenchmarkTask({ ...handWritten, ...change })).toThrow(problem);
  });
});

describe("task ids", () => {
  it("writes the canonical bytes in schema key order whatever order the object has", () => {
    expect(new TextDecoder().decode(benchmarkTaskBytes(handWritten))).toBe(CANONICAL);
  });

  it("is the sha2-256 of the canonical bytes, and the digest of their raw CIDv1", async () => {
    const bytes = new TextEncoder().encode(CANONICAL);
    const id = benchmarkTaskId(handWritten);
    expect(id).toBe(bytesToHex((await sha256.digest(bytes)).digest));
    const cid = benchmarkTaskCid(id);
    expect(cid).toBe(await computeRawCid(bytes));
    const parsed = CID.parse(cid);
    expect(parsed.version).toBe(1);
    expect(parsed.code).toBe(raw.code);
    expect(parsed.multihash.code).toBe(sha256.code);
    expect(bytesToHex(parsed.multihash.digest)).toBe(id);
  });

  it("refuses an id that is not 32 bytes", () => {
    expect(() => benchmarkTaskCid("0x1234")).toThrow(/0x1234 is not 32 bytes/);
  });

  it("refuses to give an id to an invalid document", () => {
    expect(() => benchmarkTaskId({ ...handWritten, version: 2 } as unknown as BenchmarkTask)).toThrow(
      RenderInvalidInputError,
    );
  });
});

describe("makeBenchmarkTasks and solveBenchmarkTask", () => {
  const tasks = makeBenchmarkTasks(4);

  it("makes distinct, valid tasks for this renderer", () => {
    expect(tasks).toHaveLength(4);
    for (const task of tasks) {
      expect(benchmarkTaskSchema.parse(task)).toEqual(task);
      expect(task.rendererVersion).toBe(RENDERER_VERSION);
    }
    expect(new Set(tasks.map(benchmarkTaskId)).size).toBe(4);
    expect(new Set(tasks.map((task) => `${task.tile.x},${task.tile.y}`)).size).toBe(4);
    // A later batch does not repeat an earlier one.
    const next = makeBenchmarkTasks(4, { firstSeed: 5 }).map(benchmarkTaskId);
    expect(next.filter((id) => tasks.map(benchmarkTaskId).includes(id))).toEqual([]);
  });

  it("gives every task its own answer, the same every time, quickly", async () => {
    const first = await Promise.all(tasks.slice(0, 3).map((task) => solveBenchmarkTask(task)));
    expect(new Set(first.map((solved) => solved.resultHash)).size).toBe(3);
    for (const solved of first) {
      expect(solved.resultHash).toMatch(/^0x[0-9a-f]{64}$/);
      expect(solved.rays).toBeGreaterThan(32 * 32 * 8);
      expect(solved.wallMs).toBeLessThan(5_000);
    }
    const again = await solveBenchmarkTask(tasks[0]!, { threads: 2 });
    expect(again.resultHash).toBe(first[0]!.resultHash);
  });

  it("refuses a task made for another renderer, naming both versions", async () => {
    const [foreign] = makeBenchmarkTasks(1, { rendererVersion: OTHER_VERSION });
    const refusal = solveBenchmarkTask(foreign!);
    await expect(refusal).rejects.toThrow(RenderInvalidInputError);
    await expect(refusal).rejects.toThrow(`renderer ${OTHER_VERSION}; this renderer is ${RENDERER_VERSION}`);
  });

  it("refuses bad counts and seeds", () => {
    expect(() => makeBenchmarkTasks(-1)).toThrow(/count -1/);
    expect(() => makeBenchmarkTasks(2, { firstSeed: 2 ** 32 - 1 })).toThrow(/do not fit in 32 bits/);
  });
});

describe("publishing and fetching through IPFS", () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let node: IpfsNode;

  beforeAll(async () => {
    dir = await makeTempDir("markspace-benchmark-");
    node = await startTestNode(dir.path);
  });

  afterAll(async () => {
    await node?.stop();
    await dir?.remove();
  });

  it("publishes tasks whose documents a Worker fetches by id and solves to the published answer", async () => {
    const tasks = makeBenchmarkTasks(2, { firstSeed: 100 });
    const progress: number[] = [];
    const published = await publishBenchmarkTasks({
      ipfsApiUrl: node.apiUrl,
      tasks,
      onProgress: (_, done) => progress.push(done),
    });
    expect(progress).toEqual([1, 2]);
    expect(published.map((entry) => entry.taskId)).toEqual(tasks.map(benchmarkTaskId));
    for (const [i, entry] of published.entries()) {
      expect(entry.cid).toBe(benchmarkTaskCid(entry.taskId));
      const fetched = await fetchBenchmarkTask(node.gatewayUrl, entry.taskId);
      expect(fetched).toEqual(tasks[i]);
      expect((await solveBenchmarkTask(fetched)).resultHash).toBe(entry.resultHash);
    }
    expect(published[0]!.answerHash).not.toBe(published[1]!.answerHash);
  });

  it("refuses to publish the same task twice in a batch", async () => {
    const [task] = makeBenchmarkTasks(1, { firstSeed: 200 });
    await expect(publishBenchmarkTasks({ ipfsApiUrl: node.apiUrl, tasks: [task!, task!] })).rejects.toThrow(
      `Benchmark task ${benchmarkTaskId(task!)} appears twice`,
    );
  });

  it("refuses a task id the node does not hold, naming it", async () => {
    const [task] = makeBenchmarkTasks(1, { firstSeed: 300 }); // never published
    const id = benchmarkTaskId(task!);
    const fetching = fetchBenchmarkTask(node.gatewayUrl, id);
    await expect(fetching).rejects.toThrow(RenderBenchmarkError);
    await expect(fetching).rejects.toThrow(`Benchmark task ${id} could not be fetched`);
  });

  it("refuses a document stored under its id that is not in canonical form", async () => {
    const [task] = makeBenchmarkTasks(1, { firstSeed: 400 });
    // The same task, pretty-printed: valid JSON, a valid task, but not the bytes its id names.
    const cid = await addBytes(node.apiUrl, new TextEncoder().encode(JSON.stringify(task, null, 2)));
    const storedId = bytesToHex(CID.parse(cid).multihash.digest) as Hex;
    expect(storedId).not.toBe(benchmarkTaskId(task!));
    await expect(fetchBenchmarkTask(node.gatewayUrl, storedId)).rejects.toThrow(
      `Benchmark task ${storedId} (${cid}) is not in canonical form; its canonical id is ${benchmarkTaskId(task!)}`,
    );
  });

  it("refuses a document that is not a task, naming the id", async () => {
    const [task] = makeBenchmarkTasks(1, { firstSeed: 500 });
    const tampered = { ...task!, kind: "markspace-render-job" };
    const cid = await addBytes(node.apiUrl, new TextEncoder().encode(JSON.stringify(tampered)));
    const storedId = bytesToHex(CID.parse(cid).multihash.digest) as Hex;
    await expect(fetchBenchmarkTask(node.gatewayUrl, storedId)).rejects.toThrow(
      `Benchmark task ${storedId} (${cid}) is not a benchmark task document`,
    );
  });
});
