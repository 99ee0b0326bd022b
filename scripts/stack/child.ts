/**
 * A child process in a process group of its own, so that stopping it stops everything it
 * started too (tsx runs scripts in a second Node process, `next build` and `graph build` start
 * workers): signals go to the whole group, and whatever is left of the group when its leader
 * exits is killed. Children do not get the terminal's Ctrl-C themselves; the launcher stops
 * them in order. Should the launcher exit without stopping them (an uncaught error), a last
 * `exit` hook kills every group still alive; only SIGKILL of the launcher itself can orphan them.
 */
import { spawn } from "node:child_process";
import { constants } from "node:os";

export type ChildExit = {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not be started at all (e.g. the command does not exist). */
  error?: string;
};

export type ChildSpec = {
  /** Name used in messages (`chain`, `hardhat compile`). */
  name: string;
  command: string;
  args: readonly string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Every line the child prints, stdout and stderr alike. */
  onLine?: (line: string) => void;
  /** How many of the last output lines to keep for error reports (default 40). */
  keepLines?: number;
};

export type Child = {
  readonly name: string;
  readonly pid: number | undefined;
  /** Resolves once the leader exited and its group is gone, with every output line read. */
  readonly exited: Promise<ChildExit>;
  /** The exit, once it happened. */
  exit(): ChildExit | undefined;
  /** The last output lines, oldest first. */
  lastLines(): string[];
  /** Sends `signal` to the whole group (no-op once it is gone). */
  signal(signal: NodeJS.Signals): void;
  /** SIGTERM to the group, SIGKILL after `graceMs` (default 5 s); resolves when it exited. Safe to call twice. */
  stop(graceMs?: number): Promise<ChildExit>;
};

const alive = new Set<number>();
let exitHookInstalled = false;

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is gone already.
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Synchronous last resort: the launcher is exiting with children it did not stop.
  process.on("exit", () => {
    for (const pid of alive) killGroup(pid, "SIGKILL");
  });
}

/** PIDs (= process group ids) of every child started by this process that has not exited yet. */
export function liveChildGroups(): number[] {
  return [...alive];
}

/** Kills every live child group at once with SIGKILL: the second Ctrl-C. */
export function killAllChildrenNow(): void {
  for (const pid of alive) killGroup(pid, "SIGKILL");
}

export function describeExit(exit: ChildExit): string {
  if (exit.error) return `could not start: ${exit.error}`;
  if (exit.signal) return `killed by ${exit.signal}`;
  // Wrappers such as tsx exit with 128 + n when the process they run was killed by signal n.
  const signal = Object.entries(constants.signals).find(([, number]) => exit.code === 128 + number)?.[0];
  return signal ? `exit code ${exit.code}: what it ran was killed by ${signal}` : `exit code ${exit.code}`;
}

export function spawnChild(spec: ChildSpec): Child {
  installExitHook();
  const keep = spec.keepLines ?? 40;
  const tail: string[] = [];
  const push = (line: string) => {
    if (!line.trim()) return;
    tail.push(line);
    if (tail.length > keep) tail.shift();
    spec.onLine?.(line);
  };
  const child = spawn(spec.command, [...spec.args], {
    cwd: spec.cwd,
    env: spec.env ?? process.env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const pid = child.pid;
  if (pid !== undefined) alive.add(pid);

  for (const stream of [child.stdout, child.stderr]) {
    let partial = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      const lines = (partial + chunk).split(/\r?\n/);
      partial = lines.pop() ?? "";
      for (const line of lines) push(line);
    });
    stream.on("end", () => {
      if (partial) push(partial);
      partial = "";
    });
  }

  let exitInfo: ChildExit | undefined;
  const exited = new Promise<ChildExit>((resolve) => {
    let leaderExit: ChildExit | undefined;
    const finish = () => {
      if (exitInfo || !leaderExit) return;
      exitInfo = leaderExit;
      if (pid !== undefined) alive.delete(pid);
      resolve(leaderExit);
    };
    child.once("error", (error) => {
      leaderExit ??= { code: null, signal: null, error: error.message };
      push(`spawn error: ${error.message}`);
      if (pid === undefined) finish();
    });
    child.once("exit", (code, signal) => {
      leaderExit ??= { code, signal };
      // Whatever the leader left behind in its group would hold ports and pipes: it goes too.
      if (pid !== undefined) killGroup(pid, "SIGKILL");
      // Output still in the pipes is read before the exit is reported ("close"), but not forever.
      setTimeout(finish, 2_000).unref();
    });
    child.once("close", () => finish());
  });

  let stopping: Promise<ChildExit> | undefined;
  return {
    name: spec.name,
    pid,
    exited,
    exit: () => exitInfo,
    lastLines: () => [...tail],
    signal: (signal) => {
      if (pid !== undefined && !exitInfo) killGroup(pid, signal);
    },
    stop: (graceMs = 5_000) => {
      stopping ??= (async () => {
        if (exitInfo || pid === undefined) return exited;
        killGroup(pid, "SIGTERM");
        const timer = setTimeout(() => killGroup(pid, "SIGKILL"), graceMs);
        try {
          return await exited;
        } finally {
          clearTimeout(timer);
        }
      })();
      return stopping;
    },
  };
}
