import { describe, expect, it } from "vitest";
import {
  encodeErrorResult,
  getContractError,
  HttpRequestError,
  parseEther,
  RpcRequestError,
  UserRejectedRequestError,
  type Abi,
} from "viem";
import { markGovernorAbi, markParametersAbi, markSaleAbi } from "@markspace/contracts/abis";
import { parameterKey } from "@markspace/contracts/parameters";
import { describeEconomyError, TransactionRevertedOnChainError } from "./describeEconomyError.ts";

const account = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
const contract = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

/** What viem throws when the node answers a simulation of `functionName` with revert `data`. */
function revertedWith(abi: Abi, functionName: string, data: `0x${string}`) {
  const rpcError = new RpcRequestError({
    body: { method: "eth_call" },
    url: "http://127.0.0.1:8545",
    error: { code: 3, message: "execution reverted", data },
  });
  return getContractError(rpcError, { abi, address: contract, functionName, args: [], sender: account });
}

function saleError(errorName: string, args: readonly unknown[]) {
  return revertedWith(markSaleAbi as Abi, "buy", encodeErrorResult({ abi: markSaleAbi as Abi, errorName, args }));
}

describe("describeEconomyError", () => {
  it("explains why a proposal cannot be canceled", () => {
    const data = encodeErrorResult({
      abi: markGovernorAbi as Abi,
      errorName: "GovernorUnableToCancel",
      args: [7n, account],
    });
    expect(describeEconomyError(revertedWith(markGovernorAbi as Abi, "cancel", data))).toMatchObject({
      kind: "GovernorUnableToCancel",
      shortMessage: `${account} cannot cancel this proposal: only its proposer can, and only while it is pending.`,
    });
  });

  it("explains a purchase below the minimum with both amounts", () => {
    expect(
      describeEconomyError(saleError("SaleBelowMinimum", [parseEther("0.0001"), parseEther("0.001")])),
    ).toMatchObject({
      kind: "SaleBelowMinimum",
      shortMessage: "0.0001 ETH is below the smallest purchase of 0.001 ETH.",
    });
  });

  it("explains a purchase above the per-purchase limit", () => {
    const view = describeEconomyError(
      saleError("SaleAboveMaxPurchase", [parseEther("31000000"), parseEther("30000000")]),
    );
    expect(view).toMatchObject({
      kind: "SaleAboveMaxPurchase",
      shortMessage: "This purchase would give 31,000,000 MRK, more than the 30,000,000 MRK one purchase may buy.",
    });
  });

  it("explains a stale price and a price deviation", () => {
    const updatedAt = BigInt(Date.UTC(2027, 2, 12, 14, 5) / 1000);
    expect(describeEconomyError(saleError("SaleStalePrice", [updatedAt, 3600n])).shortMessage).toBe(
      "The ETH/USD price feed has not been updated since 12 Mar 2027, 14:05 UTC, longer than the 3600 seconds the sale accepts.",
    );
    expect(describeEconomyError(saleError("SalePriceDeviation", [3000n, 2000n, 2000n])).shortMessage).toBe(
      "The ETH/USD price moved more than 20 % since the feed's previous round, so the sale is paused.",
    );
  });

  it("explains a closed sale, a sale not open yet and locked tokens with dates", () => {
    const at = BigInt(Date.UTC(2027, 0, 2, 0, 0) / 1000);
    expect(describeEconomyError(saleError("SaleClosed", [at + 1n, at])).shortMessage).toBe(
      "The sale closed on 2 Jan 2027, 00:00 UTC.",
    );
    expect(describeEconomyError(saleError("SaleNotOpen", [at - 1n, at])).kind).toBe("SaleNotOpen");
    expect(describeEconomyError(saleError("SaleTokensLocked", [at])).shortMessage).toBe(
      "Bought MRK can be claimed from 2 Jan 2027, 00:00 UTC, not yet.",
    );
  });

  it("explains the governor's threshold and state errors", () => {
    const threshold = encodeErrorResult({
      abi: markGovernorAbi as Abi,
      errorName: "GovernorInsufficientProposerVotes",
      args: [account, 0n, parseEther("10000")],
    });
    expect(describeEconomyError(revertedWith(markGovernorAbi as Abi, "propose", threshold))).toMatchObject({
      kind: "GovernorInsufficientProposerVotes",
      shortMessage: `Proposing needs 10,000 wMRK of votes; ${account} has 0 wMRK.`,
    });
    const state = encodeErrorResult({
      abi: markGovernorAbi as Abi,
      errorName: "GovernorUnexpectedProposalState",
      args: [1n, 0, "0x0000000000000000000000000000000000000000000000000000000000000002"],
    });
    expect(describeEconomyError(revertedWith(markGovernorAbi as Abi, "castVoteWithReason", state)).shortMessage).toBe(
      "The proposal is Pending, so this step is not possible now.",
    );
  });

  it("decodes an error bubbled up from a nested call by the parameter store", () => {
    const data = encodeErrorResult({
      abi: markParametersAbi as Abi,
      errorName: "ParameterOutOfBounds",
      args: [parameterKey("sale.maxPriceAge"), 10n, 60n, 86_400n],
    });
    expect(describeEconomyError(revertedWith(markGovernorAbi as Abi, "execute", data))).toMatchObject({
      kind: "ParameterOutOfBounds",
      shortMessage: "sale.maxPriceAge must stay between 60 and 86400; 10 is outside.",
    });
  });

  it("recognises a rejection in the wallet and an unreachable RPC", () => {
    expect(describeEconomyError(new UserRejectedRequestError(new Error("denied"))).kind).toBe("user-rejected");
    expect(
      describeEconomyError(new HttpRequestError({ url: "http://127.0.0.1:8545", details: "fetch failed" })),
    ).toMatchObject({ kind: "rpc-unreachable" });
  });

  it("explains a revert after a passing simulation and falls back to the error's message", () => {
    expect(describeEconomyError(new TransactionRevertedOnChainError("0xabc", "buy")).shortMessage).toBe(
      "The buy transaction 0xabc reverted on chain.",
    );
    expect(describeEconomyError(new Error("something odd"))).toMatchObject({
      kind: "unknown",
      shortMessage: "something odd",
    });
  });
});
