/**
 * Seeds the real-estate exchange and the lease book of the local chain so the market pages have
 * something to show, kept small: test account 15 buys three Commercial units in the Shopping
 * district (building `S-0001-01`, floor 0, units 0–2) and
 *
 *   - sells unit 0 to account 16 through a listing posted on chain, brokered by account 14
 *     (the first point of the building's price history, and the agency's first fee);
 *   - posts a listing of unit 1 for sale (open on /market);
 *   - lets unit 2 on the lease book, brokered by account 14, and account 16 rents it for 7 days
 *     (a running lease on /leases);
 *   - account 16 then offers the unit it bought for rent (an open rental listing on /market).
 *
 * Runs after `seed-land.ts` (accounts 14–16 hold the MRK it bought in the sale). Listings stay
 * open 180 days, past the clock moves of the end-to-end tests.
 *
 *   npx tsx scripts/seed-market.ts --rpc-url … [--deployments-dir …]
 */
import {
  createPublicClient,
  createWalletClient,
  http,
  maxUint256,
  parseEther,
  zeroAddress,
  zeroHash,
  type Abi,
  type Address,
  type Transport,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import { leaseBookAbi, markTokenAbi, unitExchangeAbi, unitRegistryAbi, unitSaleAbi } from "@markspace/contracts/abis";
import type { Deployment } from "@markspace/contracts/deployments";
import type { ExchangeListing } from "@markspace/contracts/exchange-orders";
import type { LeaseListing } from "@markspace/contracts/listing";
import { NO_PERMIT, signMrkPermit } from "@markspace/contracts/permit";
import { encodeUnitId, formatUnitAddress, type UnitAddressParts } from "@markspace/contracts/unit-address";
import { runSeedCli } from "./lib/seed-cli.ts";
import { LOCAL_CHAIN_ID, TEST_ACCOUNT_KEYS } from "./lib/test-accounts.ts";

/** The seller and landlord, the buyer and tenant, and the agency: the land accounts of seed-land.ts. */
export const MARKET_ACCOUNTS = { seller: 15, buyer: 16, agency: 14 } as const;

const DAY = 86_400n;
const STORAGE_DAYS = 365;
/** How long the seeded listings stay open. */
const LISTING_DAYS = 180n;

/** The seeded units: three Commercial units of Shopping building 1, neighbourhood 1, floor 0. */
export const SEEDED_MARKET = {
  sold: { district: 4, neighbourhood: 1, building: 1, floor: 0, unit: 0 },
  forSale: { district: 4, neighbourhood: 1, building: 1, floor: 0, unit: 1 },
  leased: { district: 4, neighbourhood: 1, building: 1, floor: 0, unit: 2 },
} as const satisfies Record<string, UnitAddressParts>;

/** Prices and terms, in MRK wei. */
export const SEEDED_MARKET_TERMS = {
  soldPrice: parseEther("1500"),
  listedPrice: parseEther("2400"),
  agencyFeeBps: 200,
  rentPerDay: parseEther("5"),
  rentDays: 7,
  deposit: parseEther("20"),
  agentFeeBps: 100,
  offeredRentPerDay: parseEther("8"),
} as const;

export type SeedMarketParameters = {
  rpcUrl?: string;
  transport?: Transport;
  deployment: Deployment;
  log?: (line: string) => void;
};

export type SeedMarketReturnType = {
  lastBlock: number;
  /** Token ids of the seeded units (decimal strings, as the subgraph writes them). */
  units: { sold: string; forSale: string; leased: string };
  /** The agency's address (checksummed). */
  agency: Address;
  seller: Address;
  buyer: Address;
};

export async function seedMarket(params: SeedMarketParameters): Promise<SeedMarketReturnType> {
  const log = params.log ?? (() => {});
  const { deployment } = params;
  if (deployment.chainId !== LOCAL_CHAIN_ID) {
    throw new Error(
      `The market is seeded with the local chain's test accounts; chain ${deployment.chainId} is not ${LOCAL_CHAIN_ID}`,
    );
  }
  const transport = params.transport ?? http(params.rpcUrl);
  const publicClient = createPublicClient({ transport, chain: hardhat });
  const address = (name: keyof Deployment["contracts"]) => {
    const record = deployment.contracts[name];
    if (!record) throw new Error(`seed-market: the deployment has no ${String(name)}`);
    return record.address as Address;
  };
  const [token, registry, unitSale, exchange, book] = [
    address("MarkToken"),
    address("UnitRegistry"),
    address("UnitSale"),
    address("UnitExchange"),
    address("LeaseBook"),
  ];
  const wallet = (index: number) =>
    createWalletClient({ account: privateKeyToAccount(TEST_ACCOUNT_KEYS[index]!), transport, chain: hardhat });
  const seller = wallet(MARKET_ACCOUNTS.seller);
  const buyer = wallet(MARKET_ACCOUNTS.buyer);
  const agency = wallet(MARKET_ACCOUNTS.agency).account.address;
  let lastBlock = 0;

  async function send(from: ReturnType<typeof wallet>, to: Address, abi: Abi, functionName: string, args: unknown[]) {
    const hash = await from.writeContract({ address: to, abi, functionName, args });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`seed-market: ${functionName} on ${to} reverted (tx ${hash})`);
    lastBlock = Number(receipt.blockNumber);
  }
  const read = <T>(to: Address, abi: Abi, functionName: string, args: unknown[]) =>
    publicClient.readContract({ address: to, abi, functionName, args }) as Promise<T>;

  const ids = {
    sold: encodeUnitId(SEEDED_MARKET.sold),
    forSale: encodeUnitId(SEEDED_MARKET.forSale),
    leased: encodeUnitId(SEEDED_MARKET.leased),
  };
  for (const unitId of Object.values(ids)) {
    const [price, storage] = await read<[bigint, bigint]>(unitSale, unitSaleAbi as Abi, "quote", [
      unitId,
      0,
      STORAGE_DAYS,
    ]);
    const permit = await signMrkPermit({
      publicClient,
      wallet: seller,
      token,
      spender: unitSale,
      value: price + storage,
    });
    await send(seller, unitSale, unitSaleAbi as Abi, "buy", [unitId, 0, STORAGE_DAYS, price + storage, permit]);
  }
  log(
    `market: ${Object.values(SEEDED_MARKET)
      .map((parts) => formatUnitAddress(parts))
      .join(", ")} bought by ${seller.account.address}`,
  );

  await send(seller, registry, unitRegistryAbi as Abi, "setApprovalForAll", [exchange, true]);
  await send(buyer, token, markTokenAbi as Abi, "approve", [exchange, maxUint256]);
  await send(buyer, token, markTokenAbi as Abi, "approve", [book, maxUint256]);

  const now = (await publicClient.getBlock()).timestamp;
  const deadline = now + LISTING_DAYS * DAY;
  const saleListing = async (unitId: bigint, price: bigint, salt: bigint): Promise<ExchangeListing> => ({
    seller: seller.account.address,
    unitId,
    nonce: await read<number>(registry, unitRegistryAbi as Abi, "transferCount", [unitId]),
    bundle: zeroHash,
    price,
    buyer: zeroAddress,
    agency,
    agencyFeeBps: SEEDED_MARKET_TERMS.agencyFeeBps,
    deadline,
    counter: await read<bigint>(exchange, unitExchangeAbi as Abi, "counterOf", [seller.account.address]),
    salt,
  });

  const sold = await saleListing(ids.sold, SEEDED_MARKET_TERMS.soldPrice, 1n);
  await send(seller, exchange, unitExchangeAbi as Abi, "list", [sold, []]);
  await send(buyer, exchange, unitExchangeAbi as Abi, "buy", [sold, "0x", NO_PERMIT]);
  log(`market: ${formatUnitAddress(SEEDED_MARKET.sold)} sold to ${buyer.account.address} for 1,500 MRK`);

  await send(seller, exchange, unitExchangeAbi as Abi, "list", [
    await saleListing(ids.forSale, SEEDED_MARKET_TERMS.listedPrice, 2n),
    [],
  ]);
  log(`market: ${formatUnitAddress(SEEDED_MARKET.forSale)} listed for sale at 2,400 MRK`);

  const rentalListing = async (
    owner: ReturnType<typeof wallet>,
    unitId: bigint,
    terms: Pick<LeaseListing, "pricePerDay" | "deposit" | "agent" | "agentFeeBps" | "maxDays" | "mayDecorate">,
  ): Promise<LeaseListing> => ({
    unitId,
    owner: owner.account.address,
    transferCount: await read<number>(registry, unitRegistryAbi as Abi, "transferCount", [unitId]),
    minDays: 1,
    penaltyBps: 1000,
    counter: await read<bigint>(book, leaseBookAbi as Abi, "counterOf", [owner.account.address]),
    deadline,
    salt: 1n,
    ...terms,
  });

  const leased = await rentalListing(seller, ids.leased, {
    pricePerDay: SEEDED_MARKET_TERMS.rentPerDay,
    deposit: SEEDED_MARKET_TERMS.deposit,
    agent: agency,
    agentFeeBps: SEEDED_MARKET_TERMS.agentFeeBps,
    maxDays: 30,
    mayDecorate: true,
  });
  await send(seller, book, leaseBookAbi as Abi, "list", [leased]);
  await send(buyer, book, leaseBookAbi as Abi, "rent", [leased, "0x", SEEDED_MARKET_TERMS.rentDays]);
  log(`market: ${formatUnitAddress(SEEDED_MARKET.leased)} let to ${buyer.account.address} for 7 days at 5 MRK a day`);

  await send(buyer, book, leaseBookAbi as Abi, "list", [
    await rentalListing(buyer, ids.sold, {
      pricePerDay: SEEDED_MARKET_TERMS.offeredRentPerDay,
      deposit: 0n,
      agent: zeroAddress,
      agentFeeBps: 0,
      maxDays: 60,
      mayDecorate: false,
    }),
  ]);
  log(`market: ${formatUnitAddress(SEEDED_MARKET.sold)} offered for rent at 8 MRK a day`);

  return {
    lastBlock,
    units: { sold: ids.sold.toString(), forSale: ids.forSale.toString(), leased: ids.leased.toString() },
    agency,
    seller: seller.account.address,
    buyer: buyer.account.address,
  };
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  await runSeedCli("seed-market", async ({ rpcUrl, deployment }) => {
    const { lastBlock } = await seedMarket({ rpcUrl, deployment, log: console.log });
    console.log(`seed-market: done at block ${lastBlock}`);
  });
}
