import { describe, expect, it } from "vitest";
import { parseEther, type Address } from "viem";
import {
  newRentalListing,
  newSaleListing,
  parsePercentBps,
  parseWhole,
  randomSalt,
  ZERO_ADDRESS,
} from "./newOrders.ts";

const SELLER = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" as Address;
const AGENCY = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC" as Address;

describe("new orders", () => {
  it("name the unit's transfer count, the signer's counter and a deadline whole days ahead", () => {
    const listing = newSaleListing({
      seller: SELLER,
      unitId: 5n,
      transferCount: 3,
      counter: 2n,
      now: 1_000n,
      validDays: 30,
      price: parseEther("10"),
      salt: 9n,
    });
    expect(listing).toEqual({
      seller: SELLER,
      unitId: 5n,
      nonce: 3,
      bundle: `0x${"0".repeat(64)}`,
      price: parseEther("10"),
      buyer: ZERO_ADDRESS,
      agency: ZERO_ADDRESS,
      agencyFeeBps: 0,
      deadline: 1_000n + 30n * 86_400n,
      counter: 2n,
      salt: 9n,
    });
  });

  it("drop an agency fee typed without an agency, and keep it with one", () => {
    const base = {
      seller: SELLER,
      unitId: 5n,
      transferCount: 0,
      counter: 0n,
      now: 0n,
      validDays: 1,
      price: 1n,
      salt: 1n,
    };
    expect(newSaleListing({ ...base, agencyFeeBps: 300 }).agencyFeeBps).toBe(0);
    expect(newSaleListing({ ...base, agency: AGENCY, agencyFeeBps: 300 })).toMatchObject({
      agency: AGENCY,
      agencyFeeBps: 300,
    });
  });

  it("carry a rental offer's terms as typed", () => {
    const listing = newRentalListing({
      owner: SELLER,
      unitId: 5n,
      transferCount: 1,
      counter: 0n,
      now: 100n,
      validDays: 2,
      pricePerDay: parseEther("20"),
      minDays: 1,
      maxDays: 30,
      deposit: parseEther("10"),
      penaltyBps: 1_000,
      mayDecorate: true,
      salt: 4n,
    });
    expect(listing).toMatchObject({
      transferCount: 1,
      agent: ZERO_ADDRESS,
      deadline: 100n + 2n * 86_400n,
      mayDecorate: true,
    });
  });

  it("use a fresh 256-bit salt each time", () => {
    const a = randomSalt();
    expect(a).not.toBe(randomSalt());
    expect(a < 1n << 256n).toBe(true);
  });
});

describe("form fields", () => {
  it("read whole numbers within bounds, naming the field otherwise", () => {
    expect(parseWhole(" 7 ", "Days", 1, 30)).toEqual({ ok: true, value: 7 });
    expect(parseWhole("0", "Days", 1, 30)).toEqual({ ok: false, message: "Days: between 1 and 30." });
    expect(parseWhole("2.5", "Days", 1, 30)).toEqual({ ok: false, message: "Days: enter a whole number." });
  });

  it("read percentages into basis points", () => {
    expect(parsePercentBps("2.5", "Fee", 20)).toEqual({ ok: true, value: 250 });
    expect(parsePercentBps("", "Fee", 20)).toEqual({ ok: true, value: 0 });
    expect(parsePercentBps("25", "Fee", 20)).toEqual({ ok: false, message: "Fee: at most 20 %." });
    expect(parsePercentBps("1.234", "Fee", 20).ok).toBe(false);
  });
});
