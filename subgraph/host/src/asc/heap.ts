/**
 * Reads and writes AssemblyScript objects in a mapping's linear memory, in the layout of
 * apiVersion ≥ 0.0.5 (AssemblyScript ≥ 0.19, stub runtime): every object has a 20-byte header
 * and is allocated through the module's own `__new(size, classId)`, so headers, class ids and
 * alignment are the module's.
 *
 *   String       UTF-16LE payload
 *   ArrayBuffer  raw bytes
 *   Uint8Array   buffer, dataStart, byteLength        (Bytes, Address, BigInt)
 *   Array<T>     buffer, dataStart, byteLength, length
 *   AscEnum      kind u32, padding u32, payload u64   (ethereum.Value, store Value, JSONValue)
 */
import { MappingError } from "../errors.ts";
import { bigIntFromSignedBytesLE, bigIntToSignedBytesLE } from "./bigIntBytes.ts";
import { BigDecimal } from "../runtime/bigDecimal.ts";

/** graph-ts `TypeId` names this host allocates (see graph-ts `global/global.ts`). */
export type AscTypeName =
  | "String"
  | "ArrayBuffer"
  | "Uint8Array"
  | "BigDecimal"
  | "ArrayUint8Array"
  | "ArrayEthereumValue"
  | "ArrayStoreValue"
  | "ArrayJsonValue"
  | "ArrayString"
  | "ArrayEventParam"
  | "ArrayTypedMapEntryStringJsonValue"
  | "ArrayTypedMapEntryStringStoreValue"
  | "ArrayLog"
  | "ArrayH256"
  | "WrappedBool"
  | "WrappedJsonValue"
  | "EventParam"
  | "EthereumTransaction"
  | "EthereumBlock"
  | "EthereumValue"
  | "StoreValue"
  | "JsonValue"
  | "EthereumEvent"
  | "TypedMapEntryStringStoreValue"
  | "TypedMapEntryStringJsonValue"
  | "TypedMapStringStoreValue"
  | "TypedMapStringJsonValue"
  | "ResultJsonValueBool"
  | "TransactionReceipt"
  | "Log";

export type AscExports = {
  memory: WebAssembly.Memory;
  __new: (size: number, classId: number) => number;
};

function loneSurrogate(): MappingError {
  return new MappingError("HOST_FUNCTION_FAILED", "A string from the mapping is not valid UTF-16 (lone surrogate)");
}

/** graph-node's limits on numbers leaving a mapping. */
const MAX_BIGINT_BITS = 435_412;
const MIN_DECIMAL_EXP = -6143;
const MAX_DECIMAL_EXP = 6144;

/** Strict: a lone surrogate is an error, as in graph-node's `String::from_utf16`. */
const utf16 = new TextDecoder("utf-16le", { fatal: true });

export class AscHeap {
  private readonly memory: WebAssembly.Memory;
  private readonly newObject: (size: number, classId: number) => number;
  private readonly classIds: (name: AscTypeName) => number;
  private buffer: ArrayBuffer;
  private view: DataView;
  private bytes: Uint8Array;

  constructor(exports: AscExports, classIds: (name: AscTypeName) => number) {
    this.memory = exports.memory;
    this.newObject = exports.__new;
    this.classIds = classIds;
    this.buffer = this.memory.buffer;
    this.view = new DataView(this.buffer);
    this.bytes = new Uint8Array(this.buffer);
  }

  /** Memory may grow (and its old buffer detach, byteLength 0) on any allocation. */
  private refresh(): void {
    if (this.buffer.byteLength === 0) {
      this.buffer = this.memory.buffer;
      this.view = new DataView(this.buffer);
      this.bytes = new Uint8Array(this.buffer);
    }
  }

  alloc(size: number, type: AscTypeName): number {
    const ptr = this.newObject(size, this.classIds(type));
    this.refresh();
    return ptr;
  }

  // ---- primitives ----------------------------------------------------------------------------

  u32(ptr: number): number {
    this.refresh();
    return this.view.getUint32(ptr, true);
  }

  i32(ptr: number): number {
    this.refresh();
    return this.view.getInt32(ptr, true);
  }

  u64(ptr: number): bigint {
    this.refresh();
    return this.view.getBigUint64(ptr, true);
  }

  i64(ptr: number): bigint {
    this.refresh();
    return this.view.getBigInt64(ptr, true);
  }

  setU32(ptr: number, value: number): void {
    this.refresh();
    this.view.setUint32(ptr, value >>> 0, true);
  }

  setU64(ptr: number, value: bigint): void {
    this.refresh();
    this.view.setBigUint64(ptr, BigInt.asUintN(64, value), true);
  }

  setU8(ptr: number, value: number): void {
    this.refresh();
    this.bytes[ptr] = value;
  }

  /** Payload size of the object at `ptr`, from its header's `rtSize`. */
  objectSize(ptr: number): number {
    return this.u32(ptr - 4);
  }

  // ---- String --------------------------------------------------------------------------------

  /**
   * A string leaving the mapping. NUL characters are stripped, as graph-node does (Postgres
   * cannot store them); invalid UTF-16 (a lone surrogate) fails the handler deterministically.
   */
  readString(ptr: number): string {
    if (ptr === 0) throw new MappingError("HOST_FUNCTION_FAILED", "A string argument was null");
    const size = this.objectSize(ptr);
    if (size <= 64) return this.readShortString(ptr, size >>> 1);
    let text: string;
    try {
      text = utf16.decode(this.bytes.subarray(ptr, ptr + size));
    } catch {
      throw loneSurrogate();
    }
    return text.includes("\0") ? text.replaceAll("\0", "") : text;
  }

  /** Field names, ids and most values: code units read straight from memory, checked as decode would. */
  private readShortString(ptr: number, length: number): string {
    let text = "";
    for (let i = 0; i < length; i++) {
      const unit = this.view.getUint16(ptr + i * 2, true);
      if (unit === 0) continue;
      if (unit >= 0xd800 && unit <= 0xdfff) {
        const next = i + 1 < length ? this.view.getUint16(ptr + i * 2 + 2, true) : 0;
        if (unit > 0xdbff || next < 0xdc00 || next > 0xdfff) throw loneSurrogate();
        text += String.fromCharCode(unit, next);
        i++;
        continue;
      }
      text += String.fromCharCode(unit);
    }
    return text;
  }

  writeString(text: string): number {
    const ptr = this.alloc(text.length * 2, "String");
    for (let i = 0; i < text.length; i++) this.view.setUint16(ptr + i * 2, text.charCodeAt(i), true);
    return ptr;
  }

  // ---- Uint8Array (Bytes, Address, BigInt) ---------------------------------------------------

  /** A copy of the bytes of a `Uint8Array` (or subclass) object. */
  readBytes(ptr: number): Uint8Array {
    if (ptr === 0) throw new Error("null Uint8Array pointer");
    const dataStart = this.u32(ptr + 4);
    const length = this.u32(ptr + 8);
    return this.bytes.slice(dataStart, dataStart + length);
  }

  writeArrayBuffer(data: Uint8Array): number {
    const ptr = this.alloc(data.length, "ArrayBuffer");
    this.bytes.set(data, ptr);
    return ptr;
  }

  writeBytes(data: Uint8Array): number {
    const buffer = this.writeArrayBuffer(data);
    const ptr = this.alloc(12, "Uint8Array");
    this.setU32(ptr, buffer);
    this.setU32(ptr + 4, buffer);
    this.setU32(ptr + 8, data.length);
    return ptr;
  }

  /** A BigInt from the mapping; like graph-node, at most 435,412 bits (Postgres `numeric`'s 131,072 digits). */
  readBigInt(ptr: number): bigint {
    const bytes = this.readBytes(ptr);
    const value = bigIntFromSignedBytesLE(bytes);
    if (bytes.length * 8 > MAX_BIGINT_BITS) {
      const hex = (value < 0n ? -value : value).toString(16);
      const bits = (hex.length - 1) * 4 + Number.parseInt(hex[0]!, 16).toString(2).length + 1;
      if (bits > MAX_BIGINT_BITS)
        throw new MappingError(
          "HOST_FUNCTION_FAILED",
          `BigInt is too big, total bits ${bits} (max ${MAX_BIGINT_BITS})`,
        );
    }
    return value;
  }

  writeBigInt(value: bigint): number {
    return this.writeBytes(bigIntToSignedBytesLE(value));
  }

  // ---- BigDecimal: digits (BigInt), exp (BigInt) ---------------------------------------------

  /** A BigDecimal from the mapping; its exponent must lie in decimal128's range, as graph-node checks. */
  readBigDecimal(ptr: number): BigDecimal {
    const exp = this.readBigInt(this.u32(ptr + 4));
    const value = BigDecimal.of(this.readBigInt(this.u32(ptr)), Number(BigInt.asIntN(64, exp)));
    if (value.digits !== 0n && (value.exp < MIN_DECIMAL_EXP || value.exp > MAX_DECIMAL_EXP))
      throw new MappingError(
        "HOST_FUNCTION_FAILED",
        `big decimal exponent \`${value.exp}\` is outside the \`${MIN_DECIMAL_EXP}\` to \`${MAX_DECIMAL_EXP}\` range`,
      );
    return value;
  }

  writeBigDecimal(value: BigDecimal): number {
    const digits = this.writeBigInt(value.digits);
    const exp = this.writeBigInt(BigInt(value.exp));
    const ptr = this.alloc(8, "BigDecimal");
    this.setU32(ptr, digits);
    this.setU32(ptr + 4, exp);
    return ptr;
  }

  // ---- Array<T> of pointers ------------------------------------------------------------------

  /** Element pointers of an `Array<T>` whose elements are objects (u32 pointers). */
  readPointerArray(ptr: number): number[] {
    const dataStart = this.u32(ptr + 4);
    const length = this.u32(ptr + 12);
    const out = new Array<number>(length);
    for (let i = 0; i < length; i++) out[i] = this.u32(dataStart + i * 4);
    return out;
  }

  writePointerArray(elements: readonly number[], type: AscTypeName): number {
    const buffer = this.alloc(elements.length * 4, "ArrayBuffer");
    for (let i = 0; i < elements.length; i++) this.setU32(buffer + i * 4, elements[i]!);
    const ptr = this.alloc(16, type);
    this.setU32(ptr, buffer);
    this.setU32(ptr + 4, buffer);
    this.setU32(ptr + 8, elements.length * 4);
    this.setU32(ptr + 12, elements.length);
    return ptr;
  }

  readStringArray(ptr: number): string[] {
    return this.readPointerArray(ptr).map((element) => this.readString(element));
  }

  writeStringArray(values: readonly string[]): number {
    return this.writePointerArray(
      values.map((value) => this.writeString(value)),
      "ArrayString",
    );
  }

  // ---- AscEnum: kind u32, padding u32, payload u64 --------------------------------------------

  readEnum(ptr: number): { kind: number; payload: bigint } {
    return { kind: this.u32(ptr), payload: this.u64(ptr + 8) };
  }

  writeEnum(type: AscTypeName, kind: number, payload: bigint | number): number {
    const ptr = this.alloc(16, type);
    this.setU32(ptr, kind);
    this.setU32(ptr + 4, 0);
    this.setU64(ptr + 8, BigInt(payload));
    return ptr;
  }

  // ---- plain objects: consecutive u32 fields --------------------------------------------------

  writeStruct(type: AscTypeName, fields: readonly number[]): number {
    const ptr = this.alloc(fields.length * 4, type);
    for (let i = 0; i < fields.length; i++) this.setU32(ptr + i * 4, fields[i]!);
    return ptr;
  }

  /** graph-ts `Wrapped<bool>`: one `bool` field. */
  writeWrappedBool(value: boolean): number {
    const ptr = this.alloc(4, "WrappedBool");
    this.setU8(ptr, value ? 1 : 0);
    return ptr;
  }
}
