"use client";
/**
 * The wallet stack, loaded on demand (see `loadWalletStack.ts`): one wagmi configuration per
 * deployment, its hydration and reconnection (once per page load), and the connection published
 * to `walletSession.ts` for the pages that only need to know who is connected.
 */
import { useEffect } from "react";
import { Hydrate, type Config } from "wagmi";
import { getConnection, watchConnection } from "wagmi/actions";
import type { PublicAppConfig } from "../config/appConfig.ts";
import { createWagmiConfig } from "./createWagmiConfig.ts";
import { publishWalletSession } from "./walletSession.ts";

export { simulateContract, waitForTransactionReceipt, writeContract } from "wagmi/actions";

const configs = new Map<string, Config>();

/** The wagmi configuration for this deployment, the same object wherever it is asked for. */
export function walletConfig(config: PublicAppConfig): Config {
  const key = `${config.chainId} ${config.rpcUrl}`;
  let wagmiConfig = configs.get(key);
  if (!wagmiConfig) {
    wagmiConfig = createWagmiConfig(config);
    configs.set(key, wagmiConfig);
  }
  return wagmiConfig;
}

/**
 * Restores the stored connection (wagmi's `Hydrate`: storage, EIP-6963 wallets, reconnect) and
 * keeps `walletSession` current. Mounted once, beside the page, by `AppProviders`.
 */
export function WalletRuntime({ config }: { config: PublicAppConfig }) {
  const wagmiConfig = walletConfig(config);
  useEffect(() => {
    const publish = () => {
      const connection = getConnection(wagmiConfig);
      publishWalletSession({
        status: connection.status,
        address: connection.address,
        chainId: connection.chainId,
      });
    };
    publish();
    return watchConnection(wagmiConfig, { onChange: publish });
  }, [wagmiConfig]);
  return <Hydrate config={wagmiConfig}>{null}</Hydrate>;
}
