/**
 * The client's side of a render job: post a scene for a Scheduler with an MRK budget escrowed by
 * a permit signed here, for the renderer this package runs.
 */
import type { Address, Hex } from "viem";
import { renderJobsAbi } from "@markspace/contracts/abis";
import { signMrkPermit } from "@markspace/contracts/permit";
import { sceneContentOf } from "@markspace/ipfs/scene-content";
import type { JobOutputSpec } from "../job-plan.ts";
import { RENDERER_VERSION } from "../tracer/index.ts";
import { RenderNodeTransactionError, type RenderNodeChain } from "./chain.ts";

export type PostRenderJobParameters = {
  /** The client's chain connection (its wallet signs the permit and pays). */
  chain: RenderNodeChain;
  /** The unit's scene manifest CID. */
  sceneCid: string;
  spec: JobOutputSpec;
  scheduler: Address;
  /** MRK wei escrowed. */
  budget: bigint;
  /** Unix seconds by which the Scheduler must publish the result. */
  deadline: bigint;
  /** The root of sealed known answers (`probes.ts`; `RenderJobClient` renders and opens them). */
  probeRoot?: Hex;
};

const NO_PROBES: Hex = `0x${"00".repeat(32)}`;

/** Posts the job and returns its id once mined. */
export async function postRenderJob({
  chain,
  sceneCid,
  spec,
  scheduler,
  budget,
  deadline,
  probeRoot = NO_PROBES,
}: PostRenderJobParameters) {
  const { publicClient, walletClient, contracts } = chain;
  const scene = sceneContentOf(sceneCid);
  const permit = await signMrkPermit({
    publicClient,
    wallet: walletClient,
    token: contracts.token,
    spender: contracts.jobs,
    value: budget,
  });
  const { request, result } = await publicClient.simulateContract({
    account: walletClient.account,
    address: contracts.jobs,
    abi: renderJobsAbi,
    functionName: "postJob",
    args: [scene.digest, scene.codec, RENDERER_VERSION, spec, scheduler, deadline, budget, probeRoot, permit],
  });
  const receipt = await publicClient.waitForTransactionReceipt({ hash: await walletClient.writeContract(request) });
  if (receipt.status !== "success") {
    throw new RenderNodeTransactionError({ shortMessage: `postJob reverted (transaction ${receipt.transactionHash})` });
  }
  return result;
}
