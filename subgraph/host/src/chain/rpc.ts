/**
 * The few JSON-RPC reads the host makes, over any viem transport, keeping hex as hex. A call
 * that fails (transport error, node error, timeout) becomes a `TransientError`: the indexer
 * retries it and never blames the subgraph. State reads at a block (`eth_call`,
 * `eth_getBalance`, `eth_getCode`) name the block by hash (EIP-1898), so a reorg cannot make
 * them read a sibling block with the same number.
 */
import { createPublicClient, type EIP1193RequestFn, type Hex, type Transport } from "viem";
import { firstLine } from "@markspace/common/errors";
import { TransientError } from "../errors.ts";

export type RpcBlock = {
  number: Hex;
  hash: Hex;
  parentHash: Hex;
  sha3Uncles: Hex;
  miner: Hex;
  stateRoot: Hex;
  transactionsRoot: Hex;
  receiptsRoot: Hex;
  gasUsed: Hex;
  gasLimit: Hex;
  timestamp: Hex;
  difficulty?: Hex;
  totalDifficulty?: Hex;
  size?: Hex;
  baseFeePerGas?: Hex;
  transactions: Array<RpcTransaction | Hex>;
};

export type RpcTransaction = {
  hash: Hex;
  transactionIndex: Hex;
  from: Hex;
  to: Hex | null;
  value: Hex;
  gas: Hex;
  gasPrice?: Hex;
  maxFeePerGas?: Hex;
  input: Hex;
  nonce: Hex;
};

export type RpcLog = {
  address: Hex;
  topics: Hex[];
  data: Hex;
  blockNumber: Hex;
  blockHash: Hex;
  transactionHash: Hex;
  transactionIndex: Hex;
  logIndex: Hex;
  removed?: boolean;
};

export type RpcReceipt = {
  transactionHash: Hex;
  transactionIndex: Hex;
  blockHash: Hex;
  blockNumber: Hex;
  cumulativeGasUsed: Hex;
  gasUsed: Hex;
  contractAddress: Hex | null;
  logs: RpcLog[];
  status?: Hex;
  root?: Hex;
  logsBloom: Hex;
};

export const toHex = (n: number | bigint): Hex => `0x${n.toString(16)}`;

export class Rpc {
  private readonly request: EIP1193RequestFn;

  constructor(transport: Transport) {
    const client = createPublicClient({ transport });
    this.request = client.request as EIP1193RequestFn;
  }

  private async call<T>(method: string, params: unknown[]): Promise<T> {
    try {
      return await (this.request as (args: { method: string; params: unknown[] }) => Promise<T>)({ method, params });
    } catch (error) {
      throw new TransientError("RPC_FAILED", `${method} failed: ${describeRpcError(error)}`, { cause: error });
    }
  }

  /** `eth_call` that tells a revert (`null`) from a failure of the node (thrown). */
  async ethCallAt(to: Hex, data: Hex, block: BlockRef): Promise<Hex | null> {
    try {
      const result = await (this.request as (args: { method: string; params: unknown[] }) => Promise<Hex>)({
        method: "eth_call",
        params: [{ to, data }, blockParam(block)],
      });
      // A view call is meant to return something: like graph-node, an empty answer counts as a revert.
      return result === "0x" ? null : result;
    } catch (error) {
      if (isRevert(error)) return null;
      throw new TransientError("RPC_FAILED", `eth_call to ${to} failed: ${describeRpcError(error)}`, {
        cause: error,
      });
    }
  }

  async chainId(): Promise<number> {
    return Number(await this.call<Hex>("eth_chainId", []));
  }

  async blockNumber(): Promise<number> {
    return Number(await this.call<Hex>("eth_blockNumber", []));
  }

  async block(number: number, withTransactions: boolean): Promise<RpcBlock | null> {
    const block = await this.call<RpcBlock | null>("eth_getBlockByNumber", [toHex(number), withTransactions]);
    if (block) checkBlock(block, "eth_getBlockByNumber");
    return block;
  }

  async blockByHash(hash: Hex): Promise<RpcBlock | null> {
    const block = await this.call<RpcBlock | null>("eth_getBlockByHash", [hash, false]);
    if (block) checkBlock(block, "eth_getBlockByHash");
    return block;
  }

  /** Logs with any of `topics` as topic0, from `address` (every contract when undefined). */
  async logs(filter: {
    fromBlock: number;
    toBlock: number;
    address: Hex[] | undefined;
    topics: Hex[];
  }): Promise<RpcLog[]> {
    const logs = await this.call<RpcLog[]>("eth_getLogs", [
      {
        fromBlock: toHex(filter.fromBlock),
        toBlock: toHex(filter.toBlock),
        ...(filter.address ? { address: filter.address } : {}),
        topics: [filter.topics],
      },
    ]);
    if (!Array.isArray(logs)) throw malformed("eth_getLogs", "the result is not an array");
    for (const log of logs) checkLog(log);
    return logs;
  }

  receipt(hash: Hex): Promise<RpcReceipt | null> {
    return this.call<RpcReceipt | null>("eth_getTransactionReceipt", [hash]);
  }

  balance(address: Hex, block: BlockRef): Promise<Hex> {
    return this.call<Hex>("eth_getBalance", [address, blockParam(block)]);
  }

  code(address: Hex, block: BlockRef): Promise<Hex> {
    return this.call<Hex>("eth_getCode", [address, blockParam(block)]);
  }
}

/** What went wrong in one line: viem's errors keep the node's own words in `details`. */
function describeRpcError(error: unknown): string {
  const { shortMessage, details } = (error ?? {}) as { shortMessage?: unknown; details?: unknown };
  if (typeof details === "string" && details)
    return `${typeof shortMessage === "string" ? `${shortMessage} ` : ""}(${details.split("\n")[0]})`;
  return firstLine(error);
}

// ---- answers are checked at the boundary: a malformed one is the node's fault, retried ----

const QUANTITY = /^0x[0-9a-fA-F]+$/;
const DATA = /^0x([0-9a-fA-F]{2})*$/;
const HASH = /^0x[0-9a-fA-F]{64}$/;
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

function malformed(method: string, details: string): TransientError {
  return new TransientError("RPC_FAILED", `${method} returned a malformed answer: ${details}`, {
    hint: "the chain's JSON-RPC node is misbehaving; indexing retries",
  });
}

function check(value: unknown, pattern: RegExp, what: string, method: string): void {
  if (typeof value !== "string" || !pattern.test(value))
    throw malformed(method, `${what} is ${JSON.stringify(value)?.slice(0, 80)}`);
}

function checkLog(log: RpcLog): void {
  const method = "eth_getLogs";
  if (!log || typeof log !== "object") throw malformed(method, "a log is not an object");
  check(log.address, ADDRESS, "log.address", method);
  check(log.data, DATA, "log.data", method);
  check(log.blockNumber, QUANTITY, "log.blockNumber", method);
  check(log.blockHash, HASH, "log.blockHash", method);
  check(log.transactionHash, HASH, "log.transactionHash", method);
  check(log.transactionIndex, QUANTITY, "log.transactionIndex", method);
  check(log.logIndex, QUANTITY, "log.logIndex", method);
  if (!Array.isArray(log.topics) || log.topics.length > 4) throw malformed(method, "log.topics is not a list of ≤ 4");
  for (const topic of log.topics) check(topic, HASH, "a log topic", method);
}

function checkBlock(block: RpcBlock, method: string): void {
  if (typeof block !== "object") throw malformed(method, "the block is not an object");
  check(block.number, QUANTITY, "block.number", method);
  check(block.hash, HASH, "block.hash", method);
  check(block.parentHash, HASH, "block.parentHash", method);
  check(block.timestamp, QUANTITY, "block.timestamp", method);
  if (!Array.isArray(block.transactions)) throw malformed(method, "block.transactions is not a list");
}

/** A block to read state at: by hash when known (EIP-1898), else by number. */
export type BlockRef = { number: number; hash?: Hex };

function blockParam(block: BlockRef): unknown {
  return block.hash ? { blockHash: block.hash } : toHex(block.number);
}

/** Node error texts that mean the EVM stopped the call (the list graph-node treats as reverts). */
const EXECUTION_ERRORS =
  /revert|invalid jump destination|invalid opcode|stack limit reached 1024|out of gas|stack underflow|vm execution error|invalidjump|notactivated|invalidfeopcode|stackunderflow|stackoverflow|opcodenotfound/i;

/** Whether a failed `eth_call` is the contract reverting (not the node failing). */
export function isRevert(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let e: unknown = error; e && !seen.has(e); e = (e as { cause?: unknown }).cause) {
    seen.add(e);
    const { code, message, details } = e as { code?: unknown; message?: unknown; details?: unknown };
    if (code === 3) return true;
    const text = `${typeof message === "string" ? message : ""} ${typeof details === "string" ? details : ""}`;
    if (EXECUTION_ERRORS.test(text)) return true;
  }
  return false;
}
