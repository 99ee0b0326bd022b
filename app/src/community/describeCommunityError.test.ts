import { describe, expect, it } from "vitest";
import {
  BaseError,
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  encodeErrorResult,
  parseEther,
  type Abi,
} from "viem";
import { communityMembershipAbi, communityTreasuryAbi } from "@markspace/contracts/abis";
import { communityErrorsAbi, describeCommunityError, withCommunityErrors } from "./describeCommunityError.ts";

const ALICE = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";

/** A refusal as viem reports a failed simulation, decoded against `abi`. */
function refused(errorName: string, args: readonly unknown[], abi: Abi = communityErrorsAbi) {
  const data = encodeErrorResult({ abi: communityErrorsAbi, errorName, args } as never);
  const cause = new ContractFunctionRevertedError({ abi, data, functionName: "join" });
  return new ContractFunctionExecutionError(cause as BaseError, { abi, functionName: "join", args: [] });
}

describe("describeCommunityError", () => {
  it("names a membership price raised while the purchase was pending", () => {
    expect(
      describeCommunityError(refused("MembershipPriceAboveMax", [parseEther("12"), parseEther("10")])),
    ).toMatchObject({
      kind: "MembershipPriceAboveMax",
      shortMessage: "The membership now costs 12 MRK, more than the 10 MRK you accepted.",
    });
  });

  it("decodes an error bubbled up from a nested call the calling ABI does not know", () => {
    // A proposal's execute reverting with the exchange's or the tickets' error: decoded from raw data.
    const error = refused("TicketsBeyondCapacity", [3n, 5, 2], communityTreasuryAbi as Abi);
    expect(describeCommunityError(error)).toMatchObject({
      kind: "TicketsBeyondCapacity",
      shortMessage: "Only 2 tickets are left; 5 asked.",
    });
  });

  it("falls back to the market's decoder for the exchange's errors", () => {
    const described = describeCommunityError(refused("ERC20InsufficientBalance", [ALICE, 1n, parseEther("5")]));
    expect(described.shortMessage).toContain("5 MRK");
  });
});

describe("withCommunityErrors", () => {
  it("adds every community error once to an ABI", () => {
    const abi = withCommunityErrors(communityMembershipAbi as Abi);
    const names = abi.filter((item) => item.type === "error").map((item) => (item as { name: string }).name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain("TicketsSalesClosed");
    expect(names).toContain("OrderUnitMoved");
  });
});
