/**
 * `npm start`: the whole Markspace stack on one machine with embedded defaults.
 *
 *   chain (Hardhat/EDR JSON-RPC) → contracts deployed → IPFS (Helia) → demo world seeded →
 *   subgraph built and indexed by the embedded host → app (Next.js)
 *
 * Prints progress, then one table of URLs. Ctrl-C stops every child process.
 * Options: see `--help` (every flag also has a MARKSPACE_* environment variable).
 */
import { existsSync, statSync } from "node:fs";
import { mkdir, readdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { Deployment } from "@markspace/contracts/deployments";
import { bins } from "./lib/bins.ts";
import { repoRoot } from "./lib/paths.ts";
import { assertPortFree } from "./lib/ports.ts";
import { httpAnswers, runCommand, startService, type Service } from "./lib/service.ts";
import { resolveStackConfig, type StackConfig, type StackConfigInput } from "./lib/stack-config.ts";
import { deploy } from "./deploy.ts";

export type LocalStackUrls = {
  app: string;
  graphql: string;
  rpc: string;
  ipfsApi: string;
  ipfsGateway: string;
};

export type LocalStack = {
  config: StackConfig;
  urls: LocalStackUrls;
  deployment: Deployment;
  /** Stops every child process, newest first. Safe to call twice. */
  stop: () => Promise<void>;
};

export type StartLocalStackOptions = StackConfigInput & {
  /** Progress lines (defaults to stdout). */
  log?: (line: string) => void;
  /** Every line the child services print (defaults to dropping them; `--verbose` shows them). */
  onServiceLine?: (service: string, line: string) => void;
};

const STEPS = 7;

export async function startLocalStack(options: StartLocalStackOptions = {}): Promise<LocalStack> {
  const { log = (line: string) => console.log(line), onServiceLine, ...input } = options;
  const config = resolveStackConfig(input);
  const { host, ports, dataDirAbsolute: dataDir } = config;
  const services: Service[] = [];
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  const step = (n: number, text: string) => log(`[${n}/${STEPS}] ${text} (at ${elapsed()})`);
  const lineSink = (service: string) => (line: string) => onServiceLine?.(service, line);
  const stop = async () => {
    for (const service of services.splice(0).reverse()) await service.stop();
  };

  try {
    // Every port is checked before anything starts, so a clash costs nothing.
    await assertPortFree(ports.chain, host, "chain (JSON-RPC)", "--chain-port");
    await assertPortFree(ports.ipfsApi, host, "IPFS API", "--ipfs-api-port");
    await assertPortFree(ports.ipfsGateway, host, "IPFS gateway", "--ipfs-gateway-port");
    await assertPortFree(ports.graphql, host, "subgraph GraphQL server", "--graphql-port");
    await assertPortFree(ports.app, host, "app", "--app-port");
    await mkdir(dataDir, { recursive: true });

    step(1, "compiling contracts and generating ABIs");
    await runCommand("hardhat compile", bins.node, [bins.hardhat, "compile", "--quiet"], {
      cwd: repoRoot,
      onLine: lineSink("compile"),
    });
    await runCommand("generate ABIs", bins.node, [bins.tsx, "scripts/generate-abis.ts"], {
      cwd: repoRoot,
      onLine: lineSink("abis"),
    });

    step(2, `starting the chain on ${host}:${ports.chain}`);
    const rpcUrl = `http://${host}:${ports.chain}`;
    services.push(
      await startService({
        name: "chain",
        command: bins.node,
        args: [bins.hardhat, "node", "--hostname", host, "--port", String(ports.chain)],
        cwd: repoRoot,
        ready: { probe: () => rpcAnswers(rpcUrl) },
        onLine: lineSink("chain"),
      }),
    );

    step(3, "deploying MarkToken and UnitRegistry");
    const deploymentsDir = join(dataDir, "deployments");
    const { deployment } = await deploy({ rpcUrl, outDir: deploymentsDir, log: (line) => log(`      ${line}`) });

    const subgraphBuildDir = join(dataDir, "subgraph-build");
    // The build needs only the deployment record, so it runs while IPFS starts and the world is seeded.
    const subgraphBuild = runCommand(
      "subgraph build",
      bins.node,
      [
        bins.tsx,
        "subgraph/scripts/build.ts",
        "--deployments-dir",
        deploymentsDir,
        "--chain-id",
        String(deployment.chainId),
        "--out-dir",
        subgraphBuildDir,
      ],
      { cwd: repoRoot, onLine: lineSink("subgraph-build") },
    );
    // Awaited in step 6; until then a failure must not surface as an unhandled rejection.
    subgraphBuild.catch(() => {});

    step(4, `starting IPFS (API ${host}:${ports.ipfsApi}, gateway ${host}:${ports.ipfsGateway})`);
    const ipfs = await startService({
      name: "ipfs",
      command: bins.node,
      args: [
        bins.tsx,
        "ipfs/src/cli.ts",
        "--data-dir",
        join(dataDir, "ipfs"),
        "--api-port",
        String(ports.ipfsApi),
        "--gateway-port",
        String(ports.ipfsGateway),
        "--host",
        host,
      ],
      cwd: repoRoot,
      ready: { readyLine: /ipfs ready: api (\S+) gateway (\S+)/ },
      onLine: lineSink("ipfs"),
    });
    services.push(ipfs);
    const ipfsApi = ipfs.readyMatch?.[1] ?? `http://${host}:${ports.ipfsApi}`;
    const ipfsGateway = ipfs.readyMatch?.[2] ?? `http://${host}:${ports.ipfsGateway}`;

    step(5, `seeding the demo world (${config.demoUnits} furnished units)`);
    // Imported here, not at the top: it needs the ABI module that step 1 generates on a fresh clone.
    const { seedDemoWorld } = await import("./seed-demo-world.ts");
    const seeded = await seedDemoWorld({
      rpcUrl,
      deployment,
      ipfsApiUrl: ipfsApi,
      count: config.demoUnits,
      log: (line) => log(`      ${line}`),
    });

    step(6, "starting the embedded subgraph host (the subgraph was built alongside steps 4–5)");
    await subgraphBuild;
    // The chain starts empty on every run, so yesterday's index would describe another chain.
    const subgraphDb = join(dataDir, "subgraph-db");
    await rm(subgraphDb, { recursive: true, force: true });
    const subgraph = await startService({
      name: "subgraph host",
      command: bins.node,
      args: [
        bins.tsx,
        "subgraph/host/src/cli.ts",
        "--rpc-url",
        rpcUrl,
        "--build-dir",
        subgraphBuildDir,
        "--name",
        config.subgraphName,
        "--data-dir",
        subgraphDb,
        "--port",
        String(ports.graphql),
        "--host",
        host,
        "--poll-interval",
        "500",
      ],
      cwd: repoRoot,
      ready: { readyLine: /subgraph host ready: (\S+)/ },
      onLine: lineSink("subgraph"),
    });
    services.push(subgraph);
    const graphqlUrl =
      subgraph.readyMatch?.[1] ?? `http://${host}:${ports.graphql}/subgraphs/name/${config.subgraphName}`;
    await waitForIndexedBlock(graphqlUrl, seeded.lastBlock, 120_000);
    log(`      indexed up to block ${seeded.lastBlock}`);

    step(7, `starting the app (${config.appMode}) on ${host}:${ports.app}`);
    const appUrl = `http://${host}:${ports.app}`;
    const appEnv = {
      ...process.env,
      MARKSPACE_SUBGRAPH_URL: graphqlUrl,
      MARKSPACE_IPFS_GATEWAY_URL: ipfsGateway,
      MARKSPACE_RPC_URL: rpcUrl,
      MARKSPACE_CHAIN_ID: String(deployment.chainId),
      MARKSPACE_DEPLOYMENTS_DIR: deploymentsDir,
      NEXT_TELEMETRY_DISABLED: "1",
      MARKSPACE_APP_DIST_DIR: config.appDistDir,
    };
    const appDir = join(repoRoot, "app");
    if (config.appMode === "prod" && (await appBuildIsStale(appDir, config.appDistDir))) {
      log("      building the app for production (first run or sources changed; about 30 s on 2 cores)");
      await runCommand("next build", bins.node, [bins.next, "build"], {
        cwd: appDir,
        env: appEnv,
        onLine: lineSink("next-build"),
      });
    }
    services.push(
      await startService({
        name: "app",
        command: bins.node,
        args: [bins.next, config.appMode === "prod" ? "start" : "dev", "--port", String(ports.app), "--hostname", host],
        cwd: appDir,
        env: appEnv,
        ready: { probe: () => httpAnswers(appUrl) },
        timeoutMs: 300_000,
        onLine: lineSink("app"),
      }),
    );

    const urls: LocalStackUrls = { app: appUrl, graphql: graphqlUrl, rpc: rpcUrl, ipfsApi, ipfsGateway };
    log(`ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return { config, urls, deployment, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function rpcAnswers(rpcUrl: string): Promise<boolean> {
  const response = await fetch(rpcUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
    signal: AbortSignal.timeout(2_000),
  });
  return response.ok;
}

/** Waits until the subgraph's `_meta.block.number` reaches `block`; throws with the indexing error if one appears. */
export async function waitForIndexedBlock(graphqlUrl: string, block: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer yet";
  while (Date.now() < deadline) {
    try {
      const response = await fetch(graphqlUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ _meta { block { number } hasIndexingErrors } }" }),
      });
      const body = (await response.json()) as {
        data?: { _meta?: { block: { number: number }; hasIndexingErrors: boolean } };
      };
      const meta = body.data?._meta;
      if (meta?.hasIndexingErrors)
        throw new Error(
          `The subgraph stopped on an indexing error at block ${meta.block.number}; see the subgraph host's log (--verbose)`,
        );
      if (meta && meta.block.number >= block) return;
      last = meta ? `at block ${meta.block.number}` : JSON.stringify(body).slice(0, 200);
    } catch (error) {
      if (error instanceof Error && error.message.startsWith("The subgraph stopped")) throw error;
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`The subgraph did not reach block ${block} within ${timeoutMs} ms (${last})`);
}

/** True when the app has no production build or any source file is newer than it. */
async function appBuildIsStale(appDir: string, distDir: string): Promise<boolean> {
  const buildId = join(appDir, distDir, "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const builtAt = statSync(buildId).mtimeMs;
  const roots = [
    appDir,
    join(repoRoot, "contracts", "generated"),
    ...["unit-address.ts", "deployments.ts", "index.ts"].map((file) => join(repoRoot, "contracts", file)),
    join(repoRoot, "ipfs", "src"),
  ];
  for (const root of roots) if (await newerThan(root, builtAt)) return true;
  return false;
}

/** Files that can change what `next build` produces (not tsbuildinfo, logs or test output). */
const BUILD_INPUT = /\.(tsx?|jsx?|mjs|cjs|css|json|svg|png|ico)$/;

async function newerThan(path: string, time: number): Promise<boolean> {
  const info = await stat(path).catch(() => undefined);
  if (!info) return false;
  if (!info.isDirectory()) return BUILD_INPUT.test(path) && !path.endsWith("next-env.d.ts") && info.mtimeMs > time;
  for (const entry of await readdir(path, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    if (await newerThan(join(path, entry.name), time)) return true;
  }
  return false;
}

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
  --verbose                   show every service's own output
`;

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  const env = process.env;
  const { values } = parseArgs({
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
      verbose: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  let stack: LocalStack | undefined;
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    console.log("\nstopping…");
    await stack?.stop();
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
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
      onServiceLine: values.verbose ? (service, line) => console.log(`  ${service} | ${line}`) : undefined,
    });
    printTable(stack.urls);
  } catch (error) {
    console.error(`\nnpm start failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
