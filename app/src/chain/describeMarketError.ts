/**
 * Turns whatever an exchange or rental transaction threw (UnitExchange, LeaseBook, the registry's
 * lease checks, MRK's transfer and permit) into one readable sentence. Custom errors are decoded
 * from the market contracts' ABIs, also from nested calls; anything else falls back to the land's
 * decoder (registry and MRK) and from there to the economy's (wallet, chain, network).
 */
import { BaseError, ContractFunctionRevertedError, decodeErrorResult, type Abi, type Hex } from "viem";
import { leaseBookAbi, markTokenAbi, unitExchangeAbi, unitRegistryAbi } from "@markspace/contracts/abis";
import { decodeUnitId, formatUnitAddress } from "@markspace/contracts/unit-address";
import { formatDateTime, formatMrk } from "../economy/format.ts";
import { describeLandError, type LandErrorView } from "./describeLandError.ts";

export type MarketErrorView = LandErrorView;

/** Every custom error a market transaction can meet, for decoding reverts from nested calls. */
export const marketErrorsAbi: Abi = [...unitExchangeAbi, ...leaseBookAbi, ...unitRegistryAbi, ...markTokenAbi].filter(
  (item) => item.type === "error",
);

function place(id: unknown): string {
  if (typeof id !== "bigint") return String(id);
  try {
    return formatUnitAddress(decodeUnitId(id));
  } catch {
    return `#${id}`;
  }
}

function bps(value: unknown): string {
  const n = Number(value);
  return `${n / 100} %`;
}

function decodeRevert(reverted: ContractFunctionRevertedError): { name?: string; args: readonly unknown[] } {
  if (reverted.data?.errorName) return { name: reverted.data.errorName, args: reverted.data.args ?? [] };
  const raw = (reverted as { raw?: Hex }).raw;
  if (raw && raw.length >= 10) {
    try {
      const decoded = decodeErrorResult({ abi: marketErrorsAbi, data: raw });
      return { name: decoded.errorName, args: decoded.args ?? [] };
    } catch {
      // Not a market error: the land's decoder may know it.
    }
  }
  return { args: [] };
}

type Described = Omit<MarketErrorView, "kind">;

function describeExchangeError(name: string, a: readonly unknown[]): Described | undefined {
  switch (name) {
    case "OrderExpired":
      return {
        shortMessage: `This order expired on ${formatDateTime(a[1] as bigint)}.`,
        hint: "Ask its signer for a new one.",
      };
    case "OrderCancelledOrFilled":
      return { shortMessage: "This order was cancelled, or already filled." };
    case "OrderCounterStale":
      return {
        shortMessage: "Its signer cancelled everything it signed before this order (its counter moved on).",
        hint: "Ask for a new order.",
      };
    case "OrderSignatureInvalid":
      return {
        shortMessage: `The order's signature is not ${String(a[1])}'s, and the order was not posted on chain.`,
        hint: "The link may have been altered; ask its signer for a new one.",
      };
    case "OrderUnitMoved":
      return {
        shortMessage: `${place(a[1])} changed hands, or its owner cancelled its orders, since this order was signed (transfer count ${String(a[2])}, now ${String(a[3])}).`,
        hint: "Orders die when the unit moves; a new one is needed.",
      };
    case "OrderBundleMismatch":
      return { shortMessage: "A unit of this bundle changed hands since the bundle was listed." };
    case "OrderBuyerNotAllowed":
      return { shortMessage: `This listing is reserved for another buyer than ${String(a[1])}.` };
    case "OrderNotSigner":
      return { shortMessage: `${String(a[1])} did not sign this order, so it cannot post or cancel it.` };
    case "OrderMalformed":
      return { shortMessage: "The order's fields do not fit together (unit, nonce and bundle)." };
    case "OrderAgencyFeeInvalid":
      return {
        shortMessage: `An agency fee of ${bps(a[1])} is not allowed: the cap is ${bps(a[2])}, and a fee needs an agency.`,
      };
    case "UnitNotForSale":
      return {
        shortMessage: `${place(a[0])} may not be sold: its type has no sell right.`,
        hint: "Residential units cannot be sold unless governance grants the right.",
      };
    case "UnitNotInBuilding":
      return { shortMessage: `${place(a[0])} is not in the building the offer names.` };
    case "UnitNotOwnedBySeller":
      return { shortMessage: `${String(a[1])} does not own ${place(a[0])} (${String(a[2])} does).` };
    default:
      return undefined;
  }
}

function describeLeaseError(name: string, a: readonly unknown[]): Described | undefined {
  switch (name) {
    case "LeaseBookListingExpired":
      return { shortMessage: `This rental listing expired on ${formatDateTime(a[1] as bigint)}.` };
    case "LeaseBookListingUnavailable":
      return { shortMessage: "This rental listing was already rented, or cancelled." };
    case "LeaseBookCounterStale":
      return { shortMessage: `${String(a[0])} cancelled every rental listing it signed before this one.` };
    case "LeaseBookListingStale":
      return {
        shortMessage: `${place(a[0])} changed hands since it was offered for rent (transfer count ${String(a[1])}, now ${String(a[2])}).`,
      };
    case "LeaseBookNotOwner":
      return { shortMessage: `The listing names ${String(a[1])}, but ${place(a[0])} belongs to ${String(a[2])}.` };
    case "LeaseBookSignatureInvalid":
      return {
        shortMessage: "Neither the unit's owner nor an agency it authorised signed this rental listing.",
        hint: "The link may have been altered; ask the owner for a new one.",
      };
    case "LeaseBookUnauthorized":
      return { shortMessage: `${String(a[0])} may not list or cancel this unit's rental listings.` };
    case "LeaseBookDaysInvalid":
      return {
        shortMessage: `${String(a[0])} days is not possible: rent between ${String(a[1])} and ${String(a[2])} days.`,
      };
    case "LeaseBookFeesInvalid":
      return {
        shortMessage: `An agency fee of ${bps(a[0])} or a penalty of ${bps(a[1])} is not possible (at most 100 %, and a fee needs an agency).`,
      };
    case "LeaseBookLeaseUnknown":
      return {
        shortMessage: "The lease changed since the page loaded it.",
        hint: "Wait a moment for the page to refresh, then try again.",
      };
    case "LeaseBookNotTenant":
      return { shortMessage: `Only the tenant may end this lease early, not ${String(a[1])}.` };
    case "LeaseBookNotLessor":
      return { shortMessage: `Only the lessor may claim on the deposit, not ${String(a[1])}.` };
    case "LeaseBookLeaseOver":
      return { shortMessage: `The lease already ended on ${formatDateTime(a[1] as bigint)}.` };
    case "LeaseBookLeaseRunning":
      return { shortMessage: `The lease runs until ${formatDateTime(a[1] as bigint)}; the deposit is settled after.` };
    case "LeaseBookDepositSettled":
      return { shortMessage: "The deposit was already paid out." };
    case "LeaseBookDepositWindowClosed":
      return {
        shortMessage: `The window to claim on the deposit closed on ${formatDateTime(a[1] as bigint)}.`,
        hint: "Anyone may now return it to the tenant.",
      };
    case "LeaseBookDepositWindowOpen":
      return {
        shortMessage: `The lessor may claim on the deposit until ${formatDateTime(a[1] as bigint)}; it returns to the tenant after.`,
      };
    case "LeaseBookClaimTooHigh":
      return {
        shortMessage: `A claim of ${formatMrk(a[0] as bigint)} is more than the ${formatMrk(a[1] as bigint)} deposit.`,
      };
    case "LeaseBookNothingToClaim":
      return { shortMessage: "No rent was earned since the last claim: the next day's rent is earned when it starts." };
    case "LeaseBookNothingOwed":
      return { shortMessage: `Nothing is owed to ${String(a[0])}.` };
    case "UnitLeaseActive":
      return {
        shortMessage: `${place(a[0])} is let to ${String(a[1])} until ${formatDateTime(a[2] as bigint)}: a running lease cannot be replaced.`,
      };
    case "UnitLeaseExpiryInvalid":
      return { shortMessage: `A lease of ${place(a[0])} would end before it starts.` };
    case "UnitNotRentable":
      return {
        shortMessage: `${place(a[0])} may not be rented: its type has no rent right.`,
        hint: "Residential units cannot be let unless governance grants the right.",
      };
    case "ERC721InsufficientApproval":
      return {
        shortMessage: `The exchange may not move ${place(a[1])}: its owner has not approved the exchange.`,
        hint: "The owner approves the exchange once (the sale form does it before signing).",
      };
    case "ERC20InsufficientAllowance":
      return {
        shortMessage: `The contract may take ${formatMrk(a[1] as bigint)} of the payer's MRK, but ${formatMrk(a[2] as bigint)} are needed.`,
        hint: "The payer approves the amount first (the form does it), or signs a permit.",
      };
    case "ERC20InsufficientBalance":
      return {
        shortMessage: `The payer's MRK balance is ${formatMrk(a[1] as bigint)}, but ${formatMrk(a[2] as bigint)} are needed.`,
        hint: "Buy MRK on the sale page.",
      };
    default:
      return undefined;
  }
}

export function describeMarketError(error: unknown): MarketErrorView {
  const reverted =
    error instanceof BaseError
      ? (error.walk((e) => e instanceof ContractFunctionRevertedError) as ContractFunctionRevertedError | null)
      : null;
  if (reverted) {
    const { name, args } = decodeRevert(reverted);
    const described = name ? (describeExchangeError(name, args) ?? describeLeaseError(name, args)) : undefined;
    if (name && described) return { kind: name, details: (error as BaseError).shortMessage, ...described };
  }
  return describeLandError(error);
}
