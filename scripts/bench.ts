/**
 * `npm run bench`: every performance figure the issues ask for, measured on this machine.
 * Prints a table for people and writes `bench-results.json` at the repository root for
 * machines: an array of `{ metric, value, unit, baseline? }`.
 *
 *   npm run bench [-- --only gas,indexing] [--data-dir DIR] [--out FILE]
 *
 * Works on a fresh clone right after `npm ci`: it compiles the contracts and generates the ABIs
 * first, and loads each suite only then. Every suite uses its own ports and throw-away folders,
 * so it never changes what `npm start` uses.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { parseArgs } from "node:util";
import { watchParent } from "./lib/parent-watch.ts";
import { formatBenchTable, resolveBenchOptions, type BenchRow, type BenchSuite } from "./lib/bench.ts";
import { StackStoppedError } from "./stack/service.ts";
import { Supervisor } from "./stack/supervisor.ts";
import { compileContracts } from "./stack/contracts.ts";

export type { BenchContext, BenchRow, BenchSuite } from "./lib/bench.ts";

/**
 * The suites, in the order they run. Add one here: a name for `--only` and a function that
 * returns rows. Import its module inside `run`, so nothing loads before the contracts are built.
 */
export const benchSuites: BenchSuite[] = [
  { name: "gas", run: async () => (await import("./bench-gas.ts")).runGasBench() },
  {
    name: "indexing",
    run: async ({ log }) =>
      (await import("../subgraph/host/bench/indexing.bench.ts")).runIndexingBench({ log: (line) => log(`  ${line}`) }),
  },
  {
    name: "graphql",
    run: async ({ log }) =>
      (await import("../subgraph/host/bench/graphql.bench.ts")).runGraphqlBench({ log: (line) => log(`  ${line}`) }),
  },
  {
    name: "memory",
    run: async ({ log }) =>
      (await import("../subgraph/host/bench/memory.bench.ts")).runMemoryBench({ log: (line) => log(`  ${line}`) }),
  },
  {
    name: "tracer",
    run: async ({ log }) =>
      (await import("../render-network/bench/tracer.bench.ts")).runTracerBench({ log: (line) => log(`  ${line}`) }),
  },
  {
    name: "app",
    run: async ({ dataDir, log, signal }) => (await import("./bench-app.ts")).runAppBench({ dataDir, log, signal }),
  },
  {
    name: "stack-start",
    run: async ({ dataDir, log, signal }) => (await import("./bench-stack.ts")).runStackBench({ dataDir, log, signal }),
  },
];

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  const readFlags = () =>
    parseArgs({
      options: {
        "data-dir": { type: "string" },
        only: { type: "string" },
        out: { type: "string" },
        help: { type: "boolean", default: false },
      },
    });
  let values: ReturnType<typeof readFlags>["values"];
  try {
    ({ values } = readFlags());
  } catch (error) {
    // An unknown flag or a missing value: say which, and where the list is.
    console.error(`bench: ${error instanceof Error ? error.message : String(error)} (see npm run bench -- --help)`);
    process.exit(2);
  }
  if (values.help) {
    console.log(`Usage: npm run bench -- [--only ${benchSuites.map((suite) => suite.name).join(",")}] [--data-dir DIR] [--out FILE]

  --only <names>    run only these suites (comma-separated)
  --data-dir <dir>  parent folder of the throw-away data directories (default: the system temp folder)
  --out <file>      where to write the rows (default: bench-results.json at the repository root)`);
    process.exit(0);
  }
  let options;
  try {
    options = resolveBenchOptions(values, benchSuites);
  } catch (error) {
    console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  }

  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    console.log(`\nbench: ${signal}, stopping…`);
    controller.abort(new StackStoppedError({ shortMessage: `Stopped by ${signal}` }));
    // In-process work (the in-process chain, hardhat) cannot be interrupted; leave once children are down.
    setTimeout(() => process.exit(130), 10_000).unref();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  watchParent(() => onSignal("SIGHUP"));
  const log = (line: string) => console.log(line);

  try {
    await mkdir(options.dataDir, { recursive: true });
    console.log("bench: compiling contracts and generating ABIs…");
    const prepare = new Supervisor({ signal: controller.signal });
    await compileContracts(prepare);
    await prepare.stop();

    const rows: BenchRow[] = [];
    for (const suite of benchSuites.filter((candidate) => !options.only || options.only.includes(candidate.name))) {
      controller.signal.throwIfAborted();
      console.log(`bench: ${suite.name}…`);
      const started = performance.now();
      rows.push(...(await suite.run({ dataDir: options.dataDir, log, signal: controller.signal })));
      console.log(`bench: ${suite.name} done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    console.log(`\n${formatBenchTable(rows)}`);
    await mkdir(dirname(options.out), { recursive: true });
    await writeFile(options.out, JSON.stringify(rows, null, 2) + "\n");
    console.log(`\nbench: wrote ${options.out}`);
    process.exit(0);
  } catch (error) {
    if (controller.signal.aborted) {
      console.log("bench: stopped.");
      process.exit(130);
    }
    console.error(`\nbench failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
