/**
 * Turns whatever a land transaction threw (the registry's free claim, UnitSale, FloorSale, the registry's
 * owner calls, unit names, MRK's permit and transfer) into one readable sentence. Custom errors are decoded
 * from the land contracts' ABIs and MRK's, also from nested calls (the registry refusing a mint
 * the sale asked for); wallet, chain and network failures read as on the other pages.
 */
import { BaseError, ContractFunctionRevertedError, decodeErrorResult, type Abi, type Hex } from "viem";
import { floorSaleAbi, markTokenAbi, unitNamesAbi, unitRegistryAbi, unitSaleAbi } from "@markspace/contracts/abis";
import { decodeUnitId, formatUnitAddress } from "@markspace/contracts/unit-address";
import { formatDateTime, formatMrk } from "../economy/format.ts";
import { MarkspaceAppError } from "../errors/MarkspaceAppError.ts";
import { describeEconomyError, type EconomyErrorView } from "./describeEconomyError.ts";

export type LandErrorView = EconomyErrorView;

/** Every custom error a land transaction can meet, for decoding reverts from nested calls. */
export const landErrorsAbi: Abi = [
  ...unitRegistryAbi,
  ...unitSaleAbi,
  ...floorSaleAbi,
  ...unitNamesAbi,
  ...markTokenAbi,
].filter((item) => item.type === "error");

/** The wallet could not sign the MRK permit (it may not support EIP-712 typed data). */
export class PermitSignatureError extends MarkspaceAppError {
  override name = "PermitSignatureError";
}

/** A unit's human address; a floor (unit 0) or building id reads as its first unit's address. */
function place(id: unknown): string {
  if (typeof id !== "bigint") return String(id);
  try {
    return formatUnitAddress(decodeUnitId(id));
  } catch {
    return `#${id}`;
  }
}

function decodeRevert(reverted: ContractFunctionRevertedError): { name?: string; args: readonly unknown[] } {
  if (reverted.data?.errorName) return { name: reverted.data.errorName, args: reverted.data.args ?? [] };
  const raw = (reverted as { raw?: Hex }).raw;
  if (raw && raw.length >= 10) {
    try {
      const decoded = decodeErrorResult({ abi: landErrorsAbi, data: raw });
      return { name: decoded.errorName, args: decoded.args ?? [] };
    } catch {
      // Not a land error: the economy's decoder may know it.
    }
  }
  return { args: [] };
}

function describeCustomError(name: string, a: readonly unknown[]): Omit<LandErrorView, "kind"> | undefined {
  switch (name) {
    case "UnitAlreadyOwned":
      return {
        shortMessage: `${place(a[0])} already has an owner.`,
        hint: "Pick a free unit on the floor plan (the white cells).",
      };
    case "UnitNotOpen":
      return {
        shortMessage: `${place(a[0])} is not in an open district or neighbourhood, so it cannot be bought yet.`,
      };
    case "UnitIdInvalid":
    case "UnitAddressInvalid":
      return {
        shortMessage: "That is not a valid unit address.",
        hint: "Check the neighbourhood, building, floor and unit.",
      };
    case "UnitFreeClaimUsed":
      return {
        shortMessage: `${String(a[0])} has already used its free claim.`,
        hint: "Buy the unit with MRK instead (the form offers it).",
      };
    case "UnitNotResidential":
      return { shortMessage: `${place(a[0])} is not Residential; only Residential units can be claimed for free.` };
    case "UnitNotInterior":
      return { shortMessage: `${place(a[0])} is an advertising surface, which has no rooms.` };
    case "UnitNotOwner":
    case "UnitSaleNotOwner":
      return { shortMessage: `${String(a[1])} does not own ${place(a[0])}, so it cannot do this.` };
    case "UnitContentUnauthorized":
      return {
        shortMessage: `${String(a[1])} may not change the scene of ${place(a[0])}.`,
        hint: "Only the owner or a decorator the owner appointed can.",
      };
    case "UnitContentCodecUnsupported":
      return { shortMessage: "The registry does not accept that kind of CID.", hint: "Use a raw or dag-pb CID." };
    case "UnitRoomsOverflow":
      return { shortMessage: `${place(a[0])} would have ${String(a[1])} rooms; a unit holds at most 255.` };
    case "UnitSaleNoRooms":
      return { shortMessage: `${place(a[0])} is an advertising surface, which has no rooms.` };
    case "UnitStorageNotExtended":
      return { shortMessage: `Storage of ${place(a[0])} is already paid until ${formatDateTime(a[2] as bigint)}.` };
    case "FloorNotFree":
      return {
        shortMessage: `Part of ${place(a[0])}'s floor or building is already owned, so it cannot be bought whole.`,
        hint: "Buy the free units one by one instead.",
      };
    case "FloorResidential":
      return {
        shortMessage: `The floor of ${place(a[0])} is Residential, and Residential floors and buildings are not sold whole.`,
        hint: "Claim or buy Residential units one at a time.",
      };
    case "FreeClaimsClosed":
      return {
        shortMessage: "Free claims are closed: governance has given away all it allowed for now.",
        hint: "Buy the unit with MRK instead.",
      };
    case "FloorNotRangeOwned":
      return { shortMessage: `The floor of ${place(a[0])} was not bought whole, so its storage is paid unit by unit.` };
    case "LandOfficeUnauthorized":
      return { shortMessage: "This land office is closed by governance; nothing can be bought through it now." };
    case "LandOfficeAllowanceExceeded":
      return {
        shortMessage: `This land office may mint only ${String(a[2])} more units (governance's cap).`,
      };
    case "LandPriceAboveLimit":
      return {
        shortMessage: `The price is now ${formatMrk(a[0] as bigint)}, above the ${formatMrk(a[1] as bigint)} you accepted (governance may have changed it).`,
        hint: "Check the new quote and buy again.",
      };
    case "LandStorageDaysInvalid":
      return { shortMessage: `${String(a[0])} days of storage is not possible: pay between 1 and 36,500 days.` };
    case "ERC20InsufficientBalance":
      return {
        shortMessage: `Your MRK balance is ${formatMrk(a[1] as bigint)}, but ${formatMrk(a[2] as bigint)} are needed.`,
        hint: "Buy MRK on the sale page, or choose fewer rooms or storage days.",
      };
    case "ERC20InsufficientAllowance":
      return {
        shortMessage: `The land office may take ${formatMrk(a[1] as bigint)} of your MRK, but ${formatMrk(a[2] as bigint)} are needed.`,
        hint: "Sign the permit, or approve the amount (the form does either).",
      };
    case "ERC2612ExpiredSignature":
      return { shortMessage: "The MRK permit expired before the transaction was mined.", hint: "Try again." };
    case "ERC2612InvalidSigner":
      return { shortMessage: "The MRK permit was signed by another account than the buyer.", hint: "Try again." };
    case "UnitNameInvalid":
      return {
        shortMessage: `"${String(a[0])}" is not a name a unit can carry.`,
        hint: "Use 3 to 63 lower-case letters, digits and hyphens, not at either end.",
      };
    case "UnitNameTaken":
      return {
        shortMessage: `The name "${String(a[0])}" already belongs to ${place(a[1])}.`,
        hint: "Names are unique in every spelling; pick another.",
      };
    case "UnitNameNotSet":
      return { shortMessage: `${place(a[0])} has no name to clear.` };
    case "UnitNameUnauthorized":
      return {
        shortMessage: `${String(a[1])} may not name ${place(a[0])}.`,
        hint: "Only the owner, or an account the owner approved for the unit, can.",
      };
    case "ERC721NonexistentToken":
      return { shortMessage: `${place(a[0])} has no owner yet.` };
    default:
      return undefined;
  }
}

export function describeLandError(error: unknown): LandErrorView {
  if (error instanceof PermitSignatureError) {
    return { kind: "permit-unsupported", shortMessage: error.shortMessage, hint: error.hint };
  }
  const reverted =
    error instanceof BaseError
      ? (error.walk((e) => e instanceof ContractFunctionRevertedError) as ContractFunctionRevertedError | null)
      : null;
  if (reverted) {
    const { name, args } = decodeRevert(reverted);
    const described = name ? describeCustomError(name, args) : undefined;
    if (name && described) return { kind: name, details: (error as BaseError).shortMessage, ...described };
  }
  return describeEconomyError(error);
}
