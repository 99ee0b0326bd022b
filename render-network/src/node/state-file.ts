/**
 * A node's own state on disk (a JSON file in its data directory), written atomically (temporary
 * file, then rename) so a crash never leaves half a file. A Worker keeps its commitments' salts
 * here before it sends a commitment: a restarted Worker can still reveal.
 */
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { z } from "zod";
import { RenderInvalidInputError } from "../errors.ts";

export class StateFile<T> {
  private constructor(
    private readonly path: string,
    private readonly schema: z.ZodType<T>,
    public value: T,
  ) {}

  /** Opens `name` in `dataDir`, or starts from `initial` when there is no file yet. */
  static async open<T>(dataDir: string, name: string, schema: z.ZodType<T>, initial: T): Promise<StateFile<T>> {
    const path = join(dataDir, name);
    let text: string | undefined;
    try {
      text = await readFile(path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
    if (text === undefined) return new StateFile(path, schema, initial);
    const refuse = (why: string) =>
      new RenderInvalidInputError({
        shortMessage: `${path} is not a state file this version can read: ${why}`,
        hint: "Move it away to start afresh (a Worker then cannot reveal what it committed before).",
      });
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw refuse((error as Error).message);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw refuse(parsed.error.issues[0]?.message ?? "unexpected shape");
    return new StateFile(path, schema, parsed.data);
  }

  async save(): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    const temporary = `${this.path}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(this.value, null, 2));
    await rename(temporary, this.path);
  }
}
