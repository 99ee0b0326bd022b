/**
 * End to end in Chromium, the market as people use it, on one local stack (random ports):
 *
 * - the market pages against what `scripts/seed-market.ts` seeds: the open sale and rental
 *   listings on /market (and the filters that hide them), the seeded lease on /leases for an
 *   address given in the URL, the agency's dashboard, and the building's price chart, with the
 *   charting library loaded on that page only;
 * - the exchange and rentals: account A buys a Commercial unit and lists it for sale by signature
 *   (no gas; the signed order travels as a link), account B opens the link and buys it; B offers
 *   it for rent on chain, account C rents it for three days and sets its scene as the tenant; the
 *   unit page then shows owner B, tenant C and the lease's expiry. The three accounts are the dev
 *   wallet's test accounts #0, #1 and #2, switched in its account picker.
 *
 * The pages run first: the exchange flow adds listings and leases they would otherwise see.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../../scripts/lib/chromium.ts";
import { parseEther, type Address } from "viem";
import { mnemonicToAccount, privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeUnitId, formatUnitAddress } from "@markspace/contracts/unit-address";
import { lendSaleMrk } from "../../scripts/lib/dev-mrk.ts";
import { findFreePort } from "../../scripts/lib/ports.ts";
import { TEST_ACCOUNT_KEYS, TEST_MNEMONIC } from "../../scripts/lib/test-accounts.ts";
import { MARKET_ACCOUNTS, SEEDED_MARKET } from "../../scripts/seed-market.ts";
import { startLocalStack, type LocalStack } from "../../scripts/start-local-stack.ts";

/** A free Commercial unit of the business district (not seeded). */
const SHOP = "B-0007-03-02-011";
const [A, B, C] = [0, 1, 2].map((addressIndex) => mnemonicToAccount(TEST_MNEMONIC, { addressIndex }).address) as [
  Address,
  Address,
  Address,
];

/** The units `scripts/seed-market.ts` sold, listed and let. */
const forSale = encodeUnitId(SEEDED_MARKET.forSale).toString();
const sold = encodeUnitId(SEEDED_MARKET.sold).toString();
const leased = encodeUnitId(SEEDED_MARKET.leased).toString();
const accountOf = (index: number) => privateKeyToAccount(TEST_ACCOUNT_KEYS[index]!).address;

let stack: LocalStack;
let browser: Browser;
let page: Page;
let dataDir: string;
const pageErrors: string[] = [];
let sceneCid = "";
let saleLink = "";

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "markspace-market-e2e-"));
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
    log: (line) => console.log(`market e2e stack: ${line}`),
  });
  // MRK for the three accounts, from the sale's fund (impersonated: local chain only).
  const provider = {
    request: async ({ method, params }: { method: string; params?: unknown[] }) => {
      const response = await fetch(stack.urls.rpc, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params: params ?? [] }),
      });
      const body = (await response.json()) as { result?: unknown; error?: { message: string } };
      if (body.error) throw new Error(body.error.message);
      return body.result;
    },
  };
  await lendSaleMrk(provider, stack.deployment, [A, B, C], parseEther("100000"));
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on("pageerror", (error) => pageErrors.push(error.message));
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const byId = (id: string) => page.getByTestId(id);
const lower = (value: string | null | undefined) => value?.toLowerCase();

/** Waits until the transaction status `id` says the subgraph has indexed the transaction. */
async function indexed(id: string): Promise<void> {
  await expect
    .poll(async () => (await byId(id).getAttribute("data-indexing")) ?? (await byId(id).getAttribute("data-state")), {
      timeout: 120_000,
    })
    .toBe("indexed");
}

/**
 * Repeats `act` until `done` holds: a click or a fill that lands before React has hydrated the
 * page is lost on a loaded machine, so the test acts again until the page answers (or `timeout`).
 */
async function until(act: () => Promise<void>, done: () => Promise<boolean>, timeout = 60_000): Promise<void> {
  await expect
    .poll(
      async () => {
        if (await done()) return true;
        // A control not ready yet (disabled while the page loads its quote) fails this try only.
        await act().catch(() => undefined);
        await page.waitForTimeout(500);
        return done();
      },
      { timeout, interval: 50 },
    )
    .toBe(true);
}

/** Switches the dev wallet to test account `index` in its picker and waits until the page shows it. */
async function useAccount(index: number, address: Address): Promise<void> {
  const shown = async () =>
    lower(
      await byId("wallet-address")
        .textContent()
        .catch(() => null),
    ) === lower(address);
  if (await shown()) return;
  await byId("wallet-button").click();
  await page.getByLabel("Test account").selectOption(String(index));
  await expect.poll(shown, { timeout: 30_000 }).toBe(true);
  await byId("wallet-button").click(); // closes the menu
}

async function openShop(): Promise<void> {
  await page.goto(`${stack.urls.app}/units/${SHOP}`);
  await byId("unit-page").waitFor({ timeout: 60_000 });
}

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

describe("the exchange and rentals in a browser", () => {
  it("account A buys a Commercial unit", { timeout: 240_000 }, async () => {
    // A seeded unit's scene, which the tenant will use as its own.
    const response = await fetch(stack.urls.graphql, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ units(first: 1, where: { contentCid_not: null }) { contentCid } }" }),
    });
    sceneCid = ((await response.json()) as { data: { units: { contentCid: string }[] } }).data.units[0]!.contentCid;
    expect(sceneCid).toMatch(/^baf/);

    await openShop();
    await until(
      async () => {
        await byId("wallet-button").click();
        await byId("connect-dev-wallet").click({ timeout: 5_000 });
      },
      async () =>
        lower(
          await byId("wallet-address")
            .textContent()
            .catch(() => null),
        ) === lower(A),
    );
    await byId("unit-free").waitFor({ timeout: 60_000 });
    await expect.poll(() => byId("unit-buy-quote").getAttribute("data-total"), { timeout: 60_000 }).toMatch(/^\d+$/);
    await byId("unit-buy-submit").click();
    await expect
      .poll(async () => lower(await byId("unit-owner").getAttribute("data-address")), { timeout: 120_000 })
      .toBe(lower(A));
  });

  it("A lists it by signature, reading what is signed first, and gets a link", { timeout: 240_000 }, async () => {
    await byId("market-sell").waitFor({ timeout: 60_000 });
    await until(
      async () => {
        await byId("market-sell-price").fill("1500");
        await byId("market-sell-sign-start").click();
      },
      async () => (await byId("market-sell-words").count()) > 0,
    );
    const words = (await byId("market-sell-words").textContent()) ?? "";
    expect(words).toContain(`You offer to sell unit ${SHOP} for 1,500 MRK`);
    expect(words).toContain("Platform fee: 2.5 % now (37.5 MRK)");
    expect(words).toContain("You receive 1,462.5 MRK");
    expect(words).toContain("costs no gas");
    await byId("market-sell-sign").click();
    // The exchange is approved once (a transaction), then the wallet signs.
    await byId("market-sell-link").waitFor({ timeout: 120_000 });
    saleLink = (await byId("market-sell-link").getAttribute("data-href")) ?? "";
    expect(saleLink).toContain(`/units/${SHOP}?order=`);
  });

  it("account B opens the link, sees the order checked, and buys the unit", { timeout: 420_000 }, async () => {
    await useAccount(1, B);
    await page.goto(saleLink);
    await expect.poll(() => byId("market-linked").getAttribute("data-valid"), { timeout: 60_000 }).toBe("true");
    expect(await byId("market-linked").textContent()).toContain("1,500 MRK");
    // The button waits for the quote and the allowance check: click in short tries, for longer.
    await until(
      () => byId("market-linked-buy").click({ timeout: 5_000 }),
      async () =>
        ((await byId("market-linked-status")
          .getAttribute("data-state")
          .catch(() => null)) ?? "idle") !== "idle",
      // The unit page draws its scene in software while other suites run: its first click can wait.
      300_000,
    );
    await expect
      .poll(async () => lower(await byId("unit-owner").getAttribute("data-address")), { timeout: 120_000 })
      .toBe(lower(B));
    // The filled order is dead now: the link says so.
    await page.reload();
    await expect.poll(() => byId("market-linked").getAttribute("data-valid"), { timeout: 60_000 }).toBe("false");
  });

  it("B offers it for rent on chain", { timeout: 240_000 }, async () => {
    await openShop();
    await byId("market-let").waitFor({ timeout: 60_000 });
    await until(
      async () => {
        await byId("market-let-price").fill("20");
        await byId("market-let-max").fill("30");
        await byId("market-let-deposit").fill("10");
        await byId("market-let-post").click();
      },
      async () => (await byId("market-let-status").getAttribute("data-state")) !== "idle",
    );
    await indexed("market-let-status");
    await byId("market-rental").waitFor({ timeout: 60_000 });
  });

  it("account C rents it for three days and sets its scene as the tenant", { timeout: 300_000 }, async () => {
    await useAccount(2, C);
    await openShop();
    await until(
      () => byId("market-rental-open").click(),
      async () => (await byId("market-rental-rent-form").count()) > 0,
    );
    await until(
      () => byId("market-rental-rent-days").fill("3"),
      async () =>
        (await byId("market-rental-rent-total")
          .getAttribute("data-total")
          .catch(() => null)) === parseEther("70").toString(),
    );
    await byId("market-rental-rent-submit").click();
    // Once rented, the listing leaves the list (and its form with it): the lease shows instead.
    await expect
      .poll(async () => lower(await byId("unit-tenant").getAttribute("data-address")), { timeout: 120_000 })
      .toBe(lower(C));

    // The tenant may decorate: the registry's canDecorate says so, and the scene form appears.
    await expect.poll(() => byId("owner-panel").getAttribute("data-role"), { timeout: 60_000 }).toBe("decorator");
    await until(
      async () => {
        await byId("owner-content-input").fill(sceneCid);
        await byId("owner-content-submit").click();
      },
      async () => (await byId("owner-content-status").getAttribute("data-state")) !== "idle",
    );
    await indexed("owner-content-status");
    await expect.poll(() => byId("unit-content").getAttribute("data-tenant"), { timeout: 60_000 }).toBe("true");
    expect(await byId("unit-content").getAttribute("data-cid")).toBe(sceneCid);
  });

  it("the unit page shows owner B, tenant C and the lease's expiry", { timeout: 120_000 }, async () => {
    await openShop();
    await expect
      .poll(async () => lower(await byId("unit-owner").getAttribute("data-address")), { timeout: 60_000 })
      .toBe(lower(B));
    await expect
      .poll(async () => lower(await byId("unit-tenant").getAttribute("data-address")), { timeout: 60_000 })
      .toBe(lower(C));
    const expires = Number(await byId("unit-tenant").getAttribute("data-expires"));
    const block = (await (
      await fetch(stack.urls.rpc, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_getBlockByNumber", params: ["latest", false] }),
      })
    ).json()) as { result: { timestamp: string } };
    const now = Number(BigInt(block.result.timestamp));
    // Three days from when C rented it, a few minutes ago at most.
    expect(expires - now).toBeGreaterThan(3 * 86_400 - 900);
    expect(expires - now).toBeLessThanOrEqual(3 * 86_400);
    expect(await byId("unit-tenant-expires").textContent()).toMatch(/^\d{1,2} \w{3} \d{4}, \d{2}:\d{2} UTC$/);
    expect(lower(await byId("market-lease").getAttribute("data-tenant"))).toBe(lower(C));
    // The tenant may end the lease early from here.
    await byId("market-lease-end").waitFor({ timeout: 30_000 });
  });

  it("raised no uncaught page errors", () => {
    expect(pageErrors).toEqual([]);
  });
});
