/**
 * The Worker and Scheduler commands at their boundary: help, refused flags and environment (exit
 * 2, naming what is wrong), and an unreachable chain. Running them against a chain is
 * `test/render-network.test.ts` (the libraries) and `npm start` (the commands).
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const dir = mkdtempSync(join(tmpdir(), "render-node-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(command: "worker" | "scheduler", args: string[], env: Record<string, string> = {}) {
  const cli = fileURLToPath(new URL(`./${command}.ts`, import.meta.url));
  const { MARKSPACE_RENDER_KEY: _key, ...inherited } = process.env;
  return promisify(execFile)(process.execPath, ["--import", "tsx", cli, ...args], {
    env: { ...inherited, ...env },
  });
}

/** A port nothing listens on (the discard port, never served here). */
const DEAD_RPC = "http://127.0.0.1:9";

describe("render node commands", () => {
  for (const command of ["worker", "scheduler"] as const) {
    it(`${command} --help lists the flags and exits 0`, async () => {
      const { stdout } = await run(command, ["--help"]);
      expect(stdout).toContain(`render-network/src/cli/${command}.ts --data-dir <dir>`);
      expect(stdout).toContain("--key-file <file>");
      expect(stdout).toContain("--test-account <n>");
    });
  }

  it("exits 2 naming an unknown flag", async () => {
    await expect(run("worker", ["--data-dir", dir, "--speed", "11"])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining("--speed"),
    });
  });

  it("exits 2 without a data directory", async () => {
    await expect(run("scheduler", ["--rpc-url", DEAD_RPC])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining("--data-dir is required"),
    });
  });

  it("exits 2 naming the RPC URL when no chain answers", async () => {
    await expect(
      run("worker", ["--data-dir", dir, "--test-account", "1", "--rpc-url", DEAD_RPC]),
    ).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining(`No chain answers at ${DEAD_RPC}`),
    });
  });

  it("exits 2 on a bad --threads, --poll-ms or --stake before asking the chain anything", async () => {
    const account = ["--test-account", "1", "--rpc-url", DEAD_RPC];
    await expect(run("worker", ["--data-dir", dir, "--threads", "two", ...account])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--threads must be a whole number, got "two"'),
    });
    await expect(run("scheduler", ["--data-dir", dir, "--poll-ms=-5", ...account])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--poll-ms must be a whole number, got "-5"'),
    });
    await expect(run("scheduler", ["--data-dir", dir, "--stake", "1e6", ...account])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--stake must be a whole number of MRK, got "1e6"'),
    });
  });

  it("refuses a key file or MARKSPACE_RENDER_KEY that is not a key, and no account at all", async () => {
    const keyFile = join(dir, "key.txt");
    writeFileSync(keyFile, "not a key\n");
    await expect(
      run("worker", ["--data-dir", dir, "--key-file", keyFile, "--rpc-url", DEAD_RPC]),
    ).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining(`--key-file ${keyFile} does not hold a 0x-prefixed 32-byte key`),
    });
    await expect(
      run("worker", ["--data-dir", dir, "--rpc-url", DEAD_RPC], { MARKSPACE_RENDER_KEY: "0x1234" }),
    ).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining("MARKSPACE_RENDER_KEY does not hold") });
    await expect(run("worker", ["--data-dir", dir, "--rpc-url", DEAD_RPC])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining("No account: pass --key-file"),
    });
  });
});
