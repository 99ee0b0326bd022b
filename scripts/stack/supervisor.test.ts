import { afterEach, describe, expect, it } from "vitest";
import { killAllChildrenNow } from "./child.ts";
import { findFreePort } from "../lib/ports.ts";
import { StackStoppedError, type Service } from "./service.ts";
import { ServiceFailedError, Supervisor, type RestartPolicy, type ServiceSpec } from "./supervisor.ts";
import { eventually, fakeService, isRunning, portAnswers } from "./test-fixtures/processes.ts";

const node = process.execPath;
const never: RestartPolicy = { policy: "never", why: "it keeps everything in memory" };

/** A fake service; port 0 lets it pick a free one and print it, so parallel tests never race for ports. */
function fakeSpec(name: string, restart: RestartPolicy, port = 0, ...flags: string[]): ServiceSpec {
  return {
    name,
    command: node,
    args: [fakeService, "--port", String(port), ...flags],
    ready: { readyLine: /fake ready on (\d+)/ },
    stopGraceMs: 2_000,
    restart,
  };
}

const portOf = (service: Service) => Number(service.readyMatch?.[1]);
const portIn = (lines: string[]) =>
  Number(
    lines
      .find((line) => line.startsWith("fake ready on "))
      ?.split(" ")
      .at(-1),
  );

function supervisor(options: ConstructorParameters<typeof Supervisor>[0] = {}) {
  const log: string[] = [];
  return { log, supervisor: new Supervisor({ log: (line) => log.push(line), restartDelayMs: 50, ...options }) };
}

// A failed assertion must not leave fake services running after the test.
afterEach(() => killAllChildrenNow());
describe("Supervisor", () => {
  describe("when a service dies after it was ready", () => {
    it("reports it (name, signal, last output) and, when it may not restart, stops every other service", async () => {
      const { log, supervisor: stack } = supervisor();
      const chain = await stack.start(fakeSpec("chain", never));
      const ipfs = await stack.start(fakeSpec("ipfs", { policy: "on-failure" }));

      process.kill(chain.pid!, "SIGKILL");
      const { failure } = await stack.stopped;

      expect(failure).toBeInstanceOf(ServiceFailedError);
      expect(failure?.service).toBe("chain");
      expect(failure?.exit.signal).toBe("SIGKILL");
      expect(failure?.shortMessage).toBe(
        "chain exited unexpectedly (killed by SIGKILL); it keeps everything in memory",
      );
      expect(log.join("\n")).toMatch(/✗ chain exited unexpectedly \(killed by SIGKILL\) at [\d.]+ s\./);
      expect(log).toContain(`    chain | fake ready on ${portOf(chain)}`);
      expect(log).toContain("  stopping the stack: it keeps everything in memory");
      expect(await portAnswers(portOf(ipfs))).toBe(false);
      expect(stack.signal.aborted).toBe(true);
    });

    it("reports the exit code of a service that exits by itself", async () => {
      const { supervisor: stack } = supervisor();
      await stack.start(fakeSpec("app", never, 0, "--exit-after", "300", "--exit-code", "3"));
      const { failure } = await stack.stopped;
      expect(failure?.exit.code).toBe(3);
      expect(failure?.lastLines.at(-1)).toBe("fake: out of coffee");
      expect(failure?.message).toMatch(
        /app exited unexpectedly \(exit code 3\)[\s\S]*Its last output:[\s\S]*out of coffee/,
      );
    });

    it("restarts a service whose policy allows it, on the same port", async () => {
      const { log, supervisor: stack } = supervisor();
      // A real service is given its port; the restart reuses the same command, so the same port.
      const port = await findFreePort();
      const first = await stack.start(fakeSpec("ipfs", { policy: "on-failure" }, port));
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
      const other = await stack.start(fakeSpec("chain", never));
      await stack.start(fakeSpec("app", { policy: "on-failure" }, 0, "--exit-after", "200", "--exit-code", "1"));
      const { failure } = await stack.stopped;
      expect(failure?.service).toBe("app");
      expect(failure?.shortMessage).toMatch(/it was restarted 1 times within 300 s already/);
      expect(log.filter((line) => line.startsWith("✗ app exited unexpectedly (exit code 1)"))).toHaveLength(2);
      expect(await portAnswers(portOf(other))).toBe(false);
    });
  });

  describe("when the stack is stopped", () => {
    it("kills running build steps and services still starting, with what they started", async () => {
      const controller = new AbortController();
      const lines = new Map<string, string[]>();
      const stack = new Supervisor({
        signal: controller.signal,
        onServiceLine: (name, line) => lines.set(name, [...(lines.get(name) ?? []), line]),
      });
      const ready = await stack.start(fakeSpec("chain", never));
      const build = stack.run("graph build", node, [fakeService, "--port", "0", "--grandchild"]);
      // Listens, but is never called ready: a service still starting.
      const starting = stack.start({ ...fakeSpec("app", never), ready: { readyLine: /never printed/ } });
      const seeding = stack.guard(new Promise(() => {}));
      const outcomes = Promise.allSettled([build, starting, seeding]);
      const listening = await eventually(
        () => portIn(lines.get("graph build") ?? []) > 0 && portIn(lines.get("app") ?? []) > 0,
      );
      expect(listening, JSON.stringify(Object.fromEntries(lines))).toBe(true);
      const buildPorts = [portIn(lines.get("graph build")!), portIn(lines.get("app")!)];
      const grandchild = Number(
        lines
          .get("graph build")!
          .find((line) => line.startsWith("grandchild "))
          ?.split(" ")[1],
      );
      expect(isRunning(grandchild)).toBe(true);

      controller.abort(new StackStoppedError({ shortMessage: "Stopped by SIGINT" }));
      for (const outcome of await outcomes) {
        expect(outcome.status).toBe("rejected");
        expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(StackStoppedError);
        expect(String((outcome as PromiseRejectedResult).reason)).toMatch("Stopped by SIGINT");
      }
      expect(await stack.stopped).toEqual({ failure: undefined });
      for (const port of [portOf(ready), ...buildPorts]) expect(await portAnswers(port), `port ${port}`).toBe(false);
      expect(await eventually(() => !isRunning(grandchild), 5_000)).toBe(true);
      await expect(stack.run("late", node, ["-e", ""])).rejects.toThrow("Stopped by SIGINT");
    });

    it("does not report services it stopped itself", async () => {
      const { log, supervisor: stack } = supervisor();
      await stack.start(fakeSpec("chain", never));
      await stack.stop();
      await stack.stop();
      expect(log.filter((line) => line.includes("exited unexpectedly"))).toEqual([]);
    });
  });
});
