/** The local chain: `hardhat node` (EDR) on the configured host and port. */
import { bins } from "../lib/bins.ts";
import { repoRoot } from "../lib/paths.ts";
import type { StackConfig } from "../lib/stack-config.ts";
import type { ServiceSpec } from "./supervisor.ts";

export function chainRpcUrl(config: StackConfig): string {
  return `http://${config.host}:${config.ports.chain}`;
}

export function chainService(config: StackConfig): ServiceSpec {
  const rpcUrl = chainRpcUrl(config);
  return {
    name: "chain",
    command: bins.node,
    args: [bins.hardhat, "node", "--hostname", config.host, "--port", String(config.ports.chain)],
    cwd: repoRoot,
    ready: { probe: () => rpcAnswers(rpcUrl) },
    // The chain is in memory: a new one would lack the contracts, the demo world and every
    // transaction since, and the subgraph's index would describe a chain that no longer exists.
    restart: {
      policy: "never",
      why: "the chain keeps every contract and transaction in memory, so a restarted one would be empty; start the stack again",
    },
  };
}

async function rpcAnswers(rpcUrl: string): Promise<boolean> {
  const response = await fetch(rpcUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
    signal: AbortSignal.timeout(2_000),
  });
  return response.ok;
}
