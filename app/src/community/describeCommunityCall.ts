/**
 * One call of a community proposal in words, decoded from its target and calldata against the
 * contracts the builder's templates call: "approve the exchange to take 2,400 MRK from the
 * treasury", "buy unit S-0001-01-00-001 on the exchange from 0x… for 2,400 MRK", "set the voting
 * period to 3 d". The proposal builder shows these before anyone signs, and the proposal list
 * shows them for every stored proposal, so what is read is what the calldata does.
 */
import { decodeFunctionData, getAddress, type Abi, type Address, type Hex } from "viem";
import {
  communityDistributionsAbi,
  communityGovernorAbi,
  communityMembershipAbi,
  communityTicketsAbi,
  communityTreasuryAbi,
  leaseBookAbi,
  markTokenAbi,
  unitExchangeAbi,
  unitRegistryAbi,
  unitSaleAbi,
} from "@markspace/contracts/abis";
import { decodeUnitId, formatUnitAddress } from "@markspace/contracts/unit-address";
import { sceneCidOf } from "@markspace/ipfs/scene-content";
import { formatDateTime, formatDuration, formatEth, formatMrk } from "../economy/format.ts";
import { JOIN_POLICIES } from "./communityForm.ts";
import type { CommunityContracts, ProposedCall } from "./proposalTemplates.ts";

/** A unit id as its readable address, or the number when it is no valid unit. */
export function unitName(unitId: bigint): string {
  try {
    return formatUnitAddress(decodeUnitId(unitId));
  } catch {
    return `#${unitId}`;
  }
}

function decode(abi: Abi, data: Hex): { functionName: string; args: readonly unknown[] } | undefined {
  try {
    const decoded = decodeFunctionData({ abi, data });
    return { functionName: decoded.functionName, args: decoded.args ?? [] };
  } catch {
    return undefined;
  }
}

/** Names the contracts the community knows; other addresses stay addresses. */
function nameOf(address: Address, ctx: CommunityContracts): string {
  const a = getAddress(address);
  const names: [Address, string][] = [
    [ctx.treasury, "the treasury"],
    [ctx.governor, "the governor"],
    [ctx.membership, "the membership"],
    [ctx.unitSale, "the land sale"],
    [ctx.unitExchange, "the exchange"],
    [ctx.leaseBook, "the lease book"],
    [ctx.tickets, "the ticket office"],
    [ctx.distributions, "the distributions contract"],
    [ctx.unitRegistry, "the unit registry"],
    [ctx.markToken, "the MRK token"],
  ];
  return names.find(([candidate]) => getAddress(candidate) === a)?.[1] ?? a;
}

function describeKnown(call: ProposedCall, ctx: CommunityContracts): string | undefined {
  const target = getAddress(call.target);
  const is = (address: Address) => getAddress(address) === target;
  const d = (abi: Abi) => decode(abi, call.calldata);
  if (is(ctx.markToken)) {
    const c = d(markTokenAbi);
    if (c?.functionName === "transfer") {
      return `transfer ${formatMrk(c.args[1] as bigint, 4)} from the treasury to ${nameOf(c.args[0] as Address, ctx)}`;
    }
    if (c?.functionName === "approve") {
      return `approve ${nameOf(c.args[0] as Address, ctx)} to take up to ${formatMrk(c.args[1] as bigint, 4)} from the treasury`;
    }
  }
  if (is(ctx.unitSale)) {
    const c = d(unitSaleAbi);
    if (c?.functionName === "buy") {
      const [unitId, rooms, storageDays, maxPrice] = c.args as [bigint, number, number, bigint];
      return `buy the unsold unit ${unitName(unitId)} from the land sale${rooms ? ` with ${rooms} extra rooms` : ""}, with ${storageDays} days of storage, for at most ${formatMrk(maxPrice, 4)}`;
    }
  }
  if (is(ctx.unitExchange)) {
    const c = d(unitExchangeAbi);
    if (c?.functionName === "buy") {
      const listing = c.args[0] as { seller: Address; unitId: bigint; price: bigint; deadline: bigint };
      const signature = c.args[1] as Hex;
      return `buy unit ${unitName(listing.unitId)} on the exchange from ${listing.seller} for ${formatMrk(listing.price, 4)} (${signature.length > 2 ? "signed" : "posted"} listing, valid until ${formatDateTime(listing.deadline)})`;
    }
    if (c?.functionName === "list") {
      const listing = c.args[0] as { seller: Address; unitId: bigint; price: bigint; deadline: bigint };
      return `list unit ${unitName(listing.unitId)} for sale on the exchange by ${nameOf(listing.seller, ctx)} for ${formatMrk(listing.price, 4)}, to anyone, until ${formatDateTime(listing.deadline)}`;
    }
  }
  if (is(ctx.leaseBook)) {
    const c = d(leaseBookAbi);
    if (c?.functionName === "rent") {
      const listing = c.args[0] as { unitId: bigint; owner: Address; pricePerDay: bigint; deposit: bigint };
      const days = c.args[2] as number;
      return `rent unit ${unitName(listing.unitId)} from ${listing.owner} for ${days} days at ${formatMrk(listing.pricePerDay, 4)} a day (deposit ${formatMrk(listing.deposit, 4)})`;
    }
    if (c?.functionName === "list") {
      const listing = c.args[0] as {
        unitId: bigint;
        owner: Address;
        pricePerDay: bigint;
        minDays: number;
        maxDays: number;
        deposit: bigint;
        penaltyBps: number;
        mayDecorate: boolean;
        deadline: bigint;
      };
      return `offer unit ${unitName(listing.unitId)} of ${nameOf(listing.owner, ctx)} for rent at ${formatMrk(listing.pricePerDay, 4)} a day for ${listing.minDays} to ${listing.maxDays} days (deposit ${formatMrk(listing.deposit, 4)}, ${listing.penaltyBps / 100} % kept of unused rent on an early end, ${listing.mayDecorate ? "the tenant may decorate" : "no decorating"}), until ${formatDateTime(listing.deadline)}`;
    }
  }
  if (is(ctx.unitRegistry)) {
    const c = d(unitRegistryAbi);
    if (c?.functionName === "approve") {
      const [to, unitId] = c.args as [Address, bigint];
      return `let ${nameOf(to, ctx)} move the treasury's unit ${unitName(unitId)} (needed to sell it there)`;
    }
    if (c?.functionName === "setContent") {
      const [unitId, digest, codec] = c.args as [bigint, Hex, bigint];
      const cid = sceneCidOf({ digest, codec });
      return `set the scene of unit ${unitName(unitId)} to ${cid ?? "none"}`;
    }
  }
  if (is(ctx.tickets)) {
    const c = d(communityTicketsAbi);
    if (c?.functionName === "createEvent") {
      const [startsAt, unitId, price, capacity, uri] = c.args as [number, bigint, bigint, number, string];
      return `create an event at unit ${unitName(unitId)} starting ${formatDateTime(startsAt)}, ${capacity} tickets at ${price === 0n ? "no charge" : formatMrk(price, 4)}${uri ? ` (${uri})` : ""}`;
    }
  }
  if (is(ctx.distributions)) {
    const c = d(communityDistributionsAbi);
    if (c?.functionName === "create") {
      const [, token, amount, timepoint, claimUntil] = c.args as [Address, Address, bigint, number, number];
      const what = getAddress(token) === getAddress(ctx.markToken) ? formatMrk(amount, 4) : `${amount} of ${token}`;
      return `distribute ${what} to the members by their votes at ${formatDateTime(timepoint)}, claimable until ${formatDateTime(claimUntil)}`;
    }
  }
  if (is(ctx.governor)) {
    const c = d(communityGovernorAbi as Abi);
    switch (c?.functionName) {
      case "setVotingDelay":
        return `set the voting delay to ${formatDuration(BigInt(c.args[0] as number))}`;
      case "setVotingPeriod":
        return `set the voting period to ${formatDuration(BigInt(c.args[0] as number))}`;
      case "setProposalThreshold":
        return `set the proposal threshold to ${String(c.args[0])} memberships`;
      case "updateQuorumNumerator":
        return `set the quorum to ${String(c.args[0])} % of the members`;
      case "setProposalGuardian": {
        const guardian = getAddress(c.args[0] as Address);
        return /^0x0{40}$/.test(guardian) ? "switch the guardian off" : `make ${guardian} the guardian`;
      }
    }
  }
  if (is(ctx.treasury)) {
    const c = d(communityTreasuryAbi as Abi);
    if (c?.functionName === "updateDelay") return `set the timelock delay to ${formatDuration(c.args[0] as bigint)}`;
  }
  if (is(ctx.membership)) {
    const c = d(communityMembershipAbi as Abi);
    switch (c?.functionName) {
      case "invite":
        return `invite ${getAddress(c.args[0] as Address)} as a member`;
      case "expel":
        return `expel ${getAddress(c.args[0] as Address)} from the membership`;
      case "setJoinPolicy": {
        const policy = JOIN_POLICIES[Number(c.args[0])] ?? `policy ${String(c.args[0])}`;
        const words = { InviteOnly: "by invitation only", Purchase: "by purchase", Open: "freely" } as const;
        const price = c.args[1] as bigint;
        return `let people join ${words[policy as keyof typeof words] ?? policy}${price > 0n ? ` for ${formatMrk(price, 4)}` : ""}`;
      }
    }
  }
  return undefined;
}

export function describeCommunityCall(call: ProposedCall, ctx: CommunityContracts): string {
  const known = call.calldata.length >= 10 ? describeKnown(call, ctx) : undefined;
  const withValue = call.value > 0n ? ` and send ${formatEth(call.value)} with it` : "";
  if (known) return `${known}${withValue}`;
  if (call.calldata.length <= 2) return `send ${formatEth(call.value)} to ${nameOf(call.target, ctx)}`;
  return `call ${nameOf(call.target, ctx)} with data ${call.calldata.slice(0, 10)}… (${(call.calldata.length - 2) / 2} bytes)${withValue}`;
}
