/**
 * Builds the subgraph offline: renders the manifest from the contract registry and a deployment
 * record, runs `graph codegen` and `graph build` (WASM, schema, ABIs and the built manifest into
 * the output folder, which the embedded host and `graph deploy` read).
 *
 *   npx tsx subgraph/scripts/build.ts [--chain-id 31337] [--deployments-dir DIR] [--out-dir DIR]
 *
 * Defaults: chain 31337, `contracts/deployments/`, `subgraph/build/`.
 *
 * Every build works in a folder of its own (`subgraph/.work/builds/<pid>-<random>/`, removed
 * after): its manifest, `src` and `schema.graphql` linked to the sources, and `generated` linked
 * to the `graph codegen` output of exactly this manifest's data sources and templates. That
 * output is cached in `subgraph/.work/codegen/<hash of graph-cli, schema, data source and
 * template names and their ABIs>/`, written under a temporary name and renamed, so two builds of
 * different manifests (a bench indexing only UnitRegistry, `npm start` indexing everything)
 * never see each other's generated code, even when they run at the same time.
 *
 * The default build also leaves `subgraph/subgraph.yaml` and `subgraph/generated/` in place for
 * editors and `graph deploy`; nothing else writes them. An output folder built from the same
 * inputs (stamp `.markspace-build-inputs` in it) is reused as it is, so a warm `npm start` skips
 * `graph build`. Finished builds are also kept in `subgraph/.work/outputs/<inputs hash>/` (the
 * newest four) and copied into an output folder that has none, so a stack started in a fresh data
 * folder, or several started at once by the browser tests, build the same subgraph once.
 */
import { MarkspaceError } from "@markspace/common/errors";
import { isAlive, withFolderLock } from "@markspace/common/folder-lock";
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { cp, mkdir, readdir, readFile, rename, rm, stat, symlink, utimes, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { stringify } from "yaml";
import { loadDeployment } from "@markspace/contracts/deployments";
import type { ContractRegistry } from "@markspace/contracts/registry";
import {
  abisDir,
  manifestObject,
  sourcesOf,
  subgraphDir,
  writeManifest,
  type ManifestSources,
} from "./render-manifest.ts";

const require = createRequire(import.meta.url);
const graphCliPackage = require.resolve("@graphprotocol/graph-cli/package.json");
const graphBin = join(dirname(graphCliPackage), "bin", "run.js");
const defaultOutDir = join(subgraphDir, "build");
/** Build work folders and the codegen cache. Inside the package: graph-cli finds graph-ts in a node_modules above the manifest. */
export const workRoot = join(subgraphDir, ".work");
const codegenRoot = join(workRoot, "codegen");
const buildsRoot = join(workRoot, "builds");
/** Copies of finished builds, by the hash of their inputs, for output folders that have none. */
const outputsRoot = join(workRoot, "outputs");
/** Codegen outputs kept; older ones are removed. */
const CODEGEN_CACHE_ENTRIES = 8;
/** Finished builds kept; older ones are removed. */
const OUTPUT_CACHE_ENTRIES = 4;

export type BuildSubgraphParameters = {
  sources: ManifestSources;
  /** Output folder of `graph build` (default `subgraph/build/`). */
  outDir?: string;
  /** Default: the project's registry. */
  registry?: ContractRegistry;
  /** Keep the output folder when it was built from the same inputs (default true). */
  reuse?: boolean;
  log?: (line: string) => void;
};

export type BuildSubgraphReturnType = { outDir: string; manifest: string; durationMs: number };

/** Thrown when a graph-cli step fails; `output` holds what it printed. */
export class SubgraphBuildError extends MarkspaceError {
  override name = "SubgraphBuildError";
  constructor(
    message: string,
    readonly output: string,
  ) {
    super({ shortMessage: message, details: output.trim().split("\n").slice(-30).join("\n") });
  }
}

export async function buildSubgraph({
  sources,
  outDir = defaultOutDir,
  registry,
  reuse = true,
  log = () => {},
}: BuildSubgraphParameters): Promise<BuildSubgraphReturnType> {
  const started = performance.now();
  const absoluteOut = resolve(outDir);
  const isDefault = absoluteOut === defaultOutDir;
  const stamp = join(absoluteOut, INPUTS_STAMP);
  const inputs = await buildInputsHash(manifestObject({ sources, manifestDir: subgraphDir, registry }));
  if (
    reuse &&
    (await readFile(stamp, "utf8").catch(() => undefined)) === inputs &&
    (await defaultExtrasExist(isDefault))
  ) {
    const durationMs = performance.now() - started;
    log(`graph build: ${absoluteOut} is up to date`);
    return { outDir: absoluteOut, manifest: join(absoluteOut, "subgraph.yaml"), durationMs };
  }
  if (!reuse || isDefault) return build();
  // Stacks started at once build the same inputs once: the first builds, the others wait and copy.
  await mkdir(outputsRoot, { recursive: true });
  return withFolderLock(join(outputsRoot, `${inputs}.lock`), build, {
    onWait: (pid) => log(`graph build: waiting for process ${pid}, which builds the same inputs`),
  });

  async function build(): Promise<BuildSubgraphReturnType> {
    const cached = join(outputsRoot, inputs);
    if (reuse && !isDefault && (await readFile(join(cached, INPUTS_STAMP), "utf8").catch(() => undefined)) === inputs) {
      // Another output folder holds a build of the same inputs (a stack in a fresh data folder).
      await rm(absoluteOut, { recursive: true, force: true });
      await cp(cached, absoluteOut, { recursive: true });
      const now = new Date();
      await utimes(cached, now, now).catch(() => {});
      const durationMs = performance.now() - started;
      log(`graph build: copied a build of the same inputs from ${cached}`);
      return { outDir: absoluteOut, manifest: join(absoluteOut, "subgraph.yaml"), durationMs };
    }
    const work = await createWorkFolder();
    try {
      await symlink(join(subgraphDir, "src"), join(work, "src"), "dir");
      await symlink(join(subgraphDir, "schema.graphql"), join(work, "schema.graphql"));
      const manifest = join(work, "subgraph.yaml");
      const object = manifestObject({ sources, manifestDir: work, sourceDir: work, registry });
      await writeFile(manifest, stringify(object, { lineWidth: 0 }));
      const dataSources = object.dataSources as Array<{ name: string; source: { address: string } }>;
      log(
        `manifest: ${sources.network}, ${dataSources.map(({ name, source }) => `${name} ${source.address}`).join(", ")}`,
      );

      const generated = await codegen(manifest, object, log);
      await symlink(generated, join(work, "generated"), "dir");
      log(`graph build → ${absoluteOut}`);
      await rm(absoluteOut, { recursive: true, force: true });
      await runGraphCli(["build", manifest, "--output-dir", absoluteOut, "--skip-migrations"], "graph build", work);
      await writeFile(stamp, inputs);
      if (reuse) await keepOutput(absoluteOut, cached);

      if (isDefault) {
        // For editors and `graph deploy` run from subgraph/: the manifest and the codegen it needs.
        await writeManifest(sources, join(subgraphDir, "subgraph.yaml"), { registry });
        await rm(join(subgraphDir, "generated"), { recursive: true, force: true });
        await cp(generated, join(subgraphDir, "generated"), { recursive: true });
      }
    } finally {
      await rm(work, { recursive: true, force: true });
    }
    const durationMs = performance.now() - started;
    log(`subgraph built in ${(durationMs / 1000).toFixed(1)} s`);
    return { outDir: absoluteOut, manifest: join(absoluteOut, "subgraph.yaml"), durationMs };
  }
}

/** Beside the built manifest: the hash of everything the build was made from (the host ignores it). */
const INPUTS_STAMP = ".markspace-build-inputs";

/**
 * What a `graph build` output depends on: graph-cli and graph-ts, the manifest (addresses and
 * start blocks included), the schema, every mapping source and the ABIs. The local chain deploys
 * to the same addresses on every `npm start`, so a warm start reuses its previous build.
 */
async function buildInputsHash(object: Record<string, unknown>): Promise<string> {
  const hash = createHash("sha256");
  hash.update(await readFile(graphCliPackage));
  hash.update(await readFile(require.resolve("@graphprotocol/graph-ts/package.json")));
  hash.update(JSON.stringify(object));
  hash.update(await readFile(join(subgraphDir, "schema.graphql")));
  await hashTree(hash, join(subgraphDir, "src"));
  for (const file of (await readdir(abisDir)).sort()) hash.update(file).update(await readFile(join(abisDir, file)));
  return hash.digest("hex");
}

async function hashTree(hash: ReturnType<typeof createHash>, dir: string): Promise<void> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await hashTree(hash, path);
    else hash.update(path).update(await readFile(path));
  }
}

/** The default build also keeps `subgraph/subgraph.yaml` and `subgraph/generated/`; reuse it only when they are there. */
async function defaultExtrasExist(isDefault: boolean): Promise<boolean> {
  return (
    !isDefault ||
    (existsSync(join(subgraphDir, "subgraph.yaml")) && existsSync(join(subgraphDir, "generated", "schema.ts")))
  );
}

/** A fresh work folder named after this process; folders of processes that died are removed first. */
async function createWorkFolder(): Promise<string> {
  await mkdir(buildsRoot, { recursive: true });
  for (const entry of await readdir(buildsRoot)) {
    const pid = Number(entry.split("-")[0]);
    if (Number.isInteger(pid) && pid !== process.pid && !isAlive(pid))
      await rm(join(buildsRoot, entry), { recursive: true, force: true });
  }
  const work = join(buildsRoot, `${process.pid}-${randomBytes(4).toString("hex")}`);
  await mkdir(work);
  return work;
}

/**
 * The `graph codegen` output for this manifest: cached by what it depends on (graph-cli, the
 * schema, the data source and template names with their ABIs; not addresses, start blocks or
 * mapping code). Returns the folder.
 */
async function codegen(
  manifest: string,
  object: Record<string, unknown>,
  log: (line: string) => void,
): Promise<string> {
  const key = await codegenKey(object);
  const folder = join(codegenRoot, key);
  if (existsSync(join(folder, "schema.ts"))) {
    log("graph codegen: up to date");
    const now = new Date();
    await utimes(folder, now, now).catch(() => {});
    return folder;
  }
  log(`graph codegen → ${folder}`);
  await mkdir(codegenRoot, { recursive: true });
  const staging = `${folder}.staging-${process.pid}-${randomBytes(4).toString("hex")}`;
  try {
    await runGraphCli(
      ["codegen", manifest, "--output-dir", staging, "--skip-migrations"],
      "graph codegen",
      dirname(manifest),
    );
    await rename(staging, folder).catch((error: NodeJS.ErrnoException) => {
      // Another build produced the same output first: use theirs.
      if (error.code !== "ENOTEMPTY" && error.code !== "EEXIST") throw error;
    });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  await pruneCache(codegenRoot, CODEGEN_CACHE_ENTRIES);
  return folder;
}

async function codegenKey(object: Record<string, unknown>): Promise<string> {
  type Source = { name: string; mapping: { abis: Array<{ name: string; file: string }> } };
  const hash = createHash("sha256");
  hash.update(await readFile(graphCliPackage));
  hash.update(await readFile(join(subgraphDir, "schema.graphql")));
  for (const [kind, list] of [
    ["dataSource", object.dataSources],
    ["template", object.templates],
  ] as const) {
    for (const source of (list ?? []) as Source[]) {
      hash.update(`${kind}:${source.name}\n`);
      for (const abi of source.mapping.abis)
        hash.update(`abi:${abi.name}\n`).update(await readFile(join(abisDir, `${abi.name}.json`)));
    }
  }
  return hash.digest("hex").slice(0, 20);
}

/** Copies a finished build into the output cache (staged, then renamed), keeping the newest few. */
async function keepOutput(outDir: string, cached: string): Promise<void> {
  await mkdir(outputsRoot, { recursive: true });
  const staging = `${cached}.staging-${process.pid}-${randomBytes(4).toString("hex")}`;
  try {
    await cp(outDir, staging, { recursive: true });
    await rename(staging, cached).catch((error: NodeJS.ErrnoException) => {
      // Another build of the same inputs finished first: keep theirs.
      if (error.code !== "ENOTEMPTY" && error.code !== "EEXIST") throw error;
    });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  await pruneCache(outputsRoot, OUTPUT_CACHE_ENTRIES);
}

/** Keeps the `keep` most recently used entries of a cache folder; removes older ones and staging folders of dead builds. */
async function pruneCache(root: string, keep: number): Promise<void> {
  const entries = await Promise.all(
    (await readdir(root)).map(async (name) => ({
      name,
      mtimeMs: (await stat(join(root, name)).catch(() => ({ mtimeMs: 0 }))).mtimeMs,
    })),
  );
  const done = entries.filter(({ name }) => !name.includes(".staging-")).sort((a, b) => b.mtimeMs - a.mtimeMs);
  for (const { name } of done.slice(keep)) await rm(join(root, name), { recursive: true, force: true });
  for (const { name } of entries) {
    const pid = Number(name.split(".staging-")[1]?.split("-")[0]);
    if (Number.isInteger(pid) && !isAlive(pid)) await rm(join(root, name), { recursive: true, force: true });
  }
}

/** Runs the graph CLI with this Node; rejects with its output when it fails. */
export function runGraphCli(args: string[], what: string, cwd: string = subgraphDir): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [graphBin, ...args], { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolvePromise();
      else reject(new SubgraphBuildError(`${what} failed (exit code ${code})`, output));
    });
  });
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const { values } = parseArgs({
    options: {
      "chain-id": { type: "string", default: "31337" },
      "deployments-dir": { type: "string" },
      "out-dir": { type: "string", default: defaultOutDir },
    },
  });
  const chainId = Number(values["chain-id"]);
  if (!Number.isInteger(chainId) || chainId <= 0) {
    console.error(`--chain-id must be a positive integer, got "${values["chain-id"]}"`);
    process.exit(2);
  }
  try {
    const deployment = loadDeployment(chainId, values["deployments-dir"]);
    await buildSubgraph({ sources: sourcesOf(deployment), outDir: values["out-dir"], log: (l) => console.log(l) });
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
