/**
 * The block follower: polls the chain head, fetches matching logs in block ranges, runs the
 * handlers block by block and commits each range in one database transaction with the block
 * pointer. Reorgs and dev-chain resets (evm_revert, hardhat_reset) are detected by re-reading the
 * pointer block's hash and by the head going backwards; the store then reverts to the newest
 * block both sides agree on. A deterministic handler failure stops indexing at its block (that
 * block's writes are dropped) and is recorded as the indexing error.
 */
import type { Hex } from "viem";
import { MappingError, SubgraphHostError } from "./errors.ts";
import type {
  EthereumBlockData,
  EthereumLogData,
  EthereumReceiptData,
  EthereumTransactionData,
} from "./asc/ethereumEvent.ts";
import { writeEthereumEvent } from "./asc/ethereumEvent.ts";
import { decodeEventParams } from "./chain/decodeLog.ts";
import type { Rpc, RpcBlock, RpcLog, RpcReceipt, RpcTransaction } from "./chain/rpc.ts";
import type { EventHandler, LoadedManifest, Mapping } from "./manifest.ts";
import type { TriggerContext } from "./runtime/context.ts";
import { MappingModule } from "./runtime/mappingModule.ts";
import type { BlockPointer, Database, IndexingError, StoredDataSource } from "./store/database.ts";
import { entityFromJson, entityToJson, manifestContextValue } from "./store/entityJson.ts";
import { EntityStore } from "./store/entityStore.ts";
import type { Entity } from "./store/values.ts";

type ActiveDataSource = {
  name: string;
  address: Hex;
  startBlock: number;
  endBlock: number | undefined;
  context: Entity;
  mapping: Mapping;
  module: MappingModule;
  network: string;
  handlers: Map<Hex, EventHandler[]>;
};

type Trigger = { log: RpcLog; dataSource: ActiveDataSource; handler: EventHandler };

export type IndexerStatus = {
  /** Last block whose effects are committed, or null before the first range. */
  block: { number: number; hash: Hex; timestamp: string } | null;
  chainHead: number | null;
  synced: boolean;
  error: IndexingError | null;
  eventsProcessed: number;
  reverts: number;
  /** `performance.now()` when the first block range was requested and when the last commit finished. */
  timing: { firstFetchAt: number | null; lastCommitAt: number | null };
};

export type IndexerOptions = {
  manifest: LoadedManifest;
  db: Database;
  rpc: Rpc;
  pollIntervalMs: number;
  /** Largest `eth_getLogs` block range (graph-node's default is 1000–2000). */
  blockRange?: number;
  log: (line: string) => void;
};

const LEVELS = ["CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG"];
const BLOCK_FETCH_CONCURRENCY = 16;

/** Errors that say "the chain or the database hiccupped": retried, never recorded as indexing errors. */
class TransientError extends Error {
  override name = "TransientError";
}

function big(hex: Hex | undefined | null): bigint {
  return hex ? BigInt(hex) : 0n;
}

export class Indexer {
  private readonly manifest: LoadedManifest;
  private readonly db: Database;
  private readonly rpc: Rpc;
  private readonly pollIntervalMs: number;
  private readonly log: (line: string) => void;
  private blockRange: number;
  private readonly maxBlockRange: number;
  private readonly modules = new Map<WebAssembly.Module, MappingModule>();
  private readonly store: EntityStore;
  private dataSources: ActiveDataSource[] = [];
  private pointer: BlockPointer | null = null;
  private error: IndexingError | null = null;
  private head: number | null = null;
  private eventsProcessed = 0;
  private reverts = 0;
  private firstFetchAt: number | null = null;
  private lastCommitAt: number | null = null;
  private stopped = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private readonly waiters = new Set<() => void>();

  private constructor(options: IndexerOptions, store: EntityStore) {
    this.manifest = options.manifest;
    this.db = options.db;
    this.rpc = options.rpc;
    this.pollIntervalMs = options.pollIntervalMs;
    this.log = options.log;
    this.maxBlockRange = options.blockRange ?? 2000;
    this.blockRange = this.maxBlockRange;
    this.store = store;
  }

  /** Links every mapping (unknown imports fail here) and restores state from the database. */
  static async create(options: IndexerOptions): Promise<Indexer> {
    const store = new EntityStore(options.manifest.schema, await options.db.loadCurrent());
    const indexer = new Indexer(options, store);
    for (const source of [...options.manifest.dataSources, ...options.manifest.templates])
      indexer.moduleOf(source.mapping, source.name);
    indexer.pointer = await options.db.pointer();
    indexer.error = await options.db.indexingError();
    await indexer.loadDataSources();
    return indexer;
  }

  private moduleOf(mapping: Mapping, name: string): MappingModule {
    let module = this.modules.get(mapping.module);
    if (!module) {
      module = new MappingModule(name, mapping.module);
      this.modules.set(mapping.module, module);
    }
    return module;
  }

  private activate(
    name: string,
    address: Hex,
    mapping: Mapping,
    network: string,
    startBlock: number,
    endBlock: number | undefined,
    context: Entity,
  ): ActiveDataSource {
    const handlers = new Map<Hex, EventHandler[]>();
    for (const handler of mapping.eventHandlers) {
      const list = handlers.get(handler.topic0);
      if (list) list.push(handler);
      else handlers.set(handler.topic0, [handler]);
    }
    return {
      name,
      address: address.toLowerCase() as Hex,
      startBlock,
      endBlock,
      context,
      mapping,
      module: this.moduleOf(mapping, name),
      network,
      handlers,
    };
  }

  private async loadDataSources(): Promise<void> {
    this.dataSources = this.manifest.dataSources.map((ds) =>
      this.activate(
        ds.name,
        ds.address,
        ds.mapping,
        ds.network,
        ds.startBlock,
        ds.endBlock,
        new Map(Object.entries(ds.context ?? {}).map(([key, entry]) => [key, manifestContextValue(entry)])),
      ),
    );
    for (const stored of await this.db.dataSources()) this.dataSources.push(this.fromStored(stored));
  }

  private fromStored(stored: StoredDataSource): ActiveDataSource {
    const template = this.manifest.templates.find((t) => t.name === stored.template);
    if (!template)
      throw new SubgraphHostError("MANIFEST_INVALID", `Data source template ${stored.template} is not in the manifest`);
    return this.activate(
      template.name,
      stored.address,
      template.mapping,
      template.network,
      stored.createdBlock,
      undefined,
      entityFromJson(stored.context),
    );
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
      eventsProcessed: this.eventsProcessed,
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

  private startBlock(): number {
    return Math.min(...this.manifest.dataSources.map((ds) => ds.startBlock));
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      try {
        const progressed = await this.step();
        failures = 0;
        if (!progressed && !this.stopped) await this.sleep(this.pollIntervalMs);
      } catch (error) {
        failures++;
        const delay = Math.min(this.pollIntervalMs * 2 ** Math.min(failures, 6), 30_000);
        this.log(`indexing: ${error instanceof Error ? error.message : String(error)}; retrying in ${delay} ms`);
        if (!this.stopped) await this.sleep(delay);
      }
    }
  }

  /** One round: reorg check, then one block range. Returns whether it made progress. */
  private async step(): Promise<boolean> {
    const head = await this.rpc.blockNumber();
    this.head = head;
    if (await this.detectReorg(head)) return true;
    if (this.error) {
      // The failing block may itself be gone (evm_revert, reset): then indexing can resume.
      const failing = this.error.block <= head ? await this.rpc.block(this.error.block, false) : null;
      if (this.error.blockHash && (!failing || failing.hash !== this.error.blockHash)) {
        this.log(`indexing: block ${this.error.block} that failed is no longer on the chain; resuming`);
        this.error = null;
        await this.db.setIndexingError(null);
        return true;
      }
      return false;
    }
    const next = this.pointer ? this.pointer.number + 1 : this.startBlock();
    if (next > head) return false;
    const to = Math.min(head, next + this.blockRange - 1);
    await this.processRange(next, to);
    return true;
  }

  /** Reverts when the pointer block is no longer on the chain. */
  private async detectReorg(head: number): Promise<boolean> {
    const pointer = this.pointer;
    if (!pointer) return false;
    let reason: string | undefined;
    if (head < pointer.number) reason = `chain head ${head} is below the indexed block ${pointer.number}`;
    else {
      const block = await this.rpc.block(pointer.number, false);
      if (!block || block.hash.toLowerCase() !== pointer.hash.toLowerCase())
        reason = `block ${pointer.number} changed hash (${pointer.hash} → ${block?.hash ?? "missing"})`;
    }
    if (!reason) return false;
    const ancestor = await this.findCommonAncestor(Math.min(head, pointer.number));
    this.log(`reorg: ${reason}; reverting to ${ancestor ? `block ${ancestor.number}` : "the start block"}`);
    await this.db.revert(ancestor);
    this.store.reset(await this.db.loadCurrent());
    this.pointer = ancestor;
    this.error = await this.db.indexingError();
    await this.loadDataSources();
    this.reverts++;
    this.notify();
    return true;
  }

  private async findCommonAncestor(below: number): Promise<BlockPointer | null> {
    for (const candidate of await this.db.blocksAtOrBelow(below, 64)) {
      const block = await this.rpc.block(candidate.number, false);
      if (block && block.hash.toLowerCase() === candidate.hash.toLowerCase()) return candidate;
    }
    return null;
  }

  private filter(from: number, to: number): { addresses: Hex[]; topics: Hex[] } {
    const addresses = new Set<Hex>();
    const topics = new Set<Hex>();
    for (const ds of this.dataSources) {
      if (ds.startBlock > to || (ds.endBlock !== undefined && ds.endBlock < from)) continue;
      addresses.add(ds.address);
      for (const topic of ds.handlers.keys()) topics.add(topic);
    }
    return { addresses: [...addresses], topics: [...topics] };
  }

  private async fetchLogs(from: number, to: number, addresses: Hex[], topics: Hex[]): Promise<RpcLog[]> {
    if (!addresses.length || !topics.length) return [];
    try {
      return await this.rpc.logs({ fromBlock: from, toBlock: to, address: addresses, topics });
    } catch (error) {
      // Providers cap log responses: shrink the range and let the next round try again.
      if (to > from) {
        this.blockRange = Math.max(1, Math.floor((to - from + 1) / 2));
        throw new TransientError(
          `eth_getLogs ${from}–${to} failed (${(error as Error).message.split("\n")[0]}); block range now ${this.blockRange}`,
        );
      }
      throw error;
    }
  }

  private triggersOf(logs: RpcLog[], sources: ActiveDataSource[]): Trigger[] {
    const triggers: Trigger[] = [];
    const ordered = [...logs].sort(
      (a, b) =>
        Number(BigInt(a.blockNumber) - BigInt(b.blockNumber)) || Number(BigInt(a.logIndex) - BigInt(b.logIndex)),
    );
    for (const log of ordered) {
      if (log.removed) continue;
      const number = Number(log.blockNumber);
      const address = log.address.toLowerCase();
      const topic0 = log.topics[0]?.toLowerCase() as Hex | undefined;
      if (!topic0) continue;
      for (const dataSource of sources) {
        if (dataSource.address !== address || dataSource.startBlock > number) continue;
        if (dataSource.endBlock !== undefined && dataSource.endBlock < number) continue;
        for (const handler of dataSource.handlers.get(topic0) ?? []) {
          if (log.topics.length !== handler.indexedCount + 1) continue;
          const filtersPass = handler.topicFilters.every(
            (allowed, i) => !allowed || allowed.includes(log.topics[i + 1]!.toLowerCase() as Hex),
          );
          if (filtersPass) triggers.push({ log, dataSource, handler });
        }
      }
    }
    return triggers;
  }

  private async fetchBlocks(numbers: number[]): Promise<Map<number, RpcBlock>> {
    const blocks = new Map<number, RpcBlock>();
    let index = 0;
    const worker = async () => {
      while (index < numbers.length) {
        const number = numbers[index++]!;
        const block = await this.rpc.block(number, true);
        if (!block) throw new TransientError(`block ${number} is not available from the node yet`);
        blocks.set(number, block);
      }
    };
    await Promise.all(Array.from({ length: Math.min(BLOCK_FETCH_CONCURRENCY, numbers.length) }, worker));
    return blocks;
  }

  private async processRange(from: number, to: number): Promise<void> {
    this.firstFetchAt ??= performance.now();
    const { addresses, topics } = this.filter(from, to);
    const logs = await this.fetchLogs(from, to, addresses, topics);
    const triggers = this.triggersOf(logs, this.dataSources);
    const byBlock = new Map<number, Trigger[]>();
    for (const trigger of triggers) {
      const number = Number(trigger.log.blockNumber);
      const list = byBlock.get(number);
      if (list) list.push(trigger);
      else byBlock.set(number, [trigger]);
    }
    const numbers = [...byBlock.keys()].sort((a, b) => a - b);
    if (!numbers.includes(to)) numbers.push(to);
    const blocks = await this.fetchBlocks(numbers);
    const seen: BlockPointer[] = [];
    const created: StoredDataSource[] = [];
    let last: BlockPointer = pointerOf(blocks.get(to)!);
    let processed = 0;

    for (const number of numbers) {
      const block = blocks.get(number)!;
      const blockTriggers = byBlock.get(number);
      if (!blockTriggers) continue;
      for (const trigger of blockTriggers) {
        if (trigger.log.blockHash.toLowerCase() !== block.hash.toLowerCase())
          throw new TransientError(`block ${number} changed while it was being fetched (reorg in progress)`);
      }
      const createdHere: StoredDataSource[] = [];
      this.store.beginBlock(number);
      try {
        let pending = blockTriggers;
        while (pending.length) {
          const newSources: ActiveDataSource[] = [];
          for (const trigger of pending) {
            await this.runTrigger(trigger, block, createdHere, newSources);
            processed++;
          }
          // Data sources created in this block also see this block's events (graph-node rescans it).
          pending = [];
          if (newSources.length) {
            const rescan = await this.fetchLogs(
              number,
              number,
              newSources.map((s) => s.address),
              [...new Set(newSources.flatMap((s) => [...s.handlers.keys()]))],
            );
            pending = this.triggersOf(rescan, newSources);
          }
        }
        this.store.commitBlock();
      } catch (error) {
        this.store.discardBlock();
        if (!(error instanceof MappingError) && !(error instanceof SubgraphHostError)) {
          this.store.dropPending();
          throw error;
        }
        await this.failAt(block, error, seen, created);
        return;
      }
      seen.push(pointerOf(block));
      created.push(...createdHere);
      this.eventsProcessed += processed;
      processed = 0;
      if (createdHere.length) {
        // The rest of the range was fetched without the new addresses: stop here and refetch.
        last = pointerOf(block);
        break;
      }
    }
    await this.commit(last, seen, created);
    // Grow the range back after a provider cap once ranges succeed again.
    this.blockRange = Math.min(this.maxBlockRange, this.blockRange * 2);
  }

  private async commit(pointer: BlockPointer, seen: BlockPointer[], created: StoredDataSource[]): Promise<void> {
    const { versions, existed } = this.store.takePending();
    try {
      await this.db.commit(versions, existed, pointer, seen, created);
    } catch (error) {
      this.store.dropPending();
      throw new TransientError(`writing block ${pointer.number} failed: ${(error as Error).message}`);
    }
    this.store.markCommitted(versions);
    for (const ds of created) this.dataSources.push(this.fromStored(ds));
    this.pointer = pointer;
    this.lastCommitAt = performance.now();
    this.notify();
  }

  /** Commits everything before the failing block, records the error and stops indexing. */
  private async failAt(
    block: RpcBlock,
    error: SubgraphHostError,
    seen: BlockPointer[],
    created: StoredDataSource[],
  ): Promise<void> {
    const number = Number(block.number);
    const handler = (error as SubgraphHostError & { handler?: string }).handler ?? null;
    if (number - 1 >= (this.pointer?.number ?? -1) && number > 0) {
      const parent = await this.rpc.block(number - 1, false);
      if (parent) await this.commit(pointerOf(parent), seen, created);
    }
    this.error = { block: number, blockHash: block.hash, message: error.message, handler };
    await this.db.setIndexingError(this.error);
    this.log(`indexing error at block ${number}${handler ? ` in ${handler}` : ""}: ${error.message}`);
    this.log("indexing stopped; fix the mapping and rebuild, or revert the chain below that block");
    this.notify();
  }

  private async runTrigger(
    trigger: Trigger,
    block: RpcBlock,
    createdHere: StoredDataSource[],
    newSources: ActiveDataSource[],
  ): Promise<void> {
    const { log, dataSource, handler } = trigger;
    const number = Number(block.number);
    const transaction = findTransaction(block, log.transactionHash);
    const receipt = handler.receipt ? await this.rpc.receipt(log.transactionHash) : null;
    const ctx: TriggerContext = {
      dataSource: {
        name: dataSource.name,
        address: dataSource.address,
        network: dataSource.network,
        context: dataSource.context,
        abis: dataSource.mapping.abis,
      },
      store: this.store,
      chain: {
        call: async (to, data) => {
          try {
            return await this.rpc.ethCall(to, data, number);
          } catch (error) {
            if (isRevert(error)) return null;
            throw new TransientError(`eth_call to ${to} failed: ${(error as Error).message.split("\n")[0]}`);
          }
        },
        getBalance: async (address) => BigInt(await this.rpc.balance(address, number)),
        hasCode: async (address) => (await this.rpc.code(address, number)) !== "0x",
      },
      log: (level, message) => this.log(`[${LEVELS[level] ?? level}] ${dataSource.name}: ${message}`),
      createDataSource: (templateName, params, context) => {
        const template = this.manifest.templates.find((t) => t.name === templateName);
        if (!template)
          throw new MappingError("HOST_FUNCTION_FAILED", `Failed to create data source from name \`${templateName}\``);
        const address = params[0];
        if (!address || !/^0x[0-9a-fA-F]{40}$/.test(address))
          throw new MappingError("HOST_FUNCTION_FAILED", `Data source ${templateName} needs an address parameter`);
        const stored: StoredDataSource = {
          template: templateName,
          address: address.toLowerCase() as Hex,
          context: entityToJson(context),
          createdBlock: number,
        };
        createdHere.push(stored);
        newSources.push(this.fromStored(stored));
      },
    };
    try {
      await dataSource.module.run(handler.handler, ctx, (heap) =>
        writeEthereumEvent(heap, {
          log: logData(log),
          block: blockData(block),
          transaction: transactionData(transaction, log),
          params: decodeEventParams(handler.event, log.topics, log.data),
          receipt: receipt ? receiptData(receipt) : null,
        }),
      );
    } catch (error) {
      if (error instanceof SubgraphHostError)
        Object.assign(error, { handler: `${dataSource.name}.${handler.handler} (${handler.signature})` });
      throw error;
    }
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

function isRevert(error: unknown): boolean {
  const text = String((error as Error)?.message ?? error).toLowerCase();
  const code =
    (error as { code?: number; cause?: { code?: number } })?.code ??
    (error as { cause?: { code?: number } })?.cause?.code;
  return code === 3 || text.includes("revert") || text.includes("invalid opcode");
}

function findTransaction(block: RpcBlock, hash: Hex): RpcTransaction | undefined {
  const wanted = hash.toLowerCase();
  for (const tx of block.transactions) if (typeof tx !== "string" && tx.hash.toLowerCase() === wanted) return tx;
  return undefined;
}

const blockCache = new WeakMap<RpcBlock, EthereumBlockData>();

function blockData(block: RpcBlock): EthereumBlockData {
  let data = blockCache.get(block);
  if (!data) {
    data = {
      hash: block.hash,
      parentHash: block.parentHash,
      unclesHash: block.sha3Uncles,
      author: block.miner,
      stateRoot: block.stateRoot,
      transactionsRoot: block.transactionsRoot,
      receiptsRoot: block.receiptsRoot,
      number: BigInt(block.number),
      gasUsed: big(block.gasUsed),
      gasLimit: big(block.gasLimit),
      timestamp: big(block.timestamp),
      difficulty: big(block.difficulty),
      totalDifficulty: big(block.totalDifficulty),
      size: block.size ? BigInt(block.size) : null,
      baseFeePerGas: block.baseFeePerGas ? BigInt(block.baseFeePerGas) : null,
    };
    blockCache.set(block, data);
  }
  return data;
}

function transactionData(tx: RpcTransaction | undefined, log: RpcLog): EthereumTransactionData {
  if (!tx)
    throw new TransientError(
      `transaction ${log.transactionHash} of a log in block ${Number(log.blockNumber)} is missing`,
    );
  return {
    hash: tx.hash,
    index: BigInt(tx.transactionIndex),
    from: tx.from,
    to: tx.to,
    value: big(tx.value),
    gasLimit: big(tx.gas),
    gasPrice: big(tx.gasPrice ?? tx.maxFeePerGas),
    input: tx.input,
    nonce: big(tx.nonce),
  };
}

/** A log as graph-ts sees it. The host indexes one log stream, so transactionLogIndex equals logIndex. */
function logData(log: RpcLog): EthereumLogData {
  return {
    address: log.address,
    topics: log.topics,
    data: log.data,
    blockHash: log.blockHash,
    blockNumber: BigInt(log.blockNumber),
    transactionHash: log.transactionHash,
    transactionIndex: BigInt(log.transactionIndex),
    logIndex: BigInt(log.logIndex),
    transactionLogIndex: BigInt(log.logIndex),
  };
}

function receiptData(receipt: RpcReceipt): EthereumReceiptData {
  return {
    transactionHash: receipt.transactionHash,
    transactionIndex: BigInt(receipt.transactionIndex),
    blockHash: receipt.blockHash,
    blockNumber: BigInt(receipt.blockNumber),
    cumulativeGasUsed: big(receipt.cumulativeGasUsed),
    gasUsed: big(receipt.gasUsed),
    contractAddress: receipt.contractAddress,
    logs: receipt.logs.map(logData),
    status: big(receipt.status),
    root: receipt.root ?? null,
    logsBloom: receipt.logsBloom,
  };
}
