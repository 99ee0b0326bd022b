/**
 * One unit's market as the subgraph shows it: its listings posted on chain and still active, its
 * rental listings recorded on chain, its current and past leases, the tenant ERC-4907 names and
 * the tenant's scene, and its last sales. Signed orders never posted are not here (see
 * `orderLink.ts`). The subgraph keeps a posted order's terms but not its salt: the full tuple a
 * purchase passes back is read from the posting event (`readPostedOrder.ts`).
 */
import { z } from "zod";
import { getAddress, type Address, type Hex } from "viem";
import { requestGraphql } from "../subgraph/requestGraphql.ts";

const LEASE_FIELDS = `
  id
  status
  lessor { id }
  tenant { id }
  agency { id }
  agentFeeBps
  penaltyBps
  pricePerDay
  deposit
  mayDecorate
  start
  expires
  daysPaid
  rentDays
  settledDays
  paid
  rentCredited
  refund
  depositSettled
  depositClaimed
  depositReturned
`;

export const UNIT_MARKET_QUERY = `
  query UnitMarket($unit: ID!, $unitRef: String!) {
    unit(id: $unit) {
      id
      owner
      transferCount
      tenant
      userExpires
      tenantContentCid
      leases(first: 5, orderBy: createdAtBlock, orderDirection: desc) { ${LEASE_FIELDS} }
      priceHistory(first: 5, orderBy: blockTimestamp, orderDirection: desc) {
        id
        price
        unitCount
        seller
        buyer
        blockTimestamp
      }
    }
    listings(where: { unit: $unitRef, status: Active }, orderBy: createdAtBlock, orderDirection: desc, first: 10) {
      id
      posted
      seller { id }
      price
      buyer
      agency
      agencyFeeBps
      deadline
      nonce
      counter
      createdAtBlock
    }
    rentalListings(where: { unit: $unitRef, status: Listed }, orderBy: createdAtBlock, orderDirection: desc, first: 10) {
      id
      posted
      owner { id }
      agent
      agentFeeBps
      pricePerDay
      minDays
      maxDays
      deposit
      penaltyBps
      mayDecorate
      deadline
      counter
      createdAtBlock
    }
  }
`;

const big = z.string().regex(/^\d+$/, "a decimal BigInt string").transform(BigInt);
const addr = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, "a 20-byte 0x address")
  .transform((value) => getAddress(value) as Address);
const account = z.object({ id: addr }).transform((value) => value.id);

const leaseSchema = z.object({
  id: z
    .string()
    .regex(/^0x[0-9a-fA-F]{64}$/)
    .transform((value) => value as Hex),
  status: z.enum(["Active", "EndedEarly"]),
  lessor: account,
  tenant: account,
  agency: account.nullable(),
  agentFeeBps: z.number().int(),
  penaltyBps: z.number().int(),
  pricePerDay: big,
  deposit: big,
  mayDecorate: z.boolean().nullable(),
  start: big,
  expires: big,
  daysPaid: z.number().int(),
  rentDays: z.number().int(),
  settledDays: z.number().int(),
  paid: big,
  rentCredited: big,
  refund: big.nullable(),
  depositSettled: z.boolean(),
  depositClaimed: big.nullable(),
  depositReturned: big.nullable(),
});

export type UnitLease = z.infer<typeof leaseSchema>;

const listingSchema = z.object({
  id: z.string(),
  posted: z.boolean(),
  seller: account,
  price: big.nullable(),
  buyer: addr.nullable(),
  agency: addr.nullable(),
  agencyFeeBps: z.number().int().nullable(),
  deadline: big.nullable(),
  nonce: z.number().int().nullable(),
  counter: big.nullable(),
  createdAtBlock: big,
});

const rentalListingSchema = z.object({
  id: z.string(),
  posted: z.boolean(),
  owner: account.nullable(),
  agent: addr.nullable(),
  agentFeeBps: z.number().int().nullable(),
  pricePerDay: big.nullable(),
  minDays: z.number().int().nullable(),
  maxDays: z.number().int().nullable(),
  deposit: big.nullable(),
  penaltyBps: z.number().int().nullable(),
  mayDecorate: z.boolean().nullable(),
  deadline: big.nullable(),
  counter: big.nullable(),
  createdAtBlock: big,
});

export const unitMarketDataSchema = z.object({
  unit: z
    .object({
      id: z.string(),
      owner: addr,
      transferCount: z.number().int(),
      tenant: addr.nullable(),
      userExpires: big.nullable(),
      tenantContentCid: z.string().nullable(),
      leases: z.array(leaseSchema),
      priceHistory: z.array(
        z.object({
          id: z.string(),
          price: big,
          unitCount: z.number().int(),
          seller: addr,
          buyer: addr,
          blockTimestamp: big,
        }),
      ),
    })
    .nullable(),
  listings: z.array(listingSchema),
  rentalListings: z.array(rentalListingSchema),
});

export type UnitMarketData = z.infer<typeof unitMarketDataSchema>;
export type UnitListingRow = UnitMarketData["listings"][number];
export type UnitRentalListingRow = UnitMarketData["rentalListings"][number];

export async function fetchUnitMarket(params: {
  url: string;
  unitId: bigint;
  signal?: AbortSignal | undefined;
}): Promise<UnitMarketData> {
  const id = params.unitId.toString();
  return requestGraphql({
    url: params.url,
    signal: params.signal,
    query: UNIT_MARKET_QUERY,
    variables: { unit: id, unitRef: id },
    schema: unitMarketDataSchema,
  });
}

/** The lease a unit's tenant holds now: the latest, when it has not ended (by time or early). */
export function runningLease(leases: readonly UnitLease[], now: bigint): UnitLease | undefined {
  const latest = leases[0];
  return latest && latest.status === "Active" && latest.expires > now ? latest : undefined;
}

const ZERO_ADDRESS = "0x0000000000000000000000000000000000000000" as Address;

/** `ILeaseBook.Lease` as the book stores its hash, rebuilt from the subgraph's record of it. */
export function leaseTuple(lease: UnitLease, unitId: bigint) {
  return {
    unitId,
    lessor: lease.lessor,
    tenant: lease.tenant,
    agent: lease.agency ?? ZERO_ADDRESS,
    agentFeeBps: lease.agentFeeBps,
    penaltyBps: lease.penaltyBps,
    pricePerDay: lease.pricePerDay,
    deposit: lease.deposit,
    start: Number(lease.start),
    end: Number(lease.expires),
    rentDays: lease.rentDays,
    settledDays: lease.settledDays,
    depositSettled: lease.depositSettled,
  } as const;
}
