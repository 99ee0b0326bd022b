/**
 * What real subgraphs use, through the compatibility fixture (test-fixtures/compat over
 * contracts/test/compat/CompatProbe): every ABI shape in events and calls, ethereum.encode and
 * decode, topic filters, receipts, block handlers (every block, polling, once), templates
 * created with context — across a restart and a reorg that removes the creating block —,
 * store.loadRelated, generated ids, module-level host calls, NUL stripping, and reorgs deeper
 * than any fixed window. The whole suite runs twice: on the embedded PGlite and on a real
 * PostgreSQL server (Debian's postgresql package; set MARKSPACE_REQUIRE_POSTGRES=1 to fail
 * instead of skipping when it is not installed).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeAbiParameters, keccak256, toBytes, type Address, type Hex } from "viem";
import { startSubgraphHost, type SubgraphHost } from "./index.ts";
import { postgresAvailable, startTestPostgres, type TestPostgres } from "./testing/postgresServer.ts";
import { connectLocalChain, graphql, type LocalChain } from "./testing/localChain.ts";
import { buildCompatSubgraph } from "./testing/subgraphBuilds.ts";

const backends = ["pglite", "postgres"] as const;
const havePostgres = postgresAvailable();

for (const backend of backends) {
  describe.skipIf(backend === "postgres" && !havePostgres)(`on ${backend}`, () => {
    let chain: LocalChain;
    let host: SubgraphHost;
    let buildDir: string;
    let dataDir: string;
    let postgres: TestPostgres | undefined;
    let probe: Awaited<ReturnType<typeof deployProbe>>;
    let startBlock: number;

    async function send(promise: Promise<Hex>): Promise<number> {
      const receipt = await chain.waitForReceipt(await promise);
      expect(receipt.status).toBe("success");
      return Number(receipt.blockNumber);
    }

    /** Moves the clock on, so the blocks of a new branch differ from the old branch's (other timestamps, other hashes). */
    async function forkTime(): Promise<void> {
      await chain.connection.provider.request({ method: "evm_increaseTime", params: [3600] });
    }

    async function query<T>(text: string): Promise<T> {
      const { data, errors } = await graphql<T>(host.url, text);
      expect(errors).toBeUndefined();
      return data!;
    }

    async function startHost(): Promise<SubgraphHost> {
      return startSubgraphHost({
        transport: chain.transport,
        buildDir,
        name: "compat",
        ...(postgres ? { databaseUrl: postgres.url } : { dataDir }),
        port: 0,
        pollIntervalMs: 20,
        log: () => {},
      });
    }

    function deployProbe() {
      return chain.viem.deployContract("CompatProbe");
    }

    beforeAll(async () => {
      chain = await connectLocalChain();
      probe = await deployProbe();
      const deployed = probe;
      startBlock = await chain.blockNumber();
      buildDir = await buildCompatSubgraph({ address: deployed.address, startBlock });
      dataDir = await mkdtemp(join(tmpdir(), "markspace-compat-"));
      if (backend === "postgres") postgres = await startTestPostgres();
      host = await startHost();
    });

    afterAll(async () => {
      await host?.stop();
      await chain?.close();
      await postgres?.stop();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    });

    describe("event parameters and calls", () => {
      it("decodes tuples, fixed and dynamic arrays, short bytesN and narrow signed integers", async () => {
        const block = await send(probe.write.emitEverything([200, -12345n, "héllo", -7]));
        await host.waitForBlock(block, 20_000);
        const { everythings } = await query<{ everythings: Array<Record<string, unknown>> }>(`{
        everythings {
          small signedValue selector word addrs fixedArr itemId itemLabel itemData text blob flag tiny
          roundTripLabel encodedItem echoedLabel echoedWord sum revertedCallIsNull moduleConstant moduleAddress
        }
      }`);
        expect(everythings).toEqual([
          {
            small: 200,
            signedValue: "-12345",
            selector: "0xdeadbeef",
            word: keccak256(toBytes("héllo")),
            addrs: [chain.accounts[0]!.toLowerCase(), probe.address.toLowerCase()],
            fixedArr: ["1", "2", "3"],
            itemId: "7",
            itemLabel: "héllo",
            itemData: "0xc0ffee",
            text: "héllo",
            blob: "0x0102",
            flag: true,
            tiny: -7,
            roundTripLabel: "héllo",
            encodedItem: encodeAbiParameters(
              [{ type: "tuple", components: [{ type: "uint256" }, { type: "string" }, { type: "bytes" }] }],
              [[7n, "héllo", "0xc0ffee"]],
            ),
            echoedLabel: "héllo",
            echoedWord: `0xdeadbeef${"00".repeat(28)}`,
            sum: "302",
            revertedCallIsNull: true,
            moduleConstant: "12.5",
            moduleAddress: "0x0000000000000000000000000000000000000abc",
          },
        ]);
      });

      it("hands indexed string, bytes and array parameters over as their topic hashes", async () => {
        const block = await send(probe.write.emitIndexedDynamic(["label", "0x0102", [1n, 2n, 3n]]));
        await host.waitForBlock(block, 20_000);
        const { indexedDynamics } = await query<{ indexedDynamics: Array<Record<string, string>> }>(
          `{ indexedDynamics { labelHash blobHash listHash plain } }`,
        );
        expect(indexedDynamics).toEqual([
          {
            labelHash: keccak256(toBytes("label")),
            blobHash: keccak256("0x0102"),
            listHash: keccak256(encodeAbiParameters([{ type: "uint256[3]" }], [[1n, 2n, 3n]])),
            plain: "3",
          },
        ]);
      });

      it("runs a handler only for logs that pass its topic filter", async () => {
        const block = await send(probe.write.emitTagged([[1n, 2n, 3n, 4n], 9n]));
        await host.waitForBlock(block, 20_000);
        const { taggedSeens } = await query<{ taggedSeens: Array<{ tag: string }> }>(
          `{ taggedSeens(orderBy: tag) { tag value } }`,
        );
        expect(taggedSeens).toEqual([
          { tag: "1", value: "9" },
          { tag: "3", value: "9" },
        ]);
      });
    });

    describe("strings and generated ids", () => {
      it("strips NUL characters from strings and generates graph-node's auto ids", async () => {
        const block = await send(probe.write.emitText(["a\0b\0c"]));
        await host.waitForBlock(block, 20_000);
        const data = await query<{
          textSeen: { text: string; length: number };
          autoRows: Array<{ id: string; block: string }>;
          autoKeys: Array<{ id: string }>;
        }>(`{
        textSeen(id: "latest") { text length }
        autoRows(orderBy: id) { id block }
        autoKeys(orderBy: id) { id }
      }`);
        // The mapping saw the NULs (length 5); the store kept the string without them.
        expect(data.textSeen).toEqual({ text: "abc", length: 5 });
        // The block number in the high 32 bits, then one sequence per block shared by every type
        // (the mapping alternates AutoRow and AutoKey).
        const base = BigInt(block) << 32n;
        expect(data.autoRows).toEqual([
          { id: base.toString(), block: String(block) },
          { id: (base + 2n).toString(), block: String(block) },
        ]);
        expect(data.autoKeys.map((r) => r.id)).toEqual([
          `0x${(base + 1n).toString(16).padStart(16, "0")}`,
          `0x${(base + 3n).toString(16).padStart(16, "0")}`,
        ]);
      });
    });

    describe("templates, receipts and loadRelated", () => {
      let child: Address;
      let createdBlock: number;

      it("creates a data source from the factory event, with its receipt and context", async () => {
        createdBlock = await send(probe.write.createChild(["kid"]));
        await host.waitForBlock(createdBlock, 20_000);
        const { children, creations } = await query<{
          children: Array<Record<string, unknown>>;
          creations: Array<Record<string, unknown>>;
        }>(`{
        children: childs { id name createdAtBlock contextLabel firstBlockSeen pingCount }
        creations { child receiptLogs receiptStatus }
      }`);
        child = children[0]!.id as Address;
        expect(children).toEqual([
          {
            id: child,
            name: "kid",
            createdAtBlock: String(createdBlock),
            contextLabel: "",
            // The template's `once` handler ran in the creating block.
            firstBlockSeen: String(createdBlock),
            pingCount: 0,
          },
        ]);
        expect(creations).toEqual([{ child, receiptLogs: 1, receiptStatus: "1" }]);
      });

      it("indexes the created contract's events, reads its context and loads related entities", async () => {
        const kid = await chain.viem.getContractAt("CompatChild", child);
        await send(kid.write.ping([1n]));
        const block = await send(kid.write.ping([2n]));
        await host.waitForBlock(block, 20_000);
        const { child: row } = await query<{
          child: { contextLabel: string; pingCount: number; pings: Array<{ n: string; relatedCount: number }> };
        }>(`{ child(id: "${child}") { contextLabel pingCount pings(orderBy: n) { n relatedCount } } }`);
        expect(row).toEqual({
          contextLabel: "child:kid",
          pingCount: 2,
          pings: [
            { n: "1", relatedCount: 0 },
            { n: "2", relatedCount: 1 },
          ],
        });
      });

      it("keeps created data sources across a restart", async () => {
        await host.stop();
        host = await startHost();
        const kid = await chain.viem.getContractAt("CompatChild", child);
        const block = await send(kid.write.ping([3n]));
        await host.waitForBlock(block, 20_000);
        const { child: row } = await query<{ child: { pingCount: number } }>(`{ child(id: "${child}") { pingCount } }`);
        expect(row.pingCount).toBe(3);
      });

      it("forgets a data source when a reorg removes the block that created it", async () => {
        const beforeCreation = await chain.snapshot();
        const created = await send(probe.write.createChild(["doomed"]));
        await host.waitForBlock(created, 20_000);
        const doomed = (
          await query<{ children: Array<{ id: Address }> }>(`{ children: childs(where: { name: "doomed" }) { id } }`)
        ).children[0]!.id;
        await chain.revert(beforeCreation);
        await forkTime();
        await chain.mine(3);
        // On the new branch the factory's next child lands at the same address (same CREATE nonce).
        const reborn = await send(probe.write.createChild(["reborn"]));
        const kid = await chain.viem.getContractAt("CompatChild", doomed);
        const pinged = await send(kid.write.ping([1n]));
        await host.waitForBlock(pinged, 20_000);
        const { children } = await query<{ children: Array<{ id: Address; name: string; pingCount: number }> }>(
          `{ children: childs(orderBy: name) { id name pingCount } }`,
        );
        expect(reborn).toBeGreaterThan(created);
        // "doomed" is gone with its block; "reborn" got exactly one data source: one ping, one count.
        expect(children).toEqual([
          { id: child, name: "kid", pingCount: 3 },
          { id: doomed, name: "reborn", pingCount: 1 },
        ]);
        expect(host.status().reverts).toBeGreaterThanOrEqual(1);
      });
    });

    describe("block handlers", () => {
      it("runs every-block, polling and once handlers on the blocks they name", async () => {
        const head = await chain.blockNumber();
        await host.waitForBlock(head, 20_000);
        const { blockSeens } = await query<{ blockSeens: Array<{ kind: string; number: string }> }>(
          `{ blockSeens(first: 1000, orderBy: number) { kind number } }`,
        );
        const numbers = (kind: string) => blockSeens.filter((b) => b.kind === kind).map((b) => Number(b.number));
        const every = numbers("every");
        expect(every).toEqual(Array.from({ length: head - startBlock + 1 }, (_, i) => startBlock + i));
        expect(numbers("polling")).toEqual(every.filter((n) => (n - startBlock) % 3 === 0));
        expect(numbers("once")).toEqual([startBlock]);
      });
    });

    describe("deep reorgs", () => {
      it("finds the common ancestor of a reorg deeper than 64 stored blocks", async () => {
        const fork = await chain.snapshot();
        const forkBlock = await chain.blockNumber();
        await chain.mine(150);
        await send(probe.write.emitText(["on the old branch"]));
        await host.waitForBlock(await chain.blockNumber(), 60_000);
        expect((await query<{ textSeen: { text: string } }>(`{ textSeen(id: "latest") { text } }`)).textSeen.text).toBe(
          "on the old branch",
        );
        await chain.revert(fork);
        await forkTime();
        await chain.mine(160);
        const block = await send(probe.write.emitText(["on the new branch"]));
        await host.waitForBlock(block, 60_000);
        const data = await query<{ textSeen: { text: string }; blockSeens: Array<{ number: string }> }>(`{
        textSeen(id: "latest") { text }
        blockSeens(first: 1000, where: { kind: "every", number_gt: "${forkBlock}" }, orderBy: number) { number }
      }`);
        expect(data.textSeen.text).toBe("on the new branch");
        // Every block of the new branch was handled once; none of the old branch's survived.
        expect(data.blockSeens.map((b) => Number(b.number))).toEqual(
          Array.from({ length: block - forkBlock }, (_, i) => forkBlock + 1 + i),
        );
      });
    });
  });
}
