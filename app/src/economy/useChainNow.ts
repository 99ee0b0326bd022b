"use client";
/**
 * "Now" as the next block will see it, in unix seconds: the later of the wall clock and the
 * latest block's time (a local chain whose time was moved forward runs ahead of the wall clock).
 * Undefined until mounted, so server and client render the same first HTML.
 */
import { useEffect, useState } from "react";
import { useBlock } from "wagmi";
import { useAppConfig } from "../config/AppConfigContext.tsx";

export function useChainNow(): bigint | undefined {
  const { chainId } = useAppConfig();
  const block = useBlock({ chainId, query: { refetchInterval: 5_000 } });
  const [wall, setWall] = useState<bigint | undefined>(undefined);
  useEffect(() => {
    const tick = () => setWall(BigInt(Math.floor(Date.now() / 1000)));
    tick();
    const timer = setInterval(tick, 1_000);
    return () => clearInterval(timer);
  }, []);
  if (wall === undefined) return undefined;
  const latest = block.data?.timestamp;
  return latest !== undefined && latest > wall ? latest : wall;
}
