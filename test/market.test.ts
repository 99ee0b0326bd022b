/**
 * The exchange and rentals end to end: the contracts deployed by the real deploy script on an
 * in-process chain; a seller's Commercial units sold through a signed listing with an agency, an
 * on-chain listing posted and cancelled, an offer accepted and a signed bundle; a unit let through
 * a signed listing (tenant scene, rent claimed, an early end, a deposit claimed) and again through
 * an on-chain listing (deposit returned after the window) → events → the real mappings → entities
 * → GraphQL answers, checked against the contracts' own views and events.
 */
import hre from "hardhat";
import {
  decodeEventLog,
  getAddress,
  maxUint256,
  parseEther,
  zeroAddress,
  zeroHash,
  type Abi,
  type Address,
  type Hex,
  type TransactionReceipt,
} from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  leaseBookAbi,
  markTokenAbi,
  unitAuctionsAbi,
  unitExchangeAbi,
  unitRegistryAbi,
  unitSaleAbi,
} from "@markspace/contracts/abis";
import {
  OFFER_SCOPE,
  listingTypedData,
  offerTypedData,
  type ExchangeListing,
  type ExchangeOffer,
} from "@markspace/contracts/exchange-orders";
import {
  leaseFromLeased,
  leaseListingTypedData,
  type LeasedEventArgs,
  type LeaseListing,
  type LeaseState,
} from "@markspace/contracts/listing";
import { NO_PERMIT } from "@markspace/contracts/permit";
import { encodeUnitId } from "@markspace/contracts/unit-address";
import { sceneContentOf } from "@markspace/ipfs/scene-content";
import type { SubgraphHost } from "../subgraph/host/src/index.ts";
import { lendSaleMrk } from "../scripts/lib/dev-mrk.ts";
import { startDeployedStack, type DeployedStack } from "./lib/deployed-stack.ts";

const connection = await hre.network.connect();
const publicClient = await connection.viem.getPublicClient();
const wallets = await connection.viem.getWalletClients();
type Wallet = (typeof wallets)[0];
const [, sellerWallet, buyerWallet, agencyWallet, tenantWallet] = wallets as [unknown, Wallet, Wallet, Wallet, Wallet];
const seller = sellerWallet.account.address;
const buyer = buyerWallet.account.address;
const agency = agencyWallet.account.address;
const tenant = tenantWallet.account.address;

const DAY = 86_400n;
const PRICE = parseEther("5000");
const SCENE_CID = "bafkreibme22gw2h7y2h7tg2fhqotaqjucnbc24deqo72b6mkl2egezxhvy";
/** The seller's Commercial units, all in building 2-77-3 (floor 1, units 0–5). */
const unitIds = Array.from({ length: 6 }, (_, unit) =>
  encodeUnitId({ district: 2, neighbourhood: 77, building: 3, floor: 1, unit }),
);
const BUILDING = "2-77-3";

let stack: DeployedStack;
let host: SubgraphHost;
let chainId: number;
let exchange: Address;
let book: Address;
let registry: Address;

const lower = (address: string) => address.toLowerCase();
const rpc = (method: string, params: unknown[] = []) => connection.provider.request({ method, params });
const query = <T>(text: string, variables?: Record<string, unknown>) => stack.query<T>(text, variables);

/** Sends a call from `wallet`, requires success, waits for the host to index its block. */
async function call(
  wallet: Wallet,
  address: Address,
  abi: Abi,
  functionName: string,
  args: readonly unknown[] = [],
): Promise<{ receipt: TransactionReceipt; timestamp: bigint }> {
  const hash = await wallet.writeContract({ address, abi, functionName, args, chain: null });
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  expect(receipt.status).toBe("success");
  await host.waitForBlock(Number(receipt.blockNumber), 30_000);
  const block = await publicClient.getBlock({ blockNumber: receipt.blockNumber });
  return { receipt, timestamp: block.timestamp };
}

/** The one event `eventName` that `address` emitted in `receipt`, decoded with `abi`. */
function eventOf(receipt: TransactionReceipt, address: Address, abi: Abi, eventName: string) {
  for (const log of receipt.logs) {
    if (getAddress(log.address) !== address) continue;
    const event = decodeEventLog({ abi, data: log.data, topics: log.topics });
    if (event.eventName === eventName) return event.args as unknown as Record<string, unknown>;
  }
  throw new Error(`no ${eventName} event`);
}

const blockTime = async (blockNumber: bigint) => (await publicClient.getBlock({ blockNumber })).timestamp;

const readExchange = <T>(functionName: string, args: readonly unknown[]) =>
  publicClient.readContract({ address: exchange, abi: unitExchangeAbi as Abi, functionName, args }) as Promise<T>;
const transferCount = (unitId: bigint) =>
  publicClient.readContract({ address: registry, abi: unitRegistryAbi, functionName: "transferCount", args: [unitId] });

async function advance(seconds: bigint) {
  await rpc("evm_increaseTime", [Number(seconds)]);
  await rpc("evm_mine");
}

async function listingOf(unitId: bigint, extra: Partial<ExchangeListing> = {}): Promise<ExchangeListing> {
  return {
    seller,
    unitId,
    nonce: unitId === 0n ? 0 : await transferCount(unitId),
    bundle: zeroHash,
    price: PRICE,
    buyer: zeroAddress,
    agency: zeroAddress,
    agencyFeeBps: 0,
    deadline: (await publicClient.getBlock()).timestamp + 30n * DAY,
    counter: await readExchange<bigint>("counterOf", [seller]),
    salt: 1n,
    ...extra,
  };
}

const signListing = (listing: ExchangeListing): Promise<Hex> =>
  sellerWallet.signTypedData({ account: sellerWallet.account, ...listingTypedData({ exchange, chainId, listing }) });

beforeAll(async () => {
  stack = await startDeployedStack(connection, "market", async (deployment) => {
    await lendSaleMrk(connection.provider, deployment, [seller, buyer, agency, tenant], parseEther("1000000"));
  });
  host = stack.host;
  chainId = await publicClient.getChainId();
  exchange = stack.address("UnitExchange");
  book = stack.address("LeaseBook");
  registry = stack.address("UnitRegistry");
  const unitSale = stack.address("UnitSale");
  for (const unitId of unitIds) {
    const [price, storage] = await publicClient.readContract({
      address: unitSale,
      abi: unitSaleAbi,
      functionName: "quote",
      args: [unitId, 0, 365],
    });
    const value = price + storage;
    await call(sellerWallet, unitSale, unitSaleAbi, "buy", [
      unitId,
      0,
      365,
      value,
      await stack.signPermit(sellerWallet, unitSale, value),
    ]);
  }
  await call(sellerWallet, registry, unitRegistryAbi, "setApprovalForAll", [exchange, true]);
  const token = stack.address("MarkToken");
  await call(buyerWallet, token, markTokenAbi, "approve", [exchange, maxUint256]);
  await call(tenantWallet, token, markTokenAbi, "approve", [book, maxUint256]);
}, 240_000);

afterAll(() => stack?.stop());

type SaleRow = {
  kind: string;
  orderHash: string;
  seller: { id: string };
  buyer: { id: string };
  units: Array<{ id: string }>;
  unitCount: number;
  price: string;
  platformFee: string;
  agency: { id: string; saleCount: number; saleEarnings: string } | null;
  agencyFee: string;
  proceeds: string;
  blockTimestamp: string;
  transactionHash: string;
};
const SALE_FIELDS = `kind orderHash seller { id } buyer { id } units { id } unitCount price platformFee
  agency { id saleCount saleEarnings } agencyFee proceeds blockTimestamp transactionHash`;

describe("the exchange", () => {
  it("indexes a signed listing bought with an agency: the sale, its fees, the agency and the price history", async () => {
    const listing = await listingOf(unitIds[0]!, { agency, agencyFeeBps: 200 });
    const { receipt, timestamp } = await call(buyerWallet, exchange, unitExchangeAbi, "buy", [
      listing,
      await signListing(listing),
      NO_PERMIT,
    ]);
    const filled = eventOf(receipt, exchange, unitExchangeAbi, "ListingFilled");
    const orderHash = await readExchange<Hex>("hashListing", [listing]);
    const [platformFee, agencyFee, proceeds] = await readExchange<[bigint, bigint, bigint]>("quoteSale", [PRICE, 200]);
    expect(filled).toMatchObject({ orderHash, platformFee, agencyFee });
    expect(agencyFee).toBeGreaterThan(0n);

    const data = await query<{
      listing: Record<string, unknown> & { sale: SaleRow };
      unit: { owner: string; priceHistory: Array<{ price: string; unitCount: number; blockTimestamp: string }> };
      building: { priceHistory: Array<{ unit: { id: string }; price: string }> };
    }>(
      `query ($id: ID!, $unit: ID!, $building: ID!) {
        listing(id: $id) { status posted isBundle unit { id } price agency agencyFeeBps deadline closedAtBlock
          sale { ${SALE_FIELDS} } }
        unit(id: $unit) { owner priceHistory(orderBy: blockTimestamp) { price unitCount blockTimestamp } }
        building(id: $building) { priceHistory(orderBy: blockTimestamp) { unit { id } price } }
      }`,
      { id: orderHash, unit: unitIds[0]!.toString(), building: BUILDING },
    );
    expect(data.listing).toMatchObject({
      status: "Filled",
      posted: false,
      isBundle: false,
      unit: { id: unitIds[0]!.toString() },
      price: PRICE.toString(),
      agency: lower(agency),
      // A signed listing seen only when filled: the event does not carry its deadline.
      deadline: null,
      closedAtBlock: receipt.blockNumber.toString(),
    });
    expect(data.listing.sale).toEqual({
      kind: "Listing",
      orderHash,
      seller: { id: lower(seller) },
      buyer: { id: lower(buyer) },
      units: [{ id: unitIds[0]!.toString() }],
      unitCount: 1,
      price: PRICE.toString(),
      platformFee: platformFee.toString(),
      agency: { id: lower(agency), saleCount: 1, saleEarnings: agencyFee.toString() },
      agencyFee: agencyFee.toString(),
      proceeds: proceeds.toString(),
      blockTimestamp: timestamp.toString(),
      transactionHash: receipt.transactionHash,
    });
    expect(data.unit.owner).toBe(lower(buyer));
    expect(data.unit.priceHistory).toEqual([
      { price: PRICE.toString(), unitCount: 1, blockTimestamp: timestamp.toString() },
    ]);
    expect(data.building.priceHistory).toEqual([{ unit: { id: unitIds[0]!.toString() }, price: PRICE.toString() }]);
  });

  it("indexes a listing posted on chain as active with its terms, then cancelled", async () => {
    const listing = await listingOf(unitIds[1]!, { price: parseEther("7000"), salt: 7n });
    const orderHash = await readExchange<Hex>("hashListing", [listing]);
    await call(sellerWallet, exchange, unitExchangeAbi, "list", [listing, []]);
    const row = () =>
      query<{ listing: Record<string, unknown> }>(
        `query ($id: ID!) { listing(id: $id) { status posted unit { id } price nonce deadline counter closedAtBlock } }`,
        { id: orderHash },
      );
    expect((await row()).listing).toEqual({
      status: "Active",
      posted: true,
      unit: { id: unitIds[1]!.toString() },
      price: parseEther("7000").toString(),
      nonce: listing.nonce,
      deadline: listing.deadline.toString(),
      counter: "0",
      closedAtBlock: null,
    });
    expect(await readExchange<number>("orderStatus", [orderHash])).toBe(1);

    const { receipt } = await call(sellerWallet, exchange, unitExchangeAbi, "cancelListing", [listing]);
    expect(await readExchange<number>("orderStatus", [orderHash])).toBe(2);
    const data = await query<{
      listing: Record<string, unknown>;
      orderCancellations: Array<{ orderHash: string; signer: string; transactionHash: string }>;
    }>(
      `query ($id: ID!, $hash: Bytes!) {
        listing(id: $id) { status posted closedAtBlock }
        orderCancellations(where: { orderHash: $hash }) { orderHash signer transactionHash }
      }`,
      { id: orderHash, hash: orderHash },
    );
    expect(data.listing).toEqual({ status: "Cancelled", posted: true, closedAtBlock: receipt.blockNumber.toString() });
    expect(data.orderCancellations).toEqual([
      { orderHash, signer: lower(seller), transactionHash: receipt.transactionHash },
    ]);
  });

  it("closes posted listings when their seller cancels the unit or moves its counter", async () => {
    const statusOf = async (ids: Hex[]) =>
      (
        await query<{ listings: Array<{ id: string; status: string }> }>(
          `query ($ids: [Bytes!]!) { listings(where: { id_in: $ids }) { id status } }`,
          { ids },
        )
      ).listings.map((row) => row.status);
    const first = await listingOf(unitIds[1]!, { salt: 11n });
    const second = await listingOf(unitIds[1]!, { salt: 12n });
    for (const listing of [first, second]) await call(sellerWallet, exchange, unitExchangeAbi, "list", [listing, []]);
    const byAsset = await Promise.all([first, second].map((listing) => readExchange<Hex>("hashListing", [listing])));
    expect(await statusOf(byAsset)).toEqual(["Active", "Active"]);
    await call(sellerWallet, exchange, unitExchangeAbi, "cancelAsset", [unitIds[1]!]);
    expect(await statusOf(byAsset)).toEqual(["Cancelled", "Cancelled"]);

    const third = await listingOf(unitIds[1]!, { salt: 13n });
    await call(sellerWallet, exchange, unitExchangeAbi, "list", [third, []]);
    const byCounter = [await readExchange<Hex>("hashListing", [third])];
    expect(await statusOf(byCounter)).toEqual(["Active"]);
    await call(sellerWallet, exchange, unitExchangeAbi, "incrementCounter");
    expect(await statusOf(byCounter)).toEqual(["Cancelled"]);
  });

  it("indexes a signed listing and an offer cancelled by hash, with their terms read from the calls", async () => {
    const listing = await listingOf(unitIds[1]!, { price: parseEther("6500"), salt: 65n });
    const listingHash = await readExchange<Hex>("hashListing", [listing]);
    await call(sellerWallet, exchange, unitExchangeAbi, "cancelListing", [listing]);
    const offer: ExchangeOffer = {
      buyer,
      scope: OFFER_SCOPE.building,
      target: encodeUnitId({ district: 2, neighbourhood: 77, building: 3, floor: 0, unit: 0 }),
      nonce: 0,
      price: parseEther("3000"),
      agency,
      agencyFeeBps: 100,
      deadline: (await publicClient.getBlock()).timestamp + 7n * DAY,
      counter: 0n,
      salt: 5n,
    };
    const offerHash = await readExchange<Hex>("hashOffer", [offer]);
    await call(buyerWallet, exchange, unitExchangeAbi, "cancelOffer", [offer]);

    const data = await query<{ listing: Record<string, unknown>; offer: Record<string, unknown> }>(
      `query ($listing: ID!, $offer: ID!) {
        listing(id: $listing) { status posted unit { id } price deadline sale { id } }
        offer(id: $offer) { status buyer { id } scope target price agency agencyFeeBps deadline unit { id } sale { id } }
      }`,
      { listing: listingHash, offer: offerHash },
    );
    expect(data.listing).toEqual({
      status: "Cancelled",
      posted: false,
      unit: { id: unitIds[1]!.toString() },
      price: listing.price.toString(),
      deadline: listing.deadline.toString(),
      sale: null,
    });
    expect(data.offer).toEqual({
      status: "Cancelled",
      buyer: { id: lower(buyer) },
      scope: "Building",
      target: offer.target.toString(),
      price: offer.price.toString(),
      agency: lower(agency),
      agencyFeeBps: 100,
      deadline: offer.deadline.toString(),
      unit: null,
      sale: null,
    });
  });

  it("indexes an offer accepted: its terms from the call, the sale and the new owner", async () => {
    const unitId = unitIds[2]!;
    const offer: ExchangeOffer = {
      buyer,
      scope: OFFER_SCOPE.unit,
      target: unitId,
      nonce: await transferCount(unitId),
      price: parseEther("4000"),
      agency: zeroAddress,
      agencyFeeBps: 0,
      deadline: (await publicClient.getBlock()).timestamp + 7n * DAY,
      counter: 0n,
      salt: 3n,
    };
    const signature = await buyerWallet.signTypedData({
      account: buyerWallet.account,
      ...offerTypedData({ exchange, chainId, offer }),
    });
    const { receipt } = await call(sellerWallet, exchange, unitExchangeAbi, "acceptOffer", [
      offer,
      signature,
      unitId,
      NO_PERMIT,
    ]);
    const accepted = eventOf(receipt, exchange, unitExchangeAbi, "OfferAccepted");
    const orderHash = await readExchange<Hex>("hashOffer", [offer]);
    expect(accepted.orderHash).toBe(orderHash);
    const [platformFee, , proceeds] = await readExchange<[bigint, bigint, bigint]>("quoteSale", [offer.price, 0]);

    const data = await query<{ offer: Record<string, unknown> & { sale: SaleRow }; unit: { owner: string } }>(
      `query ($id: ID!, $unit: ID!) {
        offer(id: $id) { status buyer { id } scope target price agency deadline unit { id } sale { ${SALE_FIELDS} } }
        unit(id: $unit) { owner }
      }`,
      { id: orderHash, unit: unitId.toString() },
    );
    expect(data.offer).toMatchObject({
      status: "Accepted",
      buyer: { id: lower(buyer) },
      scope: "Unit",
      target: unitId.toString(),
      price: offer.price.toString(),
      agency: null,
      deadline: offer.deadline.toString(),
      unit: { id: unitId.toString() },
    });
    expect(data.offer.sale).toMatchObject({
      kind: "Offer",
      seller: { id: lower(seller) },
      buyer: { id: lower(buyer) },
      units: [{ id: unitId.toString() }],
      platformFee: platformFee.toString(),
      agency: null,
      agencyFee: "0",
      proceeds: proceeds.toString(),
    });
    expect(data.unit.owner).toBe(lower(buyer));
  });

  it("indexes a signed bundle bought: every unit in the sale and in the building's price history", async () => {
    const bundleUnits = [unitIds[4]!, unitIds[3]!];
    const fingerprint = await readExchange<Hex>("bundleFingerprint", [bundleUnits]);
    const listing = await listingOf(0n, { bundle: fingerprint, price: parseEther("9000"), salt: 9n });
    const { receipt } = await call(buyerWallet, exchange, unitExchangeAbi, "buyBundle", [
      listing,
      await signListing(listing),
      bundleUnits,
      NO_PERMIT,
    ]);
    const filled = eventOf(receipt, exchange, unitExchangeAbi, "ListingFilled");
    expect(filled.unitId).toBe(0n);
    const orderHash = await readExchange<Hex>("hashListing", [listing]);

    const data = await query<{
      listing: {
        isBundle: boolean;
        unit: null;
        bundleUnits: Array<{ id: string }>;
        bundleUnitIds: string[];
        sale: SaleRow & { unitIds: string[] };
      };
      building: { priceHistory: Array<{ unit: { id: string }; price: string; unitCount: number }> };
    }>(
      `query ($id: ID!, $building: ID!) {
        listing(id: $id) { isBundle unit { id } bundleUnits { id } bundleUnitIds sale { ${SALE_FIELDS} unitIds } }
        building(id: $building) { priceHistory(orderBy: blockNumber, first: 10) { unit { id } price unitCount } }
      }`,
      { id: orderHash, building: BUILDING },
    );
    // Lists of entities come back ordered by id, as graph-node orders them; the id lists keep the signed order.
    const inOrder = bundleUnits.map(String);
    const byId = [...bundleUnits].sort((a, b) => (a < b ? -1 : 1)).map((id) => ({ id: id.toString() }));
    expect(data.listing).toMatchObject({ isBundle: true, unit: null, bundleUnits: byId, bundleUnitIds: inOrder });
    expect(data.listing.sale).toMatchObject({
      kind: "Listing",
      units: byId,
      unitIds: inOrder,
      unitCount: 2,
      price: parseEther("9000").toString(),
      platformFee: (filled.platformFee as bigint).toString(),
    });
    // Unit 0 (the first test), unit 2 (the offer), then the bundle's two.
    expect(data.building.priceHistory).toHaveLength(4);
    expect(data.building.priceHistory.filter((point) => point.unitCount === 2)).toEqual(
      bundleUnits.map((id) => ({ unit: { id: id.toString() }, price: parseEther("9000").toString(), unitCount: 2 })),
    );
  });
});

type LeaseRow = Record<string, unknown>;
const LEASE_FIELDS = `status unit { id } lessor { id } tenant { id } agency { id rentEarnings totalEarnings }
  pricePerDay deposit mayDecorate start expires daysPaid rentDays settledDays paid rentCredited lessorEarned
  agencyEarned platformFees refund penalty depositSettled depositClaimed depositReturned
  events(orderBy: blockNumber) { kind amount penalty depositClaimed }
  payments(orderBy: blockNumber) { amount lessorShare agentFee platformFee agency { id } }`;
const leaseRow = async (id: Hex) =>
  (await query<{ lease: LeaseRow }>(`query ($id: ID!) { lease(id: $id) { ${LEASE_FIELDS} } }`, { id })).lease;

describe("rentals", () => {
  const unitId = unitIds[5]!;
  const PRICE_PER_DAY = parseEther("10");
  const DEPOSIT = parseEther("100");
  let leaseId: Hex;
  let state: LeaseState;

  it("indexes a lease started from a signed listing: the lease, the listing and the unit's tenant", async () => {
    const listing: LeaseListing = {
      unitId,
      owner: seller,
      transferCount: await transferCount(unitId),
      agent: agency,
      agentFeeBps: 500,
      pricePerDay: PRICE_PER_DAY,
      minDays: 1,
      maxDays: 30,
      deposit: DEPOSIT,
      penaltyBps: 1_000,
      mayDecorate: true,
      counter: 0n,
      deadline: (await publicClient.getBlock()).timestamp + 30n * DAY,
      salt: 1n,
    };
    const signature = await sellerWallet.signTypedData(leaseListingTypedData({ book, chainId, listing }));
    const { receipt } = await call(tenantWallet, book, leaseBookAbi, "rent", [listing, signature, 10]);
    const leased = eventOf(receipt, book, leaseBookAbi, "Leased");
    leaseId = leased.leaseId as Hex;
    // The event carries what the block does not tell; the next calls prove the rebuilt lease.
    state = leaseFromLeased(leased as unknown as LeasedEventArgs, await blockTime(receipt.blockNumber));
    expect(leaseId).toBe(
      await publicClient.readContract({ address: book, abi: leaseBookAbi, functionName: "listingId", args: [listing] }),
    );
    const expires = await publicClient.readContract({
      address: registry,
      abi: unitRegistryAbi,
      functionName: "userExpires",
      args: [unitId],
    });
    expect(BigInt(state.end)).toBe(expires);

    expect(await leaseRow(leaseId)).toMatchObject({
      status: "Active",
      unit: { id: unitId.toString() },
      lessor: { id: lower(seller) },
      tenant: { id: lower(tenant) },
      agency: { id: lower(agency), rentEarnings: "0" },
      pricePerDay: PRICE_PER_DAY.toString(),
      deposit: DEPOSIT.toString(),
      mayDecorate: true,
      start: state.start.toString(),
      expires: expires.toString(),
      daysPaid: 10,
      rentDays: 10,
      settledDays: 0,
      paid: (PRICE_PER_DAY * 10n + DEPOSIT).toString(),
      rentCredited: "0",
      refund: null,
      depositSettled: false,
      events: [
        { kind: "Started", amount: (PRICE_PER_DAY * 10n + DEPOSIT).toString(), penalty: null, depositClaimed: null },
      ],
      payments: [],
    });

    // The tenant decorates: its scene shows instead of the owner's while the lease runs.
    const { digest, codec } = sceneContentOf(SCENE_CID);
    await call(tenantWallet, registry, unitRegistryAbi, "setContent", [unitId, digest, codec]);
    const data = await query<{ unit: Record<string, unknown>; rentalListing: Record<string, unknown> }>(
      `query ($unit: ID!, $id: ID!) {
        unit(id: $unit) { tenant userExpires lease { id } tenantContentCid leases { id } }
        rentalListing(id: $id) { status posted owner { id } agent pricePerDay minDays maxDays mayDecorate lease { id } }
      }`,
      { unit: unitId.toString(), id: leaseId },
    );
    expect(data.unit).toEqual({
      tenant: lower(tenant),
      userExpires: expires.toString(),
      lease: { id: leaseId },
      tenantContentCid: SCENE_CID,
      leases: [{ id: leaseId }],
    });
    expect(data.rentalListing).toEqual({
      status: "Rented",
      posted: false,
      owner: { id: lower(seller) },
      agent: lower(agency),
      pricePerDay: PRICE_PER_DAY.toString(),
      minDays: 1,
      maxDays: 30,
      mayDecorate: true,
      lease: { id: leaseId },
    });
  });

  it("indexes rent claimed: the payment's split and the agency's rent earnings", async () => {
    await advance(2n * DAY + 60n); // three days started
    const { receipt } = await call(buyerWallet, book, leaseBookAbi, "claimRent", [leaseId, state]);
    state = eventOf(receipt, book, leaseBookAbi, "RentClaimed").lease as LeaseState;
    const credited = eventOf(receipt, book, leaseBookAbi, "RentCredited");
    expect(state.settledDays).toBe(3);
    expect(credited.amount).toBe(3n * PRICE_PER_DAY);
    expect(credited.agentFee).toBe((3n * PRICE_PER_DAY * 500n) / 10_000n);

    expect(await leaseRow(leaseId)).toMatchObject({
      status: "Active",
      settledDays: 3,
      rentCredited: (credited.amount as bigint).toString(),
      lessorEarned: (credited.lessorShare as bigint).toString(),
      agencyEarned: (credited.agentFee as bigint).toString(),
      platformFees: (credited.platformFee as bigint).toString(),
      agency: {
        id: lower(agency),
        rentEarnings: (credited.agentFee as bigint).toString(),
      },
      payments: [
        {
          amount: (credited.amount as bigint).toString(),
          lessorShare: (credited.lessorShare as bigint).toString(),
          agentFee: (credited.agentFee as bigint).toString(),
          platformFee: (credited.platformFee as bigint).toString(),
          agency: { id: lower(agency) },
        },
      ],
    });
    const owed = await publicClient.readContract({
      address: book,
      abi: leaseBookAbi,
      functionName: "owedTo",
      args: [agency],
    });
    const agencyRow = await query<{ agency: { rentEarnings: string; saleEarnings: string; totalEarnings: string } }>(
      `query ($id: ID!) { agency(id: $id) { rentEarnings saleEarnings totalEarnings } }`,
      { id: agency },
    );
    expect(agencyRow.agency.rentEarnings).toBe(owed.toString());
    expect(BigInt(agencyRow.agency.totalEarnings)).toBe(owed + BigInt(agencyRow.agency.saleEarnings));
  });

  it("indexes a lease ended early: the refund, the penalty and the unit without a tenant", async () => {
    await advance(DAY); // day four started
    const { receipt, timestamp } = await call(tenantWallet, book, leaseBookAbi, "endLease", [leaseId, state]);
    const ended = eventOf(receipt, book, leaseBookAbi, "LeaseEnded");
    state = ended.lease as LeaseState;
    const credited = eventOf(receipt, book, leaseBookAbi, "RentCredited");
    // Six unused days: refund 90 %, the lessor keeps 10 %.
    expect(ended.refund).toBe(6n * PRICE_PER_DAY - (6n * PRICE_PER_DAY * 1_000n) / 10_000n);

    const row = await leaseRow(leaseId);
    expect(row).toMatchObject({
      status: "EndedEarly",
      expires: timestamp.toString(),
      daysPaid: 10,
      rentDays: 4,
      settledDays: 4,
      refund: (ended.refund as bigint).toString(),
      penalty: (ended.penalty as bigint).toString(),
      rentCredited: (3n * PRICE_PER_DAY + (credited.amount as bigint)).toString(),
    });
    expect((row.events as unknown[]).at(-1)).toEqual({
      kind: "EndedEarly",
      amount: (ended.refund as bigint).toString(),
      penalty: (ended.penalty as bigint).toString(),
      depositClaimed: null,
    });
    expect(row.payments).toHaveLength(2);
    const { unit } = await query<{ unit: Record<string, unknown> }>(
      `query ($unit: ID!) { unit(id: $unit) { tenant userExpires lease { id } tenantContentCid } }`,
      { unit: unitId.toString() },
    );
    expect(unit).toEqual({ tenant: null, userExpires: null, lease: null, tenantContentCid: null });
  });

  it("indexes a deposit claimed in part: what the lessor kept and what went back", async () => {
    const claimed = parseEther("30");
    const { receipt } = await call(sellerWallet, book, leaseBookAbi, "claimDeposit", [leaseId, state, claimed]);
    const settled = eventOf(receipt, book, leaseBookAbi, "DepositSettled");
    expect(settled).toMatchObject({ claimed, returned: DEPOSIT - claimed });
    const row = await leaseRow(leaseId);
    expect(row).toMatchObject({
      depositSettled: true,
      depositClaimed: claimed.toString(),
      depositReturned: (DEPOSIT - claimed).toString(),
    });
    expect((row.events as Array<{ kind: string }>).map((event) => event.kind)).toEqual([
      "Started",
      "RentClaimed",
      "EndedEarly",
      "DepositSettled",
    ]);
    expect((row.events as unknown[]).at(-1)).toMatchObject({
      amount: (DEPOSIT - claimed).toString(),
      depositClaimed: claimed.toString(),
    });
  });

  it("indexes a lease from an on-chain listing whose deposit goes back whole after the window", async () => {
    const listing: LeaseListing = {
      unitId,
      owner: seller,
      transferCount: await transferCount(unitId),
      agent: zeroAddress,
      agentFeeBps: 0,
      pricePerDay: PRICE_PER_DAY,
      minDays: 1,
      maxDays: 5,
      deposit: DEPOSIT,
      penaltyBps: 0,
      mayDecorate: false,
      counter: 0n,
      deadline: (await publicClient.getBlock()).timestamp + 30n * DAY,
      salt: 2n,
    };
    await call(sellerWallet, book, leaseBookAbi, "list", [listing]);
    const listingId = await publicClient.readContract({
      address: book,
      abi: leaseBookAbi,
      functionName: "listingId",
      args: [listing],
    });
    const { rentalListing } = await query<{ rentalListing: Record<string, unknown> }>(
      `query ($id: ID!) { rentalListing(id: $id) { status posted maxDays mayDecorate deadline lease { id } } }`,
      { id: listingId },
    );
    expect(rentalListing).toEqual({
      status: "Listed",
      posted: true,
      maxDays: 5,
      mayDecorate: false,
      deadline: listing.deadline.toString(),
      lease: null,
    });

    const { receipt } = await call(tenantWallet, book, leaseBookAbi, "rent", [listing, "0x", 1]);
    let next = leaseFromLeased(
      eventOf(receipt, book, leaseBookAbi, "Leased") as unknown as LeasedEventArgs,
      await blockTime(receipt.blockNumber),
    );
    await advance(DAY + 4n * DAY); // the day, then the three-day claim window, passed
    const returned = await call(buyerWallet, book, leaseBookAbi, "returnDeposit", [listingId, next]);
    next = eventOf(returned.receipt, book, leaseBookAbi, "DepositSettled").lease as LeaseState;
    expect(next.depositSettled).toBe(true);

    const row = await leaseRow(listingId);
    // Never ended early: still `Active`, over since `expires` (queries compare it with the time).
    expect(row).toMatchObject({
      status: "Active",
      mayDecorate: false,
      daysPaid: 1,
      depositSettled: true,
      depositClaimed: "0",
      depositReturned: DEPOSIT.toString(),
      payments: [],
    });
    expect(BigInt(row.expires as string)).toBeLessThan(returned.timestamp);
    const running = await query<{ leases: unknown[] }>(
      `query ($now: BigInt!) { leases(where: { status: Active, expires_gt: $now }) { id } }`,
      { now: returned.timestamp.toString() },
    );
    expect(running.leases).toEqual([]);
  });

  it("closes an owner's listings on chain when it moves its counter", async () => {
    const listing: LeaseListing = {
      unitId,
      owner: seller,
      transferCount: await transferCount(unitId),
      agent: zeroAddress,
      agentFeeBps: 0,
      pricePerDay: PRICE_PER_DAY,
      minDays: 1,
      maxDays: 5,
      deposit: 0n,
      penaltyBps: 0,
      mayDecorate: false,
      counter: 0n,
      deadline: (await publicClient.getBlock()).timestamp + 30n * DAY,
      salt: 3n,
    };
    await call(sellerWallet, book, leaseBookAbi, "list", [listing]);
    const id = await publicClient.readContract({
      address: book,
      abi: leaseBookAbi,
      functionName: "listingId",
      args: [listing],
    });
    const statusOf = async () =>
      (
        await query<{ rentalListing: { status: string } }>(`query ($id: ID!) { rentalListing(id: $id) { status } }`, {
          id,
        })
      ).rentalListing.status;
    expect(await statusOf()).toBe("Listed");
    await call(sellerWallet, book, leaseBookAbi, "incrementCounter");
    expect(await statusOf()).toBe("Cancelled");
    const { account } = await query<{ account: { rentalListings: Array<{ status: string }> } }>(
      `query ($id: ID!) { account(id: $id) { rentalListings(orderBy: createdAtBlock) { status } } }`,
      { id: seller.toLowerCase() },
    );
    expect(account.rentalListings.map((row) => row.status)).toEqual(["Rented", "Rented", "Cancelled"]);
  });
});

describe("listings when their unit changes hands", () => {
  it("marks the unit's posted sale and rental listings Stale, and they stay so when it comes back", async () => {
    const unitId = unitIds[1]!;
    expect(
      getAddress(
        await publicClient.readContract({
          address: registry,
          abi: unitRegistryAbi,
          functionName: "ownerOf",
          args: [unitId],
        }),
      ),
    ).toBe(getAddress(seller));
    const sale = await listingOf(unitId, { salt: 81n });
    await call(sellerWallet, exchange, unitExchangeAbi, "list", [sale, []]);
    const saleId = await readExchange<Hex>("hashListing", [sale]);
    const rental: LeaseListing = {
      unitId,
      owner: seller,
      transferCount: await transferCount(unitId),
      agent: zeroAddress,
      agentFeeBps: 0,
      pricePerDay: parseEther("10"),
      minDays: 1,
      maxDays: 5,
      deposit: 0n,
      penaltyBps: 0,
      mayDecorate: false,
      counter: await publicClient.readContract({
        address: book,
        abi: leaseBookAbi,
        functionName: "counterOf",
        args: [seller],
      }),
      deadline: (await publicClient.getBlock()).timestamp + 30n * DAY,
      salt: 82n,
    };
    await call(sellerWallet, book, leaseBookAbi, "list", [rental]);
    const rentalId = await publicClient.readContract({
      address: book,
      abi: leaseBookAbi,
      functionName: "listingId",
      args: [rental],
    });
    const state = () =>
      query<{
        listing: { status: string; closedAtBlock: string | null };
        rentalListing: { status: string; transferCount: number };
        unit: { openListingCount: number; rentalListings: Array<{ id: string }> };
      }>(
        `query ($sale: ID!, $rental: ID!, $unit: ID!) {
          listing(id: $sale) { status closedAtBlock }
          rentalListing(id: $rental) { status transferCount }
          unit(id: $unit) { openListingCount rentalListings { id } }
        }`,
        { sale: saleId, rental: rentalId, unit: unitId.toString() },
      );
    let now = await state();
    expect(now.listing).toEqual({ status: "Active", closedAtBlock: null });
    expect(now.rentalListing).toEqual({ status: "Listed", transferCount: rental.transferCount });
    // Earlier tests left listings of this unit that ended without a move (cancelled by hash or
    // counter): the count is an upper bound of what is open, at least these two.
    expect(now.unit.openListingCount).toBeGreaterThanOrEqual(2);
    expect(now.unit.rentalListings.map((row) => row.id)).toContain(rentalId);

    const moved = await call(sellerWallet, registry, unitRegistryAbi, "transferFrom", [seller, buyer, unitId]);
    now = await state();
    expect(now.listing).toEqual({ status: "Stale", closedAtBlock: moved.receipt.blockNumber.toString() });
    expect(now.rentalListing.status).toBe("Stale");
    expect(now.unit.openListingCount).toBe(0);

    // Back with the seller: the chain refuses the old listing, and the subgraph does not revive it.
    await call(buyerWallet, registry, unitRegistryAbi, "transferFrom", [buyer, seller, unitId]);
    await expect(
      publicClient.simulateContract({
        account: buyerWallet.account,
        address: exchange,
        abi: unitExchangeAbi,
        functionName: "buy",
        args: [sale, "0x", NO_PERMIT],
      }),
    ).rejects.toThrow();
    now = await state();
    expect(now.listing.status).toBe("Stale");
    expect(now.rentalListing.status).toBe("Stale");
  });
});

describe("auctions", () => {
  it("indexes an auction: its bids, the extension, the settlement as a sale in the price history", async () => {
    const auctions = stack.address("UnitAuctions");
    const token = stack.address("MarkToken");
    const unitId = unitIds[1]!;
    const reserve = parseEther("1000");
    await call(sellerWallet, registry, unitRegistryAbi, "setApprovalForAll", [auctions, true]);
    for (const wallet of [buyerWallet, tenantWallet]) {
      await call(wallet, token, markTokenAbi, "approve", [auctions, maxUint256]);
    }
    const created = await call(sellerWallet, auctions, unitAuctionsAbi, "createAuction", [
      unitId,
      reserve,
      86_400,
      agency,
      100,
    ]);
    const auctionId = eventOf(created.receipt, auctions, unitAuctionsAbi, "AuctionCreated").auctionId as bigint;
    const noPermit = { value: 0n, deadline: 0n, v: 0, r: zeroHash, s: zeroHash };
    const first = await call(buyerWallet, auctions, unitAuctionsAbi, "bid", [auctionId, reserve, noPermit]);
    await advance(DAY - 60n); // a minute before the end
    const late = await call(tenantWallet, auctions, unitAuctionsAbi, "bid", [auctionId, 2n * reserve, noPermit]);
    expect(late.timestamp + 900n).toBeGreaterThan(first.timestamp + DAY);
    await advance(900n);
    const settled = await call(buyerWallet, auctions, unitAuctionsAbi, "settle", [auctionId]);

    const { auction } = await query<{ auction: Record<string, unknown> & { sale: Record<string, unknown> } }>(
      `query ($id: ID!) {
        auction(id: $id) {
          status seller { id } unit { id owner priceHistory { price } } reserve agencyFeeBps endsAt highBid
          highBidder { id } bidCount bids(orderBy: blockNumber) { bidder { id } amount endsAt }
          sale { kind price platformFee agencyFee proceeds buyer { id } agency { id } }
          closedAtBlock
        }
      }`,
      { id: auctionId.toString() },
    );
    const platformFee = (2n * reserve * 250n) / 10_000n;
    const agencyFee = (2n * reserve * 100n) / 10_000n;
    expect(auction).toEqual({
      status: "Settled",
      seller: { id: lower(seller) },
      unit: { id: unitId.toString(), owner: lower(tenant), priceHistory: [{ price: (2n * reserve).toString() }] },
      reserve: reserve.toString(),
      agencyFeeBps: 100,
      endsAt: (late.timestamp + 900n).toString(),
      highBid: (2n * reserve).toString(),
      highBidder: { id: lower(tenant) },
      bidCount: 2,
      bids: [
        { bidder: { id: lower(buyer) }, amount: reserve.toString(), endsAt: (first.timestamp + DAY).toString() },
        {
          bidder: { id: lower(tenant) },
          amount: (2n * reserve).toString(),
          endsAt: (late.timestamp + 900n).toString(),
        },
      ],
      sale: {
        kind: "Auction",
        price: (2n * reserve).toString(),
        platformFee: platformFee.toString(),
        agencyFee: agencyFee.toString(),
        proceeds: (2n * reserve - platformFee - agencyFee).toString(),
        buyer: { id: lower(tenant) },
        agency: { id: lower(agency) },
      },
      closedAtBlock: settled.receipt.blockNumber.toString(),
    });
  });
});
