import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeRawCid } from "../client.ts";
import { MeshBuilder } from "../demo/mesh.ts";
import type { IpfsNode } from "../node.ts";
import { makeTempDir, startTestNode } from "../testing.ts";
import { runUploadCli } from "./cli.ts";

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runUploadCli(argv, { log: (line) => out.push(line), error: (line) => err.push(line) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("upload CLI", () => {
  let dir: Awaited<ReturnType<typeof makeTempDir>>;
  let node: IpfsNode;
  let model: string;

  beforeAll(async () => {
    dir = await makeTempDir();
    node = await startTestNode(join(dir.path, "ipfs"));
    model = join(dir.path, "stool.glb");
    const stool = new MeshBuilder({ wood: { color: "#a9794b", roughness: 0.7, metalness: 0 } })
      .cylinder("wood", { radiusBottom: 0.18, radiusTop: 0.18, height: 0.04, segments: 24 }, { at: [0, 0.45, 0] })
      .cylinder("wood", { radiusBottom: 0.02, radiusTop: 0.02, height: 0.45, segments: 8 }, { at: [0.1, 0, 0] })
      .cylinder("wood", { radiusBottom: 0.02, radiusTop: 0.02, height: 0.45, segments: 8 }, { at: [-0.1, 0, 0] });
    await writeFile(model, await stool.toGlb("stool"));
  });

  afterAll(async () => {
    await node?.stop();
    await dir?.remove();
  });

  it("reports, writes and adds an optimized model", async () => {
    const out = join(dir.path, "stool.min.glb");
    const result = await run(["model", model, "--meshopt", "--out", out, "--ipfs-api-url", node.apiUrl]);
    expect(result.err).toBe("");
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^stool\.glb: valid glTF 2\.0 \(Khronos validator 2\./);
    // Three cylinders with caps: (24 + 8 + 8 segments) × 2 sides and caps × 2 triangles.
    expect(result.out).toMatch(/before: \d+ bytes, 160 triangles, 1 draw call\n/);
    expect(result.out).toMatch(/after: {2}\d+ bytes, 160 triangles, 1 draw call\n/);
    const written = new Uint8Array(await readFile(out));
    expect(result.out).toContain(`added → ${await computeRawCid(written)}`);
  });

  it("exits 1 naming the asset when it is refused, and 2 on a bad command line", async () => {
    const text = join(dir.path, "notes.glb");
    await writeFile(text, "plain text");
    const refused = await run(["model", text]);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/^notes\.glb is not a valid glTF 2\.0 asset/);
    expect((await run(["sculpture", model])).code).toBe(2);
    expect((await run(["panorama", model, "--layout", "cubemap"])).err).toMatch(/--layout must be one of/);
    expect((await run(["model", join(dir.path, "missing.glb")])).code).toBe(1);
  });
});
