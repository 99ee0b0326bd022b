/**
 * Turns whatever a claim attempt threw (viem/wagmi errors from simulation, signing, sending or
 * waiting) into one readable sentence. Custom errors of the UnitRegistry are decoded by viem
 * from the ABI; this maps each to what the person can do about it.
 */
import { MarkspaceAppError } from "../errors/MarkspaceAppError.ts";
import { BaseError, ContractFunctionRevertedError, type Address } from "viem";
import { decodeUnitId, formatUnitAddress } from "@markspace/contracts/unit-address";
import type { ErrorView } from "../errors/MarkspaceAppError.ts";

export type ClaimErrorKind =
  | "free-claim-used"
  | "free-claims-closed"
  | "already-claimed"
  | "not-residential"
  | "invalid-unit"
  | "user-rejected"
  | "rpc-unreachable"
  | "wrong-chain"
  | "not-connected"
  | "reverted"
  | "unknown";

export type ClaimErrorView = ErrorView & { kind: ClaimErrorKind };

/** Human address of a token id, or the id itself when it is not a valid unit. */
function describeUnit(unitId: unknown): string {
  if (typeof unitId !== "bigint") return String(unitId);
  try {
    return formatUnitAddress(decodeUnitId(unitId));
  } catch {
    return `#${unitId}`;
  }
}

/** Every error in the `cause` chain, outermost first (viem's `walk` only covers its own errors). */
function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = error;
  while (current !== undefined && current !== null && chain.length < 16 && !chain.includes(current)) {
    chain.push(current);
    current = (current as { cause?: unknown }).cause;
  }
  return chain;
}

function hasCode(error: unknown, code: number): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === code;
}

function nameOf(error: unknown): string {
  return error instanceof Error ? error.name : "";
}

export function describeClaimError(error: unknown): ClaimErrorView {
  const chain = causeChain(error);
  const details = error instanceof BaseError ? error.shortMessage : error instanceof Error ? error.message : undefined;

  const reverted = chain.find((e): e is ContractFunctionRevertedError => e instanceof ContractFunctionRevertedError);
  if (reverted) {
    const name = reverted.data?.errorName;
    const args = (reverted.data?.args ?? []) as readonly unknown[];
    switch (name) {
      case "UnitFreeClaimUsed":
        return {
          kind: "free-claim-used",
          shortMessage: `Account ${args[0] as Address} has already used its free claim.`,
          hint: "Each account may claim one residential unit for free; connect another account to claim again.",
        };
      case "FreeClaimsClosed":
        return {
          kind: "free-claims-closed",
          shortMessage: "Free claims are closed: governance has given away all it allowed for now.",
          hint: "Residential units can still be bought with MRK from the city pages.",
        };
      case "UnitAlreadyOwned":
        return {
          kind: "already-claimed",
          shortMessage: `Unit ${describeUnit(args[0])} is already claimed by someone else.`,
          hint: "Pick another address (the dice button suggests a free one).",
        };
      case "UnitNotResidential":
        return {
          kind: "not-residential",
          shortMessage: `Unit ${describeUnit(args[0])} is not in the residential district.`,
          hint: "Free claims are for residential units (addresses starting with R-).",
        };
      case "UnitIdInvalid":
        return {
          kind: "invalid-unit",
          shortMessage: `${String(args[0])} is not a valid unit id.`,
          hint: "Check the neighbourhood, building, floor and unit numbers.",
        };
      case "UnitNotOpen":
        return {
          kind: "invalid-unit",
          shortMessage: `${describeUnit(args[0])} is not a unit of an open district.`,
          hint: "Check the neighbourhood, building, floor and unit numbers.",
        };
      default:
        return {
          kind: "reverted",
          shortMessage: name
            ? `The contract refused the claim with ${name}(${args.map(String).join(", ")}).`
            : `The contract refused the claim${reverted.reason ? `: ${reverted.reason}` : "."}`,
          details,
        };
    }
  }

  if (chain.some((e) => hasCode(e, 4001) || nameOf(e) === "UserRejectedRequestError")) {
    return { kind: "user-rejected", shortMessage: "You rejected the transaction in your wallet.", details };
  }
  if (chain.some((e) => nameOf(e) === "ChainMismatchError" || nameOf(e) === "ChainNotConfiguredError")) {
    return {
      kind: "wrong-chain",
      shortMessage: "Your wallet is on a different chain than this Markspace deployment.",
      hint: "Switch the wallet's network (the wallet menu offers a button) and try again.",
      details,
    };
  }
  if (chain.some((e) => nameOf(e) === "ConnectorNotConnectedError" || nameOf(e) === "ConnectorAccountNotFoundError")) {
    return { kind: "not-connected", shortMessage: "No wallet is connected.", hint: "Connect a wallet first." };
  }
  const unreachable = chain.find(
    (e) =>
      nameOf(e) === "HttpRequestError" ||
      nameOf(e) === "TimeoutError" ||
      nameOf(e) === "WebSocketRequestError" ||
      (e instanceof TypeError && /fetch|network/i.test(e.message)),
  );
  if (unreachable) {
    const url = (unreachable as { url?: unknown }).url;
    return {
      kind: "rpc-unreachable",
      shortMessage: `Cannot reach the chain's JSON-RPC${typeof url === "string" ? ` at ${url}` : ""}.`,
      hint: "Is the chain running and MARKSPACE_RPC_URL right? Nothing was sent.",
      details,
    };
  }
  if (nameOf(error) === "ClaimRevertedOnChainError") {
    return { kind: "reverted", shortMessage: (error as Error).message, details: undefined };
  }
  return { kind: "unknown", shortMessage: details ?? "The claim failed for an unknown reason.", details: undefined };
}

/** A transaction was mined but reverted (the simulation passed, the chain changed in between). */
export class ClaimRevertedOnChainError extends MarkspaceAppError {
  override name = "ClaimRevertedOnChainError";
  constructor(readonly hash: string) {
    super({
      shortMessage: `The claim transaction ${hash} reverted on chain (someone may have claimed the unit first).`,
    });
  }
}
