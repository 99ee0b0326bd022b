import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BenchOptionsError, formatBenchTable, resolveBenchOptions, type BenchSuite } from "./bench.ts";
import { repoRoot } from "./paths.ts";

const suites: BenchSuite[] = [
  { name: "gas", run: async () => [] },
  { name: "indexing", run: async () => [] },
];

describe("resolveBenchOptions", () => {
  it("defaults to every suite, the system temp folder and bench-results.json at the root", () => {
    expect(resolveBenchOptions({}, suites)).toEqual({
      dataDir: tmpdir(),
      only: undefined,
      out: join(repoRoot, "bench-results.json"),
    });
  });

  it("takes a comma-separated --only and folders outside the tree", () => {
    expect(
      resolveBenchOptions({ only: "indexing, gas", "data-dir": "/var/tmp/bench", out: "/tmp/rows.json" }, suites),
    ).toEqual({
      dataDir: "/var/tmp/bench",
      only: ["indexing", "gas"],
      out: "/tmp/rows.json",
    });
  });

  it("names an unknown suite and lists the real ones", () => {
    expect(() => resolveBenchOptions({ only: "gas,graphql" }, suites)).toThrow(BenchOptionsError);
    expect(() => resolveBenchOptions({ only: "gas,graphql" }, suites)).toThrow(
      /--only names no suite called "graphql"[\s\S]*The suites are: gas, indexing\./,
    );
  });

  it("names an empty flag", () => {
    expect(() => resolveBenchOptions({ "data-dir": "" }, suites)).toThrow(/--data-dir: a folder path/);
  });
});

describe("formatBenchTable", () => {
  it("aligns metrics, values, units and baselines", () => {
    expect(
      formatBenchTable([
        { metric: "UnitRegistry.claim", value: 93162, unit: "gas", baseline: 93000 },
        { metric: "indexing rate", value: 10543.25, unit: "events/s" },
      ]),
    ).toBe(
      [
        "  metric                       value  unit        baseline",
        "  UnitRegistry.claim           93162  gas         93000",
        "  indexing rate              10543.3  events/s",
      ].join("\n"),
    );
  });
});
