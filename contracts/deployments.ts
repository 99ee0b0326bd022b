/**
 * Per-chain deployment records: which address each contract lives at and the block it was
 * deployed in (the subgraph starts indexing there). Written by `scripts/deploy.ts` into
 * `contracts/deployments/<chainId>.json`; real networks' files are committed, the local
 * chain's (31337) is regenerated on every `npm start` and git-ignored.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";

const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, "an 0x-prefixed 20-byte address");

export const contractDeploymentSchema = z.object({
  address,
  startBlock: z.number().int().nonnegative(),
});

export const deploymentSchema = z.object({
  chainId: z.number().int().positive(),
  /** Network name as The Graph knows it (`mainnet`, `sepolia`, …); local chains use `hardhat`. */
  network: z.string().min(1),
  contracts: z.object({
    MarkToken: contractDeploymentSchema,
    UnitRegistry: contractDeploymentSchema,
  }),
});

export type Deployment = z.infer<typeof deploymentSchema>;
export type ContractName = keyof Deployment["contracts"];

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
  } catch {
    throw new Error(`No deployment for chain ${chainId}: ${path} is missing (run the deploy script first)`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new Error(`Deployment file ${path} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  const parsed = deploymentSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(
      `Deployment file ${path} is invalid: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  }
  return parsed.data;
}
