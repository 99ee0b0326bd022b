/**
 * Brings the local stack up in eight steps, each service from its own module:
 *
 *   contracts compiled → chain → contracts deployed → IPFS (while the subgraph is built and its
 *   host started) → demo world seeded → render network (a Scheduler, Workers and a demo job) →
 *   subgraph host caught up → app
 *
 * Every child runs under one `Supervisor`: a signal or `stop()` at any moment stops them all,
 * build steps included, and a service that dies after start-up is reported and restarted or
 * ends the stack (see `supervisor.ts` and each service's `restart` policy).
 */
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import type { Deployment } from "@markspace/contracts/deployments";
import { assertPortFree } from "../lib/ports.ts";
import { resolveStackConfig, type StackConfig, type StackConfigInput } from "../lib/stack-config.ts";
import { appEnv, appService, appUrl, ensureAppBuild } from "./app.ts";
import { chainRpcUrl, chainService } from "./chain.ts";
import { compileContracts, deployContracts, deployStepText } from "./contracts.ts";
import { ipfsService, ipfsUrls } from "./ipfs.ts";
import { buildSubgraphStep, graphqlUrl, subgraphHostService, subgraphPaths, waitForIndexedBlock } from "./subgraph.ts";
import { Supervisor, type StackEnd, type SupervisorOptions } from "./supervisor.ts";

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
  /** Stops every child process. Safe to call twice. */
  stop: () => Promise<void>;
  /** Resolves once the stack stopped: after `stop()`, an aborted `signal`, or a service that died for good (`failure`). */
  stopped: Promise<StackEnd>;
};

export type StartLocalStackOptions = StackConfigInput & {
  /** Progress lines and fault reports (defaults to stdout). */
  log?: (line: string) => void;
  /** Every line the child services print (defaults to dropping them; `--verbose` shows them). */
  onServiceLine?: (service: string, line: string) => void;
  /** Aborting stops the stack at any moment, start-up included (the CLI wires SIGINT/SIGTERM here). */
  signal?: AbortSignal;
  /** Restart limits (tests shorten them). */
  restarts?: Pick<SupervisorOptions, "maxRestarts" | "restartWindowMs" | "restartDelayMs">;
};

const STEPS = 8;

export async function startLocalStack(options: StartLocalStackOptions = {}): Promise<LocalStack> {
  const { log = (line: string) => console.log(line), onServiceLine, signal, restarts, ...input } = options;
  const config = resolveStackConfig(input);
  const { host, ports, dataDirAbsolute: dataDir } = config;
  const supervisor = new Supervisor({ log, onServiceLine, signal, ...restarts });
  const step = (n: number, text: string) => log(`[${n}/${STEPS}] ${text} (at ${supervisor.elapsed()})`);
  const detail = (line: string) => log(`      ${line}`);

  try {
    // Every port is checked before anything starts, so a clash costs nothing.
    await assertPortFree(ports.chain, host, "chain (JSON-RPC)", "--chain-port");
    await assertPortFree(ports.ipfsApi, host, "IPFS API", "--ipfs-api-port");
    await assertPortFree(ports.ipfsGateway, host, "IPFS gateway", "--ipfs-gateway-port");
    await assertPortFree(ports.graphql, host, "subgraph GraphQL server", "--graphql-port");
    await assertPortFree(ports.app, host, "app", "--app-port");
    await mkdir(dataDir, { recursive: true });

    step(1, "compiling contracts and generating ABIs");
    await compileContracts(supervisor);

    step(2, `starting the chain on ${host}:${ports.chain}`);
    const rpcUrl = chainRpcUrl(config);
    await supervisor.start(chainService(config));

    step(3, deployStepText());
    const deploymentsDir = join(dataDir, "deployments");
    const deployment = await deployContracts(supervisor, { rpcUrl, deploymentsDir, log: detail });

    // The subgraph needs only the deployment record: it is built, and its host started (it follows
    // the chain as blocks come), while IPFS starts and the world is seeded.
    const { buildDir, databaseDir } = subgraphPaths(config);
    // The chain starts empty on every run, so yesterday's index would describe another chain.
    await rm(databaseDir, { recursive: true, force: true });
    const subgraphHost = buildSubgraphStep(supervisor, { deploymentsDir, chainId: deployment.chainId, buildDir }).then(
      () => supervisor.start(subgraphHostService(config, { rpcUrl, buildDir, databaseDir })),
    );
    subgraphHost.catch(() => {}); // awaited in step 6; until then a failure must not be an unhandled rejection

    step(4, `starting IPFS (API ${host}:${ports.ipfsApi}, gateway ${host}:${ports.ipfsGateway})`);
    const ipfs = ipfsUrls(config, await supervisor.start(ipfsService(config)));

    step(
      5,
      `seeding the demo world (${config.demoUnits} furnished units), the MRK economy, some land, the market and a community`,
    );
    // Imported here, not at the top: they need the ABI module that step 1 generates on a fresh clone.
    const { seedDemoWorld } = await import("../seed-demo-world.ts");
    const { seedEconomy } = await import("../seed-economy.ts");
    const { seedLand } = await import("../seed-land.ts");
    const { seedMarket } = await import("../seed-market.ts");
    const { seedCommunity } = await import("../seed-community.ts");
    const world = await supervisor.guard(
      seedDemoWorld({ rpcUrl, deployment, ipfsApiUrl: ipfs.api, count: config.demoUnits, log: detail }),
    );
    const economy = await supervisor.guard(seedEconomy({ rpcUrl, deployment, log: detail }));
    const land = await supervisor.guard(seedLand({ rpcUrl, deployment, log: detail }));
    const market = await supervisor.guard(seedMarket({ rpcUrl, deployment, log: detail }));
    const community = await supervisor.guard(seedCommunity({ rpcUrl, deployment, log: detail }));
    const seeded = {
      lastBlock: Math.max(world.lastBlock, economy.lastBlock, land.lastBlock, market.lastBlock, community.lastBlock),
    };

    let postDemo: (() => Promise<void>) | undefined;
    if (config.renderWorkers === 0) {
      step(6, "no render network (--render-workers 0)");
    } else {
      step(6, `starting the render network: a Scheduler and ${config.renderWorkers} Workers`);
      // Their state follows this chain, which starts empty on every run.
      await rm(join(dataDir, "render"), { recursive: true, force: true });
      // Imported here: it needs the ABI module step 1 generates.
      const { DEMO_JOB_SPEC, postDemoJob, prepareRenderNetwork, renderServices } = await import("./render.ts");
      const { jobTileCount } = await import("@markspace/render-network");
      const render = { config, rpcUrl, deploymentsDir, deployment, ipfs, log: detail };
      await supervisor.guard(prepareRenderNetwork(render));
      for (const service of renderServices(render)) await supervisor.start(service);
      // Posted once the app is up (below), so its tiles arrive while someone can watch.
      const demo = world.units[0];
      if (demo) {
        postDemo = async () => {
          const jobId = await supervisor.guard(postDemoJob({ ...render, sceneCid: demo.manifestCid }));
          detail(
            `posted demo render job ${jobId} (${demo.address}, ${jobTileCount(DEMO_JOB_SPEC)} tiles): watch its tiles arrive on ${appUrl(config)}/render`,
          );
        };
      }
    }

    step(7, "indexing with the embedded subgraph host (built and started alongside steps 4–6)");
    const graphql = graphqlUrl(config, await subgraphHost);
    await supervisor.guard(waitForIndexedBlock(graphql, seeded.lastBlock, 120_000, supervisor.signal));
    detail(`indexed up to block ${seeded.lastBlock}`);

    step(8, `starting the app (${config.appMode}) on ${host}:${ports.app}`);
    const env = appEnv(config, {
      graphqlUrl: graphql,
      ipfsGatewayUrl: ipfs.gateway,
      ipfsApiUrl: ipfs.api,
      rpcUrl,
      chainId: deployment.chainId,
      deploymentsDir,
    });
    if (config.appMode === "prod") await ensureAppBuild(supervisor, env, config.appDistDir, detail);
    await supervisor.start(appService(config, env));
    await postDemo?.();

    const urls: LocalStackUrls = {
      app: appUrl(config),
      graphql,
      rpc: rpcUrl,
      ipfsApi: ipfs.api,
      ipfsGateway: ipfs.gateway,
    };
    log(`ready in ${supervisor.elapsed()}`);
    return { config, urls, deployment, stop: () => supervisor.stop(), stopped: supervisor.stopped };
  } catch (error) {
    // A step that failed because a service just died reports the death, not its own symptom
    // (the exit is noticed a moment after the connection drops).
    if (!supervisor.signal.aborted) await Promise.race([supervisor.stopped, sleep(300)]);
    const reason = supervisor.failure ?? (supervisor.signal.aborted ? supervisor.signal.reason : undefined);
    await supervisor.stop();
    throw reason instanceof Error ? reason : error;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
