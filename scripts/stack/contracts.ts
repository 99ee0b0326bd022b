/** The contracts' part of the stack: compile and generate ABIs (child processes), then deploy the registry. */
import type { Deployment } from "@markspace/contracts/deployments";
import { deployedContractNames, formatNames } from "@markspace/contracts/registry";
import { bins, tsxArgs } from "../lib/bins.ts";
import { repoRoot } from "../lib/paths.ts";
import { deploy } from "../deploy.ts";
import type { Supervisor } from "./supervisor.ts";

/** `hardhat compile` then `scripts/generate-abis.ts`; both no-ops when nothing changed. */
export async function compileContracts(supervisor: Supervisor): Promise<void> {
  await supervisor.run("hardhat compile", bins.node, [bins.hardhat, "compile", "--quiet"], { cwd: repoRoot });
  await supervisor.run("generate ABIs", bins.node, tsxArgs("scripts/generate-abis.ts"), { cwd: repoRoot });
}

/** The progress line of the deploy step, naming what the registry deploys. */
export function deployStepText(): string {
  return `deploying ${formatNames(deployedContractNames)}`;
}

export async function deployContracts(
  supervisor: Supervisor,
  params: { rpcUrl: string; deploymentsDir: string; log: (line: string) => void },
): Promise<Deployment> {
  const { deployment } = await supervisor.guard(
    deploy({ rpcUrl: params.rpcUrl, outDir: params.deploymentsDir, log: params.log }),
  );
  return deployment;
}
