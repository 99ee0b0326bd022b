/**
 * Builds the orders the panel signs or posts from what a person typed and what the chain says
 * now (the signer's counter, the unit's transfer count, the time): a sale listing, an offer, a
 * rental listing. The salt is random so the same terms can be offered again.
 */
import { bytesToBigInt, type Address } from "viem";
import type { ExchangeListing, ExchangeOffer } from "@markspace/contracts/exchange-orders";
import type { LeaseListing } from "@markspace/contracts/listing";

export const ZERO_ADDRESS = "0x0000000000000000000000000000000000000000" as Address;
export const ZERO_BYTES32 = `0x${"0".repeat(64)}` as const;
const DAY = 86_400n;

/** A random 256-bit salt. */
export function randomSalt(): bigint {
  return bytesToBigInt(crypto.getRandomValues(new Uint8Array(32)));
}

type Common = { now: bigint; validDays: number; counter: bigint; salt: bigint };

export function newSaleListing(
  params: Common & {
    seller: Address;
    unitId: bigint;
    transferCount: number;
    price: bigint;
    buyer?: Address | undefined;
    agency?: Address | undefined;
    agencyFeeBps?: number | undefined;
  },
): ExchangeListing {
  return {
    seller: params.seller,
    unitId: params.unitId,
    nonce: params.transferCount,
    bundle: ZERO_BYTES32,
    price: params.price,
    buyer: params.buyer ?? ZERO_ADDRESS,
    agency: params.agency ?? ZERO_ADDRESS,
    agencyFeeBps: params.agency ? (params.agencyFeeBps ?? 0) : 0,
    deadline: params.now + BigInt(params.validDays) * DAY,
    counter: params.counter,
    salt: params.salt,
  };
}

export function newUnitOffer(
  params: Common & { buyer: Address; unitId: bigint; transferCount: number; price: bigint },
): ExchangeOffer {
  return {
    buyer: params.buyer,
    scope: 0,
    target: params.unitId,
    nonce: params.transferCount,
    price: params.price,
    agency: ZERO_ADDRESS,
    agencyFeeBps: 0,
    deadline: params.now + BigInt(params.validDays) * DAY,
    counter: params.counter,
    salt: params.salt,
  };
}

export function newRentalListing(
  params: Common & {
    owner: Address;
    unitId: bigint;
    transferCount: number;
    pricePerDay: bigint;
    minDays: number;
    maxDays: number;
    deposit: bigint;
    penaltyBps: number;
    mayDecorate: boolean;
  },
): LeaseListing {
  return {
    unitId: params.unitId,
    owner: params.owner,
    transferCount: params.transferCount,
    agent: ZERO_ADDRESS,
    agentFeeBps: 0,
    pricePerDay: params.pricePerDay,
    minDays: params.minDays,
    maxDays: params.maxDays,
    deposit: params.deposit,
    penaltyBps: params.penaltyBps,
    mayDecorate: params.mayDecorate,
    counter: params.counter,
    deadline: params.now + BigInt(params.validDays) * DAY,
    salt: params.salt,
  };
}

/** `text` as a whole number within [min, max], or a sentence naming the field. */
export function parseWhole(
  text: string,
  field: string,
  min: number,
  max: number,
): { ok: true; value: number } | { ok: false; message: string } {
  const cleaned = text.trim();
  if (!/^\d+$/.test(cleaned)) return { ok: false, message: `${field}: enter a whole number.` };
  const value = Number(cleaned);
  if (value < min || value > max) return { ok: false, message: `${field}: between ${min} and ${max}.` };
  return { ok: true, value };
}

/** A percentage as typed (`2.5`) in basis points, within [0, maxPercent]. */
export function parsePercentBps(
  text: string,
  field: string,
  maxPercent: number,
): { ok: true; value: number } | { ok: false; message: string } {
  const cleaned = text.trim() || "0";
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned))
    return { ok: false, message: `${field}: a percentage with at most 2 decimals.` };
  const value = Math.round(Number(cleaned) * 100);
  if (value > maxPercent * 100) return { ok: false, message: `${field}: at most ${maxPercent} %.` };
  return { ok: true, value };
}
