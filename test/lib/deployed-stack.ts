/**
 * What the chain-backed tests in `test/` stand on: everything `scripts/deploy.ts` deploys, on the
 * test file's in-process chain, indexed by the embedded subgraph host running the real mappings.
 * Each test file makes its own chain (`hre.network.connect()`) and passes the connection in.
 */
import type { NetworkConnection } from "hardhat/types/network";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { custom, getAddress, type Address, type Hex } from "viem";
import { expect } from "vitest";
import type { Deployment } from "@markspace/contracts/deployments";
import { signMrkPermit } from "@markspace/contracts/permit";
import { startSubgraphHost, type SubgraphHost } from "../../subgraph/host/src/index.ts";
import { graphql } from "../../subgraph/host/src/testing/localChain.ts";
import { buildMarkspaceSubgraph } from "../../subgraph/host/src/testing/subgraphBuilds.ts";
import { sourcesOf } from "../../subgraph/scripts/render-manifest.ts";
import { deploy } from "../../scripts/deploy.ts";

type Connection = NetworkConnection;
type WalletClient = Awaited<ReturnType<Connection["viem"]["getWalletClients"]>>[number];

export type DeployedStack = Awaited<ReturnType<typeof startDeployedStack>>;

/**
 * Deploys on `connection`'s chain, runs `beforeIndexing` (e.g. lending MRK, reading genesis
 * values) and starts the host; `stop` undoes it all, the connection included.
 */
export async function startDeployedStack(
  connection: Connection,
  name: string,
  beforeIndexing?: (deployment: Deployment) => Promise<void>,
) {
  const transport = custom(connection.provider);
  const publicClient = await connection.viem.getPublicClient();
  const outDir = await mkdtemp(join(tmpdir(), `markspace-${name}-`));
  let dataDir: string | undefined;
  let host: SubgraphHost | undefined;

  async function stop() {
    await host?.stop();
    await connection.close();
    for (const dir of [dataDir, outDir]) if (dir) await rm(dir, { recursive: true, force: true });
  }

  try {
    const { deployment } = await deploy({ transport, outDir });
    await beforeIndexing?.(deployment);
    const { buildDir } = await buildMarkspaceSubgraph(sourcesOf(deployment));
    dataDir = await mkdtemp(join(tmpdir(), `markspace-${name}-host-`));
    host = await startSubgraphHost({
      transport,
      buildDir,
      name: "markspace",
      dataDir,
      port: 0,
      pollIntervalMs: 20,
      log: () => {},
    });
    const started = host;

    /** A deployed contract's address, checksummed. */
    const address = (contract: keyof Deployment["contracts"]): Address =>
      getAddress(deployment.contracts[contract]!.address);

    /** Waits for a transaction, requires success, and gives its block and the block's time. */
    async function mined(hash: Promise<Hex>): Promise<{ block: number; timestamp: bigint }> {
      const receipt = await publicClient.waitForTransactionReceipt({ hash: await hash });
      expect(receipt.status).toBe("success");
      const block = await publicClient.getBlock({ blockNumber: receipt.blockNumber });
      return { block: Number(receipt.blockNumber), timestamp: block.timestamp };
    }

    /** A GraphQL answer from the host, failing the test on any error. */
    async function query<T>(text: string, variables?: Record<string, unknown>): Promise<T> {
      const { data, errors } = await graphql<T>(started.url, text, variables);
      expect(errors, JSON.stringify(errors)).toBeUndefined();
      return data!;
    }

    /** An EIP-2612 MRK permit for `spender` signed by `wallet`, as a land sale takes it. */
    const signPermit = (wallet: WalletClient, spender: Address, value: bigint) =>
      signMrkPermit({ publicClient, wallet, token: address("MarkToken"), spender, value });

    return { deployment, host: started, publicClient, transport, address, mined, query, signPermit, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
