import { Address, BigInt, Bytes, ethereum, log } from "@graphprotocol/graph-ts";
import {
  AdmissionFailed,
  AdmissionPassed,
  AdmissionTaskAssigned,
  RatingChanged,
  Registered,
  Slashed,
  StakeLocked,
  StakeUnlocked,
  Staked,
  UnbondRequested,
  Withdrawn,
} from "../../generated/RenderStaking/RenderStaking";
import { Renderer, RendererRating, RenderStakeEvent } from "../../generated/schema";
import { getOrCreateAccount } from "../helpers/accounts";
import { eventId } from "../helpers/events";

/** The renderer `address`, or null (logged with `handler`) when it never registered. */
function loadRenderer(address: Address, handler: string, event: ethereum.Event): Renderer | null {
  let renderer = Renderer.load(address);
  if (renderer == null)
    log.error("{}: renderer {} is missing (tx {})", [
      handler,
      address.toHexString(),
      event.transaction.hash.toHexString(),
    ]);
  return renderer;
}

function record(event: ethereum.Event, renderer: Bytes, kind: string, amount: BigInt, detail: Bytes | null): void {
  let entry = new RenderStakeEvent(eventId(event));
  entry.renderer = renderer;
  entry.kind = kind;
  entry.amount = amount;
  entry.detail = detail;
  entry.blockNumber = event.block.number;
  entry.blockTimestamp = event.block.timestamp;
  entry.transactionHash = event.transaction.hash;
  entry.save();
}

/** `Registered`: a new Worker or Scheduler; its stake follows in `Staked`. */
export function handleRegistered(event: Registered): void {
  let account = getOrCreateAccount(event.params.account, event.block.number);
  account.save();
  let renderer = new Renderer(event.params.account);
  renderer.account = account.id;
  renderer.role = event.params.role == 2 ? "Scheduler" : "Worker";
  renderer.staked = BigInt.zero();
  renderer.locked = BigInt.zero();
  renderer.unbonding = BigInt.zero();
  renderer.withdrawableAt = BigInt.zero();
  renderer.admitted = false;
  renderer.slashed = BigInt.zero();
  renderer.registeredAt = event.block.timestamp;
  renderer.save();
  record(event, renderer.id, "Registered", BigInt.zero(), null);
}

export function handleStaked(event: Staked): void {
  let renderer = loadRenderer(event.params.account, "handleStaked", event);
  if (renderer == null) return;
  renderer.staked = event.params.staked;
  renderer.save();
  record(event, renderer.id, "Staked", event.params.amount, null);
}

export function handleUnbondRequested(event: UnbondRequested): void {
  let renderer = loadRenderer(event.params.account, "handleUnbondRequested", event);
  if (renderer == null) return;
  renderer.staked = renderer.staked.minus(event.params.amount);
  renderer.unbonding = event.params.unbonding;
  renderer.withdrawableAt = event.params.withdrawableAt;
  renderer.save();
  record(event, renderer.id, "UnbondRequested", event.params.amount, null);
}

export function handleWithdrawn(event: Withdrawn): void {
  let renderer = loadRenderer(event.params.account, "handleWithdrawn", event);
  if (renderer == null) return;
  renderer.unbonding = BigInt.zero();
  renderer.withdrawableAt = BigInt.zero();
  renderer.save();
  record(event, renderer.id, "Withdrawn", event.params.amount, null);
}

export function handleAdmissionTaskAssigned(event: AdmissionTaskAssigned): void {
  let renderer = loadRenderer(event.params.worker, "handleAdmissionTaskAssigned", event);
  if (renderer == null) return;
  renderer.admissionTask = event.params.taskId;
  renderer.admissionDeadline = event.params.deadline;
  renderer.save();
  record(event, renderer.id, "AdmissionTaskAssigned", BigInt.zero(), event.params.taskId);
}

export function handleAdmissionPassed(event: AdmissionPassed): void {
  let renderer = loadRenderer(event.params.worker, "handleAdmissionPassed", event);
  if (renderer == null) return;
  renderer.admitted = true;
  renderer.admissionTask = null;
  renderer.admissionDeadline = null;
  renderer.speedSeconds = event.params.speedSeconds;
  renderer.speedBlocks = event.params.speedBlocks;
  renderer.save();
  record(event, renderer.id, "AdmissionPassed", BigInt.zero(), event.params.taskId);
}

export function handleAdmissionFailed(event: AdmissionFailed): void {
  let renderer = loadRenderer(event.params.worker, "handleAdmissionFailed", event);
  if (renderer == null) return;
  renderer.admissionTask = null;
  renderer.admissionDeadline = null;
  renderer.admissionRetryAt = event.params.retryAt;
  renderer.save();
  let kind = event.params.reason == 0 ? "AdmissionFailedWrongAnswer" : "AdmissionFailedMissedDeadline";
  record(event, renderer.id, kind, BigInt.zero(), event.params.taskId);
}

export function handleRatingChanged(event: RatingChanged): void {
  let id = event.params.account.concat(event.params.rendererVersion);
  let rating = RendererRating.load(id);
  if (rating == null) {
    rating = new RendererRating(id);
    rating.renderer = event.params.account;
    rating.rendererVersion = event.params.rendererVersion;
  }
  rating.rating = event.params.newRating;
  rating.save();
}

/** `Slashed`: taken as the contract takes it — locked stake first, then free, then unbonding. */
export function handleSlashed(event: Slashed): void {
  let renderer = loadRenderer(event.params.account, "handleSlashed", event);
  if (renderer == null) return;
  let amount = event.params.amount;
  let fromStaked = amount.lt(renderer.staked) ? amount : renderer.staked;
  renderer.locked = fromStaked.lt(renderer.locked) ? renderer.locked.minus(fromStaked) : BigInt.zero();
  renderer.staked = renderer.staked.minus(fromStaked);
  renderer.unbonding = renderer.unbonding.minus(amount.minus(fromStaked));
  renderer.slashed = renderer.slashed.plus(amount);
  renderer.save();
  record(event, renderer.id, "Slashed", amount, event.params.reason);
}

export function handleStakeLocked(event: StakeLocked): void {
  let renderer = loadRenderer(event.params.account, "handleStakeLocked", event);
  if (renderer == null) return;
  renderer.locked = event.params.locked;
  renderer.save();
  record(event, renderer.id, "Locked", event.params.amount, null);
}

export function handleStakeUnlocked(event: StakeUnlocked): void {
  let renderer = loadRenderer(event.params.account, "handleStakeUnlocked", event);
  if (renderer == null) return;
  renderer.locked = event.params.locked;
  renderer.save();
  record(event, renderer.id, "Unlocked", event.params.amount, null);
}
