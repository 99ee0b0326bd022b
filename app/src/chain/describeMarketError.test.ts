import { describe, expect, it } from "vitest";
import {
  BaseError,
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  encodeErrorResult,
  parseEther,
  UserRejectedRequestError,
} from "viem";
import { unitExchangeAbi } from "@markspace/contracts/abis";
import { encodeUnitId } from "@markspace/contracts/unit-address";
import { describeMarketError, marketErrorsAbi } from "./describeMarketError.ts";

const SHOP = encodeUnitId({ district: 2, neighbourhood: 42, building: 7, floor: 12, unit: 3 });
const HOME = encodeUnitId({ district: 1, neighbourhood: 42, building: 7, floor: 12, unit: 3 });
const HASH = `0x${"11".repeat(32)}` as const;
const ALICE = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const BOB = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";

/** A refusal as viem reports a failed simulation of a market call. */
function refused(errorName: string, args: readonly unknown[]) {
  const data = encodeErrorResult({ abi: marketErrorsAbi, errorName, args } as never);
  const cause = new ContractFunctionRevertedError({ abi: marketErrorsAbi, data, functionName: "buy" });
  return new ContractFunctionExecutionError(cause as BaseError, {
    abi: unitExchangeAbi,
    functionName: "buy",
    args: [],
  });
}

describe("describeMarketError", () => {
  it("says a listing died because its unit changed hands, naming the counts", () => {
    expect(describeMarketError(refused("OrderUnitMoved", [HASH, SHOP, 1, 2]))).toMatchObject({
      kind: "OrderUnitMoved",
      shortMessage:
        "B-0042-07-12-003 changed hands, or its owner cancelled its orders, since this order was signed (transfer count 1, now 2).",
    });
  });

  it("gives an expired order's deadline as a date", () => {
    expect(describeMarketError(refused("OrderExpired", [HASH, 1_798_804_800n])).shortMessage).toBe(
      "This order expired on 1 Jan 2027, 12:00 UTC.",
    );
  });

  it("says a Residential unit may be neither sold nor rented", () => {
    expect(describeMarketError(refused("UnitNotForSale", [HOME])).shortMessage).toBe(
      "R-0042-07-12-003 may not be sold: its type has no sell right.",
    );
    expect(describeMarketError(refused("UnitNotRentable", [HOME])).hint).toMatch(/Residential/);
  });

  it("explains an agency fee above the cap in percent", () => {
    expect(describeMarketError(refused("OrderAgencyFeeInvalid", [HASH, 700, 500n])).shortMessage).toBe(
      "An agency fee of 7 % is not allowed: the cap is 5 %, and a fee needs an agency.",
    );
  });

  it("names the days a lease may last", () => {
    expect(describeMarketError(refused("LeaseBookDaysInvalid", [40, 1, 30])).shortMessage).toBe(
      "40 days is not possible: rent between 1 and 30 days.",
    );
  });

  it("says who may end a lease and who holds a running one", () => {
    expect(describeMarketError(refused("LeaseBookNotTenant", [HASH, BOB])).shortMessage).toBe(
      `Only the tenant may end this lease early, not ${BOB}.`,
    );
    expect(describeMarketError(refused("UnitLeaseActive", [SHOP, ALICE, 1_798_804_800n])).shortMessage).toBe(
      `B-0042-07-12-003 is let to ${ALICE} until 1 Jan 2027, 12:00 UTC: a running lease cannot be replaced.`,
    );
  });

  it("explains a deposit claim above the deposit in MRK", () => {
    expect(
      describeMarketError(refused("LeaseBookClaimTooHigh", [parseEther("15"), parseEther("10")])).shortMessage,
    ).toBe("A claim of 15 MRK is more than the 10 MRK deposit.");
  });

  it("explains a short MRK allowance for a purchase", () => {
    const view = describeMarketError(refused("ERC20InsufficientAllowance", [ALICE, 0n, parseEther("1500")]));
    expect(view.shortMessage).toBe("The contract may take 0 MRK of the payer's MRK, but 1,500 MRK are needed.");
  });

  it("decodes a market error from raw revert data of a nested call", () => {
    const data = encodeErrorResult({ abi: marketErrorsAbi, errorName: "LeaseBookListingUnavailable", args: [HASH] });
    const cause = new ContractFunctionRevertedError({ abi: [], data, functionName: "rent" });
    const error = new ContractFunctionExecutionError(cause as BaseError, { abi: [], functionName: "rent", args: [] });
    expect(describeMarketError(error)).toMatchObject({
      kind: "LeaseBookListingUnavailable",
      shortMessage: "This rental listing was already rented, or cancelled.",
    });
  });

  it("falls back to the land's and the economy's words for everything else", () => {
    expect(describeMarketError(refused("UnitAlreadyOwned", [SHOP])).shortMessage).toBe(
      "B-0042-07-12-003 already has an owner.",
    );
    expect(describeMarketError(new UserRejectedRequestError(new Error("no"))).kind).toBe("user-rejected");
  });
});
