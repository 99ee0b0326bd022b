/**
 * JSON-RPC objects (hex strings) as the graph-ts values a mapping receives: `ethereum.Block`,
 * `ethereum.Transaction`, `ethereum.Log` and `ethereum.TransactionReceipt`.
 */
import type { Hex } from "viem";
import type {
  EthereumBlockData,
  EthereumLogData,
  EthereumReceiptData,
  EthereumTransactionData,
} from "../asc/ethereumEvent.ts";
import type { RpcBlock, RpcLog, RpcReceipt, RpcTransaction } from "./rpc.ts";

function big(hex: Hex | undefined | null): bigint {
  return hex ? BigInt(hex) : 0n;
}

const blockCache = new WeakMap<RpcBlock, EthereumBlockData>();

export function blockData(block: RpcBlock): EthereumBlockData {
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

const transactionCache = new WeakMap<RpcTransaction, EthereumTransactionData>();

export function transactionData(tx: RpcTransaction): EthereumTransactionData {
  let data = transactionCache.get(tx);
  if (!data) {
    data = convertTransaction(tx);
    transactionCache.set(tx, data);
  }
  return data;
}

function convertTransaction(tx: RpcTransaction): EthereumTransactionData {
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
export function logData(log: RpcLog): EthereumLogData {
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

export function receiptData(receipt: RpcReceipt): EthereumReceiptData {
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

/** The transaction a log belongs to, from a block fetched with full transactions. */
export function findTransaction(block: RpcBlock, hash: Hex): RpcTransaction | undefined {
  const wanted = hash.toLowerCase();
  for (const tx of block.transactions) if (typeof tx !== "string" && tx.hash.toLowerCase() === wanted) return tx;
  return undefined;
}
