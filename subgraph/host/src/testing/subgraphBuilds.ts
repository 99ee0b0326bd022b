/**
 * `graph build` takes seconds, so tests and the bench build each subgraph once per distinct
 * input and reuse the output: builds are cached under the system temp folder by a hash of the
 * rendered manifest, the mapping sources, the schema, the ABIs and the graph-cli version.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { stringify } from "yaml";
import { withFolderLock } from "@markspace/common/folder-lock";
import { buildSubgraph, runGraphCli } from "../../../scripts/build.ts";
import { abisDir, renderManifest, subgraphDir, type ManifestSources } from "../../../scripts/render-manifest.ts";

const require = createRequire(import.meta.url);
const cacheRoot = join(tmpdir(), "markspace-subgraph-builds");
export const probeFixtureDir = fileURLToPath(new URL("../../test-fixtures/probe/", import.meta.url));
export const compatFixtureDir = fileURLToPath(new URL("../../test-fixtures/compat/", import.meta.url));
const repoRoot = fileURLToPath(new URL("../../../../", import.meta.url));

async function hashTree(hash: ReturnType<typeof createHash>, dir: string): Promise<void> {
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await hashTree(hash, path);
    else hash.update(entry.name).update(await readFile(path));
  }
}

async function baseHash(): Promise<ReturnType<typeof createHash>> {
  const hash = createHash("sha256");
  hash.update(await readFile(require.resolve("@graphprotocol/graph-cli/package.json")));
  hash.update(await readFile(join(subgraphDir, "schema.graphql")));
  await hashTree(hash, join(subgraphDir, "src"));
  await hashTree(hash, abisDir);
  return hash;
}

/** Builds a graph build output into the cache (atomically, under a lock) unless it is there. */
async function cached(key: string, build: (outDir: string) => Promise<void>): Promise<string> {
  const outDir = join(cacheRoot, key);
  if (existsSync(join(outDir, "subgraph.yaml"))) return outDir;
  await mkdir(cacheRoot, { recursive: true });
  return withFolderLock(`${outDir}.lock`, async () => {
    if (existsSync(join(outDir, "subgraph.yaml"))) return outDir;
    const staging = `${outDir}.staging-${process.pid}`;
    await build(staging);
    await rename(staging, outDir);
    return outDir;
  });
}

/** The Markspace subgraph built for `sources`; returns the build folder. */
export async function buildMarkspaceSubgraph(sources: ManifestSources): Promise<{ buildDir: string; built: boolean }> {
  const hash = await baseHash();
  hash.update(renderManifest({ sources, manifestDir: subgraphDir }));
  const key = `markspace-${hash.digest("hex").slice(0, 16)}`;
  let built = false;
  const buildDir = await cached(key, async (outDir) => {
    built = true;
    await buildSubgraph({ sources, outDir });
  });
  return { buildDir, built };
}

/** The probe fixture subgraph (test-fixtures/probe) over a `NoteEmitter` (contracts/test/compat/) at `address`. */
export async function buildProbeSubgraph(address: string, startBlock: number): Promise<string> {
  const manifest = {
    specVersion: "1.3.0",
    schema: { file: "./schema.graphql" },
    dataSources: [
      {
        kind: "ethereum",
        // The fixture's mapping was written against the registry's old event and `contentOf`,
        // which NoteEmitter keeps: it is bound as "UnitRegistry".
        name: "UnitRegistry",
        network: "hardhat",
        source: { address, abi: "UnitRegistry", startBlock },
        mapping: {
          kind: "ethereum/events",
          apiVersion: "0.0.9",
          language: "wasm/assemblyscript",
          entities: ["Note", "Counter"],
          abis: [{ name: "UnitRegistry", file: "./NoteEmitter.json" }],
          eventHandlers: [
            { event: "UnitContentSet(indexed uint256,indexed address,string)", handler: "handleUnitContentSet" },
          ],
          file: "./mapping.ts",
        },
      },
    ],
  };
  const text = stringify(manifest);
  const mapping = await readFile(join(probeFixtureDir, "mapping.as"));
  const schema = await readFile(join(probeFixtureDir, "schema.graphql"));
  const hash = createHash("sha256").update(await readFile(require.resolve("@graphprotocol/graph-cli/package.json")));
  hash
    .update(text)
    .update(mapping)
    .update(schema)
    .update(await artifactAbi("NoteEmitter"));
  const key = `probe-${hash.digest("hex").slice(0, 16)}`;
  return cached(key, async (outDir) => {
    // graph-cli needs graph-ts in a node_modules above the manifest, and the mapping imports
    // ./generated/: so the fixture is assembled in node_modules/.cache, outside the sources.
    const work = join(repoRoot, "node_modules", ".cache", "markspace-subgraph-probe", key);
    await rm(work, { recursive: true, force: true });
    await mkdir(work, { recursive: true });
    await writeFile(join(work, "subgraph.yaml"), text);
    await writeFile(join(work, "schema.graphql"), schema);
    await writeFile(join(work, "mapping.ts"), mapping);
    await writeFile(join(work, "NoteEmitter.json"), await artifactAbi("NoteEmitter"));
    await runGraphCli(["codegen", "subgraph.yaml", "--skip-migrations"], "graph codegen (probe)", work);
    await runGraphCli(
      ["build", "subgraph.yaml", "--output-dir", outDir, "--skip-migrations"],
      "graph build (probe)",
      work,
    );
    await rm(work, { recursive: true, force: true });
  });
}

/** A Hardhat artifact's ABI (the compat fixture's contracts live under contracts/test/compat/). */
async function artifactAbi(contract: string): Promise<string> {
  const path = join(repoRoot, "artifacts", "contracts", "test", "compat", `${contract}.sol`, `${contract}.json`);
  const artifact = JSON.parse(
    await readFile(path, "utf8").catch(() => {
      throw new Error(`${path} is missing: run \`npx hardhat compile\` first`);
    }),
  ) as { abi: unknown };
  return JSON.stringify(artifact.abi, null, 2);
}

export type CompatSubgraphOptions = {
  /** CompatProbe's address and the block it was deployed in. */
  address: string;
  startBlock: number;
  /** Blocks between polling block-handler runs. */
  pollingEvery?: number;
};

/**
 * The compatibility fixture (test-fixtures/compat) over a CompatProbe: every ABI shape, topic
 * filters, receipts, block handlers (every, polling, once), a template created with context,
 * generated ids and module-level host calls.
 */
export async function buildCompatSubgraph(options: CompatSubgraphOptions): Promise<string> {
  const { address, startBlock, pollingEvery = 3 } = options;
  const tagTopic = (tag: number) => `0x${tag.toString(16).padStart(64, "0")}`;
  const mapping = (entities: string[], abis: string[]) => ({
    kind: "ethereum/events",
    apiVersion: "0.0.9",
    language: "wasm/assemblyscript",
    entities,
    abis: abis.map((name) => ({ name, file: `./abis/${name}.json` })),
  });
  const manifest = {
    specVersion: "1.3.0",
    schema: { file: "./schema.graphql" },
    dataSources: [
      {
        kind: "ethereum",
        name: "CompatProbe",
        network: "hardhat",
        source: { address, abi: "CompatProbe", startBlock },
        mapping: {
          ...mapping(
            ["Everything", "IndexedDynamic", "TaggedSeen", "TextSeen", "Child", "Creation", "BlockSeen", "Stats"],
            ["CompatProbe"],
          ),
          eventHandlers: [
            {
              event:
                "Everything(indexed uint8,int256,bytes4,bytes32,address[],uint256[3],(uint256,string,bytes),string,bytes,bool,int8)",
              handler: "handleEverything",
            },
            {
              event: "IndexedDynamic(indexed string,indexed bytes,indexed uint256[],uint256)",
              handler: "handleIndexedDynamic",
            },
            { event: "Tagged(indexed uint256,uint256)", handler: "handleTagged", topic1: [tagTopic(1), tagTopic(3)] },
            { event: "Text(string)", handler: "handleText" },
            { event: "ChildCreated(indexed address,string)", handler: "handleChildCreated", receipt: true },
          ],
          blockHandlers: [
            { handler: "handleEveryBlock" },
            { handler: "handlePollingBlock", filter: { kind: "polling", every: pollingEvery } },
            { handler: "handleOnceBlock", filter: { kind: "once" } },
          ],
          file: "./mapping.ts",
        },
      },
    ],
    templates: [
      {
        kind: "ethereum",
        name: "CompatChild",
        network: "hardhat",
        source: { abi: "CompatChild" },
        mapping: {
          ...mapping(["Child", "Ping", "Stats"], ["CompatChild"]),
          eventHandlers: [{ event: "Ping(indexed uint256,address)", handler: "handlePing" }],
          blockHandlers: [{ handler: "handleChildOnce", filter: { kind: "once" } }],
          file: "./mapping.ts",
        },
      },
    ],
  };
  const text = stringify(manifest);
  const files: Record<string, string | Buffer> = {
    "subgraph.yaml": text,
    "schema.graphql": await readFile(join(compatFixtureDir, "schema.graphql")),
    "mapping.ts": await readFile(join(compatFixtureDir, "mapping.as")),
    "abis/CompatProbe.json": await artifactAbi("CompatProbe"),
    "abis/CompatChild.json": await artifactAbi("CompatChild"),
  };
  return buildFixture("compat", files);
}

/** Builds a fixture subgraph from its files (manifest included) into the cache. */
async function buildFixture(name: string, files: Record<string, string | Buffer>): Promise<string> {
  const hash = createHash("sha256").update(await readFile(require.resolve("@graphprotocol/graph-cli/package.json")));
  for (const [file, content] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b)))
    hash.update(file).update(content);
  const key = `${name}-${hash.digest("hex").slice(0, 16)}`;
  return cached(key, async (outDir) => {
    // graph-cli needs graph-ts in a node_modules above the manifest, and the mapping imports
    // ./generated/: so the fixture is assembled in node_modules/.cache, outside the sources.
    const work = join(repoRoot, "node_modules", ".cache", `markspace-subgraph-${name}`, key);
    await rm(work, { recursive: true, force: true });
    for (const [file, content] of Object.entries(files)) {
      await mkdir(dirname(join(work, file)), { recursive: true });
      await writeFile(join(work, file), content);
    }
    await runGraphCli(["codegen", "subgraph.yaml", "--skip-migrations"], `graph codegen (${name})`, work);
    await runGraphCli(
      ["build", "subgraph.yaml", "--output-dir", outDir, "--skip-migrations"],
      `graph build (${name})`,
      work,
    );
    await rm(work, { recursive: true, force: true });
  });
}
