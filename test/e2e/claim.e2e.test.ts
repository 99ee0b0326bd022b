/**
 * End to end, as a person would: the whole local stack (chain, IPFS, subgraph host, app) on
 * random ports, driven through headless Chromium. Browse the seeded world, connect the dev
 * wallet, claim a unit, see it in the list, open its page and check the 3D canvas drew.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeUnitId, parseUnitAddress } from "@markspace/contracts/unit-address";
import { findFreePort } from "../../scripts/lib/ports.ts";
import { startLocalStack, type LocalStack } from "../../scripts/start-local-stack.ts";

const CHROMIUM = process.env.MARKSPACE_CHROMIUM ?? "/usr/bin/chromium";

let stack: LocalStack;
let browser: Browser;
let page: Page;
let dataDir: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "markspace-e2e-"));
  stack = await startLocalStack({
    dataDir,
    demoUnits: 2,
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

/** Counts the distinct colours in the element's pixels, read back from a screenshot. */
async function distinctColours(target: Page, selector: string): Promise<number> {
  const png = await target.locator(selector).screenshot();
  return target.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = document.createElement("canvas");
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext("2d");
    if (!context) throw new Error("no 2d context");
    context.drawImage(image, 0, 0);
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    const colours = new Set<number>();
    for (let i = 0; i < data.length; i += 4) colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
    return colours.size;
  }, png.toString("base64"));
}

describe("the local stack in a browser", () => {
  it("lists the seeded units without a wallet", async () => {
    await page.goto(stack.urls.app);
    await expect.poll(() => page.getByTestId("unit-row").count(), { timeout: 60_000 }).toBeGreaterThanOrEqual(2);
  });

  it("draws a seeded unit's furnished scene from IPFS", async () => {
    const firstId = await page.getByTestId("unit-row").first().getAttribute("data-unit-id");
    await page.goto(`${stack.urls.app}/units/${firstId}`);
    await page.locator('[data-testid="unit-scene"][data-state="ready"]').waitFor({ timeout: 120_000 });
    await page.waitForTimeout(1_000);
    expect(await distinctColours(page, '[data-testid="unit-scene"] canvas')).toBeGreaterThan(50);
  });

  it("connects the dev wallet, claims a unit and shows it", async () => {
    await page.goto(`${stack.urls.app}/claim`);
    await page.getByTestId("wallet-button").click();
    await page.getByTestId("connect-dev-wallet").click();
    await expect
      .poll(() => page.getByTestId("wallet-address").textContent(), { timeout: 30_000 })
      .toMatch(/0x[0-9a-fA-F]{40}/);

    const input = page.getByTestId("claim-address-input");
    await expect.poll(() => input.inputValue(), { timeout: 30_000 }).toMatch(/^R-\d{4}-\d{2}-\d{2}-\d{2}$/);
    const unitId = encodeUnitId(parseUnitAddress(await input.inputValue())).toString();

    await page.getByTestId("claim-submit").click();
    const status = page.getByTestId("claim-status");
    await expect.poll(() => status.getAttribute("data-state"), { timeout: 60_000 }).toBe("confirmed");

    await page.goto(stack.urls.app);
    const row = page.locator(`[data-testid="unit-row"][data-unit-id="${unitId}"]`);
    await row.waitFor({ timeout: 60_000 });
    await row.locator("a").first().click();
    await page.waitForURL(`**/units/${unitId}`);
    await page.locator('[data-testid="unit-scene"][data-state="ready"]').waitFor({ timeout: 120_000 });
    await page.waitForTimeout(1_000);
    expect(await distinctColours(page, '[data-testid="unit-scene"] canvas')).toBeGreaterThan(20);
  });

  it("raised no uncaught page errors", () => {
    expect(pageErrors).toEqual([]);
  });
});
