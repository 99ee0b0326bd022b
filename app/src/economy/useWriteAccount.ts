"use client";
/** The connected account when it can send transactions here: connected and on the app's chain. */
import type { Address } from "viem";
import { useAppConfig } from "../config/AppConfigContext.tsx";
import { useWalletSession } from "../chain/walletSession.ts";

export type WriteAccount = {
  /** The connected address, whatever its chain (for reads). */
  account: Address | undefined;
  /** Connected but on another chain: writes would fail. */
  wrongChain: boolean;
  /** Connected on the right chain. */
  canWrite: boolean;
};

export function useWriteAccount(): WriteAccount {
  const { chainId } = useAppConfig();
  const connection = useWalletSession();
  const account = connection.status === "connected" ? connection.address : undefined;
  const wrongChain = account !== undefined && connection.chainId !== chainId;
  return { account, wrongChain, canWrite: account !== undefined && !wrongChain };
}
