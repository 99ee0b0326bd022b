/**
 * Signed orders travel as links. A listing or an offer signed off chain exists nowhere on chain
 * until it is filled or cancelled (the exchange and the book index only orders posted with
 * `list`), so the signer hands it to the other side: the app puts the order and its signature in
 * the unit page's `?order=` parameter (base64url of JSON, bigints as decimal strings). Whoever
 * opens the link sees the order after the app has checked it against the chain; the link itself
 * is trusted for nothing.
 */
import { z } from "zod";
import { getAddress, type Address, type Hex } from "viem";
import type { ExchangeListing, ExchangeOffer } from "@markspace/contracts/exchange-orders";
import type { LeaseListing } from "@markspace/contracts/listing";
import { MarkspaceAppError } from "../errors/MarkspaceAppError.ts";

/** The URL search parameter that carries a signed order. */
export const ORDER_PARAM = "order";

export type SignedOrder =
  | { kind: "sale"; listing: ExchangeListing; signature: Hex }
  | { kind: "offer"; offer: ExchangeOffer; signature: Hex }
  | { kind: "rental"; listing: LeaseListing; signature: Hex };

/** The link's text is not a signed order (malformed, truncated or from another version). */
export class OrderLinkInvalidError extends MarkspaceAppError {
  override name = "OrderLinkInvalidError";
}

const uint = (bits: number) =>
  z
    .string()
    .regex(/^\d{1,78}$/, "a decimal whole number")
    .transform(BigInt)
    .refine((value) => value < 1n << BigInt(bits), `at most ${bits} bits`);
const small = (bits: number) =>
  z
    .number()
    .int()
    .min(0)
    .max(2 ** bits - 1);
const address = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, "a 20-byte 0x address")
  .transform((value) => getAddress(value) as Address);
const hex = (pattern: RegExp) =>
  z
    .string()
    .regex(pattern)
    .transform((value) => value as Hex);
const signature = hex(/^0x[0-9a-fA-F]{130,}$/);

const saleSchema = z.object({
  kind: z.literal("sale"),
  signature,
  listing: z.object({
    seller: address,
    unitId: uint(256),
    nonce: small(32),
    bundle: hex(/^0x[0-9a-fA-F]{64}$/),
    price: uint(256),
    buyer: address,
    agency: address,
    agencyFeeBps: small(16),
    deadline: uint(64),
    counter: uint(64),
    salt: uint(256),
  }),
});

const offerSchema = z.object({
  kind: z.literal("offer"),
  signature,
  offer: z.object({
    buyer: address,
    scope: small(8),
    target: uint(256),
    nonce: small(32),
    price: uint(256),
    agency: address,
    agencyFeeBps: small(16),
    deadline: uint(64),
    counter: uint(64),
    salt: uint(256),
  }),
});

const rentalSchema = z.object({
  kind: z.literal("rental"),
  signature,
  listing: z.object({
    unitId: uint(256),
    owner: address,
    transferCount: small(32),
    agent: address,
    agentFeeBps: small(16),
    pricePerDay: uint(96),
    minDays: small(16),
    maxDays: small(16),
    deposit: uint(96),
    penaltyBps: small(16),
    mayDecorate: z.boolean(),
    counter: uint(64),
    deadline: uint(64),
    salt: uint(256),
  }),
});

const signedOrderSchema = z.discriminatedUnion("kind", [saleSchema, offerSchema, rentalSchema]);

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): string {
  const padded = text.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (text.length % 4)) % 4);
  const binary = atob(padded);
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/** The `?order=` value for `order`. */
export function encodeOrder(order: SignedOrder): string {
  return toBase64Url(
    JSON.stringify(order, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value)),
  );
}

/** The order in an `?order=` value, a whole link or a pasted text; throws `OrderLinkInvalidError` naming what is wrong. */
export function decodeOrder(text: string): SignedOrder {
  let value = text.trim();
  const at = value.indexOf(`${ORDER_PARAM}=`);
  if (at >= 0) value = value.slice(at + ORDER_PARAM.length + 1).split(/[&#]/)[0]!;
  let json: unknown;
  try {
    json = JSON.parse(fromBase64Url(decodeURIComponent(value)));
  } catch (error) {
    throw new OrderLinkInvalidError({
      shortMessage: "This link does not carry a signed order.",
      hint: "Ask its sender for the whole link (it may have been cut off).",
      cause: error,
    });
  }
  const parsed = signedOrderSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new OrderLinkInvalidError({
      shortMessage: `The order in this link is malformed: ${issue.path.join(".") || "(order)"} ${issue.message}.`,
      hint: "Ask its sender for a new link.",
    });
  }
  return parsed.data;
}

/** The unit page's link to `order`, on the page at `unitPath` (`/units/B-0042-07-12-003`). */
export function orderLink(origin: string, unitPath: string, order: SignedOrder): string {
  return `${origin}${unitPath}?${ORDER_PARAM}=${encodeOrder(order)}`;
}
