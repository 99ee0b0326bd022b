/**
 * `@markspace/render-network`: the render network's off-chain side. So far: the deterministic path
 * tracer, a worker-thread pool that renders tiles with it, and the benchmark tasks that admit Workers.
 */
export * from "./tracer/index.ts";
export { renderTiles, type RenderTilesParameters, type RenderTilesReturnType } from "./parallel/render-tiles.ts";
export { TilePool, type TilePoolParameters, type RenderBatchReturnType } from "./parallel/tile-pool.ts";
export { splitIntoTiles } from "./tiles.ts";
export { assembleTiles, type RgbTile } from "./assemble.ts";
export { cubeMapSpecs, type CubeMapParameters } from "./cube-map.ts";
export { RenderBenchmarkError, RenderError, RenderInvalidInputError, RenderWorkerError } from "./errors.ts";
export {
  BENCHMARK_TASK_MAX_BYTES,
  benchmarkAnswerHash,
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
  type MakeBenchmarkTasksOptions,
  type PublishBenchmarkTasksParameters,
  type PublishedBenchmark,
  type SolveBenchmarkTaskOptions,
  type SolveBenchmarkTaskReturnType,
} from "./benchmark.ts";
export {
  checkJobSpec,
  JOB_MAX_DEPTH,
  jobSpecOf,
  MAX_JOB_TILE_SIDE,
  MAX_TILE_SAMPLES,
  jobSeed,
  jobTile,
  jobTileCount,
  jobViewpoints,
  tilesPerFace,
  type JobOutputSpec,
  type JobTile,
} from "./job-plan.ts";
export {
  decodeTilePayload,
  encodeTilePayload,
  MAX_TILE_PAYLOAD_BYTES,
  tilePayloadCid,
  tilePayloadHash,
  type TilePayload,
} from "./tile-payload.ts";
export { CUBE_FACE_NAMES, renderResultSchema, type RenderResult } from "./result.ts";
export { BatchTree, batchDepth, batchLeaf, batchRootOf } from "./batch-tree.ts";
export {
  ROLE_SCHEDULER,
  ROLE_WORKER,
  RenderNodeTransactionError,
  type RenderNodeChain,
  type RenderNodeEvent,
  type RenderNodeIpfs,
} from "./node/chain.ts";
export { postRenderJob, type PostRenderJobParameters } from "./node/client.ts";
export { RenderJobClient, type PostProbedJobParameters, type RenderJobClientOptions } from "./node/job-client.ts";
export { pickProbeTiles, sealProbes, type ProbeSet, type SealedProbe } from "./probes.ts";
export { RenderScheduler, type RenderSchedulerOptions } from "./node/scheduler.ts";
export { RenderJobRefusedError, RenderWorker, type RenderWorkerOptions } from "./node/worker.ts";
