/**
 * What a Worker or Scheduler process needs of the chain: viem clients, the render contracts'
 * addresses, and sending a call that must succeed (simulated first, so a refusal arrives as the
 * contract's own error, then mined and checked).
 */
import {
  type Abi,
  type Account,
  type Address,
  type Chain,
  type Hex,
  type PublicClient,
  type Transport,
  type WalletClient,
} from "viem";
import { markTokenAbi, renderJobsAbi, renderStakingAbi } from "@markspace/contracts/abis";
import { signMrkPermit } from "@markspace/contracts/permit";
import { RenderError } from "../errors.ts";

export type RenderNodeChain = {
  publicClient: PublicClient;
  walletClient: WalletClient<Transport, Chain | undefined, Account>;
  contracts: { staking: Address; jobs: Address; token: Address };
};

/** Where a node reads and writes IPFS content: a Kubo-RPC API and a trustless gateway. */
export type RenderNodeIpfs = { apiUrl: string; gatewayUrl: string };

/** One line of a node's progress log: what happened, and the ids it concerns. */
export type RenderNodeEvent = { event: string; jobId?: bigint; tile?: number; [detail: string]: unknown };

/** A transaction the node needed was refused or reverted. */
export class RenderNodeTransactionError extends RenderError {
  override name = "RenderNodeTransactionError";
}

export const ROLE_WORKER = 1;
export const ROLE_SCHEDULER = 2;

/** Simulates, sends and waits for `functionName` on `address`; returns the receipt's block. */
export async function sendCall(
  chain: RenderNodeChain,
  address: Address,
  abi: Abi,
  functionName: string,
  args: readonly unknown[] = [],
): Promise<{ hash: Hex; blockNumber: bigint }> {
  const { publicClient, walletClient } = chain;
  const { request } = await publicClient.simulateContract({
    address,
    abi,
    functionName,
    args,
    account: walletClient.account,
  } as never);
  const hash = await walletClient.writeContract(request as never);
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") {
    throw new RenderNodeTransactionError({ shortMessage: `${functionName} reverted (transaction ${hash})` });
  }
  return { hash, blockNumber: receipt.blockNumber };
}

/** Registers the account in `role` with `stake` MRK (permit signed here) unless it already is. */
export async function ensureRegistered(
  chain: RenderNodeChain,
  role: typeof ROLE_WORKER | typeof ROLE_SCHEDULER,
  stake: bigint,
  log: (event: RenderNodeEvent) => void,
): Promise<void> {
  const { publicClient, walletClient, contracts } = chain;
  const me = walletClient.account.address;
  const current = await publicClient.readContract({
    address: contracts.staking,
    abi: renderStakingAbi,
    functionName: "stakeOf",
    args: [me],
  });
  if (current.role === role) return;
  if (current.role !== 0) {
    throw new RenderNodeTransactionError({
      shortMessage: `${me} is registered in role ${current.role}, not ${role}`,
      hint: "Use another account for this process.",
    });
  }
  const balance = await publicClient.readContract({
    address: contracts.token,
    abi: markTokenAbi,
    functionName: "balanceOf",
    args: [me],
  });
  if (balance < stake) {
    throw new RenderNodeTransactionError({
      shortMessage: `${me} holds ${balance} MRK wei, less than the ${stake} it should stake`,
      hint: "Fund the account with MRK first (on the local chain the stack lends MRK to test accounts).",
    });
  }
  const permit = await signMrkPermit({
    publicClient,
    wallet: walletClient,
    token: contracts.token,
    spender: contracts.staking,
    value: stake,
  });
  await sendCall(chain, contracts.staking, renderStakingAbi, "register", [role, stake, permit]);
  log({ event: "registered", role: role === ROLE_WORKER ? "worker" : "scheduler", stake: stake.toString() });
}

/** Logs of `eventName` from the job contract between two blocks, filtered by indexed `args`. */
export async function jobLogs<const Name extends "TileAssigned" | "JobPosted" | "BatchCommitted">(
  chain: RenderNodeChain,
  eventName: Name,
  args: Record<string, unknown>,
  fromBlock: bigint,
  toBlock: bigint,
) {
  return chain.publicClient.getLogs({
    address: chain.contracts.jobs,
    event: renderJobsAbi.find((item) => item.type === "event" && item.name === eventName) as never,
    args: args as never,
    fromBlock,
    toBlock,
    strict: true,
  }) as unknown as Promise<Array<{ args: Record<string, unknown>; blockNumber: bigint }>>;
}
