/**
 * Deploys MarkToken and UnitRegistry to any JSON-RPC chain and records where they live in
 * `contracts/deployments/<chainId>.json` (the record every other layer reads through
 * `@markspace/contracts/deployments`).
 *
 *   npx tsx scripts/deploy.ts --rpc-url http://127.0.0.1:8545 [--network hardhat]
 *
 * The deployer key comes from MARKSPACE_DEPLOYER_KEY; on the local chain (31337) it defaults
 * to the first well-known test account. Genesis MRK goes to the deployer unless
 * MARKSPACE_TREASURY names another recipient for every fund.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { parseArgs } from "node:util";
import { createPublicClient, createWalletClient, getAddress, http, type Address, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { z } from "zod";
import { deploymentPath, deploymentSchema, deploymentsDir, type Deployment } from "@markspace/contracts/deployments";
import { buildGenesisAllocations } from "../contracts/token/genesis-allocation.ts";
import { readArtifact } from "./lib/artifacts.ts";
import { LOCAL_CHAIN_ID, TEST_ACCOUNT_KEYS } from "./lib/test-accounts.ts";

export type DeployParameters = {
  rpcUrl: string;
  deployerKey?: Hex;
  /** Recipient of every genesis fund; defaults to the deployer. */
  treasury?: Address;
  /** Network name recorded for the subgraph manifest; defaults to `hardhat` on 31337. */
  network?: string;
  outDir?: string;
  log?: (line: string) => void;
};

export type DeployReturnType = { deployment: Deployment; path: string };

export async function deploy(params: DeployParameters): Promise<DeployReturnType> {
  const log = params.log ?? (() => {});
  const transport = http(params.rpcUrl);
  const publicClient = createPublicClient({ transport });
  const chainId = await publicClient.getChainId();
  const deployerKey = params.deployerKey ?? (chainId === LOCAL_CHAIN_ID ? TEST_ACCOUNT_KEYS[0] : undefined);
  if (!deployerKey) throw new Error(`Chain ${chainId} is not the local chain: set MARKSPACE_DEPLOYER_KEY`);
  const account = privateKeyToAccount(deployerKey);
  const wallet = createWalletClient({ account, transport });
  const treasury = params.treasury ?? account.address;

  async function deployOne(sourcePath: string, name: string, args: readonly unknown[]) {
    const { abi, bytecode } = await readArtifact(sourcePath, name);
    const hash = await wallet.deployContract({ abi, bytecode, args, account, chain: null });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success" || !receipt.contractAddress)
      throw new Error(`Deploying ${name} failed (tx ${hash})`);
    log(`deployed ${name} at ${receipt.contractAddress} (block ${receipt.blockNumber}, ${receipt.gasUsed} gas)`);
    return { address: getAddress(receipt.contractAddress), startBlock: Number(receipt.blockNumber) };
  }

  const allocations = buildGenesisAllocations(() => treasury);
  const markToken = await deployOne("contracts/token/MarkToken.sol", "MarkToken", [allocations]);
  const unitRegistry = await deployOne("contracts/land/UnitRegistry.sol", "UnitRegistry", []);

  const deployment = deploymentSchema.parse({
    chainId,
    network: params.network ?? (chainId === LOCAL_CHAIN_ID ? "hardhat" : `chain-${chainId}`),
    contracts: { MarkToken: markToken, UnitRegistry: unitRegistry },
  });
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
        .string()
        .regex(/^0x[0-9a-fA-F]{64}$/, "a 0x-prefixed 32-byte hex key")
        .optional(),
      MARKSPACE_TREASURY: z
        .string()
        .regex(/^0x[0-9a-fA-F]{40}$/, "an 0x-prefixed address")
        .optional(),
    })
    .safeParse(process.env);
  if (!env.success) {
    console.error(`deploy: ${env.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    process.exit(2);
  }
  await deploy({
    rpcUrl: values["rpc-url"],
    deployerKey: env.data.MARKSPACE_DEPLOYER_KEY as Hex | undefined,
    treasury: env.data.MARKSPACE_TREASURY as Address | undefined,
    network: values.network,
    outDir: values["out-dir"],
    log: (line) => console.log(`deploy: ${line}`),
  });
}
