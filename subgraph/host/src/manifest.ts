/**
 * Loads a `graph build` output folder the way graph-node loads a deployment: the built
 * `subgraph.yaml`, its schema, ABIs and one compiled WASM module per mapping file. Event
 * handler signatures are matched to ABI events (`Transfer(indexed address,…)` form, or the
 * form without `indexed` when that names one event) and turned into topic0 filters; block
 * handlers keep their filter (every block, `polling`, `once`). What the host cannot run is
 * refused here, by name, before anything is indexed.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { toEventSelector, type Abi, type AbiEvent, type AbiParameter, type Hex } from "viem";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { CID } from "multiformats/cid";
import { sha256 } from "multiformats/hashes/sha2";
import { SubgraphHostError } from "./errors.ts";
import { exportMutableGlobals } from "./runtime/exportGlobals.ts";
import { parseSchema, type SchemaModel } from "./schema/model.ts";

const hex = z.string().regex(/^0x[0-9a-fA-F]*$/);

const contextValueSchema: z.ZodType<{ type: string; data: unknown }> = z.object({
  type: z.string(),
  data: z.unknown(),
});

const blockHandlerSchema = z.object({
  handler: z.string().min(1),
  filter: z
    .union([
      z.object({ kind: z.literal("call") }),
      z.object({ kind: z.literal("once") }),
      z.object({ kind: z.literal("polling"), every: z.number().int().positive() }),
    ])
    .optional(),
});

const mappingSchema = z.object({
  kind: z.literal("ethereum/events"),
  apiVersion: z.string().regex(/^\d+\.\d+\.\d+$/, "a version such as 0.0.9"),
  language: z.literal("wasm/assemblyscript"),
  entities: z.array(z.string()).default([]),
  abis: z.array(z.object({ name: z.string(), file: z.string() })),
  eventHandlers: z
    .array(
      z.object({
        event: z.string(),
        handler: z.string(),
        topic1: z.array(hex).optional(),
        topic2: z.array(hex).optional(),
        topic3: z.array(hex).optional(),
        receipt: z.boolean().optional(),
        calls: z.record(z.string(), z.string()).optional(),
      }),
    )
    .default([]),
  callHandlers: z.array(z.unknown()).optional(),
  blockHandlers: z.array(blockHandlerSchema).optional(),
  file: z.string(),
});

const dataSourceSchema = z.object({
  kind: z.enum(["ethereum", "ethereum/contract"]),
  name: z.string(),
  network: z.string(),
  source: z.object({
    /** Omitted: the data source matches its events from every contract, as in graph-node. */
    address: z
      .string()
      .regex(/^0x[0-9a-fA-F]{40}$/)
      .optional(),
    abi: z.string(),
    startBlock: z.number().int().nonnegative().default(0),
    endBlock: z.number().int().nonnegative().optional(),
  }),
  context: z.record(z.string(), contextValueSchema).optional(),
  mapping: mappingSchema,
});

const templateSchema = z.object({
  kind: z.enum(["ethereum", "ethereum/contract"]),
  name: z.string(),
  network: z.string(),
  source: z.object({ abi: z.string() }),
  mapping: mappingSchema,
});

/** Off-chain (`file/ipfs`, `file/arweave`) and non-Ethereum data sources: refused by name. */
const otherKindSchema = z.object({ kind: z.string(), name: z.string() }).loose();

const manifestSchema = z.object({
  specVersion: z.string(),
  description: z.string().optional(),
  schema: z.object({ file: z.string() }),
  dataSources: z.array(otherKindSchema).min(1),
  templates: z.array(otherKindSchema).optional(),
  features: z.array(z.string()).optional(),
  indexerHints: z.unknown().optional(),
  graft: z.unknown().optional(),
});

export type EventHandler = {
  /** The manifest's signature, `Transfer(indexed address,indexed address,uint256)`. */
  signature: string;
  handler: string;
  event: AbiEvent;
  topic0: Hex;
  indexedCount: number;
  topicFilters: [Hex[] | undefined, Hex[] | undefined, Hex[] | undefined];
  receipt: boolean;
};

/** `every`: each block; `polling`: blocks `startBlock + k·every`; `once`: the start block, before any other trigger. */
export type BlockHandlerFilter = { kind: "every" } | { kind: "polling"; every: number } | { kind: "once" };

export type BlockHandler = { handler: string; filter: BlockHandlerFilter };

/** A mapping as graph-node sees it: compiled WASM, ABIs by name and handlers. */
export type Mapping = {
  apiVersion: string;
  module: WebAssembly.Module;
  abis: Map<string, Abi>;
  eventHandlers: EventHandler[];
  blockHandlers: BlockHandler[];
};

export type DataSourceTemplate = { name: string; network: string; abi: string; mapping: Mapping };

export type StaticDataSource = DataSourceTemplate & {
  /** Undefined: every contract's events match. */
  address: Hex | undefined;
  startBlock: number;
  endBlock: number | undefined;
  context: Record<string, { type: string; data: unknown }> | undefined;
};

export type LoadedManifest = {
  buildDir: string;
  specVersion: string;
  network: string;
  schema: SchemaModel;
  dataSources: StaticDataSource[];
  templates: DataSourceTemplate[];
  /** Content hash of the build (manifest, schema, ABIs, WASM) as a CIDv0, shown as `_meta.deployment`. */
  deployment: string;
};

function manifestError(details: string, hint?: string): SubgraphHostError {
  return new SubgraphHostError("MANIFEST_INVALID", "The subgraph build cannot be loaded", {
    details,
    ...(hint ? { hint } : {}),
  });
}

/** `tuple` parameters print as `(a,b)`, the rest as their type. */
function canonicalType(parameter: AbiParameter): string {
  if (parameter.type.startsWith("tuple")) {
    const components = (parameter as { components?: readonly AbiParameter[] }).components ?? [];
    return `(${components.map(canonicalType).join(",")})${parameter.type.slice(5)}`;
  }
  return parameter.type;
}

/** An event signature without `indexed`: `Name(type,type)`. */
export function plainEventSignature(event: AbiEvent): string {
  return `${event.name}(${event.inputs.map(canonicalType).join(",")})`;
}

/** graph-cli's event signature: `Name(indexed type,type)`. */
export function manifestEventSignature(event: AbiEvent): string {
  return `${event.name}(${event.inputs.map((i) => `${i.indexed ? "indexed " : ""}${canonicalType(i)}`).join(",")})`;
}

/** The mapping API versions this host implements (AssemblyScript ≥ 0.19 memory layout). */
const MIN_API_VERSION = [0, 0, 5];
const MAX_API_VERSION = [0, 0, 9];

function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

function blockHandlersOf(raw: z.infer<typeof mappingSchema>, owner: string): BlockHandler[] {
  const handlers: BlockHandler[] = [];
  for (const handler of raw.blockHandlers ?? []) {
    const filter = handler.filter;
    if (filter?.kind === "call")
      throw manifestError(
        `${owner}: block handler ${handler.handler} uses filter kind "call", which needs call traces (trace_filter); the embedded host does not support it`,
        "use event handlers, or a block handler without a call filter",
      );
    handlers.push({ handler: handler.handler, filter: filter ?? { kind: "every" } });
  }
  // graph-node allows one block handler of each kind per data source.
  const kinds = handlers.map((h) => h.filter.kind);
  if (new Set(kinds).size !== kinds.length)
    throw manifestError(`${owner}: more than one block handler of the same kind (${kinds.join(", ")})`);
  return handlers;
}

async function loadMapping(
  buildDir: string,
  raw: z.infer<typeof mappingSchema>,
  owner: string,
  modules: Map<string, WebAssembly.Module>,
  hash: ReturnType<typeof createHash>,
): Promise<Mapping> {
  const version = raw.apiVersion.split(".").map(Number);
  if (compareVersions(version, MIN_API_VERSION) < 0 || compareVersions(version, MAX_API_VERSION) > 0)
    throw manifestError(
      `${owner}: mapping apiVersion ${raw.apiVersion} is not supported; the embedded host runs ${MIN_API_VERSION.join(".")} to ${MAX_API_VERSION.join(".")}`,
      "build the subgraph with a recent graph-cli and graph-ts",
    );
  if (raw.callHandlers?.length)
    throw manifestError(
      `${owner}: callHandlers need call traces (trace_filter), which the embedded host does not support`,
      "use event handlers",
    );
  const blockHandlers = blockHandlersOf(raw, owner);
  const abis = new Map<string, Abi>();
  for (const abi of raw.abis) {
    const text = await readFile(resolve(buildDir, abi.file), "utf8").catch(() => {
      throw manifestError(`${owner}: ABI file ${abi.file} is missing`);
    });
    hash.update(text);
    const parsed = JSON.parse(text) as Abi | { abi: Abi };
    abis.set(abi.name, Array.isArray(parsed) ? (parsed as Abi) : (parsed as { abi: Abi }).abi);
  }
  const file = resolve(buildDir, raw.file);
  let module = modules.get(file);
  if (!module) {
    const bytes = await readFile(file).catch(() => {
      throw manifestError(`${owner}: mapping file ${raw.file} is missing`, "run the subgraph build first");
    });
    hash.update(bytes);
    module = await WebAssembly.compile(exportMutableGlobals(bytes).bytes as Uint8Array<ArrayBuffer>);
    modules.set(file, module);
  }
  return { apiVersion: raw.apiVersion, module, abis, eventHandlers: [], blockHandlers };
}

function resolveHandlers(
  mapping: Mapping,
  raw: z.infer<typeof mappingSchema>,
  abiName: string,
  owner: string,
): EventHandler[] {
  const abi = mapping.abis.get(abiName);
  if (!abi) throw manifestError(`${owner}: source ABI ${abiName} is not listed under mapping.abis`);
  const events = abi.filter((item): item is AbiEvent => item.type === "event");
  return raw.eventHandlers.map((handler) => {
    const normalised = handler.event.replace(/\s+/g, " ").replace(/ ?, ?/g, ",").replace(/\( /g, "(").trim();
    // Exact `indexed` form first; else the one event whose signature without `indexed` matches.
    let event = events.find((e) => manifestEventSignature(e) === normalised);
    if (!event) {
      const plain = events.filter((e) => plainEventSignature(e) === normalised);
      if (plain.length === 1) event = plain[0];
    }
    if (!event) throw manifestError(`${owner}: event ${handler.event} is not in ABI ${abiName}`);
    return {
      signature: handler.event,
      handler: handler.handler,
      event,
      topic0: toEventSelector(event),
      indexedCount: event.inputs.filter((i) => i.indexed).length,
      topicFilters: [handler.topic1, handler.topic2, handler.topic3].map((t) =>
        t?.map((v) => v.toLowerCase() as Hex),
      ) as EventHandler["topicFilters"],
      receipt: handler.receipt ?? false,
    };
  });
}

export async function loadManifest(buildDir: string): Promise<LoadedManifest> {
  const dir = resolve(buildDir);
  const manifestPath = join(dir, "subgraph.yaml");
  const text = await readFile(manifestPath, "utf8").catch(() => {
    throw manifestError(
      `${manifestPath} does not exist`,
      "run `npm run build -w @markspace/subgraph` or pass --build-dir",
    );
  });
  const parsed = manifestSchema.safeParse(parseYaml(text));
  if (!parsed.success)
    throw manifestError(
      `${manifestPath}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  const raw = parsed.data;
  if (raw.graft) throw manifestError("grafting is not supported by the embedded host");
  for (const source of [...raw.dataSources, ...(raw.templates ?? [])]) {
    if (source.kind === "ethereum" || source.kind === "ethereum/contract") continue;
    throw manifestError(
      `data source ${source.name} has kind "${source.kind}"; the embedded host runs Ethereum contract data sources only`,
      source.kind.startsWith("file/")
        ? "file data sources (IPFS/Arweave content) need graph-node"
        : "run this subgraph on graph-node",
    );
  }
  const strictly = <T>(schema: z.ZodType<T>, value: unknown, where: string): T => {
    const result = schema.safeParse(value);
    if (!result.success)
      throw manifestError(
        `${manifestPath}: ${result.error.issues.map((i) => `${[where, ...i.path].join(".")}: ${i.message}`).join("; ")}`,
      );
    return result.data;
  };
  const rawDataSources = raw.dataSources.map((d, i) => strictly(dataSourceSchema, d, `dataSources.${i}`));
  const rawTemplates = (raw.templates ?? []).map((t, i) => strictly(templateSchema, t, `templates.${i}`));
  const hash = createHash("sha256").update(text);
  const schemaText = await readFile(resolve(dirname(manifestPath), raw.schema.file), "utf8").catch(() => {
    throw manifestError(`schema file ${raw.schema.file} is missing`);
  });
  hash.update(schemaText);
  const schema = parseSchema(schemaText);
  const modules = new Map<string, WebAssembly.Module>();
  const dataSources: StaticDataSource[] = [];
  for (const source of rawDataSources) {
    const mapping = await loadMapping(dir, source.mapping, `data source ${source.name}`, modules, hash);
    mapping.eventHandlers = resolveHandlers(mapping, source.mapping, source.source.abi, `data source ${source.name}`);
    dataSources.push({
      name: source.name,
      network: source.network,
      abi: source.source.abi,
      mapping,
      address: source.source.address?.toLowerCase() as Hex | undefined,
      startBlock: source.source.startBlock,
      endBlock: source.source.endBlock,
      context: source.context,
    });
  }
  const templates: DataSourceTemplate[] = [];
  for (const template of rawTemplates) {
    const mapping = await loadMapping(dir, template.mapping, `template ${template.name}`, modules, hash);
    mapping.eventHandlers = resolveHandlers(
      mapping,
      template.mapping,
      template.source.abi,
      `template ${template.name}`,
    );
    templates.push({ name: template.name, network: template.network, abi: template.source.abi, mapping });
  }
  const networks = new Set([...dataSources, ...templates].map((d) => d.network));
  if (networks.size > 1) throw manifestError(`data sources name several networks: ${[...networks].join(", ")}`);
  const deployment = CID.createV0(await sha256.digest(hash.digest())).toString();
  return {
    buildDir: dir,
    specVersion: raw.specVersion,
    network: dataSources[0]!.network,
    schema,
    dataSources,
    templates,
    deployment,
  };
}
