/**
 * End to end on a real in-process chain: transactions → events → the real mappings → entities →
 * GraphQL answers, time travel, reverts (evm_revert and hardhat_reset) and the HTTP surface.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeUnitId } from "@markspace/contracts/unit-address";
import { startSubgraphHost, SubgraphHostError, type SubgraphHost } from "./index.ts";
import { connectLocalChain, graphql, type LocalChain } from "./testing/localChain.ts";
import { buildMarkspaceSubgraph } from "./testing/subgraphBuilds.ts";

let chain: LocalChain;
let host: SubgraphHost;
let buildDir: string;
let deployed: Awaited<ReturnType<LocalChain["deploy"]>>;
let dataDir: string;

const unitA = encodeUnitId({ district: 1, neighbourhood: 42, building: 7, floor: 12, unit: 3 });
const unitB = encodeUnitId({ district: 1, neighbourhood: 1, building: 0, floor: 0, unit: 0 });
const unitC = encodeUnitId({ district: 1, neighbourhood: 5, building: 1, floor: 2, unit: 9 });
const unitD = encodeUnitId({ district: 1, neighbourhood: 6, building: 3, floor: 4, unit: 5 });
const unitE = encodeUnitId({ district: 1, neighbourhood: 7, building: 3, floor: 4, unit: 6 });
const unitF = encodeUnitId({ district: 1, neighbourhood: 9, building: 3, floor: 1, unit: 2 });

/** A sha2-256 digest and the raw codec: the scene CID `FIRST_CID`. */
const FIRST_DIGEST = "0x2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae" as const;
const RAW_CODEC = 0x55n;
const FIRST_CID = "bafkreibme22gw2h7y2h7tg2fhqotaqjucnbc24deqo72b6mkl2egezxhvy";

async function send(promise: Promise<`0x${string}`>): Promise<number> {
  const receipt = await chain.waitForReceipt(await promise);
  expect(receipt.status).toBe("success");
  return Number(receipt.blockNumber);
}

type UnitRow = { id: string; owner: string; contentCid: string | null };

beforeAll(async () => {
  chain = await connectLocalChain();
  deployed = await chain.deploy();
  ({ buildDir } = await buildMarkspaceSubgraph({
    network: "hardhat",
    MarkToken: { address: deployed.markToken.address, startBlock: deployed.firstBlock },
    MarkParameters: { address: deployed.markParameters.address, startBlock: deployed.firstBlock },
    UnitRegistry: { address: deployed.registry.address, startBlock: deployed.startBlock },
  }));
  dataDir = await mkdtemp(join(tmpdir(), "markspace-subgraph-host-"));
  host = await startSubgraphHost({
    transport: chain.transport,
    buildDir,
    name: "markspace",
    dataDir,
    port: 0,
    pollIntervalMs: 20,
    log: () => {},
  });
});

afterAll(async () => {
  await host?.stop();
  await chain?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe("indexing the real mappings", () => {
  let claimBlock: number;
  let contentBlock: number;

  it("turns a claim, a content change and a transfer into entities served over GraphQL", async () => {
    const [alice, bob] = chain.accounts;
    claimBlock = await send(deployed.registry.write.claim([unitA]));
    contentBlock = await send(deployed.registry.write.setContent([unitA, FIRST_DIGEST, RAW_CODEC]));
    await send((await deployed.registryAs(1)).write.claim([unitB]));
    const transferBlock = await send(deployed.registry.write.transferFrom([alice!, bob!, unitA]));
    await host.waitForBlock(transferBlock, 20_000);

    const { data, errors } = await graphql<{
      unit: Record<string, unknown>;
      accounts: Array<{ id: string; unitCount: number; hasClaimedFree: boolean; units: Array<{ id: string }> }>;
    }>(
      host.url,
      `
        query ($id: ID!) {
          unit(id: $id) {
            id
            tokenId
            district
            neighbourhood
            building
            floor
            unit
            owner
            contentCid
            claimedAtBlock
            updatedAtBlock
            account {
              id
            }
            claims {
              owner
              blockNumber
            }
            transfers(orderBy: blockNumber) {
              from
              to
            }
            contentChanges {
              cid
              editor
            }
          }
          accounts(orderBy: id) {
            id
            unitCount
            hasClaimedFree
            units(orderBy: id) {
              id
            }
          }
        }
      `,
      { id: unitA.toString() },
    );
    expect(errors).toBeUndefined();
    expect(data!.unit).toEqual({
      id: unitA.toString(),
      tokenId: unitA.toString(),
      district: 1,
      neighbourhood: 42,
      building: 7,
      floor: 12,
      unit: 3,
      owner: bob!.toLowerCase(),
      contentCid: FIRST_CID,
      claimedAtBlock: String(claimBlock),
      updatedAtBlock: String(transferBlock),
      account: { id: bob!.toLowerCase() },
      claims: [{ owner: alice!.toLowerCase(), blockNumber: String(claimBlock) }],
      transfers: [
        { from: "0x0000000000000000000000000000000000000000", to: alice!.toLowerCase() },
        { from: alice!.toLowerCase(), to: bob!.toLowerCase() },
      ],
      contentChanges: [{ cid: FIRST_CID, editor: alice!.toLowerCase() }],
    });
    const byId = new Map(data!.accounts.map((a) => [a.id, a]));
    expect(byId.get(alice!.toLowerCase())).toMatchObject({ unitCount: 0, hasClaimedFree: true, units: [] });
    expect(byId.get(bob!.toLowerCase())).toMatchObject({ unitCount: 2, hasClaimedFree: true });
    expect(
      byId
        .get(bob!.toLowerCase())!
        .units.map((u) => u.id)
        .sort(),
    ).toEqual([unitA, unitB].map(String).sort());
  });

  it("indexes MRK balances from the MarkToken data source", async () => {
    const [alice, bob] = chain.accounts;
    const block = await send(deployed.markToken.write.transfer([bob!, 5n * 10n ** 18n]));
    await host.waitForBlock(block, 20_000);
    const { data } = await graphql<{ accounts: Array<{ id: string; mrkBalance: string }> }>(
      host.url,
      `
        {
          accounts(where: { mrkBalance_gt: "0" }, orderBy: mrkBalance, orderDirection: desc) {
            id
            mrkBalance
          }
        }
      `,
    );
    expect(data!.accounts).toEqual([
      { id: alice!.toLowerCase(), mrkBalance: (3_000_000_000n * 10n ** 18n - 5n * 10n ** 18n).toString() },
      { id: bob!.toLowerCase(), mrkBalance: (5n * 10n ** 18n).toString() },
    ]);
  });

  it("answers queries as of an earlier block", async () => {
    const { data } = await graphql<{
      before: UnitRow | null;
      atClaim: UnitRow;
      atContent: unknown;
      now: UnitRow;
      meta: unknown;
    }>(
      host.url,
      `
        query ($id: ID!, $before: Int!, $claim: Int!, $content: Int!) {
          before: unit(id: $id, block: { number: $before }) {
            id
            owner
            contentCid
          }
          atClaim: unit(id: $id, block: { number: $claim }) {
            id
            owner
            contentCid
          }
          atContent: unit(id: $id, block: { number: $content }) {
            contentCid
          }
          now: unit(id: $id) {
            id
            owner
            contentCid
          }
          meta: _meta(block: { number: $claim }) {
            block {
              number
            }
          }
        }
      `,
      { id: unitA.toString(), before: claimBlock - 1, claim: claimBlock, content: contentBlock },
    );
    expect(data!.before).toBeNull();
    expect(data!.atClaim).toEqual({ id: unitA.toString(), owner: chain.accounts[0]!.toLowerCase(), contentCid: null });
    expect(data!.atContent).toEqual({ contentCid: FIRST_CID });
    expect(data!.now.contentCid).toBe(FIRST_CID);
    expect(data!.meta).toEqual({ block: { number: claimBlock } });

    const ahead = await graphql(
      host.url,
      `
        {
          units(block: { number: 999999 }) {
            id
          }
        }
      `,
    );
    expect(ahead.errors?.[0]?.message).toMatch(
      /has only indexed up to block number \d+ and data for block number 999999/,
    );
  });

  it("indexes a string with NUL characters (stripped, as graph-node does) and keeps indexing", async () => {
    await send((await deployed.registryAs(3)).write.claim([unitD]));
    // The contract accepts any string as a parameter's name; Postgres cannot store NUL. Such a
    // transaction used to halt indexing for everyone.
    const nulBlock = await send(deployed.markParameters.write.defineParameter(["bafy\0with\0nul", 0n, 10n, 5n]));
    const laterBlock = await send((await deployed.registryAs(4)).write.claim([unitE]));
    await host.waitForBlock(laterBlock, 20_000);
    const { data, errors } = await graphql<{
      parameters: Array<{ name: string }>;
      later: { owner: string } | null;
      _meta: { hasIndexingErrors: boolean; block: { number: number } };
    }>(
      host.url,
      `
        query ($e: ID!) {
          parameters(where: { name_starts_with: "bafy" }) {
            name
          }
          later: unit(id: $e) {
            owner
          }
          _meta {
            hasIndexingErrors
            block {
              number
            }
          }
        }
      `,
      { e: unitE.toString() },
    );
    expect(errors).toBeUndefined();
    expect(data!.parameters).toEqual([{ name: "bafywithnul" }]);
    expect(data!.later).toEqual({ owner: chain.accounts[4]!.toLowerCase() });
    expect(data!._meta.hasIndexingErrors).toBe(false);
    expect(nulBlock).toBeLessThan(laterBlock);
  });

  it("serves GET ?query=, CORS headers, graph-node error shapes and introspection", async () => {
    const get = await fetch(`${host.url}?query=${encodeURIComponent("{ units(first: 1) { id } }")}`);
    expect(get.status).toBe(200);
    expect(get.headers.get("access-control-allow-origin")).toBe("*");
    expect(((await get.json()) as { data: { units: unknown[] } }).data.units).toHaveLength(1);

    const preflight = await fetch(host.url, { method: "OPTIONS" });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-methods")).toContain("POST");

    const invalid = await graphql(
      host.url,
      `
        {
          units {
            nope
          }
        }
      `,
    );
    expect(invalid.errors?.[0]?.message).toMatch(/^Cannot query field "nope" on type "Unit"\./);
    const tooMany = await graphql(
      host.url,
      `
        {
          units(first: 1001) {
            id
          }
        }
      `,
    );
    expect(tooMany.errors?.[0]?.message).toBe("The `first` argument must be between 0 and 1000, but is 1001");

    const introspection = await graphql<{ __schema: { queryType: { fields: Array<{ name: string }> } } }>(
      host.url,
      `
        {
          __schema {
            queryType {
              fields {
                name
              }
            }
          }
        }
      `,
    );
    expect(introspection.data!.__schema.queryType.fields.map((f) => f.name)).toEqual(
      expect.arrayContaining(["unit", "units", "account", "accounts", "unitClaims", "unitTransfers", "_meta"]),
    );
    const missing = await fetch(host.url.replace("/markspace", "/other"), { method: "POST", body: "{}" });
    expect(missing.status).toBe(404);
  });

  it("refuses an exponential query of nested fragments at once, while indexing goes on", async () => {
    // Each level doubles the response through two aliases of the same relation: 2^24 paths.
    const levels = 24;
    const fragments = Array.from({ length: levels }, (_, n) =>
      n === levels - 1
        ? `fragment F${n} on Unit { id }`
        : `fragment F${n} on Unit { a: account { units(first: 1) { ...F${n + 1} } } b: account { units(first: 1) { ...F${n + 1} } } }`,
    ).join("\n");
    const frank = await deployed.registryAs(5);
    const [claimed, refused] = await Promise.all([
      send(frank.write.claim([unitF])),
      graphql(
        host.url,
        `
          {
            units {
              ...F0
            }
          }
          ${fragments}
        `,
      ),
    ]);
    expect(refused.errors?.[0]?.message).toMatch(/^query potentially returns `\d+` entities or more/);
    await host.waitForBlock(claimed, 20_000);
    const { data } = await graphql<{ unit: { account: { id: string } } }>(
      host.url,
      `{ unit(id: "${unitF}") { account { id } } }`,
    );
    expect(data!.unit.account.id).toBe(chain.accounts[5]!.toLowerCase());
  });

  it("refuses to start on a port that is taken", async () => {
    const port = Number(new URL(host.url).port);
    const attempt = startSubgraphHost({ transport: chain.transport, buildDir, name: "other", port, log: () => {} });
    await expect(attempt).rejects.toThrow(SubgraphHostError);
    await expect(attempt).rejects.toMatchObject({ code: "PORT_IN_USE" });
  });
});

describe("reverts", () => {
  it("drops entities of blocks removed by evm_revert and indexes the new branch", async () => {
    const snapshot = await chain.snapshot();
    const pointerBefore = host.status().block!.number;
    const carol = await deployed.registryAs(2);
    const claimed = await send(carol.write.claim([unitC]));
    await host.waitForBlock(claimed, 20_000);
    expect((await graphql<{ unit: unknown }>(host.url, `{ unit(id: "${unitC}") { id } }`)).data!.unit).not.toBeNull();

    await chain.revert(snapshot);
    // Mine past the old pointer so only the changed hash (not a lower head) reveals the reorg.
    await chain.mine(3);
    const head = await chain.blockNumber();
    await host.waitForBlock(head, 20_000);
    expect(host.status().reverts).toBeGreaterThanOrEqual(1);
    const after = await graphql<{ unit: unknown; _meta: { block: { number: number } } }>(
      host.url,
      `{ unit(id: "${unitC}") { id } _meta { block { number } } }`,
    );
    expect(after.data!.unit).toBeNull();
    expect(after.data!._meta.block.number).toBe(head);
    expect(head).toBeGreaterThan(pointerBefore);

    const again = await send(carol.write.claim([unitC]));
    await host.waitForBlock(again, 20_000);
    const { data } = await graphql<{ unit: { claimedAtBlock: string } }>(
      host.url,
      `{ unit(id: "${unitC}") { claimedAtBlock } }`,
    );
    expect(data!.unit.claimedAtBlock).toBe(String(again));
  });

  it("starts over when the chain is reset to genesis and indexes the redeployed contracts", async () => {
    const revertsBefore = host.status().reverts;
    await chain.resetToGenesis();
    // The old pointer is above the new blocks: wait until the host has seen the reset.
    await expect.poll(() => host.status().reverts, { timeout: 20_000 }).toBeGreaterThan(revertsBefore);
    const redeployed = await chain.deploy();
    expect(redeployed.registry.address).toBe(deployed.registry.address);
    const block = await send(redeployed.registry.write.claim([unitB]));
    await host.waitForBlock(block, 20_000);
    const { data } = await graphql<{ units: UnitRow[]; _meta: { block: { number: number } } }>(
      host.url,
      `
        {
          units {
            id
            owner
            contentCid
          }
          _meta {
            block {
              number
            }
          }
        }
      `,
    );
    expect(data!.units).toEqual([{ id: unitB.toString(), owner: chain.accounts[0]!.toLowerCase(), contentCid: null }]);
    expect(data!._meta.block.number).toBe(block);
  });

  it("keeps its index in the data dir across restarts", async () => {
    const before = host.status().block!;
    await host.stop();
    host = await startSubgraphHost({
      transport: chain.transport,
      buildDir,
      name: "markspace",
      dataDir,
      port: 0,
      pollIntervalMs: 20,
      log: () => {},
    });
    expect(host.status().block).toEqual(before);
    const { data } = await graphql<{ units: UnitRow[] }>(
      host.url,
      `
        {
          units {
            id
          }
        }
      `,
    );
    expect(data!.units.map((u) => u.id)).toEqual([unitB.toString()]);
  });
});
