import { MarkspaceError } from "@markspace/common/errors";
import { spawn, type ChildProcess } from "node:child_process";

export type ServiceOptions = {
  name: string;
  command: string;
  args: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Resolves `start` once this returns true (polled), or once a stdout line matches `readyLine`. */
  ready: { probe: () => Promise<boolean> } | { readyLine: RegExp };
  timeoutMs?: number;
  /** Receives every output line, prefixed by the caller as it likes. */
  onLine?: (line: string) => void;
};

export type Service = {
  name: string;
  child: ChildProcess;
  /** The first line that matched `readyLine`, when that form of readiness was used. */
  readyMatch?: RegExpMatchArray;
  stop: () => Promise<void>;
};

/** Thrown when a child service exits or times out before it is ready; carries its last output. */
export class ServiceStartError extends MarkspaceError {
  override name = "ServiceStartError";
  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super({ shortMessage: message, ...options });
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts a child process and waits until it is ready; kills it and explains why when it is not. */
export async function startService(options: ServiceOptions): Promise<Service> {
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const tail: string[] = [];
  let readyMatch: RegExpMatchArray | undefined;
  const readyLine = "readyLine" in options.ready ? options.ready.readyLine : undefined;
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split(/\r?\n/)) {
      if (!line.trim()) continue;
      tail.push(line);
      if (tail.length > 40) tail.shift();
      if (readyLine && !readyMatch) readyMatch = line.match(readyLine) ?? undefined;
      options.onLine?.(line);
    }
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exitPromise = new Promise<void>((resolve) =>
    child.once("exit", (code, signal) => {
      exited = { code, signal };
      resolve();
    }),
  );
  child.once("error", (error) => tail.push(`spawn error: ${error.message}`));

  const stop = async () => {
    if (exited) return;
    child.kill("SIGTERM");
    const killed = await Promise.race([exitPromise.then(() => true), sleep(8_000).then(() => false)]);
    if (!killed) {
      child.kill("SIGKILL");
      await exitPromise;
    }
  };

  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  for (;;) {
    if (exited) {
      throw new ServiceStartError(
        `${options.name} exited before it was ready (code ${exited.code}${exited.signal ? `, ${exited.signal}` : ""}). Last output:\n${tail.join("\n")}`,
      );
    }
    if (
      readyLine ? readyMatch : await (options.ready as { probe: () => Promise<boolean> }).probe().catch(() => false)
    ) {
      return { name: options.name, child, readyMatch, stop };
    }
    if (Date.now() > deadline) {
      await stop();
      throw new ServiceStartError(
        `${options.name} was not ready after ${options.timeoutMs ?? 120_000} ms. Last output:\n${tail.join("\n")}`,
      );
    }
    await sleep(readyLine ? 50 : 250);
  }
}

/** Runs a command to completion; rejects with its last output when it fails. */
export async function runCommand(
  name: string,
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; onLine?: (line: string) => void } = {},
): Promise<void> {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const tail: string[] = [];
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split(/\r?\n/)) {
      if (!line.trim()) continue;
      tail.push(line);
      if (tail.length > 60) tail.shift();
      options.onLine?.(line);
    }
  };
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (exitCode) => resolve(exitCode));
  });
  if (code !== 0) throw new ServiceStartError(`${name} failed (exit ${code}). Last output:\n${tail.join("\n")}`);
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
