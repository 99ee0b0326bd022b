"use client";
/** On a unit page: when the owner is a community's treasury, the community's name with a link to it. */
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { useAppConfig } from "../../config/AppConfigContext.tsx";
import { fetchCommunityName } from "../../community/communityQueries.ts";

export function CommunityOwnerBadge({ owner }: { owner: Address }) {
  const { subgraphUrl } = useAppConfig();
  const query = useQuery({
    queryKey: ["community-name", subgraphUrl, owner] as const,
    queryFn: ({ signal }) => fetchCommunityName({ url: subgraphUrl, signal, account: owner }),
    staleTime: 60_000,
  });
  if (!query.data) return null;
  return (
    <span data-testid="unit-owner-community" data-treasury={query.data.treasury}>
      {" "}
      · the treasury of the community <Link href={`/communities/${query.data.treasury}`}>{query.data.name}</Link>
    </span>
  );
}
