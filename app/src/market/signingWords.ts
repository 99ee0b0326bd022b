/**
 * What a wallet is asked to sign, in words, shown before the signature request: a sale listing,
 * an offer, a rental listing. Each names the unit, the price and what comes out of it (platform
 * fee at today's rate and the worst case governance allows, the agency and its share), who may
 * take it, until when, and where the signature is good (contract and chain). Pure: the caller
 * reads the fees and the time from the chain and passes them in.
 */
import type { Address } from "viem";
import type { ExchangeListing, ExchangeOffer } from "@markspace/contracts/exchange-orders";
import type { LeaseListing } from "@markspace/contracts/listing";
import { decodeUnitId, formatUnitAddress } from "@markspace/contracts/unit-address";
import { formatDateTime, formatMrk } from "../economy/format.ts";

const ZERO = "0x0000000000000000000000000000000000000000";
const BPS = 10_000n;

/** Where a signature is good: one contract on one chain. */
export type SignatureScope = { contract: Address; chainId: number };

/** Platform fee in force now and the most governance may set, in basis points. */
export type FeeTerms = { platformFeeBps: bigint; platformFeeCapBps: bigint };

/** `250` → `2.5 %`. */
export function formatBps(bps: bigint | number): string {
  const value = BigInt(bps);
  const whole = value / 100n;
  const rest = (value % 100n).toString().padStart(2, "0").replace(/0+$/, "");
  return `${whole}${rest ? `.${rest}` : ""} %`;
}

function unitName(unitId: bigint): string {
  try {
    return formatUnitAddress(decodeUnitId(unitId));
  } catch {
    return `#${unitId}`;
  }
}

function share(amount: bigint, bps: bigint): bigint {
  return (amount * bps) / BPS;
}

function scopeLine(kind: string, scope: SignatureScope): string {
  return `Good only at the ${kind} ${scope.contract} on chain ${scope.chainId}. Signing sends no transaction and costs no gas.`;
}

function agencyLine(agency: Address, feeBps: number, amount: bigint, what: string, per = ""): string {
  if (agency.toLowerCase() === ZERO) return "Agency: none.";
  return `Agency: ${agency} gets ${formatBps(feeBps)} of ${what} (${formatMrk(share(amount, BigInt(feeBps)))}${per}).`;
}

/** The words for a seller's `Listing` of one unit. */
export function describeSaleListing(params: {
  listing: ExchangeListing;
  fees: FeeTerms;
  scope: SignatureScope;
}): string[] {
  const { listing, fees, scope } = params;
  const platform = share(listing.price, fees.platformFeeBps);
  const agency = listing.agency.toLowerCase() === ZERO ? 0n : share(listing.price, BigInt(listing.agencyFeeBps));
  const worst = share(listing.price, fees.platformFeeCapBps) + agency;
  return [
    `You offer to sell unit ${unitName(listing.unitId)} for ${formatMrk(listing.price, 6)}, paid in full by the buyer in one transaction.`,
    `Platform fee: ${formatBps(fees.platformFeeBps)} now (${formatMrk(platform)}) to the treasury; governance may raise it to at most ${formatBps(fees.platformFeeCapBps)} before a sale.`,
    agencyLine(listing.agency, listing.agencyFeeBps, listing.price, "the price"),
    `You receive ${formatMrk(listing.price - platform - agency)} at today's fee (at least ${formatMrk(listing.price - worst)}).`,
    listing.buyer.toLowerCase() === ZERO ? "Buyer: anyone." : `Buyer: only ${listing.buyer}.`,
    `Valid until ${formatDateTime(listing.deadline)}, while you keep the unit (it dies if the unit changes hands, transfer count ${listing.nonce}) and until you cancel it.`,
    scopeLine("Markspace Exchange", scope),
  ];
}

/** The words for a buyer's `Offer` for one unit. */
export function describeOffer(params: { offer: ExchangeOffer; scope: SignatureScope }): string[] {
  const { offer, scope } = params;
  const target =
    offer.scope === 0 ? `unit ${unitName(offer.target)}` : `any one unit of building ${unitName(offer.target)}`;
  return [
    `You offer ${formatMrk(offer.price, 6)} for ${target}.`,
    `If the owner accepts before ${formatDateTime(offer.deadline)}, the exchange takes ${formatMrk(offer.price, 6)} from your MRK (your allowance to the exchange) and the unit becomes yours in the same transaction.`,
    agencyLine(offer.agency, offer.agencyFeeBps, offer.price, "the price"),
    offer.scope === 0
      ? `The offer dies if the unit changes hands first (transfer count ${offer.nonce}), or when you cancel it.`
      : "The offer is filled once, or dies when you cancel it.",
    scopeLine("Markspace Exchange", scope),
  ];
}

/** The words for an owner's rental `Listing`. */
export function describeRentalListing(params: {
  listing: LeaseListing;
  fees: FeeTerms;
  scope: SignatureScope;
  /** `rentals.depositClaimWindow`, seconds. */
  depositClaimWindow: bigint;
}): string[] {
  const { listing, fees, scope } = params;
  const days = listing.minDays === listing.maxDays ? `${listing.minDays}` : `${listing.minDays} to ${listing.maxDays}`;
  const windowDays = Number(params.depositClaimWindow) / 86_400;
  return [
    `You offer unit ${unitName(listing.unitId)} for rent at ${formatMrk(listing.pricePerDay, 6)} a day, for ${days} day${listing.maxDays === 1 ? "" : "s"}; the tenant pays the whole rent upfront into escrow and you claim it as each day starts.`,
    `Platform fee: ${formatBps(fees.platformFeeBps)} of the rent now, at most ${formatBps(fees.platformFeeCapBps)}, taken when the rent is credited.`,
    agencyLine(listing.agent, listing.agentFeeBps, listing.pricePerDay, "every rent payment", " a day"),
    listing.deposit === 0n
      ? "Deposit: none."
      : `Deposit: ${formatMrk(listing.deposit, 6)}, returned to the tenant after the lease unless you claim on it within ${windowDays} day${windowDays === 1 ? "" : "s"}.`,
    `Early end: the tenant may leave early and gets back the unused days' rent less ${formatBps(listing.penaltyBps)}, which you keep.`,
    listing.mayDecorate
      ? "The tenant may set the unit's scene while the lease runs (your own scene shows again when it ends)."
      : "The tenant may not change the unit's scene.",
    `Valid until ${formatDateTime(listing.deadline)}, rented at most once, while you keep the unit (transfer count ${listing.transferCount}) and until you cancel it. The unit stays yours; nobody can end a running lease but the tenant.`,
    scopeLine("Markspace LeaseBook", scope),
  ];
}
