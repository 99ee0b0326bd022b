/** Store `Value`s and `Entity` maps in mapping memory (graph-ts `common/value.ts`, `collections.ts`). */
import type { AscHeap } from "./heap.ts";
import { StoreValueKind, type Entity, type StoreValue } from "../store/values.ts";

export function readStoreValue(heap: AscHeap, ptr: number): StoreValue {
  const { kind, payload } = heap.readEnum(ptr);
  const pointer = Number(payload & 0xffffffffn);
  switch (kind) {
    case StoreValueKind.String:
      return { kind: "String", value: heap.readString(pointer) };
    case StoreValueKind.Int:
      return { kind: "Int", value: Number(BigInt.asIntN(32, payload)) };
    case StoreValueKind.BigDecimal:
      return { kind: "BigDecimal", value: heap.readBigDecimal(pointer) };
    case StoreValueKind.Bool:
      return { kind: "Bool", value: payload !== 0n };
    case StoreValueKind.Array:
      return { kind: "Array", value: heap.readPointerArray(pointer).map((p) => readStoreValue(heap, p)) };
    case StoreValueKind.Null:
      return { kind: "Null" };
    case StoreValueKind.Bytes:
      return { kind: "Bytes", value: heap.readBytes(pointer) };
    case StoreValueKind.BigInt:
      return { kind: "BigInt", value: heap.readBigInt(pointer) };
    case StoreValueKind.Int8:
      return { kind: "Int8", value: BigInt.asIntN(64, payload) };
    case StoreValueKind.Timestamp:
      return { kind: "Timestamp", value: BigInt.asIntN(64, payload) };
    default:
      throw new Error(`unknown store value kind ${kind}`);
  }
}

export function writeStoreValue(heap: AscHeap, value: StoreValue): number {
  const kind = StoreValueKind[value.kind];
  switch (value.kind) {
    case "String":
      return heap.writeEnum("StoreValue", kind, heap.writeString(value.value));
    case "Int":
      return heap.writeEnum("StoreValue", kind, BigInt.asUintN(32, BigInt(value.value)));
    case "BigDecimal":
      return heap.writeEnum("StoreValue", kind, heap.writeBigDecimal(value.value));
    case "Bool":
      return heap.writeEnum("StoreValue", kind, value.value ? 1 : 0);
    case "Array": {
      const elements = value.value.map((element) => writeStoreValue(heap, element));
      return heap.writeEnum("StoreValue", kind, heap.writePointerArray(elements, "ArrayStoreValue"));
    }
    case "Null":
      return heap.writeEnum("StoreValue", kind, 0);
    case "Bytes":
      return heap.writeEnum("StoreValue", kind, heap.writeBytes(value.value));
    case "BigInt":
      return heap.writeEnum("StoreValue", kind, heap.writeBigInt(value.value));
    case "Int8":
    case "Timestamp":
      return heap.writeEnum("StoreValue", kind, value.value);
  }
}

/** An `Entity` (`TypedMap<string, Value>`): entries → Array of `TypedMapEntry { key, value }`. */
export function readEntity(heap: AscHeap, ptr: number): Entity {
  const entity: Entity = new Map();
  for (const entry of heap.readPointerArray(heap.u32(ptr))) {
    entity.set(heap.readString(heap.u32(entry)), readStoreValue(heap, heap.u32(entry + 4)));
  }
  return entity;
}

export function writeEntity(heap: AscHeap, entity: Entity): number {
  const entries: number[] = [];
  for (const [key, value] of entity) {
    const keyPtr = heap.writeString(key);
    const valuePtr = writeStoreValue(heap, value);
    entries.push(heap.writeStruct("TypedMapEntryStringStoreValue", [keyPtr, valuePtr]));
  }
  const array = heap.writePointerArray(entries, "ArrayTypedMapEntryStringStoreValue");
  return heap.writeStruct("TypedMapStringStoreValue", [array]);
}
