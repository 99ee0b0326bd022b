import { describe, expect, it } from "vitest";
import { IdFilter } from "./idFilter.ts";

describe("IdFilter", () => {
  it("never forgets an id it was given", () => {
    const filter = new IdFilter(16);
    const ids = Array.from({ length: 2_000 }, (_, i) => `0x${(i * 7919).toString(16)}`);
    for (const id of ids) filter.add(id);
    for (const id of ids) expect(filter.mightContain(id)).toBe(true);
  });

  it("answers 'absent' for most ids it was not given", () => {
    const filter = new IdFilter(20);
    for (let i = 0; i < 20_000; i++) filter.add(`unit-${i}`);
    let falsePositives = 0;
    for (let i = 0; i < 20_000; i++) if (filter.mightContain(`other-${i}`)) falsePositives++;
    // 20k ids in 2^20 bits with 5 hashes: the expected rate is about 0.01 %.
    expect(falsePositives).toBeLessThan(20);
  });

  it("refuses a size it cannot hold", () => {
    expect(() => new IdFilter(4)).toThrow(/2\^5 to 2\^31/);
    expect(() => new IdFilter(32)).toThrow(RangeError);
  });
});
