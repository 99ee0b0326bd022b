/**
 * Command line for the embedded subgraph host (the local stack launcher spawns it with tsx):
 *
 *   tsx subgraph/host/src/cli.ts --rpc-url http://127.0.0.1:8545 --build-dir subgraph/build \
 *     --name markspace [--data-dir .data/subgraph-db | --database-url postgres://…] [--port 8000]
 *     [--host 127.0.0.1] [--poll-interval 1000]
 *
 * Prints `subgraph host ready: <url>` once the GraphQL server listens; stops cleanly on SIGINT/SIGTERM.
 */
import { parseArgs } from "node:util";
import { startSubgraphHost, SubgraphHostError } from "./index.ts";

const USAGE = `Usage: cli.ts --rpc-url <url> --build-dir <dir> --name <name> [options]

  --rpc-url <url>          JSON-RPC endpoint of the chain (required)
  --build-dir <dir>        output folder of graph build, containing subgraph.yaml (required)
  --name <name>            served at /subgraphs/name/<name> (required)
  --data-dir <dir>         PGlite data folder (default: in memory)
  --database-url <url>     a PostgreSQL server instead of PGlite (postgres://user:pass@host:5432/db)
  --database-schema <name> schema for this subgraph's tables there (default subgraph_<name>)
  --port <n>               GraphQL port, 0 for a random one (default 8000)
  --host <host>            interface to listen on (default 127.0.0.1)
  --poll-interval <ms>     chain head polling interval (default 1000)
  --help                   this text`;

function fail(message: string): never {
  console.error(`subgraph host: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function integer(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) fail(`--${flag} must be a non-negative integer, got "${value}"`);
  return Number(value);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      "rpc-url": { type: "string" },
      "build-dir": { type: "string" },
      name: { type: "string" },
      "data-dir": { type: "string" },
      "database-url": { type: "string" },
      "database-schema": { type: "string" },
      port: { type: "string" },
      host: { type: "string" },
      "poll-interval": { type: "string" },
      help: { type: "boolean" },
    },
    strict: true,
    allowPositionals: false,
  }));
} catch (error) {
  fail((error as Error).message);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
for (const required of ["rpc-url", "build-dir", "name"] as const)
  if (!values[required]) fail(`--${required} is required`);

try {
  const host = await startSubgraphHost({
    rpcUrl: values["rpc-url"]!,
    buildDir: values["build-dir"]!,
    name: values.name!,
    ...(values["data-dir"] ? { dataDir: values["data-dir"] } : {}),
    ...(values["database-url"] ? { databaseUrl: values["database-url"] } : {}),
    ...(values["database-schema"] ? { databaseSchema: values["database-schema"] } : {}),
    port: integer("port", values.port, 8000),
    host: values.host ?? "127.0.0.1",
    pollIntervalMs: integer("poll-interval", values["poll-interval"], 1000),
    log: (line) => console.log(line),
  });
  console.log(`subgraph host ready: ${host.url}`);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`subgraph host: ${signal}, stopping`);
    host.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`subgraph host: error while stopping: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
} catch (error) {
  if (error instanceof SubgraphHostError) {
    console.error(`subgraph host: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
