/**
 * `npm run bench`: every performance figure the issues ask for, measured on this machine.
 * Prints a table for people and writes `bench-results.json` at the repository root for
 * machines: an array of `{ metric, value, unit, baseline? }`.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { runGraphqlBench } from "../subgraph/host/bench/graphql.bench.ts";
import { runIndexingBench } from "../subgraph/host/bench/indexing.bench.ts";
import { runGasBench } from "./bench-gas.ts";
import { runStackBench } from "./bench-stack.ts";
import { repoRoot } from "./lib/paths.ts";

export type BenchRow = { metric: string; value: number; unit: string; baseline?: number };

const suites: Array<[string, () => Promise<BenchRow[]>]> = [
  ["contract gas", runGasBench],
  ["subgraph host indexing", runIndexingBench],
  ["subgraph host GraphQL", () => runGraphqlBench()],
  ["local stack start", () => runStackBench()],
];

const rows: BenchRow[] = [];
for (const [name, run] of suites) {
  console.log(`bench: ${name}…`);
  const started = performance.now();
  rows.push(...(await run()));
  console.log(`bench: ${name} done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

const width = Math.max(...rows.map((row) => row.metric.length));
console.log(`\n  ${"metric".padEnd(width)}  ${"value".padStart(14)}  unit        baseline`);
for (const row of rows) {
  const value = Number.isInteger(row.value) ? String(row.value) : row.value.toFixed(1);
  console.log(`  ${row.metric.padEnd(width)}  ${value.padStart(14)}  ${row.unit.padEnd(10)}  ${row.baseline ?? ""}`);
}
const out = join(repoRoot, "bench-results.json");
await writeFile(out, JSON.stringify(rows, null, 2) + "\n");
console.log(`\nbench: wrote ${out}`);
