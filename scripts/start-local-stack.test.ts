/**
 * The real launcher (`npm start` runs `node --import tsx scripts/start-local-stack.ts`) as a process, stopped
 * at several moments of its start-up. It never gets as far as the app, so each run takes seconds:
 * every child it started must be gone afterwards and every port free.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { bins } from "./lib/bins.ts";
import { repoRoot } from "./lib/paths.ts";
import { findFreePort } from "./lib/ports.ts";
import { commandLine, descendants, eventually, isRunning, portAnswers } from "./stack/test-fixtures/processes.ts";

type Launch = {
  process: ChildProcess;
  output: string[];
  ports: number[];
  /** Every process the launcher had started, seen while it ran. */
  seen: Set<number>;
  waitFor: (pattern: RegExp, timeoutMs?: number) => Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

const dataDirs: string[] = [];
const launches: Launch[] = [];

afterEach(() => {
  // A failed assertion must not leave a stack running for the next test.
  for (const launch of launches.splice(0)) {
    for (const pid of [launch.process.pid!, ...launch.seen]) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // gone
      }
    }
  }
});

afterAll(async () => {
  for (const dir of dataDirs) await rm(dir, { recursive: true, force: true });
});

/** How the test starts the launcher: as `npm start` does (through `sh -c`), or directly. */
type Via = "npm-like shell" | "node";

async function launch(via: Via = "node"): Promise<Launch> {
  const dataDir = await mkdtemp(join(tmpdir(), "markspace-launcher-"));
  dataDirs.push(dataDir);
  const ports = [
    await findFreePort(),
    await findFreePort(),
    await findFreePort(),
    await findFreePort(),
    await findFreePort(),
  ];
  const [chain, ipfsApi, ipfsGateway, graphql, app] = ports.map(String) as [string, string, string, string, string];
  const launcherArgs = [
    "--import",
    "tsx",
    "scripts/start-local-stack.ts",
    "--data-dir",
    dataDir,
    "--chain-port",
    chain,
    "--ipfs-api-port",
    ipfsApi,
    "--ipfs-gateway-port",
    ipfsGateway,
    "--graphql-port",
    graphql,
    "--app-port",
    app,
    "--demo-units",
    "1",
  ];
  // npm runs scripts through `sh -c` and forwards signals to that shell, not to the launcher.
  const child =
    via === "node"
      ? spawn(bins.node, launcherArgs, { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] })
      : spawn("sh", ["-c", '"$0" "$@"; exit $?', bins.node, ...launcherArgs], {
          cwd: repoRoot,
          stdio: ["ignore", "pipe", "pipe"],
        });
  const output: string[] = [];
  const listeners = new Set<() => void>();
  for (const stream of [child.stdout, child.stderr])
    stream.on("data", (chunk: Buffer) => {
      output.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      for (const listener of listeners) listener();
    });
  const seen = new Set<number>();
  const scan = setInterval(() => {
    for (const pid of descendants(child.pid!)) seen.add(pid);
  }, 100);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => {
      clearInterval(scan);
      resolve({ code, signal });
    }),
  );
  const waitFor = (pattern: RegExp, timeoutMs = 90_000) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (output.some((line) => pattern.test(line))) {
          listeners.delete(check);
          clearTimeout(timer);
          resolve();
        }
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`launcher never printed ${pattern}; output:\n${output.join("\n")}`));
      }, timeoutMs);
      listeners.add(check);
      void exited.then(() => setTimeout(check, 0));
      check();
    });
  const result: Launch = { process: child, output, ports, seen, waitFor, exited };
  launches.push(result);
  return result;
}

async function expectNothingLeft(run: Launch): Promise<void> {
  expect(run.seen.size).toBeGreaterThan(0);
  const leftovers = await eventually(() => [...run.seen].every((pid) => !isRunning(pid)), 5_000);
  expect(leftovers, [...run.seen].filter(isRunning).map(commandLine).join("\n")).toBe(true);
  for (const port of run.ports) expect(await portAnswers(port), `port ${port}`).toBe(false);
}

describe("npm start (the launcher process)", () => {
  it("stops at once on SIGTERM while the contracts compile", async () => {
    const run = await launch();
    await run.waitFor(/^\[1\/8\] compiling contracts/);
    const compiling = await eventually(() =>
      [...run.seen].some((pid) => / compile --quiet/.test(commandLine(pid)) && isRunning(pid)),
    );
    expect(compiling).toBe(true);
    run.process.kill("SIGTERM");
    expect(await run.exited).toEqual({ code: 0, signal: null });
    expect(run.output).toContain("stopped.");
    await expectNothingLeft(run);
  }, 60_000);

  it("stops the chain, IPFS starting and the subgraph build on Ctrl-C (SIGINT, twice) in step 4", async () => {
    const run = await launch();
    await run.waitFor(/^\[4\/8\] starting IPFS/);
    const building = await eventually(() =>
      [...run.seen].some((pid) => commandLine(pid).includes("subgraph/scripts/build.ts")),
    );
    expect(building).toBe(true);
    // One Ctrl-C under `npm start` arrives twice (from the terminal, and forwarded by npm): still a clean stop.
    run.process.kill("SIGINT");
    run.process.kill("SIGINT");
    expect(await run.exited).toEqual({ code: 0, signal: null });
    expect(run.output.join("\n")).toMatch(/SIGINT: stopping every service/);
    await expectNothingLeft(run);
  }, 120_000);

  it("stops everything when the process that started it dies (SIGTERM to npm reaches only its shell)", async () => {
    const run = await launch("npm-like shell");
    await run.waitFor(/^\[2\/8\] starting the chain/);
    const launcher = await eventually(() =>
      [...run.seen].some((pid) => / --import tsx scripts\/start-local-stack\.ts /.test(commandLine(pid))),
    );
    expect(launcher).toBe(true);
    run.process.kill("SIGTERM");
    await run.exited;
    const noticed = await eventually(
      () => run.output.some((line) => line.includes("the process that started npm start exited")),
      5_000,
    );
    expect(noticed, run.output.join("\n")).toBe(true);
    const stopped = await eventually(() => [...run.seen].every((pid) => !isRunning(pid)), 30_000);
    expect(stopped, [...run.seen].filter(isRunning).map(commandLine).join("\n")).toBe(true);
    await expectNothingLeft(run);
  }, 120_000);

  it("reports a chain that dies after it was ready, stops everything else and exits with code 1", async () => {
    const run = await launch();
    await run.waitFor(/^\[3\/8\] deploying MarkTreasury, 8 FundLocks, MarkToken, /);
    const chain = [...run.seen].find((pid) => / node --hostname /.test(commandLine(pid)) && isRunning(pid));
    expect(chain).toBeDefined();
    process.kill(chain!, "SIGKILL");
    expect(await run.exited).toEqual({ code: 1, signal: null });
    const text = run.output.join("\n");
    expect(text).toMatch(/✗ chain exited unexpectedly \(killed by SIGKILL\) at [\d.]+ s\./);
    expect(text).toMatch(/stopping the stack: the chain keeps every contract and transaction in memory/);
    expect(text).toMatch(/npm start failed: chain exited unexpectedly \(killed by SIGKILL\)/);
    await expectNothingLeft(run);
  }, 120_000);
});
