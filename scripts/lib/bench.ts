/**
 * What every bench suite shares: the row format of `bench-results.json`, the context a suite
 * runs in, the table printed for people, and the command-line options of `npm run bench`.
 */
import { MarkspaceError } from "@markspace/common/errors";
import { isAbsolute, join } from "node:path";
import { tmpdir } from "node:os";
import { z } from "zod";
import { repoRoot } from "./paths.ts";

/** One figure: `baseline` is the committed value it is compared with, when there is one. */
export type BenchRow = { metric: string; value: number; unit: string; baseline?: number };

export type BenchContext = {
  /** Folder for throw-away data (data directories of stacks started by the suite); outside the tree by default. */
  dataDir: string;
  log: (line: string) => void;
  /** Aborted on Ctrl-C/SIGTERM: a suite that starts processes stops them. */
  signal: AbortSignal;
};

export type BenchSuite = {
  /** Short name, used by `--only`. */
  name: string;
  run: (context: BenchContext) => Promise<BenchRow[]>;
};

export type BenchOptions = { dataDir: string; only: string[] | undefined; out: string };

/** Thrown for a bad `npm run bench` option; names the flag. */
export class BenchOptionsError extends MarkspaceError {
  override name = "BenchOptionsError";
}

const optionsSchema = z.object({
  "data-dir": z.string().min(1, "a folder path").optional(),
  only: z.string().min(1, "one or more suite names, comma-separated").optional(),
  out: z.string().min(1, "a file path").optional(),
});

/** Validates the flags against the suites that exist. */
export function resolveBenchOptions(values: Record<string, unknown>, suites: readonly BenchSuite[]): BenchOptions {
  const parsed = optionsSchema.safeParse(values);
  if (!parsed.success) {
    throw new BenchOptionsError({
      shortMessage: `Invalid bench options: ${parsed.error.issues.map((issue) => `--${issue.path.join(".")}: ${issue.message}`).join("; ")}`,
    });
  }
  const absolute = (path: string) => (isAbsolute(path) ? path : join(process.cwd(), path));
  const only = parsed.data.only?.split(",").map((name) => name.trim());
  const unknown = only?.filter((name) => !suites.some((suite) => suite.name === name)) ?? [];
  if (unknown.length) {
    throw new BenchOptionsError({
      shortMessage: `--only names no suite called ${unknown.map((name) => `"${name}"`).join(", ")}`,
      hint: `The suites are: ${suites.map((suite) => suite.name).join(", ")}.`,
    });
  }
  return {
    dataDir: absolute(parsed.data["data-dir"] ?? tmpdir()),
    only,
    out: absolute(parsed.data.out ?? join(repoRoot, "bench-results.json")),
  };
}

/** The table `npm run bench` prints. */
export function formatBenchTable(rows: readonly BenchRow[]): string {
  const width = Math.max("metric".length, ...rows.map((row) => row.metric.length));
  const lines = [`  ${"metric".padEnd(width)}  ${"value".padStart(14)}  unit        baseline`];
  for (const row of rows) {
    const value = Number.isInteger(row.value) ? String(row.value) : row.value.toFixed(1);
    lines.push(
      `  ${row.metric.padEnd(width)}  ${value.padStart(14)}  ${row.unit.padEnd(10)}  ${row.baseline ?? ""}`.trimEnd(),
    );
  }
  return lines.join("\n");
}
