import { describe, expect, it } from "vitest";
import {
  BaseError,
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  encodeErrorResult,
  parseEther,
} from "viem";
import { unitSaleAbi } from "@markspace/contracts/abis";
import { encodeUnitId } from "@markspace/contracts/unit-address";
import { describeLandError, landErrorsAbi, PermitSignatureError } from "./describeLandError.ts";

const SHOP = encodeUnitId({ district: 2, neighbourhood: 42, building: 7, floor: 12, unit: 3 });

/** A refusal as viem reports a failed simulation of `UnitSale.buy`. */
function refused(errorName: string, args: readonly unknown[]) {
  const data = encodeErrorResult({ abi: landErrorsAbi, errorName, args } as never);
  const cause = new ContractFunctionRevertedError({ abi: landErrorsAbi, data, functionName: "buy" });
  return new ContractFunctionExecutionError(cause as BaseError, { abi: unitSaleAbi, functionName: "buy", args: [] });
}

describe("describeLandError", () => {
  it("names the unit by its address when it is taken", () => {
    expect(describeLandError(refused("UnitAlreadyOwned", [SHOP]))).toMatchObject({
      kind: "UnitAlreadyOwned",
      shortMessage: "B-0042-07-12-003 already has an owner.",
    });
  });

  it("explains a price above the accepted limit in MRK", () => {
    expect(describeLandError(refused("LandPriceAboveLimit", [parseEther("1200"), parseEther("1000")]))).toMatchObject({
      kind: "LandPriceAboveLimit",
      shortMessage: "The price is now 1,200 MRK, above the 1,000 MRK you accepted (governance may have changed it).",
    });
  });

  it("explains a balance too small for the purchase", () => {
    const view = describeLandError(
      refused("ERC20InsufficientBalance", ["0x0000000000000000000000000000000000000001", 5n * 10n ** 18n, 10n ** 21n]),
    );
    expect(view.shortMessage).toBe("Your MRK balance is 5 MRK, but 1,000 MRK are needed.");
    expect(view.hint).toMatch(/sale page/);
  });

  it("says a floor with owned units cannot be bought whole", () => {
    expect(describeLandError(refused("FloorNotFree", [SHOP - 3n])).shortMessage).toBe(
      "Part of B-0042-07-12-000's floor or building is already owned, so it cannot be bought whole.",
    );
  });

  it("says Residential floors are not sold whole", () => {
    const home = encodeUnitId({ district: 1, neighbourhood: 42, building: 7, floor: 12, unit: 0 });
    const view = describeLandError(refused("FloorResidential", [home]));
    expect(view.shortMessage).toBe(
      "The floor of R-0042-07-12-000 is Residential, and Residential floors and buildings are not sold whole.",
    );
    expect(view.hint).toMatch(/one at a time/);
  });

  it("says which unit holds a name that is taken, and why a name is refused", () => {
    expect(describeLandError(refused("UnitNameTaken", ["corner-shop", SHOP])).shortMessage).toBe(
      'The name "corner-shop" already belongs to B-0042-07-12-003.',
    );
    const invalid = describeLandError(refused("UnitNameInvalid", ["Corner Shop"]));
    expect(invalid).toMatchObject({
      kind: "UnitNameInvalid",
      shortMessage: '"Corner Shop" is not a name a unit can carry.',
    });
    expect(invalid.hint).toMatch(/lower-case letters/);
  });

  it("keeps a permit the wallet could not sign apart, so the form can offer approval", () => {
    const view = describeLandError(
      new PermitSignatureError({
        shortMessage: "Your wallet could not sign the MRK permit.",
        hint: "Pay by approval.",
      }),
    );
    expect(view).toEqual({
      kind: "permit-unsupported",
      shortMessage: "Your wallet could not sign the MRK permit.",
      hint: "Pay by approval.",
    });
  });

  it("falls back to the wallet and network sentences", () => {
    expect(describeLandError({ code: 4001, message: "User rejected" }).kind).toBe("user-rejected");
  });
});
