/**
 * Benchmark tasks for Worker admission on the local chain. `RenderStaking.addBenchmarks` is
 * `restricted` to the access manager's admin, the treasury timelock, until governance names a
 * benchmark authority; on the local chain the call is made by impersonating the treasury
 * (`sendAsTreasury`). The tasks themselves come from `publishBenchmarkTasks` in
 * `@markspace/render-network`, which stores their documents on IPFS and solves them.
 */
import { getAddress, type Hex } from "viem";
import { renderStakingAbi } from "../../contracts/generated/abis.ts";
import type { Deployment } from "../../contracts/deployments.ts";
import { sendAsTreasury, type RequestProvider } from "./dev-impersonate.ts";

/** One task as the contract takes it: its id and `keccak256(abi.encode(taskId, resultHash))`. */
export type DevBenchmarkEntry = { taskId: Hex; answerHash: Hex };

/** Adds `entries` to the admission pool, in order, as the treasury; resolves once mined. */
export async function addDevBenchmarks(
  provider: RequestProvider,
  deployment: Deployment,
  entries: readonly DevBenchmarkEntry[],
): Promise<void> {
  const staking = getAddress(deployment.contracts.RenderStaking.address);
  await sendAsTreasury(provider, deployment, "addDevBenchmarks", async (wallet) => [
    await wallet.writeContract({
      chain: null,
      address: staking,
      abi: renderStakingAbi,
      functionName: "addBenchmarks",
      args: [entries.map((entry) => entry.taskId), entries.map((entry) => entry.answerHash)],
    }),
  ]);
}
