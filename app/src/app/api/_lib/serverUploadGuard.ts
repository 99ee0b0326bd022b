/**
 * Server side only: the upload routes' guard for this deployment — one rate limiter per route
 * and one nonce registry for the process, and the registry's `canDecorate` read over the app's
 * JSON-RPC (`MARKSPACE_RPC_URL`, the chain's deployment record), as `getAppConfig` resolves them.
 */
import { createPublicClient, http, type Address, type PublicClient } from "viem";
import { unitRegistryAbi } from "@markspace/contracts/abis";
import { getAppConfig } from "../../../config/getAppConfig.ts";
import { createNonceRegistry } from "./nonceRegistry.ts";
import { createRateLimiter } from "./rateLimiter.ts";
import type { UploadGuard } from "./uploadGuard.ts";
import type { UploadAuthorizationDependencies } from "./verifyUploadAuthorization.ts";

/** Files per client: 20 at once, then 20 a minute (an editing session uploads a few). */
export const UPLOAD_RATE = { capacity: 20, refillPerMinute: 20 };
/** Manifests per client: 10 at once, then 6 a minute (one per publish). */
export const MANIFEST_RATE = { capacity: 10, refillPerMinute: 6 };

const nonces = createNonceRegistry();
const limiters = { upload: createRateLimiter(UPLOAD_RATE), manifest: createRateLimiter(MANIFEST_RATE) };
let chain: { key: string; client: PublicClient } | undefined;

async function authorizationDependencies(): Promise<UploadAuthorizationDependencies> {
  const result = await getAppConfig();
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.variable} ${p.message}`).join("; "));
  const { rpcUrl, chainId, contracts } = result.config;
  const key = `${rpcUrl} ${chainId}`;
  if (chain?.key !== key) chain = { key, client: createPublicClient({ transport: http(rpcUrl, { timeout: 10_000 }) }) };
  const client = chain.client;
  const registry: Address = contracts.unitRegistry;
  return {
    chainId,
    registry,
    nonces,
    canDecorate: (unit, account) =>
      client.readContract({
        address: registry,
        abi: unitRegistryAbi,
        functionName: "canDecorate",
        args: [unit, account],
      }),
    verifyContractSignature: async ({ address, typedData, signature }) => {
      const code = await client.getCode({ address });
      if (!code || code === "0x") return undefined;
      return client.verifyTypedData({ address, signature, ...typedData });
    },
  };
}

/** The guard of `/api/uploads` or `/api/manifests`. */
export async function serverUploadGuard(route: "upload" | "manifest"): Promise<UploadGuard> {
  // Resolved before the request is judged: a configuration problem answers 503, naming it.
  let dependencies: UploadAuthorizationDependencies | Error;
  try {
    dependencies = await authorizationDependencies();
  } catch (error) {
    dependencies = error instanceof Error ? error : new Error(String(error));
  }
  return {
    rateLimiter: limiters[route],
    authorization: () => {
      if (dependencies instanceof Error) throw dependencies;
      return dependencies;
    },
  };
}
