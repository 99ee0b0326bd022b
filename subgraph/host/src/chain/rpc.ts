/** The few JSON-RPC reads the host makes, over any viem transport, keeping hex as hex. */
import { createPublicClient, type EIP1193RequestFn, type Hex, type Transport } from "viem";

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

  private call<T>(method: string, params: unknown[]): Promise<T> {
    return (this.request as (args: { method: string; params: unknown[] }) => Promise<T>)({ method, params });
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

  logs(filter: { fromBlock: number; toBlock: number; address: Hex[]; topics: Hex[] }): Promise<RpcLog[]> {
    return this.call<RpcLog[]>("eth_getLogs", [
      {
        fromBlock: toHex(filter.fromBlock),
        toBlock: toHex(filter.toBlock),
        address: filter.address,
        topics: [filter.topics],
      },
    ]);
  }

  receipt(hash: Hex): Promise<RpcReceipt | null> {
    return this.call<RpcReceipt | null>("eth_getTransactionReceipt", [hash]);
  }

  ethCall(to: Hex, data: Hex, block: number): Promise<Hex> {
    return this.call<Hex>("eth_call", [{ to, data }, toHex(block)]);
  }

  balance(address: Hex, block: number): Promise<Hex> {
    return this.call<Hex>("eth_getBalance", [address, toHex(block)]);
  }

  code(address: Hex, block: number): Promise<Hex> {
    return this.call<Hex>("eth_getCode", [address, toHex(block)]);
  }
}
