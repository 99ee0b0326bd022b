"use client";
/** Client-side context for the whole app: runtime config, React Query and wagmi built from it. */
import { useState, type ReactNode } from "react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { WagmiProvider } from "wagmi";
import type { PublicAppConfig } from "../config/appConfig.ts";
import { AppConfigProvider } from "../config/AppConfigContext.tsx";
import { createWagmiConfig } from "../chain/createWagmiConfig.ts";

export function AppProviders({ config, children }: { config: PublicAppConfig; children: ReactNode }) {
  const [wagmiConfig] = useState(() => createWagmiConfig(config));
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: true, retry: 1 } } }),
  );
  return (
    <AppConfigProvider config={config}>
      <WagmiProvider config={wagmiConfig}>
        <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
      </WagmiProvider>
    </AppConfigProvider>
  );
}
