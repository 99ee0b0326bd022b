/**
 * Seeds a small demo world: publishes furnished scene manifests (glTF models, wall images)
 * through the IPFS API, then has one test account per unit claim its free residential unit
 * and point it at its manifest.
 *
 *   npx tsx scripts/seed-demo-world.ts --rpc-url … --ipfs-api-url … [--count 4] [--deployments-dir …]
 */
import { parseArgs } from "node:util";
import { createPublicClient, createWalletClient, http, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import { unitRegistryAbi } from "@markspace/contracts/abis";
import { sceneContentOf } from "@markspace/ipfs/scene-content";
import { loadDeployment, type Deployment } from "@markspace/contracts/deployments";
import { encodeUnitId, formatUnitAddress, type UnitAddressParts } from "@markspace/contracts/unit-address";
import { publishDemoWorld } from "@markspace/ipfs";
import { LOCAL_CHAIN_ID, TEST_ACCOUNT_KEYS } from "./lib/test-accounts.ts";

export type SeedDemoWorldParameters = {
  rpcUrl: string;
  deployment: Deployment;
  ipfsApiUrl: string;
  count: number;
  log?: (line: string) => void;
};

export type SeededUnit = { unitId: bigint; address: string; owner: Hex; manifestCid: string; name: string };
export type SeedDemoWorldReturnType = { units: SeededUnit[]; lastBlock: number };

/**
 * Test accounts 10.. own the demo units, so accounts 0–9 (the dev wallet's picker) still
 * have their free claim for people trying the app.
 */
export const FIRST_DEMO_ACCOUNT = 10;

/** Demo units stand side by side on the ground floor of building 0 in neighbourhood 1. */
export function demoUnitAddress(index: number): UnitAddressParts {
  return { district: 1, neighbourhood: 1, building: 0, floor: 0, unit: index };
}

export async function seedDemoWorld(params: SeedDemoWorldParameters): Promise<SeedDemoWorldReturnType> {
  const log = params.log ?? (() => {});
  if (params.deployment.chainId !== LOCAL_CHAIN_ID) {
    throw new Error(
      `The demo world uses the local chain's test accounts; chain ${params.deployment.chainId} is not ${LOCAL_CHAIN_ID}`,
    );
  }
  if (params.count > TEST_ACCOUNT_KEYS.length - FIRST_DEMO_ACCOUNT) {
    throw new Error(
      `At most ${TEST_ACCOUNT_KEYS.length - FIRST_DEMO_ACCOUNT} demo units can be seeded, not ${params.count}`,
    );
  }
  const transport = http(params.rpcUrl);
  const publicClient = createPublicClient({ transport });
  const registry = params.deployment.contracts.UnitRegistry.address as Hex;

  const scenes = await publishDemoWorld(params.ipfsApiUrl, {
    count: params.count,
    onProgress: (line: string) => log(`ipfs: ${line}`),
  });

  const units: SeededUnit[] = [];
  let lastBlock = Number(await publicClient.getBlockNumber());
  for (const [index, scene] of scenes.entries()) {
    const key = TEST_ACCOUNT_KEYS[FIRST_DEMO_ACCOUNT + index];
    if (!key) throw new Error(`no test account ${FIRST_DEMO_ACCOUNT + index}`);
    const account = privateKeyToAccount(key);
    const wallet = createWalletClient({ account, transport, chain: hardhat });
    const parts = demoUnitAddress(index);
    const unitId = encodeUnitId(parts);
    const address = formatUnitAddress(parts);
    const content = sceneContentOf(scene.manifestCid);

    const claimHash = await wallet.writeContract({
      address: registry,
      abi: unitRegistryAbi,
      functionName: "claim",
      args: [unitId],
    });
    await expectSuccess(publicClient, claimHash, `claim ${address}`);
    const contentHash = await wallet.writeContract({
      address: registry,
      abi: unitRegistryAbi,
      functionName: "setContent",
      args: [unitId, content.digest, content.codec],
    });
    lastBlock = await expectSuccess(publicClient, contentHash, `setContent ${address}`);
    units.push({ unitId, address, owner: account.address, manifestCid: scene.manifestCid, name: scene.name });
    log(`${address} "${scene.name}" → ${scene.manifestCid} (owner ${account.address})`);
  }
  return { units, lastBlock };
}

async function expectSuccess(client: ReturnType<typeof createPublicClient>, hash: Hex, what: string): Promise<number> {
  const receipt = await client.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`${what} reverted (tx ${hash})`);
  return Number(receipt.blockNumber);
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  const { values } = parseArgs({
    options: {
      "rpc-url": { type: "string", default: "http://127.0.0.1:8545" },
      "ipfs-api-url": { type: "string", default: "http://127.0.0.1:5001" },
      "deployments-dir": { type: "string" },
      count: { type: "string", default: "4" },
    },
  });
  const count = Number(values.count);
  if (!Number.isInteger(count) || count < 0) {
    console.error(`seed: --count must be a whole number, not "${values.count}"`);
    process.exit(2);
  }
  await seedDemoWorld({
    rpcUrl: values["rpc-url"],
    deployment: loadDeployment(LOCAL_CHAIN_ID, values["deployments-dir"]),
    ipfsApiUrl: values["ipfs-api-url"],
    count,
    log: (line) => console.log(`seed: ${line}`),
  });
}
