import { afterEach, describe, expect, it } from "vitest";
import { killAllChildrenNow } from "./child.ts";
import { runCommand, ServiceStartError, StackStoppedError, startService } from "./service.ts";
import {
  commandLine,
  descendants,
  eventually,
  fakeService,
  isRunning,
  portAnswers,
} from "./test-fixtures/processes.ts";

const node = process.execPath;

/** The port a fake service printed it listens on (it picks a free one: no race with parallel tests). */
const portIn = (lines: string[]) => Number(lines.find((line) => line.startsWith("fake ready on "))?.split(" ")[3]);

async function fake(...flags: string[]) {
  const lines: string[] = [];
  const service = await startService({
    name: "fake",
    stopGraceMs: 1_000,
    command: node,
    args: [fakeService, "--port", "0", ...flags],
    ready: { readyLine: /fake ready on (\d+)/ },
    onLine: (line) => lines.push(line),
  });
  return { service, lines };
}

// A failed assertion must not leave fake services running after the test.
afterEach(() => killAllChildrenNow());
describe("startService", () => {
  it("resolves on the ready line, and stop frees the port and ends the whole process group", async () => {
    const { service, lines } = await fake("--grandchild");
    const port = Number(service.readyMatch?.[1]);
    expect(port).toBe(portIn(lines));
    expect(await portAnswers(port)).toBe(true);
    const grandchild = Number(lines.find((line) => line.startsWith("grandchild "))?.split(" ")[1]);
    expect(isRunning(grandchild)).toBe(true);

    await service.stop();
    expect(service.stopRequested()).toBe(true);
    expect(await portAnswers(port)).toBe(false);
    expect(await eventually(() => !isRunning(grandchild), 3_000)).toBe(true);
  });

  it("kills a service that ignores SIGTERM", async () => {
    const { service } = await fake("--ignore-term");
    const port = Number(service.readyMatch?.[1]);
    const started = Date.now();
    await service.stop();
    expect(await service.exited).toMatchObject({ signal: "SIGKILL" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(await portAnswers(port)).toBe(false);
  }, 20_000);

  it("explains a child that dies before it is ready, with its last output", async () => {
    const attempt = startService({
      name: "doomed",
      command: node,
      args: ["-e", "console.error('cannot open database'); process.exit(3)"],
      ready: { readyLine: /never/ },
    });
    await expect(attempt).rejects.toBeInstanceOf(ServiceStartError);
    await expect(attempt).rejects.toThrow(
      /doomed exited before it was ready \(exit code 3\)[\s\S]*cannot open database/,
    );
  });

  it("gives up after the timeout and stops the child", async () => {
    const tag = `slow-${process.pid}-${Date.now()}`;
    await expect(
      startService({
        name: "slow",
        command: node,
        args: [fakeService, "--port", "0", "--tag", tag],
        ready: { probe: async () => false },
        timeoutMs: 1_000,
      }),
    ).rejects.toThrow(/slow was not ready after 1000 ms/);
    const left = descendants(process.pid).filter((pid) => isRunning(pid) && commandLine(pid).includes(tag));
    expect(left).toEqual([]);
  });

  it("stops a service that is still starting when its signal aborts", async () => {
    const controller = new AbortController();
    const lines: string[] = [];
    const attempt = startService({
      name: "starting",
      command: node,
      args: [fakeService, "--port", "0", "--grandchild"],
      ready: { readyLine: /never printed/ },
      onLine: (line) => lines.push(line),
      signal: controller.signal,
    });
    attempt.catch(() => {});
    expect(await eventually(() => portIn(lines) > 0)).toBe(true);
    const port = portIn(lines);
    expect(await portAnswers(port)).toBe(true);
    controller.abort();
    await expect(attempt).rejects.toBeInstanceOf(StackStoppedError);
    expect(await portAnswers(port)).toBe(false);
  });
});

describe("runCommand", () => {
  it("rejects with the command's output when it fails", async () => {
    await expect(
      runCommand("compile", node, ["-e", "console.log('syntax error in X.sol'); process.exit(1)"]),
    ).rejects.toThrow(/compile failed \(exit code 1\)[\s\S]*syntax error in X\.sol/);
  });

  it("kills the command and what it started when its signal aborts", async () => {
    const controller = new AbortController();
    const lines: string[] = [];
    const build = runCommand("long build", node, [fakeService, "--port", "0", "--grandchild"], {
      signal: controller.signal,
      onLine: (line) => lines.push(line),
    });
    build.catch(() => {});
    expect(await eventually(() => portIn(lines) > 0 && lines.some((line) => line.startsWith("grandchild ")))).toBe(
      true,
    );
    const port = portIn(lines);
    const grandchild = Number(lines.find((line) => line.startsWith("grandchild "))?.split(" ")[1]);
    const started = Date.now();
    controller.abort(new StackStoppedError({ shortMessage: "Stopped by SIGTERM" }));
    await expect(build).rejects.toThrow("Stopped by SIGTERM");
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(await portAnswers(port)).toBe(false);
    expect(await eventually(() => !isRunning(grandchild), 3_000)).toBe(true);
  });
});
