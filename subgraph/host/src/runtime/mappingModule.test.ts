import { describe, expect, it } from "vitest";
import { MappingModule } from "./mappingModule.ts";

/** A module importing one function `index.<name>` of type () -> (). */
function moduleImporting(name: string): WebAssembly.Module {
  const moduleName = new TextEncoder().encode("index");
  const field = new TextEncoder().encode(name);
  const importEntry = [1, moduleName.length, ...moduleName, field.length, ...field, 0x00, 0x00];
  const bytes = [
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...[0x01, 0x04, 0x01, 0x60, 0x00, 0x00],
    ...[0x02, importEntry.length, ...importEntry],
  ];
  return new WebAssembly.Module(Uint8Array.from(bytes));
}

describe("MappingModule linking", () => {
  it("fails at load, naming a host function it does not provide", () => {
    expect(() => new MappingModule("Probe", moduleImporting("made.up"))).toThrow(
      /imports host function "made\.up", which the embedded subgraph host does not provide/,
    );
  });

  it("links the host functions it provides", () => {
    expect(() => new MappingModule("Probe", moduleImporting("store.get"))).not.toThrow();
    expect(() => new MappingModule("Probe", moduleImporting("ethereum.call"))).not.toThrow();
    // Deprecated in graph-node: linked, and failing the handler only when called.
    expect(() => new MappingModule("Probe", moduleImporting("ipfs.cat"))).not.toThrow();
    expect(() => new MappingModule("Probe", moduleImporting("box.profile"))).not.toThrow();
  });
});
