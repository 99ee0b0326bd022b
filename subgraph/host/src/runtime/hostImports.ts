/**
 * The graph-ts host functions, bound by name like graph-node's `runtime/wasm/src/module`
 * linker. Each reads its arguments from mapping memory, does the work in JavaScript and writes
 * its result back. Chain reads are asynchronous and suspend the mapping through JavaScript
 * Promise Integration (`WebAssembly.Suspending`).
 */
import { base58btc } from "multiformats/bases/base58";
import {
  decodeAbiParameters,
  decodeFunctionResult,
  encodeAbiParameters,
  encodeFunctionData,
  keccak256,
  type AbiFunction,
  type AbiParameter,
  type Hex,
} from "viem";
import { MappingError } from "../errors.ts";
import type { AscHeap } from "../asc/heap.ts";
import { parseSolidityType } from "../asc/solidityType.ts";
import { coerceEthereumValue, readEthereumValue, writeEthereumValue } from "../asc/ethereumValues.ts";
import { parseJsonKeepingNumbers, writeJsonValue } from "../asc/jsonValues.ts";
import { readEntity, writeEntity } from "../asc/storeValues.ts";
import { BigDecimal } from "./bigDecimal.ts";
import type { TriggerContext } from "./context.ts";
import { bytesToHex, hexToBytes } from "../store/values.ts";

/** The mutable pair every host function works on: the current instance's memory and trigger. */
export type HostState = { heap: AscHeap; readonly ctx: TriggerContext };

type HostFunction = (...args: never[]) => unknown;

/** Host functions that may return a Promise and need JSPI (a plain value returns without suspending). */
export const ASYNC_IMPORTS = new Set([
  "ethereum.call",
  "ethereum.getBalance",
  "ethereum.hasCode",
  "store.get",
  "store.set",
  "store.loadRelated",
]);

const utf8 = new TextDecoder("utf-8");

function fail(message: string): never {
  throw new MappingError("HOST_FUNCTION_FAILED", message);
}

function formatSignature(fn: AbiFunction): string {
  const types = (params: readonly AbiParameter[]) => params.map(canonicalType).join(",");
  return `${fn.name}(${types(fn.inputs)}):(${types(fn.outputs)})`;
}

function canonicalType(parameter: AbiParameter): string {
  if (parameter.type.startsWith("tuple")) {
    const components = (parameter as { components?: readonly AbiParameter[] }).components ?? [];
    return `(${components.map(canonicalType).join(",")})${parameter.type.slice(5)}`;
  }
  return parameter.type;
}

/** Every host function this embedded host provides, keyed by graph-node's import name. */
export function createHostFunctions(state: HostState): Record<string, HostFunction> {
  const heap = () => state.heap;
  const str = (ptr: number) => state.heap.readString(ptr);
  const bigint = (ptr: number) => state.heap.readBigInt(ptr);
  const decimal = (ptr: number) => state.heap.readBigDecimal(ptr);
  const writeBigInt = (value: bigint) => state.heap.writeBigInt(value);
  const writeDecimal = (value: BigDecimal) => state.heap.writeBigDecimal(value);

  return {
    // ---- env ----
    abort: (msg: number, file: number, line: number, column: number) => {
      const message = msg ? str(msg) : "(no message)";
      const where = file ? ` in ${str(file)}(${line}:${column})` : "";
      throw new MappingError("MAPPING_ABORTED", `Mapping aborted${where}, with message: ${message}`);
    },

    // ---- store ----
    "store.get": (entity: number, id: number) => {
      const found = state.ctx.store.get(str(entity), str(id));
      if (found instanceof Promise) return found.then((e) => (e ? writeEntity(heap(), e) : 0));
      return found ? writeEntity(heap(), found) : 0;
    },
    "store.get_in_block": (entity: number, id: number) => {
      const found = state.ctx.store.getInBlock(str(entity), str(id));
      return found ? writeEntity(heap(), found) : 0;
    },
    "store.loadRelated": async (entity: number, id: number, field: number) => {
      const related = await state.ctx.store.loadRelated(str(entity), str(id), str(field));
      return heap().writePointerArray(
        related.map((e) => writeEntity(heap(), e)),
        "ArrayTypedMapEntryStringStoreValue",
      );
    },
    "store.set": (entity: number, id: number, data: number) =>
      state.ctx.store.set(str(entity), str(id), readEntity(heap(), data)),
    "store.remove": (entity: number, id: number) => {
      state.ctx.store.remove(str(entity), str(id));
    },

    // ---- log ----
    "log.log": (level: number, msg: number) => {
      const message = str(msg);
      state.ctx.log(level, message);
      if (level === 0) throw new MappingError("MAPPING_ABORTED", `Critical error logged in mapping: ${message}`);
    },

    // ---- crypto ----
    "crypto.keccak256": (input: number) => heap().writeBytes(hexToBytes(keccak256(heap().readBytes(input), "hex"))),

    // ---- typeConversion ----
    "typeConversion.bytesToString": (bytes: number) => {
      // graph-node drops trailing NUL characters (fixed-size string fields padded with zeros).
      const text = utf8.decode(heap().readBytes(bytes));
      let end = text.length;
      while (end > 0 && text.charCodeAt(end - 1) === 0) end--;
      return heap().writeString(text.slice(0, end));
    },
    "typeConversion.bytesToHex": (bytes: number) => heap().writeString(bytesToHex(heap().readBytes(bytes))),
    "typeConversion.bigIntToString": (value: number) => heap().writeString(bigint(value).toString()),
    "typeConversion.bigIntToHex": (value: number) => {
      const v = bigint(value);
      return heap().writeString(v < 0n ? `-0x${(-v).toString(16)}` : `0x${v.toString(16)}`);
    },
    "typeConversion.stringToH160": (text: number) => {
      const value = str(text);
      const body = value.startsWith("0x") ? value.slice(2) : value;
      if (!/^[0-9a-fA-F]{40}$/.test(body)) fail(`Failed to convert string to Address/H160: '${value}'`);
      return heap().writeBytes(hexToBytes(body));
    },
    "typeConversion.bytesToBase58": (bytes: number) =>
      heap().writeString(base58btc.baseEncode(heap().readBytes(bytes))),

    // ---- bigInt ----
    "bigInt.plus": (x: number, y: number) => writeBigInt(bigint(x) + bigint(y)),
    "bigInt.minus": (x: number, y: number) => writeBigInt(bigint(x) - bigint(y)),
    "bigInt.times": (x: number, y: number) => writeBigInt(bigint(x) * bigint(y)),
    "bigInt.dividedBy": (x: number, y: number) => {
      const divisor = bigint(y);
      if (divisor === 0n) fail("attempted to divide BigInt by zero");
      return writeBigInt(bigint(x) / divisor);
    },
    "bigInt.dividedByDecimal": (x: number, y: number) => {
      const divisor = decimal(y);
      if (divisor.digits === 0n) fail("attempted to divide BigInt by zero");
      return writeDecimal(BigDecimal.fromBigInt(bigint(x)).dividedBy(divisor));
    },
    "bigInt.mod": (x: number, y: number) => {
      const divisor = bigint(y);
      if (divisor === 0n) fail("attempted to calculate the remainder of a division by zero");
      return writeBigInt(bigint(x) % divisor);
    },
    "bigInt.pow": (x: number, exp: number) => writeBigInt(bigint(x) ** BigInt(exp & 0xff)),
    "bigInt.fromString": (text: number) => {
      const value = str(text);
      if (!/^[+-]?\d+$/.test(value)) fail(`Failed to parse BigInt from string "${value}"`);
      return writeBigInt(BigInt(value));
    },
    "bigInt.bitOr": (x: number, y: number) => writeBigInt(bigint(x) | bigint(y)),
    "bigInt.bitAnd": (x: number, y: number) => writeBigInt(bigint(x) & bigint(y)),
    "bigInt.leftShift": (x: number, bits: number) => writeBigInt(bigint(x) << BigInt(bits & 0xff)),
    "bigInt.rightShift": (x: number, bits: number) => writeBigInt(bigint(x) >> BigInt(bits & 0xff)),

    // ---- bigDecimal ----
    "bigDecimal.plus": (x: number, y: number) => writeDecimal(decimal(x).plus(decimal(y))),
    "bigDecimal.minus": (x: number, y: number) => writeDecimal(decimal(x).minus(decimal(y))),
    "bigDecimal.times": (x: number, y: number) => writeDecimal(decimal(x).times(decimal(y))),
    "bigDecimal.dividedBy": (x: number, y: number) => {
      const divisor = decimal(y);
      if (divisor.digits === 0n) fail("attempted to divide BigDecimal by zero");
      return writeDecimal(decimal(x).dividedBy(divisor));
    },
    "bigDecimal.equals": (x: number, y: number) => (decimal(x).equals(decimal(y)) ? 1 : 0),
    "bigDecimal.toString": (x: number) => heap().writeString(decimal(x).toString()),
    "bigDecimal.fromString": (text: number) => {
      const value = str(text);
      try {
        return writeDecimal(BigDecimal.fromString(value));
      } catch {
        return fail(`Failed to parse BigDecimal from string "${value}"`);
      }
    },

    // ---- json ----
    "json.fromBytes": (bytes: number) => {
      const text = utf8.decode(heap().readBytes(bytes));
      let value;
      try {
        value = parseJsonKeepingNumbers(text);
      } catch (error) {
        return fail(`Failed to parse JSON from byte array: ${String(error)}`);
      }
      return writeJsonValue(heap(), value);
    },
    "json.try_fromBytes": (bytes: number) => {
      const h = heap();
      let result: number;
      try {
        const value = writeJsonValue(h, parseJsonKeepingNumbers(utf8.decode(h.readBytes(bytes))));
        result = h.writeStruct("ResultJsonValueBool", [h.writeStruct("WrappedJsonValue", [value]), 0]);
      } catch {
        result = h.writeStruct("ResultJsonValueBool", [0, h.writeWrappedBool(true)]);
      }
      return result;
    },
    "json.toI64": (text: number) => {
      const value = str(text);
      if (!/^[+-]?\d+$/.test(value)) fail(`JSON number ${value} is not an i64`);
      const parsed = BigInt(value);
      if (parsed !== BigInt.asIntN(64, parsed)) fail(`JSON number ${value} is out of the i64 range`);
      return parsed;
    },
    "json.toU64": (text: number) => {
      const value = str(text);
      if (!/^\+?\d+$/.test(value)) fail(`JSON number ${value} is not a u64`);
      const parsed = BigInt(value);
      if (parsed !== BigInt.asUintN(64, parsed)) fail(`JSON number ${value} is out of the u64 range`);
      return BigInt.asIntN(64, parsed);
    },
    "json.toF64": (text: number) => {
      const parsed = Number(str(text));
      if (Number.isNaN(parsed)) fail(`JSON number ${str(text)} is not an f64`);
      return parsed;
    },
    "json.toBigInt": (text: number) => {
      const value = str(text);
      if (!/^[+-]?\d+$/.test(value)) fail(`JSON number ${value} is not an integer`);
      return writeBigInt(BigInt(value));
    },

    // ---- ethereum ----
    "ethereum.encode": (token: number) => {
      try {
        const { parameter, value } = readEthereumValue(heap(), token);
        return heap().writeBytes(hexToBytes(encodeAbiParameters([parameter], [value])));
      } catch {
        return 0;
      }
    },
    "ethereum.decode": (types: number, data: number) => {
      const typeText = str(types);
      try {
        const parameter = parseSolidityType(typeText);
        const [value] = decodeAbiParameters([parameter], bytesToHex(heap().readBytes(data)) as Hex);
        return writeEthereumValue(heap(), parameter, value);
      } catch {
        return 0;
      }
    },
    "ethereum.call": async (call: number) => {
      const h = heap();
      const contractName = h.readString(h.u32(call));
      const address = bytesToHex(h.readBytes(h.u32(call + 4))) as Hex;
      const functionName = h.readString(h.u32(call + 8));
      const signaturePtr = h.u32(call + 12);
      const signature = signaturePtr ? h.readString(signaturePtr) : undefined;
      const tokens = h.readPointerArray(h.u32(call + 16)).map((p) => readEthereumValue(h, p));
      const abi = state.ctx.dataSource.abis.get(contractName);
      if (!abi)
        return fail(
          `Could not find ABI for contract "${contractName}", try adding it to the 'abis' section of the subgraph manifest`,
        );
      const functions = abi.filter((i): i is AbiFunction => i.type === "function" && i.name === functionName);
      const fn =
        (signature ? functions.find((f) => formatSignature(f) === signature.replace(/\s+/g, "")) : undefined) ??
        (functions.length === 1 ? functions[0] : undefined);
      if (!fn) return fail(`Unknown function "${contractName}::${functionName}" called from WASM runtime`);
      if (tokens.length !== fn.inputs.length)
        return fail(
          `Function "${contractName}::${functionName}" takes ${fn.inputs.length} arguments, the mapping passed ${tokens.length}`,
        );
      let data: Hex;
      try {
        const args = fn.inputs.map((input, i) => coerceEthereumValue(input, tokens[i]!));
        data = encodeFunctionData({ abi: [fn], functionName: fn.name, args });
      } catch (error) {
        return fail(
          `Failed to call function "${functionName}" of contract "${contractName}": ${(error as Error).message.split("\n")[0]}`,
        );
      }
      const result = await state.ctx.chain.call(address, data);
      if (result === null) return 0;
      let decoded: unknown;
      try {
        decoded = decodeFunctionResult({ abi: [fn], functionName: fn.name, data: result });
      } catch {
        // Like graph-node: output that does not decode counts as a revert.
        return 0;
      }
      const outputs = fn.outputs.length === 1 ? [decoded] : (decoded as readonly unknown[]);
      const values = fn.outputs.map((output, i) => writeEthereumValue(state.heap, output, outputs[i]));
      return state.heap.writePointerArray(values, "ArrayEthereumValue");
    },
    "ethereum.getBalance": async (address: number) => {
      const balance = await state.ctx.chain.getBalance(bytesToHex(heap().readBytes(address)) as Hex);
      return state.heap.writeBigInt(balance);
    },
    "ethereum.hasCode": async (address: number) => {
      const hasCode = await state.ctx.chain.hasCode(bytesToHex(heap().readBytes(address)) as Hex);
      return state.heap.writeWrappedBool(hasCode);
    },

    // ---- dataSource ----
    "dataSource.address": () => heap().writeBytes(hexToBytes(state.ctx.dataSource.address)),
    "dataSource.network": () => heap().writeString(state.ctx.dataSource.network),
    "dataSource.context": () => writeEntity(heap(), state.ctx.dataSource.context),
    "dataSource.create": (name: number, params: number) => {
      state.ctx.createDataSource(str(name), heap().readStringArray(params), new Map());
    },
    "dataSource.createWithContext": (name: number, params: number, context: number) => {
      state.ctx.createDataSource(str(name), heap().readStringArray(params), readEntity(heap(), context));
    },

    // ---- ens: this host has no ENS name table, like a graph-node without one ----
    "ens.nameByHash": () => 0,

    // ---- linked but failing, as in graph-node: a mapping may import them and never call them ----
    "ipfs.cat": () => fail("`ipfs.cat` is deprecated. Improved support for IPFS will be added in the future"),
    "ipfs.getBlock": () => fail("`ipfs.getBlock` is deprecated. Improved support for IPFS will be added in the future"),
    "ipfs.map": () => fail("`ipfs.map` is deprecated. Improved support for IPFS will be added in the future"),
    "arweave.transactionData": () => fail("`arweave.transactionData` has been removed."),
    "box.profile": () => fail("`box.profile` has been removed."),
    "yaml.fromBytes": () => fail("`yaml.fromBytes` is not supported by the embedded subgraph host"),
    "yaml.try_fromBytes": () => fail("`yaml.try_fromBytes` is not supported by the embedded subgraph host"),
  };
}
