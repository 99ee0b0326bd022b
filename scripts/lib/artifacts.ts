import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Abi, Hex } from "viem";
import { repoRoot } from "./paths.ts";

export type Artifact = { abi: Abi; bytecode: Hex };

/** Reads a compiled contract from Hardhat's artifacts; throws a fix-it hint when it is missing. */
export async function readArtifact(sourcePath: string, name: string): Promise<Artifact> {
  const file = join(repoRoot, "artifacts", sourcePath, `${name}.json`);
  try {
    const artifact = JSON.parse(await readFile(file, "utf8")) as Artifact;
    return artifact;
  } catch (cause) {
    throw new Error(`Missing artifact ${file}: run \`npm run build:contracts\` first`, { cause });
  }
}
