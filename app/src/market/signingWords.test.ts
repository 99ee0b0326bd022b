import { describe, expect, it } from "vitest";
import { parseEther, type Address } from "viem";
import { encodeUnitId } from "@markspace/contracts/unit-address";
import { describeOffer, describeRentalListing, describeSaleListing, formatBps } from "./signingWords.ts";

const SHOP = encodeUnitId({ district: 2, neighbourhood: 42, building: 7, floor: 12, unit: 3 });
const SELLER = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" as Address;
const AGENCY = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC" as Address;
const ZERO = "0x0000000000000000000000000000000000000000" as Address;
const EXCHANGE = { contract: "0x5FbDB2315678afecb367f032d93F642f64180aa3" as Address, chainId: 31337 };
const FEES = { platformFeeBps: 250n, platformFeeCapBps: 1_000n };
// 1 Jan 2027, 12:00 UTC.
const DEADLINE = 1_798_804_800n;

const listing = {
  seller: SELLER,
  unitId: SHOP,
  nonce: 2,
  bundle: `0x${"0".repeat(64)}` as const,
  price: parseEther("1000"),
  buyer: ZERO,
  agency: ZERO,
  agencyFeeBps: 0,
  deadline: DEADLINE,
  counter: 0n,
  salt: 7n,
};

describe("formatBps", () => {
  it("reads basis points as a percentage", () => {
    expect(formatBps(250n)).toBe("2.5 %");
    expect(formatBps(1_000)).toBe("10 %");
    expect(formatBps(5)).toBe("0.05 %");
    expect(formatBps(0)).toBe("0 %");
  });
});

describe("describeSaleListing", () => {
  it("names the unit, the price, the fees now and at worst, the proceeds, the buyer, the expiry and the scope", () => {
    expect(describeSaleListing({ listing, fees: FEES, scope: EXCHANGE })).toEqual([
      "You offer to sell unit B-0042-07-12-003 for 1,000 MRK, paid in full by the buyer in one transaction.",
      "Platform fee: 2.5 % now (25 MRK) to the treasury; governance may raise it to at most 10 % before a sale.",
      "Agency: none.",
      "You receive 975 MRK at today's fee (at least 900 MRK).",
      "Buyer: anyone.",
      "Valid until 1 Jan 2027, 12:00 UTC, while you keep the unit (it dies if the unit changes hands, transfer count 2) and until you cancel it.",
      "Good only at the Markspace Exchange 0x5FbDB2315678afecb367f032d93F642f64180aa3 on chain 31337. Signing sends no transaction and costs no gas.",
    ]);
  });

  it("names the agency and its fee, and takes it out of the proceeds", () => {
    const words = describeSaleListing({
      listing: { ...listing, agency: AGENCY, agencyFeeBps: 300, buyer: AGENCY },
      fees: FEES,
      scope: EXCHANGE,
    });
    expect(words[2]).toBe(`Agency: ${AGENCY} gets 3 % of the price (30 MRK).`);
    expect(words[3]).toBe("You receive 945 MRK at today's fee (at least 870 MRK).");
    expect(words[4]).toBe(`Buyer: only ${AGENCY}.`);
  });
});

describe("describeOffer", () => {
  it("says what leaves the buyer's account, for which unit, until when", () => {
    const words = describeOffer({
      offer: {
        buyer: SELLER,
        scope: 0,
        target: SHOP,
        nonce: 1,
        price: parseEther("800"),
        agency: ZERO,
        agencyFeeBps: 0,
        deadline: DEADLINE,
        counter: 0n,
        salt: 1n,
      },
      scope: EXCHANGE,
    });
    expect(words[0]).toBe("You offer 800 MRK for unit B-0042-07-12-003.");
    expect(words[1]).toContain("before 1 Jan 2027, 12:00 UTC, the exchange takes 800 MRK from your MRK");
    expect(words[3]).toBe("The offer dies if the unit changes hands first (transfer count 1), or when you cancel it.");
    expect(words.at(-1)).toContain("costs no gas");
  });
});

describe("describeRentalListing", () => {
  const rental = {
    unitId: SHOP,
    owner: SELLER,
    transferCount: 1,
    agent: ZERO,
    agentFeeBps: 0,
    pricePerDay: parseEther("10"),
    minDays: 1,
    maxDays: 30,
    deposit: parseEther("50"),
    penaltyBps: 2_000,
    mayDecorate: true,
    counter: 0n,
    deadline: DEADLINE,
    salt: 3n,
  };

  it("names the rent, the days, the deposit and its window, the penalty, decorating, the expiry and the scope", () => {
    expect(
      describeRentalListing({
        listing: rental,
        fees: FEES,
        scope: { ...EXCHANGE, contract: AGENCY },
        depositClaimWindow: 3n * 86_400n,
      }),
    ).toEqual([
      "You offer unit B-0042-07-12-003 for rent at 10 MRK a day, for 1 to 30 days; the tenant pays the whole rent upfront into escrow and you claim it as each day starts.",
      "Platform fee: 2.5 % of the rent now, at most 10 %, taken when the rent is credited.",
      "Agency: none.",
      "Deposit: 50 MRK, returned to the tenant after the lease unless you claim on it within 3 days.",
      "Early end: the tenant may leave early and gets back the unused days' rent less 20 %, which you keep.",
      "The tenant may set the unit's scene while the lease runs (your own scene shows again when it ends).",
      "Valid until 1 Jan 2027, 12:00 UTC, rented at most once, while you keep the unit (transfer count 1) and until you cancel it. The unit stays yours; nobody can end a running lease but the tenant.",
      `Good only at the Markspace LeaseBook ${AGENCY} on chain 31337. Signing sends no transaction and costs no gas.`,
    ]);
  });

  it("says when there is no deposit, a fixed length, no decorating and an agency's share", () => {
    const words = describeRentalListing({
      listing: { ...rental, deposit: 0n, minDays: 7, maxDays: 7, mayDecorate: false, agent: AGENCY, agentFeeBps: 500 },
      fees: FEES,
      scope: EXCHANGE,
      depositClaimWindow: 86_400n,
    });
    expect(words[0]).toContain("for 7 days;");
    expect(words[2]).toBe(`Agency: ${AGENCY} gets 5 % of every rent payment (0.5 MRK a day).`);
    expect(words[3]).toBe("Deposit: none.");
    expect(words[5]).toBe("The tenant may not change the unit's scene.");
  });
});
