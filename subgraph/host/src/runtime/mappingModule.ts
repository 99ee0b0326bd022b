/**
 * One compiled mapping module and the way graph-node runs it: every trigger starts from a
 * fresh instance's state (so nothing a handler leaves in memory or globals leaks into the next),
 * `_start()` has run, and the handler export gets a pointer to the trigger object built in that
 * instance's memory.
 *
 * V8 needs ~100 µs to instantiate a graph-cli module, so instead of a new instance per trigger
 * the host keeps one and restores the snapshot taken right after `_start()`: the memory bytes and
 * every mutable global (exported at load by `exportMutableGlobals`). Pages a handler grew are
 * zeroed; past `MAX_REUSED_MEMORY` the instance is replaced.
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

/** Above this memory size a fresh instance is cheaper than zeroing the grown pages each time. */
const MAX_REUSED_MEMORY = 16 * 1024 * 1024;

type Snapshot = {
  instance: WebAssembly.Instance;
  exports: Exports;
  heap: AscHeap;
  memory: Uint8Array;
  globals: Array<[WebAssembly.Global, number | bigint]>;
  handlers: Map<string, (ptr: number) => unknown>;
};

type Exports = AscExports & {
  _start?: () => void;
  id_of_type: (typeIndex: number) => number;
  [name: string]: unknown;
};

export class MappingModule {
  readonly name: string;
  private readonly module: WebAssembly.Module;
  private readonly state: HostState;
  private readonly imports: WebAssembly.Imports;
  private readonly usesAsyncImports: boolean;
  private readonly classIdCache = new Map<AscTypeName, number>();
  private snapshot: Snapshot | undefined;
  private currentCtx: TriggerContext | undefined;
  private contextReads = 0;
  /**
   * False once `_start()` was seen reading the trigger (e.g. `dataSource.address()` in a
   * module-level constant): its result then depends on the trigger, so every trigger gets a
   * freshly started instance, as in graph-node.
   */
  private reusable = true;

  /** Links the module's imports by name; throws naming the first import this host does not provide. */
  constructor(name: string, module: WebAssembly.Module) {
    this.name = name;
    this.module = module;
    const readContext = (): TriggerContext => {
      this.contextReads++;
      if (!this.currentCtx) throw new SubgraphHostError("HOST_FAILED", `Mapping ${name} ran outside a trigger`);
      return this.currentCtx;
    };
    this.state = {
      heap: undefined as unknown as AscHeap,
      get ctx(): TriggerContext {
        return readContext();
      },
    };
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
            details: `import ${entry.module}.${entry.name}`,
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
      if (!global)
        throw new SubgraphHostError("MANIFEST_INVALID", `Mapping ${this.name} does not export TypeId.${name}`);
      id = exports.id_of_type(Number(global.value));
      this.classIdCache.set(name, id);
    }
    return id;
  }

  /** A new instance after `_start()`, with its state recorded for later restores. */
  private instantiate(): Snapshot {
    const instance = new WebAssembly.Instance(this.module, this.imports);
    const exports = instance.exports as Exports;
    const heap = new AscHeap(exports, (name) => this.classId(exports, name));
    // Module-level code runs in `_start()` and may call host functions (BigDecimal.fromString,
    // Address.fromString, …): they need this instance's heap.
    this.state.heap = heap;
    const readsBefore = this.contextReads;
    exports._start?.();
    if (this.contextReads !== readsBefore) this.reusable = false;
    const globals: Snapshot["globals"] = [];
    for (const [name, value] of Object.entries(exports))
      if (name.startsWith("__host_global_"))
        globals.push([value as WebAssembly.Global, (value as WebAssembly.Global).value]);
    return {
      instance,
      exports,
      heap,
      memory: new Uint8Array(exports.memory.buffer.slice(0)),
      globals,
      handlers: new Map(),
    };
  }

  /** The instance in its post-`_start()` state. */
  private fresh(): Snapshot {
    const current = this.snapshot;
    if (!current || !this.reusable || current.exports.memory.buffer.byteLength > MAX_REUSED_MEMORY) {
      this.snapshot = this.instantiate();
      return this.snapshot;
    }
    const memory = new Uint8Array(current.exports.memory.buffer);
    memory.set(current.memory);
    if (memory.length > current.memory.length) memory.fill(0, current.memory.length);
    for (const [global, value] of current.globals) global.value = value;
    return current;
  }

  /**
   * Runs `handler` from a fresh state: `build` writes the trigger into memory and returns its
   * pointer. Traps and aborts become `MappingError`s.
   */
  async run(handler: string, ctx: TriggerContext, build: (heap: AscHeap) => number): Promise<void> {
    this.currentCtx = ctx;
    let state: Snapshot;
    try {
      state = this.fresh();
    } catch (error) {
      this.snapshot = undefined;
      throw asMappingError(error, this.name, "_start");
    }
    this.state.heap = state.heap;
    try {
      let fn = state.handlers.get(handler);
      if (!fn) {
        const exported = state.exports[handler];
        if (typeof exported !== "function")
          throw new MappingError("MAPPING_TRAPPED", `Mapping ${this.name} has no export named ${handler}`);
        fn = this.usesAsyncImports
          ? jspi.promising(exported as (ptr: number) => unknown)
          : (exported as (ptr: number) => unknown);
        state.handlers.set(handler, fn);
      }
      const ptr = build(state.heap);
      const result = fn(ptr);
      if (this.usesAsyncImports) await result;
    } catch (error) {
      // A trap leaves the instance in an unknown state: start from a new one next time.
      if (!(error instanceof SubgraphHostError)) this.snapshot = undefined;
      throw asMappingError(error, this.name, handler);
    } finally {
      this.currentCtx = undefined;
    }
  }
}

/** Traps become `MappingError`s; the host's own errors pass through unchanged. */
function asMappingError(error: unknown, mapping: string, handler: string): unknown {
  if (error instanceof SubgraphHostError) return error;
  if (error instanceof WebAssembly.RuntimeError)
    return new MappingError("MAPPING_TRAPPED", `Mapping ${mapping} trapped in ${handler}: ${error.message}`, {
      cause: error,
    });
  return error;
}
