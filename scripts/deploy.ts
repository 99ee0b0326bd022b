/**
 * Deploys every deployed contract of the registry (`contracts/registry.ts`), in its order and
 * with its constructor arguments, to any JSON-RPC chain and records where each lives in
 * `contracts/deployments/<chainId>.json` (the record every other layer reads through
 * `@markspace/contracts/deployments`).
 *
 *   npx tsx scripts/deploy.ts --rpc-url http://127.0.0.1:8545 [--network hardhat] [--out-dir DIR]
 *
 * The deployer key comes from MARKSPACE_DEPLOYER_KEY; on the local chain (31337) it defaults
 * to the first well-known test account. The genesis funds' locks pay the governance treasury
 * (MarkTreasury) unless MARKSPACE_TREASURY names another beneficiary; on chains other than the
 * local one MARKSPACE_ETH_USD_FEED names Chainlink's ETH/USD feed for the sale. MARKSPACE_APP_URL
 * is the app's public URL, which every unit's metadata links to (the local chain links to the local app).
 */
import { MarkspaceError } from "@markspace/common/errors";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { parseArgs } from "node:util";
import {
  createPublicClient,
  createWalletClient,
  getAddress,
  getContractAddress,
  http,
  type Address,
  type Hex,
  type Transport,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { z } from "zod";
import { deploymentPath, deploymentSchema, deploymentsDir, type Deployment } from "@markspace/contracts/deployments";
import {
  contractOf,
  contractRegistry,
  isDeployedOn,
  registryProblems,
  type ContractRegistry,
  type DeployContext,
} from "@markspace/contracts/registry";
import { readArtifact } from "./lib/artifacts.ts";
import { LOCAL_CHAIN_ID, TEST_ACCOUNT_KEYS } from "./lib/test-accounts.ts";

export type DeployParameters = (
  | { rpcUrl: string; transport?: undefined }
  /** An in-process chain (tests), or any viem transport. */
  | { transport: Transport; rpcUrl?: undefined }
) & {
  deployerKey?: Hex;
  /** Beneficiary of every genesis fund's lock; defaults to the governance treasury (`MarkTreasury`). */
  treasury?: Address;
  /** Chainlink's ETH/USD feed for the sale; required on chains other than the local one. */
  ethUsdFeed?: Address;
  /** The app's public URL, linked from every unit's metadata; the local chain defaults to the local app. */
  appUrl?: string;
  /** Network name recorded for the subgraph manifest; defaults to `hardhat` on 31337. */
  network?: string;
  outDir?: string;
  /** Which contracts to deploy; default the project's registry. */
  registry?: ContractRegistry;
  log?: (line: string) => void;
};

export type DeployReturnType = { deployment: Deployment; path: string };

/** Thrown when a deployment cannot be made or recorded; names the contract at fault. */
export class DeployError extends MarkspaceError {
  override name = "DeployError";
}

export async function deploy(params: DeployParameters): Promise<DeployReturnType> {
  const log = params.log ?? (() => {});
  const registry = params.registry ?? contractRegistry;
  const problems = registryProblems(registry);
  if (problems.length) throw new DeployError({ shortMessage: `Contract registry: ${problems.join("; ")}` });
  const transport = params.transport ?? http(params.rpcUrl);
  const publicClient = createPublicClient({ transport });
  const chainId = await publicClient.getChainId();
  const deployerKey = params.deployerKey ?? (chainId === LOCAL_CHAIN_ID ? TEST_ACCOUNT_KEYS[0] : undefined);
  if (!deployerKey)
    throw new DeployError({
      shortMessage: `Chain ${chainId} is not the local chain (${LOCAL_CHAIN_ID}), so there is no default deployer key`,
      hint: "Set MARKSPACE_DEPLOYER_KEY to the deployer's private key.",
    });
  const account = privateKeyToAccount(deployerKey);
  const wallet = createWalletClient({ account, transport });

  const isLocalChain = chainId === LOCAL_CHAIN_ID;
  const entries = registry.filter((entry) => isDeployedOn(entry, isLocalChain));
  // One transaction per entry from the deployer, so every address is known before the first:
  // contracts that name each other are deployed without set-up transactions afterwards.
  const firstNonce = await publicClient.getTransactionCount({ address: account.address, blockTag: "pending" });
  const predicted = new Map(
    entries.map((entry, i) => [
      entry.name,
      getContractAddress({ from: account.address, nonce: BigInt(firstNonce + i) }),
    ]),
  );
  const latest = await publicClient.getBlock({ blockTag: "latest" });
  const deployed = new Map<string, { address: Address; startBlock: number }>();
  const context: DeployContext = {
    chainId,
    isLocalChain,
    deployer: account.address,
    treasury: params.treasury ?? predicted.get("MarkTreasury") ?? account.address,
    genesisTime: latest.timestamp,
    ethUsdFeed: params.ethUsdFeed,
    appUrl: params.appUrl,
    addressOf: (name) => {
      const address = predicted.get(name);
      if (!address)
        throw new DeployError({
          shortMessage: `Constructor arguments ask for the address of ${name}, which this deployment does not deploy`,
          hint: `In contracts/registry.ts, give ${name} a \`deploy\` entry (not \`onlyLocal\` if this is not the local chain).`,
        });
      return address;
    },
  };

  // Every constructor argument is made before the first transaction (addresses are known), so
  // a missing setting stops the deployment before anything lands on chain.
  const argsOf = entries.map((entry) => {
    try {
      return entry.deploy.args?.(context) ?? [];
    } catch (cause) {
      if (cause instanceof DeployError) throw cause;
      throw new DeployError({
        shortMessage: `Constructor arguments of ${entry.name} could not be made: ${cause instanceof Error ? cause.message : String(cause)}`,
        cause,
      });
    }
  });

  for (const [i, entry] of entries.entries()) {
    const { abi, bytecode } = await readArtifact(entry.source, contractOf(entry));
    const args = argsOf[i]!;
    const nonce = firstNonce + i;
    const hash = await wallet.deployContract({ abi, bytecode, args, account, chain: null, nonce });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success" || !receipt.contractAddress)
      throw new DeployError({ shortMessage: `Deploying ${entry.name} failed (tx ${hash})` });
    const address = getAddress(receipt.contractAddress);
    if (address !== predicted.get(entry.name))
      throw new DeployError({
        shortMessage: `${entry.name} landed at ${address}, not at the predicted ${predicted.get(entry.name)}`,
        hint: "Another transaction from the deployer account ran during the deployment; deploy from an account nothing else uses.",
      });
    deployed.set(entry.name, { address, startBlock: Number(receipt.blockNumber) });
    log(`deployed ${entry.name} at ${address} (block ${receipt.blockNumber}, ${receipt.gasUsed} gas)`);
  }

  const parsed = deploymentSchema.safeParse({
    chainId,
    network: params.network ?? (chainId === LOCAL_CHAIN_ID ? "hardhat" : `chain-${chainId}`),
    contracts: Object.fromEntries(deployed),
  });
  if (!parsed.success)
    throw new DeployError({
      shortMessage: `The deployment record would be invalid: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
      hint: "Every contract with `deploy` in contracts/registry.ts must be deployed by this run.",
    });
  const deployment = parsed.data;
  const path = deploymentPath(chainId, params.outDir ?? deploymentsDir);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, JSON.stringify(deployment, null, 2) + "\n");
  log(`recorded ${path}`);
  return { deployment, path };
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  const { values } = parseArgs({
    options: {
      "rpc-url": { type: "string", default: process.env.MARKSPACE_RPC_URL ?? "http://127.0.0.1:8545" },
      network: { type: "string" },
      "out-dir": { type: "string" },
    },
  });
  const env = z
    .object({
      MARKSPACE_DEPLOYER_KEY: z
        .custom<Hex>(
          (key) => typeof key === "string" && /^0x[0-9a-fA-F]{64}$/.test(key),
          "a 0x-prefixed 32-byte hex key",
        )
        .optional(),
      MARKSPACE_TREASURY: z
        .string()
        .regex(/^0x[0-9a-fA-F]{40}$/, "an 0x-prefixed address")
        .transform((address) => getAddress(address))
        .optional(),
      MARKSPACE_ETH_USD_FEED: z
        .string()
        .regex(/^0x[0-9a-fA-F]{40}$/, "an 0x-prefixed address")
        .transform((address) => getAddress(address))
        .optional(),
      MARKSPACE_APP_URL: z.url({ protocol: /^https?$/ }).optional(),
    })
    .safeParse(process.env);
  if (!env.success) {
    console.error(`deploy: ${env.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    process.exit(2);
  }
  try {
    await deploy({
      rpcUrl: values["rpc-url"],
      deployerKey: env.data.MARKSPACE_DEPLOYER_KEY,
      treasury: env.data.MARKSPACE_TREASURY,
      ethUsdFeed: env.data.MARKSPACE_ETH_USD_FEED,
      appUrl: env.data.MARKSPACE_APP_URL,
      network: values.network,
      outDir: values["out-dir"],
      log: (line) => console.log(`deploy: ${line}`),
    });
  } catch (error) {
    console.error(`deploy: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
