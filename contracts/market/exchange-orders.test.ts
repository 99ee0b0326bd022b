import hre from "hardhat";
import { getAddress, hashTypedData, keccak256, toHex, zeroAddress, zeroHash } from "viem";
import { describe, expect, it } from "vitest";
import { unitExchangeAbi } from "../generated/abis.ts";
import {
  OFFER_SCOPE,
  bundleFingerprint,
  listingTypedData,
  offerTypedData,
  type ExchangeListing,
  type ExchangeOffer,
} from "./exchange-orders.ts";

const conn = await hre.network.connect();
const publicClient = await conn.viem.getPublicClient();
const [wallet] = await conn.viem.getWalletClients();
if (!wallet) throw new Error("the test chain needs an account");
const chainId = await publicClient.getChainId();
// A registry and parameter store are not read by the hashing views: any addresses will do.
const stand = (name: string) => getAddress(`0x${keccak256(toHex(name)).slice(26)}`);
const exchange = await conn.viem.deployContract("UnitExchange", [
  stand("manager"),
  stand("registry"),
  stand("mrk"),
  stand("parameters"),
  stand("treasury"),
]);

function read(functionName: "hashListing", order: ExchangeListing): Promise<`0x${string}`>;
function read(functionName: "hashOffer", order: ExchangeOffer): Promise<`0x${string}`>;
function read(functionName: "hashListing" | "hashOffer", order: ExchangeListing | ExchangeOffer) {
  return publicClient.readContract({
    address: exchange.address,
    abi: unitExchangeAbi,
    functionName,
    args: [order],
  } as never) as Promise<`0x${string}`>;
}

const listing: ExchangeListing = {
  seller: getAddress(wallet.account.address),
  unitId: 0x00_02_002a_07_0c_0003n,
  nonce: 3,
  bundle: zeroHash,
  price: 5_000n * 10n ** 18n,
  buyer: zeroAddress,
  agency: stand("agency"),
  agencyFeeBps: 250,
  deadline: 1_900_000_000n,
  counter: 2n,
  salt: 77n,
};

describe("exchange orders", () => {
  it("a listing's typed data hashes to the exchange's hashListing, and a wallet signature of it recovers the seller", async () => {
    const typedData = listingTypedData({ exchange: exchange.address, chainId, listing });
    expect(await read("hashListing", listing)).toBe(hashTypedData(typedData));
    const signature = await wallet.signTypedData({ account: wallet.account, ...typedData });
    expect(await publicClient.verifyTypedData({ address: listing.seller, signature, ...typedData })).toBe(true);
  });

  it("an offer's typed data hashes to the exchange's hashOffer, for unit and building offers", async () => {
    for (const scope of [OFFER_SCOPE.unit, OFFER_SCOPE.building]) {
      const offer: ExchangeOffer = {
        buyer: listing.seller,
        scope,
        target: 0x00_02_002a_07_00_0000n,
        nonce: 0,
        price: 10n ** 18n,
        agency: zeroAddress,
        agencyFeeBps: 0,
        deadline: 1_900_000_000n,
        counter: 0n,
        salt: 1n,
      };
      expect(await read("hashOffer", offer)).toBe(
        hashTypedData(offerTypedData({ exchange: exchange.address, chainId, offer })),
      );
    }
  });

  it("another chain or another exchange gives another digest", () => {
    const here = hashTypedData(listingTypedData({ exchange: exchange.address, chainId, listing }));
    expect(hashTypedData(listingTypedData({ exchange: exchange.address, chainId: chainId + 1, listing }))).not.toBe(
      here,
    );
    expect(hashTypedData(listingTypedData({ exchange: stand("other exchange"), chainId, listing }))).not.toBe(here);
  });

  it("the bundle fingerprint is keccak256 over (unit id, transfer count) word pairs, order included", () => {
    const a = { unitId: 5n, transferCount: 0 };
    const b = { unitId: 6n, transferCount: 2 };
    const words = `0x${[5n, 0n, 6n, 2n].map((word) => word.toString(16).padStart(64, "0")).join("")}` as const;
    expect(bundleFingerprint([a, b])).toBe(keccak256(words));
    expect(bundleFingerprint([b, a])).not.toBe(bundleFingerprint([a, b]));
  });
});
