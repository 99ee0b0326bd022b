"use client";
/**
 * React hooks of one unit's market: the subgraph's view of it (kept fresh), the fee parameters a
 * signature's words quote, the unit type's sell and rent rights, and a transaction flow whose
 * failures read through `describeMarketError`.
 */
import { useQuery } from "@tanstack/react-query";
import { useReadContract, useReadContracts } from "wagmi";
import type { Abi } from "viem";
import { markParametersAbi, unitRegistryAbi } from "@markspace/contracts/abis";
import { LAND_RIGHTS, parameterKey, PLATFORM_PARAMETERS } from "@markspace/contracts/parameters";
import { useAppConfig } from "../config/AppConfigContext.tsx";
import { describeMarketError } from "../chain/describeMarketError.ts";
import { useTransactionFlow, type ContractCall } from "../economy/useTransactionFlow.ts";
import { useWriteAccount } from "../economy/useWriteAccount.ts";
import type { FeeTerms } from "./signingWords.ts";
import { fetchUnitMarket } from "./unitMarketQuery.ts";

export function unitMarketQueryKey(subgraphUrl: string, unitId: bigint) {
  return ["unit-market", subgraphUrl, unitId.toString()] as const;
}

export function useUnitMarket(unitId: bigint) {
  const { subgraphUrl } = useAppConfig();
  return useQuery({
    queryKey: unitMarketQueryKey(subgraphUrl, unitId),
    queryFn: ({ signal }) => fetchUnitMarket({ url: subgraphUrl, unitId, signal }),
    refetchInterval: 5_000,
  });
}

function capOf(name: string): bigint {
  const parameter = PLATFORM_PARAMETERS.find((p) => p.name === name);
  if (!parameter) throw new Error(`Unknown parameter ${name}`);
  return parameter.max;
}

const NAMES = ["exchange.platformFeeBps", "rentals.platformFeeBps", "rentals.depositClaimWindow"] as const;

export type MarketParameters = { exchangeFees: FeeTerms; rentalFees: FeeTerms; depositClaimWindow: bigint };

/** The fee parameters in force now, with the caps governance cannot pass. */
export function useMarketParameters(): MarketParameters | undefined {
  const { contracts, chainId } = useAppConfig();
  const reads = useReadContracts({
    contracts: NAMES.map((name) => ({
      address: contracts.markParameters,
      abi: markParametersAbi as Abi,
      functionName: "get",
      args: [parameterKey(name)],
      chainId,
    })),
    allowFailure: false,
    query: { refetchInterval: 30_000 },
  });
  const values = reads.data as bigint[] | undefined;
  if (!values) return undefined;
  return {
    exchangeFees: { platformFeeBps: values[0]!, platformFeeCapBps: capOf(NAMES[0]) },
    rentalFees: { platformFeeBps: values[1]!, platformFeeCapBps: capOf(NAMES[1]) },
    depositClaimWindow: values[2]!,
  };
}

/** Whether the unit's type may be sold and rented (`UnitRegistry.rightsOf`). */
export function useUnitRights(unitId: bigint): { sell: boolean; rent: boolean } | undefined {
  const { contracts, chainId } = useAppConfig();
  const read = useReadContract({
    address: contracts.unitRegistry,
    abi: unitRegistryAbi,
    functionName: "rightsOf",
    args: [unitId],
    chainId,
  });
  if (!read.data) return undefined;
  const rights = read.data[1];
  return { sell: (rights & LAND_RIGHTS.sell) !== 0n, rent: (rights & LAND_RIGHTS.rent) !== 0n };
}

/** One market action: contract calls with a status line, errors in the market's words. */
export function useMarketFlow() {
  const wallet = useWriteAccount();
  const flow = useTransactionFlow({ describeError: describeMarketError });
  const run = (calls: ContractCall[]) => {
    if (wallet.account && wallet.canWrite && calls.length > 0) return flow.run(wallet.account, calls);
    return Promise.resolve(false);
  };
  return { status: flow.status, busy: flow.status.state === "pending", run, reset: flow.reset };
}
