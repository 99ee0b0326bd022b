"use client";
/**
 * Builds the contract calls of a payment to a land office in MRK, either way the offices accept:
 * an EIP-2612 permit signed in the wallet and passed with the purchase (one transaction), or an
 * approval of the exact amount first and the purchase with no permit (two transactions, for
 * wallets that cannot sign typed data). The last argument of every paying function is the permit,
 * unless the office has a function of its own for paying by allowance (`allowanceFunctionName`).
 */
import { useCallback } from "react";
import { useConfig } from "wagmi";
import { getBlock, readContract, signTypedData } from "wagmi/actions";
import type { Abi, Address } from "viem";
import { markTokenAbi } from "@markspace/contracts/abis";
import { landPermit, mrkPermitTypedData, NO_PERMIT } from "@markspace/contracts/permit";
import { useAppConfig } from "../config/AppConfigContext.tsx";
import { landErrorsAbi, PermitSignatureError } from "../chain/describeLandError.ts";
import type { ContractCall } from "../economy/useTransactionFlow.ts";

export type PaymentMethod = "permit" | "approve";

export type MrkPaidCallParameters = {
  /** Names the purchase in progress lines ("unit purchase", "storage payment", …). */
  label: string;
  office: Address;
  abi: Abi;
  functionName: string;
  /** The function's arguments before the permit (the last one). */
  args: readonly unknown[];
  /** The office's function taking `args` alone, for paying by allowance (e.g. `LeaseBook.rent`
   * beside `rentWithPermit`); without it the allowance path passes an empty permit. */
  allowanceFunctionName?: string;
  /** MRK wei the office will take: what the permit or approval allows. */
  amount: bigint;
  method: PaymentMethod;
  account: Address;
  /** The office's allowance now; the approval is skipped when it already covers `amount`. */
  allowance?: bigint | undefined;
};

/** Seconds a permit stays valid: enough for a slow wallet, short enough to be harmless. */
const PERMIT_LIFETIME = 3_600n;

function rejectedByUser(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 16; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { code?: unknown }).code === 4001 || (e as Error).name === "UserRejectedRequestError") return true;
  }
  return false;
}

export function useMrkPaidCall() {
  const wagmiConfig = useConfig();
  const { chainId, contracts } = useAppConfig();

  return useCallback(
    (params: MrkPaidCallParameters): ContractCall[] => {
      const abi = [...params.abi, ...landErrorsAbi] as Abi;
      const purchase = { label: params.label, address: params.office, abi, functionName: params.functionName };
      if (params.method === "approve" || params.amount === 0n) {
        const calls: ContractCall[] = [];
        if (params.amount > 0n && (params.allowance === undefined || params.allowance < params.amount)) {
          calls.push({
            label: "MRK approval",
            address: contracts.markToken,
            abi: markTokenAbi as Abi,
            functionName: "approve",
            args: [params.office, params.amount],
          });
        }
        calls.push(
          params.allowanceFunctionName
            ? { ...purchase, functionName: params.allowanceFunctionName, args: params.args }
            : { ...purchase, args: [...params.args, NO_PERMIT] },
        );
        return calls;
      }
      const prepareArgs = async () => {
        const nonce = await readContract(wagmiConfig, {
          address: contracts.markToken,
          abi: markTokenAbi,
          functionName: "nonces",
          args: [params.account],
          chainId,
        });
        const deadline = (await getBlock(wagmiConfig, { chainId })).timestamp + PERMIT_LIFETIME;
        let signature: `0x${string}`;
        try {
          signature = await signTypedData(wagmiConfig, {
            account: params.account,
            ...mrkPermitTypedData({
              token: contracts.markToken,
              chainId,
              owner: params.account,
              spender: params.office,
              value: params.amount,
              nonce,
              deadline,
            }),
          });
        } catch (error) {
          if (rejectedByUser(error)) throw error;
          throw new PermitSignatureError({
            shortMessage: "Your wallet could not sign the MRK permit.",
            hint: "The form switched to “approve, then pay”: press the button again to pay in two transactions.",
            cause: error,
          });
        }
        return [...params.args, landPermit(signature, params.amount, deadline)] as const;
      };
      return [{ ...purchase, prepareArgs }];
    },
    [wagmiConfig, chainId, contracts.markToken],
  );
}
