/**
 * Rental listings of `LeaseBook`: the EIP-712 typed data an owner (or its agency) signs to offer a
 * unit for rent, and the tuple `rent` takes. A listing's EIP-712 digest is also the id of the
 * lease it becomes. LeaseBook's domain is name "Markspace LeaseBook", version "1". Browser-safe:
 * viem only.
 */
import type { Address } from "viem";

export const LEASE_LISTING_TYPES = {
  Listing: [
    { name: "unitId", type: "uint256" },
    { name: "owner", type: "address" },
    { name: "transferCount", type: "uint32" },
    { name: "agent", type: "address" },
    { name: "agentFeeBps", type: "uint16" },
    { name: "pricePerDay", type: "uint96" },
    { name: "minDays", type: "uint16" },
    { name: "maxDays", type: "uint16" },
    { name: "deposit", type: "uint96" },
    { name: "penaltyBps", type: "uint16" },
    { name: "mayDecorate", type: "bool" },
    { name: "counter", type: "uint64" },
    { name: "deadline", type: "uint64" },
    { name: "salt", type: "uint256" },
  ],
} as const;

/** `ILeaseBook.Listing`: an offer to rent out one unit (see the interface for each field). */
export type LeaseListing = {
  unitId: bigint;
  /** The unit's owner, who signs (or lists on chain) and is the lessor. */
  owner: Address;
  /** `UnitRegistry.transferCount(unitId)` now: a transfer kills the listing. */
  transferCount: number;
  /** An agency earning `agentFeeBps` of the rent; the zero address for none. */
  agent: Address;
  agentFeeBps: number;
  /** MRK wei per day. */
  pricePerDay: bigint;
  minDays: number;
  maxDays: number;
  /** MRK wei, returned after the lease unless the lessor claims on it. */
  deposit: bigint;
  /** Share of the unused rent the lessor keeps when the tenant ends early, in basis points. */
  penaltyBps: number;
  mayDecorate: boolean;
  /** `LeaseBook.counterOf(owner)` now: `incrementCounter` cancels every older listing. */
  counter: bigint;
  /** Unix seconds; the last second the listing may be rented. */
  deadline: bigint;
  salt: bigint;
};

export type LeaseListingTypedDataParameters = {
  /** The LeaseBook's address. */
  book: Address;
  chainId: number;
  listing: LeaseListing;
};

/** The typed data to pass to `signTypedData` (viem's wallet client or wagmi's action), or `hashTypedData`. */
export function leaseListingTypedData({ book, chainId, listing }: LeaseListingTypedDataParameters) {
  return {
    domain: { name: "Markspace LeaseBook", version: "1", chainId, verifyingContract: book },
    types: LEASE_LISTING_TYPES,
    primaryType: "Listing" as const,
    message: listing,
  };
}

/** `ILeaseBook.Lease`: a running or past lease, as `claimRent`, `endLease` and the deposit calls take it. */
export type LeaseState = {
  unitId: bigint;
  lessor: Address;
  tenant: Address;
  agent: Address;
  agentFeeBps: number;
  penaltyBps: number;
  pricePerDay: bigint;
  deposit: bigint;
  /** Unix seconds. */
  start: number;
  /** Unix seconds; the lease is over from this second. */
  end: number;
  rentDays: number;
  settledDays: number;
  depositSettled: boolean;
};

/** The arguments of a `Leased` event, as viem decodes them. */
export type LeasedEventArgs = {
  unitId: bigint;
  tenant: Address;
  lessor: Address;
  agent: Address;
  agentFeeBps: number;
  penaltyBps: number;
  pricePerDay: bigint;
  deposit: bigint;
  rentDays: number;
};

const DAY_SECONDS = 86_400;

/**
 * The `Lease` a `Leased` event started, in the block at `blockTimestamp` (unix seconds): the event
 * carries only what the block does not tell (see `ILeaseBook.Leased`).
 */
export function leaseFromLeased(args: LeasedEventArgs, blockTimestamp: bigint | number): LeaseState {
  const start = Number(blockTimestamp);
  return {
    unitId: args.unitId,
    lessor: args.lessor,
    tenant: args.tenant,
    agent: args.agent,
    agentFeeBps: args.agentFeeBps,
    penaltyBps: args.penaltyBps,
    pricePerDay: args.pricePerDay,
    deposit: args.deposit,
    start,
    end: start + args.rentDays * DAY_SECONDS,
    rentDays: args.rentDays,
    settledDays: 0,
    depositSettled: args.deposit === 0n,
  };
}
