import { describe, expect, it } from "vitest";
import { BigDecimal } from "./bigDecimal.ts";

const d = (text: string) => BigDecimal.fromString(text);

describe("BigDecimal", () => {
  it("parses and prints without exponent notation, trailing zeros stripped", () => {
    expect(d("1.50").toString()).toBe("1.5");
    expect(d("1e3").toString()).toBe("1000");
    expect(d("-0.000120").toString()).toBe("-0.00012");
    expect(d("0").toString()).toBe("0");
    expect(d("12.5E-3").toString()).toBe("0.0125");
    expect(() => d("1.2.3")).toThrow(/invalid BigDecimal/);
  });

  it("adds, subtracts and multiplies exactly", () => {
    expect(d("0.1").plus(d("0.2")).toString()).toBe("0.3");
    expect(d("1").minus(d("1.000001")).toString()).toBe("-0.000001");
    expect(d("-2.5").times(d("4")).toString()).toBe("-10");
  });

  it("divides to 34 significant digits, rounding half to even", () => {
    expect(d("10").dividedBy(d("4")).toString()).toBe("2.5");
    expect(d("1").dividedBy(d("3")).toString()).toBe("0.3333333333333333333333333333333333");
    expect(d("2").dividedBy(d("3")).toString()).toBe("0.6666666666666666666666666666666667");
    expect(d("-1").dividedBy(d("8")).toString()).toBe("-0.125");
    expect(() => d("1").dividedBy(d("0"))).toThrow(/divide BigDecimal by zero/);
  });

  it("keeps 34 significant digits for long values", () => {
    expect(d("1234567890123456789012345678901234567").toString()).toBe("1234567890123456789012345678901235000");
    expect(d("0.12345678901234567890123456789012345").toString()).toBe("0.1234567890123456789012345678901234");
  });

  it("compares by value", () => {
    expect(d("1.0").equals(d("1"))).toBe(true);
    expect(d("1.01").compare(d("1.1"))).toBe(-1);
  });
});
