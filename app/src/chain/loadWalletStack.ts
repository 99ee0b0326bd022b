"use client";
/**
 * Loads the wallet stack (wagmi, viem's clients, the connectors, the dev wallet) on demand: when
 * the wallet menu opens, a page that uses wallet hooks mounts, a transaction is sent, or on start
 * when this browser connected a wallet before (to restore the connection). Pages that only read
 * the subgraph never load it.
 */
import { useSyncExternalStore } from "react";

export type WalletStack = typeof import("./walletStack.tsx");

let loading: Promise<WalletStack> | undefined;
let loaded: WalletStack | undefined;
const listeners = new Set<() => void>();

export function loadWalletStack(): Promise<WalletStack> {
  loading ??= import("./walletStack.tsx").then((stack) => {
    loaded = stack;
    for (const listener of listeners) listener();
    return stack;
  });
  return loading;
}

/** The wallet stack once loaded (re-renders when it arrives); undefined before. */
export function useLoadedWalletStack(): WalletStack | undefined {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => loaded,
    () => undefined,
  );
}

/**
 * Whether this browser has a wallet connection to restore: wagmi notes the last connector it
 * connected (`wagmi.recentConnectorId` in localStorage, the key its `reconnect` reads).
 */
export function hasStoredWalletConnection(): boolean {
  try {
    return window.localStorage.getItem("wagmi.recentConnectorId") !== null;
  } catch {
    return false;
  }
}
