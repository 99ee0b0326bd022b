import { describe, expect, it } from "vitest";
import { runCommand, ServiceStartError, startService } from "./service.ts";

const node = process.execPath;

describe("startService", () => {
  it("resolves on the ready line and exposes its match", async () => {
    const service = await startService({
      name: "echo",
      command: node,
      args: ["-e", "console.log('booting'); console.log('ready at http://x:1'); setInterval(() => {}, 1000)"],
      ready: { readyLine: /ready at (\S+)/ },
    });
    expect(service.readyMatch?.[1]).toBe("http://x:1");
    await service.stop();
    expect(service.child.exitCode !== null || service.child.signalCode !== null).toBe(true);
  });

  it("explains a child that dies before it is ready, with its last output", async () => {
    const attempt = startService({
      name: "doomed",
      command: node,
      args: ["-e", "console.error('cannot open database'); process.exit(3)"],
      ready: { readyLine: /never/ },
    });
    await expect(attempt).rejects.toBeInstanceOf(ServiceStartError);
    await expect(
      startService({
        name: "doomed",
        command: node,
        args: ["-e", "console.error('cannot open database'); process.exit(3)"],
        ready: { readyLine: /never/ },
      }),
    ).rejects.toThrow(/doomed exited before it was ready \(code 3\)[\s\S]*cannot open database/);
  });

  it("gives up after the timeout and stops the child", async () => {
    await expect(
      startService({
        name: "slow",
        command: node,
        args: ["-e", "setInterval(() => {}, 1000)"],
        ready: { probe: async () => false },
        timeoutMs: 500,
      }),
    ).rejects.toThrow(/slow was not ready after 500 ms/);
  });
});

describe("runCommand", () => {
  it("rejects with the command's output when it fails", async () => {
    await expect(
      runCommand("compile", node, ["-e", "console.log('syntax error in X.sol'); process.exit(1)"]),
    ).rejects.toThrow(/compile failed \(exit 1\)[\s\S]*syntax error in X\.sol/);
  });
});
