import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { repoRoot } from "./paths.ts";

/** Entry points of the CLIs the stack runs, started with this same Node (24) binary. */
export const bins = {
  node: process.execPath,
  tsx: join(repoRoot, "node_modules/tsx/dist/cli.mjs"),
  hardhat: join(repoRoot, "node_modules/hardhat/dist/src/cli.js"),
  next: join(repoRoot, "node_modules/next/dist/bin/next"),
} as const;

/**
 * Node arguments that run a TypeScript file through tsx's loader in ONE process (the `tsx`
 * command starts a second one), so a signal or exit status is the script's own.
 */
export function tsxArgs(script: string, ...args: string[]): string[] {
  return ["--import", pathToFileURL(join(repoRoot, "node_modules/tsx/dist/loader.mjs")).href, script, ...args];
}
