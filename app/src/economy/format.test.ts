import { describe, expect, it } from "vitest";
import { parseEther } from "viem";
import {
  formatDate,
  formatDuration,
  formatEth,
  formatMrk,
  formatPercent,
  formatTokenAmount,
  formatUsd,
  formatWmrk,
} from "./format.ts";

describe("formatTokenAmount", () => {
  it("groups thousands and keeps at most the asked decimals, rounding down", () => {
    expect(formatTokenAmount(parseEther("1234567.891"))).toBe("1,234,567.89");
    expect(formatTokenAmount(parseEther("3000000000"))).toBe("3,000,000,000");
    expect(formatTokenAmount(parseEther("0.5"))).toBe("0.5");
    expect(formatTokenAmount(1n)).toBe("0");
    expect(formatTokenAmount(1n, 18)).toBe("0.000000000000000001");
  });
});

describe("unit formatters", () => {
  it("names the unit", () => {
    expect(formatMrk(parseEther("500000"))).toBe("500,000 MRK");
    expect(formatEth(parseEther("0.0012345678"))).toBe("0.001234 ETH");
    expect(formatUsd(parseEther("0.085"))).toBe("$0.085");
    expect(formatUsd(parseEther("0.1"))).toBe("$0.10");
    expect(formatUsd(parseEther("30000"), 0)).toBe("$30,000");
    expect(formatWmrk(parseEther("10000"))).toBe("10,000 wMRK");
  });
});

describe("formatDate", () => {
  it("writes the day, short month and year in UTC", () => {
    expect(formatDate(Date.UTC(2027, 2, 12, 23, 59) / 1000)).toBe("12 Mar 2027");
  });
});

describe("formatDuration", () => {
  it("shows the two largest units", () => {
    expect(formatDuration(86_400 * 3 + 3_600 * 4 + 59)).toBe("3 d 4 h");
    expect(formatDuration(3_600 * 5 + 60 * 12)).toBe("5 h 12 min");
    expect(formatDuration(86_400)).toBe("1 d");
    expect(formatDuration(42)).toBe("42 s");
    expect(formatDuration(-5)).toBe("0 s");
  });
});

describe("formatPercent", () => {
  it("shows one decimal", () => {
    expect(formatPercent(1n, 8n)).toBe("12.5 %");
    expect(formatPercent(1n, 2n)).toBe("50 %");
    expect(formatPercent(1n, 0n)).toBe("0 %");
  });
});
