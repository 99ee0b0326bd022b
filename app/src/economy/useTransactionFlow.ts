"use client";
/**
 * One or more contract writes as a small state machine, the claim flow's generalised: idle →
 * pending (simulate, sign, mine; per call, in order) → confirmed (then waits for the subgraph to
 * index the last receipt's block and refetches every query, chain reads and subgraph reads
 * alike) or failed with a decoded, readable error. Simulating first surfaces the contracts'
 * custom errors before the wallet is asked to sign. The wallet stack is loaded by the first run,
 * so pages offering a transaction don't load it until one is sent.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import type { Abi, Address, Hex } from "viem";
import { useAppConfig } from "../config/AppConfigContext.tsx";
import { loadWalletStack } from "../chain/loadWalletStack.ts";
import {
  describeEconomyError,
  TransactionRevertedOnChainError,
  type EconomyErrorView,
} from "../chain/describeEconomyError.ts";
import { toErrorView, type ErrorView } from "../errors/MarkspaceAppError.ts";
import { waitForIndexedBlock } from "../claim/waitForIndexedBlock.ts";

/** One contract write; `label` names it in progress lines ("approve", "wrap", …). */
export type ContractCall = {
  label: string;
  address: Address;
  abi: Abi;
  functionName: string;
  args?: readonly unknown[];
  /**
   * Computes the arguments just before the call is simulated, while the status says "signing"
   * (an EIP-2612 permit signed in the wallet for a land purchase). Takes precedence over `args`.
   */
  prepareArgs?: () => Promise<readonly unknown[]>;
  value?: bigint;
};

export type TransactionFlowOptions = {
  /** Turns a failure into a sentence; the economy's decoder by default. */
  describeError?: (error: unknown) => EconomyErrorView;
};

export type TransactionStep = "simulating" | "signing" | "mining";

export type TransactionState =
  | { state: "idle" }
  | { state: "pending"; step: TransactionStep; label: string; hash?: Hex }
  | {
      state: "confirmed";
      label: string;
      hash: Hex;
      blockNumber: bigint;
      /** `waiting` until the subgraph has indexed `blockNumber`. */
      indexing: "waiting" | "indexed" | { error: ErrorView };
    }
  | { state: "failed"; label: string; error: EconomyErrorView };

type LooseSimulate = (config: unknown, parameters: Record<string, unknown>) => Promise<{ request: unknown }>;
type LooseWrite = (config: unknown, request: unknown) => Promise<Hex>;

export function useTransactionFlow({ describeError = describeEconomyError }: TransactionFlowOptions = {}) {
  const appConfig = useAppConfig();
  const { chainId, subgraphUrl } = appConfig;
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<TransactionState>({ state: "idle" });
  const abort = useRef<AbortController | null>(null);

  useEffect(() => () => abort.current?.abort(), []);

  const run = useCallback(
    async (account: Address, calls: readonly ContractCall[]): Promise<boolean> => {
      abort.current?.abort();
      const controller = new AbortController();
      abort.current = controller;
      const update = (next: TransactionState) => {
        if (!controller.signal.aborted) setStatus(next);
      };
      let label = calls[0]?.label ?? "transaction";
      try {
        const { simulateContract, waitForTransactionReceipt, walletConfig, writeContract } = await loadWalletStack();
        const wagmiConfig = walletConfig(appConfig);
        let last: { hash: Hex; blockNumber: bigint } | undefined;
        for (const call of calls) {
          label = call.label;
          let args = call.args ?? [];
          if (call.prepareArgs) {
            update({ state: "pending", step: "signing", label: `${label} permit` });
            args = await call.prepareArgs();
          }
          update({ state: "pending", step: "simulating", label });
          // The calls are built at run time from many ABIs; their types are checked where they are built.
          const { request } = await (simulateContract as unknown as LooseSimulate)(wagmiConfig, {
            address: call.address,
            abi: call.abi,
            functionName: call.functionName,
            args,
            value: call.value,
            account,
            chainId,
          });
          update({ state: "pending", step: "signing", label });
          const hash = await (writeContract as unknown as LooseWrite)(wagmiConfig, request);
          update({ state: "pending", step: "mining", label, hash });
          const receipt = await waitForTransactionReceipt(wagmiConfig, { hash, chainId });
          if (receipt.status !== "success") throw new TransactionRevertedOnChainError(hash, label);
          last = { hash, blockNumber: receipt.blockNumber };
          void queryClient.invalidateQueries();
        }
        if (!last) return false;
        update({ state: "confirmed", label, ...last, indexing: "waiting" });
        try {
          await waitForIndexedBlock({ subgraphUrl, block: last.blockNumber, signal: controller.signal });
          await queryClient.invalidateQueries();
          update({ state: "confirmed", label, ...last, indexing: "indexed" });
        } catch (error) {
          update({ state: "confirmed", label, ...last, indexing: { error: toErrorView(error) } });
        }
        return true;
      } catch (error) {
        if (controller.signal.aborted) return false;
        console.warn(`${label} failed`, error);
        update({ state: "failed", label, error: describeError(error) });
        return false;
      }
    },
    [appConfig, chainId, subgraphUrl, queryClient, describeError],
  );

  const reset = useCallback(() => {
    abort.current?.abort();
    setStatus({ state: "idle" });
  }, []);

  return { status, run, reset };
}
