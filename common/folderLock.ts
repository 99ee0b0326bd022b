/**
 * A lock between processes on one machine: a folder made with `mkdir` (atomic) holding the
 * holder's pid. Others wait; a lock whose holder died, or that never got a pid within 30 s
 * (its maker stopped between the two steps), is taken over. Node only.
 */
import { mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";

export type FolderLockOptions = {
  /** Called once, when the lock is held by another live process and this one starts waiting. */
  onWait?: (holderPid: number) => void;
  /** Give up after this long (default: wait for as long as the holder lives). */
  timeoutMs?: number;
  /** How often to look again (default 250 ms). */
  pollMs?: number;
};

/** Runs `fn` while holding the lock folder `lock` (its parent must exist); always releases it. */
export async function withFolderLock<T>(
  lock: string,
  fn: () => Promise<T>,
  options: FolderLockOptions = {},
): Promise<T> {
  await acquireFolderLock(lock, options);
  try {
    return await fn();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

async function acquireFolderLock(lock: string, { onWait, timeoutMs, pollMs = 250 }: FolderLockOptions): Promise<void> {
  const deadline = timeoutMs === undefined ? Infinity : Date.now() + timeoutMs;
  let waited = false;
  for (;;) {
    try {
      await mkdir(lock);
      await writeFile(join(lock, "pid"), String(process.pid));
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = Number(await readFile(join(lock, "pid"), "utf8").catch(() => "0")) || 0;
    const madeAt = (await stat(lock).catch(() => undefined))?.mtimeMs;
    if (madeAt === undefined) continue; // released between the two looks
    const orphaned = holder === 0 && Date.now() - madeAt > 30_000;
    if ((holder > 0 && !isAlive(holder)) || orphaned) {
      await rm(lock, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline)
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for the lock ${lock} (held by pid ${holder || "unknown"})`,
      );
    if (!waited && holder > 0) {
      waited = true;
      onWait?.(holder);
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** True while a process with this pid exists (EPERM: it exists but belongs to another user). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
