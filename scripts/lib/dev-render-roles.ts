/**
 * The render network's job role on the local chain. `RenderStaking`'s `lock`, `unlock`,
 * `adjustRating`, `slash` and `drawWorker` are `restricted`: after deployment they belong to the access
 * manager's admin, the treasury timelock, and a governance proposal gives them to `RenderJobs`.
 * On the local chain the proposal's two calls are made by impersonating the treasury
 * (`sendAsTreasury`), so jobs settle right after `npm start`.
 */
import { getAddress, toFunctionSelector, type Address } from "viem";
import { markAccessManagerAbi } from "../../contracts/generated/abis.ts";
import type { Deployment } from "../../contracts/deployments.ts";
import { sendAsTreasury, type RequestProvider } from "./dev-impersonate.ts";

/** The access-manager role a proposal would grant `RenderJobs` (any unused id would do). */
export const RENDER_JOBS_ROLE = 10n;

/** The `RenderStaking` functions only the job contract may call. */
export const RENDER_JOB_FUNCTIONS = [
  "lock(address,uint256)",
  "unlock(address,uint256)",
  "adjustRating(address,bytes32,int256)",
  "slash(address,uint256,bytes32)",
  "drawWorker(bytes32,bytes32,address[5],uint256)",
] as const;

/** Gives `RenderJobs` the job functions of `RenderStaking` as the treasury; resolves once mined. */
export async function grantRenderJobsRole(provider: RequestProvider, deployment: Deployment): Promise<void> {
  const manager = getAddress(deployment.contracts.MarkAccessManager.address);
  const staking = getAddress(deployment.contracts.RenderStaking.address);
  const jobs = getAddress(deployment.contracts.RenderJobs.address);
  await sendAsTreasury(provider, deployment, "grantRenderJobsRole", async (wallet) => {
    const send = (functionName: "setTargetFunctionRole" | "grantRole", args: readonly unknown[]) =>
      wallet.writeContract({
        chain: null,
        address: manager,
        abi: markAccessManagerAbi,
        functionName,
        args: args as never,
      });
    return [
      await send("setTargetFunctionRole", [
        staking,
        RENDER_JOB_FUNCTIONS.map((signature) => toFunctionSelector(`function ${signature}`)),
        RENDER_JOBS_ROLE,
      ]),
      await send("grantRole", [RENDER_JOBS_ROLE, jobs satisfies Address, 0]),
    ];
  });
}
