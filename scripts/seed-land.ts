/**
 * Seeds the land of the local chain so the city pages have something to show: three test
 * accounts buy MRK in the sale and then land — a whole Community floor, a row of Commercial
 * units with an extra room, a facade's advertising surface — paying with permits, as the app
 * does. Runs after `seed-economy.ts` (the sale's tokens must be released; it moves the clock
 * there itself when run alone).
 *
 *   npx tsx scripts/seed-land.ts --rpc-url … [--deployments-dir …]
 */
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  http,
  parseEther,
  type Abi,
  type Address,
  type Transport,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import { floorSaleAbi, markSaleAbi, unitSaleAbi } from "@markspace/contracts/abis";
import type { Deployment } from "@markspace/contracts/deployments";
import { signMrkPermit } from "@markspace/contracts/permit";
import { encodeUnitId, floorIdOf, formatUnitAddress, type UnitAddressParts } from "@markspace/contracts/unit-address";
import { runSeedCli } from "./lib/seed-cli.ts";
import { LOCAL_CHAIN_ID, TEST_ACCOUNT_KEYS } from "./lib/test-accounts.ts";

/** Test accounts 14, 15 and 16 own the seeded land; 0–9 stay fresh for people trying the app. */
export const LAND_ACCOUNTS = [14, 15, 16] as const;
/** ETH each spends in the sale: 2 ETH at 3,000 USD buys 100,000 MRK in the first stage. */
const ETH_EACH = parseEther("2");
const STORAGE_DAYS = 365;

/** The seeded land: a Community floor, three Commercial units, one facade panel. */
export const SEEDED_LAND = {
  floor: { district: 3, neighbourhood: 1, building: 0, floor: 0, unit: 0 },
  shops: [0, 1, 2].map((unit) => ({ district: 4, neighbourhood: 1, building: 0, floor: 0, unit })),
  surface: { space: 1, district: 2, neighbourhood: 1, building: 0, floor: 0, unit: 12 },
} as const satisfies Record<string, UnitAddressParts | readonly UnitAddressParts[]>;

export type SeedLandParameters = {
  rpcUrl?: string;
  transport?: Transport;
  deployment: Deployment;
  log?: (line: string) => void;
};

export async function seedLand(params: SeedLandParameters): Promise<{ lastBlock: number }> {
  const log = params.log ?? (() => {});
  const { deployment } = params;
  if (deployment.chainId !== LOCAL_CHAIN_ID) {
    throw new Error(
      `The land is seeded with the local chain's test accounts; chain ${deployment.chainId} is not ${LOCAL_CHAIN_ID}`,
    );
  }
  const transport = params.transport ?? http(params.rpcUrl);
  const publicClient = createPublicClient({ transport, chain: hardhat });
  const testClient = createTestClient({ mode: "hardhat", transport, chain: hardhat });
  const address = (name: keyof Deployment["contracts"]) => deployment.contracts[name]!.address as Address;
  const [sale, token, unitSale, floorSale] = [
    address("MarkSale"),
    address("MarkToken"),
    address("UnitSale"),
    address("FloorSale"),
  ];
  const buyers = LAND_ACCOUNTS.map((index) =>
    createWalletClient({ account: privateKeyToAccount(TEST_ACCOUNT_KEYS[index]!), transport, chain: hardhat }),
  );
  let lastBlock = 0;

  async function send(
    wallet: (typeof buyers)[number],
    to: Address,
    abi: Abi,
    functionName: string,
    args: unknown[],
    value?: bigint,
  ) {
    const hash = await wallet.writeContract({ address: to, abi, functionName, args, value });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`seed-land: ${functionName} on ${to} reverted (tx ${hash})`);
    lastBlock = Number(receipt.blockNumber);
  }
  const permit = (wallet: (typeof buyers)[number], spender: Address, value: bigint) =>
    signMrkPermit({ publicClient, wallet, token, spender, value });

  // MRK from the sale, delivered at once once its tokens are released.
  const releaseAt = await publicClient.readContract({
    address: sale,
    abi: markSaleAbi,
    functionName: "tokensReleaseAt",
  });
  const now = (await publicClient.getBlock()).timestamp;
  if (now < releaseAt) {
    await testClient.increaseTime({ seconds: Number(releaseAt - now + 1n) });
    await testClient.mine({ blocks: 1 });
  }
  for (const buyer of buyers) await send(buyer, sale, markSaleAbi as Abi, "buy", [0n], ETH_EACH);

  const [floorOwner, shopkeeper, advertiser] = buyers as [
    (typeof buyers)[number],
    (typeof buyers)[number],
    (typeof buyers)[number],
  ];
  const floorId = floorIdOf(encodeUnitId(SEEDED_LAND.floor));
  const [floorPrice, floorStorage] = await publicClient.readContract({
    address: floorSale,
    abi: floorSaleAbi,
    functionName: "quoteFloor",
    args: [floorId, STORAGE_DAYS],
  });
  const floorTotal = floorPrice + floorStorage;
  await send(floorOwner, floorSale, floorSaleAbi as Abi, "buyFloor", [
    floorId,
    STORAGE_DAYS,
    floorTotal,
    await permit(floorOwner, floorSale, floorTotal),
  ]);
  log(
    `land: ${formatUnitAddress(SEEDED_LAND.floor).slice(0, -4)} bought whole (625 units) by ${floorOwner.account.address}`,
  );

  for (const [i, parts] of SEEDED_LAND.shops.entries()) {
    const rooms = i === 0 ? 1 : 0;
    const unitId = encodeUnitId(parts);
    const [price, storage] = await publicClient.readContract({
      address: unitSale,
      abi: unitSaleAbi,
      functionName: "quote",
      args: [unitId, rooms, STORAGE_DAYS],
    });
    await send(shopkeeper, unitSale, unitSaleAbi as Abi, "buy", [
      unitId,
      rooms,
      STORAGE_DAYS,
      price + storage,
      await permit(shopkeeper, unitSale, price + storage),
    ]);
  }
  log(
    `land: ${SEEDED_LAND.shops.map((parts) => formatUnitAddress(parts)).join(", ")} bought by ${shopkeeper.account.address}`,
  );

  const surfaceId = encodeUnitId(SEEDED_LAND.surface);
  const [surfacePrice, surfaceStorage] = await publicClient.readContract({
    address: unitSale,
    abi: unitSaleAbi,
    functionName: "quote",
    args: [surfaceId, 0, STORAGE_DAYS],
  });
  const surfaceTotal = surfacePrice + surfaceStorage;
  await send(advertiser, unitSale, unitSaleAbi as Abi, "buy", [
    surfaceId,
    0,
    STORAGE_DAYS,
    surfaceTotal,
    await permit(advertiser, unitSale, surfaceTotal),
  ]);
  log(`land: ${formatUnitAddress(SEEDED_LAND.surface)} (a facade panel) bought by ${advertiser.account.address}`);
  return { lastBlock };
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  await runSeedCli("seed-land", async ({ rpcUrl, deployment }) => {
    const { lastBlock } = await seedLand({ rpcUrl, deployment, log: console.log });
    console.log(`seed-land: done at block ${lastBlock}`);
  });
}
