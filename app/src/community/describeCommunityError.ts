/**
 * Turns whatever a community transaction threw into one readable sentence: the community
 * contracts' custom errors (membership, treasury, tickets, distributions, factory), decoded also
 * from nested calls (a proposal's `execute` bubbling up the call that failed), then the market's,
 * the land's and the economy's decoders (the governor's OpenZeppelin errors, wallets, network).
 */
import { BaseError, ContractFunctionRevertedError, decodeErrorResult, type Abi, type Hex } from "viem";
import {
  communityDistributionsAbi,
  communityFactoryAbi,
  communityGovernorAbi,
  communityMembershipAbi,
  communityTicketsAbi,
  communityTreasuryAbi,
} from "@markspace/contracts/abis";
import { describeMarketError, marketErrorsAbi, type MarketErrorView } from "../chain/describeMarketError.ts";
import { formatDateTime, formatMrk } from "../economy/format.ts";

/** Every custom error a community transaction can meet; merged into the ABIs the pages call with. */
export const communityErrorsAbi: Abi = [
  ...communityMembershipAbi,
  ...communityGovernorAbi,
  ...communityTreasuryAbi,
  ...communityTicketsAbi,
  ...communityDistributionsAbi,
  ...communityFactoryAbi,
  ...marketErrorsAbi,
].filter(
  (item, i, all) => item.type === "error" && all.findIndex((o) => o.type === "error" && o.name === item.name) === i,
);

/** `abi` with every community and market error, so simulations name the error wherever it came from. */
export function withCommunityErrors(abi: Abi): Abi {
  return [
    ...abi,
    ...communityErrorsAbi.filter(
      (e) => !abi.some((i) => i.type === "error" && i.name === (e as { name: string }).name),
    ),
  ];
}

function decodeRevert(reverted: ContractFunctionRevertedError): { name?: string; args: readonly unknown[] } {
  if (reverted.data?.errorName) return { name: reverted.data.errorName, args: reverted.data.args ?? [] };
  const raw = (reverted as { raw?: Hex }).raw;
  if (raw && raw.length >= 10) {
    try {
      const decoded = decodeErrorResult({ abi: communityErrorsAbi, data: raw });
      return { name: decoded.errorName, args: decoded.args ?? [] };
    } catch {
      // Not a community error: the market's decoder tries next.
    }
  }
  return { args: [] };
}

const POLICY = ["by invitation only", "by purchase", "open"];

function describeCustomError(name: string, a: readonly unknown[]): { shortMessage: string; hint?: string } | undefined {
  switch (name) {
    case "MembershipAlreadyMember":
      return { shortMessage: `${String(a[0])} is a member already.` };
    case "MembershipNotMember":
      return { shortMessage: `${String(a[0])} is not a member.` };
    case "MembershipInviteOnly":
      return {
        shortMessage: "This community admits members by invitation only.",
        hint: "Ask a member to propose an invitation.",
      };
    case "MembershipPriceAboveMax":
      return {
        shortMessage: `The membership now costs ${formatMrk(a[0] as bigint)}, more than the ${formatMrk(a[1] as bigint)} you accepted.`,
        hint: "Reload to see the new price.",
      };
    case "MembershipNotTransferable":
      return { shortMessage: "Memberships cannot be transferred; leave and let the other account join." };
    case "MembershipUnauthorized":
      return { shortMessage: "Only the community itself (an executed proposal) may do that." };
    case "MembershipInvalidPrice":
      return { shortMessage: `A membership ${POLICY[Number(a[0])] ?? ""} cannot cost ${formatMrk(a[1] as bigint)}.` };
    case "TreasuryEmptyDonation":
      return { shortMessage: "A donation needs some MRK or ETH." };
    case "TicketsUnknownEvent":
      return { shortMessage: `There is no event #${String(a[0])}.` };
    case "TicketsSalesClosed":
      return { shortMessage: `Ticket sales closed when the event started (${formatDateTime(a[1] as bigint)}).` };
    case "TicketsBeyondCapacity":
      return { shortMessage: `Only ${String(a[2])} tickets are left; ${String(a[1])} asked.` };
    case "TicketsInvalidEvent":
      return {
        shortMessage: `An event must start in the future with at least one ticket (start ${formatDateTime(a[0] as bigint)}, capacity ${String(a[1])}).`,
      };
    case "DistributionNothingToClaim":
      return {
        shortMessage: "Nothing to claim: you claimed already, or held no vote at the distribution's timepoint.",
      };
    case "DistributionClaimWindow":
      return { shortMessage: `The claim window closed on ${formatDateTime(a[1] as bigint)}.` };
    case "DistributionTimepointNotPast":
      return { shortMessage: "The distribution's timepoint is not in the past yet." };
    case "DistributionNoVotes":
      return { shortMessage: "Nobody held a vote at the distribution's timepoint." };
    case "CommunityInvalidName":
      return { shortMessage: "The name takes 1 to 64 bytes and the symbol 1 to 16." };
    case "CommunityInvalidFounders":
      return { shortMessage: `A community starts with 1 to 20 founders, not ${String(a[0])}.` };
    case "CommunityInvalidSettings":
      return { shortMessage: "The voting period must be at least a second and the quorum at most 100 %." };
    case "TimelockUnexpectedOperationState":
      return { shortMessage: "The timelock's operation is not ready: its delay has not passed, or it ran already." };
    default:
      return undefined;
  }
}

export function describeCommunityError(error: unknown): MarketErrorView {
  const reverted =
    error instanceof BaseError
      ? (error.walk((e) => e instanceof ContractFunctionRevertedError) as ContractFunctionRevertedError | null)
      : null;
  if (reverted) {
    const { name, args } = decodeRevert(reverted);
    const described = name ? describeCustomError(name, args) : undefined;
    if (name && described) return { kind: name, details: (error as BaseError).shortMessage, ...described };
  }
  return describeMarketError(error);
}
