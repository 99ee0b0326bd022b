/**
 * End to end in Chromium, a community DAO as its members use it, on one local stack (random
 * ports): account A creates a community through the wizard (/communities/new), account B joins
 * it, A donates MRK to its treasury, A proposes buying the unit `scripts/seed-market.ts` listed on
 * the exchange (reading the calls in words first), A and B vote For with reasons, the chain's
 * clock is moved past the vote and the timelock (`evm_increaseTime` + `evm_mine`), B queues and A
 * executes it; the unit's page then names the community's treasury as its owner. The subgraph's
 * answers are checked along the way. First, without a wallet, the directory and the page of the
 * community `scripts/seed-community.ts` seeds. A and B are the dev wallet's test accounts #0 and #1.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { launchChromium } from "../../scripts/lib/chromium.ts";
import { getAddress, parseEther, type Address } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeUnitId, formatUnitAddress } from "@markspace/contracts/unit-address";
import { lendSaleMrk } from "../../scripts/lib/dev-mrk.ts";
import { findFreePort } from "../../scripts/lib/ports.ts";
import { TEST_MNEMONIC } from "../../scripts/lib/test-accounts.ts";
import { SEEDED_COMMUNITY } from "../../scripts/seed-community.ts";
import { SEEDED_MARKET } from "../../scripts/seed-market.ts";
import { startLocalStack, type LocalStack } from "../../scripts/start-local-stack.ts";

const NAME = "Shopkeepers of Building 1";
/** The unit the seed lists on the exchange at 2,400 MRK (posted on chain). */
const UNIT = formatUnitAddress(SEEDED_MARKET.forSale);
const UNIT_ID = encodeUnitId(SEEDED_MARKET.forSale).toString();
const [A, B] = [0, 1].map((addressIndex) => mnemonicToAccount(TEST_MNEMONIC, { addressIndex }).address) as [
  Address,
  Address,
];

let stack: LocalStack;
let browser: Browser;
let page: Page;
let dataDir: string;
const pageErrors: string[] = [];
let treasury = "";

async function rpc(method: string, params: unknown[] = []): Promise<unknown> {
  const response = await fetch(stack.urls.rpc, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await response.json()) as { result?: unknown; error?: { message: string } };
  if (body.error) throw new Error(body.error.message);
  return body.result;
}

/** Moves the chain's clock forward and mines a block at the new time. */
async function travel(seconds: number): Promise<void> {
  await rpc("evm_increaseTime", [seconds]);
  await rpc("evm_mine");
}

async function graphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(stack.urls.graphql, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data: T; errors?: unknown };
  expect(body.errors).toBeUndefined();
  return body.data;
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "markspace-community-e2e-"));
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
    log: (line) => console.log(`community e2e stack: ${line}`),
  });
  await lendSaleMrk(
    { request: ({ method, params }) => rpc(method, params ?? []) },
    stack.deployment,
    [A, B],
    parseEther("10000"),
  );
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

/**
 * Repeats `act` until `done` holds: a click or a fill that lands before React has hydrated the
 * page is lost on a loaded machine, so the test acts again until the page answers (or `timeout`).
 */
async function until(act: () => Promise<void>, done: () => Promise<boolean>, timeout = 60_000): Promise<void> {
  await expect
    .poll(
      async () => {
        if (await done()) return true;
        await act().catch(() => undefined);
        await page.waitForTimeout(500);
        return done();
      },
      { timeout, interval: 50 },
    )
    .toBe(true);
}

/** Waits until the transaction status `id` says the subgraph has indexed the transaction. */
async function indexed(id: string): Promise<void> {
  await expect
    .poll(async () => (await byId(id).getAttribute("data-indexing")) ?? (await byId(id).getAttribute("data-state")), {
      timeout: 120_000,
    })
    .toBe("indexed");
}

async function shownAccount(): Promise<string | undefined> {
  return lower(
    await byId("wallet-address")
      .textContent({ timeout: 2_000 })
      .catch(() => null),
  );
}

/** Switches the dev wallet to test account `index` in its picker and waits until the page shows it. */
async function useAccount(index: number, address: Address): Promise<void> {
  if ((await shownAccount()) === lower(address)) return;
  await byId("wallet-button").click();
  await page.getByLabel("Test account").selectOption(String(index));
  await expect.poll(shownAccount, { timeout: 30_000 }).toBe(lower(address));
  await byId("wallet-button").click(); // closes the menu
}

async function openCommunity(): Promise<void> {
  await page.goto(`${stack.urls.app}/communities/${treasury}`);
  await byId("community-page").waitFor({ timeout: 60_000 });
}

const proposal = () => page.locator('[data-testid="community-proposal"][data-proposal-id="1"]');
const proposalState = () => proposal().getAttribute("data-state");

/**
 * Opens the community page afresh (so no earlier status line stands), clicks `button` of the
 * proposal (retrying while it is not ready) until its status leaves idle, then waits for indexing.
 */
async function actOnProposal(button: string, before?: () => Promise<void>): Promise<void> {
  await openCommunity();
  await before?.();
  const status = () => byId("community-proposal-1-status").getAttribute("data-state");
  await until(
    () => proposal().getByTestId(button).click({ timeout: 5_000 }),
    async () => ((await status().catch(() => null)) ?? "idle") !== "idle",
    120_000,
  );
  await indexed("community-proposal-1-status");
}

describe("a community in a browser", () => {
  it("lists the seeded community without a wallet, and links to the wizard", { timeout: 120_000 }, async () => {
    await page.goto(`${stack.urls.app}/communities`);
    const seeded = page.locator('[data-testid="community-row"]', { hasText: SEEDED_COMMUNITY.name });
    await seeded.waitFor({ timeout: 90_000 });
    expect(await seeded.getByTestId("community-row-members").textContent()).toBe("3");
    expect(await seeded.getByTestId("community-row-treasury").textContent()).toBe("250 MRK · 0.5 ETH");
    // Its page shows the pending proposal's call in words, without a wallet.
    await seeded.getByTestId("community-link").click();
    await byId("community-page").waitFor({ timeout: 60_000 });
    await expect
      .poll(() => byId("community-proposal-calls").first().textContent(), { timeout: 60_000 })
      .toMatch(/^transfer 100 MRK from the treasury to 0x/);
    await page.goto(`${stack.urls.app}/communities`);
    await page.getByRole("link", { name: "Start a community" }).click();
    await page.waitForURL(/\/communities\/new$/, { timeout: 30_000 });
  });

  it("account A creates a community with the wizard and lands on its page", { timeout: 240_000 }, async () => {
    await until(
      async () => {
        await byId("wallet-button").click();
        await byId("connect-dev-wallet").click({ timeout: 5_000 });
      },
      async () => (await shownAccount()) === lower(A),
    );
    // A bad field is named beside its input.
    await until(
      () => byId("community-new-quorum").fill("101"),
      async () => (await byId("community-new-problem-quorumPercent").count()) > 0,
    );
    await byId("community-new-name").fill(NAME);
    await byId("community-new-symbol").fill("SHOP1");
    await byId("community-new-policy-Open").check();
    await byId("community-new-voting-delay").fill("1m");
    await byId("community-new-voting-period").fill("1h");
    await byId("community-new-quorum").fill("50");
    await byId("community-new-threshold").fill("1");
    await byId("community-new-timelock").fill("10m");
    await expect
      .poll(() => byId("community-new-predicted").getAttribute("data-treasury"), { timeout: 60_000 })
      .toMatch(/^0x[0-9a-fA-F]{40}$/);
    const predicted = (await byId("community-new-predicted").getAttribute("data-treasury"))!;
    await byId("community-new-submit").click();
    await page.waitForURL(new RegExp(`/communities/${predicted}$`), { timeout: 180_000 });
    treasury = getAddress(predicted);
    await byId("community-page").waitFor({ timeout: 60_000 });
    expect(await byId("community-name").textContent()).toBe(NAME);
    expect(await byId("community-member-count").textContent()).toBe("1");
    await expect.poll(() => byId("community-you").getAttribute("data-member"), { timeout: 60_000 }).toBe("true");
  });

  it("account B joins, and A donates MRK to the treasury", { timeout: 240_000 }, async () => {
    await useAccount(1, B);
    await until(
      () => byId("community-join").click({ timeout: 5_000 }),
      async () => ((await byId("community-member-status").getAttribute("data-state")) ?? "idle") !== "idle",
    );
    await indexed("community-member-status");
    await expect.poll(() => byId("community-member-count").textContent(), { timeout: 60_000 }).toBe("2");

    await useAccount(0, A);
    await until(
      async () => {
        await byId("community-donate-mrk").fill("3000");
        await byId("community-donate-submit").click({ timeout: 5_000 });
      },
      async () => ((await byId("community-donate-status").getAttribute("data-state")) ?? "idle") !== "idle",
    );
    await indexed("community-donate-status");
    await expect.poll(() => byId("community-treasury-mrk").textContent(), { timeout: 60_000 }).toBe("3,000 MRK");
    expect(lower(await byId("community-donation").first().getAttribute("data-donor"))).toBe(lower(A));
  });

  it("A proposes buying the listed unit, reading the calls in words first", { timeout: 240_000 }, async () => {
    await byId("community-build-template").selectOption("buy");
    await byId("community-build-unit").fill(UNIT);
    await until(
      () => byId("community-build-review").click({ timeout: 5_000 }),
      async () => (await byId("community-proposal-words").count()) > 0,
      90_000,
    );
    const words = (await byId("community-proposal-words").textContent()) ?? "";
    expect(words).toContain("approve the exchange to take up to 2,400 MRK from the treasury");
    expect(words).toContain(`buy unit ${UNIT} on the exchange from`);
    expect(words).toContain("for 2,400 MRK (posted listing");
    await byId("community-build-description").fill(`Buy ${UNIT} for the community\n\nOur first shop.`);
    await byId("community-propose").click();
    await indexed("community-propose-status");
    await proposal().waitFor({ timeout: 60_000 });
    await expect.poll(proposalState, { timeout: 60_000 }).toBe("Pending");
  });

  it("A and B vote For with reasons once voting opens", { timeout: 300_000 }, async () => {
    await travel(120);
    await expect.poll(proposalState, { timeout: 60_000 }).toBe("Active");
    const withReason = (reason: string) => () =>
      until(
        () => proposal().getByTestId("community-vote-reason").fill(reason, { timeout: 5_000 }),
        async () =>
          (await proposal()
            .getByTestId("community-vote-reason")
            .inputValue({ timeout: 2_000 })
            .catch(() => "")) === reason,
      );
    await actOnProposal("community-vote-for", withReason("A shop for our events"));

    await useAccount(1, B);
    await actOnProposal("community-vote-for", withReason("Agreed"));
    await expect
      .poll(() => proposal().getByTestId("community-proposal-for").textContent(), { timeout: 60_000 })
      .toBe("2");
  });

  it("B queues it after the vote, A executes it after the timelock", { timeout: 300_000 }, async () => {
    await travel(3_700);
    await expect.poll(proposalState, { timeout: 60_000 }).toBe("Succeeded");
    await actOnProposal("community-queue");
    await expect.poll(proposalState, { timeout: 60_000 }).toBe("Queued");

    await travel(700);
    await useAccount(0, A);
    await actOnProposal("community-execute");
    await expect.poll(proposalState, { timeout: 60_000 }).toBe("Executed");
    await expect
      .poll(() => page.locator(`[data-testid="community-unit"][data-unit-id="${UNIT_ID}"]`).count(), {
        timeout: 60_000,
      })
      .toBe(1);
    await expect.poll(() => byId("community-treasury-mrk").textContent(), { timeout: 60_000 }).toBe("600 MRK");
  });

  it("the unit's page names the community's treasury as its owner", { timeout: 120_000 }, async () => {
    await page.goto(`${stack.urls.app}/units/${UNIT}`);
    await expect
      .poll(async () => lower(await byId("unit-owner").getAttribute("data-address")), { timeout: 60_000 })
      .toBe(lower(treasury));
    await expect.poll(() => byId("unit-owner-community").textContent(), { timeout: 60_000 }).toContain(NAME);
  });

  it("the subgraph holds the community, its members, the donation, the votes and the unit", async () => {
    const id = treasury.toLowerCase();
    const data = await graphql<{
      community: {
        name: string;
        memberCount: number;
        mrkDonated: string;
        proposalCount: number;
        members: { account: string; isMember: boolean; votes: string }[];
        donations: { donor: string; amount: string }[];
        proposals: {
          lastEventState: string;
          forVotes: string;
          stateChanges: { state: string }[];
          votes: { voter: string; support: number; reason: string }[];
        }[];
      } | null;
      unit: { owner: string } | null;
    }>(
      `
        query ($id: ID!, $unit: ID!) {
          community(id: $id) {
            name
            memberCount
            mrkDonated
            proposalCount
            members(where: { isMember: true }) {
              account
              isMember
              votes
            }
            donations {
              donor
              amount
            }
            proposals {
              lastEventState
              forVotes
              stateChanges(orderBy: blockNumber) {
                state
              }
              votes(orderBy: voter) {
                voter
                support
                reason
              }
            }
          }
          unit(id: $unit) {
            owner
          }
        }
      `,
      { id, unit: UNIT_ID },
    );
    const community = data.community!;
    expect(community.name).toBe(NAME);
    expect(community.memberCount).toBe(2);
    expect(community.members.map((m) => m.account).sort()).toEqual([lower(A), lower(B)].sort());
    expect(community.members.every((m) => m.votes === "1")).toBe(true);
    expect(community.mrkDonated).toBe(parseEther("3000").toString());
    expect(community.donations).toEqual([{ donor: lower(A), amount: parseEther("3000").toString() }]);
    expect(community.proposalCount).toBe(1);
    const [executed] = community.proposals;
    expect(executed!.lastEventState).toBe("EXECUTED");
    expect(executed!.forVotes).toBe("2");
    expect(executed!.stateChanges.map((s) => s.state)).toEqual(["PENDING", "QUEUED", "EXECUTED"]);
    expect(executed!.votes.map((v) => [v.voter, v.support, v.reason]).sort()).toEqual(
      [
        [lower(A), 1, "A shop for our events"],
        [lower(B), 1, "Agreed"],
      ].sort(),
    );
    expect(data.unit!.owner).toBe(id);
  });

  it("the directory lists the community with its members and treasury", async () => {
    await page.goto(`${stack.urls.app}/communities`);
    const row = page.locator(`[data-testid="community-row"][data-treasury="${treasury}"]`);
    await row.waitFor({ timeout: 60_000 });
    expect(await row.getByTestId("community-row-members").textContent()).toBe("2");
    expect(await row.getByTestId("community-row-treasury").textContent()).toBe("600 MRK");
    expect(pageErrors).toEqual([]);
  });
});
