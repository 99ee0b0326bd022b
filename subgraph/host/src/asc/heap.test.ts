/**
 * Memory layout against a real graph-cli module: objects are allocated through the module's own
 * `__new`, so headers (class id, payload size) must match what AssemblyScript expects, and what
 * the host writes must read back unchanged.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { BigDecimal } from "../runtime/bigDecimal.ts";
import { exportMutableGlobals } from "../runtime/exportGlobals.ts";
import type { Entity } from "../store/values.ts";
import { buildMarkspaceSubgraph } from "../testing/subgraphBuilds.ts";
import { AscHeap, type AscTypeName } from "./heap.ts";
import { readEntity, readStoreValue, writeEntity, writeStoreValue } from "./storeValues.ts";

let heap: AscHeap;
let exports: WebAssembly.Exports & { memory: WebAssembly.Memory; id_of_type: (i: number) => number };
const classId = (name: AscTypeName) =>
  exports.id_of_type(Number((exports[`TypeId.${name}`] as WebAssembly.Global).value));

beforeAll(async () => {
  const { buildDir } = await buildMarkspaceSubgraph({
    network: "hardhat",
    UnitRegistry: { address: "0x00000000000000000000000000000000000000aa", startBlock: 5 },
  });
  const module = new WebAssembly.Module(await readFile(join(buildDir, "UnitRegistry", "UnitRegistry.wasm")));
  const imports: Record<string, Record<string, () => never>> = {};
  for (const entry of WebAssembly.Module.imports(module))
    (imports[entry.module] ??= {})[entry.name] = () => {
      throw new Error(`unexpected call to ${entry.name}`);
    };
  const instance = new WebAssembly.Instance(module, imports);
  exports = instance.exports as typeof exports;
  (exports["_start"] as () => void)();
  heap = new AscHeap(exports as never, classId);
});

function header(ptr: number): { rtId: number; rtSize: number } {
  const view = new DataView(exports.memory.buffer);
  return { rtId: view.getUint32(ptr - 8, true), rtSize: view.getUint32(ptr - 4, true) };
}

describe("AssemblyScript object layout", () => {
  it("writes strings as UTF-16 with the String class id and byte length", () => {
    for (const text of ["", "unit", "Ünïcødé ✓", "emoji 🏠 pair"]) {
      const ptr = heap.writeString(text);
      expect(header(ptr)).toEqual({ rtId: classId("String"), rtSize: text.length * 2 });
      expect(heap.readString(ptr)).toBe(text);
    }
  });

  it("writes Bytes as a 12-byte Uint8Array over its own ArrayBuffer", () => {
    const data = Uint8Array.from([0xde, 0xad, 0xbe, 0xef, 0x00]);
    const ptr = heap.writeBytes(data);
    expect(header(ptr)).toEqual({ rtId: classId("Uint8Array"), rtSize: 12 });
    const buffer = heap.u32(ptr);
    expect(heap.u32(ptr + 4)).toBe(buffer);
    expect(heap.u32(ptr + 8)).toBe(5);
    expect(header(buffer)).toEqual({ rtId: classId("ArrayBuffer"), rtSize: 5 });
    expect(heap.readBytes(ptr)).toEqual(data);
  });

  it("round-trips BigInts of both signs, including the 0x00 sign byte", () => {
    const cases: Array<[bigint, number[]]> = [
      [0n, [0x00]],
      [128n, [0x80, 0x00]],
      [-128n, [0x80]],
      [-1n, [0xff]],
      [2n ** 255n, []],
      [-(2n ** 200n) + 7n, []],
    ];
    for (const [value, bytes] of cases) {
      const ptr = heap.writeBigInt(value);
      if (bytes.length) expect([...heap.readBytes(ptr)]).toEqual(bytes);
      expect(heap.readBigInt(ptr)).toBe(value);
    }
  });

  it("writes BigDecimal as digits and exponent BigInts", () => {
    const value = BigDecimal.fromString("-12.345");
    const ptr = heap.writeBigDecimal(value);
    expect(header(ptr)).toEqual({ rtId: classId("BigDecimal"), rtSize: 8 });
    expect(heap.readBigInt(heap.u32(ptr))).toBe(-12345n);
    expect(heap.readBigInt(heap.u32(ptr + 4))).toBe(-3n);
    expect(heap.readBigDecimal(ptr).toString()).toBe("-12.345");
  });

  it("writes arrays as buffer, dataStart, byteLength, length", () => {
    const ptr = heap.writeStringArray(["a", "bc"]);
    expect(header(ptr)).toEqual({ rtId: classId("ArrayString"), rtSize: 16 });
    expect(heap.u32(ptr + 8)).toBe(8);
    expect(heap.u32(ptr + 12)).toBe(2);
    expect(heap.readStringArray(ptr)).toEqual(["a", "bc"]);
  });

  it("round-trips every store value kind inside an entity", () => {
    const entity: Entity = new Map([
      ["id", { kind: "Bytes", value: Uint8Array.from([1, 2, 3]) }],
      ["name", { kind: "String", value: "unit" }],
      ["count", { kind: "Int", value: -7 }],
      ["big", { kind: "BigInt", value: -(10n ** 30n) }],
      ["ratio", { kind: "BigDecimal", value: BigDecimal.fromString("0.5") }],
      ["flag", { kind: "Bool", value: true }],
      ["int8", { kind: "Int8", value: -(2n ** 62n) }],
      ["at", { kind: "Timestamp", value: 1_700_000_000_000_000n }],
      ["nothing", { kind: "Null" }],
      [
        "list",
        {
          kind: "Array",
          value: [
            { kind: "String", value: "x" },
            { kind: "Int", value: 2 },
          ],
        },
      ],
    ]);
    const ptr = writeEntity(heap, entity);
    expect(header(ptr).rtId).toBe(classId("TypedMapStringStoreValue"));
    expect(readEntity(heap, ptr)).toEqual(entity);
    const valuePtr = writeStoreValue(heap, { kind: "Int", value: 42 });
    expect(header(valuePtr)).toEqual({ rtId: classId("StoreValue"), rtSize: 16 });
    expect(readStoreValue(heap, valuePtr)).toEqual({ kind: "Int", value: 42 });
  });
});

describe("exportMutableGlobals", () => {
  it("exports every mutable global and keeps the module otherwise intact", async () => {
    const { buildDir } = await buildMarkspaceSubgraph({
      network: "hardhat",
      UnitRegistry: { address: "0x00000000000000000000000000000000000000aa", startBlock: 5 },
    });
    const bytes = await readFile(join(buildDir, "UnitRegistry", "UnitRegistry.wasm"));
    const { bytes: rewritten, names } = exportMutableGlobals(bytes);
    expect(names.length).toBeGreaterThan(0);
    const original = new WebAssembly.Module(bytes);
    const module = new WebAssembly.Module(rewritten as Uint8Array<ArrayBuffer>);
    const exportNames = WebAssembly.Module.exports(module).map((e) => e.name);
    expect(exportNames).toEqual([...WebAssembly.Module.exports(original).map((e) => e.name), ...names]);
    expect(WebAssembly.Module.imports(module)).toEqual(WebAssembly.Module.imports(original));
  });
});
