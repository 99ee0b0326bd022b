import { describe, expect, it } from "vitest";
import { parseEther, type Address } from "viem";
import { parseGraphqlBody } from "./requestGraphql.ts";
import {
  accountLeasesDataSchema,
  claimableRent,
  earnedDays,
  isRentalListingOpen,
  isSaleListingOpen,
  leasePhase,
  leaseTimeline,
  leaseTotals,
  loadOpenPage,
  marketHref,
  marketOrder,
  mrkText,
  parseMarketFilters,
  parseMrk,
  rentalListingsDataSchema,
  rentalListingsWhere,
  saleListingsDataSchema,
  saleListingsWhere,
  toPriceSeries,
  type Lease,
  type RentalListing,
  type SaleListing,
} from "./marketQueries.ts";

const url = "http://127.0.0.1:8000/subgraphs/name/markspace";
const meta = { block: { number: 40 }, hasIndexingErrors: false };
const SELLER = "0x90F79bf6EB2c4f870365E785982E1f101E93b906" as Address;
const OTHER = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65" as Address;
const NOW = 1_800_000_000n;
const DAY = 86_400n;

function rawUnit(overrides: Record<string, unknown> = {}) {
  return {
    id: "281655707435011",
    address: "C-0001-00-00-003",
    district: 3,
    neighbourhood: 1,
    building: 0,
    unitType: "Community",
    owner: SELLER.toLowerCase(),
    transferCount: 2,
    tenant: null,
    userExpires: null,
    transfers: [{ blockNumber: "30" }],
    ...overrides,
  };
}

function rawSaleListing(overrides: Record<string, unknown> = {}) {
  return {
    id: "0x" + "ab".repeat(32),
    status: "Active",
    posted: true,
    seller: { id: SELLER.toLowerCase() },
    isBundle: false,
    price: parseEther("250").toString(),
    buyer: null,
    agency: null,
    agencyFeeBps: 0,
    deadline: (NOW + DAY).toString(),
    nonce: 2,
    createdAtBlock: "35",
    createdAtTimestamp: (NOW - DAY).toString(),
    unit: rawUnit(),
    bundleUnits: [],
    bundleUnitIds: [],
    ...overrides,
  };
}

function saleListing(overrides: Record<string, unknown> = {}): SaleListing {
  return parseGraphqlBody(url, { data: { listings: [rawSaleListing(overrides)], _meta: meta } }, saleListingsDataSchema)
    .listings[0]!;
}

function rentalListing(overrides: Record<string, unknown> = {}): RentalListing {
  const raw = {
    id: "0x" + "cd".repeat(32),
    status: "Listed",
    posted: true,
    owner: { id: SELLER.toLowerCase() },
    agent: null,
    agentFeeBps: 0,
    pricePerDay: parseEther("3").toString(),
    minDays: 1,
    maxDays: 30,
    deposit: "0",
    penaltyBps: 1000,
    mayDecorate: true,
    deadline: (NOW + 10n * DAY).toString(),
    createdAtBlock: "35",
    unit: rawUnit(),
    ...overrides,
  };
  return parseGraphqlBody(url, { data: { rentalListings: [raw], _meta: meta } }, rentalListingsDataSchema)
    .rentalListings[0]!;
}

describe("parseMarketFilters", () => {
  it("gives the first page of sales, newest first, for an empty query", () => {
    expect(parseMarketFilters({})).toEqual({ filters: { kind: "sale", sort: "newest", page: 1 }, problems: [] });
  });

  it("reads every filter, prices in MRK", () => {
    const { filters, problems } = parseMarketFilters({
      kind: "rent",
      district: "4",
      type: "Commercial",
      min: "2.5",
      max: "100",
      sort: "price-desc",
      page: "3",
    });
    expect(problems).toEqual([]);
    expect(filters).toEqual({
      kind: "rent",
      district: 4,
      unitType: "Commercial",
      minPrice: parseEther("2.5"),
      maxPrice: parseEther("100"),
      sort: "price-desc",
      page: 3,
    });
  });

  it("drops bad parameters and names each one", () => {
    const { filters, problems } = parseMarketFilters({
      kind: "swap",
      district: "0",
      type: "castle",
      min: "-1",
      sort: "random",
      page: "0",
    });
    expect(filters).toEqual({ kind: "sale", sort: "newest", page: 1 });
    expect(problems).toHaveLength(6);
    expect(problems.join("\n")).toMatch(/kind "swap"[\s\S]*sort "random"[\s\S]*district "0"[\s\S]*type "castle"/);
    expect(problems.join("\n")).toContain('min "-1" is not an amount of MRK');
  });

  it("ignores a price range whose minimum is above its maximum", () => {
    const { filters, problems } = parseMarketFilters({ min: "10", max: "5" });
    expect(filters.minPrice).toBeUndefined();
    expect(filters.maxPrice).toBeUndefined();
    expect(problems).toEqual(["min is above max: both are ignored"]);
  });

  it("takes the first of repeated parameters", () => {
    expect(parseMarketFilters({ district: ["2", "3"] }).filters.district).toBe(2);
  });
});

describe("marketHref", () => {
  it("leaves defaults out so the plain market is /market", () => {
    expect(marketHref({ kind: "sale", sort: "newest", page: 1 })).toBe("/market");
  });

  it("reproduces a view that parseMarketFilters reads back", () => {
    const filters = {
      kind: "rent" as const,
      district: 2,
      unitType: "Commercial" as const,
      minPrice: parseEther("0.25"),
      maxPrice: parseEther("1200"),
      sort: "ending" as const,
      page: 2,
    };
    const href = marketHref(filters);
    expect(href).toBe("/market?kind=rent&district=2&type=Commercial&min=0.25&max=1200&sort=ending&page=2");
    const params = Object.fromEntries(new URL(href, "http://x").searchParams);
    expect(parseMarketFilters(params)).toEqual({ filters, problems: [] });
  });
});

describe("parseMrk and mrkText", () => {
  it("round-trip decimal MRK", () => {
    for (const text of ["0", "1", "12.5", "0.000000000000000001", "999999999999"]) {
      expect(mrkText(parseMrk(text)!)).toBe(text);
    }
  });

  it("refuse what is not an amount", () => {
    for (const text of ["", "1e3", "-2", "1.", ".5", "0x10", "1.0000000000000000001"]) {
      expect(parseMrk(text)).toBeUndefined();
    }
  });
});

describe("the listings' where filters", () => {
  it("asks for posted, active sale listings before their deadline, in the price range", () => {
    const where = saleListingsWhere({ kind: "sale", sort: "newest", page: 1, minPrice: 5n, maxPrice: 9n }, NOW);
    expect(where).toEqual({
      status: "Active",
      posted: true,
      deadline_gt: NOW.toString(),
      price_gte: "5",
      price_lte: "9",
    });
  });

  it("filters district and type through the unit or a bundle's units, joined by and", () => {
    const where = saleListingsWhere(
      { kind: "sale", sort: "newest", page: 1, district: 4, unitType: "Commercial" },
      NOW,
    );
    expect(where).toEqual({
      and: [
        { status: "Active", posted: true, deadline_gt: NOW.toString() },
        {
          or: [
            { unit_: { district: 4, unitType: "Commercial" } },
            { bundleUnits_: { district: 4, unitType: "Commercial" } },
          ],
        },
      ],
    });
  });

  it("filters rental listings on the price per day and the unit", () => {
    expect(rentalListingsWhere({ kind: "rent", sort: "newest", page: 1, maxPrice: 7n, district: 3 }, NOW)).toEqual({
      status: "Listed",
      posted: true,
      deadline_gt: NOW.toString(),
      pricePerDay_lte: "7",
      unit_: { district: 3 },
    });
  });

  it("sorts by the kind's price field, the creation block or the deadline", () => {
    expect(marketOrder("sale", "price-asc")).toEqual({ orderBy: "price", orderDirection: "asc" });
    expect(marketOrder("rent", "price-desc")).toEqual({ orderBy: "pricePerDay", orderDirection: "desc" });
    expect(marketOrder("rent", "newest")).toEqual({ orderBy: "createdAtBlock", orderDirection: "desc" });
    expect(marketOrder("sale", "ending")).toEqual({ orderBy: "deadline", orderDirection: "asc" });
  });
});

describe("isSaleListingOpen", () => {
  it("accepts a posted listing whose unit has not moved since it was signed", () => {
    expect(isSaleListingOpen(saleListing(), NOW)).toBe(true);
  });

  it("refuses a listing whose unit changed hands, even if it came back (its transfer count moved)", () => {
    expect(isSaleListingOpen(saleListing({ unit: rawUnit({ transferCount: 4 }) }), NOW)).toBe(false);
  });

  it("refuses a listing past its deadline, filled, cancelled or only signed", () => {
    expect(isSaleListingOpen(saleListing({ deadline: (NOW - 1n).toString() }), NOW)).toBe(false);
    expect(isSaleListingOpen(saleListing({ status: "Filled" }), NOW)).toBe(false);
    expect(isSaleListingOpen(saleListing({ status: "Cancelled" }), NOW)).toBe(false);
    expect(isSaleListingOpen(saleListing({ posted: false }), NOW)).toBe(false);
  });

  it("accepts a bundle whose units are all the seller's and unmoved since it was posted", () => {
    const units = [rawUnit({ id: "1" }), rawUnit({ id: "2", transfers: [] })];
    const bundle = { isBundle: true, unit: null, nonce: null, bundleUnits: units, bundleUnitIds: ["1", "2"] };
    expect(isSaleListingOpen(saleListing(bundle), NOW)).toBe(true);
    const moved = [units[0], rawUnit({ id: "2", transfers: [{ blockNumber: "36" }] })];
    expect(isSaleListingOpen(saleListing({ ...bundle, bundleUnits: moved }), NOW)).toBe(false);
    const sold = [units[0], rawUnit({ id: "2", owner: OTHER.toLowerCase() })];
    expect(isSaleListingOpen(saleListing({ ...bundle, bundleUnits: sold }), NOW)).toBe(false);
  });
});

describe("isRentalListingOpen", () => {
  it("accepts a listed unit still its owner's, unmoved and not let", () => {
    expect(isRentalListingOpen(rentalListing(), NOW)).toBe(true);
  });

  it("refuses a unit moved after the listing, a unit let now, a listing past its deadline or rented", () => {
    expect(isRentalListingOpen(rentalListing({ unit: rawUnit({ transfers: [{ blockNumber: "36" }] }) }), NOW)).toBe(
      false,
    );
    const leased = rawUnit({ tenant: OTHER.toLowerCase(), userExpires: (NOW + DAY).toString() });
    expect(isRentalListingOpen(rentalListing({ unit: leased }), NOW)).toBe(false);
    const leaseOver = rawUnit({ tenant: OTHER.toLowerCase(), userExpires: NOW.toString() });
    expect(isRentalListingOpen(rentalListing({ unit: leaseOver }), NOW)).toBe(true);
    expect(isRentalListingOpen(rentalListing({ deadline: (NOW - 1n).toString() }), NOW)).toBe(false);
    expect(isRentalListingOpen(rentalListing({ status: "Rented" }), NOW)).toBe(false);
  });
});

describe("loadOpenPage", () => {
  const rows = Array.from({ length: 23 }, (_, i) => i);
  const reads: [number, number][] = [];
  const fetchBatch = async (skip: number, first: number) => {
    reads.push([skip, first]);
    return rows.slice(skip, skip + first);
  };
  const isOpen = (n: number) => n % 3 !== 0; // 15 of 23 open: 1 2 4 5 7 8 10 11 13 14 16 17 19 20 22

  it("fills a page from as many batches as it takes, and knows a next page exists", async () => {
    reads.length = 0;
    const result = await loadOpenPage({ fetchBatch, isOpen, page: 2, pageSize: 4, batchSize: 5 });
    expect(result).toEqual({ items: [7, 8, 10, 11], hasNextPage: true, truncated: false });
    // 9 open items wanted (two pages and one); they are in the first 14 rows.
    expect(reads).toEqual([
      [0, 5],
      [5, 5],
      [10, 5],
    ]);
  });

  it("stops at the end of the listings on the last page", async () => {
    const result = await loadOpenPage({ fetchBatch, isOpen, page: 4, pageSize: 4, batchSize: 5 });
    expect(result).toEqual({ items: [19, 20, 22], hasNextPage: false, truncated: false });
  });

  it("gives an empty page past the end", async () => {
    const result = await loadOpenPage({ fetchBatch, isOpen, page: 9, pageSize: 4, batchSize: 5 });
    expect(result.items).toEqual([]);
    expect(result.hasNextPage).toBe(false);
  });

  it("refuses a page number below 1", async () => {
    await expect(loadOpenPage({ fetchBatch, isOpen, page: 0, pageSize: 4 })).rejects.toThrow(/page must be/);
  });
});

function rawLease(overrides: Record<string, unknown> = {}) {
  const tx = "0x" + "11".repeat(32);
  return {
    id: "0x" + "ef".repeat(32),
    status: "Active",
    unit: { id: "5", address: "S-0001-00-00-000", district: 4, unitType: "Commercial", owner: SELLER.toLowerCase() },
    lessor: { id: SELLER.toLowerCase() },
    tenant: { id: OTHER.toLowerCase() },
    agency: null,
    agentFeeBps: 0,
    penaltyBps: 1000,
    pricePerDay: parseEther("2").toString(),
    deposit: parseEther("5").toString(),
    mayDecorate: true,
    start: NOW.toString(),
    expires: (NOW + 10n * DAY).toString(),
    daysPaid: 10,
    rentDays: 10,
    settledDays: 1,
    paid: parseEther("25").toString(),
    rentCredited: parseEther("2").toString(),
    lessorEarned: parseEther("1.95").toString(),
    agencyEarned: "0",
    platformFees: parseEther("0.05").toString(),
    refund: null,
    penalty: null,
    depositSettled: false,
    depositClaimed: null,
    depositReturned: null,
    events: [
      {
        id: tx + "00000003",
        kind: "Started",
        settledDays: 1,
        amount: parseEther("25").toString(),
        penalty: null,
        depositClaimed: null,
        blockNumber: "50",
        blockTimestamp: NOW.toString(),
        transactionHash: tx,
      },
    ],
    payments: [
      {
        id: tx + "00000004",
        amount: parseEther("2").toString(),
        lessorShare: parseEther("1.95").toString(),
        agentFee: "0",
        platformFee: parseEther("0.05").toString(),
        blockNumber: "50",
        blockTimestamp: NOW.toString(),
        transactionHash: tx,
      },
    ],
    ...overrides,
  };
}

function lease(overrides: Record<string, unknown> = {}): Lease {
  return parseGraphqlBody(
    url,
    { data: { asTenant: [rawLease(overrides)], asLessor: [], _meta: meta } },
    accountLeasesDataSchema,
  ).asTenant[0]!;
}

describe("leases", () => {
  it("run until they expire unless the tenant ended them early", () => {
    expect(leasePhase(lease(), NOW + DAY)).toBe("running");
    expect(leasePhase(lease(), NOW + 10n * DAY)).toBe("ended");
    expect(leasePhase(lease({ status: "EndedEarly" }), NOW + DAY)).toBe("ended-early");
  });

  it("earn a day's rent when the day starts, all of it once over", () => {
    const l = lease();
    expect(earnedDays(l, NOW)).toBe(1);
    expect(earnedDays(l, NOW + DAY - 1n)).toBe(1);
    expect(earnedDays(l, NOW + DAY)).toBe(2);
    expect(earnedDays(l, NOW + 9n * DAY + 5n)).toBe(10);
    expect(earnedDays(l, NOW + 400n * DAY)).toBe(10);
  });

  it("have the earned days not credited yet to claim", () => {
    const l = lease();
    expect(claimableRent(l, NOW)).toBe(0n);
    expect(claimableRent(l, NOW + 3n * DAY)).toBe(parseEther("6"));
    expect(claimableRent(lease({ status: "EndedEarly", rentDays: 4, settledDays: 4 }), NOW + DAY)).toBe(0n);
  });

  it("sum a side's leases", () => {
    const totals = leaseTotals([lease(), lease({ status: "EndedEarly", rentDays: 2, settledDays: 2 })], NOW + DAY);
    expect(totals).toEqual({
      running: 1,
      earned: parseEther("3.9"),
      claimable: parseEther("2"),
      paid: parseEther("50"),
    });
  });

  it("merge events and payments in chain order, the event of a claim before its payment", () => {
    const l = lease();
    expect(leaseTimeline(l).map((entry) => entry.type)).toEqual(["event", "payment"]);
    const reversed = lease({
      events: [...rawLease().events].map((e) => ({ ...e, blockNumber: "60" })),
    });
    expect(leaseTimeline(reversed).map((entry) => entry.type)).toEqual(["payment", "event"]);
  });
});

describe("toPriceSeries", () => {
  it("sorts points by time, splits a bundle's price among its units and keeps x strictly increasing", () => {
    const series = toPriceSeries([
      { price: parseEther("300"), unitCount: 2, blockTimestamp: 200n, blockNumber: 9n },
      { price: parseEther("100"), unitCount: 1, blockTimestamp: 100n, blockNumber: 5n },
      { price: parseEther("120.5"), unitCount: 1, blockTimestamp: 200n, blockNumber: 8n },
    ]);
    expect(series.times).toEqual([100, 200, 200.001]);
    expect(series.perUnit).toEqual([100, 120.5, 150]);
  });
});
