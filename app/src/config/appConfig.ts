/**
 * The app's runtime configuration: five environment variables, validated with zod when a
 * request is served, plus the contract addresses from the chain's deployment record. One build
 * serves any deployment because nothing here is inlined at build time.
 */
import { z } from "zod";
import type { Address } from "viem";
import type { Deployment } from "@markspace/contracts/deployments";
import { MarkspaceAppError } from "../errors/MarkspaceAppError.ts";

const httpUrl = z
  .string({ error: "is not set" })
  .trim()
  .min(1, "is empty")
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return url.protocol === "http:" || url.protocol === "https:";
      } catch {
        return false;
      }
    },
    { message: "must be an http(s) URL" },
  )
  .transform((value) => value.replace(/\/+$/, ""));

export const appEnvSchema = z.object({
  MARKSPACE_SUBGRAPH_URL: httpUrl,
  MARKSPACE_IPFS_GATEWAY_URL: httpUrl,
  MARKSPACE_RPC_URL: httpUrl,
  MARKSPACE_CHAIN_ID: z
    .string({ error: "is not set" })
    .trim()
    .regex(/^[1-9]\d{0,15}$/, "must be a positive whole number (e.g. 31337)")
    .transform(Number),
  MARKSPACE_DEPLOYMENTS_DIR: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? value : undefined)),
});

export type AppEnv = z.infer<typeof appEnvSchema>;

/** Everything client components need; plain data so it crosses the server/client boundary as props. */
export type PublicAppConfig = {
  subgraphUrl: string;
  ipfsGatewayUrl: string;
  rpcUrl: string;
  chainId: number;
  /** Network name from the deployment record (`hardhat`, `sepolia`, …). */
  network: string;
  contracts: {
    unitRegistry: Address;
    markToken: Address;
    markSale: Address;
    wrappedMark: Address;
    markGovernor: Address;
    markParameters: Address;
    markTreasury: Address;
    unitSale: Address;
    floorSale: Address;
    unitNames: Address;
    unitExchange: Address;
    leaseBook: Address;
    communityFactory: Address;
    communityTickets: Address;
    communityDistributions: Address;
  };
};

export type AppConfigProblem = { variable: string; message: string };

/** The environment does not describe a usable deployment; lists each bad variable. */
export class AppConfigError extends MarkspaceAppError {
  override name = "AppConfigError";
  constructor(readonly problems: AppConfigProblem[]) {
    super({
      shortMessage: `Invalid app configuration: ${problems.map((p) => `${p.variable} ${p.message}`).join("; ")}`,
      hint: "Set the MARKSPACE_* variables on the app process (see app/README.md) and restart it.",
    });
  }
}

/** Validates the environment; throws `AppConfigError` naming every bad variable at once. */
export function parseAppEnv(env: Record<string, string | undefined>): AppEnv {
  const result = appEnvSchema.safeParse(env);
  if (result.success) return result.data;
  throw new AppConfigError(
    result.error.issues.map((issue) => ({
      variable: String(issue.path[0] ?? "(environment)"),
      message: issue.message,
    })),
  );
}

export type LoadDeployment = (chainId: number, dir?: string) => Deployment;

/**
 * Validates the environment and reads the chain's deployment record through `loadDeployment`
 * (from `@markspace/contracts/deployments`; a parameter so tests can point it at a temp dir).
 */
export function resolveAppConfig(
  env: Record<string, string | undefined>,
  loadDeployment: LoadDeployment,
): PublicAppConfig {
  const parsed = parseAppEnv(env);
  let deployment: Deployment;
  try {
    deployment =
      parsed.MARKSPACE_DEPLOYMENTS_DIR === undefined
        ? loadDeployment(parsed.MARKSPACE_CHAIN_ID)
        : loadDeployment(parsed.MARKSPACE_CHAIN_ID, parsed.MARKSPACE_DEPLOYMENTS_DIR);
  } catch (error) {
    const variable =
      parsed.MARKSPACE_DEPLOYMENTS_DIR === undefined
        ? "MARKSPACE_CHAIN_ID"
        : "MARKSPACE_DEPLOYMENTS_DIR / MARKSPACE_CHAIN_ID";
    throw new AppConfigError([{ variable, message: `has no usable deployment: ${(error as Error).message}` }]);
  }
  if (deployment.chainId !== parsed.MARKSPACE_CHAIN_ID) {
    throw new AppConfigError([
      {
        variable: "MARKSPACE_CHAIN_ID",
        message: `is ${parsed.MARKSPACE_CHAIN_ID} but its deployment record says chain ${deployment.chainId}`,
      },
    ]);
  }
  return {
    subgraphUrl: parsed.MARKSPACE_SUBGRAPH_URL,
    ipfsGatewayUrl: parsed.MARKSPACE_IPFS_GATEWAY_URL,
    rpcUrl: parsed.MARKSPACE_RPC_URL,
    chainId: parsed.MARKSPACE_CHAIN_ID,
    network: deployment.network,
    contracts: {
      unitRegistry: deployment.contracts.UnitRegistry.address as Address,
      markToken: deployment.contracts.MarkToken.address as Address,
      markSale: deployment.contracts.MarkSale.address as Address,
      wrappedMark: deployment.contracts.WrappedMark.address as Address,
      markGovernor: deployment.contracts.MarkGovernor.address as Address,
      markParameters: deployment.contracts.MarkParameters.address as Address,
      markTreasury: deployment.contracts.MarkTreasury.address as Address,
      unitSale: deployment.contracts.UnitSale.address as Address,
      floorSale: deployment.contracts.FloorSale.address as Address,
      unitNames: deployment.contracts.UnitNames.address as Address,
      unitExchange: deployment.contracts.UnitExchange.address as Address,
      leaseBook: deployment.contracts.LeaseBook.address as Address,
      communityFactory: deployment.contracts.CommunityFactory.address as Address,
      communityTickets: deployment.contracts.CommunityTickets.address as Address,
      communityDistributions: deployment.contracts.CommunityDistributions.address as Address,
    },
  };
}
