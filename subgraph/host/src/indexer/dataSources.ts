/**
 * The data sources being indexed and their lifecycle: the manifest's static ones, and those a
 * mapping created from a template (`dataSource.create`), which are stored with their creation
 * block and context so they survive a restart and disappear with a revert below that block.
 */
import type { Hex } from "viem";
import { MappingError, SubgraphHostError } from "../errors.ts";
import type { BlockHandler, EventHandler, LoadedManifest, Mapping } from "../manifest.ts";
import { MappingModule } from "../runtime/mappingModule.ts";
import type { Database, StoredDataSource } from "../store/database.ts";
import { entityFromJson, entityToJson, manifestContextValue } from "../store/entityJson.ts";
import type { Entity } from "../store/values.ts";

export type ActiveDataSource = {
  name: string;
  /** Undefined: a wildcard data source matching its events from any contract. */
  address: Hex | undefined;
  startBlock: number;
  endBlock: number | undefined;
  context: Entity;
  mapping: Mapping;
  module: MappingModule;
  network: string;
  /** Event handlers by topic0. */
  handlers: Map<Hex, EventHandler[]>;
  blockHandlers: BlockHandler[];
};

export class DataSources {
  private readonly manifest: LoadedManifest;
  private readonly modules = new Map<WebAssembly.Module, MappingModule>();
  private list: ActiveDataSource[] = [];

  /** Links every mapping up front, so a missing host function is reported at start. */
  constructor(manifest: LoadedManifest) {
    this.manifest = manifest;
    for (const source of [...manifest.dataSources, ...manifest.templates]) this.moduleOf(source.mapping, source.name);
  }

  get active(): readonly ActiveDataSource[] {
    return this.list;
  }

  /** The first block any static data source wants. */
  startBlock(): number {
    return Math.min(...this.manifest.dataSources.map((ds) => ds.startBlock));
  }

  /** Static data sources plus the stored template instances, in creation order. */
  async load(db: Database): Promise<void> {
    this.list = this.manifest.dataSources.map((ds) =>
      this.activate(
        ds.name,
        ds.address,
        ds.mapping,
        ds.network,
        ds.startBlock,
        ds.endBlock,
        new Map(Object.entries(ds.context ?? {}).map(([key, entry]) => [key, manifestContextValue(entry)])),
      ),
    );
    for (const stored of await db.dataSources()) this.list.push(this.fromStored(stored));
  }

  add(dataSources: readonly ActiveDataSource[]): void {
    this.list.push(...dataSources);
  }

  /** A template instance as `dataSource.create(WithContext)` asks for it; throws a mapping error when it cannot be. */
  create(
    templateName: string,
    params: readonly string[],
    context: Entity,
    block: number,
  ): { stored: StoredDataSource; active: ActiveDataSource } {
    const template = this.manifest.templates.find((t) => t.name === templateName);
    if (!template)
      throw new MappingError("HOST_FUNCTION_FAILED", `Failed to create data source from name \`${templateName}\``, {
        details: `templates in the manifest: ${this.manifest.templates.map((t) => t.name).join(", ") || "none"}`,
      });
    const address = params[0];
    if (params.length !== 1 || !address || !/^(0x)?[0-9a-fA-F]{40}$/.test(address))
      throw new MappingError(
        "HOST_FUNCTION_FAILED",
        `Data source ${templateName} takes one parameter, an address; got [${params.join(", ")}]`,
      );
    const stored: StoredDataSource = {
      template: templateName,
      address: (address.startsWith("0x") ? address : `0x${address}`).toLowerCase() as Hex,
      context: entityToJson(context),
      createdBlock: block,
    };
    return { stored, active: this.fromStored(stored) };
  }

  /** Addresses (undefined: any) and topic0s of the data sources live in `[from, to]`. */
  logFilter(
    from: number,
    to: number,
    sources: readonly ActiveDataSource[] = this.list,
  ): { addresses: Hex[] | undefined; topics: Hex[] } {
    const addresses = new Set<Hex>();
    const topics = new Set<Hex>();
    let wildcard = false;
    for (const ds of sources) {
      if (!liveIn(ds, from, to) || ds.handlers.size === 0) continue;
      if (ds.address) addresses.add(ds.address);
      else wildcard = true;
      for (const topic of ds.handlers.keys()) topics.add(topic);
    }
    return { addresses: wildcard ? undefined : [...addresses], topics: [...topics] };
  }

  /** Whether any data source live in `[from, to]` has a block handler. */
  hasBlockHandlers(from: number, to: number, sources: readonly ActiveDataSource[] = this.list): boolean {
    return sources.some((ds) => ds.blockHandlers.length > 0 && liveIn(ds, from, to));
  }

  private moduleOf(mapping: Mapping, name: string): MappingModule {
    let module = this.modules.get(mapping.module);
    if (!module) {
      module = new MappingModule(name, mapping.module);
      this.modules.set(mapping.module, module);
    }
    return module;
  }

  private fromStored(stored: StoredDataSource): ActiveDataSource {
    const template = this.manifest.templates.find((t) => t.name === stored.template);
    if (!template)
      throw new SubgraphHostError(
        "MANIFEST_INVALID",
        `Data source template ${stored.template} is not in the manifest, but the database holds an instance of it`,
      );
    return this.activate(
      template.name,
      stored.address,
      template.mapping,
      template.network,
      stored.createdBlock,
      undefined,
      entityFromJson(stored.context),
    );
  }

  private activate(
    name: string,
    address: Hex | undefined,
    mapping: Mapping,
    network: string,
    startBlock: number,
    endBlock: number | undefined,
    context: Entity,
  ): ActiveDataSource {
    const handlers = new Map<Hex, EventHandler[]>();
    for (const handler of mapping.eventHandlers) {
      const list = handlers.get(handler.topic0);
      if (list) list.push(handler);
      else handlers.set(handler.topic0, [handler]);
    }
    return {
      name,
      address: address?.toLowerCase() as Hex | undefined,
      startBlock,
      endBlock,
      context,
      mapping,
      module: this.moduleOf(mapping, name),
      network,
      handlers,
      blockHandlers: mapping.blockHandlers,
    };
  }
}

/** Whether `ds` is indexed somewhere in `[from, to]`. */
export function liveIn(ds: ActiveDataSource, from: number, to: number): boolean {
  return ds.startBlock <= to && (ds.endBlock === undefined || ds.endBlock >= from);
}
