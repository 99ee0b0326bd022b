import { describe, expect, it } from "vitest";
import { parseDuration } from "./duration.ts";

describe("parseDuration", () => {
  it("reads plain seconds and each unit", () => {
    expect(parseDuration("90")).toEqual({ ok: true, seconds: 90n });
    expect(parseDuration("45s")).toEqual({ ok: true, seconds: 45n });
    expect(parseDuration("30m")).toEqual({ ok: true, seconds: 1_800n });
    expect(parseDuration("12h")).toEqual({ ok: true, seconds: 43_200n });
    expect(parseDuration("7d")).toEqual({ ok: true, seconds: 604_800n });
    expect(parseDuration("1w")).toEqual({ ok: true, seconds: 604_800n });
  });

  it("adds several parts, whatever the case and spacing", () => {
    expect(parseDuration(" 1D  12h 30M ")).toEqual({ ok: true, seconds: 86_400n + 43_200n + 1_800n });
  });

  it("refuses empty text and unknown units, naming the part", () => {
    expect(parseDuration("  ")).toMatchObject({ ok: false });
    expect(parseDuration("2h 3x")).toEqual({
      ok: false,
      message: '"3x" is not a duration; use s, m, h, d or w (e.g. 1d 12h).',
    });
    expect(parseDuration("-5m")).toMatchObject({ ok: false });
    expect(parseDuration("1.5h")).toMatchObject({ ok: false });
  });
});
