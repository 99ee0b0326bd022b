/**
 * The real-estate exchange's EIP-712 orders (`UnitExchange`): the typed data a wallet signs to
 * list a unit or a bundle (`Listing`) or to offer MRK for a unit or any unit of a building
 * (`Offer`). The domain is name "Markspace Exchange", version "1", the chain id and the
 * exchange's address, so a signature is good on one chain, at one exchange. Browser-safe: viem only.
 */
import { encodeAbiParameters, keccak256, type Address, type Hex } from "viem";

export const EXCHANGE_DOMAIN_NAME = "Markspace Exchange";
export const EXCHANGE_DOMAIN_VERSION = "1";

export const LISTING_TYPES = {
  Listing: [
    { name: "seller", type: "address" },
    { name: "unitId", type: "uint256" },
    { name: "nonce", type: "uint32" },
    { name: "bundle", type: "bytes32" },
    { name: "price", type: "uint256" },
    { name: "buyer", type: "address" },
    { name: "agency", type: "address" },
    { name: "agencyFeeBps", type: "uint16" },
    { name: "deadline", type: "uint64" },
    { name: "counter", type: "uint64" },
    { name: "salt", type: "uint256" },
  ],
} as const;

export const OFFER_TYPES = {
  Offer: [
    { name: "buyer", type: "address" },
    { name: "scope", type: "uint8" },
    { name: "target", type: "uint256" },
    { name: "nonce", type: "uint32" },
    { name: "price", type: "uint256" },
    { name: "agency", type: "address" },
    { name: "agencyFeeBps", type: "uint16" },
    { name: "deadline", type: "uint64" },
    { name: "counter", type: "uint64" },
    { name: "salt", type: "uint256" },
  ],
} as const;

/** `IUnitExchange.Listing`: a single unit (`bundle` zero, `nonce` its `transferCount`) or a bundle (`unitId` and `nonce` 0). */
export type ExchangeListing = {
  seller: Address;
  unitId: bigint;
  nonce: number;
  bundle: Hex;
  price: bigint;
  buyer: Address;
  agency: Address;
  agencyFeeBps: number;
  deadline: bigint;
  counter: bigint;
  salt: bigint;
};

/** `IUnitExchange.OfferScope`. */
export const OFFER_SCOPE = { unit: 0, building: 1 } as const;

/** `IUnitExchange.Offer`. */
export type ExchangeOffer = {
  buyer: Address;
  scope: number;
  target: bigint;
  nonce: number;
  price: bigint;
  agency: Address;
  agencyFeeBps: number;
  deadline: bigint;
  counter: bigint;
  salt: bigint;
};

/** The bit that makes a building id the asset key of its building offers (`cancelAsset`, `assetNonceOf`). */
export const BUILDING_ASSET = 1n << 255n;

export type ExchangeDomainParameters = { exchange: Address; chainId: number };

function domain({ exchange, chainId }: ExchangeDomainParameters) {
  return { name: EXCHANGE_DOMAIN_NAME, version: EXCHANGE_DOMAIN_VERSION, chainId, verifyingContract: exchange };
}

/** The typed data a seller signs for `listing` (viem's or wagmi's `signTypedData`). */
export function listingTypedData(params: ExchangeDomainParameters & { listing: ExchangeListing }) {
  return { domain: domain(params), types: LISTING_TYPES, primaryType: "Listing" as const, message: params.listing };
}

/** The typed data a buyer signs for `offer`. */
export function offerTypedData(params: ExchangeDomainParameters & { offer: ExchangeOffer }) {
  return { domain: domain(params), types: OFFER_TYPES, primaryType: "Offer" as const, message: params.offer };
}

/**
 * A bundle's fingerprint, as `UnitExchange.bundleFingerprint` computes it: `keccak256` over
 * (unit id, transfer count) pairs, each as two 32-byte words, in the listing's order.
 */
export function bundleFingerprint(units: ReadonlyArray<{ unitId: bigint; transferCount: number }>): Hex {
  const words = units.flatMap(({ unitId, transferCount }) => [unitId, BigInt(transferCount)]);
  return keccak256(
    encodeAbiParameters(
      words.map(() => ({ type: "uint256" })),
      words,
    ),
  );
}
