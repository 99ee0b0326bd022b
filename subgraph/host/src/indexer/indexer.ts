/**
 * The block follower: polls the chain head, fetches matching logs in block ranges, runs the
 * handlers block by block and commits the results with the block pointer.
 *
 * Failures are classified as graph-node classifies them. Transient ones (the chain's node or
 * the database did not answer, a block is not available yet, a reorg is under way) are retried
 * with backoff and never recorded. Everything else that happens while a block is processed —
 * a mapping abort or trap, an entity the schema refuses, a value the database refuses, a
 * misused host function, a bug in this host — is deterministic: everything before that block
 * is committed, the error is recorded with its block and handler (`_meta.hasIndexingErrors`,
 * the status API, the log) and indexing stops there until the block leaves the chain.
 */
import type { Hex } from "viem";
import { firstLine } from "@markspace/common/errors";
import { isTransient, MappingError, SubgraphHostError, TransientError } from "../errors.ts";
import { writeBlock, writeEthereumEvent } from "../asc/ethereumEvent.ts";
import { blockData, findTransaction, logData, receiptData, transactionData } from "../chain/graphTsData.ts";
import type { Rpc, RpcBlock, RpcLog, RpcReceipt } from "../chain/rpc.ts";
import type { LoadedManifest } from "../manifest.ts";
import type { BlockPointer, Database, IndexingError, StoredDataSource } from "../store/database.ts";
import { EntityStore } from "../store/entityStore.ts";
import type { Entity } from "../store/values.ts";
import { DataSources, type ActiveDataSource } from "./dataSources.ts";
import { findCommonAncestor, reorgReason } from "./reorg.ts";
import { triggerContext } from "./triggerContext.ts";
import { blockTriggerNumbers, blockTriggers, matchLogs, type Trigger } from "./triggers.ts";

export type IndexerStatus = {
  /** Last block whose effects are committed, or null before the first range. */
  block: { number: number; hash: Hex; timestamp: string } | null;
  chainHead: number | null;
  synced: boolean;
  error: IndexingError | null;
  /** The last failure being retried (chain or database unavailable), until a round succeeds. */
  retrying: { message: string; since: string; attempts: number } | null;
  eventsProcessed: number;
  /** Handlers run (event and block handlers). */
  triggersProcessed: number;
  reverts: number;
  /** `performance.now()` when the first block range was requested and when the last commit finished. */
  timing: { firstFetchAt: number | null; lastCommitAt: number | null };
};

export type IndexerOptions = {
  manifest: LoadedManifest;
  db: Database;
  rpc: Rpc;
  pollIntervalMs: number;
  /** Largest `eth_getLogs` block range (graph-node's default is 2000). */
  blockRange?: number;
  /** Logs a range aims for; ranges shrink and grow to stay near it (bounds memory). */
  targetLogsPerRange?: number;
  /** Entity versions kept in memory before they are written (at a block boundary). */
  flushVersions?: number;
  /** Committed entities cached in memory. */
  entityCacheSize?: number;
  log: (line: string) => void;
};

const BLOCK_FETCH_CONCURRENCY = 16;
/** Blocks fetched at a time within a range: bounds memory when block handlers run on every block. */
const BLOCK_CHUNK = 256;
/** Ranges start small and double while they stay under the target: a dense chain is not fetched whole. */
const INITIAL_BLOCK_RANGE = 10;

/** One block's work: what ran, and the pointer to commit. */
type Processed = { pointer: BlockPointer; created: StoredDataSource[] };

export class Indexer {
  private readonly manifest: LoadedManifest;
  private readonly db: Database;
  private readonly rpc: Rpc;
  private readonly pollIntervalMs: number;
  private readonly log: (line: string) => void;
  private readonly maxBlockRange: number;
  private readonly targetLogs: number;
  private readonly flushVersions: number;
  private blockRange: number;
  private readonly store: EntityStore;
  private readonly dataSources: DataSources;
  private pointer: BlockPointer | null = null;
  private error: IndexingError | null = null;
  private retrying: IndexerStatus["retrying"] = null;
  private head: number | null = null;
  private eventsProcessed = 0;
  private triggersProcessed = 0;
  private reverts = 0;
  private firstFetchAt: number | null = null;
  private lastCommitAt: number | null = null;
  private stopped = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private readonly waiters = new Set<() => void>();
  /** Processed but uncommitted blocks and the data sources they created, oldest first. */
  private uncommitted: Processed[] = [];
  /** Set when a failure may have left created-but-uncommitted data sources in memory. */
  private reloadDataSources = false;

  private constructor(options: IndexerOptions) {
    this.manifest = options.manifest;
    this.db = options.db;
    this.rpc = options.rpc;
    this.pollIntervalMs = options.pollIntervalMs;
    this.log = options.log;
    this.maxBlockRange = options.blockRange ?? 2000;
    this.blockRange = Math.min(this.maxBlockRange, INITIAL_BLOCK_RANGE);
    this.targetLogs = options.targetLogsPerRange ?? 5_000;
    this.flushVersions = options.flushVersions ?? 10_000;
    this.store = new EntityStore(options.manifest.schema, options.db, {
      ...(options.entityCacheSize ? { cacheSize: options.entityCacheSize } : {}),
    });
    this.dataSources = new DataSources(options.manifest);
  }

  /** Links every mapping (unknown imports fail here) and restores state from the database. */
  static async create(options: IndexerOptions): Promise<Indexer> {
    const indexer = new Indexer(options);
    await indexer.store.loadIds();
    indexer.pointer = await options.db.pointer();
    indexer.error = await options.db.indexingError();
    await indexer.dataSources.load(options.db);
    return indexer;
  }

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
    for (const waiter of this.waiters) waiter();
  }

  status(): IndexerStatus {
    return {
      block: this.pointer
        ? { number: this.pointer.number, hash: this.pointer.hash, timestamp: this.pointer.timestamp.toString() }
        : null,
      chainHead: this.head,
      synced: this.head !== null && (this.pointer?.number ?? -1) >= this.head,
      error: this.error,
      retrying: this.retrying,
      eventsProcessed: this.eventsProcessed,
      triggersProcessed: this.triggersProcessed,
      reverts: this.reverts,
      timing: { firstFetchAt: this.firstFetchAt, lastCommitAt: this.lastCommitAt },
    };
  }

  currentPointer(): BlockPointer | null {
    return this.pointer;
  }

  currentError(): IndexingError | null {
    return this.error;
  }

  /** Resolves once block `number` is committed; rejects if indexing stops on an error before it. */
  waitForBlock(number: number, timeoutMs = 60_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(
          new SubgraphHostError("TIMEOUT", `Block ${number} was not indexed within ${timeoutMs} ms`, {
            details: `indexed up to ${this.pointer?.number ?? "nothing"}, chain head ${this.head ?? "unknown"}`,
          }),
        );
      }, timeoutMs);
      const check = () => {
        if ((this.pointer?.number ?? -1) >= number) {
          this.waiters.delete(check);
          clearTimeout(timer);
          resolve();
        } else if (this.error && this.error.block <= number) {
          this.waiters.delete(check);
          clearTimeout(timer);
          reject(
            new SubgraphHostError("MAPPING_ABORTED", `Indexing stopped at block ${this.error.block}`, {
              details: this.error.message,
            }),
          );
        } else if (this.stopped) {
          this.waiters.delete(check);
          clearTimeout(timer);
          reject(new SubgraphHostError("STOPPED", "The subgraph host stopped"));
        }
      };
      this.waiters.add(check);
      check();
    });
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      try {
        const progressed = await this.step();
        failures = 0;
        this.retrying = null;
        if (!progressed && !this.stopped) await this.sleep(this.pollIntervalMs);
      } catch (error) {
        this.store.dropPending();
        this.uncommitted = [];
        this.reloadDataSources = true;
        if (isTransient(error)) {
          failures++;
          const delay = Math.min(this.pollIntervalMs * 2 ** Math.min(failures, 6), 30_000);
          this.retrying = {
            message: firstLine(error),
            since: this.retrying?.since ?? new Date().toISOString(),
            attempts: failures,
          };
          this.log(`indexing: ${firstLine(error)}; retrying in ${delay} ms`);
          if (!this.stopped) await this.sleep(delay);
          continue;
        }
        // Not tied to one block's handlers: the host itself failed between blocks. Retrying
        // would fail the same way, so indexing stops and says so; kept in memory only, so a
        // restart (e.g. with a fixed host) tries again.
        await this.recordError(
          (this.pointer?.number ?? this.dataSources.startBlock() - 1) + 1,
          null,
          error,
          null,
          "the subgraph host failed",
          false,
        );
      }
    }
  }

  /** One round: reorg check, then one block range. Returns whether it made progress. */
  private async step(): Promise<boolean> {
    if (this.reloadDataSources) {
      await this.dataSources.load(this.db);
      this.reloadDataSources = false;
    }
    const head = await this.rpc.blockNumber();
    this.head = head;
    if (await this.handleReorg(head)) return true;
    if (this.error) {
      // The failing block may itself be gone (reorg, evm_revert, reset): then indexing can resume.
      if (this.error.blockHash) {
        const failing = this.error.block <= head ? await this.rpc.block(this.error.block, false) : null;
        if (!failing || failing.hash.toLowerCase() !== this.error.blockHash.toLowerCase()) {
          this.log(`indexing: block ${this.error.block} that failed is no longer on the chain; resuming`);
          this.error = null;
          await this.db.setIndexingError(null);
          return true;
        }
      }
      return false;
    }
    const next = this.pointer ? this.pointer.number + 1 : this.dataSources.startBlock();
    if (next > head) return false;
    const to = Math.min(head, next + this.blockRange - 1);
    await this.processRange(next, to);
    return true;
  }

  private async handleReorg(head: number): Promise<boolean> {
    const pointer = this.pointer;
    if (!pointer) return false;
    const reason = await reorgReason(this.rpc, pointer, head);
    if (!reason) return false;
    const ancestor = await findCommonAncestor(this.db, this.rpc, Math.min(head, pointer.number));
    this.log(`reorg: ${reason}; reverting to ${ancestor ? `block ${ancestor.number}` : "the start block"}`);
    await this.db.revert(ancestor);
    this.store.reset();
    this.pointer = ancestor;
    this.error = await this.db.indexingError();
    await this.dataSources.load(this.db);
    this.reverts++;
    this.notify();
    return true;
  }

  private async fetchLogs(from: number, to: number, sources?: readonly ActiveDataSource[]): Promise<RpcLog[]> {
    const { addresses, topics } = this.dataSources.logFilter(from, to, sources);
    if ((addresses && !addresses.length) || !topics.length) return [];
    try {
      return await this.rpc.logs({ fromBlock: from, toBlock: to, address: addresses, topics });
    } catch (error) {
      // Providers cap log responses: shrink the range and let the next round try again.
      if (to > from) {
        this.blockRange = Math.max(1, Math.floor((to - from + 1) / 2));
        throw new TransientError(
          "RPC_FAILED",
          `eth_getLogs ${from}–${to} failed (${firstLine(error)}); block range now ${this.blockRange}`,
          { cause: error },
        );
      }
      throw error;
    }
  }

  private async fetchBlocks(numbers: readonly number[], full: ReadonlySet<number>): Promise<Map<number, RpcBlock>> {
    const blocks = new Map<number, RpcBlock>();
    let index = 0;
    const worker = async () => {
      while (index < numbers.length) {
        const number = numbers[index++]!;
        const block = await this.rpc.block(number, full.has(number));
        if (!block)
          throw new TransientError("RPC_FAILED", `block ${number} is not available from the chain's node yet`);
        blocks.set(number, block);
      }
    };
    await Promise.all(Array.from({ length: Math.min(BLOCK_FETCH_CONCURRENCY, numbers.length) }, worker));
    return blocks;
  }

  private async processRange(from: number, rangeEnd: number): Promise<void> {
    let to = rangeEnd;
    this.firstFetchAt ??= performance.now();
    let logs = await this.fetchLogs(from, to);
    // Aim each range at `targetLogs`: fewer logs grow it, more shrink it.
    this.blockRange =
      logs.length > this.targetLogs
        ? Math.max(1, Math.floor(((to - from + 1) * this.targetLogs) / logs.length))
        : Math.min(this.maxBlockRange, this.blockRange * 2);
    if (logs.length > 2 * this.targetLogs) {
      // Far too many at once: handle whole blocks up to about the target, refetch the rest later.
      const numbers = logs.map((log) => Number(log.blockNumber)).sort((a, b) => a - b);
      const cut = Math.max(from, numbers[this.targetLogs - 1]!);
      if (cut < to) {
        to = cut;
        logs = logs.filter((log) => Number(log.blockNumber) <= cut);
      }
    }
    const logTriggers = matchLogs(logs, this.dataSources.active, (line) => this.log(`indexing: ${line}`));
    const numbers = new Set([...logTriggers.keys(), ...blockTriggerNumbers(from, to, this.dataSources.active), to]);
    const ordered = [...numbers].sort((a, b) => a - b);

    for (let start = 0; start < ordered.length; start += BLOCK_CHUNK) {
      const chunk = ordered.slice(start, start + BLOCK_CHUNK);
      const blocks = await this.fetchBlocks(chunk, new Set(chunk.filter((n) => logTriggers.has(n))));
      for (const number of chunk) {
        const block = blocks.get(number)!;
        const outcome = await this.processBlock(block, logTriggers.get(number) ?? []);
        if (outcome === "failed") return;
        if (outcome === "created") {
          // The rest of the range was fetched without the new data sources: stop here, refetch.
          await this.flush();
          return;
        }
        if (this.store.pendingVersions() >= this.flushVersions) await this.flush();
      }
    }
    await this.flush();
  }

  /**
   * Runs one block's triggers and queues its changes. Returns "failed" after a deterministic
   * failure was recorded, "created" when the block created data sources.
   */
  private async processBlock(block: RpcBlock, logTriggers: readonly Trigger[]): Promise<"ok" | "created" | "failed"> {
    const number = Number(block.number);
    for (const trigger of logTriggers) {
      if (trigger.kind !== "block" && trigger.log.blockHash.toLowerCase() !== block.hash.toLowerCase())
        throw new TransientError(
          "RPC_FAILED",
          `block ${number} changed while it was being fetched (reorg in progress)`,
        );
    }
    const created: StoredDataSource[] = [];
    const receipts = new Map<Hex, Promise<RpcReceipt>>();
    this.store.beginBlock(number);
    let events = 0;
    let triggers = 0;
    try {
      let sources: readonly ActiveDataSource[] = [...this.dataSources.active];
      let pending: readonly Trigger[] = logTriggers;
      while (true) {
        const { start, end } = blockTriggers(number, sources);
        const createdNow: ActiveDataSource[] = [];
        for (const trigger of [...start, ...pending, ...end]) {
          createdNow.push(...(await this.runTrigger(trigger, block, created, receipts)));
          triggers++;
          if (trigger.kind === "log") events++;
        }
        if (!createdNow.length) break;
        this.dataSources.add(createdNow);
        // Data sources created in this block see its triggers too (graph-node reprocesses the block).
        const rescan = await this.fetchLogs(number, number, createdNow);
        pending = matchLogs(rescan, createdNow, (line) => this.log(`indexing: ${line}`)).get(number) ?? [];
        if (pending.length && !block.transactions.some((tx) => typeof tx !== "string"))
          block = (await this.fetchBlocks([number], new Set([number]))).get(number)!;
        sources = createdNow;
      }
      await this.store.commitBlock();
    } catch (error) {
      this.store.discardBlock();
      if (isTransient(error)) throw error;
      await this.failAt(block, error);
      await this.dataSources.load(this.db);
      return "failed";
    }
    this.eventsProcessed += events;
    this.triggersProcessed += triggers;
    this.uncommitted.push({ pointer: pointerOf(block), created });
    return created.length ? "created" : "ok";
  }

  /** Runs one trigger's handler; returns the data sources it created. */
  private async runTrigger(
    trigger: Trigger,
    block: RpcBlock,
    created: StoredDataSource[],
    receipts: Map<Hex, Promise<RpcReceipt>>,
  ): Promise<ActiveDataSource[]> {
    const number = Number(block.number);
    const { dataSource } = trigger;
    if (trigger.kind === "ambiguous")
      throw new MappingError(
        "HOST_FUNCTION_FAILED",
        `Multiple handlers of data source ${dataSource.name} match log ${Number(trigger.log.logIndex)} of block ${number}; only one is supported`,
        { details: trigger.events.join("; ") },
      );
    const newSources: ActiveDataSource[] = [];
    const ctx = triggerContext({
      dataSource,
      store: this.store,
      rpc: this.rpc,
      block: { number, hash: block.hash },
      log: this.log,
      createDataSource: (template: string, params: string[], context: Entity) => {
        const { stored, active } = this.dataSources.create(template, params, context, number);
        created.push(stored);
        newSources.push(active);
      },
    });
    const label =
      trigger.kind === "log"
        ? `${dataSource.name}.${trigger.handler.handler} (${trigger.handler.signature})`
        : `${dataSource.name}.${trigger.handler.handler} (block handler${trigger.handler.filter.kind === "every" ? "" : `, ${trigger.handler.filter.kind}`})`;
    try {
      if (trigger.kind === "block") {
        await dataSource.module.run(trigger.handler.handler, ctx, (heap) => writeBlock(heap, blockData(block)));
      } else {
        const { log, handler, params } = trigger;
        const transaction = findTransaction(block, log.transactionHash);
        if (!transaction)
          throw new TransientError(
            "RPC_FAILED",
            `transaction ${log.transactionHash} of a log in block ${number} is missing from the block`,
          );
        let receipt: RpcReceipt | null = null;
        if (handler.receipt) {
          let pendingReceipt = receipts.get(log.transactionHash);
          if (!pendingReceipt) {
            pendingReceipt = this.rpc.receipt(log.transactionHash).then((r) => {
              if (!r) throw new TransientError("RPC_FAILED", `receipt of ${log.transactionHash} is not available`);
              return r;
            });
            receipts.set(log.transactionHash, pendingReceipt);
          }
          receipt = await pendingReceipt;
        }
        await dataSource.module.run(handler.handler, ctx, (heap) =>
          writeEthereumEvent(heap, {
            log: logData(log),
            block: blockData(block),
            transaction: transactionData(transaction),
            params,
            receipt: receipt ? receiptData(receipt) : null,
          }),
        );
      }
    } catch (error) {
      if (error instanceof SubgraphHostError && !(error instanceof TransientError))
        Object.assign(error, { handler: label });
      else if (!isTransient(error)) Object.assign(error as object, { handler: label });
      throw error;
    }
    return newSources;
  }

  /**
   * Writes every processed block (in one transaction; block by block when the database refuses
   * the batch, so the block at fault is found and everything before it is kept).
   */
  private async flush(): Promise<void> {
    if (!this.uncommitted.length) return;
    const processed = this.uncommitted;
    const last = processed[processed.length - 1]!.pointer;
    try {
      await this.db.commit(
        this.store.pending(),
        last,
        processed.map((p) => p.pointer),
        processed.flatMap((p) => p.created),
      );
    } catch (error) {
      if (isTransient(error))
        throw new TransientError(
          "DATABASE_UNAVAILABLE",
          `writing up to block ${last.number} failed: ${firstLine(error)}`,
          { cause: error },
        );
      await this.flushBlockByBlock(error);
      return;
    }
    this.committed(processed.length, last);
  }

  private committed(blocks: number, pointer: BlockPointer): void {
    const done = this.uncommitted.splice(0, blocks);
    const changedBlocks = new Set(done.map((p) => p.pointer.number));
    let count = 0;
    for (const b of this.store.pending()) if (changedBlocks.has(b.block)) count++;
    this.store.markCommitted(count);
    this.pointer = pointer;
    this.lastCommitAt = performance.now();
    this.notify();
  }

  private async flushBlockByBlock(batchError: unknown): Promise<void> {
    while (this.uncommitted.length) {
      const { pointer, created } = this.uncommitted[0]!;
      const changes = this.store.pending().filter((b) => b.block === pointer.number);
      try {
        await this.db.commit(changes, pointer, [pointer], created);
      } catch (error) {
        if (isTransient(error))
          throw new TransientError(
            "DATABASE_UNAVAILABLE",
            `writing block ${pointer.number} failed: ${firstLine(error)}`,
            { cause: error },
          );
        const block = await this.rpc.block(pointer.number, false);
        this.store.dropPending();
        this.uncommitted = [];
        if (block) await this.failAt(block, error, "the database refused the block's entities");
        else throw batchError;
        return;
      }
      this.committed(1, pointer);
    }
  }

  /** Commits everything before the failing block, records the error and stops indexing. */
  private async failAt(block: RpcBlock, error: unknown, prefix?: string): Promise<void> {
    const number = Number(block.number);
    await this.flush();
    // Writing the earlier blocks may itself have found (and recorded) an earlier failure.
    if (this.error) return;
    if (number - 1 > (this.pointer?.number ?? -1) && number > 0) {
      // Blocks between the last change and the failing one are indexed (they had nothing to do).
      const parent = await this.rpc.block(number - 1, false);
      if (parent) {
        await this.db.commit([], pointerOf(parent), [pointerOf(parent)], []);
        this.pointer = pointerOf(parent);
      }
    }
    const handler = (error as { handler?: string }).handler ?? null;
    await this.recordError(number, block.hash, error, handler, prefix);
  }

  private async recordError(
    number: number,
    blockHash: Hex | null,
    error: unknown,
    handler: string | null,
    prefix?: string,
    persist = true,
  ): Promise<void> {
    const message = `${prefix ? `${prefix}: ` : ""}${error instanceof Error ? error.message : String(error)}`;
    this.error = { block: number, blockHash, message, handler, deterministic: true };
    if (persist) await this.db.setIndexingError(this.error);
    this.log(`indexing error at block ${number}${handler ? ` in ${handler}` : ""}: ${message}`);
    this.log("indexing stopped; fix the mapping and rebuild, or revert the chain below that block");
    this.notify();
  }
}

function pointerOf(block: RpcBlock): BlockPointer {
  return {
    number: Number(block.number),
    hash: block.hash.toLowerCase() as Hex,
    parentHash: block.parentHash.toLowerCase() as Hex,
    timestamp: BigInt(block.timestamp),
  };
}
