/**
 * Gas of the real-estate exchange's transactions, measured on an in-process Hardhat/EDR chain as
 * total transaction gas (`receipt.gasUsed`: the 21,000 base and calldata included). The contracts
 * are deployed by the real deploy script, so the fees are the genesis parameters (platform fee
 * 2.5 %); the rows "no fees" run after the treasury (impersonated, as a passed proposal would) set
 * `exchange.platformFeeBps` to 0. Each figure is the median over five runs. As on any marketplace
 * after its first use: sellers approved the exchange as operator, buyers gave it an MRK allowance
 * (or sign a permit, where the row says so), and sellers, buyers, the treasury and the agency
 * already hold MRK and units (a first balance costs a storage write of 20,000 more).
 *
 * Baseline: Seaport 1.6 (`seaport-core` from npm, compiled by `lib/seaport.ts` with Seaport's own
 * compiler settings) is deployed on the same chain, and the same sellers sell the same kind of
 * unit to the same buyers for the same MRK price through its cheapest path
 * (`fulfillBasicOrder_efficient_6GL6yc`, ERC-20 for ERC-721, no conduit), with the platform fee
 * as one additional recipient and without fees. Its medians are the `baseline` of the matching
 * rows and are also printed as rows of their own.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import hre from "hardhat";
import {
  custom,
  getAddress,
  maxUint256,
  parseEther,
  zeroAddress,
  zeroHash,
  keccak256,
  toHex,
  type Abi,
  type Address,
  type Hash,
  type Hex,
} from "viem";
import {
  markParametersAbi,
  markTokenAbi,
  unitAuctionsAbi,
  unitExchangeAbi,
  unitRegistryAbi,
  unitSaleAbi,
} from "../contracts/generated/abis.ts";
import {
  OFFER_SCOPE,
  listingTypedData,
  offerTypedData,
  type ExchangeListing,
  type ExchangeOffer,
} from "../contracts/market/exchange-orders.ts";
import { NO_PERMIT, signMrkPermit } from "../contracts/token/permit.ts";
import { encodeUnitId } from "../contracts/unit-address.ts";
import { deploy } from "./deploy.ts";
import type { GasBenchRow } from "./bench-gas.ts";
import { lendSaleMrk } from "./lib/dev-mrk.ts";
import { sendAsTreasury } from "./lib/dev-impersonate.ts";
import { median } from "./lib/gas.ts";
import { buildSeaport, seaportBasicOrder, seaportOrderTypedData, type SeaportSale } from "./lib/seaport.ts";

const RUNS = 5;
const PRICE = parseEther("5000");
/** Units each seller holds for the runs: signed fills with fee, with fee and agency, with permit,
 * without fees, an offer, an on-chain listing, a bundle of two, two Seaport fills, an auction. */
const UNITS_PER_SELLER = 11;
const SEAPORT_WITH_FEE = 8;
const SEAPORT_NO_FEE = 9;
const AUCTIONED = 10;
const PLATFORM_FEE_BPS = 250n;

const METRIC = {
  fee: "exchange: buy a signed listing, platform fee (UnitExchange.buy)",
  noFee: "exchange: buy a signed listing, no fees (UnitExchange.buy)",
  seaportFee: "exchange baseline: Seaport 1.6 basic order, platform fee (fulfillBasicOrder_efficient)",
  seaportNoFee: "exchange baseline: Seaport 1.6 basic order, no fees (fulfillBasicOrder_efficient)",
} as const;

export async function runExchangeGasBench(): Promise<GasBenchRow[]> {
  await hre.tasks.getTask("build").run({ quiet: true });
  const seaportBuild = await buildSeaport();
  const conn = await hre.network.connect();
  const { viem } = conn;
  const publicClient = await viem.getPublicClient();
  const wallets = await viem.getWalletClients();
  if (wallets.length < 2 * RUNS + 2) throw new Error(`bench-gas-exchange: the chain needs ${2 * RUNS + 2} accounts`);
  const outDir = await mkdtemp(join(tmpdir(), "markspace-bench-exchange-"));
  try {
    const { deployment } = await deploy({ transport: custom(conn.provider), outDir, log: () => {} });
    const at = (name: keyof typeof deployment.contracts) => getAddress(deployment.contracts[name]!.address);
    const registry = at("UnitRegistry");
    const unitSale = at("UnitSale");
    const exchange = at("UnitExchange");
    const auctions = at("UnitAuctions");
    const token = at("MarkToken");
    const chainId = await publicClient.getChainId();
    const deployRaw = async (compiled: { abi: Abi; bytecode: Hex }, args: readonly unknown[]) => {
      const hash = await wallets[0]!.deployContract({ ...compiled, args, chain: null });
      const receipt = await publicClient.waitForTransactionReceipt({ hash });
      if (receipt.status !== "success" || !receipt.contractAddress)
        throw new Error("bench-gas-exchange: Seaport deployment failed");
      return receipt.contractAddress;
    };
    const platformTreasury = (await publicClient.readContract({
      address: exchange,
      abi: unitExchangeAbi,
      functionName: "treasury",
    })) as Address;
    const conduitController = await deployRaw(seaportBuild.conduitController, []);
    const seaport = await deployRaw(seaportBuild.seaport, [conduitController]);
    const sellers = wallets.slice(1, RUNS + 1);
    const buyers = wallets.slice(RUNS + 1, 2 * RUNS + 1);
    const agency = wallets[2 * RUNS + 1]!;
    type Wallet = (typeof wallets)[0];
    await lendSaleMrk(
      conn.provider,
      deployment,
      [...sellers, ...buyers, agency].map((wallet) => wallet.account.address),
      parseEther("10000000"),
    );

    async function gasOf(hash: Hash): Promise<bigint> {
      const receipt = await publicClient.waitForTransactionReceipt({ hash });
      if (receipt.status !== "success") throw new Error(`bench-gas-exchange: transaction ${hash} reverted`);
      return receipt.gasUsed;
    }
    const send = async (user: Wallet, address: Address, abi: Abi, functionName: string, args: readonly unknown[]) =>
      gasOf(await user.writeContract({ address, abi, functionName, args, chain: null }));
    const onExchange = (user: Wallet, functionName: string, args: readonly unknown[]) =>
      send(user, exchange, unitExchangeAbi as Abi, functionName, args);
    const transferCount = (unitId: bigint) =>
      publicClient.readContract({
        address: registry,
        abi: unitRegistryAbi,
        functionName: "transferCount",
        args: [unitId],
      });

    // Every seller buys its Commercial units; every buyer claims a home (so it holds a unit) and
    // allows the exchange its MRK; everyone approves the exchange for units.
    const unitOf = (seller: number, k: number) =>
      encodeUnitId({ district: 2, neighbourhood: 200 + seller, building: 1, floor: 1, unit: k });
    for (const [i, seller] of sellers.entries()) {
      for (let k = 0; k < UNITS_PER_SELLER; k++) {
        const unitId = unitOf(i, k);
        const [price, storage] = await publicClient.readContract({
          address: unitSale,
          abi: unitSaleAbi,
          functionName: "quote",
          args: [unitId, 0, 0],
        });
        const value = price + storage;
        await send(seller, unitSale, unitSaleAbi as Abi, "buy", [
          unitId,
          0,
          0,
          value,
          await signMrkPermit({ publicClient, wallet: seller, token, spender: unitSale, value }),
        ]);
      }
      await send(seller, registry, unitRegistryAbi as Abi, "setApprovalForAll", [exchange, true]);
      await send(seller, registry, unitRegistryAbi as Abi, "setApprovalForAll", [seaport, true]);
      await send(seller, registry, unitRegistryAbi as Abi, "setApprovalForAll", [auctions, true]);
    }
    for (const [i, buyer] of buyers.entries()) {
      await send(buyer, registry, unitRegistryAbi as Abi, "claim", [
        encodeUnitId({ district: 1, neighbourhood: 300 + i, building: 1, floor: 1, unit: 1 }),
      ]);
      await send(buyer, registry, unitRegistryAbi as Abi, "setApprovalForAll", [exchange, true]);
      await send(buyer, token, markTokenAbi as Abi, "approve", [seaport, maxUint256]);
      await send(buyer, token, markTokenAbi as Abi, "approve", [auctions, maxUint256]);
    }

    const samples: Record<string, bigint[]> = {};
    const record = (metric: string, gas: bigint) => (samples[metric] ??= []).push(gas);
    const deadline = (await publicClient.getBlock()).timestamp + 30n * 86_400n;
    const listingOf = async (seller: Wallet, unitId: bigint, extra: Partial<ExchangeListing> = {}) => {
      const counter = await publicClient.readContract({
        address: exchange,
        abi: unitExchangeAbi,
        functionName: "counterOf",
        args: [seller.account.address],
      });
      return {
        seller: seller.account.address,
        unitId,
        nonce: unitId === 0n ? 0 : await transferCount(unitId),
        bundle: zeroHash,
        price: PRICE,
        buyer: zeroAddress,
        agency: zeroAddress,
        agencyFeeBps: 0,
        deadline,
        counter,
        // A small salt: any number that tells listings apart will do (calldata of a 32-byte
        // random salt would add about 450 gas).
        salt: 1n,
        ...extra,
      } satisfies ExchangeListing;
    };
    const signListing = (seller: Wallet, listing: ExchangeListing): Promise<Hex> =>
      seller.signTypedData({ account: seller.account, ...listingTypedData({ exchange, chainId, listing }) });
    const seaportFill = async (seller: Wallet, buyer: Wallet, unitId: bigint, withFee: boolean) => {
      const fee = withFee ? (PRICE * PLATFORM_FEE_BPS) / 10_000n : 0n;
      const sale: SeaportSale = {
        seaport,
        chainId,
        seller: seller.account.address,
        nft: registry,
        tokenId: unitId,
        currency: token,
        sellerAmount: PRICE - fee,
        fees: withFee ? [{ recipient: platformTreasury, amount: fee }] : [],
        endTime: deadline,
        salt: 1n,
        counter: (await publicClient.readContract({
          address: seaport,
          abi: seaportBuild.seaport.abi,
          functionName: "getCounter",
          args: [seller.account.address],
        })) as bigint,
      };
      const signature = await seller.signTypedData({ account: seller.account, ...seaportOrderTypedData(sale) });
      return send(buyer, seaport, seaportBuild.seaport.abi, "fulfillBasicOrder_efficient_6GL6yc", [
        seaportBasicOrder(sale, signature),
      ]);
    };
    const allow = async (buyer: Wallet, value: bigint) =>
      send(buyer, token, markTokenAbi as Abi, "approve", [exchange, value]);

    // --- With the genesis platform fee (2.5 %) --------------------------------------------------
    for (const [i, seller] of sellers.entries()) {
      const buyer = buyers[i]!;
      await allow(buyer, maxUint256);
      let listing = await listingOf(seller, unitOf(i, 0));
      record(METRIC.fee, await onExchange(buyer, "buy", [listing, await signListing(seller, listing), NO_PERMIT]));
      record(METRIC.seaportFee, await seaportFill(seller, buyer, unitOf(i, SEAPORT_WITH_FEE), true));
      record(METRIC.seaportNoFee, await seaportFill(seller, buyer, unitOf(i, SEAPORT_NO_FEE), false));
      listing = await listingOf(seller, unitOf(i, 1), { agency: agency.account.address, agencyFeeBps: 200 });
      record(
        "exchange: buy a signed listing, platform + agency fee (UnitExchange.buy)",
        await onExchange(buyer, "buy", [listing, await signListing(seller, listing), NO_PERMIT]),
      );

      listing = await listingOf(seller, unitOf(i, 2));
      await allow(buyer, 0n);
      const permit = await signMrkPermit({ publicClient, wallet: buyer, token, spender: exchange, value: PRICE });
      record(
        "exchange: buy a signed listing with permit, platform fee (UnitExchange.buy)",
        await onExchange(buyer, "buy", [listing, await signListing(seller, listing), permit]),
      );
      await allow(buyer, maxUint256);

      const offerUnit = unitOf(i, 4);
      const offer = {
        buyer: buyer.account.address,
        scope: OFFER_SCOPE.unit,
        target: offerUnit,
        nonce: await transferCount(offerUnit),
        price: PRICE,
        agency: zeroAddress,
        agencyFeeBps: 0,
        deadline,
        counter: 0n,
        salt: 1n,
      } satisfies ExchangeOffer;
      const offerSignature = await buyer.signTypedData({
        account: buyer.account,
        ...offerTypedData({ exchange, chainId, offer }),
      });
      record(
        "exchange: accept an offer, platform fee (UnitExchange.acceptOffer)",
        await onExchange(seller, "acceptOffer", [offer, offerSignature, offerUnit, NO_PERMIT]),
      );

      listing = await listingOf(seller, unitOf(i, 5));
      record("exchange: list on chain (UnitExchange.list)", await onExchange(seller, "list", [listing, []]));
      record(
        "exchange: buy an on-chain listing, platform fee (UnitExchange.buy)",
        await onExchange(buyer, "buy", [listing, "0x", NO_PERMIT]),
      );

      const bundleUnits = [unitOf(i, 6), unitOf(i, 7)];
      const fingerprint = await publicClient.readContract({
        address: exchange,
        abi: unitExchangeAbi,
        functionName: "bundleFingerprint",
        args: [bundleUnits],
      });
      listing = await listingOf(seller, 0n, { nonce: 0, bundle: fingerprint });
      record(
        "exchange: buy a signed bundle of 2 units, platform fee (UnitExchange.buyBundle)",
        await onExchange(buyer, "buyBundle", [listing, await signListing(seller, listing), bundleUnits, NO_PERMIT]),
      );

      // An auction: created, a first bid, an outbid (the first bid becomes a credit), settled
      // after the end by the winner, and the outbid bidder's withdrawal.
      const onAuctions = (user: Wallet, functionName: string, args: readonly unknown[]) =>
        send(user, auctions, unitAuctionsAbi as Abi, functionName, args);
      const rival = buyers[(i + 1) % RUNS]!;
      const auctionId = BigInt(i + 1);
      record(
        "auction: create (UnitAuctions.createAuction)",
        await onAuctions(seller, "createAuction", [unitOf(i, AUCTIONED), PRICE, 86_400, zeroAddress, 0]),
      );
      record("auction: first bid (UnitAuctions.bid)", await onAuctions(rival, "bid", [auctionId, PRICE, NO_PERMIT]));
      record(
        "auction: outbid, the first bid credited (UnitAuctions.bid)",
        await onAuctions(buyer, "bid", [auctionId, 2n * PRICE, NO_PERMIT]),
      );
      await conn.provider.request({ method: "evm_increaseTime", params: [86_400] });
      await conn.provider.request({ method: "evm_mine", params: [] });
      record("auction: settle, platform fee (UnitAuctions.settle)", await onAuctions(buyer, "settle", [auctionId]));
      record("auction: withdraw a credit (UnitAuctions.withdraw)", await onAuctions(rival, "withdraw", []));

      // Cancellations, on listings of units the seller still holds.
      listing = await listingOf(seller, unitOf(i, 3), { salt: 99n });
      record(
        "exchange: cancel a listing (UnitExchange.cancelListing)",
        await onExchange(seller, "cancelListing", [listing]),
      );
      record(
        "exchange: cancel every listing of a unit (UnitExchange.cancelAsset)",
        await onExchange(seller, "cancelAsset", [unitOf(i, 3)]),
      );
      record(
        "exchange: cancel everything signed (UnitExchange.incrementCounter)",
        await onExchange(seller, "incrementCounter", []),
      );
    }

    // --- Without fees -----------------------------------------------------------------------------
    await sendAsTreasury(conn.provider, deployment, "bench: exchange.platformFeeBps = 0", async (wallet) => [
      await wallet.writeContract({
        chain: null,
        address: at("MarkParameters"),
        abi: markParametersAbi,
        functionName: "set",
        args: [keccak256(toHex("exchange.platformFeeBps")), 0n],
      }),
    ]);
    for (const [i, seller] of sellers.entries()) {
      // The buyers sell back the units they bought (their own listings), so sellers and buyers swap.
      const buyer = buyers[i]!;
      const unitId = unitOf(i, 0);
      const listing = await listingOf(buyer, unitId);
      await allow(seller, maxUint256);
      record(METRIC.noFee, await onExchange(seller, "buy", [listing, await signListing(buyer, listing), NO_PERMIT]));
    }
    const rows: GasBenchRow[] = Object.entries(samples).map(([metric, values]) => ({
      metric,
      value: median(values),
      unit: "gas",
    }));
    const valueOf = (metric: string) => rows.find((row) => row.metric === metric)?.value;
    for (const row of rows) {
      if (row.metric === METRIC.fee) row.baseline = valueOf(METRIC.seaportFee);
      if (row.metric === METRIC.noFee) row.baseline = valueOf(METRIC.seaportNoFee);
    }
    return rows;
  } finally {
    await conn.close();
    await rm(outDir, { recursive: true, force: true });
  }
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  for (const row of await runExchangeGasBench()) {
    console.log(
      `${row.metric.padEnd(88)} ${String(row.value).padStart(9)} gas${row.baseline ? `  (Seaport ${row.baseline})` : ""}`,
    );
  }
  process.exit(0);
}
