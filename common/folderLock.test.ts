import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withFolderLock } from "./folderLock.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "markspace-lock-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("withFolderLock", () => {
  it("lets one holder in at a time and releases the lock after a throw", async () => {
    const lock = join(dir, "serial.lock");
    const events: string[] = [];
    const holder = (name: string, ms: number) =>
      withFolderLock(
        lock,
        async () => {
          events.push(`${name} in`);
          await new Promise((resolve) => setTimeout(resolve, ms));
          events.push(`${name} out`);
        },
        { pollMs: 10 },
      );
    await Promise.all([holder("a", 60), holder("b", 10), holder("c", 10)]);
    for (let i = 0; i < events.length; i += 2) expect(events[i + 1]).toBe(events[i]!.replace(" in", " out"));

    await expect(withFolderLock(lock, () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(existsSync(lock)).toBe(false);
  });

  it("takes over a lock whose holder died", async () => {
    const lock = join(dir, "dead.lock");
    const dead = spawnSync(process.execPath, ["-e", ""]).pid!;
    await mkdir(lock);
    await writeFile(join(lock, "pid"), String(dead));
    expect(await withFolderLock(lock, async () => "taken", { timeoutMs: 2_000 })).toBe("taken");
  });

  it("waits for a live holder, says so once, and times out naming the lock", async () => {
    const lock = join(dir, "live.lock");
    await mkdir(lock);
    await writeFile(join(lock, "pid"), String(process.pid));
    const waits: number[] = [];
    await expect(
      withFolderLock(lock, async () => "never", { timeoutMs: 200, pollMs: 20, onWait: (pid) => waits.push(pid) }),
    ).rejects.toThrow(`waiting for the lock ${lock} (held by pid ${process.pid})`);
    expect(waits).toEqual([process.pid]);
    await rm(lock, { recursive: true, force: true });
  });
});
