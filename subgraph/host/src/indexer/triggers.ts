/**
 * Which handlers a block runs, in graph-node's order: `once` block handlers first, then event
 * handlers log by log (for each log, the matching data sources in creation order), then the
 * other block handlers. A log matches a handler when topic0, the optional topic filters and the
 * data source's address and block span match, and the event's ABI decodes it: a handler whose
 * event cannot decode the log is skipped, as graph-node skips it (overloaded events differ only
 * in which parameters are indexed); two decodable handlers in one data source are an error.
 */
import type { Hex } from "viem";
import type { EventParamData } from "../asc/ethereumEvent.ts";
import { decodeEventParams } from "../chain/decodeLog.ts";
import type { RpcLog } from "../chain/rpc.ts";
import type { BlockHandler, EventHandler } from "../manifest.ts";
import type { ActiveDataSource } from "./dataSources.ts";

export type LogTrigger = {
  kind: "log";
  log: RpcLog;
  dataSource: ActiveDataSource;
  handler: EventHandler;
  params: EventParamData[];
};

export type BlockTrigger = { kind: "block"; dataSource: ActiveDataSource; handler: BlockHandler };

/** A log more than one handler of a data source can decode: fails its block, like graph-node. */
export type AmbiguousTrigger = { kind: "ambiguous"; log: RpcLog; dataSource: ActiveDataSource; events: string[] };

export type Trigger = LogTrigger | BlockTrigger | AmbiguousTrigger;

/** Log triggers grouped by block number, blocks and logs in chain order. */
export function matchLogs(
  logs: readonly RpcLog[],
  sources: readonly ActiveDataSource[],
  warn: (line: string) => void,
): Map<number, Array<LogTrigger | AmbiguousTrigger>> {
  const byBlock = new Map<number, Array<LogTrigger | AmbiguousTrigger>>();
  const ordered = [...logs].sort(
    (a, b) => Number(BigInt(a.blockNumber) - BigInt(b.blockNumber)) || Number(BigInt(a.logIndex) - BigInt(b.logIndex)),
  );
  for (const log of ordered) {
    if (log.removed) continue;
    const number = Number(log.blockNumber);
    const address = log.address.toLowerCase();
    const topic0 = log.topics[0]?.toLowerCase() as Hex | undefined;
    if (!topic0) continue;
    for (const dataSource of sources) {
      if (dataSource.address !== undefined && dataSource.address !== address) continue;
      if (dataSource.startBlock > number || (dataSource.endBlock !== undefined && dataSource.endBlock < number))
        continue;
      const decoded: LogTrigger[] = [];
      for (const handler of dataSource.handlers.get(topic0) ?? []) {
        if (!topicsPass(handler, log)) continue;
        let params: EventParamData[];
        try {
          if (log.topics.length !== handler.indexedCount + 1) throw new Error("topic count differs");
          params = decodeEventParams(handler.event, log.topics, log.data);
        } catch (error) {
          warn(
            `skipping ${dataSource.name}.${handler.handler} for log ${Number(log.logIndex)} of block ${number}: ${handler.signature} does not decode it (${(error as Error).message.split("\n")[0]})`,
          );
          continue;
        }
        decoded.push({ kind: "log", log, dataSource, handler, params });
      }
      if (!decoded.length) continue;
      let list = byBlock.get(number);
      if (!list) byBlock.set(number, (list = []));
      if (decoded.length > 1)
        list.push({ kind: "ambiguous", log, dataSource, events: decoded.map((t) => t.handler.signature) });
      else list.push(decoded[0]!);
    }
  }
  return byBlock;
}

function topicsPass(handler: EventHandler, log: RpcLog): boolean {
  return handler.topicFilters.every((allowed, i) => {
    if (!allowed) return true;
    const topic = log.topics[i + 1];
    return topic !== undefined && allowed.includes(topic.toLowerCase() as Hex);
  });
}

/** The block handlers `number` runs: `start` (the `once` handlers) before its events, `end` after. */
export function blockTriggers(
  number: number,
  sources: readonly ActiveDataSource[],
): { start: BlockTrigger[]; end: BlockTrigger[] } {
  const start: BlockTrigger[] = [];
  const end: BlockTrigger[] = [];
  for (const dataSource of sources) {
    if (!dataSource.blockHandlers.length) continue;
    if (dataSource.startBlock > number || (dataSource.endBlock !== undefined && dataSource.endBlock < number)) continue;
    for (const handler of dataSource.blockHandlers) {
      const { filter } = handler;
      if (filter.kind === "once") {
        if (number === dataSource.startBlock) start.push({ kind: "block", dataSource, handler });
      } else if (filter.kind === "every" || (number - dataSource.startBlock) % filter.every === 0) {
        end.push({ kind: "block", dataSource, handler });
      }
    }
  }
  return { start, end };
}

/** Blocks in `[from, to]` where some block handler runs, ascending. */
export function blockTriggerNumbers(from: number, to: number, sources: readonly ActiveDataSource[]): number[] {
  const numbers = new Set<number>();
  for (const dataSource of sources) {
    const first = Math.max(from, dataSource.startBlock);
    const last = Math.min(to, dataSource.endBlock ?? to);
    for (const { filter } of dataSource.blockHandlers) {
      if (filter.kind === "once") {
        if (dataSource.startBlock >= from && dataSource.startBlock <= to) numbers.add(dataSource.startBlock);
      } else {
        const step = filter.kind === "every" ? 1 : filter.every;
        const offset = (first - dataSource.startBlock) % step;
        for (let n = offset === 0 ? first : first + step - offset; n <= last; n += step) numbers.add(n);
      }
    }
  }
  return [...numbers].sort((a, b) => a - b);
}
