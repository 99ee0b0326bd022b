"use client";
/** The community pages' subgraph reads, polled so changes by anyone appear by themselves. */
import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { useAppConfig } from "../../config/AppConfigContext.tsx";
import { fetchCommunities, fetchCommunity } from "../../community/communityQueries.ts";
import type { CommunityContracts } from "../../community/proposalTemplates.ts";
import type { Community } from "../../community/communityQueries.ts";

export const COMMUNITY_POLL_MS = 5_000;

export function useCommunities(page: number) {
  const { subgraphUrl } = useAppConfig();
  return useQuery({
    queryKey: ["communities", subgraphUrl, page] as const,
    queryFn: ({ signal }) => fetchCommunities({ url: subgraphUrl, signal, page }),
    refetchInterval: COMMUNITY_POLL_MS,
  });
}

export function useCommunity(treasury: Address) {
  const { subgraphUrl } = useAppConfig();
  return useQuery({
    queryKey: ["community", subgraphUrl, treasury] as const,
    queryFn: ({ signal }) => fetchCommunity({ url: subgraphUrl, signal, treasury }),
    refetchInterval: COMMUNITY_POLL_MS,
  });
}

/** The addresses a community's proposals call: the platform's contracts and its own three. */
export function useCommunityContracts(community: Community): CommunityContracts {
  const { contracts } = useAppConfig();
  return {
    markToken: contracts.markToken,
    unitRegistry: contracts.unitRegistry,
    unitSale: contracts.unitSale,
    unitExchange: contracts.unitExchange,
    leaseBook: contracts.leaseBook,
    tickets: contracts.communityTickets,
    distributions: contracts.communityDistributions,
    membership: community.membership,
    governor: community.governor,
    treasury: community.treasury,
  };
}
