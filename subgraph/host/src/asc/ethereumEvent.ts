/**
 * Builds the `ethereum.Event` a handler receives (apiVersion ≥ 0.0.7 layout, graph-ts
 * `chain/ethereum.ts`): address, logIndex, transactionLogIndex, logType, block (15 fields),
 * transaction (9 fields), parameters, receipt (only for handlers declaring `receipt: true`).
 */
import type { AbiParameter, Hex } from "viem";
import type { AscHeap } from "./heap.ts";
import { writeEthereumValue, writeTopicHash } from "./ethereumValues.ts";
import { hexToBytes } from "../store/values.ts";
import { bigIntToSignedBytesLE } from "./bigIntBytes.ts";

export type EthereumBlockData = {
  hash: Hex;
  parentHash: Hex;
  unclesHash: Hex;
  author: Hex;
  stateRoot: Hex;
  transactionsRoot: Hex;
  receiptsRoot: Hex;
  number: bigint;
  gasUsed: bigint;
  gasLimit: bigint;
  timestamp: bigint;
  difficulty: bigint;
  totalDifficulty: bigint;
  size: bigint | null;
  baseFeePerGas: bigint | null;
};

export type EthereumTransactionData = {
  hash: Hex;
  index: bigint;
  from: Hex;
  to: Hex | null;
  value: bigint;
  gasLimit: bigint;
  gasPrice: bigint;
  input: Hex;
  nonce: bigint;
};

export type EthereumLogData = {
  address: Hex;
  topics: Hex[];
  data: Hex;
  blockHash: Hex;
  blockNumber: bigint;
  transactionHash: Hex;
  transactionIndex: bigint;
  logIndex: bigint;
  /** graph-node fills this with the block-level log index when the node does not report one. */
  transactionLogIndex: bigint;
};

export type EthereumReceiptData = {
  transactionHash: Hex;
  transactionIndex: bigint;
  blockHash: Hex;
  blockNumber: bigint;
  cumulativeGasUsed: bigint;
  gasUsed: bigint;
  contractAddress: Hex | null;
  logs: EthereumLogData[];
  status: bigint;
  root: Hex | null;
  logsBloom: Hex;
};

/** An event parameter: a decoded value, or the topic hash of an indexed dynamic value. */
export type EventParamData = { name: string; parameter: AbiParameter } & (
  { value: unknown; topicHash?: undefined } | { topicHash: Hex; value?: undefined }
);

const ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

/**
 * A block's or a transaction's fields as bytes, converted once: every trigger of a block
 * writes the same block (and often the same transaction) into a fresh mapping state.
 */
const encoded = new WeakMap<object, Array<Uint8Array | null>>();

function encodedBlock(block: EthereumBlockData): Array<Uint8Array | null> {
  let fields = encoded.get(block);
  if (!fields) {
    const big = (value: bigint | null) => (value === null ? null : bigIntToSignedBytesLE(value));
    fields = [
      hexToBytes(block.hash),
      hexToBytes(block.parentHash),
      hexToBytes(block.unclesHash),
      hexToBytes(block.author),
      hexToBytes(block.stateRoot),
      hexToBytes(block.transactionsRoot),
      hexToBytes(block.receiptsRoot),
      big(block.number),
      big(block.gasUsed),
      big(block.gasLimit),
      big(block.timestamp),
      big(block.difficulty),
      big(block.totalDifficulty),
      big(block.size),
      big(block.baseFeePerGas),
    ];
    encoded.set(block, fields);
  }
  return fields;
}

function encodedTransaction(tx: EthereumTransactionData): Array<Uint8Array | null> {
  let fields = encoded.get(tx);
  if (!fields) {
    fields = [
      hexToBytes(tx.hash),
      bigIntToSignedBytesLE(tx.index),
      hexToBytes(tx.from),
      tx.to === null ? null : hexToBytes(tx.to),
      bigIntToSignedBytesLE(tx.value),
      bigIntToSignedBytesLE(tx.gasLimit),
      bigIntToSignedBytesLE(tx.gasPrice),
      hexToBytes(tx.input),
      bigIntToSignedBytesLE(tx.nonce),
    ];
    encoded.set(tx, fields);
  }
  return fields;
}

function writeFields(
  heap: AscHeap,
  type: "EthereumBlock" | "EthereumTransaction",
  fields: Array<Uint8Array | null>,
): number {
  const pointers = new Array<number>(fields.length);
  for (let i = 0; i < fields.length; i++) pointers[i] = fields[i] === null ? 0 : heap.writeBytes(fields[i]!);
  return heap.writeStruct(type, pointers);
}

export function writeBlock(heap: AscHeap, block: EthereumBlockData): number {
  return writeFields(heap, "EthereumBlock", encodedBlock(block));
}

export function writeTransaction(heap: AscHeap, tx: EthereumTransactionData): number {
  return writeFields(heap, "EthereumTransaction", encodedTransaction(tx));
}

function writeLog(heap: AscHeap, log: EthereumLogData): number {
  const bytes = (hex: Hex) => heap.writeBytes(hexToBytes(hex));
  const topics = heap.writePointerArray(log.topics.map(bytes), "ArrayH256");
  // graph-ts declares Log.blockNumber as Bytes: graph-node writes the number's big-endian bytes.
  const blockNumber = heap.writeBytes(hexToBytes(`0x${log.blockNumber.toString(16).padStart(64, "0")}`));
  return heap.writeStruct("Log", [
    bytes(log.address),
    topics,
    bytes(log.data),
    bytes(log.blockHash),
    blockNumber,
    bytes(log.transactionHash),
    heap.writeBigInt(log.transactionIndex),
    heap.writeBigInt(log.logIndex),
    heap.writeBigInt(log.transactionLogIndex),
    0,
    heap.writeWrappedBool(false),
  ]);
}

function writeReceipt(heap: AscHeap, receipt: EthereumReceiptData): number {
  const bytes = (hex: Hex) => heap.writeBytes(hexToBytes(hex));
  const logs = heap.writePointerArray(
    receipt.logs.map((log) => writeLog(heap, log)),
    "ArrayLog",
  );
  return heap.writeStruct("TransactionReceipt", [
    bytes(receipt.transactionHash),
    heap.writeBigInt(receipt.transactionIndex),
    bytes(receipt.blockHash),
    heap.writeBigInt(receipt.blockNumber),
    heap.writeBigInt(receipt.cumulativeGasUsed),
    heap.writeBigInt(receipt.gasUsed),
    bytes(receipt.contractAddress ?? ZERO_ADDRESS),
    logs,
    heap.writeBigInt(receipt.status),
    bytes(receipt.root ?? "0x"),
    bytes(receipt.logsBloom),
  ]);
}

export type EthereumEventData = {
  log: EthereumLogData;
  block: EthereumBlockData;
  transaction: EthereumTransactionData;
  params: EventParamData[];
  receipt: EthereumReceiptData | null;
};

export function writeEthereumEvent(heap: AscHeap, event: EthereumEventData): number {
  const params = event.params.map((param) => {
    const value =
      param.topicHash !== undefined
        ? writeTopicHash(heap, param.topicHash)
        : writeEthereumValue(heap, param.parameter, param.value);
    return heap.writeStruct("EventParam", [heap.writeString(param.name), value]);
  });
  return heap.writeStruct("EthereumEvent", [
    heap.writeBytes(hexToBytes(event.log.address)),
    heap.writeBigInt(event.log.logIndex),
    heap.writeBigInt(event.log.transactionLogIndex),
    0,
    writeBlock(heap, event.block),
    writeTransaction(heap, event.transaction),
    heap.writePointerArray(params, "ArrayEventParam"),
    event.receipt ? writeReceipt(heap, event.receipt) : 0,
  ]);
}
