import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const cli = fileURLToPath(new URL("./render.ts", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "render-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]) {
  return promisify(execFile)(process.execPath, ["--import", "tsx", cli, ...args]);
}

describe("render CLI", () => {
  it("writes a PNG of the reference room and prints one hash per tile", async () => {
    const out = join(dir, "room.png");
    const { stdout } = await run([
      "--out",
      out,
      "--width",
      "24",
      "--height",
      "16",
      "--spp",
      "1",
      "--tile",
      "8",
      "--threads",
      "1",
    ]);
    expect(stdout.match(/^tile .* 0x[0-9a-f]{64}$/gm)).toHaveLength(6);
    expect(readFileSync(out).subarray(1, 4).toString("latin1")).toBe("PNG");
  });

  it("exits 2 naming a bad flag", async () => {
    await expect(run(["--out", join(dir, "x.png"), "--spp", "many"])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--spp must be a whole number, got "many"'),
    });
  });
});
