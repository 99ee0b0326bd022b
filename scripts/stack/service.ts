/**
 * The two kinds of child the stack runs: a command that runs to completion (`runCommand`:
 * `hardhat compile`, the subgraph build, `next build`) and a service that stays up and is
 * ready once it prints a line or answers a probe (`startService`: chain, IPFS, subgraph host,
 * app). Both run in their own process group (`child.ts`) and both stop, with everything they
 * started, the moment their `signal` aborts.
 */
import { MarkspaceError } from "@markspace/common/errors";
import { describeExit, spawnChild, type Child, type ChildExit, type ChildSpec } from "./child.ts";

export type ServiceReadiness = { probe: () => Promise<boolean> } | { readyLine: RegExp };

export type ServiceOptions = Omit<ChildSpec, "keepLines"> & {
  /** Ready once `probe` returns true (polled), or once an output line matches `readyLine`. */
  ready: ServiceReadiness;
  /** Default 120 s. */
  timeoutMs?: number;
  /** Aborting stops the service (while it starts, and after). */
  signal?: AbortSignal;
  /** How long `stop` waits after SIGTERM before SIGKILL (default 5 s). */
  stopGraceMs?: number;
};

export type Service = {
  name: string;
  pid: number | undefined;
  /** The first line that matched `readyLine`, when that form of readiness was used. */
  readyMatch?: RegExpMatchArray;
  /** Resolves when the process exits, for whatever reason. */
  exited: Promise<ChildExit>;
  /** True once `stop` was called: its exit is then expected. */
  stopRequested: () => boolean;
  lastLines: () => string[];
  stop: () => Promise<void>;
};

/** Thrown when a child exits or times out before it is ready, or a command fails; carries its last output. */
export class ServiceStartError extends MarkspaceError {
  override name = "ServiceStartError";
}

/** Thrown when the stack is being stopped (a signal, `stop()`, or a service that died) while a step runs. */
export class StackStoppedError extends MarkspaceError {
  override name = "StackStoppedError";
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function stoppedError(signal: AbortSignal | undefined, what: string): Error {
  const reason: unknown = signal?.reason;
  // The stack's own reasons (a signal, a service that died) say best why; anything else is wrapped.
  if (reason instanceof MarkspaceError) return reason;
  return new StackStoppedError({ shortMessage: `Stopped while ${what}`, cause: reason });
}

function lastOutput(child: Child): string {
  const lines = child.lastLines();
  return lines.length ? `Last output:\n${lines.join("\n")}` : "It printed nothing.";
}

/** Starts a child process and waits until it is ready; stops it and explains why when it is not. */
export async function startService(options: ServiceOptions): Promise<Service> {
  const { ready, timeoutMs = 120_000, signal, stopGraceMs, ...spec } = options;
  if (signal?.aborted) throw stoppedError(signal, `starting ${spec.name}`);
  let readyMatch: RegExpMatchArray | undefined;
  const readyLine = "readyLine" in ready ? ready.readyLine : undefined;
  const child = spawnChild({
    ...spec,
    onLine: (line) => {
      if (readyLine && !readyMatch) readyMatch = line.match(readyLine) ?? undefined;
      spec.onLine?.(line);
    },
  });
  let stopRequested = false;
  const stop = async () => {
    stopRequested = true;
    await child.stop(stopGraceMs);
  };
  const onAbort = () => void stop();
  signal?.addEventListener("abort", onAbort, { once: true });

  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      if (signal?.aborted) {
        await stop();
        throw stoppedError(signal, `starting ${spec.name}`);
      }
      const exit = child.exit();
      if (exit) {
        throw new ServiceStartError({
          shortMessage: `${spec.name} exited before it was ready (${describeExit(exit)})`,
          details: lastOutput(child),
        });
      }
      if (readyLine ? readyMatch : "probe" in ready && (await ready.probe().catch(() => false))) break;
      if (Date.now() > deadline) {
        await stop();
        throw new ServiceStartError({
          shortMessage: `${spec.name} was not ready after ${timeoutMs} ms`,
          details: lastOutput(child),
        });
      }
      await Promise.race([sleep(readyLine ? 50 : 250), child.exited]);
    }
  } catch (error) {
    signal?.removeEventListener("abort", onAbort);
    throw error;
  }
  return {
    name: spec.name,
    pid: child.pid,
    readyMatch,
    exited: child.exited,
    stopRequested: () => stopRequested,
    lastLines: child.lastLines,
    stop,
  };
}

export type RunCommandOptions = {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  onLine?: (line: string) => void;
  /** Aborting kills the command and everything it started. */
  signal?: AbortSignal;
};

/** Runs a command to completion; rejects with its last output when it fails or is stopped. */
export async function runCommand(
  name: string,
  command: string,
  args: readonly string[],
  options: RunCommandOptions = {},
): Promise<void> {
  const { signal, ...spec } = options;
  if (signal?.aborted) throw stoppedError(signal, `running ${name}`);
  const child = spawnChild({ name, command, args, keepLines: 60, ...spec });
  const onAbort = () => void child.stop();
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    const exit = await child.exited;
    if (signal?.aborted) throw stoppedError(signal, `running ${name}`);
    if (exit.code !== 0)
      throw new ServiceStartError({
        shortMessage: `${name} failed (${describeExit(exit)})`,
        details: lastOutput(child),
      });
  } finally {
    signal?.removeEventListener("abort", onAbort);
  }
}

/** True once `url` answers an HTTP request at all (any status below 500). */
export async function httpAnswers(url: string, init?: RequestInit): Promise<boolean> {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(5_000) });
    return response.status < 500;
  } catch {
    return false;
  }
}
