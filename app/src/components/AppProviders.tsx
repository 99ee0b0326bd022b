"use client";
/**
 * Client-side context for the whole app: runtime config and React Query. The wallet stack
 * (wagmi) is not part of it: it loads on demand and runs beside the page once loaded (see
 * `chain/loadWalletStack.ts`; sections that use wagmi's hooks wrap themselves in `WalletScope`).
 */
import { useEffect, useState, type ReactNode } from "react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { PublicAppConfig } from "../config/appConfig.ts";
import { AppConfigProvider } from "../config/AppConfigContext.tsx";
import { hasStoredWalletConnection, loadWalletStack, useLoadedWalletStack } from "../chain/loadWalletStack.ts";

export function AppProviders({ config, children }: { config: PublicAppConfig; children: ReactNode }) {
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: true, retry: 1 } } }),
  );
  return (
    <AppConfigProvider config={config}>
      <QueryClientProvider client={queryClient}>
        {children}
        <WalletRuntimeSlot config={config} />
      </QueryClientProvider>
    </AppConfigProvider>
  );
}

/** Runs the wallet stack once it is loaded; loads it at once when there is a connection to restore. */
function WalletRuntimeSlot({ config }: { config: PublicAppConfig }) {
  const stack = useLoadedWalletStack();
  useEffect(() => {
    if (hasStoredWalletConnection()) void loadWalletStack();
  }, []);
  return stack ? <stack.WalletRuntime config={config} /> : null;
}
