/**
 * Host functions and failure handling, through the probe fixture subgraph
 * (test-fixtures/probe): chain reads via JSPI, crypto, BigDecimal, JSON, list fields,
 * store.get_in_block and store.remove; and handler failures (abort, undefined field, missing
 * required field) that must stop indexing at their block with the block's writes rolled back.
 */
import type { ContractReturnType } from "@nomicfoundation/hardhat-viem/types";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { custom, keccak256, toBytes } from "viem";
import { encodeUnitId } from "@markspace/contracts/unit-address";
import { startSubgraphHost, type SubgraphHost } from "./index.ts";
import { connectLocalChain, graphql, type LocalChain } from "./testing/localChain.ts";
import { buildProbeSubgraph } from "./testing/subgraphBuilds.ts";

let chain: LocalChain;
let host: SubgraphHost;
let emitter: ContractReturnType<"NoteEmitter">;
let buildDir: string;
const lines: string[] = [];
const unit = encodeUnitId({ district: 1, neighbourhood: 3, building: 2, floor: 1, unit: 0 });

async function setContent(cid: string): Promise<number> {
  const receipt = await chain.waitForReceipt(await emitter.write.setContent([unit, cid]));
  return Number(receipt.blockNumber);
}

type Meta = { _meta: { block: { number: number }; hasIndexingErrors: boolean } };

beforeAll(async () => {
  chain = await connectLocalChain();
  emitter = await chain.viem.deployContract("NoteEmitter");
  buildDir = await buildProbeSubgraph(emitter.address, (await chain.blockNumber()) - 1);
  host = await startSubgraphHost({
    transport: chain.transport,
    buildDir,
    name: "probe",
    port: 0,
    pollIntervalMs: 20,
    log: (line) => lines.push(line),
  });
});

afterAll(async () => {
  await host?.stop();
  await chain?.close();
});

describe("host functions", () => {
  it("serves chain reads, crypto, BigDecimal, JSON and list values to the mapping", async () => {
    const block = await setContent("bafy-probe");
    await host.waitForBlock(block, 20_000);
    const { data, errors } = await graphql<{ notes: Array<Record<string, unknown>>; counter: Record<string, unknown> }>(
      host.url,
      `
        {
          notes {
            cid
            unitId
            onChainCid
            editorBalance
            registryHasCode
            keccak
            ratio
            jsonAnswer
            tags
            triggersSeenByInstance
          }
          counter(id: "bafy-probe") {
            count
            notes {
              cid
            }
          }
        }
      `,
    );
    expect(errors).toBeUndefined();
    const balance = await chain.publicClient.getBalance({ address: chain.accounts[0]!, blockNumber: BigInt(block) });
    expect(data!.notes).toEqual([
      {
        cid: "bafy-probe",
        unitId: unit.toString(),
        onChainCid: "bafy-probe",
        editorBalance: balance.toString(),
        registryHasCode: true,
        keccak: keccak256(toBytes("bafy-probe")),
        ratio: "2.5",
        jsonAnswer: "123456789012345678901234567890",
        tags: ["a", "bafy-probe"],
        triggersSeenByInstance: 1,
      },
    ]);
    expect(data!.counter).toEqual({ count: 1, notes: [{ cid: "bafy-probe" }] });
  });

  it("starts every trigger from a fresh instance state", async () => {
    await setContent("fresh-1");
    const block = await setContent("fresh-2");
    await host.waitForBlock(block, 20_000);
    const { data } = await graphql<{ notes: Array<{ triggersSeenByInstance: number }> }>(
      host.url,
      `
        {
          notes {
            triggersSeenByInstance
          }
        }
      `,
    );
    expect(data!.notes.length).toBeGreaterThanOrEqual(3);
    expect(new Set(data!.notes.map((n) => n.triggersSeenByInstance))).toEqual(new Set([1]));
  });

  it("updates and removes mutable entities", async () => {
    await setContent("kept");
    const block = await setContent("kept");
    await host.waitForBlock(block, 20_000);
    let result = await graphql<{ counter: { count: number } | null }>(
      host.url,
      `
        {
          counter(id: "kept") {
            count
          }
        }
      `,
    );
    expect(result.data!.counter).toEqual({ count: 2 });
    const removed = await setContent("remove");
    await host.waitForBlock(removed, 20_000);
    result = await graphql(
      host.url,
      `
        {
          counter(id: "kept") {
            count
          }
        }
      `,
    );
    expect(result.data!.counter).toBeNull();
    const history = await graphql<{ counter: { count: number } | null }>(
      host.url,
      `{ counter(id: "kept", block: { number: ${removed - 1} }) { count } }`,
    );
    expect(history.data!.counter).toEqual({ count: 2 });
  });
});

describe("handler failures", () => {
  async function expectFailureAt(cid: string, message: RegExp): Promise<void> {
    const snapshot = await chain.snapshot();
    const good = await setContent(`before-${cid}`);
    const bad = await setContent(cid);
    await expect(host.waitForBlock(bad, 20_000)).rejects.toThrow(/Indexing stopped at block/);
    const { data } = await graphql<Meta & { counter: unknown }>(
      host.url,
      `{ _meta { block { number } hasIndexingErrors } counter(id: "before-${cid}") { count } }`,
    );
    // Everything before the failing block is committed, nothing of the failing block is.
    expect(data!._meta).toEqual({ block: { number: bad - 1 }, hasIndexingErrors: true });
    expect(good).toBe(bad - 1);
    expect(data!.counter).toEqual({ count: 1 });
    expect(host.status().error).toMatchObject({ block: bad });
    expect(host.status().error!.message).toMatch(message);
    expect(lines.some((line) => line.includes(`indexing error at block ${bad}`))).toBe(true);
    // graph-node's index-node status API says the same.
    const status = await graphql<{
      indexingStatusForCurrentVersion: {
        health: string;
        fatalError: { message: string; handler: string; deterministic: boolean; block: { number: string } };
        chains: Array<{ latestBlock: { number: string } }>;
      };
    }>(
      `${new URL(host.url).origin}/graphql`,
      `
        {
          indexingStatusForCurrentVersion(subgraphName: "probe") {
            health
            fatalError {
              message
              handler
              deterministic
              block {
                number
              }
            }
            chains {
              latestBlock {
                number
              }
            }
          }
        }
      `,
    );
    expect(status.data!.indexingStatusForCurrentVersion).toMatchObject({
      health: "failed",
      fatalError: {
        handler: "UnitRegistry.handleUnitContentSet (UnitContentSet(indexed uint256,indexed address,string))",
        deterministic: true,
        block: { number: String(bad) },
      },
      chains: [{ latestBlock: { number: String(bad - 1) } }],
    });
    expect(status.data!.indexingStatusForCurrentVersion.fatalError.message).toMatch(message);

    // Reverting the chain below the failing block lets indexing resume.
    await chain.revert(snapshot);
    const next = await setContent(`after-${cid}`);
    await chain.mine(2);
    await expect.poll(() => host.status().error, { timeout: 20_000 }).toBeNull();
    await host.waitForBlock(next + 2, 20_000);
    const after = await graphql<Meta & { counter: unknown }>(
      host.url,
      `{ _meta { block { number } hasIndexingErrors } counter(id: "after-${cid}") { count } }`,
    );
    expect(after.data).toEqual({
      _meta: { block: { number: next + 2 }, hasIndexingErrors: false },
      counter: { count: 1 },
    });
  }

  it("stops at an aborting handler", () => expectFailureAt("abort", /the probe was told to abort/));

  it("stops when an entity sets a field the schema does not define", () =>
    expectFailureAt("undefined-field", /Attempted to set undefined fields \[colour\] for the entity type `Counter`/));

  it("stops when an entity misses a non-nullable field", () =>
    expectFailureAt("missing-field", /Entity Counter\[y\]: missing value for non-nullable field `count`/));

  it("stops when a BigInt is larger than graph-node allows", () =>
    expectFailureAt("huge-bigint", /BigInt is too big, total bits 522242 \(max 435412\)/));

  it("stops when a string is not valid UTF-16", () => expectFailureAt("lone-surrogate", /not valid UTF-16/));

  it("stops when the mapping calls ipfs.cat, deprecated in graph-node", () =>
    expectFailureAt("ipfs-cat", /`ipfs\.cat` is deprecated/));

  it("stops when a host function is misused", () =>
    expectFailureAt("bad-address", /Failed to convert string to Address\/H160: 'not an address'/));
});

describe("failures that are not the subgraph's", () => {
  it("retries a chain node that fails or answers garbage, without recording an indexing error", async () => {
    const flaky = await chain.snapshot();
    let failures = 0;
    const request = (
      chain.transport({}) as { request: (args: { method: string; params?: unknown }) => Promise<unknown> }
    ).request;
    const transport = custom(
      {
        async request(args: { method: string; params?: unknown }) {
          if (args.method === "eth_getLogs" && failures < 4) {
            failures++;
            if (failures % 2) throw new Error("502 Bad Gateway");
            return [{ address: "0xnot-an-address", topics: [] }];
          }
          return request(args);
        },
      },
      // viem would retry a thrown error itself; the host's own retry is what is tested.
      { retryCount: 0 },
    );
    const logLines: string[] = [];
    const other = await startSubgraphHost({
      transport,
      buildDir,
      name: "probe-flaky",
      port: 0,
      pollIntervalMs: 10,
      log: (line) => logLines.push(line),
    });
    try {
      const block = await setContent("through-a-flaky-node");
      await other.waitForBlock(block, 30_000);
      expect(failures).toBe(4);
      expect(other.status().error).toBeNull();
      expect(logLines.some((line) => /502 Bad Gateway.*retrying in/.test(line))).toBe(true);
      expect(logLines.some((line) => /malformed answer: log.address.*retrying in/.test(line))).toBe(true);
      const { data } = await graphql<{ counter: { count: number } }>(
        other.url,
        `
          {
            counter(id: "through-a-flaky-node") {
              count
            }
          }
        `,
      );
      expect(data!.counter).toEqual({ count: 1 });
    } finally {
      await other.stop();
      await chain.revert(flaky);
    }
  });

  it("finds the block whose entities the database refuses, keeping every block before it", async () => {
    const start = await chain.snapshot();
    const dataDir = await mkdtemp(join(tmpdir(), "markspace-probe-db-"));
    const open = () =>
      startSubgraphHost({
        transport: chain.transport,
        buildDir,
        name: "probe-db",
        dataDir,
        port: 0,
        pollIntervalMs: 10,
        log: () => {},
      });
    let other = await open();
    try {
      const first = await setContent("dup-note");
      await other.waitForBlock(first, 20_000);
      // After a restart nothing is cached: the second immutable insert reaches the database.
      await other.stop();
      const good = await setContent("before-the-duplicate");
      const bad = await setContent("dup-note");
      await chain.mine(1);
      other = await open();
      await expect(other.waitForBlock(bad, 20_000)).rejects.toThrow(/Indexing stopped at block/);
      expect(other.status().error).toMatchObject({ block: bad });
      expect(other.status().error!.message).toMatch(/the database refused the block's entities.*duplicate key/s);
      const { data } = await graphql<Meta & { counter: unknown }>(
        other.url,
        `
          {
            _meta {
              block {
                number
              }
              hasIndexingErrors
            }
            counter(id: "before-the-duplicate") {
              count
            }
          }
        `,
      );
      expect(data!._meta).toEqual({ block: { number: bad - 1 }, hasIndexingErrors: true });
      expect(good).toBe(bad - 1);
      expect(data!.counter).toEqual({ count: 1 });
    } finally {
      await other.stop();
      await rm(dataDir, { recursive: true, force: true });
      await chain.revert(start);
    }
  });
});
