"use client";
/** A city page's one subgraph read, polled so purchases by anyone appear by themselves. */
import { useQuery } from "@tanstack/react-query";
import { useAppConfig } from "../../config/AppConfigContext.tsx";

type Fetch<T> = (params: { url: string; signal: AbortSignal }) => Promise<T>;

export function useSubgraphQuery<T>(key: readonly unknown[], fetch: Fetch<T>, refetchInterval = 5_000) {
  const { subgraphUrl } = useAppConfig();
  return useQuery({
    queryKey: ["city", subgraphUrl, ...key] as const,
    queryFn: ({ signal }) => fetch({ url: subgraphUrl, signal }),
    refetchInterval,
  });
}
