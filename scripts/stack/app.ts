/** The Next.js app: a production build (made when missing or stale) served by `next start`, or `next dev`. */
import { existsSync, statSync } from "node:fs";
import { readdir, stat, utimes } from "node:fs/promises";
import { withFolderLock } from "@markspace/common/folder-lock";
import { join } from "node:path";
import { bins } from "../lib/bins.ts";
import { repoRoot } from "../lib/paths.ts";
import type { StackConfig } from "../lib/stack-config.ts";
import { httpAnswers } from "./service.ts";
import type { ServiceSpec, Supervisor } from "./supervisor.ts";

export const appDir = join(repoRoot, "app");

export type AppEnvironment = {
  graphqlUrl: string;
  ipfsGatewayUrl: string;
  /** The Kubo-RPC API the app's upload and publish routes store content through (server side only). */
  ipfsApiUrl: string;
  rpcUrl: string;
  chainId: number;
  deploymentsDir: string;
};

/** The app reads these at request time, so one build serves any deployment. */
export function appEnv(config: StackConfig, params: AppEnvironment): NodeJS.ProcessEnv {
  return {
    ...process.env,
    MARKSPACE_SUBGRAPH_URL: params.graphqlUrl,
    MARKSPACE_IPFS_GATEWAY_URL: params.ipfsGatewayUrl,
    MARKSPACE_IPFS_API_URL: params.ipfsApiUrl,
    MARKSPACE_RPC_URL: params.rpcUrl,
    MARKSPACE_CHAIN_ID: String(params.chainId),
    MARKSPACE_DEPLOYMENTS_DIR: params.deploymentsDir,
    NEXT_TELEMETRY_DISABLED: "1",
    MARKSPACE_APP_DIST_DIR: config.appDistDir,
  };
}

/**
 * `next build` into the configured dist folder. The build's `BUILD_ID` is then dated to when the
 * build started, so a source edited while it ran still makes the build stale next time.
 */
export async function buildApp(supervisor: Supervisor, env: NodeJS.ProcessEnv): Promise<void> {
  const startedAt = new Date();
  await supervisor.run("next build", bins.node, [bins.next, "build"], { cwd: appDir, env });
  const buildId = join(appDir, env.MARKSPACE_APP_DIST_DIR || ".next", "BUILD_ID");
  await utimes(buildId, startedAt, startedAt);
}

export function appService(config: StackConfig, env: NodeJS.ProcessEnv): ServiceSpec {
  const url = appUrl(config);
  return {
    name: "app",
    command: bins.node,
    args: [
      bins.next,
      config.appMode === "prod" ? "start" : "dev",
      "--port",
      String(config.ports.app),
      "--hostname",
      config.host,
    ],
    cwd: appDir,
    env,
    ready: { probe: () => httpAnswers(url) },
    timeoutMs: 300_000,
    // The app keeps no state of its own: a restarted one serves the same pages.
    restart: { policy: "on-failure" },
  };
}

export function appUrl(config: StackConfig): string {
  return `http://${config.host}:${config.ports.app}`;
}

/**
 * Makes the production build in `distDir` when it is missing or stale, holding a lock folder
 * (`<distDir>.lock`, with the holder's pid) so that stacks started at once (parallel browser
 * tests share one dist folder) never build into it together: the others wait, then find it fresh.
 * A lock whose holder died (or that never got a pid) is taken over.
 */
export async function ensureAppBuild(
  supervisor: Supervisor,
  env: NodeJS.ProcessEnv,
  distDir: string,
  detail: (line: string) => void,
): Promise<void> {
  if (!(await appBuildIsStale(distDir))) return;
  await withFolderLock(
    join(appDir, `${distDir}.lock`),
    async () => {
      if (!(await appBuildIsStale(distDir))) return;
      detail("building the app for production (first run or sources changed; about 30 s on 2 cores)");
      await buildApp(supervisor, env);
    },
    { onWait: () => detail(`waiting for another stack's build of the app (${distDir})`) },
  );
}

/** True when the app has no production build or any source file is newer than it. */
export async function appBuildIsStale(distDir: string): Promise<boolean> {
  const buildId = join(appDir, distDir, "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const builtAt = statSync(buildId).mtimeMs;
  const roots = [
    appDir,
    join(repoRoot, "contracts", "generated"),
    ...["unit-address.ts", "deployments.ts", "registry.ts", "index.ts"].map((file) =>
      join(repoRoot, "contracts", file),
    ),
    join(repoRoot, "contracts", "token"),
    join(repoRoot, "common"),
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
  if (!info.isDirectory())
    return (
      BUILD_INPUT.test(path) && !path.endsWith("next-env.d.ts") && !path.endsWith(".test.ts") && info.mtimeMs > time
    );
  for (const entry of await readdir(path, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    if (await newerThan(join(path, entry.name), time)) return true;
  }
  return false;
}
