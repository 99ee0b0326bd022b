/**
 * `ethereum.Value` (graph-ts `chain/ethereum.ts`) ⇄ ABI values as viem encodes and decodes them.
 * Kinds: Address 0, FixedBytes 1, Bytes 2, Int 3, Uint 4, Bool 5, String 6, FixedArray 7,
 * Array 8, Tuple 9, Function 10.
 */
import type { AbiParameter } from "viem";
import type { AscHeap } from "./heap.ts";
import { bytesToHex, hexToBytes } from "../store/values.ts";

export const EthereumValueKind = {
  Address: 0,
  FixedBytes: 1,
  Bytes: 2,
  Int: 3,
  Uint: 4,
  Bool: 5,
  String: 6,
  FixedArray: 7,
  Array: 8,
  Tuple: 9,
  Function: 10,
} as const;

type Components = { components?: readonly AbiParameter[] };

function arrayShape(type: string): { element: string; size: number | undefined } | undefined {
  const match = /^(.*)\[(\d*)\]$/.exec(type);
  if (!match) return undefined;
  return { element: match[1]!, size: match[2] === "" ? undefined : Number(match[2]) };
}

/** Writes an ABI-decoded value (viem's JavaScript form) as an `ethereum.Value`. */
export function writeEthereumValue(heap: AscHeap, parameter: AbiParameter, value: unknown): number {
  const type = parameter.type;
  const array = arrayShape(type);
  if (array) {
    const elementParameter = { ...parameter, type: array.element } as AbiParameter;
    const elements = (value as readonly unknown[]).map((v) => writeEthereumValue(heap, elementParameter, v));
    const ptr = heap.writePointerArray(elements, "ArrayEthereumValue");
    return heap.writeEnum(
      "EthereumValue",
      array.size === undefined ? EthereumValueKind.Array : EthereumValueKind.FixedArray,
      ptr,
    );
  }
  if (type === "tuple") {
    const components = (parameter as Components).components ?? [];
    const values = Array.isArray(value)
      ? (value as readonly unknown[])
      : components.map((c, i) => (value as Record<string, unknown>)[c.name ?? String(i)]);
    const elements = components.map((c, i) => writeEthereumValue(heap, c, values[i]));
    return heap.writeEnum(
      "EthereumValue",
      EthereumValueKind.Tuple,
      heap.writePointerArray(elements, "ArrayEthereumValue"),
    );
  }
  if (type === "address")
    return heap.writeEnum("EthereumValue", EthereumValueKind.Address, heap.writeBytes(hexToBytes(value as string)));
  if (type === "bool") return heap.writeEnum("EthereumValue", EthereumValueKind.Bool, value ? 1 : 0);
  if (type === "string")
    return heap.writeEnum("EthereumValue", EthereumValueKind.String, heap.writeString(value as string));
  if (type === "bytes")
    return heap.writeEnum("EthereumValue", EthereumValueKind.Bytes, heap.writeBytes(hexToBytes(value as string)));
  if (type === "function")
    return heap.writeEnum("EthereumValue", EthereumValueKind.Function, heap.writeBytes(hexToBytes(value as string)));
  if (/^bytes\d+$/.test(type))
    return heap.writeEnum("EthereumValue", EthereumValueKind.FixedBytes, heap.writeBytes(hexToBytes(value as string)));
  if (/^u?int\d*$/.test(type)) {
    const kind = type.startsWith("u") ? EthereumValueKind.Uint : EthereumValueKind.Int;
    return heap.writeEnum("EthereumValue", kind, heap.writeBigInt(BigInt(value as bigint | number)));
  }
  throw new Error(`unsupported ABI type ${type}`);
}

/** Writes the 32-byte topic of an indexed dynamic value (string, bytes, array, tuple) as FixedBytes, like graph-node. */
export function writeTopicHash(heap: AscHeap, topic: string): number {
  return heap.writeEnum("EthereumValue", EthereumValueKind.FixedBytes, heap.writeBytes(hexToBytes(topic)));
}

/** Reads an `ethereum.Value` back as an ABI parameter and the JavaScript value viem encodes. */
export function readEthereumValue(heap: AscHeap, ptr: number): { parameter: AbiParameter; value: unknown } {
  const { kind, payload } = heap.readEnum(ptr);
  const pointer = Number(payload & 0xffffffffn);
  switch (kind) {
    case EthereumValueKind.Address:
      return { parameter: { type: "address" }, value: bytesToHex(heap.readBytes(pointer)) };
    case EthereumValueKind.FixedBytes: {
      const bytes = heap.readBytes(pointer);
      return { parameter: { type: `bytes${bytes.length}` }, value: bytesToHex(bytes) };
    }
    case EthereumValueKind.Bytes:
      return { parameter: { type: "bytes" }, value: bytesToHex(heap.readBytes(pointer)) };
    case EthereumValueKind.Function:
      return { parameter: { type: "bytes24" }, value: bytesToHex(heap.readBytes(pointer)) };
    case EthereumValueKind.Int:
      return { parameter: { type: "int256" }, value: heap.readBigInt(pointer) };
    case EthereumValueKind.Uint:
      return { parameter: { type: "uint256" }, value: heap.readBigInt(pointer) };
    case EthereumValueKind.Bool:
      return { parameter: { type: "bool" }, value: payload !== 0n };
    case EthereumValueKind.String:
      return { parameter: { type: "string" }, value: heap.readString(pointer) };
    case EthereumValueKind.FixedArray:
    case EthereumValueKind.Array: {
      const elements = heap.readPointerArray(pointer).map((p) => readEthereumValue(heap, p));
      const elementType = elements[0]?.parameter ?? { type: "uint256" };
      const suffix = kind === EthereumValueKind.Array ? "[]" : `[${elements.length}]`;
      return {
        parameter: { ...elementType, type: `${elementType.type}${suffix}` } as AbiParameter,
        value: elements.map((e) => e.value),
      };
    }
    case EthereumValueKind.Tuple: {
      const elements = heap.readPointerArray(pointer).map((p) => readEthereumValue(heap, p));
      return {
        parameter: { type: "tuple", components: elements.map((e) => e.parameter) },
        value: elements.map((e) => e.value),
      };
    }
    default:
      throw new Error(`unknown ethereum.Value kind ${kind}`);
  }
}

/**
 * Fits a value read from the mapping to a function input's type the way graph-node does before
 * an `eth_call`: a shorter `FixedBytes` is padded with zeros on the right (`bytes4` into
 * `bytes32`), an integer must fit the input's width, arrays and tuples are checked element by
 * element. Anything else is a type mismatch, named in the error.
 */
export function coerceEthereumValue(target: AbiParameter, token: { parameter: AbiParameter; value: unknown }): unknown {
  const fail = (): never => {
    throw new Error(`type mismatch: ${describeToken(token)} is not a ${target.type}`);
  };
  const type = target.type;
  const array = arrayShape(type);
  if (array) {
    const tokenArray = arrayShape(token.parameter.type);
    if (!tokenArray || (array.size === undefined) !== (tokenArray.size === undefined)) return fail();
    const elements = token.value as readonly unknown[];
    if (array.size !== undefined && elements.length !== array.size) return fail();
    const elementTarget = { ...target, type: array.element } as AbiParameter;
    const elementParameter = { ...token.parameter, type: tokenArray.element } as AbiParameter;
    return elements.map((value) => coerceEthereumValue(elementTarget, { parameter: elementParameter, value }));
  }
  if (type === "tuple") {
    const components = (target as Components).components ?? [];
    const tokenComponents = (token.parameter as Components).components;
    const values = token.value as readonly unknown[];
    if (token.parameter.type !== "tuple" || !tokenComponents || values.length !== components.length) return fail();
    return components.map((component, i) =>
      coerceEthereumValue(component, { parameter: tokenComponents[i]!, value: values[i] }),
    );
  }
  const fixed = /^bytes(\d+)$/.exec(type);
  if (fixed) {
    const size = Number(fixed[1]);
    const given = /^bytes(\d+)$/.exec(token.parameter.type);
    if (!given || Number(given[1]) > size) return fail();
    return `${token.value as string}${"00".repeat(size - Number(given[1]))}`;
  }
  const integer = /^(u?)int(\d*)$/.exec(type);
  if (integer) {
    const unsigned = integer[1] === "u";
    const bits = BigInt(integer[2] || "256");
    if (token.parameter.type !== (unsigned ? "uint256" : "int256")) return fail();
    const value = token.value as bigint;
    const fits = unsigned
      ? value >= 0n && value < 1n << bits
      : value >= -(1n << (bits - 1n)) && value < 1n << (bits - 1n);
    if (!fits) return fail();
    return value;
  }
  if (token.parameter.type !== type) return fail();
  return token.value;
}

function describeToken(token: { parameter: AbiParameter; value: unknown }): string {
  const value = token.value;
  const shown = Array.isArray(value) ? `[${value.length} values]` : String(value);
  return `${token.parameter.type} ${shown.length > 80 ? `${shown.slice(0, 77)}…` : shown}`;
}
