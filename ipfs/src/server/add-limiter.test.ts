import { describe, expect, it } from "vitest";
import { AddQueueFullError, createAddLimiter } from "./add-limiter.ts";

describe("createAddLimiter", () => {
  it("runs up to `concurrency` at once and hands a freed slot to the longest waiter", async () => {
    const limiter = createAddLimiter({ concurrency: 2, queueLength: 2 });
    const a = await limiter.acquire();
    await limiter.acquire();
    const order: string[] = [];
    const c = limiter.acquire().then((release) => (order.push("c"), release));
    const d = limiter.acquire().then((release) => (order.push("d"), release));
    expect(limiter.running).toBe(2);
    expect(limiter.waiting).toBe(2);
    a();
    (await c)();
    await d;
    expect(order).toEqual(["c", "d"]);
    expect(limiter.running).toBe(2);
    expect(limiter.waiting).toBe(0);
  });

  it("refuses at once when the queue is full, naming both limits and the flags", async () => {
    const limiter = createAddLimiter({ concurrency: 1, queueLength: 1 });
    await limiter.acquire();
    void limiter.acquire();
    const error = await limiter.acquire().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AddQueueFullError);
    expect((error as AddQueueFullError).httpStatus).toBe(503);
    expect((error as Error).message).toContain("1 running and 1 waiting");
    expect((error as Error).message).toContain("--max-concurrent-adds");
  });

  it("takes a waiter out of the queue when its signal aborts", async () => {
    const limiter = createAddLimiter({ concurrency: 1, queueLength: 1 });
    const first = await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort(new Error("client left"));
    await expect(waiting).rejects.toThrow("client left");
    expect(limiter.waiting).toBe(0);
    first();
    expect(limiter.running).toBe(0);
  });

  it("frees a slot once even if released twice", async () => {
    const limiter = createAddLimiter({ concurrency: 1, queueLength: 0 });
    const release = await limiter.acquire();
    release();
    release();
    expect(limiter.running).toBe(0);
    await limiter.acquire();
    expect(limiter.running).toBe(1);
    await expect(limiter.acquire()).rejects.toBeInstanceOf(AddQueueFullError);
  });
});
