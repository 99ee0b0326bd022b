/**
 * The contracts' part of the stack: compile and generate ABIs (child processes), deploy the
 * registry, then make the grants governance would make (the render job role).
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { withFolderLock } from "@markspace/common/folder-lock";
import type { Deployment } from "@markspace/contracts/deployments";
import { contractOf, contractRegistry, formatNames, isDeployedOn } from "@markspace/contracts/registry";
import { bins, tsxArgs } from "../lib/bins.ts";
import { repoRoot } from "../lib/paths.ts";
import { http } from "viem";
import { deploy } from "../deploy.ts";
import { grantRenderJobsRole } from "../lib/dev-render-roles.ts";
import type { Supervisor } from "./supervisor.ts";

/**
 * `hardhat compile` then `scripts/generate-abis.ts`; both no-ops when nothing changed. Stacks
 * started at once (the browser tests) take turns: Hardhat's compile cache is one file per repository.
 */
export async function compileContracts(supervisor: Supervisor): Promise<void> {
  await mkdir(join(repoRoot, "cache"), { recursive: true });
  await withFolderLock(join(repoRoot, "cache", "stack-compile.lock"), async () => {
    await supervisor.run("hardhat compile", bins.node, [bins.hardhat, "compile", "--quiet"], { cwd: repoRoot });
    await supervisor.run("generate ABIs", bins.node, tsxArgs("scripts/generate-abis.ts"), { cwd: repoRoot });
  });
}

/**
 * The progress line of the deploy step, naming what the registry deploys on the local chain:
 * a contract deployed several times once, with its count ("8 FundLocks, MarkToken and …").
 */
export function deployStepText(): string {
  const counts = new Map<string, number>();
  for (const entry of contractRegistry)
    if (isDeployedOn(entry, true)) counts.set(contractOf(entry), (counts.get(contractOf(entry)) ?? 0) + 1);
  return `deploying ${formatNames([...counts].map(([name, count]) => (count > 1 ? `${count} ${name}s` : name)))}`;
}

export async function deployContracts(
  supervisor: Supervisor,
  params: { rpcUrl: string; deploymentsDir: string; log: (line: string) => void },
): Promise<Deployment> {
  const { deployment } = await supervisor.guard(
    deploy({ rpcUrl: params.rpcUrl, outDir: params.deploymentsDir, log: params.log }),
  );
  // What a governance proposal does on a real chain: the job contract may lock and slash stake.
  await supervisor.guard(grantRenderJobsRole(http(params.rpcUrl)({}), deployment));
  params.log("granted RenderJobs the job role of RenderStaking (as the treasury: local chain only)");
  return deployment;
}
