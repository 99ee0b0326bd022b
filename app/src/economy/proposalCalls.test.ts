import { describe, expect, it } from "vitest";
import { decodeFunctionData, parseEther } from "viem";
import { markParametersAbi, markTokenAbi } from "@markspace/contracts/abis";
import { parameterKey } from "@markspace/contracts/parameters";
import { buildParameterChange, buildTreasuryTransfer, describeProposalCall } from "./proposalCalls.ts";

const markParameters = "0x5FbDB2315678afecb367f032d93F642f64180aa3" as const;
const markToken = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512" as const;
const alice = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" as const;
const maxPriceAge = { name: "sale.maxPriceAge", min: 60n, max: 86_400n };

describe("buildParameterChange", () => {
  it("encodes MarkParameters.set with the parameter's key", () => {
    const result = buildParameterChange(maxPriceAge, "7200", markParameters);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.calls.targets).toEqual([markParameters]);
    expect(result.calls.values).toEqual([0n]);
    expect(decodeFunctionData({ abi: markParametersAbi, data: result.calls.calldatas[0]! }).args).toEqual([
      parameterKey("sale.maxPriceAge"),
      7200n,
    ]);
  });

  it("refuses a value outside the bounds and text that is not a whole number", () => {
    expect(buildParameterChange(maxPriceAge, "59", markParameters)).toEqual({
      ok: false,
      message: "sale.maxPriceAge must be between 60 and 86400.",
    });
    expect(buildParameterChange(maxPriceAge, "1.5", markParameters)).toEqual({
      ok: false,
      message: "Enter a whole number.",
    });
  });
});

describe("buildTreasuryTransfer", () => {
  it("sends MRK through MarkToken.transfer", () => {
    const result = buildTreasuryTransfer({ asset: "MRK", to: alice.toLowerCase(), amountText: "1,000" }, markToken);
    if (!result.ok) throw new Error(result.message);
    expect(result.calls.targets).toEqual([markToken]);
    expect(decodeFunctionData({ abi: markTokenAbi, data: result.calls.calldatas[0]! }).args).toEqual([
      alice,
      parseEther("1000"),
    ]);
  });

  it("sends ETH as the call's value to the recipient", () => {
    expect(buildTreasuryTransfer({ asset: "ETH", to: alice, amountText: "0.5" }, markToken)).toEqual({
      ok: true,
      calls: { targets: [alice], values: [parseEther("0.5")], calldatas: ["0x"] },
    });
  });

  it("refuses a bad recipient", () => {
    expect(buildTreasuryTransfer({ asset: "ETH", to: "bob", amountText: "1" }, markToken)).toEqual({
      ok: false,
      message: "The recipient is not an address.",
    });
  });
});

describe("describeProposalCall", () => {
  const contracts = { markParameters, markToken };

  it("describes the calls the form builds", () => {
    const change = buildParameterChange(maxPriceAge, "7200", markParameters);
    const mrk = buildTreasuryTransfer({ asset: "MRK", to: alice, amountText: "5" }, markToken);
    const eth = buildTreasuryTransfer({ asset: "ETH", to: alice, amountText: "0.5" }, markToken);
    if (!change.ok || !mrk.ok || !eth.ok) throw new Error("bad fixture");
    const first = (c: typeof change.calls) => ({
      target: c.targets[0]!,
      value: c.values[0]!,
      calldata: c.calldatas[0]!,
    });
    expect(describeProposalCall(first(change.calls), contracts)).toBe("set sale.maxPriceAge to 7200 seconds");
    expect(describeProposalCall(first(mrk.calls), contracts)).toBe(`transfer 5 MRK from the treasury to ${alice}`);
    expect(describeProposalCall(first(eth.calls), contracts)).toBe(`send 0.5 ETH to ${alice}`);
  });
});
