import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { computeRawCid } from "@markspace/ipfs/client";
import { EMPTY_ROOM } from "@markspace/ipfs/manifest";
import { checkerPng } from "../testing/gltf-fixtures.ts";

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

  it("renders a manifest's picture fetched verified from --gateway, and refuses bytes that are not its CID", async () => {
    const picture = checkerPng(2, 4, [200, 30, 30], [30, 30, 200]);
    const cid = await computeRawCid(picture);
    let served: Uint8Array = picture;
    const gateway = createServer((request, response) => {
      if (request.url?.startsWith(`/ipfs/${cid}`)) response.end(Buffer.from(served));
      else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => gateway.listen(0, "127.0.0.1", resolve));
    try {
      const manifest = join(dir, "unit.json");
      writeFileSync(
        manifest,
        JSON.stringify({
          ...EMPTY_ROOM,
          images: [{ image: cid, wall: "north", offset: [0, 1.5], width: 1, height: 1 }],
        }),
      );
      const url = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`;
      const args = ["--manifest", manifest, "--gateway", url, "--out", join(dir, "unit.png")];
      const small = ["--width", "8", "--height", "8", "--spp", "1", "--tile", "8", "--threads", "1"];
      const { stdout } = await run([...args, ...small]);
      expect(stdout.match(/^tile .* 0x[0-9a-f]{64}$/gm)).toHaveLength(1);
      served = checkerPng(2, 4, [0, 0, 0], [0, 0, 0]);
      await expect(run([...args, ...small])).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining(cid) });
    } finally {
      gateway.close();
    }
  });

  it("exits 2 naming a bad flag", async () => {
    await expect(run(["--out", join(dir, "x.png"), "--spp", "many"])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--spp must be a whole number, got "many"'),
    });
  });
});
