/**
 * End to end, the market pages on the whole local stack (chain, IPFS, subgraph host, app) in
 * headless Chromium, against what `scripts/seed-market.ts` seeds: the open sale listing and the
 * open rental listing on /market (and the filters that hide them), the seeded lease on /leases
 * for an address given in the URL, the agency's dashboard, and the building's price chart.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeUnitId, formatUnitAddress } from "@markspace/contracts/unit-address";
import { findFreePort } from "../../scripts/lib/ports.ts";
import { privateKeyToAccount } from "viem/accounts";
import { TEST_ACCOUNT_KEYS } from "../../scripts/lib/test-accounts.ts";
import { MARKET_ACCOUNTS, SEEDED_MARKET } from "../../scripts/seed-market.ts";
import { startLocalStack, type LocalStack } from "../../scripts/start-local-stack.ts";

const CHROMIUM = process.env.MARKSPACE_CHROMIUM ?? "/usr/bin/chromium";

let stack: LocalStack;
let browser: Browser;
let page: Page;
let dataDir: string;
const pageErrors: string[] = [];

const forSale = encodeUnitId(SEEDED_MARKET.forSale).toString();
const sold = encodeUnitId(SEEDED_MARKET.sold).toString();
const leased = encodeUnitId(SEEDED_MARKET.leased).toString();
const accountOf = (index: number) => privateKeyToAccount(TEST_ACCOUNT_KEYS[index]!).address;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "markspace-e2e-market-"));
  stack = await startLocalStack({
    dataDir,
    demoUnits: 1,
    renderWorkers: 0,
    appMode: "prod",
    appDistDir: ".next-e2e",
    ports: {
      chain: await findFreePort(),
      ipfsApi: await findFreePort(),
      ipfsGateway: await findFreePort(),
      graphql: await findFreePort(),
      app: await findFreePort(),
    },
    log: (line) => console.log(`e2e stack: ${line}`),
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on("pageerror", (error) => pageErrors.push(error.message));
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const byId = (id: string) => page.getByTestId(id);

describe("the market pages in a browser", () => {
  it("lists the seeded unit for sale, links to its page, and hides it under filters it fails", async () => {
    await page.goto(`${stack.urls.app}/market`);
    const row = page.locator(`[data-testid="market-listing"][data-unit-id="${forSale}"]`);
    await row.waitFor({ timeout: 90_000 });
    expect(await row.getByTestId("market-listing-price").textContent()).toBe("2,400 MRK");
    expect(await row.getByTestId("market-unit-link").textContent()).toBe(formatUnitAddress(SEEDED_MARKET.forSale));
    // The unit sold by the seed is not for sale any more (its listing was filled).
    expect(await page.locator(`[data-testid="market-listing"][data-unit-id="${sold}"]`).count()).toBe(0);

    // The filter form puts the view in the URL; a maximum below the price hides the listing.
    await byId("market-filter-district").selectOption("4");
    await byId("market-filter-max").fill("2000");
    await byId("market-filter-sort").selectOption("price-asc");
    await byId("market-filter-apply").click();
    await page.waitForURL(/\/market\?district=4&max=2000&sort=price-asc$/, { timeout: 30_000 });
    await byId("market-empty").waitFor({ timeout: 30_000 });

    // The same link, opened fresh, reproduces the view; widening it shows the listing again.
    await page.goto(`${stack.urls.app}/market?district=4&type=Commercial&min=2400&max=2400&sort=ending`);
    await row.waitFor({ timeout: 30_000 });
    expect(await byId("market-filter-type").inputValue()).toBe("Commercial");
    await page.goto(`${stack.urls.app}/market?district=3`);
    await byId("market-empty").waitFor({ timeout: 30_000 });

    await page.goto(`${stack.urls.app}/market`);
    await row.getByTestId("market-unit-link").click();
    await page.waitForURL(new RegExp(`/units/${forSale}$`), { timeout: 30_000 });
  });

  it("lists the open rental listing, not the unit already let", async () => {
    await page.goto(`${stack.urls.app}/market?kind=rent`);
    const row = page.locator(`[data-testid="market-rental"][data-unit-id="${sold}"]`);
    await row.waitFor({ timeout: 60_000 });
    expect(await row.getByTestId("market-rental-price").textContent()).toBe("8 MRK");
    expect(await page.locator(`[data-testid="market-rental"][data-unit-id="${leased}"]`).count()).toBe(0);
  });

  it("shows an address's leases without a wallet: the tenant's running lease and its timeline", async () => {
    const tenant = accountOf(MARKET_ACCOUNTS.buyer);
    await page.goto(`${stack.urls.app}/leases?address=${tenant}`);
    const lease = page.locator(`[data-testid="leases-tenant"] [data-testid="lease"][data-unit-id="${leased}"]`);
    await lease.waitFor({ timeout: 60_000 });
    expect(await lease.getAttribute("data-phase")).toBe("running");
    const kinds = await lease
      .getByTestId("lease-timeline-entry")
      .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-kind")));
    expect(kinds[0]).toBe("Started");

    // The landlord sees the same lease from its side.
    await page.goto(`${stack.urls.app}/leases?address=${accountOf(MARKET_ACCOUNTS.seller)}`);
    await page
      .locator(`[data-testid="leases-lessor"] [data-testid="lease"][data-unit-id="${leased}"]`)
      .waitFor({ timeout: 60_000 });
    await page.goto(`${stack.urls.app}/leases?address=0x1234`);
    await byId("leases-bad-address").waitFor({ timeout: 30_000 });
  });

  it("shows the agency's earnings from the seeded sale, reached from the agencies list", async () => {
    const agency = accountOf(MARKET_ACCOUNTS.agency);
    await page.goto(`${stack.urls.app}/agency`);
    await page.locator(`[data-testid="agency-row"][data-agency="${agency}"] a`).click();
    await page.waitForURL(new RegExp(`/agency/${agency}$`), { timeout: 30_000 });
    await byId("agency-dashboard").waitFor({ timeout: 60_000 });
    expect(await byId("agency-sale-count").textContent()).toBe("1");
    // 2 % of the 1,500 MRK sale.
    expect(await page.getByTestId("agency-sale").first().textContent()).toContain("30 MRK");
  });

  it("draws the building's price history with the charting library loaded on that page only", async () => {
    /** The scripts the page loaded that carry uPlot (its cursor class names are in its code). */
    const chartScripts = async () => {
      const names = await page.evaluate(() =>
        performance
          .getEntriesByType("resource")
          .map((entry) => entry.name)
          .filter((name) => name.endsWith(".js")),
      );
      const carrying: string[] = [];
      for (const name of names) if ((await (await fetch(name)).text()).includes("cursor-x")) carrying.push(name);
      return { names, carrying };
    };
    for (const path of ["/market", "/market?kind=rent", "/leases", "/agency"]) {
      await page.goto(`${stack.urls.app}${path}`);
      await page.waitForLoadState("networkidle");
      const { names, carrying } = await chartScripts();
      expect(names.length).toBeGreaterThan(0);
      expect(carrying, `uPlot loaded on ${path}`).toEqual([]);
    }

    const { district, neighbourhood, building } = SEEDED_MARKET.sold;
    await page.goto(`${stack.urls.app}/market/history?building=${district}-${neighbourhood}-${building}`);
    const chart = byId("price-chart");
    await chart.waitFor({ timeout: 60_000 });
    expect(await chart.getAttribute("data-points")).toBe("1");
    await chart.locator("canvas").waitFor({ timeout: 30_000 });
    expect(await byId("price-point").count()).toBe(1);
    expect((await chartScripts()).carrying.length).toBeGreaterThan(0);
    expect(pageErrors).toEqual([]);
  });
});
