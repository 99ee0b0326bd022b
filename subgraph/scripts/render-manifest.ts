/**
 * Renders `subgraph.yaml` from the contract registry (`contracts/registry.ts`) and a deployment
 * record, so neither the list of contracts nor their addresses and start blocks are copied by
 * hand: a deployed contract with a `subgraph` mapping becomes a data source, a factory-created
 * one a template. ABIs come from `contracts/generated/abis/*.json` (written by
 * `scripts/generate-abis.ts`).
 *
 *   npx tsx subgraph/scripts/render-manifest.ts [--chain-id 31337] [--deployments-dir DIR] [--out FILE]
 *
 * Defaults: chain 31337, `contracts/deployments/`, `subgraph/subgraph.yaml`.
 */
import { MarkspaceError } from "@markspace/common/errors";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { stringify } from "yaml";
import { loadDeployment, type Deployment } from "@markspace/contracts/deployments";
import {
  contractRegistry,
  contractOf,
  isDeployed,
  isFactoryCreated,
  registryProblems,
  type ContractEntry,
  type ContractRegistry,
  type DeployedContractName,
  type SubgraphMappingEntry,
} from "@markspace/contracts/registry";

/** The subgraph package folder (`subgraph/`). */
export const subgraphDir = fileURLToPath(new URL("..", import.meta.url));
/** Where `scripts/generate-abis.ts` writes the plain ABI JSON files. */
export const abisDir = join(subgraphDir, "..", "contracts", "generated", "abis");

/** graph-cli 0.98's manifest spec and the mapping API version (0.0.9: `ethereum.getBalance`, strict entity fields). */
export const SPEC_VERSION = "1.3.0";
export const API_VERSION = "0.0.9";

export type ContractSource = { address: string; startBlock: number };

/**
 * Where each data source's contract lives. A deployed contract left out here is left out of the
 * manifest (the indexing bench and tests index only `UnitRegistry`), and so are the templates
 * whose factory is left out.
 */
export type ManifestSources = { network: string } & { [Name in DeployedContractName]?: ContractSource };

export type RenderManifestParameters = {
  sources: ManifestSources;
  /** Folder the manifest will be written to; file paths inside it are relative to this folder. */
  manifestDir: string;
  /** Folder holding `schema.graphql` and the mapping files (default `subgraph/`). */
  sourceDir?: string;
  /** Default: the project's registry. */
  registry?: ContractRegistry;
};

/** Thrown when the registry cannot be rendered into a manifest; names the contract at fault. */
export class ManifestRenderError extends MarkspaceError {
  override name = "ManifestRenderError";
}

/** The data sources of a deployment record. */
export function sourcesOf(deployment: Deployment): ManifestSources {
  return { network: deployment.network, ...deployment.contracts };
}

/** The manifest as a plain object (what `renderManifest` writes as YAML). */
export function manifestObject({
  sources,
  manifestDir,
  sourceDir = subgraphDir,
  registry = contractRegistry,
}: RenderManifestParameters): Record<string, unknown> {
  const problems = registryProblems(registry);
  if (problems.length) throw new ManifestRenderError({ shortMessage: `Contract registry: ${problems.join("; ")}` });
  const path = (file: string) => {
    const rel = relative(manifestDir, file);
    return rel.startsWith("..") || isAbsolute(rel) ? rel : `./${rel}`;
  };
  const { network, ...contracts } = sources;
  const addressOf: Record<string, ContractSource | undefined> = contracts;
  const contractNamed = new Map(registry.map((entry) => [entry.name, contractOf(entry)]));
  const mapping = (entry: ContractEntry, subgraph: SubgraphMappingEntry) => ({
    kind: "ethereum/events",
    apiVersion: API_VERSION,
    language: "wasm/assemblyscript",
    entities: [...subgraph.entities],
    abis: [...new Set([contractOf(entry), ...(subgraph.extraAbis ?? []).map((name) => contractNamed.get(name)!)])].map(
      (name) => ({ name, file: path(join(abisDir, `${name}.json`)) }),
    ),
    eventHandlers: subgraph.eventHandlers.map(({ event, handler, receipt }) =>
      receipt ? { event, handler, receipt } : { event, handler },
    ),
    ...(subgraph.blockHandlers?.length
      ? {
          blockHandlers: subgraph.blockHandlers.map(({ handler, filter }) =>
            filter ? { handler, filter } : { handler },
          ),
        }
      : {}),
    file: path(join(sourceDir, subgraph.file)),
  });

  const dataSources: unknown[] = [];
  const indexed = new Set<string>();
  for (const entry of registry) {
    if (!isDeployed(entry) || !entry.subgraph) continue;
    const source = addressOf[entry.name];
    if (!source) continue;
    indexed.add(entry.name);
    dataSources.push({
      kind: "ethereum",
      name: entry.name,
      network,
      source: { address: source.address, abi: contractOf(entry), startBlock: source.startBlock },
      mapping: mapping(entry, entry.subgraph),
    });
  }
  if (dataSources.length === 0)
    throw new ManifestRenderError({
      shortMessage: "The manifest would have no data source",
      details: `the sources name ${Object.keys(contracts).join(", ") || "no contract"}`,
      hint: "Pass the address of at least one deployed contract with a `subgraph` mapping in contracts/registry.ts.",
    });

  // A template is rendered when whatever creates it is indexed (directly or through another template).
  const templates: unknown[] = [];
  const factoryCreated = registry.filter(isFactoryCreated);
  for (let added = true; added;) {
    added = false;
    for (const entry of factoryCreated) {
      if (!entry.subgraph || indexed.has(entry.name) || !indexed.has(entry.createdBy)) continue;
      indexed.add(entry.name);
      added = true;
      templates.push({
        kind: "ethereum",
        name: entry.name,
        network,
        source: { abi: contractOf(entry) },
        mapping: mapping(entry, entry.subgraph),
      });
    }
  }

  return {
    specVersion: SPEC_VERSION,
    description: "Markspace: units of the world, their owners and content, and MRK balances.",
    schema: { file: path(join(sourceDir, "schema.graphql")) },
    dataSources,
    ...(templates.length ? { templates } : {}),
  };
}

/** Renders the manifest text. */
export function renderManifest(params: RenderManifestParameters): string {
  return (
    "# Generated by subgraph/scripts/render-manifest.ts from contracts/registry.ts and the deployment record. Do not edit by hand.\n" +
    stringify(manifestObject(params), { lineWidth: 0 })
  );
}

/** Renders the manifest and writes it to `file`. */
export async function writeManifest(
  sources: ManifestSources,
  file: string,
  options: Omit<RenderManifestParameters, "sources" | "manifestDir"> = {},
): Promise<void> {
  const absolute = resolve(file);
  await mkdir(dirname(absolute), { recursive: true });
  await writeFile(absolute, renderManifest({ ...options, sources, manifestDir: dirname(absolute) }));
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const { values } = parseArgs({
    options: {
      "chain-id": { type: "string", default: "31337" },
      "deployments-dir": { type: "string" },
      out: { type: "string", default: join(subgraphDir, "subgraph.yaml") },
    },
  });
  const chainId = Number(values["chain-id"]);
  if (!Number.isInteger(chainId) || chainId <= 0) {
    console.error(`--chain-id must be a positive integer, got "${values["chain-id"]}"`);
    process.exit(2);
  }
  try {
    const deployment = loadDeployment(chainId, values["deployments-dir"]);
    await writeManifest(sourcesOf(deployment), values.out);
    console.log(`manifest: wrote ${values.out} for ${deployment.network} (chain ${chainId})`);
  } catch (error) {
    console.error(`manifest: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
