"use client";
/** Chain reads every land payment form needs: the fee split, the payer's MRK and the office's allowance. */
import { useReadContract } from "wagmi";
import type { Address } from "viem";
import { markParametersAbi, markTokenAbi } from "@markspace/contracts/abis";
import { parameterKey } from "@markspace/contracts/parameters";
import { useAppConfig } from "../../config/AppConfigContext.tsx";

const RENDERING_FUND_SHARE = parameterKey("land.renderingFundShareBps");

export function useRenderingFundShare(): bigint | undefined {
  const { contracts, chainId } = useAppConfig();
  return useReadContract({
    address: contracts.markParameters,
    abi: markParametersAbi,
    functionName: "get",
    args: [RENDERING_FUND_SHARE],
    chainId,
  }).data;
}

export function useMrkFunds(account: Address | undefined, spender: Address) {
  const { contracts, chainId } = useAppConfig();
  const balance = useReadContract({
    address: contracts.markToken,
    abi: markTokenAbi,
    functionName: "balanceOf",
    args: account ? [account] : undefined,
    chainId,
    query: { enabled: account !== undefined },
  });
  const allowance = useReadContract({
    address: contracts.markToken,
    abi: markTokenAbi,
    functionName: "allowance",
    args: account ? [account, spender] : undefined,
    chainId,
    query: { enabled: account !== undefined },
  });
  return { balance: balance.data, allowance: allowance.data };
}
