/**
 * Per-chain deployment records: which address each deployed contract of the registry
 * (`contracts/registry.ts`) lives at and the block it was deployed in (the subgraph starts
 * indexing there). Written by `scripts/deploy.ts` into `contracts/deployments/<chainId>.json`;
 * real networks' files are committed, the local chain's (31337) is regenerated on every
 * `npm start` and git-ignored.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { MarkspaceError } from "@markspace/common/errors";
import { z } from "zod";
import {
  deployedContractNames,
  localOnlyContractNames,
  type DeployedContractName,
  type LocalOnlyContractName,
} from "./registry.ts";

const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, "an 0x-prefixed 20-byte address");

export const contractDeploymentSchema = z.object({
  address,
  startBlock: z.number().int().nonnegative(),
});

export type ContractDeployment = z.infer<typeof contractDeploymentSchema>;

type ContractsShape = Record<Exclude<DeployedContractName, LocalOnlyContractName>, typeof contractDeploymentSchema> &
  Record<LocalOnlyContractName, z.ZodOptional<typeof contractDeploymentSchema>>;

/** One `{ address, startBlock }` per deployed contract of the registry; optional for local-only ones. */
function contractsShape(names: readonly DeployedContractName[]): ContractsShape {
  const localOnly = new Set<string>(localOnlyContractNames);
  return Object.fromEntries(
    names.map((name) => [name, localOnly.has(name) ? contractDeploymentSchema.optional() : contractDeploymentSchema]),
  ) as ContractsShape;
}

export const deploymentSchema = z.object({
  chainId: z.number().int().positive(),
  /** Network name as The Graph knows it (`mainnet`, `sepolia`, …); local chains use `hardhat`. */
  network: z.string().min(1),
  contracts: z.object(contractsShape(deployedContractNames)),
});

export type Deployment = z.infer<typeof deploymentSchema>;
export type ContractName = keyof Deployment["contracts"];

/** Thrown when a deployment record is missing or invalid; the message names the file and each bad field. */
export class DeploymentRecordError extends MarkspaceError {
  override name = "DeploymentRecordError";
}

/** Folder of the committed and generated deployment records. */
export const deploymentsDir = fileURLToPath(new URL("./deployments/", import.meta.url));

export function deploymentPath(chainId: number, dir: string = deploymentsDir): string {
  return `${dir.replace(/\/$/, "")}/${chainId}.json`;
}

/** Reads and validates the deployment record of `chainId`; throws naming the file and the bad field. */
export function loadDeployment(chainId: number, dir: string = deploymentsDir): Deployment {
  const path = deploymentPath(chainId, dir);
  let raw: string;
  try {
    raw = readFileSync(path, "utf8");
  } catch (cause) {
    throw new DeploymentRecordError({
      shortMessage: `No deployment for chain ${chainId}: ${path} is missing (run the deploy script first)`,
      cause,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (cause) {
    throw new DeploymentRecordError({
      shortMessage: `Deployment file ${path} is not valid JSON: ${(cause as Error).message}`,
      cause,
    });
  }
  const parsed = deploymentSchema.safeParse(json);
  if (!parsed.success) {
    throw new DeploymentRecordError({
      shortMessage: `Deployment file ${path} is invalid: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    });
  }
  return parsed.data;
}
