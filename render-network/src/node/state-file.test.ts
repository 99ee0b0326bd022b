import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { StateFile } from "./state-file.ts";

const dir = await mkdtemp(join(tmpdir(), "render-state-"));
afterAll(() => rm(dir, { recursive: true, force: true }));
const schema = z.object({ fromBlock: z.string(), salts: z.record(z.string(), z.string()) });

describe("StateFile", () => {
  it("starts from the initial value, saves, and reads back what it saved", async () => {
    const state = await StateFile.open(join(dir, "a"), "state.json", schema, { fromBlock: "0", salts: {} });
    state.value.salts["1:2:0"] = "0xabc";
    await state.save();
    const again = await StateFile.open(join(dir, "a"), "state.json", schema, { fromBlock: "9", salts: {} });
    expect(again.value).toEqual({ fromBlock: "0", salts: { "1:2:0": "0xabc" } });
    expect(JSON.parse(await readFile(join(dir, "a", "state.json"), "utf8"))).toEqual(again.value);
  });

  it("refuses a file that is not JSON or not this shape, naming the file", async () => {
    await writeFile(join(dir, "broken.json"), '{"fromBlock": "1", "salts": {\u0000');
    await expect(StateFile.open(dir, "broken.json", schema, { fromBlock: "0", salts: {} })).rejects.toThrow(
      `${join(dir, "broken.json")} is not a state file this version can read`,
    );
    await writeFile(join(dir, "shape.json"), JSON.stringify({ fromBlock: 1 }));
    await expect(StateFile.open(dir, "shape.json", schema, { fromBlock: "0", salts: {} })).rejects.toThrow(
      /shape\.json is not a state file this version can read/,
    );
  });
});
