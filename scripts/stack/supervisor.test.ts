import { describe, expect, it } from "vitest";
import { findFreePort } from "../lib/ports.ts";
import { StackStoppedError } from "./service.ts";
import { ServiceFailedError, Supervisor, type RestartPolicy, type ServiceSpec } from "./supervisor.ts";
import { eventually, fakeService, isRunning, portAnswers } from "./test-fixtures/processes.ts";

const node = process.execPath;
const never: RestartPolicy = { policy: "never", why: "it keeps everything in memory" };

function fakeSpec(name: string, port: number, restart: RestartPolicy, ...flags: string[]): ServiceSpec {
  return {
    name,
    command: node,
    args: [fakeService, "--port", String(port), ...flags],
    ready: { readyLine: /fake ready on/ },
    restart,
  };
}

function supervisor(options: ConstructorParameters<typeof Supervisor>[0] = {}) {
  const log: string[] = [];
  return { log, supervisor: new Supervisor({ log: (line) => log.push(line), restartDelayMs: 50, ...options }) };
}

describe("Supervisor", () => {
  describe("when a service dies after it was ready", () => {
    it("reports it (name, signal, last output) and, when it may not restart, stops every other service", async () => {
      const { log, supervisor: stack } = supervisor();
      const [chainPort, ipfsPort] = [await findFreePort(), await findFreePort()];
      const chain = await stack.start(fakeSpec("chain", chainPort, never));
      await stack.start(fakeSpec("ipfs", ipfsPort, { policy: "on-failure" }));

      process.kill(chain.pid!, "SIGKILL");
      const { failure } = await stack.stopped;

      expect(failure).toBeInstanceOf(ServiceFailedError);
      expect(failure?.service).toBe("chain");
      expect(failure?.exit.signal).toBe("SIGKILL");
      expect(failure?.shortMessage).toBe(
        "chain exited unexpectedly (killed by SIGKILL); it keeps everything in memory",
      );
      expect(log.join("\n")).toMatch(/✗ chain exited unexpectedly \(killed by SIGKILL\) at [\d.]+ s\./);
      expect(log).toContain(`    chain | fake ready on ${chainPort}`);
      expect(log).toContain("  stopping the stack: it keeps everything in memory");
      expect(await portAnswers(ipfsPort)).toBe(false);
      expect(stack.signal.aborted).toBe(true);
    });

    it("reports the exit code of a service that exits by itself", async () => {
      const { supervisor: stack } = supervisor();
      await stack.start(fakeSpec("app", await findFreePort(), never, "--exit-after", "300", "--exit-code", "3"));
      const { failure } = await stack.stopped;
      expect(failure?.exit.code).toBe(3);
      expect(failure?.lastLines.at(-1)).toBe("fake: out of coffee");
      expect(failure?.message).toMatch(
        /app exited unexpectedly \(exit code 3\)[\s\S]*Its last output:[\s\S]*out of coffee/,
      );
    });

    it("restarts a service whose policy allows it, on the same port", async () => {
      const { log, supervisor: stack } = supervisor();
      const port = await findFreePort();
      const first = await stack.start(fakeSpec("ipfs", port, { policy: "on-failure" }));
      process.kill(first.pid!, "SIGKILL");
      expect(await eventually(() => log.some((line) => line.startsWith("  ipfs is running again")))).toBe(true);
      expect(log.some((line) => line.startsWith("  restarting ipfs (restart 1 of at most 3 within 300 s)"))).toBe(true);
      expect(await portAnswers(port)).toBe(true);
      expect(stack.signal.aborted).toBe(false);
      await stack.stop();
      expect(await portAnswers(port)).toBe(false);
      expect((await stack.stopped).failure).toBeUndefined();
    });

    it("gives up on a service that keeps dying and stops the stack", async () => {
      const { log, supervisor: stack } = supervisor({ maxRestarts: 1 });
      const otherPort = await findFreePort();
      await stack.start(fakeSpec("chain", otherPort, never));
      await stack.start(
        fakeSpec("app", await findFreePort(), { policy: "on-failure" }, "--exit-after", "200", "--exit-code", "1"),
      );
      const { failure } = await stack.stopped;
      expect(failure?.service).toBe("app");
      expect(failure?.shortMessage).toMatch(/it was restarted 1 times within 300 s already/);
      expect(log.filter((line) => line.startsWith("✗ app exited unexpectedly (exit code 1)"))).toHaveLength(2);
      expect(await portAnswers(otherPort)).toBe(false);
    });
  });

  describe("when the stack is stopped", () => {
    it("kills running build steps and services still starting, with what they started", async () => {
      const controller = new AbortController();
      const { supervisor: stack } = supervisor({ signal: controller.signal });
      const [readyPort, startingPort, buildPort] = [await findFreePort(), await findFreePort(), await findFreePort()];
      await stack.start(fakeSpec("chain", readyPort, never));
      const lines: string[] = [];
      const build = stack.run("graph build", node, [fakeService, "--port", String(buildPort), "--grandchild"], {
        onLine: (line) => lines.push(line),
      });
      const starting = stack.start({ ...fakeSpec("app", startingPort, never), ready: { readyLine: /never printed/ } });
      const seeding = stack.guard(new Promise(() => {}));
      expect(await eventually(async () => (await portAnswers(buildPort)) && (await portAnswers(startingPort)))).toBe(
        true,
      );
      const grandchild = Number(lines.find((line) => line.startsWith("grandchild "))?.split(" ")[1]);

      const outcomes = Promise.allSettled([build, starting, seeding]);
      controller.abort(new StackStoppedError({ shortMessage: "Stopped by SIGINT" }));
      for (const outcome of await outcomes) {
        expect(outcome.status).toBe("rejected");
        expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(StackStoppedError);
        expect(String((outcome as PromiseRejectedResult).reason)).toMatch("Stopped by SIGINT");
      }
      expect(await stack.stopped).toEqual({ failure: undefined });
      for (const port of [readyPort, startingPort, buildPort]) expect(await portAnswers(port)).toBe(false);
      expect(await eventually(() => !isRunning(grandchild), 3_000)).toBe(true);
      await expect(stack.run("late", node, ["-e", ""])).rejects.toThrow("Stopped by SIGINT");
    });

    it("does not report services it stopped itself", async () => {
      const { log, supervisor: stack } = supervisor();
      await stack.start(fakeSpec("chain", await findFreePort(), never));
      await stack.stop();
      await stack.stop();
      expect(log.filter((line) => line.includes("exited unexpectedly"))).toEqual([]);
    });
  });
});
