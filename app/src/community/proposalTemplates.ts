/**
 * The calls of a community proposal, built from the proposal builder's templates: transfer MRK
 * or ETH, buy a unit (from the land sale, or an exchange listing posted on chain or signed),
 * rent a unit (`LeaseBook.rent`), set a community unit's scene, create a ticketed event,
 * distribute MRK to the members, change a setting, or any call. Each builder validates its
 * inputs (the text the form holds, or values the builder read from the chain) and returns the
 * calls the treasury will make, or a sentence naming what is wrong. Every payment a call makes
 * through a contract is preceded by an exact MRK approval of that contract, so nothing is left
 * approved after the proposal runs.
 */
import { z } from "zod";
import {
  encodeFunctionData,
  getAddress,
  isAddress,
  isHex,
  parseAbiItem,
  type AbiFunction,
  type Address,
  type Hex,
} from "viem";
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
import type { ExchangeListing } from "@markspace/contracts/exchange-orders";
import type { LeaseListing } from "@markspace/contracts/listing";
import { encodeUnitId, parseUnitAddress } from "@markspace/contracts/unit-address";
import { sceneContentOf } from "@markspace/ipfs/scene-content";
import { parseAmount } from "../economy/amountInput.ts";
import { buildTreasuryTransfer, type TreasuryTransfer } from "../economy/proposalCalls.ts";
import { parseDuration } from "./duration.ts";
import { JOIN_POLICIES, type JoinPolicyName } from "./communityForm.ts";

/** One call the treasury makes when the proposal executes. */
export type ProposedCall = { target: Address; value: bigint; calldata: Hex };

/** The contracts a community's proposals call. */
export type CommunityContracts = {
  markToken: Address;
  unitRegistry: Address;
  unitSale: Address;
  unitExchange: Address;
  leaseBook: Address;
  tickets: Address;
  distributions: Address;
  membership: Address;
  governor: Address;
  treasury: Address;
};

export type BuildProposalReturnType = { ok: true; calls: ProposedCall[] } | { ok: false; message: string };

const ZERO_PERMIT = { value: 0n, deadline: 0n, v: 0, r: `0x${"00".repeat(32)}`, s: `0x${"00".repeat(32)}` } as const;

const fail = (message: string): BuildProposalReturnType => ({ ok: false, message });

function approve(ctx: CommunityContracts, spender: Address, amount: bigint): ProposedCall {
  return {
    target: ctx.markToken,
    value: 0n,
    calldata: encodeFunctionData({ abi: markTokenAbi, functionName: "approve", args: [spender, amount] }),
  };
}

/** A unit's id from its readable address (`B-0042-07-12-003`) or its decimal token id. */
export function parseUnitReference(text: string): { ok: true; unitId: bigint } | { ok: false; message: string } {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return { ok: true, unitId: BigInt(trimmed) };
  try {
    return { ok: true, unitId: encodeUnitId(parseUnitAddress(trimmed)) };
  } catch {
    return { ok: false, message: `"${trimmed}" is not a unit address (e.g. B-0042-07-12-003).` };
  }
}

// --- Funds ------------------------------------------------------------------------------------

/** Sends MRK (`MarkToken.transfer`) or ETH (a plain call with value) from the treasury. */
export function buildTransfer(transfer: TreasuryTransfer, ctx: CommunityContracts): BuildProposalReturnType {
  const built = buildTreasuryTransfer(transfer, ctx.markToken);
  if (!built.ok) return built;
  const { targets, values, calldatas } = built.calls;
  return { ok: true, calls: targets.map((target, i) => ({ target, value: values[i]!, calldata: calldatas[i]! })) };
}

// --- Units ------------------------------------------------------------------------------------

/**
 * Buys an unsold unit from the land sale for the treasury: approve the sale for the quoted total
 * (`UnitSale.quote`: price and prepaid storage), then `buy` with that total as the most it pays.
 */
export function buildSaleBuy(
  params: { unitId: bigint; storageDays: number; total: bigint },
  ctx: CommunityContracts,
): BuildProposalReturnType {
  if (!Number.isInteger(params.storageDays) || params.storageDays < 0 || params.storageDays > 36_500) {
    return fail("Prepaid storage runs 0 to 36,500 days.");
  }
  return {
    ok: true,
    calls: [
      approve(ctx, ctx.unitSale, params.total),
      {
        target: ctx.unitSale,
        value: 0n,
        calldata: encodeFunctionData({
          abi: unitSaleAbi,
          functionName: "buy",
          args: [params.unitId, 0, params.storageDays, params.total, ZERO_PERMIT],
        }),
      },
    ],
  };
}

/**
 * Buys a unit listed on the exchange: approve the exchange for the price, then `buy` the listing
 * (posted on chain: an empty signature; signed: the seller's signature from its link). Refused
 * for a bundle, a listing reserved for another buyer, or one past its deadline at `now`.
 */
export function buildListingBuy(
  params: { listing: ExchangeListing; signature: Hex; now: bigint },
  ctx: CommunityContracts,
): BuildProposalReturnType {
  const { listing } = params;
  if (listing.unitId === 0n) return fail("That listing is a bundle; the builder buys single units.");
  const buyer = getAddress(listing.buyer);
  if (buyer !== "0x0000000000000000000000000000000000000000" && buyer !== getAddress(ctx.treasury)) {
    return fail(`That listing is reserved for ${buyer}, not this community's treasury.`);
  }
  if (listing.deadline <= params.now) return fail("That listing's deadline has passed.");
  return {
    ok: true,
    calls: [
      approve(ctx, ctx.unitExchange, listing.price),
      {
        target: ctx.unitExchange,
        value: 0n,
        calldata: encodeFunctionData({
          abi: unitExchangeAbi,
          functionName: "buy",
          args: [listing, params.signature, ZERO_PERMIT],
        }),
      },
    ],
  };
}

/** Rents a unit for `daysText` days (`LeaseBook.rent`): approve the book for the rent and deposit, then rent. */
export function buildRent(
  params: { listing: LeaseListing; signature: Hex; daysText: string; now: bigint },
  ctx: CommunityContracts,
): BuildProposalReturnType {
  const { listing } = params;
  const text = params.daysText.trim();
  if (!/^\d+$/.test(text)) return fail("Enter the days of the lease as a whole number.");
  const days = Number(text);
  if (days < listing.minDays || days > listing.maxDays) {
    return fail(`The listing lets for ${listing.minDays} to ${listing.maxDays} days.`);
  }
  if (listing.deadline < params.now) return fail("That rental listing's deadline has passed.");
  const total = BigInt(days) * listing.pricePerDay + listing.deposit;
  return {
    ok: true,
    calls: [
      approve(ctx, ctx.leaseBook, total),
      {
        target: ctx.leaseBook,
        value: 0n,
        calldata: encodeFunctionData({
          abi: leaseBookAbi,
          functionName: "rent",
          args: [listing, params.signature, days],
        }),
      },
    ],
  };
}

const DAY = 86_400n;
const ZERO_HASH = `0x${"00".repeat(32)}` as const;
const NOBODY = "0x0000000000000000000000000000000000000000" as const;

/** Whole days within `min`–`max`, from a text field. */
function parseDays(
  text: string,
  what: string,
  min: number,
  max: number,
): { ok: true; days: number } | { ok: false; message: string } {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed) || Number(trimmed) < min || Number(trimmed) > max) {
    return { ok: false, message: `${what} must be a whole number of days from ${min} to ${max}.` };
  }
  return { ok: true, days: Number(trimmed) };
}

/** What the chain says now of a treasury unit about to be listed: read when the proposal is built. */
export type TreasuryListingState = {
  /** `UnitRegistry.transferCount(unitId)`: the listing dies if the unit moves before it sells. */
  transferCount: number;
  /** The treasury's counter in the exchange or the lease book (`counterOf`). */
  counter: bigint;
  /** The earliest the proposal can execute (unix seconds): the listing's days count from then. */
  earliestExecution: bigint;
  /** Any number, so two listings with the same terms differ. */
  salt: bigint;
};

/**
 * Puts a unit of the treasury up for sale on the exchange: approve the exchange for the unit,
 * then post a fixed-price listing on chain (`UnitExchange.list`; a treasury signs nothing, so its
 * listings are posted), open to any buyer for `validDaysText` days after the proposal can execute.
 */
export function buildSaleListing(
  params: { unitText: string; priceText: string; validDaysText: string; state: TreasuryListingState },
  ctx: CommunityContracts,
): BuildProposalReturnType {
  const unit = parseUnitReference(params.unitText);
  if (!unit.ok) return unit;
  const price = parseAmount(params.priceText);
  if (!price.ok) return fail(`Price: ${price.message}`);
  const valid = parseDays(params.validDaysText, "The listing's life", 1, 3_650);
  if (!valid.ok) return valid;
  const listing: ExchangeListing = {
    seller: ctx.treasury,
    unitId: unit.unitId,
    nonce: params.state.transferCount,
    bundle: ZERO_HASH,
    price: price.wei,
    buyer: NOBODY,
    agency: NOBODY,
    agencyFeeBps: 0,
    deadline: params.state.earliestExecution + BigInt(valid.days) * DAY,
    counter: params.state.counter,
    salt: params.state.salt,
  };
  return {
    ok: true,
    calls: [
      {
        target: ctx.unitRegistry,
        value: 0n,
        calldata: encodeFunctionData({
          abi: unitRegistryAbi,
          functionName: "approve",
          args: [ctx.unitExchange, unit.unitId],
        }),
      },
      {
        target: ctx.unitExchange,
        value: 0n,
        calldata: encodeFunctionData({ abi: unitExchangeAbi, functionName: "list", args: [listing, []] }),
      },
    ],
  };
}

/**
 * Offers a unit of the treasury for rent: a rental listing posted on chain (`LeaseBook.list`),
 * rentable for `validDaysText` days after the proposal can execute, with no agency.
 */
export function buildRentalListing(
  params: {
    unitText: string;
    pricePerDayText: string;
    minDaysText: string;
    maxDaysText: string;
    depositText: string;
    penaltyPercentText: string;
    mayDecorate: boolean;
    validDaysText: string;
    state: TreasuryListingState;
  },
  ctx: CommunityContracts,
): BuildProposalReturnType {
  const unit = parseUnitReference(params.unitText);
  if (!unit.ok) return unit;
  const price = parseAmount(params.pricePerDayText);
  if (!price.ok) return fail(`Price a day: ${price.message}`);
  if (price.wei >= 2n ** 96n) return fail("Price a day: too large.");
  const deposit =
    params.depositText.trim() === "" || params.depositText.trim() === "0"
      ? { ok: true as const, wei: 0n }
      : parseAmount(params.depositText);
  if (!deposit.ok) return fail(`Deposit: ${deposit.message}`);
  if (deposit.wei >= 2n ** 96n) return fail("Deposit: too large.");
  const minDays = parseDays(params.minDaysText, "The shortest lease", 1, 65_535);
  if (!minDays.ok) return minDays;
  const maxDays = parseDays(params.maxDaysText, "The longest lease", minDays.days, 65_535);
  if (!maxDays.ok) return maxDays;
  const penalty = params.penaltyPercentText.trim() || "0";
  if (!/^\d+(\.\d{1,2})?$/.test(penalty) || Number(penalty) > 100) {
    return fail("The early-end penalty is a percentage from 0 to 100 (at most two decimals).");
  }
  const valid = parseDays(params.validDaysText, "The listing's life", 1, 3_650);
  if (!valid.ok) return valid;
  const listing: LeaseListing = {
    unitId: unit.unitId,
    owner: ctx.treasury,
    transferCount: params.state.transferCount,
    agent: NOBODY,
    agentFeeBps: 0,
    pricePerDay: price.wei,
    minDays: minDays.days,
    maxDays: maxDays.days,
    deposit: deposit.wei,
    penaltyBps: Math.round(Number(penalty) * 100),
    mayDecorate: params.mayDecorate,
    counter: params.state.counter,
    deadline: params.state.earliestExecution + BigInt(valid.days) * DAY,
    salt: params.state.salt,
  };
  return {
    ok: true,
    calls: [
      {
        target: ctx.leaseBook,
        value: 0n,
        calldata: encodeFunctionData({ abi: leaseBookAbi, functionName: "list", args: [listing] }),
      },
    ],
  };
}

/** Sets the scene of a unit the community owns (`UnitRegistry.setContent`, the CID's digest and codec). */
export function buildSetScene(
  params: { unitText: string; cid: string },
  ctx: CommunityContracts,
): BuildProposalReturnType {
  const unit = parseUnitReference(params.unitText);
  if (!unit.ok) return unit;
  let content;
  try {
    content = sceneContentOf(params.cid.trim());
  } catch (error) {
    return fail((error as Error).message);
  }
  return {
    ok: true,
    calls: [
      {
        target: ctx.unitRegistry,
        value: 0n,
        calldata: encodeFunctionData({
          abi: unitRegistryAbi,
          functionName: "setContent",
          args: [unit.unitId, content.digest, content.codec],
        }),
      },
    ],
  };
}

// --- Events and revenue -----------------------------------------------------------------------

const eventSchema = z.object({
  startsAt: z
    .string()
    .trim()
    .min(1, "Enter when the event starts.")
    .transform((text, ctx) => {
      const ms = Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(text) ? text : `${text}Z`);
      if (Number.isNaN(ms)) {
        ctx.addIssue({ code: "custom", message: "The start is not a date and time (e.g. 2027-05-01T18:00)." });
        return z.NEVER;
      }
      return BigInt(Math.floor(ms / 1000));
    }),
  capacity: z
    .string()
    .trim()
    .regex(/^\d+$/, "Enter the capacity as a whole number.")
    .transform(Number)
    .refine((n) => n >= 1 && n <= 4_294_967_295, "The capacity runs 1 to 4,294,967,295 tickets."),
  uri: z.string().trim().max(2_000, "The metadata URI is too long."),
});

/**
 * Creates a ticketed event organized by the treasury (`CommunityTickets.createEvent`): start
 * (UTC), unit, ticket price in MRK, capacity and metadata URI. The start must lie after the
 * proposal can execute (`earliestExecution`), or the call would revert then.
 */
export function buildCreateEvent(
  params: {
    startsAt: string;
    unitText: string;
    priceText: string;
    capacity: string;
    uri: string;
    earliestExecution: bigint;
  },
  ctx: CommunityContracts,
): BuildProposalReturnType {
  const parsed = eventSchema.safeParse(params);
  if (!parsed.success) return fail(parsed.error.issues[0]!.message);
  const unit = parseUnitReference(params.unitText);
  if (!unit.ok) return unit;
  const price = params.priceText.trim() === "0" ? { ok: true as const, wei: 0n } : parseAmount(params.priceText);
  if (!price.ok) return price;
  if (parsed.data.startsAt <= params.earliestExecution) {
    return fail("The event must start after the proposal can be executed (voting, then the timelock).");
  }
  return {
    ok: true,
    calls: [
      {
        target: ctx.tickets,
        value: 0n,
        calldata: encodeFunctionData({
          abi: communityTicketsAbi,
          functionName: "createEvent",
          args: [Number(parsed.data.startsAt), unit.unitId, price.wei, parsed.data.capacity, parsed.data.uri],
        }),
      },
    ],
  };
}

/**
 * Shares `amountText` MRK among the members pro rata to their votes at `timepoint` (a moment
 * already past when the proposal is made), claimable for `claimWindowText` after `earliestExecution`:
 * approve `CommunityDistributions` for the amount, then `create`.
 */
export function buildDistribution(
  params: { amountText: string; claimWindowText: string; timepoint: bigint; earliestExecution: bigint },
  ctx: CommunityContracts,
): BuildProposalReturnType {
  const amount = parseAmount(params.amountText);
  if (!amount.ok) return amount;
  if (amount.wei === 0n) return fail("Distribute more than 0 MRK.");
  const window = parseDuration(params.claimWindowText);
  if (!window.ok) return window;
  if (window.seconds < 3_600n) return fail("Leave members at least an hour to claim.");
  const claimUntil = params.earliestExecution + window.seconds;
  return {
    ok: true,
    calls: [
      approve(ctx, ctx.distributions, amount.wei),
      {
        target: ctx.distributions,
        value: 0n,
        calldata: encodeFunctionData({
          abi: communityDistributionsAbi,
          functionName: "create",
          args: [ctx.membership, ctx.markToken, amount.wei, Number(params.timepoint), Number(claimUntil)],
        }),
      },
    ],
  };
}

// --- Settings ---------------------------------------------------------------------------------

/** The settings a proposal can change, and where each lives. */
export const SETTING_KINDS = [
  "votingDelay",
  "votingPeriod",
  "proposalThreshold",
  "quorumPercent",
  "timelockDelay",
  "guardian",
  "joinPolicy",
  "invite",
  "expel",
] as const;
export type SettingKind = (typeof SETTING_KINDS)[number];

export type SettingChange = { kind: SettingKind; value: string; joinPolicy?: JoinPolicyName; priceText?: string };

function governorCall(functionName: string, args: readonly unknown[], ctx: CommunityContracts): ProposedCall {
  return {
    target: ctx.governor,
    value: 0n,
    calldata: encodeFunctionData({ abi: communityGovernorAbi as readonly AbiFunction[], functionName, args }),
  };
}

function membershipCall(functionName: string, args: readonly unknown[], ctx: CommunityContracts): ProposedCall {
  return {
    target: ctx.membership,
    value: 0n,
    calldata: encodeFunctionData({ abi: communityMembershipAbi as readonly AbiFunction[], functionName, args }),
  };
}

/** One setting changed by the community itself (each setter accepts only its own timelock, the treasury). */
export function buildSettingChange(change: SettingChange, ctx: CommunityContracts): BuildProposalReturnType {
  const value = change.value.trim();
  const duration = () => parseDuration(value);
  const whole = (max: bigint) => (/^\d+$/.test(value) && BigInt(value) <= max ? BigInt(value) : undefined);
  const account = () => (isAddress(value, { strict: false }) ? getAddress(value) : undefined);
  switch (change.kind) {
    case "votingDelay": {
      const d = duration();
      if (!d.ok) return d;
      return { ok: true, calls: [governorCall("setVotingDelay", [Number(d.seconds)], ctx)] };
    }
    case "votingPeriod": {
      const d = duration();
      if (!d.ok) return d;
      if (d.seconds === 0n) return fail("The voting period must be at least 1 second.");
      return { ok: true, calls: [governorCall("setVotingPeriod", [Number(d.seconds)], ctx)] };
    }
    case "proposalThreshold": {
      const n = whole(2n ** 32n - 1n);
      if (n === undefined) return fail("Enter the memberships needed to propose as a whole number.");
      return { ok: true, calls: [governorCall("setProposalThreshold", [n], ctx)] };
    }
    case "quorumPercent": {
      const n = whole(100n);
      if (n === undefined) return fail("Enter the quorum as a whole percent from 0 to 100.");
      return { ok: true, calls: [governorCall("updateQuorumNumerator", [n], ctx)] };
    }
    case "timelockDelay": {
      const d = duration();
      if (!d.ok) return d;
      return {
        ok: true,
        calls: [
          {
            target: ctx.treasury,
            value: 0n,
            calldata: encodeFunctionData({ abi: communityTreasuryAbi, functionName: "updateDelay", args: [d.seconds] }),
          },
        ],
      };
    }
    case "guardian": {
      if (value === "" || /^0x0{40}$/i.test(value)) {
        return { ok: true, calls: [governorCall("setProposalGuardian", [getAddress(`0x${"00".repeat(20)}`)], ctx)] };
      }
      const a = account();
      if (!a) return fail("The guardian is not an address (leave it empty to switch the guardian off).");
      return { ok: true, calls: [governorCall("setProposalGuardian", [a], ctx)] };
    }
    case "joinPolicy": {
      const policy = change.joinPolicy ?? "Open";
      let price = 0n;
      if (policy === "Purchase") {
        const amount = parseAmount(change.priceText ?? "");
        if (!amount.ok) return amount;
        if (amount.wei === 0n) return fail("A membership for sale needs a price above 0.");
        price = amount.wei;
      }
      return { ok: true, calls: [membershipCall("setJoinPolicy", [JOIN_POLICIES.indexOf(policy), price], ctx)] };
    }
    case "invite":
    case "expel": {
      const a = account();
      if (!a) return fail("The member is not an address.");
      return { ok: true, calls: [membershipCall(change.kind, [a], ctx)] };
    }
  }
}

// --- Any call ---------------------------------------------------------------------------------

/**
 * Any call: a target, a value in ETH, and either raw calldata (`0x…`) or a function signature
 * (`function setFoo(uint256 x, address to)`) with its arguments as a JSON array.
 */
export function buildCustomCall(params: {
  target: string;
  valueText: string;
  signature: string;
  argsJson: string;
  calldata: string;
}): BuildProposalReturnType {
  const target = params.target.trim();
  if (!isAddress(target, { strict: false })) return fail("The target is not an address.");
  let value = 0n;
  if (params.valueText.trim() !== "" && params.valueText.trim() !== "0") {
    const amount = parseAmount(params.valueText);
    if (!amount.ok) return amount;
    value = amount.wei;
  }
  const raw = params.calldata.trim();
  if (raw !== "") {
    if (!isHex(raw) || raw.length % 2 !== 0) return fail("The calldata is not 0x-prefixed hex of whole bytes.");
    return { ok: true, calls: [{ target: getAddress(target), value, calldata: raw }] };
  }
  const signature = params.signature.trim();
  if (signature === "") return { ok: true, calls: [{ target: getAddress(target), value, calldata: "0x" }] };
  let item: AbiFunction;
  try {
    const parsed = parseAbiItem(signature.startsWith("function ") ? signature : `function ${signature}`);
    if (parsed.type !== "function") return fail("The signature is not a function.");
    item = parsed;
  } catch (error) {
    return fail(`The function signature does not parse: ${(error as Error).message.split("\n")[0]}`);
  }
  let args: unknown[];
  try {
    const json = params.argsJson.trim() === "" ? [] : (JSON.parse(params.argsJson) as unknown);
    if (!Array.isArray(json)) return fail('The arguments are not a JSON array (e.g. ["0x…", "1000"]).');
    args = json;
  } catch {
    return fail('The arguments are not valid JSON (e.g. ["0x…", "1000"]).');
  }
  if (args.length !== item.inputs.length) {
    return fail(`${item.name} takes ${item.inputs.length} arguments; ${args.length} given.`);
  }
  try {
    const typed = args.map((arg, i) => {
      const type = item.inputs[i]!.type;
      return /^u?int\d*$/.test(type) && (typeof arg === "string" || typeof arg === "number") ? BigInt(arg) : arg;
    });
    const calldata = encodeFunctionData({ abi: [item], functionName: item.name, args: typed });
    return { ok: true, calls: [{ target: getAddress(target), value, calldata }] };
  } catch (error) {
    return fail(`The arguments do not fit ${item.name}: ${(error as Error).message.split("\n")[0]}`);
  }
}
