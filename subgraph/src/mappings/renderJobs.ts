import { Address, BigInt, Bytes, ethereum, log } from "@graphprotocol/graph-ts";
import {
  JobAbandoned,
  JobAccepted,
  JobCancelled,
  JobCompleted,
  JobPosted,
  BatchCommitted,
  HeldResultJudged,
  ProbeCounted,
  ProbeOpened,
  ProbesSealed,
  ResultCommitted,
  ResultRevealed,
  TileAccepted,
  TileAssigned,
  TileAudit,
  TileHeld,
  TileTrusted,
  TileUnresolved,
  WorkerFaulted,
} from "../../generated/RenderJobs/RenderJobs";
import { RenderJob, RenderTile, TileResult } from "../../generated/schema";

function jobKey(jobId: BigInt): Bytes {
  return Bytes.empty().concatI32(jobId.toI32());
}

function tileKey(jobId: BigInt, tile: BigInt): Bytes {
  return jobKey(jobId).concatI32(tile.toI32());
}

function resultKey(tileId: Bytes, round: BigInt, worker: Address): Bytes {
  return tileId.concatI32(round.toI32()).concat(worker);
}

/** The job `jobId`, or null (logged with `handler`) when its posting was never seen. */
function loadJob(jobId: BigInt, handler: string, event: ethereum.Event): RenderJob | null {
  let job = RenderJob.load(jobKey(jobId));
  if (job == null)
    log.error("{}: render job {} is missing (tx {})", [
      handler,
      jobId.toString(),
      event.transaction.hash.toHexString(),
    ]);
  return job;
}

// Nullable `Bytes` fields are compared with `===`: `==` is `Bytes.equals`, which the compiler
// crashes on when given null.

function hasCommitted(id: Bytes): boolean {
  let result = TileResult.load(id);
  if (result == null) return false;
  return result.commitment !== null;
}

/** Credits the result `id` when it revealed `hash`. */
function markPaid(id: Bytes, hash: Bytes, price: BigInt): void {
  let result = TileResult.load(id);
  if (result == null) return;
  if (result.resultHash === null) return;
  if (!result.resultHash!.equals(hash)) return;
  result.outcome = "Paid";
  result.paid = price;
  result.save();
}

/** A revealed result of an undecided round: neither paid nor slashed. */
function markReleased(id: Bytes): void {
  let result = TileResult.load(id);
  if (result == null) return;
  if (result.outcome != "Pending" || result.resultHash === null) return;
  result.outcome = "Released";
  result.save();
}

function getOrCreateTile(jobId: BigInt, index: BigInt): RenderTile {
  let id = tileKey(jobId, index);
  let tile = RenderTile.load(id);
  if (tile == null) {
    tile = new RenderTile(id);
    tile.job = jobKey(jobId);
    tile.index = index;
    tile.phase = "Unassigned";
    tile.round = BigInt.zero();
    tile.workers = [];
    tile.single = false;
  }
  return tile;
}

/** A slot no Worker holds: the zero address, as the contract's `tileOf` shows it. */
function isEmptySlot(worker: Bytes): boolean {
  return worker.equals(Address.zero());
}

/** The current round's result of `worker` on a tile, or null (logged) when it was never drawn. */
function loadResult(tile: RenderTile, worker: Address, handler: string): TileResult | null {
  let result = TileResult.load(resultKey(tile.id, tile.round, worker));
  if (result == null)
    log.error("{}: worker {} holds no slot of tile {}", [handler, worker.toHexString(), tile.id.toHexString()]);
  return result;
}

export function handleJobPosted(event: JobPosted): void {
  let job = new RenderJob(jobKey(event.params.jobId));
  job.jobId = event.params.jobId;
  job.client = event.params.client;
  job.scheduler = event.params.scheduler;
  job.status = "Posted";
  job.sceneDigest = event.params.sceneDigest;
  job.sceneCodec = event.params.sceneCodec;
  job.rendererVersion = event.params.rendererVersion;
  let spec = event.params.spec;
  job.viewpoints = spec.viewpoints;
  job.faceSize = spec.faceSize.toI32();
  job.samplesPerPixel = spec.samplesPerPixel.toI32();
  job.tileSize = spec.tileSize.toI32();
  job.tileCount = event.params.tileCount;
  job.acceptedTiles = BigInt.zero();
  job.budget = event.params.budget;
  job.fee = event.params.fee;
  job.pricePerResult = event.params.pricePerResult;
  job.paidToWorkers = BigInt.zero();
  job.deadline = event.params.deadline;
  job.postedAt = event.block.timestamp;
  job.save();
}

export function handleJobAccepted(event: JobAccepted): void {
  let job = loadJob(event.params.jobId, "handleJobAccepted", event);
  if (job == null) return;
  job.status = "Accepted";
  job.seedBlock = event.params.seedBlock;
  job.save();
}

export function handleJobCancelled(event: JobCancelled): void {
  let job = loadJob(event.params.jobId, "handleJobCancelled", event);
  if (job == null) return;
  job.status = "Cancelled";
  job.refund = event.params.refund;
  job.save();
}

export function handleJobCompleted(event: JobCompleted): void {
  let job = loadJob(event.params.jobId, "handleJobCompleted", event);
  if (job == null) return;
  job.status = "Completed";
  job.resultDigest = event.params.resultDigest;
  job.resultCodec = event.params.resultCodec;
  job.refund = event.params.refund;
  job.save();
}

export function handleJobAbandoned(event: JobAbandoned): void {
  let job = loadJob(event.params.jobId, "handleJobAbandoned", event);
  if (job == null) return;
  job.status = "Abandoned";
  job.refund = event.params.refund;
  job.schedulerSlashed = event.params.slashed;
  job.save();
}

/** `TileAssigned`: a Worker drawn into a slot; a replacement takes the place of a slashed one. */
export function handleTileAssigned(event: TileAssigned): void {
  let tile = getOrCreateTile(event.params.jobId, event.params.tile);
  tile.phase = "Committing";
  tile.round = event.params.round;
  let workers = tile.workers;
  let slot = event.params.slot.toI32();
  if (workers.length == 0) {
    workers.push(Address.zero());
    workers.push(Address.zero());
    workers.push(Address.zero());
  }
  workers[slot] = event.params.worker;
  tile.workers = workers;
  tile.save();
  let result = new TileResult(resultKey(tile.id, tile.round, event.params.worker));
  result.tile = tile.id;
  result.round = tile.round;
  result.worker = event.params.worker;
  result.outcome = "Pending";
  result.paid = BigInt.zero();
  result.slashed = BigInt.zero();
  result.save();
}

export function handleResultCommitted(event: ResultCommitted): void {
  sealResult(event.params.jobId, event.params.tile, event.params.worker, event.params.commitment, null);
}

/** `BatchCommitted`: one commitment seals the Worker's result on every listed tile. */
export function handleBatchCommitted(event: BatchCommitted): void {
  let tiles = event.params.tiles;
  for (let i = 0; i < tiles.length; i++) {
    sealResult(event.params.jobId, tiles[i], event.params.worker, event.params.commitment, event.params.batch);
  }
}

function sealResult(jobId: BigInt, tileIndex: BigInt, worker: Address, commitment: Bytes, batch: BigInt | null): void {
  let tile = getOrCreateTile(jobId, tileIndex);
  let result = loadResult(tile, worker, "sealResult");
  if (result == null) return;
  result.commitment = commitment;
  result.batch = batch;
  result.save();
  // Reveals open once every slot of the round has committed.
  let committed = 0;
  let workers = tile.workers;
  for (let i = 0; i < workers.length; i++) {
    if (isEmptySlot(workers[i])) continue;
    if (hasCommitted(resultKey(tile.id, tile.round, Address.fromBytes(workers[i])))) committed++;
  }
  if (committed == 3) {
    tile.phase = "Revealing";
    tile.save();
  }
}

export function handleResultRevealed(event: ResultRevealed): void {
  let tile = getOrCreateTile(event.params.jobId, event.params.tile);
  let result = loadResult(tile, event.params.worker, "handleResultRevealed");
  if (result == null) return;
  result.resultHash = event.params.resultHash;
  result.save();
}

/** `TileAccepted`: the matching Workers of the round are paid; faults come as `WorkerFaulted`. */
export function handleTileAccepted(event: TileAccepted): void {
  let job = loadJob(event.params.jobId, "handleTileAccepted", event);
  if (job == null) return;
  let tile = getOrCreateTile(event.params.jobId, event.params.tile);
  tile.phase = "Accepted";
  tile.acceptedResult = event.params.resultHash;
  tile.save();
  job.acceptedTiles = job.acceptedTiles.plus(BigInt.fromI32(1));
  job.paidToWorkers = job.paidToWorkers.plus(job.pricePerResult.times(event.params.matches));
  job.save();
  let workers = tile.workers;
  for (let i = 0; i < workers.length; i++) {
    if (isEmptySlot(workers[i])) continue; // a tile rendered by one trusted Worker
    markPaid(
      resultKey(tile.id, tile.round, Address.fromBytes(workers[i])),
      event.params.resultHash,
      job.pricePerResult,
    );
  }
}

/** `TileUnresolved`: revealers go unpaid and unslashed; the tile waits for a fresh draw. */
export function handleTileUnresolved(event: TileUnresolved): void {
  let tile = getOrCreateTile(event.params.jobId, event.params.tile);
  let workers = tile.workers;
  for (let i = 0; i < workers.length; i++) {
    if (isEmptySlot(workers[i])) continue;
    markReleased(resultKey(tile.id, event.params.round, Address.fromBytes(workers[i])));
  }
  tile.phase = "Unassigned";
  tile.round = event.params.round.plus(BigInt.fromI32(1));
  tile.workers = [];
  tile.single = false;
  tile.unset("audited");
  tile.save();
}

/** `TileTrusted`: the tile's first draw went to a trusted Worker, who renders it alone. */
export function handleTileTrusted(event: TileTrusted): void {
  let tile = getOrCreateTile(event.params.jobId, event.params.tile);
  tile.single = true;
  tile.unset("audited");
  tile.save();
}

/** `TileAudit`: two more Workers join the trusted one, or its result alone opens for reveal. */
export function handleTileAudit(event: TileAudit): void {
  let tile = getOrCreateTile(event.params.jobId, event.params.tile);
  tile.audited = event.params.audited;
  if (event.params.audited) tile.single = false;
  else tile.phase = "Revealing";
  tile.save();
}

export function handleWorkerFaulted(event: WorkerFaulted): void {
  let tile = getOrCreateTile(event.params.jobId, event.params.tile);
  let result = loadResult(tile, event.params.worker, "handleWorkerFaulted");
  if (result == null) return;
  let fault = event.params.fault;
  let outcome = "SlashedDissent";
  if (fault == 0) outcome = "SlashedNoCommit";
  if (fault == 1) outcome = "SlashedNoReveal";
  result.outcome = outcome;
  result.slashed = event.params.slashed;
  result.save();
  if (fault == 0 && tile.single) {
    // A trusted Worker silent on its tile alone: the tile is drawn again with three.
    tile.single = false;
    tile.save();
  }
}

/** `ProbesSealed`: the client sealed known answers for some (hidden) tiles of the job. */
export function handleProbesSealed(event: ProbesSealed): void {
  let job = loadJob(event.params.jobId, "handleProbesSealed", event);
  if (job == null) return;
  job.probeRoot = event.params.probeRoot;
  job.save();
}

/** `ProbeOpened`: the tile is a probe, and its known answer now counts as a vote. */
export function handleProbeOpened(event: ProbeOpened): void {
  let tile = getOrCreateTile(event.params.jobId, event.params.tile);
  tile.knownAnswer = event.params.answer;
  tile.save();
}

/** `ProbeCounted`: the probe tile was accepted, with or against its known answer. */
export function handleProbeCounted(event: ProbeCounted): void {
  let tile = getOrCreateTile(event.params.jobId, event.params.tile);
  tile.probeAgreed = event.params.agreed;
  tile.save();
}

/** `TileHeld`: the known answer tied the round; its revealers wait for judgement, the tile for a fresh draw. */
export function handleTileHeld(event: TileHeld): void {
  let tile = getOrCreateTile(event.params.jobId, event.params.tile);
  let workers = tile.workers;
  for (let i = 0; i < workers.length; i++) {
    if (isEmptySlot(workers[i])) continue;
    let result = TileResult.load(resultKey(tile.id, event.params.round, Address.fromBytes(workers[i])));
    if (result == null || result.outcome != "Pending" || result.resultHash === null) continue;
    result.outcome = "Held";
    result.save();
  }
  tile.phase = "Unassigned";
  tile.round = event.params.round.plus(BigInt.fromI32(1));
  tile.workers = [];
  tile.single = false;
  tile.unset("audited");
  tile.save();
}

/** `HeldResultJudged`: a held result matched the accepted one (released) or was slashed for dissent. */
export function handleHeldResultJudged(event: HeldResultJudged): void {
  let id = resultKey(tileKey(event.params.jobId, event.params.tile), event.params.round, event.params.worker);
  let result = TileResult.load(id);
  if (result == null) {
    log.error("handleHeldResultJudged: no result of worker {} in round {} (tx {})", [
      event.params.worker.toHexString(),
      event.params.round.toString(),
      event.transaction.hash.toHexString(),
    ]);
    return;
  }
  result.outcome = event.params.upheld ? "Released" : "SlashedDissent";
  result.slashed = event.params.slashed;
  result.save();
}
