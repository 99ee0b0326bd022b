/**
 * The GraphQL documents of the MRK economy pages (token, sale, wallet, governance), each with
 * the zod schema of its answer. BigInt fields arrive as decimal strings and leave as bigints;
 * addresses arrive lower-case and leave checksummed.
 */
import { z } from "zod";
import { getAddress, type Address, type Hex } from "viem";
import { metaSchema } from "./unitRecord.ts";

const bigint = z
  .string()
  .regex(/^-?\d+$/, "a decimal BigInt string")
  .transform((value) => BigInt(value));
const address = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, "a 20-byte 0x address")
  .transform((value): Address => getAddress(value));
const hex = z
  .string()
  .regex(/^0x[0-9a-fA-F]*$/, "0x-prefixed hex")
  .transform((value) => value as Hex);

// --- /token -----------------------------------------------------------------------------------

export const TOKEN_FUNDS_QUERY = `query TokenFunds($token: ID!) {
  token(id: $token) { totalSupply fundCount }
  funds(orderBy: index, first: 20) { id index name amount releaseAt beneficiary released balance }
  _meta { block { number } hasIndexingErrors }
}`;

export const fundSchema = z.object({
  id: address,
  index: z.number().int(),
  name: z.string(),
  amount: bigint,
  releaseAt: bigint,
  beneficiary: address.nullable(),
  released: bigint,
  balance: bigint,
});

export type Fund = z.infer<typeof fundSchema>;

export const tokenFundsDataSchema = z.object({
  token: z.object({ totalSupply: bigint, fundCount: z.number().int() }).nullable(),
  funds: z.array(fundSchema),
  _meta: metaSchema,
});

export type TokenFunds = z.infer<typeof tokenFundsDataSchema>;

// --- /sale ------------------------------------------------------------------------------------

export const SALE_QUERY = `query Sale($sale: ID!) {
  sale(id: $sale) {
    opensAt closesAt tokensReleaseAt cap sold tokensLeft weiRaised usdRaised currentStage purchaseCount finalized
    stages(orderBy: index) { index discountBps priceUsd size sold left }
  }
  _meta { block { number } hasIndexingErrors }
}`;

export const saleStageSchema = z.object({
  index: z.number().int(),
  discountBps: z.number().int(),
  priceUsd: bigint,
  size: bigint,
  sold: bigint,
  left: bigint,
});

export type SaleStage = z.infer<typeof saleStageSchema>;

export const saleSchema = z.object({
  opensAt: bigint,
  closesAt: bigint,
  tokensReleaseAt: bigint,
  cap: bigint,
  sold: bigint,
  tokensLeft: bigint,
  weiRaised: bigint,
  usdRaised: bigint,
  currentStage: z.number().int(),
  purchaseCount: z.number().int(),
  finalized: z.boolean(),
  stages: z.array(saleStageSchema),
});

export type Sale = z.infer<typeof saleSchema>;

export const saleDataSchema = z.object({ sale: saleSchema.nullable(), _meta: metaSchema });

// --- /wallet ----------------------------------------------------------------------------------

/** How many transfers and purchases the wallet's history shows. */
export const HISTORY_SIZE = 50;

export const ACCOUNT_HISTORY_QUERY = `query AccountHistory($account: ID!, $first: Int!) {
  account(id: $account) {
    mrkBalance wrappedBalance votes saleClaimable delegate { id }
    mrkSent(first: $first, orderBy: blockNumber, orderDirection: desc) { id from to value blockNumber blockTimestamp transactionHash }
    mrkReceived(first: $first, orderBy: blockNumber, orderDirection: desc) { id from to value blockNumber blockTimestamp transactionHash }
    purchases(first: $first, orderBy: blockNumber, orderDirection: desc) { id tokens weiPaid usdValue firstStage lastStage claimable blockNumber blockTimestamp transactionHash }
  }
  _meta { block { number } hasIndexingErrors }
}`;

const mrkTransferSchema = z.object({
  id: z.string(),
  from: address,
  to: address,
  value: bigint,
  blockNumber: bigint,
  blockTimestamp: bigint,
  transactionHash: hex,
});

export type MrkTransfer = z.infer<typeof mrkTransferSchema>;

const purchaseSchema = z.object({
  id: z.string(),
  tokens: bigint,
  weiPaid: bigint,
  usdValue: bigint,
  firstStage: z.number().int(),
  lastStage: z.number().int(),
  claimable: z.boolean(),
  blockNumber: bigint,
  blockTimestamp: bigint,
  transactionHash: hex,
});

export type SalePurchase = z.infer<typeof purchaseSchema>;

export const accountHistoryDataSchema = z.object({
  account: z
    .object({
      mrkBalance: bigint,
      wrappedBalance: bigint,
      votes: bigint,
      saleClaimable: bigint,
      delegate: z.object({ id: address }).nullable(),
      mrkSent: z.array(mrkTransferSchema),
      mrkReceived: z.array(mrkTransferSchema),
      purchases: z.array(purchaseSchema),
    })
    .nullable(),
  _meta: metaSchema,
});

export type AccountHistory = z.infer<typeof accountHistoryDataSchema>;

// --- /governance ------------------------------------------------------------------------------

/** How many proposals the governance page lists, newest first. */
export const PROPOSALS_PAGE_SIZE = 50;

export const GOVERNANCE_QUERY = `query Governance($first: Int!) {
  governance(id: "platform") {
    votingDelay votingPeriod timelockDelay proposalThreshold quorumNumerator wrappedSupply proposalCount
  }
  parameters(first: 100, orderBy: name) { id name min max value updatedAtBlock }
  proposals(first: $first, orderBy: createdAtBlock, orderDirection: desc) {
    id proposalId proposer { id } targets values calldatas description voteStart voteEnd
    forVotes againstVotes abstainVotes voteCount lastEventState eta createdAtBlock createdAtTimestamp
  }
  _meta { block { number } hasIndexingErrors }
}`;

export const parameterSchema = z.object({
  id: hex,
  name: z.string(),
  min: bigint,
  max: bigint,
  value: bigint,
  updatedAtBlock: bigint,
});

export type Parameter = z.infer<typeof parameterSchema>;

export const proposalSchema = z.object({
  id: z.string(),
  proposalId: bigint,
  proposer: z.object({ id: address }),
  targets: z.array(address),
  values: z.array(bigint),
  calldatas: z.array(hex),
  description: z.string(),
  voteStart: bigint,
  voteEnd: bigint,
  forVotes: bigint,
  againstVotes: bigint,
  abstainVotes: bigint,
  voteCount: z.number().int(),
  lastEventState: z.enum(["PENDING", "QUEUED", "EXECUTED", "CANCELED"]),
  eta: bigint.nullable(),
  createdAtBlock: bigint,
  createdAtTimestamp: bigint,
});

export type Proposal = z.infer<typeof proposalSchema>;

export const governanceDataSchema = z.object({
  governance: z
    .object({
      votingDelay: bigint,
      votingPeriod: bigint,
      timelockDelay: bigint,
      proposalThreshold: bigint,
      quorumNumerator: bigint,
      wrappedSupply: bigint,
      proposalCount: z.number().int(),
    })
    .nullable(),
  parameters: z.array(parameterSchema),
  proposals: z.array(proposalSchema),
  _meta: metaSchema,
});

export type GovernanceData = z.infer<typeof governanceDataSchema>;
