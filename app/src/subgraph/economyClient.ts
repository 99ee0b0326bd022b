/**
 * The economy pages' reads from the subgraph, one function each: thin wrappers over
 * `requestGraphql` with the documents and schemas of `economyQueries.ts`.
 */
import type { Address } from "viem";
import {
  ACCOUNT_HISTORY_QUERY,
  accountHistoryDataSchema,
  GOVERNANCE_QUERY,
  governanceDataSchema,
  HISTORY_SIZE,
  PROPOSALS_PAGE_SIZE,
  SALE_QUERY,
  saleDataSchema,
  TOKEN_FUNDS_QUERY,
  tokenFundsDataSchema,
  type AccountHistory,
  type GovernanceData,
  type TokenFunds,
} from "./economyQueries.ts";
import { requestGraphql } from "./requestGraphql.ts";

type Common = { url: string; signal?: AbortSignal | undefined; fetch?: typeof fetch };

/** MRK's supply and the nine genesis funds in table order. */
export function fetchTokenFunds(params: Common & { token: Address }): Promise<TokenFunds> {
  return requestGraphql({
    ...params,
    query: TOKEN_FUNDS_QUERY,
    variables: { token: params.token.toLowerCase() },
    schema: tokenFundsDataSchema,
  });
}

export function fetchSale(params: Common & { sale: Address }) {
  return requestGraphql({
    ...params,
    query: SALE_QUERY,
    variables: { sale: params.sale.toLowerCase() },
    schema: saleDataSchema,
  });
}

/** An account's indexed balances, its MRK transfers both ways and its sale purchases, newest first. */
export function fetchAccountHistory(params: Common & { account: Address }): Promise<AccountHistory> {
  return requestGraphql({
    ...params,
    query: ACCOUNT_HISTORY_QUERY,
    variables: { account: params.account.toLowerCase(), first: HISTORY_SIZE },
    schema: accountHistoryDataSchema,
  });
}

/** Governance settings, every platform parameter and the newest proposals. */
export function fetchGovernance(params: Common): Promise<GovernanceData> {
  return requestGraphql({
    ...params,
    query: GOVERNANCE_QUERY,
    variables: { first: PROPOSALS_PAGE_SIZE },
    schema: governanceDataSchema,
  });
}
