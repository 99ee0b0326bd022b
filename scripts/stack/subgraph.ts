/**
 * The subgraph: built from the deployment record (`subgraph/scripts/build.ts`, a child process
 * so a signal stops graph-cli too) and served by the embedded host (`subgraph/host/src/cli.ts`).
 */
import { MarkspaceError } from "@markspace/common/errors";
import { join } from "node:path";
import { bins, tsxArgs } from "../lib/bins.ts";
import { repoRoot } from "../lib/paths.ts";
import type { StackConfig } from "../lib/stack-config.ts";
import type { Service } from "./service.ts";
import type { ServiceSpec, Supervisor } from "./supervisor.ts";

export type SubgraphPaths = { buildDir: string; databaseDir: string };

export function subgraphPaths(config: StackConfig): SubgraphPaths {
  return {
    buildDir: join(config.dataDirAbsolute, "subgraph-build"),
    databaseDir: join(config.dataDirAbsolute, "subgraph-db"),
  };
}

/** `graph codegen` + `graph build` for the deployment record in `deploymentsDir`. */
export function buildSubgraphStep(
  supervisor: Supervisor,
  params: { deploymentsDir: string; chainId: number; buildDir: string },
): Promise<void> {
  return supervisor.run(
    "subgraph build",
    bins.node,
    tsxArgs(
      "subgraph/scripts/build.ts",
      "--deployments-dir",
      params.deploymentsDir,
      "--chain-id",
      String(params.chainId),
      "--out-dir",
      params.buildDir,
    ),
    { cwd: repoRoot },
  );
}

export function subgraphHostService(
  config: StackConfig,
  params: { rpcUrl: string; buildDir: string; databaseDir: string },
): ServiceSpec {
  return {
    name: "subgraph host",
    command: bins.node,
    args: tsxArgs(
      "subgraph/host/src/cli.ts",
      "--rpc-url",
      params.rpcUrl,
      "--build-dir",
      params.buildDir,
      "--name",
      config.subgraphName,
      "--data-dir",
      params.databaseDir,
      "--port",
      String(config.ports.graphql),
      "--host",
      config.host,
      "--poll-interval",
      "500",
    ),
    cwd: repoRoot,
    ready: { readyLine: /subgraph host ready: (\S+)/ },
    // The index is in its database folder: a restarted host resumes where it stopped.
    restart: { policy: "on-failure" },
  };
}

export function graphqlUrl(config: StackConfig, service: Service): string {
  return (
    service.readyMatch?.[1] ?? `http://${config.host}:${config.ports.graphql}/subgraphs/name/${config.subgraphName}`
  );
}

/** Thrown when the subgraph stops on an indexing error or does not catch up in time. */
export class SubgraphIndexingError extends MarkspaceError {
  override name = "SubgraphIndexingError";
}

/** Waits until the subgraph's `_meta.block.number` reaches `block`; throws with the indexing error if one appears. */
export async function waitForIndexedBlock(
  graphqlUrl: string,
  block: number,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer yet";
  while (Date.now() < deadline) {
    signal?.throwIfAborted();
    let meta: { block: { number: number }; hasIndexingErrors: boolean } | undefined;
    try {
      const response = await fetch(graphqlUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ _meta { block { number } hasIndexingErrors } }" }),
        signal: AbortSignal.timeout(5_000),
      });
      const body = (await response.json()) as { data?: { _meta?: typeof meta } };
      meta = body.data?._meta;
      last = meta ? `at block ${meta.block.number}` : JSON.stringify(body).slice(0, 200);
    } catch (error) {
      last = String(error);
    }
    if (meta?.hasIndexingErrors)
      throw new SubgraphIndexingError({
        shortMessage: `The subgraph stopped on an indexing error at block ${meta.block.number}`,
        hint: "See the subgraph host's log (npm start -- --verbose).",
      });
    if (meta && meta.block.number >= block) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new SubgraphIndexingError({
    shortMessage: `The subgraph did not reach block ${block} within ${timeoutMs} ms (${last})`,
  });
}
