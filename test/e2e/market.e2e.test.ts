/**
 * End to end in Chromium, the exchange and rentals as people use them: account A buys a
 * Commercial unit and lists it for sale by signature (no gas; the signed order travels as a
 * link), account B opens the link and buys it; B offers it for rent on chain, account C rents it
 * for three days and sets its scene as the tenant; the unit page then shows owner B, tenant C
 * and the lease's expiry. The whole local stack runs on random ports; the three accounts are
 * the dev wallet's test accounts #0, #1 and #2, switched in its account picker.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { parseEther, type Address } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lendSaleMrk } from "../../scripts/lib/dev-mrk.ts";
import { findFreePort } from "../../scripts/lib/ports.ts";
import { TEST_MNEMONIC } from "../../scripts/lib/test-accounts.ts";
import { startLocalStack, type LocalStack } from "../../scripts/start-local-stack.ts";

const CHROMIUM = process.env.MARKSPACE_CHROMIUM ?? "/usr/bin/chromium";
/** A free Commercial unit of the business district (not seeded). */
const SHOP = "B-0007-03-02-011";
const [A, B, C] = [0, 1, 2].map((addressIndex) => mnemonicToAccount(TEST_MNEMONIC, { addressIndex }).address) as [
  Address,
  Address,
  Address,
];

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
 * page is lost on a loaded machine, so the test acts again until the page answers.
 */
async function until(act: () => Promise<void>, done: () => Promise<boolean>, timeout = 60_000): Promise<void> {
  await expect
    .poll(
      async () => {
        if (await done()) return true;
        await act();
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

  it("account B opens the link, sees the order checked, and buys the unit", { timeout: 240_000 }, async () => {
    await useAccount(1, B);
    await page.goto(saleLink);
    await expect.poll(() => byId("market-linked").getAttribute("data-valid"), { timeout: 60_000 }).toBe("true");
    expect(await byId("market-linked").textContent()).toContain("1,500 MRK");
    await until(
      () => byId("market-linked-buy").click(),
      async () =>
        ((await byId("market-linked-status")
          .getAttribute("data-state")
          .catch(() => null)) ?? "idle") !== "idle",
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
