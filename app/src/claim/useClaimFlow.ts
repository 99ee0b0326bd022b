"use client";
/**
 * The claim as a small state machine: idle → pending (simulate, sign, mine) → confirmed (then
 * waits for the subgraph to index the receipt's block) or failed with a decoded, readable error.
 * Simulating first surfaces the registry's custom errors before the wallet is asked to sign.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useConfig } from "wagmi";
import { simulateContract, waitForTransactionReceipt, writeContract } from "wagmi/actions";
import type { Address, Hex } from "viem";
import { unitRegistryAbi } from "@markspace/contracts/abis";
import { useAppConfig } from "../config/AppConfigContext.tsx";
import { ClaimRevertedOnChainError, describeClaimError, type ClaimErrorView } from "../chain/describeClaimError.ts";
import { toErrorView, type ErrorView } from "../errors/MarkspaceAppError.ts";
import type { ClaimTarget } from "./claimAddress.ts";
import { waitForIndexedBlock } from "./waitForIndexedBlock.ts";

export type ClaimStep = "simulating" | "signing" | "mining";

export type ClaimState =
  | { state: "idle" }
  | { state: "pending"; step: ClaimStep; target: ClaimTarget; hash?: Hex }
  | {
      state: "confirmed";
      target: ClaimTarget;
      hash: Hex;
      blockNumber: bigint;
      /** `waiting` until the subgraph has indexed `blockNumber`. */
      indexing: "waiting" | "indexed" | { error: ErrorView };
    }
  | { state: "failed"; target: ClaimTarget; error: ClaimErrorView };

export function useClaimFlow() {
  const wagmiConfig = useConfig();
  const { contracts, chainId, subgraphUrl } = useAppConfig();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<ClaimState>({ state: "idle" });
  const abort = useRef<AbortController | null>(null);

  useEffect(() => () => abort.current?.abort(), []);

  const claim = useCallback(
    async (target: ClaimTarget, account: Address) => {
      abort.current?.abort();
      const controller = new AbortController();
      abort.current = controller;
      const update = (next: ClaimState) => {
        if (!controller.signal.aborted) setStatus(next);
      };
      try {
        update({ state: "pending", step: "simulating", target });
        const { request } = await simulateContract(wagmiConfig, {
          address: contracts.unitRegistry,
          abi: unitRegistryAbi,
          functionName: "claim",
          args: [target.unitId],
          account,
          chainId,
        });
        update({ state: "pending", step: "signing", target });
        const hash = await writeContract(wagmiConfig, request);
        update({ state: "pending", step: "mining", target, hash });
        const receipt = await waitForTransactionReceipt(wagmiConfig, { hash, chainId });
        if (receipt.status !== "success") throw new ClaimRevertedOnChainError(hash);
        update({ state: "confirmed", target, hash, blockNumber: receipt.blockNumber, indexing: "waiting" });
        try {
          await waitForIndexedBlock({ subgraphUrl, block: receipt.blockNumber, signal: controller.signal });
          update({ state: "confirmed", target, hash, blockNumber: receipt.blockNumber, indexing: "indexed" });
          void queryClient.invalidateQueries({ queryKey: ["units-page"] });
        } catch (error) {
          update({
            state: "confirmed",
            target,
            hash,
            blockNumber: receipt.blockNumber,
            indexing: { error: toErrorView(error) },
          });
        }
      } catch (error) {
        console.warn("claim failed", error);
        update({ state: "failed", target, error: describeClaimError(error) });
      }
    },
    [wagmiConfig, contracts.unitRegistry, chainId, subgraphUrl, queryClient],
  );

  const reset = useCallback(() => {
    abort.current?.abort();
    setStatus({ state: "idle" });
  }, []);

  return { status, claim, reset };
}
