"use client";
/**
 * The connected wallet as every page sees it, without loading the wallet stack: a small store
 * the wallet stack (`walletStack.tsx`, loaded on demand) publishes wagmi's connection into.
 * Until the stack is loaded nobody is connected, as in the server's HTML.
 */
import { useSyncExternalStore } from "react";
import type { Address } from "viem";

export type WalletSession = {
  status: "connected" | "connecting" | "reconnecting" | "disconnected";
  /** Set when connected. */
  address: Address | undefined;
  /** The wallet's chain when connected (may differ from the app's). */
  chainId: number | undefined;
};

const DISCONNECTED: WalletSession = { status: "disconnected", address: undefined, chainId: undefined };

let session = DISCONNECTED;
const listeners = new Set<() => void>();

/** Called by the wallet stack on every change of wagmi's connection. */
export function publishWalletSession(next: WalletSession): void {
  if (next.status === session.status && next.address === session.address && next.chainId === session.chainId) return;
  session = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The connected wallet; disconnected on the server and until the wallet stack has loaded. */
export function useWalletSession(): WalletSession {
  return useSyncExternalStore(
    subscribe,
    () => session,
    () => DISCONNECTED,
  );
}
