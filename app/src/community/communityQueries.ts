/**
 * The community pages' reads from the subgraph: the GraphQL documents with the zod schemas of
 * their answers, and one fetch function each. BigInt fields arrive as decimal strings and leave
 * as bigints; addresses arrive lower-case and leave checksummed. A community's id is its
 * treasury's address (lower-case hex).
 */
import { z } from "zod";
import { getAddress, type Address, type Hex } from "viem";
import { metaSchema } from "../subgraph/unitRecord.ts";
import { requestGraphql } from "../subgraph/requestGraphql.ts";

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

/** Communities per page of the directory. */
export const COMMUNITIES_PAGE_SIZE = 20;

const COMMUNITY_FIELDS = `id name symbol creator membership governor treasury mrkToken guardian
  votingDelay votingPeriod timelockDelay proposalThreshold quorumPercent joinPolicy membershipPrice
  memberCount mrkBalance ethBalance mrkDonated ethDonated proposalCount createdAtBlock createdAtTimestamp`;

export const communitySchema = z.object({
  id: z.string(),
  name: z.string(),
  symbol: z.string(),
  creator: address,
  membership: address,
  governor: address,
  treasury: address,
  mrkToken: address,
  guardian: address.nullable(),
  votingDelay: bigint,
  votingPeriod: bigint,
  timelockDelay: bigint,
  proposalThreshold: bigint,
  quorumPercent: bigint,
  joinPolicy: z.enum(["InviteOnly", "Purchase", "Open"]),
  membershipPrice: bigint,
  memberCount: z.number().int(),
  mrkBalance: bigint,
  ethBalance: bigint,
  mrkDonated: bigint,
  ethDonated: bigint,
  proposalCount: z.number().int(),
  createdAtBlock: bigint,
  createdAtTimestamp: bigint,
});

export type Community = z.infer<typeof communitySchema>;

// --- /communities -------------------------------------------------------------------------------

export const COMMUNITIES_QUERY = `query Communities($first: Int!, $skip: Int!) {
  communities(first: $first, skip: $skip, orderBy: createdAtBlock, orderDirection: desc) { ${COMMUNITY_FIELDS} }
  _meta { block { number } hasIndexingErrors }
}`;

export const communitiesDataSchema = z.object({ communities: z.array(communitySchema), _meta: metaSchema });

export type CommunitiesData = z.infer<typeof communitiesDataSchema>;

type Common = { url: string; signal?: AbortSignal | undefined; fetch?: typeof fetch };

/** A page of communities, newest first; asks one more than a page to know whether another follows. */
export function fetchCommunities(params: Common & { page: number }): Promise<CommunitiesData> {
  return requestGraphql({
    ...params,
    query: COMMUNITIES_QUERY,
    variables: { first: COMMUNITIES_PAGE_SIZE + 1, skip: (params.page - 1) * COMMUNITIES_PAGE_SIZE },
    schema: communitiesDataSchema,
  });
}

// --- /communities/<treasury> ------------------------------------------------------------------

/** How many rows of each list the community page shows. */
export const COMMUNITY_LIST_SIZE = 100;

export const COMMUNITY_QUERY = `query Community($id: ID!, $treasury: Bytes!, $first: Int!) {
  community(id: $id) {
    ${COMMUNITY_FIELDS}
    members(first: $first, where: { isMember: true }, orderBy: joinedAtTimestamp) {
      id account isMember joinRoute paid joinedAtTimestamp votes delegate
    }
    donations(first: $first, orderBy: blockNumber, orderDirection: desc) {
      id donor token amount blockNumber blockTimestamp transactionHash
    }
    movements(first: $first, orderBy: blockNumber, orderDirection: desc) {
      id kind direction token amount counterparty blockTimestamp transactionHash
    }
    events(first: $first, orderBy: startsAt, orderDirection: desc) {
      id eventId unitId startsAt price capacity sold revenue uri
      holdings(first: 200, where: { balance_gt: "0" }) { holder balance }
    }
    distributions(first: $first, orderBy: distributionId, orderDirection: desc) {
      id distributionId token amount claimed reclaimed timepoint claimUntil totalVotes claimCount
      claims(first: 200) { account amount }
    }
    proposals(first: $first, orderBy: proposalId, orderDirection: desc) {
      id proposalId proposer targets values calldatas description voteStart voteEnd
      forVotes againstVotes abstainVotes voteCount lastEventState eta createdAtBlock createdAtTimestamp
      votes(first: 200) { voter support weight reason }
    }
  }
  units(first: $first, where: { owner: $treasury }, orderBy: tokenId) { id tokenId address unitType contentCid }
  _meta { block { number } hasIndexingErrors }
}`;

export const communityMemberSchema = z.object({
  id: z.string(),
  account: address,
  isMember: z.boolean(),
  joinRoute: z.enum(["Founder", "Invited", "Purchased", "Open"]).nullable(),
  paid: bigint,
  joinedAtTimestamp: bigint.nullable(),
  votes: bigint,
  delegate: address.nullable(),
});

export type CommunityMember = z.infer<typeof communityMemberSchema>;

export const communityProposalSchema = z.object({
  id: z.string(),
  proposalId: bigint,
  proposer: address,
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
  votes: z.array(z.object({ voter: address, support: z.number().int(), weight: bigint, reason: z.string() })),
});

export type CommunityProposal = z.infer<typeof communityProposalSchema>;

export const communityDetailSchema = communitySchema.extend({
  members: z.array(communityMemberSchema),
  donations: z.array(
    z.object({
      id: z.string(),
      donor: address,
      token: address,
      amount: bigint,
      blockNumber: bigint,
      blockTimestamp: bigint,
      transactionHash: hex,
    }),
  ),
  movements: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(["Donation", "Membership", "TicketSales", "ExecutedCall", "Distribution", "DistributionReclaim"]),
      direction: z.enum(["In", "Out"]),
      token: address,
      amount: bigint,
      counterparty: address,
      blockTimestamp: bigint,
      transactionHash: hex,
    }),
  ),
  events: z.array(
    z.object({
      id: z.string(),
      eventId: bigint,
      unitId: bigint,
      startsAt: bigint,
      price: bigint,
      capacity: z.number().int(),
      sold: z.number().int(),
      revenue: bigint,
      uri: z.string(),
      holdings: z.array(z.object({ holder: address, balance: bigint })),
    }),
  ),
  distributions: z.array(
    z.object({
      id: z.string(),
      distributionId: bigint,
      token: address,
      amount: bigint,
      claimed: bigint,
      reclaimed: bigint,
      timepoint: bigint,
      claimUntil: bigint,
      totalVotes: bigint,
      claimCount: z.number().int(),
      claims: z.array(z.object({ account: address, amount: bigint })),
    }),
  ),
  proposals: z.array(communityProposalSchema),
});

export type CommunityDetail = z.infer<typeof communityDetailSchema>;

export const communityUnitSchema = z.object({
  id: z.string(),
  tokenId: bigint,
  address: z.string(),
  unitType: z.string(),
  contentCid: z.string().nullable(),
});

export type CommunityUnit = z.infer<typeof communityUnitSchema>;

export const communityDataSchema = z.object({
  community: communityDetailSchema.nullable(),
  units: z.array(communityUnitSchema),
  _meta: metaSchema,
});

export type CommunityData = z.infer<typeof communityDataSchema>;

/** One community by its treasury address, with its members, treasury, events, distributions and proposals. */
export function fetchCommunity(params: Common & { treasury: Address }): Promise<CommunityData> {
  const id = params.treasury.toLowerCase();
  return requestGraphql({
    ...params,
    query: COMMUNITY_QUERY,
    variables: { id, treasury: id, first: COMMUNITY_LIST_SIZE },
    schema: communityDataSchema,
  });
}

// --- the community owning a unit (unit page) ------------------------------------------------

export const COMMUNITY_NAME_QUERY = `query CommunityName($id: ID!) { community(id: $id) { id name treasury } }`;

export const communityNameDataSchema = z.object({
  community: z.object({ id: z.string(), name: z.string(), treasury: address }).nullable(),
});

/** The community whose treasury is `account`, or null when `account` is no community's treasury. */
export async function fetchCommunityName(
  params: Common & { account: Address },
): Promise<{ name: string; treasury: Address } | null> {
  const data = await requestGraphql({
    ...params,
    query: COMMUNITY_NAME_QUERY,
    variables: { id: params.account.toLowerCase() },
    schema: communityNameDataSchema,
  });
  return data.community;
}
