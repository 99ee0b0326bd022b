import { describe, expect, it } from "vitest";
import { createRateLimiter } from "./rateLimiter.ts";
import { TEST_UNIT, testUploadGuard } from "./testUploadGuard.ts";
import { guardUploadRequest } from "./uploadGuard.ts";

describe("guardUploadRequest", () => {
  it("passes a signed request of the decorator, naming it and the unit", async () => {
    const { guard, decorator, sign } = testUploadGuard();
    const request = new Request("http://app.test", { headers: await sign("upload") });
    expect(await guardUploadRequest(request, "upload", guard)).toEqual({
      ok: true,
      uploader: { account: decorator.address, unit: TEST_UNIT },
    });
  });

  it("limits a signing account however many client addresses it claims", async () => {
    const { guard, sign } = testUploadGuard();
    const strict = { ...guard, rateLimiter: createRateLimiter({ capacity: 1, refillPerMinute: 2 }) };
    const from = async (address: string) =>
      guardUploadRequest(
        new Request("http://app.test", { headers: { ...(await sign("upload")), "x-forwarded-for": address } }),
        "upload",
        strict,
      );
    expect((await from("198.51.100.1")).ok).toBe(true);
    const second = await from("198.51.100.2");
    expect(second.ok).toBe(false);
    if (second.ok) return;
    expect(second.response.status).toBe(429);
    expect(second.response.headers.get("retry-after")).toBe("30");
    expect(await second.response.json()).toMatchObject({
      field: "rate",
      error: "Too many requests from this account: try again in 30 s",
    });
  });

  it("answers 503 naming the configuration when signatures cannot be checked", async () => {
    const { guard, sign } = testUploadGuard();
    const broken = {
      ...guard,
      authorization: () => {
        throw new Error("MARKSPACE_RPC_URL is not set");
      },
    };
    const result = await guardUploadRequest(
      new Request("http://app.test", { headers: await sign("upload") }),
      "upload",
      broken,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.response.status).toBe(503);
    expect(await result.response.json()).toMatchObject({
      field: "authorization",
      details: "MARKSPACE_RPC_URL is not set",
    });
  });
});
