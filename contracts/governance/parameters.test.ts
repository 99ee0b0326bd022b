import { keccak256, stringToHex } from "viem";
import { describe, expect, it } from "vitest";
import { PLATFORM_PARAMETERS, parameterDefinitions, parameterKey } from "./parameters.ts";

describe("platform parameters", () => {
  it("start within their bounds, with unique names", () => {
    for (const parameter of PLATFORM_PARAMETERS) {
      expect(parameter.min <= parameter.value && parameter.value <= parameter.max, parameter.name).toBe(true);
    }
    expect(new Set(PLATFORM_PARAMETERS.map((p) => p.name)).size).toBe(PLATFORM_PARAMETERS.length);
  });

  it("keys a parameter by keccak256 of its name, as MarkParameters does", () => {
    expect(parameterKey("sale.maxPriceAge")).toBe(keccak256(stringToHex("sale.maxPriceAge")));
  });

  it("makes MarkParameters' constructor argument", () => {
    expect(parameterDefinitions()[0]).toEqual({ name: "sale.maxPriceAge", min: 60n, max: 86_400n, value: 3_600n });
  });
});
