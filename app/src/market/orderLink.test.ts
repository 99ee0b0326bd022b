import { describe, expect, it } from "vitest";
import { parseEther, type Address } from "viem";
import { decodeOrder, encodeOrder, orderLink, OrderLinkInvalidError, type SignedOrder } from "./orderLink.ts";

const SELLER = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" as Address;
const ZERO = "0x0000000000000000000000000000000000000000" as Address;
const SIGNATURE = `0x${"ab".repeat(65)}` as const;

const sale: SignedOrder = {
  kind: "sale",
  signature: SIGNATURE,
  listing: {
    seller: SELLER,
    unitId: (1n << 200n) + 5n,
    nonce: 3,
    bundle: `0x${"0".repeat(64)}`,
    price: parseEther("1234.5"),
    buyer: ZERO,
    agency: ZERO,
    agencyFeeBps: 0,
    deadline: 1_800_000_000n,
    counter: 2n,
    salt: 2n ** 255n + 1n,
  },
};

const rental: SignedOrder = {
  kind: "rental",
  signature: SIGNATURE,
  listing: {
    unitId: 42n,
    owner: SELLER,
    transferCount: 1,
    agent: ZERO,
    agentFeeBps: 0,
    pricePerDay: parseEther("10"),
    minDays: 1,
    maxDays: 30,
    deposit: 0n,
    penaltyBps: 1_000,
    mayDecorate: true,
    counter: 0n,
    deadline: 1_800_000_000n,
    salt: 9n,
  },
};

describe("signed order links", () => {
  it("carry a sale listing and a rental listing through a URL, bigints and all", () => {
    for (const order of [sale, rental]) {
      const value = encodeOrder(order);
      expect(value).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeOrder(value)).toEqual(order);
    }
  });

  it("read the order out of a whole link or a pasted one", () => {
    const link = orderLink("http://127.0.0.1:3000", "/units/B-0042-07-12-003", sale);
    expect(link.startsWith("http://127.0.0.1:3000/units/B-0042-07-12-003?order=")).toBe(true);
    expect(decodeOrder(`  ${link}#top `)).toEqual(sale);
  });

  it("check the lower-case addresses a link may carry into checksummed ones", () => {
    const value = encodeOrder({ ...sale, listing: { ...sale.listing, seller: SELLER.toLowerCase() as Address } });
    expect((decodeOrder(value) as { listing: { seller: string } }).listing.seller).toBe(SELLER);
  });

  it("refuse text that is not an order, naming the problem", () => {
    expect(() => decodeOrder("not-base64!")).toThrow(OrderLinkInvalidError);
    const tampered = encodeOrder({ ...rental, listing: { ...rental.listing, minDays: 70_000 } });
    expect(() => decodeOrder(tampered)).toThrow(/listing\.minDays/);
    const noSignature = btoa(JSON.stringify({ kind: "sale", listing: {} }));
    expect(() => decodeOrder(noSignature)).toThrow(/malformed/);
  });
});
