import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildSubgraph, workRoot } from "./build.ts";
import { subgraphDir } from "./render-manifest.ts";

const registryOnly = {
  network: "hardhat",
  UnitRegistry: { address: "0x00000000000000000000000000000000000000aa", startBlock: 5 },
};
const everything = {
  ...registryOnly,
  MarkToken: { address: "0x00000000000000000000000000000000000000bb", startBlock: 4 },
};

describe("buildSubgraph", () => {
  let dir: string | undefined;
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  // The bug it guards against: a build indexing only UnitRegistry left codegen output without
  // MarkToken in a shared folder, and every later full build crashed in the AssemblyScript compiler.
  it("builds a full manifest right after one with fewer data sources, and reuses a build of the same inputs", async () => {
    dir = await mkdtemp(join(tmpdir(), "markspace-subgraph-build-"));
    const generatedBefore = existsSync(join(subgraphDir, "generated"))
      ? await readdir(join(subgraphDir, "generated"))
      : undefined;

    // What `npm run bench` (indexing only UnitRegistry) and then `npm start` did, here into one folder.
    const out = join(dir, "build");
    const partial = await buildSubgraph({ sources: registryOnly, outDir: out });
    expect(await readdir(partial.outDir)).toEqual(expect.arrayContaining(["UnitRegistry", "subgraph.yaml"]));
    expect(await readdir(partial.outDir)).not.toContain("MarkToken");
    const full = await buildSubgraph({ sources: everything, outDir: out });
    expect(existsSync(join(full.outDir, "MarkToken", "MarkToken.wasm"))).toBe(true);
    expect(existsSync(join(full.outDir, "UnitRegistry", "UnitRegistry.wasm"))).toBe(true);

    // The same inputs again (a warm `npm start`): the output is kept as it is.
    const lines: string[] = [];
    const again = await buildSubgraph({ sources: everything, outDir: out, log: (line) => lines.push(line) });
    expect(lines).toEqual([`graph build: ${out} is up to date`]);
    expect(again.durationMs).toBeLessThan(full.durationMs);
    expect(existsSync(join(out, "MarkToken", "MarkToken.wasm"))).toBe(true);

    // The same inputs into a fresh output folder (a stack in a new data folder): copied, not rebuilt.
    const copyLines: string[] = [];
    const copy = await buildSubgraph({
      sources: everything,
      outDir: join(dir, "fresh"),
      log: (line) => copyLines.push(line),
    });
    expect(copyLines).toEqual([expect.stringMatching(/^graph build: copied a build of the same inputs from /)]);
    expect(copy.durationMs).toBeLessThan(full.durationMs);
    expect(await readFile(join(copy.outDir, "subgraph.yaml"), "utf8")).toBe(
      await readFile(join(full.outDir, "subgraph.yaml"), "utf8"),
    );
    expect(existsSync(join(copy.outDir, "MarkToken", "MarkToken.wasm"))).toBe(true);

    // Builds into another output folder leave the package's own generated/ alone and clean up after themselves.
    const generatedAfter = existsSync(join(subgraphDir, "generated"))
      ? await readdir(join(subgraphDir, "generated"))
      : undefined;
    expect(generatedAfter).toEqual(generatedBefore);
    const leftovers = (await readdir(join(workRoot, "builds"))).filter((name) => name.startsWith(`${process.pid}-`));
    expect(leftovers).toEqual([]);
  }, 240_000);
});
