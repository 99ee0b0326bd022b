"use client";
/**
 * "Now" as the next block will see it, in unix seconds: the later of the wall clock and the
 * latest block's time (a local chain whose time was moved forward runs ahead of the wall clock).
 * Undefined until mounted, so server and client render the same first HTML.
 */
import { useEffect, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useAppConfig } from "../config/AppConfigContext.tsx";
import { fetchLatestBlockTime } from "../chain/fetchLatestBlockTime.ts";

export function useChainNow(): bigint | undefined {
  const { rpcUrl } = useAppConfig();
  const block = useQuery({
    queryKey: ["latest-block-time", rpcUrl] as const,
    queryFn: ({ signal }) => fetchLatestBlockTime({ rpcUrl, signal }),
    refetchInterval: 5_000,
  });
  const [wall, setWall] = useState<bigint | undefined>(undefined);
  useEffect(() => {
    const tick = () => setWall(BigInt(Math.floor(Date.now() / 1000)));
    tick();
    const timer = setInterval(tick, 1_000);
    return () => clearInterval(timer);
  }, []);
  if (wall === undefined) return undefined;
  const latest = block.data;
  return latest !== undefined && latest > wall ? latest : wall;
}
