import { describe, expect, it } from "vitest";
import { parseRooms, parseStorageDays, splitLandPayment, storagePaidUntilAfter } from "./landQuote.ts";

describe("splitLandPayment", () => {
  it("gives the rendering fund its share rounded down and the treasury the rest", () => {
    expect(splitLandPayment(1_001n, 5_000n)).toEqual({ toTreasury: 501n, toRenderingFund: 500n });
    expect(splitLandPayment(10n ** 21n, 0n)).toEqual({ toTreasury: 10n ** 21n, toRenderingFund: 0n });
  });
});

describe("storagePaidUntilAfter", () => {
  it("counts from now for a new or lapsed unit and from the end of what is paid otherwise", () => {
    expect(storagePaidUntilAfter(1_000n, 1)).toBe(87_400n);
    expect(storagePaidUntilAfter(1_000n, 2, 500n)).toBe(1_000n + 172_800n);
    expect(storagePaidUntilAfter(1_000n, 1, 5_000n)).toBe(5_000n + 86_400n);
  });
});

describe("form counts", () => {
  it("accepts whole numbers in range and explains the rest", () => {
    expect(parseStorageDays(" 365 ")).toEqual({ ok: true, value: 365 });
    expect(parseStorageDays("0")).toEqual({ ok: false, message: "Storage days must be between 1 and 36,500." });
    expect(parseStorageDays("1.5")).toEqual({ ok: false, message: "Storage days must be a whole number." });
    expect(parseRooms("0")).toEqual({ ok: true, value: 0 });
    expect(parseRooms("10", 250)).toEqual({ ok: false, message: "Extra rooms must be between 0 and 5." });
  });
});
