"use client";
/** The runtime configuration, handed from the server layout to every client component. */
import { createContext, useContext, type ReactNode } from "react";
import type { PublicAppConfig } from "./appConfig.ts";

const AppConfigContext = createContext<PublicAppConfig | null>(null);

export function AppConfigProvider({ config, children }: { config: PublicAppConfig; children: ReactNode }) {
  return <AppConfigContext.Provider value={config}>{children}</AppConfigContext.Provider>;
}

export function useAppConfig(): PublicAppConfig {
  const config = useContext(AppConfigContext);
  if (!config) throw new Error("useAppConfig must be used inside <AppConfigProvider> (the root layout sets it)");
  return config;
}
