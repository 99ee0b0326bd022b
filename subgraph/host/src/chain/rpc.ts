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
      throw new TransientError("RPC_FAILED", `${method} failed: ${firstLine(error)}`, { cause: error });
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
      throw new TransientError("RPC_FAILED", `eth_call to ${to} failed: ${firstLine(error)}`, { cause: error });
    }
  }

  async chainId(): Promise<number> {
    return Number(await this.call<Hex>("eth_chainId", []));
  }

  async blockNumber(): Promise<number> {
    return Number(await this.call<Hex>("eth_blockNumber", []));
  }

  block(number: number, withTransactions: boolean): Promise<RpcBlock | null> {
    return this.call<RpcBlock | null>("eth_getBlockByNumber", [toHex(number), withTransactions]);
  }

  blockByHash(hash: Hex): Promise<RpcBlock | null> {
    return this.call<RpcBlock | null>("eth_getBlockByHash", [hash, false]);
  }

  /** Logs with any of `topics` as topic0, from `address` (every contract when undefined). */
  logs(filter: { fromBlock: number; toBlock: number; address: Hex[] | undefined; topics: Hex[] }): Promise<RpcLog[]> {
    return this.call<RpcLog[]>("eth_getLogs", [
      {
        fromBlock: toHex(filter.fromBlock),
        toBlock: toHex(filter.toBlock),
        ...(filter.address ? { address: filter.address } : {}),
        topics: [filter.topics],
      },
    ]);
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
