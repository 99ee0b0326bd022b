"use client";
/**
 * Gives its children wagmi's hooks (`useReadContract`, `useConnect`, …) for sections whose pages
 * read the chain through them: unit, city and community pages, the wallet, claim, sale and
 * governance pages. It brings the wallet stack into that page's bundle and starts it; the other
 * pages never load it unless the wallet menu is opened (see `chain/loadWalletStack.ts`).
 */
import { useEffect, type ReactNode } from "react";
import { WagmiContext } from "wagmi";
import { useAppConfig } from "../config/AppConfigContext.tsx";
import { loadWalletStack } from "../chain/loadWalletStack.ts";
import { walletConfig } from "../chain/walletStack.tsx";

export function WalletScope({ children }: { children: ReactNode }) {
  const config = useAppConfig();
  useEffect(() => void loadWalletStack(), []);
  return <WagmiContext.Provider value={walletConfig(config)}>{children}</WagmiContext.Provider>;
}
