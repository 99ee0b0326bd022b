import { describe, expect, it } from "vitest";
import { bigIntFromSignedBytesLE, bigIntToSignedBytesLE } from "./bigIntBytes.ts";

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

describe("BigInt bytes (signed little-endian two's complement)", () => {
  it.each([
    [0n, "00"],
    [1n, "01"],
    [127n, "7f"],
    [128n, "8000"],
    [255n, "ff00"],
    [256n, "0001"],
    [-1n, "ff"],
    [-128n, "80"],
    [-129n, "7fff"],
    [-256n, "00ff"],
    [32768n, "008000"],
  ])("writes %s as the shortest form %s", (value, expected) => {
    expect(hex(bigIntToSignedBytesLE(value))).toBe(expected);
    expect(bigIntFromSignedBytesLE(Buffer.from(expected, "hex"))).toBe(value);
  });

  it("round-trips 256-bit values of both signs", () => {
    for (const value of [2n ** 255n - 1n, -(2n ** 255n), 2n ** 256n - 1n, -(10n ** 40n), 1099528536835n]) {
      expect(bigIntFromSignedBytesLE(bigIntToSignedBytesLE(value))).toBe(value);
    }
  });

  it("reads the empty array as zero and a set top bit as negative", () => {
    expect(bigIntFromSignedBytesLE(new Uint8Array())).toBe(0n);
    expect(bigIntFromSignedBytesLE(Uint8Array.from([0x00, 0x80]))).toBe(-32768n);
  });
});
