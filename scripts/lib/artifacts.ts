import { MarkspaceError } from "@markspace/common/errors";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Abi, Hex } from "viem";
import { repoRoot } from "./paths.ts";

export type Artifact = { abi: Abi; bytecode: Hex };

/** Thrown when a compiled contract is missing; says how to produce it. */
export class MissingArtifactError extends MarkspaceError {
  override name = "MissingArtifactError";
}

/** Reads a compiled contract from Hardhat's artifacts; throws a fix-it hint when it is missing. */
export async function readArtifact(sourcePath: string, name: string): Promise<Artifact> {
  const file = join(repoRoot, "artifacts", sourcePath, `${name}.json`);
  try {
    return JSON.parse(await readFile(file, "utf8")) as Artifact;
  } catch (cause) {
    throw new MissingArtifactError({
      shortMessage: `Missing artifact ${file}`,
      hint: "Run `npm run build:contracts` first.",
      cause,
    });
  }
}
