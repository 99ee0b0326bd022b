/**
 * Builds the subgraph offline: renders the manifest from a deployment record, runs
 * `graph codegen` (into `subgraph/generated/`) and `graph build` (WASM, schema, ABIs and the
 * built manifest into the output folder, which the embedded host and `graph deploy` read).
 *
 *   npx tsx subgraph/scripts/build.ts [--chain-id 31337] [--deployments-dir DIR] [--out-dir DIR]
 *
 * Defaults: chain 31337, `contracts/deployments/`, `subgraph/build/` (manifest in
 * `subgraph/subgraph.yaml`). With another `--out-dir` the manifest is rendered into a temporary
 * folder (`subgraph/.manifests/`, git-ignored), so builds for different chains can run side by side.
 */
import { MarkspaceError } from "@markspace/common/errors";
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { loadDeployment } from "@markspace/contracts/deployments";
import { abisDir, sourcesOf, subgraphDir, writeManifest, type ManifestSources } from "./render-manifest.ts";

const require = createRequire(import.meta.url);
const graphCliPackage = require.resolve("@graphprotocol/graph-cli/package.json");
const graphBin = join(dirname(graphCliPackage), "bin", "run.js");
const generatedDir = join(subgraphDir, "generated");
const defaultOutDir = join(subgraphDir, "build");

export type BuildSubgraphParameters = {
  sources: ManifestSources;
  /** Output folder of `graph build` (default `subgraph/build/`). */
  outDir?: string;
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
  log = () => {},
}: BuildSubgraphParameters): Promise<BuildSubgraphReturnType> {
  const started = performance.now();
  const absoluteOut = resolve(outDir);
  const isDefault = absoluteOut === defaultOutDir;
  // graph-cli resolves graph-ts from node_modules above the manifest, so temporary manifests
  // live inside the package (git-ignored), not in the system temp folder.
  if (!isDefault) await mkdir(join(subgraphDir, ".manifests"), { recursive: true });
  const manifestFolder = isDefault ? subgraphDir : await mkdtemp(join(subgraphDir, ".manifests", "m-"));
  const manifest = join(manifestFolder, "subgraph.yaml");
  try {
    await writeManifest(sources, manifest);
    log(`manifest: ${sources.network}, UnitRegistry ${sources.UnitRegistry.address}`);
    await codegen(manifest, log);
    log(`graph build → ${absoluteOut}`);
    await rm(absoluteOut, { recursive: true, force: true });
    await runGraphCli(["build", manifest, "--output-dir", absoluteOut, "--skip-migrations"], "graph build");
  } finally {
    if (!isDefault) await rm(manifestFolder, { recursive: true, force: true });
  }
  const durationMs = performance.now() - started;
  log(`subgraph built in ${(durationMs / 1000).toFixed(1)} s`);
  return { outDir: absoluteOut, manifest: join(absoluteOut, "subgraph.yaml"), durationMs };
}

/**
 * `graph codegen` writes into the shared `subgraph/generated/`; its output depends only on the
 * schema and ABIs, so it is skipped when those did not change, and a lock folder keeps two
 * builds from writing it at once.
 */
async function codegen(manifest: string, log: (line: string) => void): Promise<void> {
  const hash = await codegenInputsHash();
  const stamp = join(generatedDir, ".inputs-hash");
  await withLock(`${generatedDir}.lock`, async () => {
    if (existsSync(stamp) && (await readFile(stamp, "utf8")) === hash) {
      log("graph codegen: up to date");
      return;
    }
    log("graph codegen → subgraph/generated/");
    await runGraphCli(["codegen", manifest, "--output-dir", generatedDir, "--skip-migrations"], "graph codegen");
    await writeFile(stamp, hash);
  });
}

async function codegenInputsHash(): Promise<string> {
  const hash = createHash("sha256");
  hash.update(await readFile(graphCliPackage));
  hash.update(await readFile(join(subgraphDir, "schema.graphql")));
  for (const file of (await readdir(abisDir)).sort()) hash.update(file).update(await readFile(join(abisDir, file)));
  return hash.digest("hex");
}

/** Runs `fn` while holding a lock folder (mkdir is atomic); a lock older than two minutes is stale. */
export async function withLock<T>(lock: string, fn: () => Promise<T>): Promise<T> {
  await acquireLock(lock);
  try {
    return await fn();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

async function acquireLock(lock: string): Promise<void> {
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      await mkdir(lock);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      // A lock older than two minutes belongs to a build that died.
      const age = Date.now() - (await stat(lock).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
      if (age > 120_000) await rm(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${lock}; remove it if no build is running`);
      await new Promise((r) => setTimeout(r, 200));
    }
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
