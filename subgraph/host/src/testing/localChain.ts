/**
 * An in-process Hardhat (EDR) chain for tests and the bench, with MarkToken and UnitRegistry
 * deployed in a fixed order (so addresses repeat after `hardhat_reset`).
 */
import hre from "hardhat";
import { custom, type Address, type Hex, type Transport } from "viem";
import { buildGenesisAllocations } from "../../../../contracts/token/genesis-allocation.ts";

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
    const registry = await viem.deployContract("UnitRegistry");
    const startBlock = Number((await publicClient.getBlockNumber()) - 1n);
    return { markToken, registry, startBlock };
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
