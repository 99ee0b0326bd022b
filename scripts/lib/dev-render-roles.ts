/**
 * The render network's job role on the local chain. `RenderStaking`'s `lock`, `unlock`,
 * `adjustRating` and `slash` are `restricted`: after deployment they belong to the access
 * manager's admin, the treasury timelock, and a governance proposal gives them to `RenderJobs`.
 * On the local chain the proposal's two calls are made by impersonating the treasury (Hardhat's
 * `hardhat_impersonateAccount`, local chain only), so jobs settle right after `npm start`.
 */
import {
  createWalletClient,
  custom,
  getAddress,
  toFunctionSelector,
  type Address,
  type EIP1193Provider,
  type Hex,
} from "viem";
import { markAccessManagerAbi } from "../../contracts/generated/abis.ts";
import type { Deployment } from "../../contracts/deployments.ts";

type RequestProvider = { request: (args: { method: string; params?: unknown[] }) => Promise<unknown> };

/** The access-manager role a proposal would grant `RenderJobs` (any unused id would do). */
export const RENDER_JOBS_ROLE = 10n;

/** The `RenderStaking` functions only the job contract may call. */
export const RENDER_JOB_FUNCTIONS = [
  "lock(address,uint256)",
  "unlock(address,uint256)",
  "adjustRating(address,bytes32,int256)",
  "slash(address,uint256,bytes32)",
] as const;

/** Gives `RenderJobs` the job functions of `RenderStaking` as the treasury; resolves once mined. */
export async function grantRenderJobsRole(provider: RequestProvider, deployment: Deployment): Promise<void> {
  const treasury = getAddress(deployment.contracts.MarkTreasury.address);
  const manager = getAddress(deployment.contracts.MarkAccessManager.address);
  const staking = getAddress(deployment.contracts.RenderStaking.address);
  const jobs = getAddress(deployment.contracts.RenderJobs.address);
  await provider.request({ method: "hardhat_impersonateAccount", params: [treasury] });
  await provider.request({ method: "hardhat_setBalance", params: [treasury, "0x56BC75E2D63100000"] });
  try {
    const wallet = createWalletClient({ account: treasury, transport: custom(provider as EIP1193Provider) });
    const send = (functionName: "setTargetFunctionRole" | "grantRole", args: readonly unknown[]) =>
      wallet.writeContract({
        chain: null,
        address: manager,
        abi: markAccessManagerAbi,
        functionName,
        args: args as never,
      });
    const hashes: Hex[] = [
      await send("setTargetFunctionRole", [
        staking,
        RENDER_JOB_FUNCTIONS.map((signature) => toFunctionSelector(`function ${signature}`)),
        RENDER_JOBS_ROLE,
      ]),
      await send("grantRole", [RENDER_JOBS_ROLE, jobs satisfies Address, 0]),
    ];
    for (const hash of hashes) {
      const receipt = (await waitForReceipt(provider, hash)) as { status: string };
      if (receipt.status !== "0x1") throw new Error(`grantRenderJobsRole: transaction ${hash} reverted`);
    }
  } finally {
    await provider.request({ method: "hardhat_stopImpersonatingAccount", params: [treasury] });
  }
}

async function waitForReceipt(provider: RequestProvider, hash: Hex): Promise<unknown> {
  for (;;) {
    const receipt = await provider.request({ method: "eth_getTransactionReceipt", params: [hash] });
    if (receipt) return receipt;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
