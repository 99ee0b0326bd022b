import { describe, expect, it } from "vitest";
import { createHostCheck } from "./host-check.ts";

describe("createHostCheck", () => {
  it("accepts loopback names with any port or none", () => {
    const allowed = createHostCheck("127.0.0.1");
    for (const host of [
      "localhost",
      "localhost:5001",
      "LOCALHOST:1",
      "127.0.0.1",
      "127.0.0.1:5001",
      "[::1]",
      "[::1]:5001",
    ]) {
      expect(allowed(host), host).toBe(true);
    }
  });

  it("refuses other names, including ones a rebinding page would send", () => {
    const allowed = createHostCheck("127.0.0.1");
    for (const host of [
      undefined,
      "",
      "evil.example",
      "evil.example:5001",
      "localhost.evil.example",
      "127.0.0.1.nip.io:5001",
      "localhost:5001@evil.example",
      "localhost/x",
      "192.168.1.10:5001",
      "[::2]:5001",
    ]) {
      expect(allowed(host), String(host)).toBe(false);
    }
  });

  it("accepts the address it is bound to, and an explicit allow-list", () => {
    expect(createHostCheck("192.168.1.10")("192.168.1.10:5001")).toBe(true);
    expect(createHostCheck("fd00::1")("[fd00::1]:5001")).toBe(true);
    const allowed = createHostCheck("127.0.0.1", ["ipfs.internal", "Proxy.Lan:8443"]);
    expect(allowed("ipfs.internal:5001")).toBe(true);
    expect(allowed("proxy.lan")).toBe(true);
    expect(allowed("other.internal")).toBe(false);
  });

  it("adds nothing for a wildcard bind: 0.0.0.0 still answers loopback names only", () => {
    const allowed = createHostCheck("0.0.0.0");
    expect(allowed("0.0.0.0:5001")).toBe(false);
    expect(allowed("10.0.0.5:5001")).toBe(false);
    expect(allowed("localhost:5001")).toBe(true);
    expect(createHostCheck("::")("[::]:5001")).toBe(false);
  });
});
