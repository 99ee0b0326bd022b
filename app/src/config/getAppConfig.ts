/**
 * Server side only: reads the app's configuration from the process environment at request
 * time (`connection()` opts the route into dynamic rendering so nothing is frozen at build).
 */
import { connection } from "next/server";
import { AppConfigError, resolveAppConfig, type AppConfigProblem, type PublicAppConfig } from "./appConfig.ts";

export type AppConfigResult = { ok: true; config: PublicAppConfig } | { ok: false; problems: AppConfigProblem[] };

/**
 * `@markspace/contracts/deployments` is imported by Node at run time, not bundled: it finds its
 * default folder with `new URL("./deployments/", import.meta.url)`, which bundlers would turn
 * into an asset import and which must point at the real package folder. Node 22.18+ strips the
 * types of the workspace's .ts sources itself.
 */
function loadDeploymentsModule(): Promise<typeof import("@markspace/contracts/deployments")> {
  return import(/* webpackIgnore: true */ /* turbopackIgnore: true */ "@markspace/contracts/deployments");
}

export async function getAppConfig(): Promise<AppConfigResult> {
  await connection();
  try {
    const { loadDeployment } = await loadDeploymentsModule();
    return { ok: true, config: resolveAppConfig(process.env, loadDeployment) };
  } catch (error) {
    if (error instanceof AppConfigError) return { ok: false, problems: error.problems };
    throw error;
  }
}
