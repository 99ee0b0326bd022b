import { describe, expect, it } from "vitest";
import { clientKeyOf, createRateLimiter } from "./rateLimiter.ts";
import { createNonceRegistry } from "./nonceRegistry.ts";

describe("createRateLimiter", () => {
  it("allows a burst of `capacity`, then refills over time, per client", () => {
    let now = 0;
    const limiter = createRateLimiter({ capacity: 3, refillPerMinute: 6, now: () => now });
    expect([1, 2, 3].map(() => limiter.take("a").allowed)).toEqual([true, true, true]);
    expect(limiter.take("a")).toEqual({ allowed: false, retryAfterSeconds: 10 });
    expect(limiter.take("b").allowed).toBe(true);
    now = 9_000;
    expect(limiter.take("a")).toEqual({ allowed: false, retryAfterSeconds: 1 });
    now = 10_000;
    expect(limiter.take("a")).toEqual({ allowed: true, remaining: 0 });
    now = 10 * 60_000;
    expect(limiter.take("a")).toEqual({ allowed: true, remaining: 2 });
  });

  it("forgets the longest idle clients beyond its bound", () => {
    let now = 0;
    const limiter = createRateLimiter({ capacity: 1, refillPerMinute: 1, maxClients: 2, now: () => now });
    limiter.take("a");
    now = 1;
    limiter.take("b");
    limiter.take("c");
    // "a" was dropped, so it starts with a full bucket again; "b" and "c" are still empty.
    expect(limiter.take("a").allowed).toBe(true);
    expect(limiter.take("c").allowed).toBe(false);
  });

  it("refuses a limit that could never allow a request", () => {
    expect(() => createRateLimiter({ capacity: 0, refillPerMinute: 1 })).toThrow(RangeError);
    expect(() => createRateLimiter({ capacity: 1, refillPerMinute: 0 })).toThrow(RangeError);
  });

  it("keys clients by the address the nearest proxy appended, not by what the client wrote before it", () => {
    const request = (headers: Record<string, string>) => new Request("http://app.test", { headers });
    expect(clientKeyOf(request({ "x-forwarded-for": "1.2.3.4, 203.0.113.7" }))).toBe("203.0.113.7");
    expect(clientKeyOf(request({ "x-forwarded-for": "203.0.113.7" }))).toBe("203.0.113.7");
    expect(clientKeyOf(request({ "x-real-ip": "198.51.100.2" }))).toBe("198.51.100.2");
    expect(clientKeyOf(request({}))).toBe("direct");
  });
});

describe("createNonceRegistry", () => {
  it("accepts a nonce once until it expires, and stays within its bound", () => {
    let now = 0;
    const nonces = createNonceRegistry({ now: () => now, maxEntries: 3 });
    expect(nonces.use("a", 1_000)).toBe(true);
    expect(nonces.use("a", 1_000)).toBe(false);
    now = 1_000;
    expect(nonces.use("a", 2_000)).toBe(true);
    for (const nonce of ["b", "c", "d", "e"]) nonces.use(nonce, 5_000 + nonce.charCodeAt(0));
    expect(nonces.size).toBeLessThanOrEqual(3);
    expect(nonces.use("e", 9_000)).toBe(false);
  });
});
