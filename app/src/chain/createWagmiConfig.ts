/**
 * The wagmi configuration for one deployment: a single chain reached through the configured
 * JSON-RPC, injected wallets (EIP-6963 discovery plus the legacy `window.ethereum`) and, on the
 * local chain only, the dev wallet.
 */
import { defineChain, type Chain } from "viem";
import { createConfig, http, injected, type Config } from "wagmi";
import type { PublicAppConfig } from "../config/appConfig.ts";
import { devWallet, LOCAL_CHAIN_ID } from "./devWallet.ts";

export function appChain(config: Pick<PublicAppConfig, "chainId" | "rpcUrl" | "network">): Chain {
  const local = config.chainId === LOCAL_CHAIN_ID;
  return defineChain({
    id: config.chainId,
    name: local ? "Markspace local chain" : `${config.network} (${config.chainId})`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [config.rpcUrl] } },
    testnet: local,
  });
}

export function createWagmiConfig(config: PublicAppConfig): Config {
  const chain = appChain(config);
  const local = config.chainId === LOCAL_CHAIN_ID;
  return createConfig({
    chains: [chain],
    connectors: local ? [injected(), devWallet({ chain, rpcUrl: config.rpcUrl })] : [injected()],
    transports: { [chain.id]: http(config.rpcUrl, { retryCount: 1 }) },
    multiInjectedProviderDiscovery: true,
    // The local chain mines at once; poll receipts quickly there.
    pollingInterval: local ? 500 : 4_000,
    ssr: true,
  });
}
