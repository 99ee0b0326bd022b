/**
 * Turns whatever a transaction of the MRK economy threw (the sale, fund locks, wrapping, the
 * governor, the parameter store) into one readable sentence. Custom errors are decoded from the
 * economy contracts' ABIs, also when they come from a deeper call than the one the app made (a
 * proposal's `execute` bubbling up `ParameterOutOfBounds`). Wallet, chain and network failures
 * read like the claim flow's (`describeClaimError`).
 */
import { BaseError, ContractFunctionRevertedError, decodeErrorResult, type Abi, type Hex } from "viem";
import {
  fundLockAbi,
  markGovernorAbi,
  markParametersAbi,
  markSaleAbi,
  markTokenAbi,
  wrappedMarkAbi,
} from "@markspace/contracts/abis";
import { PLATFORM_PARAMETERS, parameterKey } from "@markspace/contracts/parameters";
import { MarkspaceAppError, type ErrorView } from "../errors/MarkspaceAppError.ts";
import { describeClaimError } from "./describeClaimError.ts";
import { formatDateTime, formatEth, formatMrk, formatWmrk } from "../economy/format.ts";

export type EconomyErrorView = ErrorView & {
  /** The custom error's name when the contract refused; otherwise what kind of failure it was. */
  kind: string;
};

/** Every custom error of the economy contracts, for decoding reverts from nested calls. */
const economyErrorsAbi: Abi = [
  ...markSaleAbi,
  ...fundLockAbi,
  ...wrappedMarkAbi,
  ...markGovernorAbi,
  ...markParametersAbi,
  ...markTokenAbi,
].filter((item) => item.type === "error");

/** The governor's `ProposalState` enum, by index. */
export const PROPOSAL_STATES = [
  "Pending",
  "Active",
  "Canceled",
  "Defeated",
  "Succeeded",
  "Queued",
  "Expired",
  "Executed",
] as const;

export type ProposalStateName = (typeof PROPOSAL_STATES)[number];

function parameterName(key: unknown): string {
  return PLATFORM_PARAMETERS.find((p) => parameterKey(p.name) === key)?.name ?? String(key);
}

function stateName(index: unknown): string {
  return PROPOSAL_STATES[Number(index)] ?? `state ${String(index)}`;
}

/** The custom error's name and arguments, decoded by viem or (nested calls) from its raw data. */
function decodeRevert(reverted: ContractFunctionRevertedError): { name?: string; args: readonly unknown[] } {
  if (reverted.data?.errorName) return { name: reverted.data.errorName, args: reverted.data.args ?? [] };
  const raw = (reverted as { raw?: Hex }).raw;
  if (raw && raw.length >= 10) {
    try {
      const decoded = decodeErrorResult({ abi: economyErrorsAbi, data: raw });
      return { name: decoded.errorName, args: decoded.args ?? [] };
    } catch {
      // Not one of ours: fall through to the generic sentence.
    }
  }
  return { args: [] };
}

/** One sentence (and a hint) per custom error a person can meet on the economy pages. */
function describeCustomError(name: string, args: readonly unknown[]): Omit<EconomyErrorView, "kind"> | undefined {
  const a = args as readonly bigint[] & readonly unknown[];
  switch (name) {
    case "SaleNotOpen":
      return { shortMessage: `The sale opens on ${formatDateTime(a[1] as bigint)}; it is not open yet.` };
    case "SaleClosed":
      return { shortMessage: `The sale closed on ${formatDateTime(a[1] as bigint)}.` };
    case "SaleAlreadyFinalized":
      return { shortMessage: "The sale has ended and been finalized; nothing more can be bought." };
    case "SaleSoldOut":
      return { shortMessage: "The sale is sold out: all 970,000,000 MRK are gone." };
    case "SaleBelowMinimum":
      return {
        shortMessage: `${formatEth(a[0] as bigint)} is below the smallest purchase of ${formatEth(a[1] as bigint)}.`,
        hint: "Enter a larger amount.",
      };
    case "SaleAboveMaxPurchase":
      return {
        shortMessage: `This purchase would give ${formatMrk(a[0] as bigint)}, more than the ${formatMrk(a[1] as bigint)} one purchase may buy.`,
        hint: "Enter a smaller amount, or buy in several purchases.",
      };
    case "SaleBelowMinTokens":
      return {
        shortMessage: `The purchase would now give ${formatMrk(a[0] as bigint)}, fewer than the ${formatMrk(a[1] as bigint)} you accepted (the stage moved on).`,
        hint: "Check the new quote and buy again.",
      };
    case "SaleInsufficientTokens":
      return {
        shortMessage: `The sale can only sell ${formatMrk(a[1] as bigint)} more, not ${formatMrk(a[0] as bigint)}.`,
        hint: "Enter a smaller amount.",
      };
    case "SaleNoTokens":
      return { shortMessage: `${formatEth(a[0] as bigint)} is too little to buy any MRK.` };
    case "SaleStalePrice":
      return {
        shortMessage: `The ETH/USD price feed has not been updated since ${formatDateTime(a[0] as bigint)}, longer than the ${String(a[1])} seconds the sale accepts.`,
        hint: "Buying resumes when the feed reports a fresh price.",
      };
    case "SalePriceDeviation":
      return {
        shortMessage: `The ETH/USD price moved more than ${Number(a[2]) / 100} % since the feed's previous round, so the sale is paused.`,
        hint: "Buying resumes when the price settles.",
      };
    case "SaleInvalidPrice":
    case "SaleFuturePrice":
    case "SaleIncompleteRound":
      return {
        shortMessage: "The ETH/USD price feed gave an unusable answer, so the sale cannot price a purchase.",
        hint: "Try again later.",
      };
    case "SaleRefundFailed":
      return { shortMessage: `The sale could not refund ${formatEth(a[1] as bigint)} of excess to your account.` };
    case "SaleTokensLocked":
      return { shortMessage: `Bought MRK can be claimed from ${formatDateTime(a[0] as bigint)}, not yet.` };
    case "SaleNothingToClaim":
      return { shortMessage: "This account has no bought MRK to claim." };
    case "FundLocked":
      return { shortMessage: `This fund stays locked until ${formatDateTime(a[0] as bigint)}.` };
    case "ERC20InsufficientBalance":
      return {
        shortMessage: `The balance is ${formatMrk(a[1] as bigint)}, but ${formatMrk(a[2] as bigint)} are needed.`,
        hint: "Enter a smaller amount.",
      };
    case "ERC20InsufficientAllowance":
      return {
        shortMessage: `The wrapper may take ${formatMrk(a[1] as bigint)} of your MRK, but ${formatMrk(a[2] as bigint)} are needed.`,
        hint: "Approve the amount first (the wrap button does both).",
      };
    case "ERC20InvalidReceiver":
      return { shortMessage: `${String(a[0])} cannot receive tokens.` };
    case "GovernorInsufficientProposerVotes":
      return {
        shortMessage: `Proposing needs ${formatWmrk(a[2] as bigint)} of votes; ${String(a[0])} has ${formatWmrk(a[1] as bigint)}.`,
        hint: "Wrap MRK and delegate the votes to yourself (on the wallet page), then wait one block.",
      };
    case "GovernorUnexpectedProposalState":
      return {
        shortMessage: `The proposal is ${stateName(a[1])}, so this step is not possible now.`,
        hint: "The page shows what the proposal waits for and how long.",
      };
    case "GovernorUnableToCancel":
      return {
        shortMessage: `${String(a[1])} cannot cancel this proposal: only its proposer can, and only while it is pending.`,
      };
    case "GovernorAlreadyCastVote":
      return { shortMessage: `${String(a[0])} has already voted on this proposal.` };
    case "GovernorNonexistentProposal":
      return { shortMessage: `There is no proposal ${String(a[0])}.` };
    case "GovernorInvalidProposalLength":
      return { shortMessage: "The proposal's targets, values and calldatas do not match in number." };
    case "GovernorNotQueuedProposal":
      return { shortMessage: "The proposal must be queued before it can be executed." };
    case "TimelockUnexpectedOperationState":
      return {
        shortMessage: "The treasury's timelock is not ready for this step (its delay may not have passed).",
        hint: "Wait until the proposal is executable.",
      };
    case "TimelockInsufficientDelay":
      return { shortMessage: "The timelock's delay has not passed yet." };
    case "FailedCall":
    case "FailedInnerCall":
    case "AddressInsufficientBalance":
    case "InsufficientBalance":
      return {
        shortMessage: "A call of the proposal failed (the treasury may not hold enough ETH or MRK).",
        hint: "Check the treasury's balance and the proposal's recipient.",
      };
    case "ParameterOutOfBounds":
      return {
        shortMessage: `${parameterName(a[0])} must stay between ${String(a[2])} and ${String(a[3])}; ${String(a[1])} is outside.`,
      };
    case "ParameterUnknown":
      return { shortMessage: `${parameterName(a[0])} is not a platform parameter.` };
    case "ERC5805FutureLookup":
      return { shortMessage: "That moment has not happened on chain yet; wait a block and try again." };
    default:
      return undefined;
  }
}

export function describeEconomyError(error: unknown): EconomyErrorView {
  const details = error instanceof BaseError ? error.shortMessage : error instanceof Error ? error.message : undefined;
  const reverted =
    error instanceof BaseError
      ? (error.walk((e) => e instanceof ContractFunctionRevertedError) as ContractFunctionRevertedError | null)
      : null;
  if (reverted) {
    const { name, args } = decodeRevert(reverted);
    const described = name ? describeCustomError(name, args) : undefined;
    if (name && described) return { kind: name, details, ...described };
    return {
      kind: "reverted",
      shortMessage: name
        ? `The contract refused with ${name}(${args.map(String).join(", ")}).`
        : `The contract refused the transaction${reverted.reason ? `: ${reverted.reason}` : "."}`,
      details,
    };
  }
  if (error instanceof TransactionRevertedOnChainError) {
    return { kind: "reverted", shortMessage: error.shortMessage, hint: error.hint };
  }
  const generic = describeClaimError(error);
  if (generic.kind === "unknown") {
    return { kind: "unknown", shortMessage: details ?? "The transaction failed for an unknown reason." };
  }
  return { ...generic, kind: generic.kind };
}

/** A transaction was mined but reverted (the simulation passed; the chain changed in between). */
export class TransactionRevertedOnChainError extends MarkspaceAppError {
  override name = "TransactionRevertedOnChainError";
  constructor(
    readonly hash: string,
    what: string,
  ) {
    super({
      shortMessage: `The ${what} transaction ${hash} reverted on chain.`,
      hint: "Something changed between the check and the block; reload and try again.",
    });
  }
}
