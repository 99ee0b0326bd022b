/**
 * The MRK economy pages end to end, as a person would: the whole local stack on random ports,
 * driven through headless Chromium with the dev wallet. Buy in the sale, claim after the
 * release time, wrap and delegate, propose a parameter change, vote, queue, execute and see the
 * new value; release an unlocked genesis fund. The chain's clock is moved with
 * `evm_increaseTime` between the steps that wait for time.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GOVERNANCE_SETTINGS } from "@markspace/contracts/registry";
import { findFreePort } from "../../scripts/lib/ports.ts";
import { startLocalStack, type LocalStack } from "../../scripts/start-local-stack.ts";

const CHROMIUM = process.env.MARKSPACE_CHROMIUM ?? "/usr/bin/chromium";
const DAY = 86_400;

let stack: LocalStack;
let browser: Browser;
let page: Page;
let dataDir: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "markspace-e2e-economy-"));
  stack = await startLocalStack({
    dataDir,
    demoUnits: 0,
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
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-sync"],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on("pageerror", (error) => pageErrors.push(error.message));
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function rpc(method: string, params: unknown[] = []): Promise<unknown> {
  const response = await fetch(stack.urls.rpc, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  return ((await response.json()) as { result: unknown }).result;
}

/** Moves the chain's clock forward and mines a block at the new time. */
async function travel(seconds: number): Promise<void> {
  await rpc("evm_increaseTime", [seconds]);
  await rpc("evm_mine");
}

const byId = (id: string) => page.getByTestId(id);
const textOf = (id: string) => () => byId(id).first().textContent();

/** Waits until the transaction status `id` says the subgraph has indexed the transaction. */
async function indexed(id: string): Promise<void> {
  await expect
    .poll(async () => (await byId(id).getAttribute("data-indexing")) ?? (await byId(id).textContent()), {
      timeout: 90_000,
    })
    .toBe("indexed");
}

describe("the economy pages in a browser", () => {
  it("shows the supply and the nine genesis funds without a wallet", async () => {
    await page.goto(`${stack.urls.app}/token`);
    await expect.poll(textOf("token-total-supply"), { timeout: 60_000 }).toBe("3,000,000,000 MRK");
    for (let i = 0; i < 9; i++) await byId(`token-fund-${i}`).waitFor();
    expect(await byId("token-fund-8-release-date").textContent()).toMatch(/^unlocks \d{1,2} \w{3} \d{4}$/);
  });

  it("quotes a purchase per stage and buys with the dev wallet", async () => {
    await byId("wallet-button").click();
    await byId("connect-dev-wallet").click();
    await expect.poll(textOf("wallet-address"), { timeout: 30_000 }).toMatch(/0x[0-9a-fA-F]{40}/);
    await page.click('a[href="/sale"]');
    await expect.poll(textOf("sale-price"), { timeout: 60_000 }).toBe("$0.06");

    // 10 ETH at the dev feed's 3,000 USD buys 500,000 MRK at 0.06 USD, all in stage 1.
    await byId("sale-buy-amount").fill("10");
    await expect.poll(textOf("sale-quote-tokens"), { timeout: 30_000 }).toBe("500,000 MRK");
    expect(await byId("sale-quote-min-tokens").textContent()).toBe("495,000 MRK");
    await byId("sale-buy-submit").click();
    await indexed("sale-buy-status");
    await expect.poll(textOf("sale-tokens-left"), { timeout: 30_000 }).toMatch(/^969,500,000 MRK/);
    await expect.poll(() => byId("sale-claimable").getAttribute("data-amount")).toBe(`${500_000n * 10n ** 18n}`);
  });

  it("claims the bought MRK once the release time has passed", async () => {
    await travel(15 * DAY);
    await byId("sale-claim-submit").waitFor({ timeout: 30_000 });
    await byId("sale-claim-submit").click();
    await indexed("sale-claim-status");
  });

  it("wraps MRK and delegates the votes to the account itself", async () => {
    await page.click('a[href="/wallet"]');
    await expect.poll(textOf("wallet-mrk-balance"), { timeout: 30_000 }).toBe("500,000 MRK");
    await byId("wallet-wrap-amount").fill("400000");
    await byId("wallet-wrap-submit").click();
    await indexed("wallet-wrap-status");
    await expect.poll(textOf("wallet-wrapped-balance")).toBe("400,000 wMRK");
    await byId("wallet-delegate-self").click();
    await indexed("wallet-delegate-status");
    await expect.poll(textOf("wallet-votes")).toBe("400,000 wMRK");
    await expect.poll(() => byId("wallet-purchase-row").count(), { timeout: 30_000 }).toBe(1);
  });

  it("changes a parameter through a proposal, from proposing to execution", async () => {
    await rpc("evm_mine"); // the delegation's checkpoint must lie in the past when the threshold is read
    await page.click('a[href="/governance"]');
    await expect.poll(textOf("gov-param-sale.maxPriceAge-value"), { timeout: 30_000 }).toBe("3600");
    await byId("gov-new-param-value").fill("7200");
    await byId("gov-new-description").fill("Accept ETH prices up to two hours old");
    await byId("gov-propose-submit").click();
    await indexed("gov-propose-status");

    const card = page.locator('article[data-testid^="gov-proposal-"]').first();
    const cardId = (await card.getAttribute("data-testid"))!;
    const state = () => byId(`${cardId}-state`).getAttribute("data-state");
    await expect.poll(state, { timeout: 30_000 }).toBe("Pending");

    await travel(Number(GOVERNANCE_SETTINGS.votingDelay) + 1);
    await expect.poll(state, { timeout: 30_000 }).toBe("Active");
    await card.getByTestId("gov-vote-reason").fill("Two hours is safe for a slow feed");
    await card.getByTestId("gov-vote-for").click();
    await indexed(`${cardId}-status`);
    await expect.poll(textOf(`${cardId}-for`), { timeout: 30_000 }).toBe("400,000 wMRK");

    await travel(Number(GOVERNANCE_SETTINGS.votingPeriod));
    await expect.poll(state, { timeout: 30_000 }).toBe("Succeeded");
    await card.getByTestId("gov-queue").click();
    await indexed(`${cardId}-status`);
    await expect.poll(state, { timeout: 30_000 }).toBe("Queued");

    await travel(Number(GOVERNANCE_SETTINGS.timelockDelay) + 1);
    await expect.poll(() => card.getByTestId("gov-execute").isEnabled(), { timeout: 30_000 }).toBe(true);
    await card.getByTestId("gov-execute").click();
    await indexed(`${cardId}-status`);
    await expect.poll(state, { timeout: 30_000 }).toBe("Executed");
    await expect.poll(textOf("gov-param-sale.maxPriceAge-value"), { timeout: 30_000 }).toBe("7200");
  });

  it("releases an unlocked genesis fund to its beneficiary", async () => {
    await travel(30 * DAY); // the bounty fund unlocks 1.5 months after genesis
    await page.click('a[href="/token"]');
    await expect.poll(textOf("token-fund-8-release-date"), { timeout: 30_000 }).toBe("unlocked");
    await byId("token-fund-8-release").click();
    await indexed("token-release-status");
    await expect.poll(textOf("token-fund-8-released"), { timeout: 30_000 }).toBe("released 15,000,000 MRK");
  });

  it("raised no uncaught page errors", () => {
    expect(pageErrors).toEqual([]);
  });
});
