/**
 * The genesis allocation of MRK from the whitepaper's "Recommended allocation" table: nine funds
 * that together receive the whole fixed supply of 3,000,000,000 MRK when `MarkToken` is deployed.
 *
 * Each fund's freezing time is enforced on chain by the contract that holds it: the token sale
 * fund by the sale (`MarkSale`, buyers' tokens move from `releaseAt`), every other fund by its
 * own `FundLock`. All of them count from one genesis timestamp (`fundReleaseAt`).
 */
import { MarkspaceError } from "@markspace/common/errors";
import { getAddress, isAddress, parseEther, zeroAddress, type Address } from "viem";

/** The fixed MRK supply in wei (18 decimals); equal to `MarkToken.TOTAL_SUPPLY`. */
export const MRK_TOTAL_SUPPLY: bigint = parseEther("3000000000");

/** How long a fund's tokens stay frozen after genesis, as the seed states it. */
export type FreezePeriod = { readonly value: number; readonly unit: "weeks" | "months" };

/** An average Gregorian month (365.2425 days / 12) in seconds; twelve of them make a year. */
export const MONTH_SECONDS = 2_629_746;
export const WEEK_SECONDS = 7 * 24 * 3600;

/** A freeze period in whole seconds (a month is `MONTH_SECONDS`; 1.5 months rounds down). */
export function freezeSeconds(freeze: FreezePeriod): bigint {
  const unit = freeze.unit === "weeks" ? WEEK_SECONDS : MONTH_SECONDS;
  return BigInt(Math.floor(freeze.value * unit));
}

/** When `fund` unlocks: `genesis` (unix seconds) plus its freeze period. */
export function fundReleaseAt(fund: GenesisFund, genesis: bigint): bigint {
  return genesis + freezeSeconds(fund.freeze);
}

export type GenesisFund = {
  /** Stable key used to map funds to recipient addresses. */
  readonly id: GenesisFundId;
  /** The fund's name as the whitepaper's table writes it. */
  readonly name: string;
  /** Amount in wei (18 decimals). */
  readonly amount: bigint;
  /** Freeze period from genesis; enforced by the fund's holder contract. */
  readonly freeze: FreezePeriod;
};

export type GenesisFundId =
  | "closedPreSale"
  | "tokenSale"
  | "minersRenderingFund"
  | "crossSaleLiquidityFund"
  | "coreTeam"
  | "participators"
  | "advisers"
  | "angels"
  | "bounty";

const million = (n: number): bigint => BigInt(n) * 1_000_000n * 10n ** 18n;
const months = (value: number): FreezePeriod => ({ value, unit: "months" });

/** The table in the whitepaper's order. Never reorder: deployments emit `GenesisAllocated` in this order. */
export const GENESIS_FUNDS: readonly GenesisFund[] = Object.freeze([
  { id: "closedPreSale", name: "Closed pre-sale fund", amount: million(200), freeze: months(4) },
  { id: "tokenSale", name: "Token sale fund", amount: million(970), freeze: { value: 2, unit: "weeks" } },
  { id: "minersRenderingFund", name: "Miners rendering fund", amount: million(675), freeze: months(6) },
  { id: "crossSaleLiquidityFund", name: "Cross sale liquidity fund", amount: million(570), freeze: months(3) },
  { id: "coreTeam", name: "Core team", amount: million(300), freeze: months(12) },
  { id: "participators", name: "Participators", amount: million(90), freeze: months(12) },
  { id: "advisers", name: "Advisers", amount: million(90), freeze: months(12) },
  { id: "angels", name: "Angels", amount: million(90), freeze: months(12) },
  { id: "bounty", name: "Bounty fund", amount: million(15), freeze: months(1.5) },
] as const satisfies readonly GenesisFund[]);

/** One element of `MarkToken`'s constructor argument (`IMarkToken.Allocation`). */
export type GenesisAllocation = { readonly recipient: Address; readonly amount: bigint };

/** Who receives each fund: a complete map, or a function (e.g. `() => treasury` for one wallet). */
export type GenesisRecipients = Readonly<Record<GenesisFundId, string>> | ((fund: GenesisFund) => string);

/** Thrown when the recipients cannot form a valid genesis allocation; names the fund at fault. */
export class GenesisAllocationError extends MarkspaceError {
  override name = "GenesisAllocationError";
  readonly fund: GenesisFundId | undefined;

  constructor(message: string, fund?: GenesisFundId) {
    super({ shortMessage: message });
    this.fund = fund;
  }
}

/**
 * Builds `MarkToken`'s constructor argument: one `{ recipient, amount }` per fund, in table order.
 * Throws `GenesisAllocationError` when a fund has no recipient, a malformed one or the zero
 * address (the contract would reject the last with `MarkAllocationZeroRecipient`).
 */
export function buildGenesisAllocations(recipients: GenesisRecipients): GenesisAllocation[] {
  const recipientOf = typeof recipients === "function" ? recipients : (fund: GenesisFund) => recipients[fund.id];
  const lines = GENESIS_FUNDS.map((fund) => {
    const raw = recipientOf(fund);
    if (raw === undefined || raw === "") {
      throw new GenesisAllocationError(`Genesis fund "${fund.id}" has no recipient address`, fund.id);
    }
    if (!isAddress(raw, { strict: false })) {
      throw new GenesisAllocationError(
        `Genesis fund "${fund.id}" recipient is not an address: "${raw}" (expected 0x followed by 40 hex digits)`,
        fund.id,
      );
    }
    if (raw.toLowerCase() === zeroAddress) {
      throw new GenesisAllocationError(`Genesis fund "${fund.id}" recipient is the zero address`, fund.id);
    }
    return { recipient: getAddress(raw), amount: fund.amount };
  });
  const total = lines.reduce((sum, line) => sum + line.amount, 0n);
  if (total !== MRK_TOTAL_SUPPLY) {
    // Only reachable if the table above is edited wrongly; the contract would revert anyway.
    throw new GenesisAllocationError(`Genesis funds add up to ${total} wei, not the supply ${MRK_TOTAL_SUPPLY}`);
  }
  return lines;
}
