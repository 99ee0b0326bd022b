import { describe, expect, it } from "vitest";
import { decodeFunctionData, getAddress, parseEther, type Address, type Hex } from "viem";
import { leaseBookAbi, markTokenAbi, unitExchangeAbi, unitRegistryAbi, unitSaleAbi } from "@markspace/contracts/abis";
import type { ExchangeListing } from "@markspace/contracts/exchange-orders";
import type { LeaseListing } from "@markspace/contracts/listing";
import { encodeUnitId, parseUnitAddress } from "@markspace/contracts/unit-address";
import { describeCommunityCall } from "./describeCommunityCall.ts";
import {
  buildCreateEvent,
  buildCustomCall,
  buildDistribution,
  buildListingBuy,
  buildRent,
  buildRentalListing,
  buildSaleBuy,
  buildSaleListing,
  buildSetScene,
  buildSettingChange,
  buildTransfer,
  parseUnitReference,
  type BuildProposalReturnType,
  type CommunityContracts,
} from "./proposalTemplates.ts";

const addr = (n: number) => getAddress(`0x${n.toString(16).padStart(40, "0")}`);
const ctx: CommunityContracts = {
  markToken: addr(1),
  unitRegistry: addr(2),
  unitSale: addr(3),
  unitExchange: addr(4),
  leaseBook: addr(5),
  tickets: addr(6),
  distributions: addr(7),
  membership: addr(8),
  governor: addr(9),
  treasury: addr(10),
};
const SHOP = "S-0001-01-00-001";
const shopId = encodeUnitId(parseUnitAddress(SHOP));
const seller: Address = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

function words(result: BuildProposalReturnType): string[] {
  if (!result.ok) throw new Error(result.message);
  return result.calls.map((call) => describeCommunityCall(call, ctx));
}

const listing: ExchangeListing = {
  seller,
  unitId: shopId,
  nonce: 1,
  bundle: `0x${"00".repeat(32)}`,
  price: parseEther("2400"),
  buyer: "0x0000000000000000000000000000000000000000",
  agency: "0x0000000000000000000000000000000000000000",
  agencyFeeBps: 0,
  deadline: 2_000_000_000n,
  counter: 0n,
  salt: 7n,
};

describe("the funds templates", () => {
  it("sends MRK with the token's transfer and ETH as a plain call", () => {
    expect(words(buildTransfer({ asset: "MRK", to: seller, amountText: "150" }, ctx))).toEqual([
      `transfer 150 MRK from the treasury to ${seller}`,
    ]);
    const eth = buildTransfer({ asset: "ETH", to: seller, amountText: "0.5" }, ctx);
    expect(eth.ok && eth.calls).toEqual([{ target: seller, value: parseEther("0.5"), calldata: "0x" }]);
    expect(words(eth)).toEqual([`send 0.5 ETH to ${seller}`]);
    expect(buildTransfer({ asset: "MRK", to: "nobody", amountText: "1" }, ctx)).toMatchObject({ ok: false });
  });
});

describe("the unit templates", () => {
  it("buys an unsold unit: an exact approval of the land sale, then buy with that total as the limit", () => {
    const result = buildSaleBuy({ unitId: shopId, storageDays: 365, total: parseEther("1100") }, ctx);
    expect(words(result)).toEqual([
      "approve the land sale to take up to 1,100 MRK from the treasury",
      `buy the unsold unit ${SHOP} from the land sale, with 365 days of storage, for at most 1,100 MRK`,
    ]);
    if (!result.ok) return;
    const buy = decodeFunctionData({ abi: unitSaleAbi, data: result.calls[1]!.calldata });
    expect(buy.args.slice(0, 4)).toEqual([shopId, 0, 365, parseEther("1100")]);
    expect(buildSaleBuy({ unitId: shopId, storageDays: 40_000, total: 1n }, ctx)).toMatchObject({ ok: false });
  });

  it("buys a posted listing with an empty signature, for exactly its price", () => {
    const result = buildListingBuy({ listing, signature: "0x", now: 1_000n }, ctx);
    expect(words(result)[0]).toBe("approve the exchange to take up to 2,400 MRK from the treasury");
    expect(words(result)[1]).toMatch(
      new RegExp(`^buy unit ${SHOP} on the exchange from ${seller} for 2,400 MRK \\(posted listing`),
    );
    if (!result.ok) return;
    const approve = decodeFunctionData({ abi: markTokenAbi, data: result.calls[0]!.calldata });
    expect(approve.args).toEqual([ctx.unitExchange, parseEther("2400")]);
    const buy = decodeFunctionData({ abi: unitExchangeAbi, data: result.calls[1]!.calldata });
    expect(buy.functionName).toBe("buy");
    expect(buy.args[0]).toEqual(listing);
  });

  it("refuses bundles, listings reserved for someone else, and expired ones", () => {
    expect(buildListingBuy({ listing: { ...listing, unitId: 0n }, signature: "0x", now: 0n }, ctx)).toMatchObject({
      ok: false,
    });
    expect(buildListingBuy({ listing: { ...listing, buyer: seller }, signature: "0x", now: 0n }, ctx)).toEqual({
      ok: false,
      message: `That listing is reserved for ${seller}, not this community's treasury.`,
    });
    expect(buildListingBuy({ listing: { ...listing, buyer: ctx.treasury }, signature: "0x", now: 0n }, ctx).ok).toBe(
      true,
    );
    expect(buildListingBuy({ listing, signature: "0x", now: listing.deadline }, ctx)).toMatchObject({ ok: false });
  });

  it("rents for the days asked within the listing's range, approving rent and deposit", () => {
    const lease: LeaseListing = {
      unitId: shopId,
      owner: seller,
      transferCount: 1,
      agent: "0x0000000000000000000000000000000000000000",
      agentFeeBps: 0,
      pricePerDay: parseEther("5"),
      minDays: 2,
      maxDays: 30,
      deposit: parseEther("10"),
      penaltyBps: 0,
      mayDecorate: true,
      counter: 0n,
      deadline: 2_000_000_000n,
      salt: 1n,
    };
    expect(words(buildRent({ listing: lease, signature: "0x", daysText: "7", now: 0n }, ctx))).toEqual([
      "approve the lease book to take up to 45 MRK from the treasury",
      `rent unit ${SHOP} from ${seller} for 7 days at 5 MRK a day (deposit 10 MRK)`,
    ]);
    expect(buildRent({ listing: lease, signature: "0x", daysText: "1", now: 0n }, ctx)).toEqual({
      ok: false,
      message: "The listing lets for 2 to 30 days.",
    });
  });

  it("sets a unit's scene from a CID and reads it back in words", () => {
    const cid = "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy";
    expect(words(buildSetScene({ unitText: SHOP, cid }, ctx))).toEqual([`set the scene of unit ${SHOP} to ${cid}`]);
    expect(buildSetScene({ unitText: "Z-1", cid }, ctx)).toMatchObject({ ok: false });
    expect(buildSetScene({ unitText: SHOP, cid: "not-a-cid" }, ctx)).toMatchObject({ ok: false });
  });

  it("reads units by address or token id", () => {
    expect(parseUnitReference(` ${SHOP} `)).toEqual({ ok: true, unitId: shopId });
    expect(parseUnitReference(shopId.toString())).toEqual({ ok: true, unitId: shopId });
  });
});

describe("events, revenue and settings", () => {
  it("creates an event that starts after the proposal can execute", () => {
    const params = {
      startsAt: "2033-05-18T18:00",
      unitText: SHOP,
      priceText: "3",
      capacity: "50",
      uri: "ipfs://event",
      earliestExecution: 1_900_000_000n,
    };
    expect(words(buildCreateEvent(params, ctx))).toEqual([
      `create an event at unit ${SHOP} starting 18 May 2033, 18:00 UTC, 50 tickets at 3 MRK (ipfs://event)`,
    ]);
    expect(buildCreateEvent({ ...params, earliestExecution: 2_100_000_000n }, ctx)).toMatchObject({ ok: false });
    expect(buildCreateEvent({ ...params, capacity: "0" }, ctx)).toEqual({
      ok: false,
      message: "The capacity runs 1 to 4,294,967,295 tickets.",
    });
    expect(buildCreateEvent({ ...params, priceText: "0" }, ctx).ok).toBe(true);
  });

  it("distributes MRK by the votes at a past timepoint, claimable for the window after execution", () => {
    const result = buildDistribution(
      { amountText: "90", claimWindowText: "30d", timepoint: 1_800_000_000n, earliestExecution: 1_800_100_000n },
      ctx,
    );
    expect(words(result)).toEqual([
      "approve the distributions contract to take up to 90 MRK from the treasury",
      "distribute 90 MRK to the members by their votes at 15 Jan 2027, 08:00 UTC, claimable until 15 Feb 2027, 11:46 UTC",
    ]);
    expect(
      buildDistribution({ amountText: "90", claimWindowText: "10m", timepoint: 0n, earliestExecution: 0n }, ctx),
    ).toMatchObject({ ok: false });
  });

  it("changes each setting on the contract that holds it", () => {
    const one = (kind: Parameters<typeof buildSettingChange>[0]["kind"], value: string, extra = {}) =>
      words(buildSettingChange({ kind, value, ...extra }, ctx))[0];
    expect(one("votingDelay", "2h")).toBe("set the voting delay to 2 h");
    expect(one("votingPeriod", "5d")).toBe("set the voting period to 5 d");
    expect(one("proposalThreshold", "2")).toBe("set the proposal threshold to 2 memberships");
    expect(one("quorumPercent", "30")).toBe("set the quorum to 30 % of the members");
    expect(one("timelockDelay", "1d")).toBe("set the timelock delay to 1 d");
    expect(one("guardian", "")).toBe("switch the guardian off");
    expect(one("guardian", seller)).toBe(`make ${seller} the guardian`);
    expect(one("invite", seller.toLowerCase())).toBe(`invite ${seller} as a member`);
    expect(one("expel", seller)).toBe(`expel ${seller} from the membership`);
    expect(one("joinPolicy", "", { joinPolicy: "Purchase", priceText: "25" })).toBe(
      "let people join by purchase for 25 MRK",
    );
    expect(one("joinPolicy", "", { joinPolicy: "InviteOnly" })).toBe("let people join by invitation only");
    expect(buildSettingChange({ kind: "quorumPercent", value: "101" }, ctx)).toMatchObject({ ok: false });
    expect(buildSettingChange({ kind: "votingPeriod", value: "0" }, ctx)).toMatchObject({ ok: false });
  });
});

describe("any call", () => {
  it("encodes a function signature with JSON arguments", () => {
    const result = buildCustomCall({
      target: ctx.markToken,
      valueText: "",
      signature: "transfer(address to, uint256 amount)",
      argsJson: `["${seller}", "1000000000000000000"]`,
      calldata: "",
    });
    expect(words(result)).toEqual([`transfer 1 MRK from the treasury to ${seller}`]);
  });

  it("passes raw calldata and a value through, described generically for unknown targets", () => {
    const data: Hex = "0xdeadbeef00";
    const result = buildCustomCall({ target: seller, valueText: "1", signature: "", argsJson: "", calldata: data });
    expect(result.ok && result.calls).toEqual([{ target: seller, value: parseEther("1"), calldata: data }]);
    expect(words(result)).toEqual([`call ${seller} with data 0xdeadbeef… (5 bytes) and send 1 ETH with it`]);
  });

  it("names what is wrong", () => {
    const base = { target: seller, valueText: "", signature: "", argsJson: "", calldata: "" };
    expect(buildCustomCall({ ...base, target: "0x12" })).toEqual({
      ok: false,
      message: "The target is not an address.",
    });
    expect(buildCustomCall({ ...base, calldata: "0xabc" })).toMatchObject({ ok: false });
    expect(buildCustomCall({ ...base, signature: "foo(uint256)", argsJson: "[1, 2]" })).toEqual({
      ok: false,
      message: "foo takes 1 arguments; 2 given.",
    });
    expect(buildCustomCall({ ...base, signature: "foo(uint256)", argsJson: "{" })).toMatchObject({ ok: false });
    expect(buildCustomCall({ ...base, signature: "foo(address)", argsJson: '["me"]' })).toMatchObject({ ok: false });
  });
});

describe("the treasury's own units", () => {
  const state = { transferCount: 3, counter: 2n, earliestExecution: 1_900_000_000n, salt: 99n };

  it("puts a unit up for sale: approves the exchange for it, then posts a listing open to anyone", () => {
    const result = buildSaleListing({ unitText: SHOP, priceText: "1,500", validDaysText: "14", state }, ctx);
    if (!result.ok) throw new Error(result.message);
    expect(result.calls.map((c) => c.target)).toEqual([ctx.unitRegistry, ctx.unitExchange]);
    const approval = decodeFunctionData({ abi: unitRegistryAbi, data: result.calls[0]!.calldata });
    expect(approval).toMatchObject({ functionName: "approve", args: [ctx.unitExchange, shopId] });
    const list = decodeFunctionData({ abi: unitExchangeAbi, data: result.calls[1]!.calldata });
    expect(list.functionName).toBe("list");
    expect(list.args![0]).toMatchObject({
      seller: ctx.treasury,
      unitId: shopId,
      nonce: 3,
      price: parseEther("1500"),
      buyer: "0x0000000000000000000000000000000000000000",
      deadline: state.earliestExecution + 14n * 86_400n,
      counter: 2n,
      salt: 99n,
    });
    expect(list.args![1]).toEqual([]);
    expect(words(result)[1]).toContain(`list unit ${SHOP} for sale on the exchange by the treasury for 1,500`);
  });

  it("offers a unit for rent with the book's listing, naming the treasury as owner", () => {
    const result = buildRentalListing(
      {
        unitText: SHOP,
        pricePerDayText: "5",
        minDaysText: "2",
        maxDaysText: "60",
        depositText: "20",
        penaltyPercentText: "12.5",
        mayDecorate: false,
        validDaysText: "30",
        state,
      },
      ctx,
    );
    if (!result.ok) throw new Error(result.message);
    expect(result.calls).toHaveLength(1);
    expect(result.calls[0]!.target).toBe(ctx.leaseBook);
    const list = decodeFunctionData({ abi: leaseBookAbi, data: result.calls[0]!.calldata });
    expect(list.functionName).toBe("list");
    expect(list.args![0]).toMatchObject({
      unitId: shopId,
      owner: ctx.treasury,
      transferCount: 3,
      pricePerDay: parseEther("5"),
      minDays: 2,
      maxDays: 60,
      deposit: parseEther("20"),
      penaltyBps: 1_250,
      mayDecorate: false,
      counter: 2n,
      deadline: state.earliestExecution + 30n * 86_400n,
    });
    expect(words(result)[0]).toContain(`offer unit ${SHOP} of the treasury for rent`);
  });

  it("names the bad field", () => {
    const sale = (priceText: string, validDaysText = "14") =>
      buildSaleListing({ unitText: SHOP, priceText, validDaysText, state }, ctx);
    expect(sale("abc")).toEqual({ ok: false, message: expect.stringContaining("Price:") });
    expect(sale("10", "0")).toEqual({ ok: false, message: expect.stringContaining("listing's life") });
    expect(buildSaleListing({ unitText: "X-1", priceText: "1", validDaysText: "1", state }, ctx).ok).toBe(false);
    const rental = (minDaysText: string, maxDaysText: string, penaltyPercentText = "10") =>
      buildRentalListing(
        {
          unitText: SHOP,
          pricePerDayText: "1",
          minDaysText,
          maxDaysText,
          depositText: "",
          penaltyPercentText,
          mayDecorate: true,
          validDaysText: "7",
          state,
        },
        ctx,
      );
    expect(rental("5", "2")).toEqual({ ok: false, message: expect.stringContaining("longest lease") });
    expect(rental("0", "2")).toEqual({ ok: false, message: expect.stringContaining("shortest lease") });
    expect(rental("1", "2", "101")).toEqual({ ok: false, message: expect.stringContaining("penalty") });
    expect(rental("1", "2").ok).toBe(true);
  });
});
