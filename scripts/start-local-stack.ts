/**
 * `npm start`: the whole Markspace stack on one machine with embedded defaults.
 *
 *   chain (Hardhat/EDR JSON-RPC) → contracts deployed → IPFS (Helia) → demo world seeded →
 *   subgraph built and indexed by the embedded host → app (Next.js)
 *
 * Prints progress, then one table of URLs, then keeps watching the services: one that dies is
 * reported and restarted (IPFS, subgraph host, app) or ends the stack with exit code 1 (the
 * chain, or a service that keeps dying). Ctrl-C, SIGTERM or SIGHUP at any moment stops every
 * child process, build steps included; a second Ctrl-C kills them at once. So does the death of
 * the process that started it (npm forwards signals to its `sh -c`, not to the launcher).
 * Options: see `--help` (every flag also has a MARKSPACE_* environment variable). The work is
 * done in `scripts/stack/` (one module per service and an orchestrator).
 */
import { parseArgs } from "node:util";
import { watchParent } from "./lib/parent-watch.ts";
import { killAllChildrenNow } from "./stack/child.ts";
import { startLocalStack, type LocalStack, type LocalStackUrls } from "./stack/orchestrator.ts";
import { StackStoppedError } from "./stack/service.ts";

export {
  startLocalStack,
  type LocalStack,
  type LocalStackUrls,
  type StartLocalStackOptions,
} from "./stack/orchestrator.ts";
export { waitForIndexedBlock } from "./stack/subgraph.ts";

function printTable(urls: LocalStackUrls): void {
  const rows: Array<[string, string]> = [
    ["app", urls.app],
    ["GraphQL (subgraph)", urls.graphql],
    ["JSON-RPC (chain 31337)", urls.rpc],
    ["IPFS gateway", `${urls.ipfsGateway}/ipfs/<cid>`],
    ["IPFS API (Kubo RPC)", `${urls.ipfsApi}/api/v0`],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  console.log("\n  Markspace is running\n");
  for (const [name, url] of rows) console.log(`  ${name.padEnd(width)}  ${url}`);
  console.log("\n  Ctrl-C stops everything.\n");
}

const HELP = `Usage: npm start -- [options]

  --host <ip>                 bind address of every service        (MARKSPACE_HOST, 127.0.0.1)
  --data-dir <dir>            IPFS blocks, subgraph DB, deployment  (MARKSPACE_DATA_DIR, .data)
  --chain-port <n>            JSON-RPC chain                        (MARKSPACE_CHAIN_PORT, 8545)
  --ipfs-api-port <n>         Kubo-compatible IPFS API              (MARKSPACE_IPFS_API_PORT, 5001)
  --ipfs-gateway-port <n>     IPFS path gateway                     (MARKSPACE_IPFS_GATEWAY_PORT, 8080)
  --graphql-port <n>          subgraph GraphQL                      (MARKSPACE_GRAPHQL_PORT, 8000)
  --app-port <n>              web app                               (MARKSPACE_APP_PORT, 3000)
  --app-mode <prod|dev>       production build or next dev          (MARKSPACE_APP_MODE, prod)
  --demo-units <n>            furnished demo units to seed          (MARKSPACE_DEMO_UNITS, 4)
  --render-workers <n>        render Workers beside one Scheduler;  (MARKSPACE_RENDER_WORKERS, 3)
                              0 runs no render network
  --verbose                   show every service's own output

A service that dies after start-up is reported with its last output. IPFS, the subgraph host,
the render processes and the app are restarted (at most 3 times in 5 minutes); if the chain dies, or a service keeps
dying, every service is stopped and npm start exits with code 1. Ctrl-C stops everything.
`;

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  const env = process.env;
  const readFlags = () =>
    parseArgs({
      options: {
        host: { type: "string", default: env.MARKSPACE_HOST },
        "data-dir": { type: "string", default: env.MARKSPACE_DATA_DIR },
        "chain-port": { type: "string", default: env.MARKSPACE_CHAIN_PORT },
        "ipfs-api-port": { type: "string", default: env.MARKSPACE_IPFS_API_PORT },
        "ipfs-gateway-port": { type: "string", default: env.MARKSPACE_IPFS_GATEWAY_PORT },
        "graphql-port": { type: "string", default: env.MARKSPACE_GRAPHQL_PORT },
        "app-port": { type: "string", default: env.MARKSPACE_APP_PORT },
        "app-mode": { type: "string", default: env.MARKSPACE_APP_MODE },
        "demo-units": { type: "string", default: env.MARKSPACE_DEMO_UNITS },
        "render-workers": { type: "string", default: env.MARKSPACE_RENDER_WORKERS },
        verbose: { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
    });
  let values: ReturnType<typeof readFlags>["values"];
  try {
    ({ values } = readFlags());
  } catch (error) {
    // An unknown flag or a missing value: say which, and where the list is.
    console.error(`npm start: ${error instanceof Error ? error.message : String(error)} (see npm start -- --help)`);
    process.exit(2);
  }
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }

  // Installed before anything starts, so a signal during start-up stops what has started so far.
  const controller = new AbortController();
  let firstSignalAt: number | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (firstSignalAt === undefined) {
      firstSignalAt = Date.now();
      console.log(`\n${signal}: stopping every service… (Ctrl-C again to kill them at once)`);
      controller.abort(new StackStoppedError({ shortMessage: `Stopped by ${signal}` }));
    } else if (Date.now() - firstSignalAt > 1_000) {
      killAllChildrenNow();
      process.exit(130);
    }
    // Within a second it is the same Ctrl-C arriving twice: from the terminal and forwarded by npm and tsx.
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  process.on("SIGHUP", onSignal);
  // `kill <npm's pid>` reaches only npm's shell; the launcher then finds itself orphaned.
  watchParent(() => {
    console.log("\nthe process that started npm start exited: stopping every service…");
    controller.abort(new StackStoppedError({ shortMessage: "Stopped: the parent process exited" }));
  });

  let stack: LocalStack;
  try {
    stack = await startLocalStack({
      host: values.host,
      dataDir: values["data-dir"],
      ports: {
        chain: values["chain-port"],
        ipfsApi: values["ipfs-api-port"],
        ipfsGateway: values["ipfs-gateway-port"],
        graphql: values["graphql-port"],
        app: values["app-port"],
      },
      appMode: values["app-mode"],
      demoUnits: values["demo-units"],
      renderWorkers: values["render-workers"],
      signal: controller.signal,
      onServiceLine: values.verbose ? (service, line) => console.log(`  ${service} | ${line}`) : undefined,
    });
  } catch (error) {
    if (error instanceof StackStoppedError) {
      console.log("stopped.");
      process.exit(0);
    }
    console.error(`\nnpm start failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  printTable(stack.urls);
  const { failure } = await stack.stopped;
  if (failure) {
    console.error(`\nnpm start stopped: ${failure.shortMessage}`);
    process.exit(1);
  }
  console.log("stopped.");
  process.exit(0);
}
