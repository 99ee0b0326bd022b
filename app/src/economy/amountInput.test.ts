import { describe, expect, it } from "vitest";
import { parseEther } from "viem";
import { minTokensAfterSlippage, parseAmount } from "./amountInput.ts";

describe("parseAmount", () => {
  it("reads decimals, commas and spaces", () => {
    expect(parseAmount("1.5")).toEqual({ ok: true, wei: parseEther("1.5") });
    expect(parseAmount(" 1,000 ")).toEqual({ ok: true, wei: parseEther("1000") });
    expect(parseAmount(".25")).toEqual({ ok: true, wei: parseEther("0.25") });
  });

  it("explains what is wrong", () => {
    expect(parseAmount("")).toEqual({ ok: false, message: "Enter an amount." });
    expect(parseAmount("abc")).toMatchObject({
      ok: false,
      message: '"abc" is not a number (use digits and one decimal point).',
    });
    expect(parseAmount("1.2.3").ok).toBe(false);
    expect(parseAmount("0")).toEqual({ ok: false, message: "Enter an amount above zero." });
    expect(parseAmount("0.1234567", 6)).toEqual({ ok: false, message: "At most 6 decimals." });
  });
});

describe("minTokensAfterSlippage", () => {
  it("takes 1 % off by default, rounding down", () => {
    expect(minTokensAfterSlippage(parseEther("500000"))).toBe(parseEther("495000"));
    expect(minTokensAfterSlippage(199n)).toBe(197n);
    expect(minTokensAfterSlippage(1000n, 0n)).toBe(1000n);
  });

  it("refuses a slippage outside 0–100 %", () => {
    expect(() => minTokensAfterSlippage(1n, 10_001n)).toThrow(RangeError);
  });
});
