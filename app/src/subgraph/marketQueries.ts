/**
 * The GraphQL documents of the market pages (`/market`, `/market/history`, `/leases`,
 * `/agency`), their variables builders, the zod schemas of their answers, and the rules that
 * decide whether an indexed listing is still open. Documents are constants with variables (the
 * `where` filters are variables too, never string-built from input).
 *
 * What the subgraph can and cannot say (subgraph/README.md, "The exchange and rentals"): a
 * posted listing turns `Stale` when its unit changes hands, but its `status` stays
 * `Active`/`Listed` when its deadline passes (not written back). The deadline is filtered in the
 * query (`deadline_gt: now`); the listing is also compared with its unit here
 * (`isSaleListingOpen`, `isRentalListingOpen`: a bundle's units, a running lease), so a page is
 * filled by reading batches until it holds enough open listings (`loadOpenPage`).
 */
import { z } from "zod";
import { getAddress, parseUnits, type Address, type Hex } from "viem";
import { metaSchema } from "./unitRecord.ts";
import { requestGraphql } from "./requestGraphql.ts";

const bigint = z
  .string()
  .regex(/^-?\d+$/, "a decimal BigInt string")
  .transform((value) => BigInt(value));
const address = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, "a 20-byte 0x address")
  .transform((value): Address => getAddress(value));
const hex = z
  .string()
  .regex(/^0x[0-9a-fA-F]*$/, "0x-prefixed hex")
  .transform((value) => value as Hex);
const accountRef = z.object({ id: address }).transform((account) => account.id);

// --- Filters and sorting (the URL of /market) ----------------------------------------------------

export const MARKET_KINDS = ["sale", "rent"] as const;
export type MarketKind = (typeof MARKET_KINDS)[number];

export const MARKET_SORTS = ["newest", "price-asc", "price-desc", "ending"] as const;
export type MarketSort = (typeof MARKET_SORTS)[number];

/** The subgraph's `UnitType` enum. */
export const UNIT_TYPES = ["Residential", "Commercial", "Community", "External"] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

export const MARKET_PAGE_SIZE = 20;

/** What /market shows: every field has a default, so `{}` is the first page of sales, newest first. */
export type MarketFilters = {
  kind: MarketKind;
  /** District number (1 Residential, 2 Business, 3 Community, 4 Shopping, higher: opened later). */
  district?: number | undefined;
  unitType?: UnitType | undefined;
  /** Bounds on the price (sales) or the price per day (rentals), MRK wei, inclusive. */
  minPrice?: bigint | undefined;
  maxPrice?: bigint | undefined;
  sort: MarketSort;
  /** 1-based. */
  page: number;
};

export const DEFAULT_MARKET_FILTERS: MarketFilters = { kind: "sale", sort: "newest", page: 1 };

export type MarketSearchParams = Record<string, string | string[] | undefined>;

export type ParseMarketFiltersReturnType = {
  filters: MarketFilters;
  /** One line per query parameter that was ignored, naming it and why. */
  problems: string[];
};

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() || undefined;

/**
 * Reads /market's query string. A bad parameter is dropped (the view falls back to its default)
 * and named in `problems`, so a mistyped link still shows the market and says what it ignored.
 * Prices are whole or decimal MRK (`?min=100&max=2500.5`).
 */
export function parseMarketFilters(params: MarketSearchParams): ParseMarketFiltersReturnType {
  const problems: string[] = [];
  const filters: MarketFilters = { ...DEFAULT_MARKET_FILTERS };

  const kind = first(params.kind);
  if (kind !== undefined) {
    if ((MARKET_KINDS as readonly string[]).includes(kind)) filters.kind = kind as MarketKind;
    else problems.push(`kind "${kind}" is not one of ${MARKET_KINDS.join(", ")}`);
  }
  const sort = first(params.sort);
  if (sort !== undefined) {
    if ((MARKET_SORTS as readonly string[]).includes(sort)) filters.sort = sort as MarketSort;
    else problems.push(`sort "${sort}" is not one of ${MARKET_SORTS.join(", ")}`);
  }
  const district = first(params.district);
  if (district !== undefined) {
    if (/^\d{1,3}$/.test(district) && Number(district) >= 1 && Number(district) <= 255) {
      filters.district = Number(district);
    } else problems.push(`district "${district}" is not a district number from 1 to 255`);
  }
  const type = first(params.type);
  if (type !== undefined) {
    if ((UNIT_TYPES as readonly string[]).includes(type)) filters.unitType = type as UnitType;
    else problems.push(`type "${type}" is not one of ${UNIT_TYPES.join(", ")}`);
  }
  for (const [name, key] of [
    ["min", "minPrice"],
    ["max", "maxPrice"],
  ] as const) {
    const value = first(params[name]);
    if (value === undefined) continue;
    const wei = parseMrk(value);
    if (wei === undefined) problems.push(`${name} "${value}" is not an amount of MRK (e.g. 250 or 12.5)`);
    else filters[key] = wei;
  }
  if (filters.minPrice !== undefined && filters.maxPrice !== undefined && filters.minPrice > filters.maxPrice) {
    problems.push("min is above max: both are ignored");
    filters.minPrice = undefined;
    filters.maxPrice = undefined;
  }
  const page = first(params.page);
  if (page !== undefined) {
    if (/^\d{1,6}$/.test(page) && Number(page) >= 1) filters.page = Number(page);
    else problems.push(`page "${page}" is not a page number`);
  }
  return { filters, problems };
}

/** MRK as typed (`12.5`) to wei; undefined for anything else (negative, more than 18 decimals, …). */
export function parseMrk(text: string): bigint | undefined {
  if (!/^\d{1,12}(\.\d{1,18})?$/.test(text)) return undefined;
  return parseUnits(text, 18);
}

/** Wei to the shortest decimal MRK string `parseMrk` reads back: `12500000000000000000n` → `12.5`. */
export function mrkText(wei: bigint): string {
  const whole = wei / 10n ** 18n;
  const fraction = (wei % 10n ** 18n).toString().padStart(18, "0").replace(/0+$/, "");
  return fraction ? `${whole}.${fraction}` : whole.toString();
}

/**
 * The query string that reproduces `filters` (defaults left out, keys in a fixed order), with
 * e.g. `marketHref({ ...filters, page: 2 })` for the next page.
 */
export function marketQueryString(filters: MarketFilters): string {
  const params = new URLSearchParams();
  if (filters.kind !== DEFAULT_MARKET_FILTERS.kind) params.set("kind", filters.kind);
  if (filters.district !== undefined) params.set("district", String(filters.district));
  if (filters.unitType !== undefined) params.set("type", filters.unitType);
  if (filters.minPrice !== undefined) params.set("min", mrkText(filters.minPrice));
  if (filters.maxPrice !== undefined) params.set("max", mrkText(filters.maxPrice));
  if (filters.sort !== DEFAULT_MARKET_FILTERS.sort) params.set("sort", filters.sort);
  if (filters.page !== 1) params.set("page", String(filters.page));
  const text = params.toString();
  return text ? `?${text}` : "";
}

export function marketHref(filters: MarketFilters): string {
  return `/market${marketQueryString(filters)}`;
}

type Where = Record<string, unknown>;

/** The unit-side conditions (district, type), or undefined when there are none. */
function unitWhere(filters: MarketFilters): Where | undefined {
  const where: Where = {};
  if (filters.district !== undefined) where.district = filters.district;
  if (filters.unitType !== undefined) where.unitType = filters.unitType;
  return Object.keys(where).length > 0 ? where : undefined;
}

/**
 * `where` of the sale listings: posted, `Active`, not past their deadline at `now` (unix
 * seconds), in the price range; district and type through the single unit or any unit of a
 * bundle. graph-node refuses `or` beside other fields, so the two halves are joined by `and`.
 */
export function saleListingsWhere(filters: MarketFilters, now: bigint): Where {
  const base: Where = { status: "Active", posted: true, deadline_gt: now.toString() };
  if (filters.minPrice !== undefined) base.price_gte = filters.minPrice.toString();
  if (filters.maxPrice !== undefined) base.price_lte = filters.maxPrice.toString();
  const unit = unitWhere(filters);
  if (!unit) return base;
  return { and: [base, { or: [{ unit_: unit }, { bundleUnits_: unit }] }] };
}

/** `where` of the rental listings: recorded on chain, `Listed`, not past their deadline, price per day in range. */
export function rentalListingsWhere(filters: MarketFilters, now: bigint): Where {
  const where: Where = { status: "Listed", posted: true, deadline_gt: now.toString() };
  if (filters.minPrice !== undefined) where.pricePerDay_gte = filters.minPrice.toString();
  if (filters.maxPrice !== undefined) where.pricePerDay_lte = filters.maxPrice.toString();
  const unit = unitWhere(filters);
  if (unit) where.unit_ = unit;
  return where;
}

export type MarketOrder = { orderBy: string; orderDirection: "asc" | "desc" };

/** Sort order of either kind of listing: price (per day for rentals), newest, or deadline soonest. */
export function marketOrder(kind: MarketKind, sort: MarketSort): MarketOrder {
  const price = kind === "sale" ? "price" : "pricePerDay";
  switch (sort) {
    case "price-asc":
      return { orderBy: price, orderDirection: "asc" };
    case "price-desc":
      return { orderBy: price, orderDirection: "desc" };
    case "ending":
      return { orderBy: "deadline", orderDirection: "asc" };
    case "newest":
      return { orderBy: "createdAtBlock", orderDirection: "desc" };
  }
}

// --- Listings --------------------------------------------------------------------------------

/** What a listing needs to know of a unit to show it and to tell whether it still stands. */
const LISTED_UNIT_FIELDS = `id address district neighbourhood building unitType owner transferCount tenant userExpires
  transfers(first: 1, orderBy: blockNumber, orderDirection: desc) { blockNumber }`;

export const SALE_LISTINGS_QUERY = `query SaleListings($where: Listing_filter!, $orderBy: Listing_orderBy!, $orderDirection: OrderDirection!, $first: Int!, $skip: Int!) {
  listings(where: $where, orderBy: $orderBy, orderDirection: $orderDirection, first: $first, skip: $skip) {
    id status posted seller { id } isBundle price buyer agency agencyFeeBps deadline nonce
    createdAtBlock createdAtTimestamp
    unit { ${LISTED_UNIT_FIELDS} }
    bundleUnits(first: 1000) { ${LISTED_UNIT_FIELDS} }
    bundleUnitIds
  }
  _meta { block { number } hasIndexingErrors }
}`;

export const RENTAL_LISTINGS_QUERY = `query RentalListings($where: RentalListing_filter!, $orderBy: RentalListing_orderBy!, $orderDirection: OrderDirection!, $first: Int!, $skip: Int!) {
  rentalListings(where: $where, orderBy: $orderBy, orderDirection: $orderDirection, first: $first, skip: $skip) {
    id status posted owner { id } agent agentFeeBps pricePerDay minDays maxDays deposit penaltyBps mayDecorate
    deadline createdAtBlock
    unit { ${LISTED_UNIT_FIELDS} }
  }
  _meta { block { number } hasIndexingErrors }
}`;

const listedUnitSchema = z
  .object({
    id: z.string().regex(/^\d+$/),
    address: z.string(),
    district: z.number().int(),
    neighbourhood: z.number().int(),
    building: z.number().int(),
    unitType: z.enum(UNIT_TYPES),
    owner: address,
    transferCount: z.number().int(),
    tenant: address.nullable(),
    userExpires: bigint.nullable(),
    transfers: z.array(z.object({ blockNumber: bigint })),
  })
  .transform(({ transfers, ...unit }) => ({
    ...unit,
    buildingId: `${unit.district}-${unit.neighbourhood}-${unit.building}`,
    lastTransferBlock: transfers[0]?.blockNumber,
  }));

export type ListedUnit = z.output<typeof listedUnitSchema>;

export const saleListingSchema = z.object({
  id: hex,
  status: z.enum(["Active", "Filled", "Cancelled", "Stale"]),
  posted: z.boolean(),
  seller: accountRef,
  isBundle: z.boolean(),
  price: bigint.nullable(),
  buyer: address.nullable(),
  agency: address.nullable(),
  agencyFeeBps: z.number().int().nullable(),
  deadline: bigint.nullable(),
  nonce: z.number().int().nullable(),
  createdAtBlock: bigint,
  createdAtTimestamp: bigint,
  unit: listedUnitSchema.nullable(),
  bundleUnits: z.array(listedUnitSchema),
  bundleUnitIds: z.array(bigint),
});

export type SaleListing = z.output<typeof saleListingSchema>;

export const rentalListingSchema = z.object({
  id: hex,
  status: z.enum(["Listed", "Rented", "Cancelled", "Stale"]),
  posted: z.boolean(),
  owner: accountRef.nullable(),
  agent: address.nullable(),
  agentFeeBps: z.number().int().nullable(),
  pricePerDay: bigint.nullable(),
  minDays: z.number().int().nullable(),
  maxDays: z.number().int().nullable(),
  deposit: bigint.nullable(),
  penaltyBps: z.number().int().nullable(),
  mayDecorate: z.boolean().nullable(),
  deadline: bigint.nullable(),
  createdAtBlock: bigint,
  unit: listedUnitSchema,
});

export type RentalListing = z.output<typeof rentalListingSchema>;

export const saleListingsDataSchema = z.object({ listings: z.array(saleListingSchema), _meta: metaSchema });
export const rentalListingsDataSchema = z.object({
  rentalListings: z.array(rentalListingSchema),
  _meta: metaSchema,
});

/** A unit still held by `holder` and not moved since block `since` (a move and a move back count). */
function unitUnmovedSince(unit: ListedUnit, holder: Address, since: bigint): boolean {
  if (unit.owner !== holder) return false;
  return unit.lastTransferBlock === undefined || unit.lastTransferBlock <= since;
}

/**
 * Whether a posted sale listing can still be bought at `now`: `Active`, before its deadline, and
 * its units where they were. A single unit's listing names the unit's transfer count, which
 * only grows, so `nonce === transferCount` is exact. A bundle's fingerprint covers its units'
 * counts, which the subgraph does not keep: each unit must still be the seller's and not have
 * moved after the block the bundle was posted in.
 */
export function isSaleListingOpen(listing: SaleListing, now: bigint): boolean {
  if (listing.status !== "Active" || !listing.posted) return false;
  if (listing.deadline === null || listing.deadline < now) return false;
  if (!listing.isBundle) {
    const unit = listing.unit;
    return unit !== null && unit.transferCount === listing.nonce && unit.owner === listing.seller;
  }
  return (
    listing.bundleUnits.length > 0 &&
    listing.bundleUnits.every((unit) => unitUnmovedSince(unit, listing.seller, listing.createdAtBlock))
  );
}

/** Whether a unit is let to a tenant at `now` (the lease ends by time, with no event). */
export function isUnitLeased(unit: Pick<ListedUnit, "tenant" | "userExpires">, now: bigint): boolean {
  return unit.tenant !== null && unit.userExpires !== null && unit.userExpires > now;
}

/**
 * Whether a rental listing recorded on chain can be rented at `now`: `Listed`, before its
 * deadline, the unit still its owner's and unmoved since it was listed (the book checks the
 * transfer count the listing names; the subgraph does not keep it, so any later move counts),
 * and no lease running on the unit (the registry refuses a second tenant until it ends).
 */
export function isRentalListingOpen(listing: RentalListing, now: bigint): boolean {
  if (listing.status !== "Listed" || !listing.posted) return false;
  if (listing.deadline === null || listing.deadline < now || listing.owner === null) return false;
  if (!unitUnmovedSince(listing.unit, listing.owner, listing.createdAtBlock)) return false;
  return !isUnitLeased(listing.unit, now);
}

// --- Paging over open listings ----------------------------------------------------------------

/** Listings read per request while filling a page. */
export const LISTING_BATCH = 200;
/** graph-node's default `skip` limit (GRAPH_GRAPHQL_MAX_SKIP on hosted services). */
export const MAX_SKIP = 5000;

export type LoadOpenPageParameters<T> = {
  /** Reads `first` listings in the page's order from `skip`. */
  fetchBatch: (skip: number, first: number) => Promise<readonly T[]>;
  isOpen: (item: T) => boolean;
  page: number;
  pageSize: number;
  batchSize?: number;
};

export type LoadOpenPageReturnType<T> = {
  items: T[];
  hasNextPage: boolean;
  /** The listings past `MAX_SKIP` were not read: the page may miss some. */
  truncated: boolean;
};

/**
 * Page `page` of the open items, in the order the batches come: reads batches until it holds
 * one open item past the page (so it knows a next page exists) or the listings run out.
 */
export async function loadOpenPage<T>(params: LoadOpenPageParameters<T>): Promise<LoadOpenPageReturnType<T>> {
  const { page, pageSize } = params;
  const batchSize = params.batchSize ?? LISTING_BATCH;
  if (!Number.isInteger(page) || page < 1) throw new RangeError(`page must be a whole number ≥ 1, not ${page}`);
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError(`pageSize must be ≥ 1, not ${pageSize}`);
  const wanted = page * pageSize + 1;
  const open: T[] = [];
  let skip = 0;
  let truncated = false;
  for (;;) {
    if (skip > MAX_SKIP) {
      truncated = true;
      break;
    }
    const batch = await params.fetchBatch(skip, batchSize);
    for (const item of batch) if (params.isOpen(item)) open.push(item);
    if (open.length >= wanted || batch.length < batchSize) break;
    skip += batchSize;
  }
  const start = (page - 1) * pageSize;
  return { items: open.slice(start, start + pageSize), hasNextPage: open.length > start + pageSize, truncated };
}

type Common = { url: string; signal?: AbortSignal | undefined; fetch?: typeof fetch };

export type MarketPage<T> = LoadOpenPageReturnType<T> & { indexedBlock: number; hasIndexingErrors: boolean };

/** The page of open sale listings `filters` asks for, at `now` (unix seconds). */
export async function fetchSaleListingsPage(
  params: Common & { filters: MarketFilters; now: bigint; pageSize?: number },
): Promise<MarketPage<SaleListing>> {
  const where = saleListingsWhere(params.filters, params.now);
  const order = marketOrder("sale", params.filters.sort);
  let meta = { indexedBlock: 0, hasIndexingErrors: false };
  const result = await loadOpenPage<SaleListing>({
    page: params.filters.page,
    pageSize: params.pageSize ?? MARKET_PAGE_SIZE,
    isOpen: (listing) => isSaleListingOpen(listing, params.now),
    fetchBatch: async (skip, first) => {
      const data = await requestGraphql({
        ...params,
        query: SALE_LISTINGS_QUERY,
        variables: { where, ...order, first, skip },
        schema: saleListingsDataSchema,
      });
      meta = { indexedBlock: data._meta.block.number, hasIndexingErrors: data._meta.hasIndexingErrors };
      return data.listings;
    },
  });
  return { ...result, ...meta };
}

/** The page of open rental listings `filters` asks for, at `now` (unix seconds). */
export async function fetchRentalListingsPage(
  params: Common & { filters: MarketFilters; now: bigint; pageSize?: number },
): Promise<MarketPage<RentalListing>> {
  const where = rentalListingsWhere(params.filters, params.now);
  const order = marketOrder("rent", params.filters.sort);
  let meta = { indexedBlock: 0, hasIndexingErrors: false };
  const result = await loadOpenPage<RentalListing>({
    page: params.filters.page,
    pageSize: params.pageSize ?? MARKET_PAGE_SIZE,
    isOpen: (listing) => isRentalListingOpen(listing, params.now),
    fetchBatch: async (skip, first) => {
      const data = await requestGraphql({
        ...params,
        query: RENTAL_LISTINGS_QUERY,
        variables: { where, ...order, first, skip },
        schema: rentalListingsDataSchema,
      });
      meta = { indexedBlock: data._meta.block.number, hasIndexingErrors: data._meta.hasIndexingErrors };
      return data.rentalListings;
    },
  });
  return { ...result, ...meta };
}

// --- Leases ----------------------------------------------------------------------------------

/** How many leases each side of /leases shows (newest first). */
export const LEASES_SHOWN = 100;

const LEASE_FIELDS = `id status
  unit { id address district unitType owner }
  lessor { id } tenant { id } agency { id }
  agentFeeBps penaltyBps pricePerDay deposit mayDecorate start expires daysPaid rentDays settledDays paid
  rentCredited lessorEarned agencyEarned platformFees refund penalty depositSettled depositClaimed depositReturned
  events(first: 1000, orderBy: blockNumber, orderDirection: asc) { id kind settledDays amount penalty depositClaimed blockNumber blockTimestamp transactionHash }
  payments(first: 1000, orderBy: blockNumber, orderDirection: asc) { id amount lessorShare agentFee platformFee blockNumber blockTimestamp transactionHash }`;

export const ACCOUNT_LEASES_QUERY = `query AccountLeases($account: String!, $first: Int!) {
  asTenant: leases(where: { tenant: $account }, orderBy: start, orderDirection: desc, first: $first) { ${LEASE_FIELDS} }
  asLessor: leases(where: { lessor: $account }, orderBy: start, orderDirection: desc, first: $first) { ${LEASE_FIELDS} }
  _meta { block { number } hasIndexingErrors }
}`;

const leaseEventSchema = z.object({
  id: hex,
  kind: z.enum(["Started", "RentClaimed", "EndedEarly", "DepositSettled"]),
  settledDays: z.number().int(),
  amount: bigint,
  penalty: bigint.nullable(),
  depositClaimed: bigint.nullable(),
  blockNumber: bigint,
  blockTimestamp: bigint,
  transactionHash: hex,
});

export type LeaseEvent = z.output<typeof leaseEventSchema>;

const leasePaymentSchema = z.object({
  id: hex,
  amount: bigint,
  lessorShare: bigint,
  agentFee: bigint,
  platformFee: bigint,
  blockNumber: bigint,
  blockTimestamp: bigint,
  transactionHash: hex,
});

export type LeasePayment = z.output<typeof leasePaymentSchema>;

export const leaseSchema = z.object({
  id: hex,
  status: z.enum(["Active", "EndedEarly"]),
  unit: z.object({
    id: z.string().regex(/^\d+$/),
    address: z.string(),
    district: z.number().int(),
    unitType: z.enum(UNIT_TYPES),
    owner: address,
  }),
  lessor: accountRef,
  tenant: accountRef,
  agency: accountRef.nullable(),
  agentFeeBps: z.number().int(),
  penaltyBps: z.number().int(),
  pricePerDay: bigint,
  deposit: bigint,
  mayDecorate: z.boolean().nullable(),
  start: bigint,
  expires: bigint,
  daysPaid: z.number().int(),
  rentDays: z.number().int(),
  settledDays: z.number().int(),
  paid: bigint,
  rentCredited: bigint,
  lessorEarned: bigint,
  agencyEarned: bigint,
  platformFees: bigint,
  refund: bigint.nullable(),
  penalty: bigint.nullable(),
  depositSettled: z.boolean(),
  depositClaimed: bigint.nullable(),
  depositReturned: bigint.nullable(),
  events: z.array(leaseEventSchema),
  payments: z.array(leasePaymentSchema),
});

export type Lease = z.output<typeof leaseSchema>;

export const accountLeasesDataSchema = z.object({
  asTenant: z.array(leaseSchema),
  asLessor: z.array(leaseSchema),
  _meta: metaSchema,
});

export type AccountLeases = z.output<typeof accountLeasesDataSchema>;

export function fetchAccountLeases(params: Common & { account: Address }): Promise<AccountLeases> {
  return requestGraphql({
    ...params,
    query: ACCOUNT_LEASES_QUERY,
    variables: { account: params.account.toLowerCase(), first: LEASES_SHOWN },
    schema: accountLeasesDataSchema,
  });
}

export const DAY = 86_400n;

export type LeasePhase = "running" | "ended" | "ended-early";

/** A lease runs until `expires` (no event marks the end) unless the tenant ended it early. */
export function leasePhase(lease: Pick<Lease, "status" | "expires">, now: bigint): LeasePhase {
  if (lease.status === "EndedEarly") return "ended-early";
  return now < lease.expires ? "running" : "ended";
}

/**
 * Days of rent earned at `now`, as `LeaseBook._earnedDays` counts them: a day is earned when it
 * starts (the first at once), all `rentDays` once the lease is over.
 */
export function earnedDays(lease: Pick<Lease, "start" | "expires" | "rentDays" | "status">, now: bigint): number {
  if (now >= lease.expires || lease.status === "EndedEarly") return lease.rentDays;
  if (now < lease.start) return 0;
  const started = Number((now - lease.start) / DAY) + 1;
  return Math.min(started, lease.rentDays);
}

/**
 * Rent earned and not yet credited at `now` (what `claimRent` would credit, before the platform
 * and agency fees come out of it), MRK wei.
 */
export function claimableRent(lease: Lease, now: bigint): bigint {
  const days = earnedDays(lease, now) - lease.settledDays;
  return days > 0 ? BigInt(days) * lease.pricePerDay : 0n;
}

export type LeaseTotals = {
  /** Leases running now. */
  running: number;
  /** Rent credited to the lessor's side so far (after fees), MRK wei. */
  earned: bigint;
  /** Rent earned and not credited yet (before fees), MRK wei. */
  claimable: bigint;
  /** What the tenant paid in all (rent and deposits), MRK wei. */
  paid: bigint;
};

/** Sums over a side's leases for the page's summary. */
export function leaseTotals(leases: readonly Lease[], now: bigint): LeaseTotals {
  let running = 0;
  let earned = 0n;
  let claimable = 0n;
  let paid = 0n;
  for (const lease of leases) {
    if (leasePhase(lease, now) === "running") running++;
    earned += lease.lessorEarned;
    claimable += claimableRent(lease, now);
    paid += lease.paid;
  }
  return { running, earned, claimable, paid };
}

/** One step of a lease's timeline: an event or a rent payment, oldest first. */
export type LeaseTimelineEntry =
  | { type: "event"; at: bigint; block: bigint; event: LeaseEvent }
  | { type: "payment"; at: bigint; block: bigint; payment: LeasePayment };

/**
 * A lease's events and payments merged in chain order. A claim's `RentClaimed` and its
 * `RentCredited` share a transaction; the event comes first (it is logged first).
 */
export function leaseTimeline(lease: Pick<Lease, "events" | "payments">): LeaseTimelineEntry[] {
  const entries: (LeaseTimelineEntry & { order: number })[] = [
    ...lease.events.map((event) => ({
      type: "event" as const,
      at: event.blockTimestamp,
      block: event.blockNumber,
      order: logOrder(event.id),
      event,
    })),
    ...lease.payments.map((payment) => ({
      type: "payment" as const,
      at: payment.blockTimestamp,
      block: payment.blockNumber,
      order: logOrder(payment.id),
      payment,
    })),
  ];
  entries.sort((a, b) => (a.block !== b.block ? (a.block < b.block ? -1 : 1) : a.order - b.order));
  return entries.map(({ order: _order, ...entry }) => entry);
}

/** The log index an event id ends with (transaction hash + 4 big-endian bytes). */
function logOrder(id: Hex): number {
  return id.length >= 10 ? Number.parseInt(id.slice(-8), 16) : 0;
}

// --- Agencies --------------------------------------------------------------------------------

export const AGENCY_HISTORY_SIZE = 50;

export const AGENCY_QUERY = `query Agency($id: ID!, $agency: String!, $first: Int!) {
  agency(id: $id) {
    id saleCount saleEarnings rentEarnings totalEarnings
    sales(first: $first, orderBy: blockTimestamp, orderDirection: desc) {
      id kind price agencyFee unitCount blockTimestamp transactionHash
      seller { id } buyer { id }
      units(first: 5) { id address }
    }
    rentPayments(first: $first, orderBy: blockTimestamp, orderDirection: desc) {
      id amount agentFee blockTimestamp transactionHash
      lease { id unit { id address } }
    }
  }
  leaseCount: leases(where: { agency: $agency }, first: 1000) { id }
  _meta { block { number } hasIndexingErrors }
}`;

const agencySaleSchema = z.object({
  id: hex,
  kind: z.enum(["Listing", "Offer"]),
  price: bigint,
  agencyFee: bigint,
  unitCount: z.number().int(),
  blockTimestamp: bigint,
  transactionHash: hex,
  seller: accountRef,
  buyer: accountRef,
  units: z.array(z.object({ id: z.string(), address: z.string() })),
});

const agencyRentPaymentSchema = z.object({
  id: hex,
  amount: bigint,
  agentFee: bigint,
  blockTimestamp: bigint,
  transactionHash: hex,
  lease: z.object({ id: hex, unit: z.object({ id: z.string(), address: z.string() }) }),
});

export const agencySchema = z.object({
  id: address,
  saleCount: z.number().int(),
  saleEarnings: bigint,
  rentEarnings: bigint,
  totalEarnings: bigint,
  sales: z.array(agencySaleSchema),
  rentPayments: z.array(agencyRentPaymentSchema),
});

export type Agency = z.output<typeof agencySchema>;

export const agencyDataSchema = z.object({
  agency: agencySchema.nullable(),
  leaseCount: z.array(z.object({ id: hex })),
  _meta: metaSchema,
});

export type AgencyData = z.output<typeof agencyDataSchema>;

export function fetchAgency(params: Common & { agency: Address }): Promise<AgencyData> {
  return requestGraphql({
    ...params,
    query: AGENCY_QUERY,
    variables: { id: params.agency.toLowerCase(), agency: params.agency.toLowerCase(), first: AGENCY_HISTORY_SIZE },
    schema: agencyDataSchema,
  });
}

export const TOP_AGENCIES_QUERY = `query TopAgencies($first: Int!) {
  agencies(orderBy: totalEarnings, orderDirection: desc, first: $first) {
    id saleCount saleEarnings rentEarnings totalEarnings
  }
  _meta { block { number } hasIndexingErrors }
}`;

export const topAgenciesDataSchema = z.object({
  agencies: z.array(
    agencySchema.pick({ id: true, saleCount: true, saleEarnings: true, rentEarnings: true, totalEarnings: true }),
  ),
  _meta: metaSchema,
});

export type TopAgencies = z.output<typeof topAgenciesDataSchema>;

export function fetchTopAgencies(params: Common & { first?: number }): Promise<TopAgencies> {
  return requestGraphql({
    ...params,
    query: TOP_AGENCIES_QUERY,
    variables: { first: params.first ?? 50 },
    schema: topAgenciesDataSchema,
  });
}

// --- Price history ---------------------------------------------------------------------------

/** Points a chart draws at most (graph-node's `first` limit). */
export const PRICE_POINTS_SHOWN = 1000;

const PRICE_POINT_FIELDS = `id price unitCount seller buyer blockNumber blockTimestamp transactionHash
  unit { id address }
  sale { platformFee agencyFee agency { id } }`;

export const BUILDING_PRICE_HISTORY_QUERY = `query BuildingPriceHistory($building: ID!, $first: Int!) {
  building(id: $building) {
    id ownedUnits
    priceHistory(first: $first, orderBy: blockTimestamp, orderDirection: desc) { ${PRICE_POINT_FIELDS} }
  }
  _meta { block { number } hasIndexingErrors }
}`;

export const UNIT_PRICE_HISTORY_QUERY = `query UnitPriceHistory($unit: ID!, $first: Int!) {
  unit(id: $unit) {
    id address
    priceHistory(first: $first, orderBy: blockTimestamp, orderDirection: desc) { ${PRICE_POINT_FIELDS} }
  }
  _meta { block { number } hasIndexingErrors }
}`;

export const RECENT_SALES_QUERY = `query RecentSales($first: Int!) {
  unitPricePoints(first: $first, orderBy: blockTimestamp, orderDirection: desc) {
    ${PRICE_POINT_FIELDS}
    building { id }
  }
  _meta { block { number } hasIndexingErrors }
}`;

export const pricePointSchema = z.object({
  id: hex,
  price: bigint,
  unitCount: z.number().int().min(1),
  seller: address,
  buyer: address,
  blockNumber: bigint,
  blockTimestamp: bigint,
  transactionHash: hex,
  unit: z.object({ id: z.string(), address: z.string() }),
  sale: z.object({ platformFee: bigint, agencyFee: bigint, agency: accountRef.nullable() }),
});

export type PricePoint = z.output<typeof pricePointSchema>;

export const buildingPriceHistoryDataSchema = z.object({
  building: z
    .object({ id: z.string(), ownedUnits: z.number().int(), priceHistory: z.array(pricePointSchema) })
    .nullable(),
  _meta: metaSchema,
});

export const unitPriceHistoryDataSchema = z.object({
  unit: z.object({ id: z.string(), address: z.string(), priceHistory: z.array(pricePointSchema) }).nullable(),
  _meta: metaSchema,
});

export const recentSalesDataSchema = z.object({
  unitPricePoints: z.array(pricePointSchema.extend({ building: z.object({ id: z.string() }) })),
  _meta: metaSchema,
});

/** A building id as the subgraph writes it: `<district>-<neighbourhood>-<building>`. */
export const BUILDING_ID = /^\d{1,3}-\d{1,4}-\d{1,3}$/;

export function fetchBuildingPriceHistory(params: Common & { building: string }) {
  if (!BUILDING_ID.test(params.building)) {
    throw new RangeError(`building "${params.building}" is not a building id like 2-77-3`);
  }
  return requestGraphql({
    ...params,
    query: BUILDING_PRICE_HISTORY_QUERY,
    variables: { building: params.building, first: PRICE_POINTS_SHOWN },
    schema: buildingPriceHistoryDataSchema,
  });
}

export function fetchUnitPriceHistory(params: Common & { unit: string }) {
  if (!/^\d+$/.test(params.unit)) throw new RangeError(`unit "${params.unit}" is not a decimal token id`);
  return requestGraphql({
    ...params,
    query: UNIT_PRICE_HISTORY_QUERY,
    variables: { unit: params.unit, first: PRICE_POINTS_SHOWN },
    schema: unitPriceHistoryDataSchema,
  });
}

export function fetchRecentSales(params: Common & { first?: number }) {
  return requestGraphql({
    ...params,
    query: RECENT_SALES_QUERY,
    variables: { first: params.first ?? 25 },
    schema: recentSalesDataSchema,
  });
}

/** A chart's series: oldest first, x in unix seconds, y the price per unit in MRK (a float, for drawing only). */
export type PriceSeries = { times: number[]; perUnit: number[] };

/**
 * The points of a price history as a chart draws them: sorted by time, one x per point (two
 * sales in the same second are spread by a millisecond so the x axis stays strictly
 * increasing), and a bundle's price divided among its units.
 */
export function toPriceSeries(
  points: readonly Pick<PricePoint, "price" | "unitCount" | "blockTimestamp" | "blockNumber">[],
): PriceSeries {
  const sorted = [...points].sort((a, b) =>
    a.blockTimestamp !== b.blockTimestamp
      ? a.blockTimestamp < b.blockTimestamp
        ? -1
        : 1
      : a.blockNumber < b.blockNumber
        ? -1
        : a.blockNumber > b.blockNumber
          ? 1
          : 0,
  );
  const times: number[] = [];
  const perUnit: number[] = [];
  for (const point of sorted) {
    let x = Number(point.blockTimestamp);
    const last = times[times.length - 1];
    if (last !== undefined && x <= last) x = last + 0.001;
    times.push(x);
    // Milli-MRK precision is plenty for drawing; the tables show exact amounts.
    perUnit.push(Number(point.price / BigInt(point.unitCount) / 10n ** 15n) / 1000);
  }
  return { times, perUnit };
}
