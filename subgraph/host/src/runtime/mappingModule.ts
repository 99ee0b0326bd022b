/**
 * One compiled mapping module and the way graph-node runs it: a fresh instance per trigger
 * (so mapping globals never leak between triggers), `_start()` before the handler, then the
 * handler export with a pointer to the trigger object built in that instance's memory.
 */
import { MappingError, SubgraphHostError } from "../errors.ts";
import { AscHeap, type AscExports, type AscTypeName } from "../asc/heap.ts";
import type { TriggerContext } from "./context.ts";
import { ASYNC_IMPORTS, createHostFunctions, type HostState } from "./hostImports.ts";

/** JavaScript Promise Integration (Node 24), not yet in TypeScript's lib. */
const jspi = WebAssembly as unknown as {
  Suspending: new (fn: (...args: never[]) => Promise<unknown>) => object;
  promising: (fn: (ptr: number) => unknown) => (ptr: number) => Promise<unknown>;
};

type Exports = AscExports & {
  _start?: () => void;
  id_of_type: (typeIndex: number) => number;
  [name: string]: unknown;
};

/** What graph-node supports but this host does not: named so the error says why. */
const KNOWN_UNSUPPORTED: Record<string, string> = {
  "ipfs.cat": "IPFS reads from mappings (file data sources and ipfs.cat) are not supported by the embedded host",
  "ipfs.map": "IPFS reads from mappings (ipfs.map) are not supported by the embedded host",
  "ipfs.getBlock": "IPFS reads from mappings are not supported by the embedded host",
  "yaml.fromBytes": "yaml.* host functions are not supported by the embedded host",
  "yaml.try_fromBytes": "yaml.* host functions are not supported by the embedded host",
};

export class MappingModule {
  readonly name: string;
  private readonly module: WebAssembly.Module;
  private readonly state: HostState;
  private readonly imports: WebAssembly.Imports;
  private readonly usesAsyncImports: boolean;
  private readonly classIdCache = new Map<AscTypeName, number>();

  /** Links the module's imports by name; throws naming the first import this host does not provide. */
  constructor(name: string, module: WebAssembly.Module) {
    this.name = name;
    this.module = module;
    this.state = { heap: undefined as unknown as AscHeap, ctx: undefined as unknown as TriggerContext };
    const functions = createHostFunctions(this.state);
    const imports: Record<string, Record<string, WebAssembly.ImportValue>> = {};
    let usesAsync = false;
    for (const entry of WebAssembly.Module.imports(module)) {
      if (entry.kind !== "function")
        throw new SubgraphHostError("WASM_IMPORT_UNKNOWN", `Mapping ${name} imports a ${entry.kind}, not a function`, {
          details: `${entry.module}.${entry.name}`,
        });
      const fn = functions[entry.name];
      if (!fn) {
        throw new SubgraphHostError(
          "WASM_IMPORT_UNKNOWN",
          `Mapping ${name} imports host function "${entry.name}", which the embedded subgraph host does not provide`,
          {
            details: KNOWN_UNSUPPORTED[entry.name] ?? `import ${entry.module}.${entry.name}`,
            hint: "run this subgraph on graph-node, or remove the call from the mapping",
          },
        );
      }
      let value: WebAssembly.ImportValue = fn as unknown as WebAssembly.ImportValue;
      if (ASYNC_IMPORTS.has(entry.name)) {
        usesAsync = true;
        value = new jspi.Suspending(fn as (...args: never[]) => Promise<unknown>) as WebAssembly.ImportValue;
      }
      (imports[entry.module] ??= {})[entry.name] = value;
    }
    this.imports = imports;
    this.usesAsyncImports = usesAsync;
  }

  /** Whether the module exports a function of this name. */
  hasExport(name: string): boolean {
    return WebAssembly.Module.exports(this.module).some((e) => e.name === name && e.kind === "function");
  }

  private classId(exports: Exports, name: AscTypeName): number {
    let id = this.classIdCache.get(name);
    if (id === undefined) {
      const global = exports[`TypeId.${name}`] as WebAssembly.Global | undefined;
      if (!global) throw new SubgraphHostError("MANIFEST_INVALID", `Mapping ${this.name} does not export TypeId.${name}`);
      id = exports.id_of_type(Number(global.value));
      this.classIdCache.set(name, id);
    }
    return id;
  }

  /**
   * Runs `handler` on a fresh instance: `build` writes the trigger into the instance's memory and
   * returns its pointer. Traps and aborts become `MappingError`s.
   */
  async run(handler: string, ctx: TriggerContext, build: (heap: AscHeap) => number): Promise<void> {
    const instance = new WebAssembly.Instance(this.module, this.imports);
    const exports = instance.exports as Exports;
    const heap = new AscHeap(exports, (name) => this.classId(exports, name));
    this.state.heap = heap;
    this.state.ctx = ctx;
    try {
      exports._start?.();
      const fn = exports[handler];
      if (typeof fn !== "function")
        throw new MappingError("MAPPING_TRAPPED", `Mapping ${this.name} has no export named ${handler}`);
      const ptr = build(heap);
      if (this.usesAsyncImports) {
        // A promising wrapper belongs to one instance's export, so it is made per trigger.
        await jspi.promising(fn as (ptr: number) => unknown)(ptr);
      } else {
        (fn as (ptr: number) => void)(ptr);
      }
    } catch (error) {
      if (error instanceof SubgraphHostError) throw error;
      if (error instanceof WebAssembly.RuntimeError)
        throw new MappingError("MAPPING_TRAPPED", `Mapping ${this.name} trapped in ${handler}: ${error.message}`, {
          cause: error,
        });
      throw error;
    }
  }
}
