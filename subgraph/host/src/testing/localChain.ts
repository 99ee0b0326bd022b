/**
 * An in-process Hardhat (EDR) chain for tests and the bench, with MarkToken, MarkParameters and
 * the land registry with its free claim deployed in a fixed order (so addresses repeat after a
 * reset). The first account deploys and owns everything.
 */
import hre from "hardhat";
import { custom, type Address, type Hex, type Transport } from "viem";
import { buildGenesisAllocations } from "../../../../contracts/token/genesis-allocation.ts";
import { parameterDefinitions } from "../../../../contracts/governance/parameters.ts";

/** The registry's marker for a land office without a mint cap. */
const UNLIMITED = 2n ** 64n - 1n;

export type LocalChain = Awaited<ReturnType<typeof connectLocalChain>>;

export async function connectLocalChain() {
  const connection = await hre.network.connect();
  const { viem, provider } = connection;
  const publicClient = await viem.getPublicClient();
  const wallets = await viem.getWalletClients();
  const transport: Transport = custom(provider);
  // EDR in Hardhat 3 does not implement hardhat_reset; reverting to a snapshot of the empty
  // chain has the same effect on an indexer (the head drops below everything it indexed).
  let genesis = (await provider.request({ method: "evm_snapshot", params: [] })) as Hex;

  async function deploy() {
    const deployer = wallets[0]!.account.address;
    const markToken = await viem.deployContract("MarkToken", [buildGenesisAllocations(() => deployer)]);
    const firstBlock = Number(await publicClient.getBlockNumber());
    const markParameters = await viem.deployContract("MarkParameters", [
      deployer,
      parameterDefinitions(),
      "0x0000000000000000000000000000000000000000",
    ]);
    const accessManager = await viem.deployContract("MarkAccessManager", [deployer]);
    // Free claims open without a cap; the deployer is a land office, so tests can mint any unit.
    const registry = await viem.deployContract("UnitRegistry", [
      accessManager.address,
      markParameters.address,
      "0x0000000000000000000000000000000000000000",
      UNLIMITED,
      [deployer],
      [UNLIMITED],
      "0x0000000000000000000000000000000000000000",
    ]);
    const startBlock = Number(await publicClient.getBlockNumber());
    /** The registry as account `wallet` (0 is the deployer). */
    const registryAs = (wallet: number) =>
      viem.getContractAt("UnitRegistry", registry.address, { client: { wallet: wallets[wallet]! } });
    return { markToken, markParameters, registry, registryAs, firstBlock, startBlock };
  }

  async function rpc<T>(method: string, params: unknown[] = []): Promise<T> {
    return (await provider.request({ method, params })) as T;
  }

  return {
    connection,
    viem,
    publicClient,
    wallets,
    transport,
    deploy,
    snapshot: () => rpc<Hex>("evm_snapshot"),
    revert: (id: Hex) => rpc<boolean>("evm_revert", [id]),
    mine: async (blocks = 1) => {
      for (let i = 0; i < blocks; i++) await rpc("evm_mine");
    },
    /** Back to the empty chain: every block after genesis disappears. */
    resetToGenesis: async () => {
      await rpc("evm_revert", [genesis]);
      genesis = await rpc<Hex>("evm_snapshot");
    },
    blockNumber: async () => Number(await publicClient.getBlockNumber()),
    waitForReceipt: (hash: Hex) => publicClient.waitForTransactionReceipt({ hash }),
    close: () => connection.close(),
    accounts: wallets.map((w) => w.account.address) as Address[],
  };
}

/** Posts a GraphQL query and returns the parsed JSON body. */
export async function graphql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
): Promise<{ data?: T; errors?: Array<{ message: string }> }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: T; errors?: Array<{ message: string }> };
}
