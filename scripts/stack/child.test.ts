import { describe, expect, it } from "vitest";
import { describeExit, liveChildGroups, spawnChild } from "./child.ts";

describe("describeExit", () => {
  it("says how a process ended, including a wrapper's 128 + signal exit code", () => {
    expect(describeExit({ code: 3, signal: null })).toBe("exit code 3");
    expect(describeExit({ code: null, signal: "SIGKILL" })).toBe("killed by SIGKILL");
    expect(describeExit({ code: 137, signal: null })).toBe("exit code 137: what it ran was killed by SIGKILL");
    expect(describeExit({ code: null, signal: null, error: "spawn nope ENOENT" })).toBe(
      "could not start: spawn nope ENOENT",
    );
  });
});

describe("spawnChild", () => {
  it("keeps the last output lines, split across chunks, and forgets the child once it exited", async () => {
    const child = spawnChild({
      name: "printer",
      command: process.execPath,
      args: [
        "-e",
        "for (let i = 1; i <= 5; i++) process.stdout.write(`line ${i}\\n`); process.stdout.write('no newline')",
      ],
      keepLines: 3,
    });
    expect(liveChildGroups()).toContain(child.pid);
    expect(await child.exited).toEqual({ code: 0, signal: null });
    expect(child.lastLines()).toEqual(["line 4", "line 5", "no newline"]);
    expect(liveChildGroups()).not.toContain(child.pid);
  });

  it("reports a command that cannot be started", async () => {
    const child = spawnChild({ name: "ghost", command: "/nonexistent/markspace-command", args: [] });
    const exit = await child.exited;
    expect(exit.error).toMatch(/ENOENT/);
    expect(describeExit(exit)).toMatch(/^could not start: /);
  });
});
